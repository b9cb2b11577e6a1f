#!/usr/bin/env python3
"""Sample the quotes storyline lists for web text, to judge them by hand (issue 19, item 5).

    python3 xtask/scripts/sample_quotes.py bodies GROUND_TRUTH_JSON > target/judge/bodies.jsonl
    ./target/release/storyline analyze target/judge/bodies.jsonl --format jsonl > target/judge/analysed.jsonl
    python3 xtask/scripts/sample_quotes.py sample target/judge/analysed.jsonl SEED [N] > sample.txt

`bodies` writes one JSONL record per article body of the article-extraction ground truth
(`../shared/data/article-extraction/dev/ground-truth.json`): the id is the first 12 characters
of its key. `sample` picks N quotes (default 60) at random (Python's `random.Random(SEED)`) from
the *check half*: the articles at odd positions in id order, never read while tuning. Each is
printed with its kind, act, speaker (resolved name | mention), cue, content and context.
Standard library only.
"""
import json
import random
import sys


def bodies(path):
    truth = json.load(open(path, encoding="utf-8"))
    for key in sorted(truth):
        print(json.dumps({"id": key[:12], "maintext": truth[key]["articleBody"]}))


def sample(path, seed, n):
    arts = [json.loads(line) for line in open(path, encoding="utf-8")]
    ids = sorted(a["id"] for a in arts)
    check = {i for k, i in enumerate(ids) if k % 2 == 1}
    rows = [(a["id"], a["text"].encode(), q) for a in arts if a["id"] in check for q in a.get("quotes", [])]
    rows.sort(key=lambda r: (r[0], r[2]["start"]))
    pick = random.Random(seed).sample(rows, min(n, len(rows)))
    print(f"{len(rows)} quotes in the check half", file=sys.stderr)
    for k, (i, t, q) in enumerate(sorted(pick, key=lambda r: (r[0], r[2]["start"]))):
        def sl(a, b):
            return t[a:b].decode(errors="replace").replace("\n", " / ")
        s, e = q["start"], q["end"]
        cue = sl(q["cue"]["start"], q["cue"]["end"]) if q.get("cue") else "-"
        sm = q["speaker_mention"]
        mention = sl(sm["start"], sm["end"]) if sm else "-"
        print(f"#{k + 1} {i[:8]} {q['kind']}/{q.get('act')} speaker=[{q.get('speaker')}|{mention}] cue=<{cue}>")
        print("   Q:", " | ".join(sl(c["start"], c["end"]) for c in q["content"])[:300])
        print("   CTX:", sl(max(0, s - 200), s), "[[", sl(s, e)[:80], "]]", sl(e, e + 80))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "bodies":
        bodies(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "sample":
        sample(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 60)
    else:
        sys.exit(__doc__)
