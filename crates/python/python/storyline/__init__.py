"""storyline: who said what, when — news articles analysed in Rust, from Python.

``analyze`` and ``analyze_many`` give the analysed article as a dict equal to ``json.loads`` of
the line ``storyline analyze --format jsonl`` writes for it (made in Rust from the same model),
or with ``raw=True`` as that line;
``stories`` groups analysed articles into stories (the reduce step, ``storyline stories``);
``quotes_frame`` makes a pandas DataFrame of their quotes.

The analysis runs in Rust with the GIL released, on a thread pool of its own. An article
that cannot be analysed raises :class:`StorylineError` (a ``ValueError``) naming the reason.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import threading as _threading
from typing import Any, Dict, Iterable, Iterator, List, Optional, Union

try:  # twice as fast as json.loads (for the stories; the articles' dicts are made in Rust)
    from orjson import loads as _loads
except ImportError:  # pragma: no cover - orjson is a dependency; installed with --no-deps
    _loads = _json.loads

from . import _storyline
from ._storyline import SCHEMA_VERSION, StorylineError

__all__ = [
    "SCHEMA_VERSION",
    "StorylineError",
    "analyze",
    "analyze_many",
    "analyze_warc",
    "stories",
    "unique_ids",
    "with_unique_id",
    "quotes_frame",
    "QUOTE_COLUMNS",
]

Input = Union[str, bytes, Dict[str, Any]]
DateLike = Union[str, _dt.date, None]

#: Articles handed to Rust at a time, per thread: memory stays bounded by a few such chunks.
_PER_THREAD = 128


def _date(date: DateLike) -> Optional[str]:
    if date is None or isinstance(date, str):
        return date
    if isinstance(date, _dt.datetime):
        date = date.date()
    if isinstance(date, _dt.date):
        return date.isoformat()
    raise TypeError(f"date must be a str (YYYY-MM-DD) or a datetime.date, got {type(date).__name__}")


def _bytes(item: Input) -> Union[str, bytes]:
    """An input as the Rust side takes it: str and bytes as they are, a dict as its JSON record."""
    if isinstance(item, (str, bytes)):
        return item
    if isinstance(item, (bytearray, memoryview)):
        return bytes(item)
    if isinstance(item, dict):
        return _json.dumps(item, ensure_ascii=False)
    raise TypeError(f"expected str, bytes or dict (a JSON record), got {type(item).__name__}")


def analyze(
    text: Input,
    *,
    id: Optional[str] = None,
    date: DateLike = None,
    url: Optional[str] = None,
    source: Optional[str] = None,
    span_text: bool = False,
) -> Dict[str, Any]:
    """Analyse one news article; the dict is the JSON of ``storyline analyze --format jsonl``.

    ``text`` is ``str`` or ``bytes``: the article as plain text (a scraped page: headline,
    date line, body), an HTML page (opening with ``<!doctype html``, ``<html`` or ``<head``),
    or one JSON crawler record (``title``, ``maintext``/``text``, ``date_publish``, ``url``,
    ``id``; a ``dict`` is taken as such a record).

    ``id``: the article's id when its bytes give none (default ``"article"``).
    ``date``: the publication date (``"YYYY-MM-DD"`` or a ``datetime.date``) of an article that
    carries none, as ``--date``. ``url``: its address, when its bytes give none (a date in its
    path is the publication date of last resort). ``source``: written as its ``source`` (the
    command line writes the file's path). ``span_text``: keep the text of every span, as
    ``--span-text``.

    Raises :class:`StorylineError` when the input is no article (empty, too large, a malformed
    record) or the date is malformed, and ``TypeError`` for an input of another type.
    """
    return _storyline.analyze_dict(_bytes(text), id, _date(date), url, source, span_text)


def analyze_many(
    articles: Iterable[Input],
    threads: Optional[int] = None,
    *,
    id: Optional[str] = None,
    date: DateLike = None,
    url: Optional[str] = None,
    source: Optional[str] = None,
    span_text: bool = False,
    raw: bool = False,
    errors: str = "raise",
    unique_ids: bool = True,
) -> Iterator[Any]:
    """Analyse many articles in parallel; yields one analysed article per input, in input order.

    The articles (each as :func:`analyze` takes it) are read from the iterable in chunks and
    analysed in Rust on ``threads`` threads (default: one per core) with the GIL released;
    the next chunk is analysed while the dicts of the last one are made (in Rust, straight from
    the analysis: no JSON in between) and read, so memory stays bounded by about three chunks
    (``128 × threads`` articles each) whatever the input's length.

    The articles are the lines of a stream named ``id`` (default ``"article"``): one that gives
    no id of its own is ``{id}-L{n}`` (``n`` from 1, as the lines of a JSONL file named
    ``{id}.jsonl`` for ``storyline analyze``), and ids are made unique across the run as the
    command line makes them (``x~2``, with a ``duplicate_id`` warning).

    An item may also be a pair ``(article, {"id": ..., "source": ..., "url": ..., "date": ...,
    "line": ...})`` giving that article its own options (any of them): a text file's stem as
    its id and its path as its source give what ``storyline analyze FILE`` gives.

    ``raw=True`` yields each article's JSON line (``str``, without the newline) instead of a
    dict: what to write to a JSONL file, without the cost of making dicts.

    ``errors``: what an article that cannot be analysed gives — ``"raise"`` (default) raises
    :class:`StorylineError` naming its place; ``"skip"`` leaves it out, as ``storyline analyze``
    does; ``"return"`` yields the :class:`StorylineError` in its place.

    ``unique_ids=False`` leaves every article its own id, repeated or not: for a caller that
    makes them unique over several runs (:func:`unique_ids`, :func:`with_unique_id`), as the
    Spark job does over its partitions.
    """
    if errors not in ("raise", "skip", "return"):
        raise ValueError(f'errors must be "raise", "skip" or "return", not {errors!r}')
    if threads is not None and (not isinstance(threads, int) or threads < 1):
        raise ValueError(f"threads must be a positive int or None, not {threads!r}")
    run = _storyline.Analysis(threads, id, _date(date), url, source, span_text, raw, unique_ids)
    return _results(run, iter(articles), errors)


_OWN_KEYS = ("id", "source", "url", "date", "line")


def analyze_warc(
    data: bytes,
    *,
    source: Optional[str] = None,
    date: DateLike = None,
    threads: Optional[int] = None,
    span_text: bool = False,
    raw: bool = False,
    errors: str = "raise",
    unique_ids: bool = True,
) -> List[Any]:
    """Analyse the pages of a WARC archive (``.warc``, or ``.warc.gz`` as Common Crawl writes
    it), given whole as ``bytes``: one analysed article per HTML response, in archive order, as
    ``storyline analyze ARCHIVE --format jsonl`` gives them (id: the ``WARC-Record-ID``; url and
    source: the ``WARC-Target-URI``). Records that are no HTML response are skipped.

    ``source`` names the archive in errors; ``date``, ``threads``, ``span_text``, ``raw``,
    ``errors`` and ``unique_ids`` as for :func:`analyze_many` (an unreadable record is an error
    in its place).
    """
    if errors not in ("raise", "skip", "return"):
        raise ValueError(f'errors must be "raise", "skip" or "return", not {errors!r}')
    if threads is not None and (not isinstance(threads, int) or threads < 1):
        raise ValueError(f"threads must be a positive int or None, not {threads!r}")
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"a WARC archive is bytes, not {type(data).__name__}")
    run = _storyline.Analysis(threads, None, _date(date), None, None, span_text, raw, unique_ids)
    return list(_finish(run.run_warc(bytes(data), source or ""), 0, errors))


def _item(item: Any) -> Any:
    """An input of analyze_many as (bytes or str, its own options or None)."""
    if isinstance(item, tuple):
        if len(item) != 2 or not isinstance(item[1], dict):
            raise TypeError("a tuple item of analyze_many is (article, {'id': ..., 'source': ..., ...})")
        article, own = item
        wrong = set(own) - set(_OWN_KEYS)
        if wrong:
            raise TypeError(f"unknown option(s) {sorted(wrong)} of an item; known: {list(_OWN_KEYS)}")
        return _bytes(article), (own.get("id"), own.get("source"), own.get("url"), _date(own.get("date")), own.get("line"))
    return _bytes(item), None


def _chunks(items: Iterator[Input], size: int) -> Iterator[Any]:
    chunk: List[Union[str, bytes]] = []
    own: List[Any] = []
    for item in items:
        data, options = _item(item)
        chunk.append(data)
        own.append(options)
        if len(chunk) >= size:
            yield chunk, (own if any(o is not None for o in own) else None)
            chunk, own = [], []
    if chunk:
        yield chunk, (own if any(o is not None for o in own) else None)


class _Ahead:
    """The analysis of one chunk on a thread of its own (Rust releases the GIL meanwhile)."""

    def __init__(self, run: Any, chunk: Any) -> None:
        self.result: Any = None
        self.error: Optional[BaseException] = None
        self.thread = _threading.Thread(target=self._run, args=(run, chunk), daemon=True)
        self.thread.start()

    def _run(self, run: Any, chunk: Any) -> None:
        try:
            self.result = run.run(*chunk)
        except BaseException as e:  # handed to the consumer
            self.error = e

    def get(self) -> List[Any]:
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.result


def _results(run: Any, items: Iterator[Input], errors: str) -> Iterator[Any]:
    size = _PER_THREAD * run.threads
    done = 0
    running: Optional[_Ahead] = None
    for chunk in _chunks(items, size):
        # The chunks are analysed one after the other (the ids and line numbers of a run follow
        # the input order); each one while the results of the one before are turned into dicts.
        results = running.get() if running is not None else None
        running = _Ahead(run, chunk)
        if results is not None:
            n = len(results)
            yield from _finish(results, done, errors)
            done += n
    if running is not None:
        yield from _finish(running.get(), done, errors)


def _finish(results: Iterable[Any], first: int, errors: str) -> Iterator[Any]:
    """The articles of a chunk (dicts, or JSON lines for a raw run), its errors as ``errors`` says."""
    for i, (ok, value) in enumerate(results):
        if ok:
            yield value
        elif errors == "raise":
            raise StorylineError(f"article {first + i} (0-based) of the input: {value}")
        elif errors == "return":
            yield StorylineError(f"article {first + i} (0-based) of the input: {value}")


def stories(articles: Iterable[Union[Dict[str, Any], str, bytes]], threads: Optional[int] = None) -> List[Dict[str, Any]]:
    """Group analysed articles into stories: the reduce step (``storyline stories``).

    ``articles`` are analysed articles, as :func:`analyze` gives them (dicts) or as JSON lines
    of ``storyline analyze --format jsonl`` (``str`` or ``bytes``). The grouping depends on
    their order, as for the command line: give them in the order they were analysed. Ids are
    made unique as the command line does. The result is the ``stories`` array of
    ``storyline analyze --format json`` on the same articles.

    Raises :class:`StorylineError` naming the first input that is not an analysed article.
    """
    lines = [a if isinstance(a, (str, bytes)) else _json.dumps(a, ensure_ascii=False) for a in articles]
    return _loads(_storyline.stories_json(lines, threads))


def unique_ids(ids: Iterable[str]) -> List[Optional[str]]:
    """The ids ``storyline analyze`` gives articles whose own ids are ``ids``, in this order:
    per article, ``None`` when it keeps its own, else the unique id it gets instead (``x~2``,
    ``x~3``, …, the first not taken) — to make ids unique over several runs made with
    ``unique_ids=False``, then give the articles concerned their ids with
    :func:`with_unique_id`."""
    return _storyline.unique_ids(list(ids))


def with_unique_id(line: Union[str, bytes], unique: str) -> str:
    """An analysed article's JSON line (``str`` or ``bytes``) with the id ``unique`` instead of
    its own and the ``duplicate_id`` warning ``storyline analyze`` then writes: the line the
    command line writes for that article (``str``, without the newline)."""
    return _storyline.with_unique_id(line, unique)


#: The columns of :func:`quotes_frame`, in order.
QUOTE_COLUMNS = ["speaker", "about", "kind", "act", "cue", "date", "article", "publisher", "text"]


def quote_rows(articles: Iterable[Dict[str, Any]]) -> Iterator[Dict[str, Any]]:
    """One dict per quote of the analysed articles, with the keys of :data:`QUOTE_COLUMNS`.

    ``speaker``: the resolved speaker (or ``None``); ``about``: the names the quote is about,
    joined by ``"; "``; ``kind`` (direct, indirect, mixed, …) and ``act`` (say, deny, …);
    ``cue``: the cue verb's lemma; ``date``: when it was said (``YYYY-MM-DD`` or coarser);
    ``article``: the article's id; ``publisher``; ``text``: the quote's text, cut from the
    article's text by its span.
    """
    for a in articles:
        text = a.get("text", "")
        encoded: Optional[bytes] = None
        for q in a.get("quotes", ()):
            quote_text = q.get("text")
            if quote_text is None:
                if encoded is None:
                    encoded = text.encode("utf-8")
                # (spans are byte offsets into the UTF-8 text)
                quote_text = encoded[q["start"] : q["end"]].decode("utf-8", errors="replace")
            cue = q.get("cue")
            date = q.get("date")
            yield {
                "speaker": q.get("speaker"),
                "about": "; ".join(q.get("about", ())),
                "kind": q.get("kind"),
                "act": q.get("act"),
                "cue": cue.get("lemma") if cue else None,
                "date": date.get("value") if date else None,
                "article": a.get("id"),
                "publisher": a.get("publisher"),
                "text": quote_text,
            }


def quotes_frame(articles: Iterable[Dict[str, Any]]) -> Any:
    """A pandas DataFrame with one row per quote of the analysed articles (see :func:`quote_rows`).

    Raises ``ImportError`` when pandas is not installed (``pip install pandas``).
    """
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError(
            "storyline.quotes_frame needs pandas, which is not installed: pip install pandas"
        ) from e
    return pd.DataFrame(list(quote_rows(articles)), columns=QUOTE_COLUMNS)
