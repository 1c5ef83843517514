"""Distributions of HRDsAttack's gold answers, to steer the extraction rules.

    .venv/bin/python scripts/hrdsattack_stats.py [DATA_DIR]

DATA_DIR defaults to /work/shared/data/hrdsattack; reads train.json and dev.json only.
Everything is computed on the normalised gold (``rightswatch.evaluate.load_split``).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rightswatch.evaluate import article_text, country_name, fold_country, load_split
from rightswatch.evaluate.places import _country_index
from rightswatch.evaluate.schema import HrdsGold, HrdsSample

DEFAULT_DIR = Path("/work/shared/data/hrdsattack")
MONTHS = (
    "January February March April May June July August September October November December"
).split()


# A first paragraph that is a photo caption, credit or byline rather than the lede.
CAPTION = re.compile(r"getty|afp|reuters|\bphoto|click to expand|^by |image|\(ap\)", re.I)


def pct(k: int, n: int) -> str:
    return f"{100 * k / n:5.1f}% ({k}/{n})" if n else "  n/a"


def show(title: str, counter: Counter[str], n: int, top: int = 15) -> None:
    print(f"  {title}:")
    for key, k in counter.most_common(top):
        print(f"    {str(key):<40} {pct(k, n)}")


def country_names(key: str | None, raw: str | None) -> set[str]:
    """Surface forms to look for in text: the raw gold name and the short English name."""
    names = {raw} if raw else set()
    if key and not key.startswith("?"):
        short = country_name(key)
        if short:
            names.add(short)
    return {n for n in names if n}


def contains(text: str, needles: Iterable[str]) -> bool:
    low = text.casefold()
    return any(n.casefold() in low for n in needles if n)


def _country_pattern() -> re.Pattern[str]:
    names = sorted(_country_index(), key=len, reverse=True)
    names = [n for n in names if len(n) > 3 and n not in {"union", "the united states"}]
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")


def mentioned_countries(text: str) -> list[str]:
    """Country keys in order of mention (names and our aliases only; no demonyms)."""
    low = text.casefold().replace("’", "'")
    return [fold_country(m.group(1)) or "" for m in _country_pattern().finditer(low)]


def years_in(text: str, latest: int) -> list[int]:
    return [int(y) for y in re.findall(r"\b(19[5-9]\d|20[0-3]\d)\b", text) if int(y) <= latest]


def stats(split: str, samples: list[HrdsSample]) -> None:
    n = len(samples)
    golds = [s.gold for s in samples]
    texts = [article_text(s.html) for s in samples]
    firsts = [t.split("\n\n", 1)[0] for t in texts]
    print(f"\n===== {split}: {n} articles =====")

    cap = sum(bool(CAPTION.search(f)) or len(f) < 40 for f in firsts)
    print("  first paragraph is a caption/byline/heading (<40 chars or photo credit):", pct(cap, n))
    lengths = sorted(len(t) for t in texts)
    print(f"  text chars: median {lengths[n // 2]}, p90 {lengths[int(n * 0.9)]}, max {lengths[-1]}")

    _labels(golds, n)
    _times(samples, golds, texts, firsts)
    _places(samples, golds, texts, firsts)
    _victims(samples, golds, texts, firsts)


def _labels(golds: list[HrdsGold], n: int) -> None:
    viol = Counter(v for g in golds for v in g.violation_types)
    show("violation types (share of articles)", viol, n)
    print("  labels per article:", dict(sorted(Counter(len(g.violation_types) for g in golds).items())))
    combos = Counter(" + ".join(sorted(g.violation_types)) for g in golds)
    show("violation type sets", combos, n, top=10)

    print("  perpetrator mentioned:", pct(sum(g.perpetrator_mention for g in golds), n))
    show("perpetrator types", Counter(str(g.perpetrator_type) for g in golds), n)

    print("  fields present:")
    for name in ("country", "region", "city", "year", "month", "day"):
        k = sum(getattr(g, name) is not None for g in golds)
        print(f"    {name:<8} {pct(k, n)}")
    print("    day without month:", sum(g.day is not None and g.month is None for g in golds),
          " month without year:", sum(g.month is not None and g.year is None for g in golds))



def _times(samples: list[HrdsSample], golds: list[HrdsGold], texts: list[str], firsts: list[str]) -> None:
    """Time versus the publication date and the years written in the text."""
    n = len(samples)
    dated = [(s.published, s.gold) for s in samples if s.published and s.gold.year]
    same_year = sum(p.year == g.year for p, g in dated)
    prev_year = sum(p.year - 1 == g.year for p, g in dated)
    print(f"  gold year == publish year: {pct(same_year, len(dated))}; "
          f"== publish year - 1: {pct(prev_year, len(dated))}; "
          f"older: {pct(len(dated) - same_year - prev_year, len(dated))}")
    dm = [(s.published, s.gold) for s in samples if s.published and s.gold.year and s.gold.month]
    same_month = sum((p.year, p.month) == (g.year, g.month) for p, g in dm)
    print(f"  gold (year, month) == publish (year, month): {pct(same_month, len(dm))}")
    dd = [(s.published, s.gold) for s in samples
          if s.published and s.gold.year and s.gold.month and s.gold.day]
    within = 0
    for p, g in dd:
        try:
            delta = (p - p.replace(year=g.year, month=g.month, day=g.day)).days
        except ValueError:
            continue
        within += 0 <= delta <= 7
    print(f"  gold full date 0..7 days before publication: {pct(within, len(dd))}")
    print("  always publish year as year would score:",
          pct(sum(s.published is not None and s.published.year == s.gold.year for s in samples), n))
    first_year = latest_year = 0
    for s, g, t in zip(samples, golds, texts):
        pub = s.published.year if s.published else 2100
        ys = years_in(t, pub)
        first_year += (ys[0] if ys else (s.published.year if s.published else None)) == g.year
        latest_year += (max(ys) if ys else (s.published.year if s.published else None)) == g.year
    print(f"  year rule 'first year in text, else publish year': {pct(first_year, n)}; "
          f"'latest year in text, else publish year': {pct(latest_year, n)}")
    month_in_text = sum(
        g.month is not None and MONTHS[g.month - 1] in t for g, t in zip(golds, texts)
    )
    print("  gold month name appears in text:", pct(month_in_text, sum(g.month is not None for g in golds)))



def _places(samples: list[HrdsSample], golds: list[HrdsGold], texts: list[str], firsts: list[str]) -> None:
    """Places versus title and text."""
    n = len(samples)
    with_country = [(s, g, t, f) for s, g, t, f in zip(samples, golds, texts, firsts) if g.country]
    nc = len(with_country)
    print("  country (gold) appears in title:",
          pct(sum(contains(s.title, country_names(g.country_key, g.country)) for s, g, _, _ in with_country), nc))
    print("  country (gold) appears in first paragraph:",
          pct(sum(contains(f, country_names(g.country_key, g.country)) for _, g, _, f in with_country), nc))
    print("  country (gold) appears in text:",
          pct(sum(contains(t, country_names(g.country_key, g.country)) for _, g, t, _ in with_country), nc))
    first_hits = most_hits = 0
    for s, g, t in zip(samples, golds, texts):
        found = mentioned_countries(s.title + "\n\n" + t)
        first = found[0] if found else None
        most = Counter(found).most_common(1)[0][0] if found else None
        first_hits += first == g.country_key
        most_hits += most == g.country_key
    print(f"  country rule 'first country named (title+text)': {pct(first_hits, n)}; "
          f"'most often named': {pct(most_hits, n)}  (names only, no demonyms)")
    show("country (folded)", Counter(g.country_key for g in golds), n, top=12)
    odd = Counter(g.country for g in golds if g.country_key and g.country_key.startswith("?"))
    print("  unresolvable country answers:", dict(odd))
    for name in ("city", "region"):
        have = [(s, g, t) for s, g, t in zip(samples, golds, texts) if getattr(g, name)]
        print(f"  {name} (gold) in title: {pct(sum(contains(s.title, [getattr(g, name)]) for s, g, _ in have), len(have))}; "
              f"in text: {pct(sum(contains(t, [getattr(g, name)]) for _, g, t in have), len(have))}")
    both = sum(g.city is not None and g.region is not None for g in golds)
    print("  city and region both given:", pct(both, n))



def _victims(samples: list[HrdsSample], golds: list[HrdsGold], texts: list[str], firsts: list[str]) -> None:
    n = len(samples)
    victims = [v for g in golds for v in g.victims]
    nv = len(victims)
    print(f"  victims: {nv} ({nv / n:.2f}/article); per article:",
          dict(sorted(Counter(len(g.victims) for g in golds).items())))
    named = [v for v in victims if v.name]
    print("  victims with a name:", pct(len(named), nv),
          "; articles with >=1 named victim:", pct(sum(bool(g.victim_names) for g in golds), n))
    verbatim = sum(v.name in t for g, t in zip(golds, texts) for v in g.victims if v.name)
    in_first = sum(v.name in f for g, f in zip(golds, firsts) for v in g.victims if v.name)
    in_title = sum(v.name in s.title for s, g in zip(samples, golds) for v in g.victims if v.name)
    early = sum(v.name in t[:1000] for g, t in zip(golds, texts) for v in g.victims if v.name)
    print("  victim name in the first 1,000 characters:", pct(early, len(named)))
    art_first = sum(any(v.name and v.name in f for v in g.victims) for g, f in zip(golds, firsts))
    print("  articles with a gold victim name in the first paragraph:",
          pct(art_first, sum(bool(g.victim_names) for g in golds)))
    print("  victim name verbatim in text:", pct(verbatim, len(named)),
          "; in first paragraph:", pct(in_first, len(named)), "; in title:", pct(in_title, len(named)))
    words = Counter(len(v.name.split()) for v in named if v.name)
    print("  words per victim name:", dict(sorted(words.items())))
    show("victim_type (per victim, sets)", Counter(" + ".join(sorted(v.types)) for v in victims), nv, top=10)
    show("victim_type (named victims)", Counter(" + ".join(sorted(v.types)) for v in named), len(named), top=8)
    show("victim_sex_type", Counter(v.sex for v in victims), nv)
    show("victim_age_group", Counter(v.age_group for v in victims), nv)
    show("victim_population_type", Counter(v.population for v in victims), nv)
    show("population of named victims", Counter(v.population for v in named), len(named))


def main(argv: list[str]) -> int:
    data_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_DIR
    for split in ("train", "dev"):
        path = data_dir / f"{split}.json"
        stats(split, load_split(path))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
