"""Type stubs of ``storyline``: see the docstrings in ``__init__.py``."""

import datetime
from typing import Any, Dict, Iterable, Iterator, List, Literal, Optional, Tuple, Union, overload

from ._storyline import SCHEMA_VERSION as SCHEMA_VERSION
from ._storyline import StorylineError as StorylineError

Input = Union[str, bytes, Dict[str, Any]]
DateLike = Union[str, datetime.date, None]
# An article with its own options: id, source, url, date, line.
Item = Union[Input, Tuple[Input, Dict[str, Any]]]

QUOTE_COLUMNS: List[str]

def analyze(
    text: Input,
    *,
    id: Optional[str] = None,
    date: DateLike = None,
    url: Optional[str] = None,
    source: Optional[str] = None,
    span_text: bool = False,
) -> Dict[str, Any]: ...
@overload
def analyze_many(
    articles: Iterable[Item],
    threads: Optional[int] = None,
    *,
    id: Optional[str] = None,
    date: DateLike = None,
    url: Optional[str] = None,
    source: Optional[str] = None,
    span_text: bool = False,
    raw: Literal[False] = False,
    errors: Literal["raise", "skip"] = "raise",
    unique_ids: bool = True,
) -> Iterator[Dict[str, Any]]: ...
@overload
def analyze_many(
    articles: Iterable[Item],
    threads: Optional[int] = None,
    *,
    id: Optional[str] = None,
    date: DateLike = None,
    url: Optional[str] = None,
    source: Optional[str] = None,
    span_text: bool = False,
    raw: Literal[True],
    errors: Literal["raise", "skip"] = "raise",
    unique_ids: bool = True,
) -> Iterator[str]: ...
@overload
def analyze_many(
    articles: Iterable[Item],
    threads: Optional[int] = None,
    *,
    id: Optional[str] = None,
    date: DateLike = None,
    url: Optional[str] = None,
    source: Optional[str] = None,
    span_text: bool = False,
    raw: bool = False,
    errors: Literal["return"],
    unique_ids: bool = True,
) -> Iterator[Union[Dict[str, Any], str, StorylineError]]: ...
def analyze_warc(
    data: bytes,
    *,
    source: Optional[str] = None,
    date: DateLike = None,
    threads: Optional[int] = None,
    span_text: bool = False,
    raw: bool = False,
    errors: Literal["raise", "skip", "return"] = "raise",
    unique_ids: bool = True,
) -> List[Any]: ...
def unique_ids(ids: Iterable[str]) -> List[Optional[str]]: ...
def with_unique_id(line: Union[str, bytes], unique: str) -> str: ...
def stories(
    articles: Iterable[Union[Dict[str, Any], str, bytes]], threads: Optional[int] = None
) -> List[Dict[str, Any]]: ...
def quote_rows(articles: Iterable[Dict[str, Any]]) -> Iterator[Dict[str, Any]]: ...
def quotes_frame(articles: Iterable[Dict[str, Any]]) -> Any: ...
