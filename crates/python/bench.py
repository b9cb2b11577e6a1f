"""Throughput of storyline.analyze_many against the command line, on the corpus of
`cargo xtask bench` (PolNeAR train and dev texts and the seeds, repeated with distinct ids
into one JSONL file of `{"id", "maintext"}` records, as xtask/src/bench_corpus.rs builds it).

    python crates/python/bench.py --size 20 --threads 1 2 --runs 3

For each thread count: `storyline analyze --format jsonl --threads N` (output to /dev/null),
`analyze_many(lines, N)` making every dict, and `analyze_many(lines, N, raw=True)` (the JSON
lines, as the Spark job writes them). Wall seconds and CPU seconds (user + system of the
process; the median run of each) and MB/s of input text per wall second and per CPU second.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def sources(data: Path):
    out = []
    for d in (data / "polnear/train/text", data / "polnear/dev/text", REPO / "seeds"):
        for f in sorted(d.glob("*.txt")):
            out.append((f.stem, f.read_bytes()))
    if not out:
        sys.exit(f"no benchmark texts under {data}")
    return out


def build_corpus(data: Path, size: int, path: Path):
    """The JSONL corpus of at least `size` bytes of text (reused when there); its text bytes."""
    marker = path.with_suffix(".size")
    if path.exists() and marker.exists() and int(marker.read_text()) >= size:
        return int(marker.read_text())
    path.parent.mkdir(parents=True, exist_ok=True)
    total, n = 0, 0
    with path.open("w", encoding="utf-8") as out:
        while total < size:
            for stem, text in sources(data):
                if total >= size:
                    break
                out.write(json.dumps({"id": f"{n:07}-{stem}", "maintext": text.decode("utf-8", "replace")}) + "\n")
                total += len(text)
                n += 1
    marker.write_text(str(total))
    return total


def cpu_self():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run_cli(binary: Path, corpus: Path, threads: int):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(
        [str(binary), "analyze", "--format", "jsonl", "--quiet", "--out", "/dev/null", "--threads", str(threads), str(corpus)],
        check=True,
    )
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run_python(corpus: Path, threads: int, raw: bool):
    import storyline

    lines = corpus.read_text(encoding="utf-8").splitlines()
    c, t = cpu_self(), time.perf_counter()
    n = 0
    for a in storyline.analyze_many(lines, threads, id="corpus", source=str(corpus), raw=raw):
        n += 1
    wall, cpu = time.perf_counter() - t, cpu_self() - c
    assert n == len(lines), (n, len(lines))
    return wall, cpu


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    p.add_argument("--size", type=float, default=20, help="MB of text (default 20)")
    p.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--cli", type=Path, default=Path(os.environ.get("STORYLINE_BIN", REPO / "target/release/storyline")))
    p.add_argument("--only", choices=["cli", "dicts", "raw"], nargs="+", default=["cli", "dicts", "raw"])
    args = p.parse_args()
    corpus = REPO / "target" / "bench" / f"py-corpus-{args.size:g}MB.jsonl"
    size = build_corpus(args.data, int(args.size * 1e6), corpus)
    mb = size / 1e6
    print(f"corpus: {corpus} ({mb:.1f} MB of text); load: {os.getloadavg()}", file=sys.stderr)
    rows = []
    for threads in args.threads:
        for what in args.only:
            runs = []
            for i in range(args.runs):
                if what == "cli":
                    runs.append(run_cli(args.cli, corpus, threads))
                else:
                    # (each run in a fresh interpreter: the models load once per process, as the cli's)
                    out = subprocess.run(
                        [sys.executable, __file__, "--one", str(corpus), str(threads), what],
                        check=True, stdout=subprocess.PIPE, text=True,
                    ).stdout
                    runs.append(tuple(json.loads(out)))
                print(f"  {what} threads={threads} run {i + 1}: {runs[-1][0]:.2f}s wall, {runs[-1][1]:.2f}s CPU", file=sys.stderr)
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            rows.append((what, threads, wall, cpu, mb / wall, mb / cpu))
    label = {"cli": "`storyline analyze --format jsonl`", "dicts": "`analyze_many` (dicts)", "raw": "`analyze_many(raw=True)` (JSON lines)"}
    print(f"\n{mb:.1f} MB of text, median of {args.runs} runs; load average at the end {os.getloadavg()[0]:.2f}")
    print("| what | threads | wall s | CPU s | MB/s (wall) | MB/s per CPU second |")
    print("|---|---|---|---|---|---|")
    for what, threads, wall, cpu, w, c in rows:
        print(f"| {label[what]} | {threads} | {wall:.2f} | {cpu:.2f} | {w:.2f} | {c:.2f} |")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--one":
        print(json.dumps(run_python(Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "raw")))
    else:
        main()
