"""Evaluate rightswatch on HRDsAttack (Ran et al. 2023): load a split, run, map, score.

    samples = load_split("dev.json")                       # gold normalised (HrdsGold)
    scores = run_eval("dev.json", analyse_many, "out.jsonl")  # pipeline -> to_hrds -> score
    print(format_table(scores))

``run_eval`` does no NLP itself: the caller passes ``analyse_many``, a function from an
iterable of ``(Article, sample_id)`` tuples to Reports in the same order (the pipeline's
``nlp.pipe(..., as_tuples=True)`` convention). The main-event rule that turns a Report into
one HRDsAttack answer lives in ``evaluate.mapping``; metrics in ``evaluate.metrics``.

Gold normalisation follows the dataset authors' own loader (``src/models/utils.py``), with
two differences documented in ``normalise_gold``: "unknown" reads as no answer, and countries
are folded.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from ..errors import MalformedRecord, TooLarge
from ..records import Article, Report
from .mapping import MainEventRule, always_empty, always_state_actor, to_hrds
from .metrics import Scores, format_table, score
from .places import NULL_STRINGS, fold_country
from .schema import HrdsGold, HrdsPrediction, HrdsSample, HrdsVictim

__all__ = [
    "load_split",
    "article_text",
    "normalise_gold",
    "sample_article",
    "run_eval",
    "predict",
    "write_predictions",
    "read_predictions",
    "to_hrds",
    "score",
    "format_table",
    "always_empty",
    "always_state_actor",
    "MainEventRule",
    "Scores",
]

#: Largest split file we read (the real ones are under 3 MB).
MAX_SPLIT_BYTES = 64 * 1024 * 1024
#: Largest article HTML we parse (the largest in train is ~100 kB).
MAX_HTML_CHARS = 2_000_000

AnalyseMany = Callable[[Iterable[Any]], Iterable[Any]]

_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip

# Annotation fixes the dataset authors apply in their loader (src/models/utils.py,
# load_examples): fields typed into the wrong boxes (keys as in ``merged_sample``).
_GOLD_FIXES: dict[int, dict[str, Any]] = {
    1004122033: {"year": "2021", "month": "September", "date": "09"},
    885531401: {"year": "1839", "date": "13"},
    876209412: {"year": "2015", "month": "March"},
}


# -- loading -----------------------------------------------------------------------------------


def load_split(path: str | Path) -> list[HrdsSample]:
    """Read a HRDsAttack split file (a JSON list of records) into normalised samples."""
    p = Path(path)
    size = p.stat().st_size
    if size > MAX_SPLIT_BYTES:
        raise TooLarge(f"{size} bytes, limit {MAX_SPLIT_BYTES}", origin=str(p))
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise MalformedRecord(f"not a JSON split: {err}", origin=str(p)) from err
    if not isinstance(data, list):
        raise MalformedRecord("expected a JSON list of records", origin=str(p))
    samples = []
    for n, record in enumerate(data):
        try:
            samples.append(_sample(record))
        except (KeyError, TypeError, ValueError) as err:
            raise MalformedRecord(f"record {n}: {err!r}", origin=str(p)) from err
    return samples


def _sample(record: dict[str, Any]) -> HrdsSample:
    inp = record["sample"]
    sample_id = int(inp["Input.GLOBALEVENTID"])
    merged = dict(record["merged_sample"])
    merged.update(_GOLD_FIXES.get(sample_id, {}))
    return HrdsSample(
        id=sample_id,
        title=(inp.get("Input.title") or "").strip(),
        published=_parse_published(inp.get("Input.publish_date")),
        html=inp.get("Input.article_interface") or "",
        gold=normalise_gold(merged),
    )


def _parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
        return date(int(m[1]), int(m[2]), int(m[3])) if m else None


def normalise_gold(m: dict[str, Any]) -> HrdsGold:
    """Normalise one ``merged_sample``.

    - year "2020.0" -> 2020; month "February"/"02"/"Novermber" -> 2/2/11; date "26.0" -> 26;
      out-of-range values (a day of 2021) -> None.
    - city/region/country: "None", "N/a", "unknown", "" -> None (the authors kept "unknown"
      as a string; it means "no answer", so an empty prediction should match it); the
      authors' fix city "City" -> "Pune" is applied.
    - violation types: "unknown" is dropped when other types are present (authors' rule).
    - victim types: "insufficient information" is dropped when other types are present.
    - perpetrator_type: None when no perpetrator is mentioned.
    """
    mention = bool(m.get("perpetrator_mention"))
    ptype = _text_or_none(m.get("perpetrator_type")) if mention else None
    violations = {v.strip() for v in m.get("violation_types") or () if v and v.strip()}
    if len(violations) > 1:
        violations.discard("unknown")
    city = _text_or_none(m.get("city"))
    if city == "City":
        city = "Pune"
    country = _text_or_none(m.get("country"))
    return HrdsGold(
        perpetrator_mention=mention,
        perpetrator_type=ptype,
        violation_types=frozenset(violations),
        country=country,
        country_key=fold_country(country),
        region=_text_or_none(m.get("region")),
        city=city,
        year=parse_year(m.get("year")),
        month=parse_month(m.get("month")),
        day=parse_day(m.get("date")),
        victims=tuple(_gold_victim(v) for v in m.get("victims") or ()),
    )


def _gold_victim(v: dict[str, Any]) -> HrdsVictim:
    types = list(dict.fromkeys(t for t in v.get("victim_type") or () if t))
    if len(types) > 1 and "insufficient information" in types:
        types.remove("insufficient information")
    name = v.get("victim_name")
    name = name.strip() if isinstance(name, str) and name.strip() else None
    return HrdsVictim(
        name=name,
        types=tuple(types) or ("insufficient information",),
        sex=v.get("victim_sex_type") or "unknown",
        age_group=v.get("victim_age_group") or "unknown",
        population=v.get("victim_population_type") or "individual",
        keywords=v.get("victim_keywords"),
    )


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return None if text.casefold() in NULL_STRINGS else text


def _number(value: Any) -> int | None:
    text = _text_or_none(value)
    if text is None:
        return None
    try:
        return int(float(text))
    except ValueError:
        return None


def parse_year(value: Any) -> int | None:
    year = _number(value)
    return year if year is not None and 1000 <= year <= 2100 else None


def parse_day(value: Any) -> int | None:
    day = _number(value)
    return day if day is not None and 1 <= day <= 31 else None


def parse_month(value: Any) -> int | None:
    """Month as 1..12 from "02", "2.0", "February", "Feb", or a misspelling ("Decenmber")."""
    text = _text_or_none(value)
    if text is None:
        return None
    number = _number(text)
    if number is not None:
        return number if 1 <= number <= 12 else None
    word = text.casefold().rstrip(".")
    for i, name in enumerate(_MONTHS):
        if word == name or (len(word) >= 3 and name.startswith(word)):
            return i + 1
    best = process.extractOne(word, _MONTHS, scorer=fuzz.ratio, score_cutoff=80)
    return _MONTHS.index(best[0]) + 1 if best else None


# -- article text ------------------------------------------------------------------------------


class _ParagraphParser(HTMLParser):
    """Collect the text of each <p>; text outside any <p> becomes its own paragraph."""

    _BREAKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"})
    _SKIP = frozenset({"script", "style", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._buf: list[str] = []
        self._skip = 0

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._buf)).strip()
        if text:
            self.paragraphs.append(text)
        self._buf = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BREAKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BREAKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def article_text(html: str, max_chars: int = MAX_HTML_CHARS) -> str:
    """The article's paragraphs as plain text joined by blank lines ("\\n\\n").

    HRDsAttack's ``Input.article_interface`` is a run of ``<p>...</p>``; entities are unescaped
    (and bare "&" kept, as in "release & an end"), other tags dropped, whitespace collapsed
    within a paragraph. Input beyond ``max_chars`` is cut off, so parsing stays bounded.
    """
    parser = _ParagraphParser()
    parser.feed(html[:max_chars])
    parser.close()
    return "\n\n".join(parser.paragraphs)


def sample_article(sample: HrdsSample) -> Article:
    """The Article the pipeline sees for one sample."""
    return Article(
        text=article_text(sample.html),
        title=sample.title or None,
        published=sample.published.isoformat() if sample.published else None,
        published_source="json" if sample.published else "none",
        language="en",
    )


# -- running -----------------------------------------------------------------------------------


def predict(
    samples: Sequence[HrdsSample],
    analyse_many: AnalyseMany,
    rule: MainEventRule | None = None,
    codebook: str = "default",
    as_tuples: bool = True,
) -> Iterator[HrdsPrediction]:
    """Run ``analyse_many`` over the samples and map each Report to a prediction, in order.

    ``analyse_many`` receives ``(Article, sample_id)`` tuples, or bare Articles when
    ``as_tuples`` is False (``Analyzer.analyse_many``); it may yield Reports or
    ``(Report, context)`` tuples.
    """
    pairs = ((sample_article(s), s.id) for s in samples)
    inputs = pairs if as_tuples else (article for article, _ in pairs)
    outputs = iter(analyse_many(inputs))
    for sample in samples:
        try:
            out = next(outputs)
        except StopIteration:
            raise ValueError(
                f"analyse_many returned fewer reports than samples (at {sample.id})"
            ) from None
        report = out[0] if isinstance(out, tuple) else out
        if not isinstance(report, Report):
            raise TypeError(f"analyse_many must yield Report objects, got {type(report).__name__}")
        yield replace(to_hrds(report, rule=rule, codebook=codebook), id=sample.id)


def run_eval(
    split_path: str | Path,
    analyse_many: AnalyseMany,
    predictions_out: str | Path | None = None,
    rule: MainEventRule | None = None,
    codebook: str = "default",
    as_tuples: bool = True,
) -> Scores:
    """Analyse every article of a split, write predictions JSONL (optional), return scores.

    The returned Scores carry the trivial baselines computed on the same split
    (``scores.baselines``) and the throughput (``articles_per_second``).
    """
    samples = load_split(split_path)
    started = time.perf_counter()
    predictions = list(
        predict(samples, analyse_many, rule=rule, codebook=codebook, as_tuples=as_tuples)
    )
    elapsed = time.perf_counter() - started
    if predictions_out is not None:
        write_predictions(predictions, predictions_out)
    result = score(predictions, samples)
    return replace(
        result,
        seconds=elapsed,
        baselines={
            "always-empty": score([always_empty(s) for s in samples], samples),
            "always-state-actor": score([always_state_actor(s) for s in samples], samples),
        },
    )


def write_predictions(predictions: Iterable[HrdsPrediction], path: str | Path) -> int:
    """One JSON object per line, HRDsAttack's keys; returns the number written."""
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for p in predictions:
            out.write(json.dumps(p.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return n


def read_predictions(path: str | Path) -> list[HrdsPrediction]:
    with open(path, encoding="utf-8") as f:
        return [HrdsPrediction.from_dict(json.loads(line)) for line in f if line.strip()]
