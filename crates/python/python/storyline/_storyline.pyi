"""Type stubs of the native module ``storyline._storyline`` (PyO3): it only converts between
Python and the Rust crate ``storyline``; use the functions of ``storyline`` instead."""

from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

SCHEMA_VERSION: str

class StorylineError(ValueError):
    """An article that cannot be analysed, or input that is not an analysed article."""

def analyze_json(
    text: Union[str, bytes],
    id: Optional[str] = None,
    date: Optional[str] = None,
    url: Optional[str] = None,
    source: Optional[str] = None,
    span_text: bool = False,
) -> bytes: ...
def analyze_dict(
    text: Union[str, bytes],
    id: Optional[str] = None,
    date: Optional[str] = None,
    url: Optional[str] = None,
    source: Optional[str] = None,
    span_text: bool = False,
) -> Dict[str, Any]: ...
def _dict_of_json(line: Union[str, bytes]) -> Tuple[Dict[str, Any], bytes]: ...
def unique_ids(ids: Sequence[str]) -> List[Optional[str]]: ...
def with_unique_id(line: Union[str, bytes], unique: str) -> str: ...
def stories_json(articles: Sequence[Union[str, bytes]], threads: Optional[int] = None) -> str: ...

class Analysis:
    def __init__(
        self,
        threads: Optional[int] = None,
        id: Optional[str] = None,
        date: Optional[str] = None,
        url: Optional[str] = None,
        source: Optional[str] = None,
        span_text: bool = False,
        raw: bool = False,
        unique_ids: bool = True,
    ) -> None: ...
    @property
    def threads(self) -> int: ...
    def run(
        self,
        items: Sequence[Union[str, bytes]],
        overrides: Optional[
            Sequence[Optional[Tuple[Optional[str], Optional[str], Optional[str], Optional[str], Optional[int]]]]
        ] = None,
    ) -> Chunk: ...
    def run_warc(self, data: Union[str, bytes], source: str) -> Chunk: ...

class Chunk:
    """Per article of a chunk, in order: ``(True, dict)`` (``(True, str)``, its JSON line, for a
    raw run) or ``(False, reason)``; each made as it is read."""

    def __iter__(self) -> Chunk: ...
    def __next__(self) -> Tuple[bool, Union[Dict[str, Any], str]]: ...
    def __len__(self) -> int: ...
