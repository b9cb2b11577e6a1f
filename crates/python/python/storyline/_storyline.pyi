"""Type stubs of the native module ``storyline._storyline`` (PyO3): it only converts between
Python and the Rust crate ``storyline``; use the functions of ``storyline`` instead."""

from typing import List, Optional, Sequence, Tuple, Union

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
    ) -> None: ...
    @property
    def threads(self) -> int: ...
    def run(
        self,
        items: Sequence[Union[str, bytes]],
        overrides: Optional[
            Sequence[Optional[Tuple[Optional[str], Optional[str], Optional[str], Optional[str], Optional[int]]]]
        ] = None,
    ) -> List[Tuple[bool, Union[bytes, str]]]: ...
    def run_warc(self, data: Union[str, bytes], source: str) -> List[Tuple[bool, Union[bytes, str]]]: ...
