"""The Python package against the command line: the same articles, ids, stories; errors as
exceptions; order and chunking of analyze_many."""

import datetime
import json
import sys

import pytest

import storyline
from storyline import StorylineError

from conftest import PAGE, POLNEAR, REPO, warc_archive


def test_analyze_of_each_seed_is_the_cli_jsonl_line(cli, seeds):
    for path in seeds:
        want = cli.jsonl(str(path))
        assert len(want) == 1
        data = path.read_bytes()
        got = storyline.analyze(data, id=path.stem, source=str(path))
        assert got == want[0]
        # The same article from a str.
        assert storyline.analyze(data.decode("utf-8"), id=path.stem, source=str(path)) == want[0]
        assert got["quotes"] and got["entities"] and got["schema_version"] == storyline.SCHEMA_VERSION


def test_the_json_is_byte_for_byte_the_cli_line(cli, seeds):
    path = seeds[0]
    line = cli.run("analyze", "--format", "jsonl", "--quiet", str(path)).rstrip(b"\n").decode("utf-8")
    got = list(storyline.analyze_many([path.read_bytes()], id=path.stem, source=str(path), raw=True))
    # (a text article in a stream is `{id}-L{n}`; the cli names a file by its stem)
    assert got[0] == line.replace(f'"id":"{path.stem}"', f'"id":"{path.stem}-L1"', 1)
    assert got[0] != line


def test_span_text_is_that_of_the_cli(cli, seeds):
    path = seeds[1]
    want = cli.jsonl("--span-text", str(path))[0]
    got = storyline.analyze(path.read_bytes(), id=path.stem, source=str(path), span_text=True)
    assert got == want
    assert all(q["text"] for q in got["quotes"])


def test_date_option_is_the_cli_date_but_for_the_warning(cli, tmp_path):
    undated = tmp_path / "undated.txt"
    undated.write_text('Talks resume\n\n"We will meet again soon," Mike Pompeo said on Sunday.\n')
    want = cli.jsonl("--date", "2018-09-24", str(undated))[0]
    for date in ("2018-09-24", datetime.date(2018, 9, 24)):
        got = storyline.analyze(undated.read_bytes(), id="undated", source=str(undated), date=date)
        assert got["published"] == want["published"] == "2018-09-24"
        assert got["published_source"] == "option"
        assert got["quotes"][0]["date"] == want["quotes"][0]["date"] == {"value": "2018-09-23", "source": "stated"} or \
            got["quotes"][0]["date"] == want["quotes"][0]["date"]
        assert got["quotes"][0]["speaker"] == "Mike Pompeo"
        # The warning names the option rather than --date.
        assert [w["code"] for w in got["warnings"]] == [w["code"] for w in want["warnings"]]
        strip = lambda a: {k: v for k, v in a.items() if k != "warnings"}
        assert strip(got) == strip(want)


def test_url_gives_the_url_and_its_date():
    text = "Budget passes\n\nThe council approved the budget, Mayor Jane Smith said.\n"
    a = storyline.analyze(text, url="https://example.com/news/2016/10/11/budget/")
    assert a["url"] == "https://example.com/news/2016/10/11/budget/"
    assert (a["published"], a["published_source"]) == ("2016-10-11", "url")
    # A date of the article's own wins over the address's.
    dated = "Budget passes\n\nOctober 12, 2016\n\nThe council approved the budget, Mayor Jane Smith said.\n"
    b = storyline.analyze(dated, url="https://example.com/news/2016/10/11/budget/")
    assert b["published"] == "2016-10-12"


def test_a_json_record_and_a_dict_are_records(cli, tmp_path):
    record = {
        "id": "r1",
        "title": "Talks resume",
        "maintext": '"We will meet again soon," US Secretary of State Mike Pompeo said on Sunday.',
        "date_publish": "2018-09-24 10:00:00",
        "url": "https://example.com/2018/09/24/talks",
    }
    f = tmp_path / "records.jsonl"
    f.write_text(json.dumps(record) + "\n")
    want = cli.jsonl(str(f))[0]
    assert storyline.analyze(json.dumps(record)) == want
    assert storyline.analyze(record) == want
    assert want["id"] == "r1" and want["quotes"][0]["speaker"] == "Mike Pompeo"


def test_html_is_read_as_a_page(cli, tmp_path):
    page = (
        "<!doctype html><html><head><title>Talks resume | Example News</title>"
        '<meta property="article:published_time" content="2018-09-24T08:00:00Z"></head>'
        "<body><article><h1>Talks resume</h1>"
        '<p>"We will meet again soon," US Secretary of State Mike Pompeo said on Sunday.</p>'
        "<p>North Korea's leader Kim Jong Un did not comment on the talks with Washington.</p>"
        "</article></body></html>"
    )
    f = tmp_path / "page.html"
    f.write_text(page)
    want = cli.jsonl(str(f))[0]
    got = storyline.analyze(page.encode(), id="page", source=str(f))
    assert got == want
    assert got["title"] == "Talks resume"
    assert got["quotes"][0]["speaker"] == "Mike Pompeo"


def test_analyze_warc_is_the_cli_on_the_archive(cli, tmp_path):
    pages = [(f"talks-{i}", PAGE.format(title=f"Talks resume {i}").encode()) for i in range(3)]
    data = warc_archive(pages)
    f = tmp_path / "crawl.warc.gz"
    f.write_bytes(data)
    want = cli.jsonl(str(f))
    assert len(want) == 3
    got = storyline.analyze_warc(data, source=str(f))
    assert got == want
    assert [a["url"] for a in got] == [f"https://pages.example/talks-{i}" for i in range(3)]
    assert got[0]["quotes"][0]["speaker"] == "Mike Pompeo"
    raw = storyline.analyze_warc(data, source=str(f), raw=True, threads=1)
    assert [json.loads(l) for l in raw] == want
    # A damaged archive: its bad record is an error, the pages before it kept.
    cut = data[: len(data) - 40]
    assert storyline.analyze_warc(cut, errors="skip") == want[:2]
    with pytest.raises(StorylineError):
        storyline.analyze_warc(cut)
    with pytest.raises(TypeError, match="bytes"):
        storyline.analyze_warc("not bytes")


def test_analyze_many_is_the_cli_on_a_jsonl_file_in_order(cli, seeds, tmp_path):
    # More articles than a chunk (128 per thread), duplicates and records without an id.
    texts = [p.read_text() for p in seeds]
    records = []
    for i in range(300):
        r = {"title": f"Story {i}", "maintext": texts[i % len(texts)]}
        if i % 3 == 0:
            r["id"] = f"doc{i // 6}"  # each id twice: the second is doc…~2
        records.append(r)
    f = tmp_path / "corpus.jsonl"
    f.write_text("".join(json.dumps(r) + "\n" for r in records))
    want = cli.jsonl(str(f))
    assert len(want) == 300
    lines = f.read_text().splitlines()
    for threads in (1, 2):
        got = list(storyline.analyze_many(lines, threads, id="corpus", source=str(f)))
        assert [a["id"] for a in got] == [a["id"] for a in want]
        assert got == want
    assert want[3]["id"] == "doc0~2" and any(w["code"] == "duplicate_id" for w in want[3]["warnings"])
    assert want[1]["id"] == "corpus-L2"
    # Dicts are records too, and a generator is read lazily.
    got = list(storyline.analyze_many((r for r in records), 2, id="corpus", source=str(f)))
    assert [a["title"] for a in got] == [f"Story {i}" for i in range(300)]


def test_analyze_many_items_with_their_own_options_are_the_cli_on_files(cli, seeds):
    want = cli.jsonl(*map(str, seeds))
    items = [(p.read_bytes(), {"id": p.stem, "source": str(p)}) for p in seeds]
    assert list(storyline.analyze_many(items, 2)) == want
    # Mixed with plain items, which keep their place's name.
    mixed = list(storyline.analyze_many([seeds[0].read_bytes(), items[1]], 1, id="s"))
    assert mixed[0]["id"] == "s-L1" and mixed[1] == want[1]
    with pytest.raises(TypeError, match="unknown option"):
        list(storyline.analyze_many([("text", {"name": "x"})]))
    with pytest.raises(StorylineError, match="YYYY-MM-DD"):
        list(storyline.analyze_many([("Bob said so.", {"date": "soon"})]))


def test_analyze_many_of_texts_names_them_by_place(seeds):
    data = [p.read_bytes() for p in seeds]
    got = list(storyline.analyze_many(data * 2, threads=2, id="batch"))
    assert [a["id"] for a in got] == [f"batch-L{i + 1}" for i in range(len(data) * 2)]
    alone = storyline.analyze(data[0], id="batch-L1")
    assert got[0] == alone
    assert got[len(data)]["quotes"] == got[0]["quotes"]


def test_stories_are_those_of_the_cli(cli, seeds, tmp_path):
    report = cli.report("analyze", "--format", "json", "--quiet", *map(str, seeds))
    articles = [storyline.analyze(p.read_bytes(), id=p.stem, source=str(p)) for p in seeds]
    got = storyline.stories(articles)
    assert got == report["stories"]
    assert len(got) >= 1 and got[0]["statements"]
    # From the JSON lines as well (str and bytes), and as `storyline stories` reads them.
    mapped = tmp_path / "map.jsonl"
    mapped.write_bytes(cli.run("analyze", "--format", "jsonl", "--quiet", *map(str, seeds)))
    lines = mapped.read_text().splitlines()
    assert storyline.stories(lines) == got
    assert storyline.stories([l.encode() for l in lines]) == got
    assert cli.report("stories", "--format", "json", "--quiet", str(mapped))["stories"] == got


def test_stories_make_ids_unique_as_the_cli(cli, seeds, tmp_path):
    mapped = tmp_path / "map.jsonl"
    mapped.write_bytes(cli.run("analyze", "--format", "jsonl", "--quiet", str(seeds[0])))
    twice = tmp_path / "twice.jsonl"
    twice.write_bytes(mapped.read_bytes() * 2)
    want = cli.report("stories", "--format", "json", "--quiet", str(twice))["stories"]
    got = storyline.stories(twice.read_text().splitlines())
    assert got == want
    assert any("~2" in json.dumps(s) for s in got)


def test_bad_input_raises_with_the_reason():
    with pytest.raises(StorylineError) as e:
        storyline.analyze("   ")
    assert str(e.value) == "empty input (no text to read)"
    with pytest.raises(StorylineError) as e:
        storyline.analyze("", source="page.txt")
    assert str(e.value).startswith("page.txt: empty input")
    with pytest.raises(StorylineError, match="empty|no text"):
        storyline.analyze("   \n ")
    with pytest.raises(StorylineError, match="line 1"):
        storyline.analyze('{"title": "cut record", "maintext": ')
    with pytest.raises(StorylineError, match="YYYY-MM-DD"):
        storyline.analyze("Some text said Bob.", date="24/09/2018")
    with pytest.raises(StorylineError, match="February 2018 has 28 days"):
        storyline.analyze("Some text said Bob.", date="2018-02-30")
    with pytest.raises(TypeError, match="str, bytes or dict"):
        storyline.analyze(42)
    assert issubclass(StorylineError, ValueError)
    with pytest.raises(StorylineError, match=r"article 1 \(0-based\) is not an analysed article"):
        storyline.stories([storyline.analyze("Kim said so, Bob said.", id="a"), {"id": "x"}])
    with pytest.raises(StorylineError, match="not an analysed article"):
        storyline.stories(["not json"])
    with pytest.raises(ValueError, match="threads"):
        list(storyline.analyze_many(["x"], threads=0))
    # Binary junk and huge inputs are errors, not crashes.
    with pytest.raises(StorylineError):
        storyline.analyze(b"\x00" * 1000)
    with pytest.raises(StorylineError, match="exceeds|limit|large"):
        storyline.analyze("a" * (17 * 1024 * 1024))


def _same(got, line):
    """`got` is `json.loads(line)`, member order included."""
    want = json.loads(line)
    assert got == want
    assert json.dumps(got) == json.dumps(want)


def test_dicts_are_json_loads_of_the_lines_on_polnear_dev(cli):
    # The dicts are made in Rust from the analysis, not parsed from the JSON line: a real corpus
    # (84 articles), as dicts, as lines and from the command line.
    paths = sorted((POLNEAR / "dev" / "text").glob("*.txt"))
    if not paths:
        pytest.skip(f"no PolNeAR dev texts under {POLNEAR}")
    items = [(p.read_bytes(), {"id": p.stem, "source": str(p)}) for p in paths]
    for span_text in (False, True):
        dicts = list(storyline.analyze_many(items, 2, span_text=span_text))
        lines = list(storyline.analyze_many(items, 1, span_text=span_text, raw=True))
        assert len(dicts) == len(lines) == len(paths)
        for d, line in zip(dicts, lines):
            _same(d, line)
        want = cli.jsonl(*(["--span-text"] if span_text else []), *map(str, paths))
        assert dicts == want
        assert sum(len(d["quotes"]) for d in dicts) > 100
        assert storyline.analyze(items[0][0], id=paths[0].stem, source=str(paths[0]), span_text=span_text) == want[0]


def _odd(k):
    """A string with control characters, quotes, backslashes, DEL and non-ASCII text."""
    parts = ["x" * (k % 19), chr(k % 0x20), ['"', "\\", "\x7f", "é", "—", "\u2028", "🙂", "/"][k % 8]]
    return "".join(p for _ in range(3) for p in parts) + f"{k}"


def test_dicts_of_every_field_variant_and_number_are_json_loads_of_the_line():
    from storyline import _storyline

    stamp = "2018-09-23T09:05:07-05:30"
    roles = ["title", "standfirst", "metadata", "body", "caption", "boilerplate"]
    confidences = [1.0, 0.1, 0.3333333, 1e-07, 123456.78, -0.0, 0.75, 3.4028235e38]
    big = 2**64 - 1
    for seed, origin in enumerate(["text", "record", "url", "file_name", "updated", "option", "page", "archive", None]):
        s = lambda k: _odd(seed * 31 + k)
        article = {
            "schema_version": storyline.SCHEMA_VERSION, "id": s(0), "source": s(1),
            "url": s(2) if seed % 3 else None, "title": s(3), "standfirst": s(4) if seed % 2 else None,
            "published": stamp if seed % 2 else "2018-09-23", "published_source": origin,
            "updated": "2018-09-01T10:00Z" if seed % 2 else None, "authors": [s(5), ""],
            "publisher": s(6), "language": "en", "text": s(7),
            "dateline": {"text": s(8), "start": 0, "end": big, "place": s(9), "date_text": None,
                         "date": stamp, "credit": s(10)} if seed % 2 else None,
            "paragraphs": [{"role": r, "start": i, "end": i * 1000, **({"text": s(11 + i)} if (i + seed) % 2 else {})}
                           for i, r in enumerate(roles)],
            "sentences": [{"start": 1, "end": 22, "paragraph": 3, **({"first_token": 0, "end_token": 4} if seed % 2 else {})}],
            "entities": [{"name": s(20 + i), "type": t, "aliases": [s(30 + i)] * i, "roles": [s(40 + i)] * (3 - i),
                          "mentions": [{"start": j, "end": j + 1, **({"text": s(50 + j)} if j % 2 else {}),
                                        "kind": ["name", "pronoun", "descriptor", "demonym"][(i + j) % 4],
                                        "confidence": confidences[j]} for j in range(8)]}
                         for i, t in enumerate(["PER", "ORG", "LOC", "MISC"])],
            "quotes": [{"kind": kind, "act": ["speech", "writing", "thought", "other"][(i + seed) % 4],
                        **({"text": s(60 + i)} if i else {}), "start": i, "end": 99,
                        "content": [{"start": 1, "end": 2}, {"start": 3, "end": big}],
                        "speaker": s(70 + i) if i != 1 else None, "speaker_entity": i if i != 2 else None,
                        "speaker_mention": {"text": s(80 + i), "start": 5, "end": 6} if i else None,
                        "speaker_confidence": [0.75, None, 0.1][i],
                        "cue": {"text": s(90 + i), "lemma": s(95 + i), "start": 7, "end": 8} if i != 1 else None,
                        "date": [{"value": s(100), "source": "stated"}, {"value": "2018-09-23", "source": "article"}, None][i],
                        "venue": s(110) if i == 2 else None, "about": [s(115 + k) for k in range(i)]}
                       for i, kind in enumerate(["direct", "indirect", "mixed"])],
            "timexes": [{**({"text": s(120 + i)} if i % 2 else {}), "type": t, "value": s(130 + i), "start": i, "end": i + 2}
                        for i, t in enumerate(["DATE", "TIME", "DURATION", "SET"])],
        }
        if seed % 2:
            article["tokens"] = [{"start": 0, "end": 3}, {"start": 4, "end": 10}]
            article["warnings"] = [{"code": s(140), "message": s(141)}]
        line = json.dumps(article, ensure_ascii=False)
        got, again = _storyline._dict_of_json(line)
        _same(got, again)
        # Every member kept (the line is written in the model's member order).
        assert got == json.loads(line)
    # Numbers as the line writes them: an f32 as its shortest form, not its exact value.
    a = storyline.analyze("Kim Jong Un said talks would go on.")
    a["entities"][0]["mentions"][0]["confidence"] = 0.123456789
    got, again = _storyline._dict_of_json(json.dumps(a))
    _same(got, again)
    assert got["entities"][0]["mentions"][0]["confidence"] == 0.12345679


def test_ids_made_unique_over_runs_are_those_of_the_cli(cli, seeds, tmp_path):
    # Two runs with their articles' own ids (as two Spark partitions), then made unique over
    # both: the command line's lines on the whole file.
    texts = [p.read_text() for p in seeds]
    ids = ["a", "b", "a", "a~2", "b"]
    f = tmp_path / "records.jsonl"
    f.write_text("".join(json.dumps({"id": i, "maintext": texts[k % 2]}) + "\n" for k, i in enumerate(ids)))
    want = cli.run("analyze", "--format", "jsonl", "--quiet", str(f)).decode("utf-8").splitlines()
    items = [(line, {"line": k + 1}) for k, line in enumerate(f.read_text().splitlines())]
    got = []
    for part in (items[:2], items[2:]):
        got += storyline.analyze_many(part, 1, source=str(f), raw=True, unique_ids=False)
    assert [json.loads(l)["id"] for l in got] == ids
    given = storyline.unique_ids(json.loads(l)["id"] for l in got)
    assert given == [None, None, "a~2", "a~2~2", "b~2"]
    fixed = [storyline.with_unique_id(l, u) if u else l for l, u in zip(got, given)]
    assert fixed == want
    assert [json.loads(l)["id"] for l in want] == [u or i for i, u in zip(ids, given)]
    # One run makes them unique itself.
    assert list(storyline.analyze_many(items, 2, source=str(f), raw=True)) == want


def test_analyze_many_errors_raise_skip_or_return():
    items = ["Kim Jong Un said talks would go on.", "", "Bob Smith said no, the mayor said."]
    with pytest.raises(StorylineError, match=r"article 1 \(0-based\)"):
        list(storyline.analyze_many(items))
    skipped = list(storyline.analyze_many(items, errors="skip"))
    assert [a["id"] for a in skipped] == ["article-L1", "article-L3"]
    returned = list(storyline.analyze_many(items, errors="return"))
    assert isinstance(returned[1], StorylineError) and returned[2]["id"] == "article-L3"
    with pytest.raises(ValueError, match="errors must be"):
        storyline.analyze_many(items, errors="ignore")
    assert list(storyline.analyze_many([])) == []


def test_quotes_frame_has_a_row_per_quote(seeds):
    pd = pytest.importorskip("pandas")
    articles = [storyline.analyze(p.read_bytes(), id=p.stem) for p in seeds]
    frame = storyline.quotes_frame(articles)
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == storyline.QUOTE_COLUMNS
    assert len(frame) == sum(len(a["quotes"]) for a in articles) > 0
    first = articles[0]
    q = first["quotes"][0]
    row = frame.iloc[0]
    assert row["article"] == first["id"] and row["speaker"] == q["speaker"]
    assert row["text"] == first["text"].encode()[q["start"] : q["end"]].decode()
    # Spans are byte offsets: texts with non-ASCII characters are cut right.
    full = [storyline.analyze(p.read_bytes(), id=p.stem, span_text=True) for p in seeds]
    assert list(storyline.quotes_frame(full)["text"]) == list(frame["text"])
    assert list(frame["text"]) == [q["text"] for a in full for q in a["quotes"]]


def test_quotes_frame_without_pandas_is_a_clear_import_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        storyline.quotes_frame([])


def test_the_package_is_typed():
    root = REPO / "crates" / "python" / "python" / "storyline"
    assert (root / "py.typed").is_file() and (root / "__init__.pyi").is_file()
    import pathlib

    installed = pathlib.Path(storyline.__file__).parent
    assert (installed / "py.typed").is_file()
    assert storyline.analyze.__doc__ and "JSON" in storyline.analyze.__doc__


def test_the_module_needs_no_static_tls():
    # Its allocator (mimalloc) is built with `local_dynamic_tls`: a module that asks for static
    # TLS may fail to import ("cannot allocate memory in static TLS block") once other modules
    # have used the little glibc keeps for those loaded by dlopen.
    import shutil
    import subprocess

    from storyline import _storyline

    if not sys.platform.startswith("linux") or shutil.which("readelf") is None:
        pytest.skip("needs Linux and readelf")
    dynamic = subprocess.run(["readelf", "-d", _storyline.__file__], stdout=subprocess.PIPE, check=True).stdout
    assert b"STATIC_TLS" not in dynamic
