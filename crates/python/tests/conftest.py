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
