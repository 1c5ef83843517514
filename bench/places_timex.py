"""Throughput of the place and time matchers on the HRDsAttack training articles.

    .venv/bin/python bench/places_timex.py [path/to/train.json] [--show N]

Prints MB/s for ``Gazetteer.find`` and ``find_times`` (text already in memory, gazetteer already
built) and, with ``--show N``, the mentions found in the first N articles for eyeballing.
Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import time
from datetime import date
from pathlib import Path

from rightswatch.analyse.places import Gazetteer
from rightswatch.analyse.timex import find_times

DEFAULT = Path("/work/shared/data/hrdsattack/train.json")


def article_text(record: dict) -> str:
    raw = record["sample"]["Input.article_interface"]
    paras = re.findall(r"<p>(.*?)</p>", raw, flags=re.S) or [raw]
    return "\n\n".join(html.unescape(re.sub(r"<[^>]+>", "", p)).strip() for p in paras)


def published(record: dict) -> date | None:
    value = str(record["sample"].get("Input.publish_date") or "")
    m = re.search(r"(\d{4})-?(\d{2})-?(\d{2})", value)
    return date(int(m[1]), int(m[2]), int(m[3])) if m else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    records = json.loads(Path(args.path).read_text(encoding="utf-8"))
    docs = [(article_text(r), published(r)) for r in records]
    size = sum(len(t.encode("utf-8")) for t, _ in docs) / 1e6

    t0 = time.perf_counter()
    gaz = Gazetteer.load()
    print(f"gazetteer build: {time.perf_counter() - t0:.2f} s, {len(gaz)} names")

    for label, fn in (("places", lambda t, p: gaz.find(t)), ("timex", find_times)):
        best = float("inf")
        count = 0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            count = sum(len(fn(t, p)) for t, p in docs)
            best = min(best, time.perf_counter() - t0)
        print(f"{label}: {len(docs)} articles, {size:.2f} MB, {count} mentions, "
              f"{best:.3f} s, {size / best:.1f} MB/s")

    for text, pub in docs[: args.show]:
        print("=" * 80, pub)
        print("  places:", [(m.text, m.kind, m.country, m.region, m.city) for m in gaz.find(text)])
        print("  times: ", [(t.text, t.granularity, t.start, t.end) for t in find_times(text, pub)])


if __name__ == "__main__":
    main()
