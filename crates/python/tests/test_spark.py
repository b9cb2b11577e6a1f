"""The Spark job (examples/spark/analyze_corpus.py) in local mode on PolNeAR train and a WARC
archive: its analysed JSONL is byte for byte that of `storyline analyze --format jsonl`, its
quotes table has every quote, and its stories equal those of `storyline analyze --format json`
on the same files.

Selected with `pytest -m spark`; needs pyspark and Java. Skipped when the data or Spark is
missing, unless STORYLINE_REQUIRE_SPARK=1 (as in .ci/run), where that is a failure.
"""

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import PAGE, POLNEAR, REPO, warc_archive

pytestmark = pytest.mark.spark

REQUIRED = os.environ.get("STORYLINE_REQUIRE_SPARK") == "1"


def _missing(what):
    if REQUIRED:
        pytest.fail(f"{what} (STORYLINE_REQUIRE_SPARK=1)")
    pytest.skip(what)


def test_spark_job_on_polnear_train_gives_the_cli_stories(cli, tmp_path):
    train = POLNEAR / "train" / "text"
    if not train.is_dir():
        _missing(f"{train} is absent (the shared data is not next to the workspace)")
    try:
        import pyspark  # noqa: F401
    except ImportError:
        _missing("pyspark is not installed")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        _missing("no Java (java on PATH or JAVA_HOME) for Spark")

    # Articles whose ids earlier ones have, in other partitions: two train texts again (their
    # stems), a JSONL record with a train text's stem and two with the same id. The command line
    # makes them `x~2` over the whole input; so must the job over its partitions.
    texts = sorted(train.glob("*.txt"))
    again = tmp_path / "again"
    again.mkdir()
    for p in texts[:2]:
        shutil.copy(p, again / p.name)
    records = tmp_path / "records.jsonl"
    body = texts[5].read_text()
    records.write_text("".join(json.dumps({"id": i, "maintext": body}) + "\n" for i in (texts[2].stem, "rec", "rec")))
    # And a WARC archive after the texts (as `analyze` reads them: in the order given).
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(warc_archive([(f"talks-{i}", PAGE.format(title=f"Talks resume {i}").encode()) for i in range(3)]))
    out = tmp_path / "out"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    done = subprocess.run(
        [sys.executable, str(REPO / "examples" / "spark" / "analyze_corpus.py"), "--master", "local[2]",
         str(train), str(again), str(records), str(archive), "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-4000:]
    numbers = json.loads(done.stdout.decode().strip().splitlines()[-1])
    print("spark job:", numbers)
    assert numbers["articles"] == 848 and numbers["errors"] == 0

    # The map output: the command line's JSONL, in input order across the part files.
    parts = sorted((out / "analysed").glob("part-*"))
    assert len(parts) > 1
    mapped = b"".join(p.read_bytes() for p in parts)
    inputs = [str(train), str(again), str(records), str(archive)]
    assert mapped == cli.run("analyze", "--format", "jsonl", "--quiet", *inputs)
    assert mapped.count(b"\n") == 848 and b"https://pages.example/talks-2" in mapped.splitlines()[-1]
    assert mapped.count(b'"code":"duplicate_id"') == 4
    assert f'"id":"{texts[2].stem}~2"'.encode() in mapped and b'"id":"rec~2"' in mapped

    # The reduce step: the stories of `analyze --format json` on the same files.
    want = cli.report("analyze", "--format", "json", "--quiet", *inputs)["stories"]
    got = json.loads((out / "stories.json").read_text())
    assert len(got) == numbers["stories"] > 10
    assert got == want

    # One row per quote.
    pd = pytest.importorskip("pandas")
    quotes = pd.read_parquet(out / "quotes.parquet")
    articles = [json.loads(l) for l in mapped.splitlines()]
    assert len(quotes) == sum(len(a["quotes"]) for a in articles) > 1000
    assert set(quotes["article"]) <= {a["id"] for a in articles}
    assert quotes["speaker"].notna().sum() > len(quotes) / 2
