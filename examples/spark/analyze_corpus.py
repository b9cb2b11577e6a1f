"""A PySpark job: news articles analysed by storyline on every executor, then grouped into stories.

    spark-submit examples/spark/analyze_corpus.py INPUT... --out OUT [--partitions N]
    python examples/spark/analyze_corpus.py --master 'local[2]' INPUT... --out OUT

INPUT: files or directories of articles, found as ``storyline analyze`` finds them (a
directory's files sorted by name, recursively): ``.txt`` (one article per file, its stem the
id), ``.html``/``.htm`` (one page per file, read as HTML when it opens as a page does:
``<!doctype html``, ``<html``, ``<head``), ``.jsonl``/``.ndjson`` (one JSON crawler record per
line) and ``.warc``/``.warc.gz`` archives (one article per HTML response; an archive is read
whole by one task). Gzipped HTML files (``.html.gz``) are not read. Every executor needs the ``storyline`` Python package
(``pip install ./crates/python``).

The map step runs ``storyline.analyze_many`` over each partition (``mapPartitions``: the models
load once per Python worker, and the articles of a partition are analysed on its threads with
the GIL released). The job writes, under OUT:

* ``analysed/part-*``: the analysed articles, one JSON line each, exactly the lines of
  ``storyline analyze --format jsonl`` on the same files, in input order across the parts;
* ``quotes.parquet``: one row per quote (speaker, about, kind, act, cue, date, article,
  publisher, text);
* ``stories.json``: the reduce step, the ``stories`` of ``storyline analyze --format json`` on
  the same inputs (grouping depends on the order of the articles: the job keeps the input
  order), made on the driver by ``storyline.stories`` — or, with ``--reduce cli``, by the
  ``storyline stories`` command over ``analysed/`` (reads the lines one at a time: for
  corpora whose analysed articles do not fit in the driver's memory);
* ``errors.jsonl``: the articles that could not be analysed (input, line, reason), as the
  command line names them on stderr; the others are all used.

It prints the run's numbers (articles, MB of input, seconds of the map step, MB/s) as a JSON
line on stdout.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

TEXT_SUFFIXES = {".txt": "text", ".html": "text", ".htm": "text", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def kind_of(name):
    """How a file is read: "text" (one article), "jsonl" (a record per line), "warc" (an
    archive: .warc, .warc.gz) or None (not an input)."""
    lower = name.lower()
    if lower.endswith(".warc") or lower.endswith(".warc.gz"):
        return "warc"
    return TEXT_SUFFIXES.get(os.path.splitext(lower)[1])

QUOTE_SCHEMA = (
    "speaker string, about string, kind string, act string, cue string, date string, "
    "article string, publisher string, text string"
)


def discover(paths):
    """The input files under `paths`, in the order of `storyline analyze`: as given, a
    directory's entries sorted by name, depth first; (path as given, kind)."""
    found = []

    def walk(d):
        for name in sorted(os.listdir(d)):
            p = os.path.join(d, name)
            if os.path.isdir(p):
                walk(p)
            elif os.path.isfile(p):
                kind = kind_of(name)
                if kind:
                    found.append((p, kind))

    for path in paths:
        if os.path.isdir(path):
            walk(path)
        elif os.path.isfile(path):
            found.append((path, kind_of(os.path.basename(path)) or "text"))
        else:
            sys.exit(f"analyze_corpus: no such file or directory: {path}")
    return found


def analyze_partition(threads):
    """The map step over one partition of ((file, line), (bytes, own options)) rows:
    ((file, line), (True, json_line) | (False, reason)), in the partition's order."""

    def run(rows):
        from collections import deque

        import storyline

        keys = deque()

        def items():
            for key, item in rows:
                keys.append(key)
                yield item

        # (ids made unique over the whole input afterwards: `unique_ids` below)
        for result in storyline.analyze_many(items(), threads, raw=True, errors="return", unique_ids=False):
            key = keys.popleft()
            if isinstance(result, Exception):
                yield key, (False, str(result))
            else:
                yield key, (True, result)

    return run


def id_of(line):
    """The id of an analysed article's JSON line (its second member, after the schema version),
    read without parsing the rest."""
    import storyline

    head = '{"schema_version":' + json.dumps(storyline.SCHEMA_VERSION) + ',"id":'
    if not line.startswith(head):
        raise ValueError(f"not an analysed article's line: {line[:80]!r}")
    return json.JSONDecoder().raw_decode(line, len(head))[0]


def unique_ids(sc, analysed):
    """The analysed rows with ids unique over the whole input, as ``storyline analyze`` makes
    them: each partition is analysed with its articles' own ids, then the ids (a few bytes per
    article) are gathered on the driver in input order, and the articles whose id an earlier one
    has get theirs (``x~2``, with the command line's ``duplicate_id`` warning)."""
    import storyline

    ids = sorted(analysed.filter(lambda kv: kv[1][0]).map(lambda kv: (kv[0], id_of(kv[1][1]))).collect())
    given = storyline.unique_ids(i for _, i in ids)
    renamed = {key: unique for (key, _), unique in zip(ids, given) if unique is not None}
    if not renamed:
        return analysed
    fixes = sc.broadcast(renamed)

    def rename(row):
        import storyline

        key, (ok, line) = row
        unique = fixes.value.get(key)
        return (key, (ok, storyline.with_unique_id(line, unique))) if unique is not None else row

    return analysed.map(rename, preservesPartitioning=True)


def quote_rows(lines):
    import storyline

    try:
        from orjson import loads
    except ImportError:
        loads = json.loads
    for line in lines:
        for row in storyline.quote_rows([loads(line)]):
            yield tuple(row[c] for c in storyline.QUOTE_COLUMNS)


def input_units(sc, files, partitions):
    """The RDDs of the text files' and JSONL lines' articles: ((file's place, line), (bytes or
    str, own options)), keyed so that the input order survives the shuffle."""
    text_files = [(i, path) for i, (path, kind) in enumerate(files) if kind == "text"]
    parts = []
    if text_files:
        def read_text(unit):
            i, path = unit
            with open(path, "rb") as f:
                data = f.read()
            stem = os.path.splitext(os.path.basename(path))[0]
            return (i, 0), (data, {"id": stem, "source": path})

        parts.append(sc.parallelize(text_files, min(partitions, len(text_files))).map(read_text))
    for i, (path, kind) in enumerate(files):
        if kind != "jsonl":
            continue
        stem = os.path.splitext(os.path.basename(path))[0]
        lines = sc.textFile(path).zipWithIndex()
        parts.append(
            lines.filter(lambda ln: ln[0].strip())
            .map(lambda ln, i=i, stem=stem, path=path: ((i, ln[1] + 1), (ln[0], {"id": stem, "source": path, "line": ln[1] + 1})))
        )
    return parts


def analyse(sc, parts, warcs, partitions, threads, input_bytes):
    """The map step: ((file's place, line), (True, json_line) | (False, reason)) in input order,
    each article with its own id (made unique over the whole input afterwards); the input's
    bytes counted in `input_bytes`."""
    from pyspark import StorageLevel

    def count(row):
        input_bytes.add(len(row[1][0]))
        return row

    analysed = None
    if parts:
        units = sc.union(parts) if len(parts) > 1 else parts[0]
        # The inputs range-partitioned in key order (a shuffle of the input only): each
        # partition analysed in order, so the output is in input order across the partitions
        # without a shuffle of the (larger) analysed articles.
        analysed = (
            units.sortByKey(numPartitions=partitions)
            .map(count, preservesPartitioning=True)
            .mapPartitions(analyze_partition(threads), preservesPartitioning=True)
        )
    if warcs:
        def analyze_archive(unit):
            import storyline

            i, path = unit
            with open(path, "rb") as f:
                data = f.read()
            input_bytes.add(len(data))
            results = storyline.analyze_warc(data, source=path, threads=threads, raw=True, errors="return", unique_ids=False)
            for k, r in enumerate(results):
                yield ((i, k + 1), (False, str(r)) if isinstance(r, Exception) else (True, r))

        archives = sc.parallelize(warcs, len(warcs)).flatMap(analyze_archive)
        if analysed is None:
            analysed = archives
        else:
            # The archives' articles put in their places among the others: one more shuffle,
            # of analysed articles kept first (its sampling would analyse them again).
            kept = [analysed.persist(StorageLevel.MEMORY_AND_DISK), archives.persist(StorageLevel.MEMORY_AND_DISK)]
            analysed = kept[0].union(kept[1]).sortByKey(numPartitions=partitions)
    return analysed


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("inputs", nargs="+", help="files or directories of .txt, .html, .jsonl articles")
    p.add_argument("--out", required=True, help="output directory (replaced)")
    p.add_argument("--master", help="Spark master when run with python, e.g. local[2]")
    p.add_argument("--partitions", type=int, help="partitions of the map step (default: 2 per core)")
    p.add_argument("--threads", type=int, default=1, help="storyline threads per Spark task (default 1)")
    p.add_argument("--reduce", choices=["python", "cli"], default="python")
    p.add_argument("--storyline", default=os.environ.get("STORYLINE_BIN", "storyline"),
                   help="the storyline binary for --reduce cli")
    args = p.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("storyline-analyze-corpus")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    out = Path(args.out)
    if out.exists():
        shutil.rmtree(out)

    files = discover(args.inputs)
    partitions = args.partitions or 2 * sc.defaultParallelism
    started = time.perf_counter()

    parts = input_units(sc, files, partitions)
    warcs = [(i, path) for i, (path, kind) in enumerate(files) if kind == "warc"]
    if not parts and not warcs:
        sys.exit("analyze_corpus: no articles in the inputs")
    from pyspark import StorageLevel

    input_bytes = sc.accumulator(0)
    analysed = analyse(sc, parts, warcs, partitions, args.threads, input_bytes)
    analysed = analysed.persist(StorageLevel.MEMORY_AND_DISK)
    n = analysed.count()
    analysed = unique_ids(sc, analysed).persist(StorageLevel.MEMORY_AND_DISK)
    map_seconds = time.perf_counter() - started

    ok = analysed.filter(lambda kv: kv[1][0]).map(lambda kv: kv[1][1])
    ok.saveAsTextFile(str(out / "analysed"))
    failed = analysed.filter(lambda kv: not kv[1][0]).collect()
    with open(out / "errors.jsonl", "w", encoding="utf-8") as f:
        for (i, line), (_, reason) in failed:
            f.write(json.dumps({"input": files[i][0], "line": line or None, "reason": reason}) + "\n")

    quotes = spark.createDataFrame(ok.mapPartitions(quote_rows), QUOTE_SCHEMA)
    quotes.write.parquet(str(out / "quotes.parquet"))

    reduce_started = time.perf_counter()
    if args.reduce == "python":
        import storyline

        stories = storyline.stories(ok.toLocalIterator())
    else:
        parts_files = sorted((out / "analysed").glob("part-*"))
        done = subprocess.run(
            [args.storyline, "stories", "--format", "json", "--quiet", *map(str, parts_files)],
            check=True, stdout=subprocess.PIPE,
        )
        stories = json.loads(done.stdout)["stories"]
    with open(out / "stories.json", "w", encoding="utf-8") as f:
        json.dump(stories, f, ensure_ascii=False, indent=1)
        f.write("\n")
    reduce_seconds = time.perf_counter() - reduce_started

    mb = input_bytes.value / 1e6
    print(json.dumps({
        "articles": n - len(failed),
        "errors": len(failed),
        "input_mb": round(mb, 3),
        "map_seconds": round(map_seconds, 2),
        "map_mb_per_s": round(mb / map_seconds, 2) if map_seconds else None,
        "reduce_seconds": round(reduce_seconds, 2),
        "stories": len(stories),
        "partitions": partitions,
        "parallelism": sc.defaultParallelism,
    }))
    spark.stop()


if __name__ == "__main__":
    main()
