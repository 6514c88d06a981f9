#!/usr/bin/env python3
"""Writes an archive of N distinct, valid issues for benchmarks by
recombining issue 312's articles: each issue gets its own number, date,
choice and order of articles per part (seeded, so the same N gives the
same archive). With --scale K it instead writes one issue whose parts hold
312's articles K times over, to measure how time grows with text length.

    bench/make-archive.py DIR N            # DIR/issues/1001 … 1000+N
    bench/make-archive.py DIR --scale 4    # DIR/issues/4 (312 × 4)
"""
import argparse
import datetime
import pathlib
import random
import re
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = ROOT / "issues" / "312" / "issue.md"


def split_issue(text):
    """Front matter lines, and parts as (heading, [article texts])."""
    _, front, body = text.split("---\n", 2)
    parts = []
    for chunk in re.split(r"(?m)^(?=# )", body):
        if not chunk.startswith("# "):
            continue
        heading, _, rest = chunk.partition("\n")
        articles = [a for a in re.split(r"(?m)^(?=## )", rest) if a.startswith("## ")]
        parts.append((heading, articles))
    return front, parts


def front_for(front, number, date):
    front = re.sub(r"(?m)^number: .*$", f"number: {number}", front)
    return re.sub(r"(?m)^date: .*$", f"date: {date.isoformat()}", front)


def write_issue(root, number, front, parts):
    d = root / "issues" / str(number)
    d.mkdir(parents=True, exist_ok=True)
    body = "".join(f"{h}\n\n" + "".join(arts) for h, arts in parts)
    (d / "issue.md").write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", type=pathlib.Path)
    ap.add_argument("n", type=int, nargs="?", default=0)
    ap.add_argument("--scale", type=int, default=0)
    args = ap.parse_args()
    front, parts = split_issue(SOURCE.read_text(encoding="utf-8"))
    if (args.dir / "issues").exists():
        shutil.rmtree(args.dir / "issues")
    (args.dir / "issues").mkdir(parents=True)
    base = datetime.date(2023, 1, 18)
    if args.scale:
        scaled = [(h, arts * args.scale) for h, arts in parts]
        write_issue(args.dir, args.scale, front_for(front, args.scale, base), scaled)
        return
    for i in range(1, args.n + 1):
        rng = random.Random(i)
        number = 1000 + i
        date = base + datetime.timedelta(days=7 * i)
        chosen = []
        for heading, articles in parts:
            k = rng.randint(1, len(articles))
            picked = rng.sample(articles, k)
            chosen.append((heading, picked))
        write_issue(args.dir, number, front_for(front, number, date), chosen)


if __name__ == "__main__":
    main()
