"""Shared fixtures: the repository, the seeds, and the `storyline` command line to compare with."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
POLNEAR = REPO.parent / "shared" / "data" / "polnear"


def _cli_path() -> Path:
    """The `storyline` binary: $STORYLINE_BIN, else the workspace's release or debug build."""
    given = os.environ.get("STORYLINE_BIN")
    if given:
        return Path(given)
    for profile in ("release", "debug"):
        p = REPO / "target" / profile / "storyline"
        if p.is_file():
            return p
    found = shutil.which("storyline")
    if found:
        return Path(found)
    raise RuntimeError(
        "no storyline binary to compare with: build it (cargo build --release --locked -p storyline-cli) "
        "or set STORYLINE_BIN"
    )


class Cli:
    def __init__(self, path: Path) -> None:
        self.path = path

    def run(self, *args: str, input: bytes = None) -> bytes:
        done = subprocess.run(
            [str(self.path), *args], input=input, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False
        )
        assert done.returncode == 0, f"storyline {args}: exit {done.returncode}: {done.stderr.decode(errors='replace')}"
        return done.stdout

    def jsonl(self, *args: str) -> list:
        return [json.loads(l) for l in self.run("analyze", "--format", "jsonl", "--quiet", *args).splitlines()]

    def report(self, *args: str) -> dict:
        return json.loads(self.run(*args))


@pytest.fixture(scope="session")
def cli() -> Cli:
    return Cli(_cli_path())


@pytest.fixture(scope="session")
def seeds() -> list:
    assert len(SEEDS) >= 2, f"the seeds are in {REPO / 'seeds'}"
    return SEEDS


def warc_record(kind: str, n: int, uri: str, content_type: str, block: bytes) -> bytes:
    """One WARC record in a gzip member of its own, as Common Crawl writes them."""
    import gzip

    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:5e2a0c1e-0000-4000-8000-{n:012}>\r\n"
        f"WARC-Date: 2019-11-20T08:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + block + b"\r\n\r\n")


def warc_archive(pages) -> bytes:
    """A .warc.gz of `pages` ((name, html bytes)): a warcinfo, then a request and a response each."""
    out = warc_record("warcinfo", 0, "", "application/warc-fields", b"software: storyline tests\r\n")
    for i, (name, html) in enumerate(pages):
        uri = f"https://pages.example/{name}"
        out += warc_record("request", 2 * i + 1, uri, "application/http; msgtype=request", b"GET / HTTP/1.1\r\n\r\n")
        response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
        out += warc_record("response", 2 * i + 2, uri, "application/http; msgtype=response", response)
    return out


PAGE = (
    "<!doctype html><html><head><title>{title} | Example News</title>"
    '<meta property="article:published_time" content="2018-09-24T08:00:00Z"></head>'
    "<body><article><h1>{title}</h1>"
    '<p>"We will meet again soon," US Secretary of State Mike Pompeo said on Sunday about {title}.</p>'
    "<p>North Korea's leader Kim Jong Un did not comment on the talks with Washington.</p>"
    "</article></body></html>"
)
