"""Domain quality on a hand-annotated corpus (issue 4: North Korea monitoring).

    from rightswatch.analyse import Analyzer
    from rightswatch.evaluate.domain import evaluate_domain, format_domain_table

    scores = evaluate_domain("tests/domain/corpus", Analyzer("north_korea").analyse_many)
    print(format_domain_table(scores))

The corpus is a folder of articles (``NAME.txt`` in the seed's layout, ``NAME.html``) each
beside a hand-made ``NAME.expected.json`` (format: ``tests/domain/corpus/README.md``). Articles
are built exactly as the real pipeline builds them (``collect.iter_documents`` then
``extract.extract_article``); a ``.txt`` file carries no date, so its expected ``published``
is passed as ``--published`` would be (``Settings(published=...)``), and date accuracy is
measured on the other files only.

Metrics (all 0..1; ``n`` says over what each was computed):

- **incident type P/R/F1**: micro over the corpus. Within one article, predicted and expected
  incidents of the same type are paired one-to-one, greedily, best agreement first (agreement =
  matching country, region, city, year, month; ties broken by document order). A pair is a true
  positive, an unpaired prediction a false positive, an unpaired expectation a false negative.
  Non-relevant articles expect no incidents, so anything predicted there is a false positive.
- **place country/region/city, time year/month, perpetrator type, victim count**: accuracies
  over the matched pairs. A null on both sides agrees (nothing stated, nothing guessed); an
  expected value may be a list of acceptable values (``["Jilin", "Liaoning"]``, ``[null, "X"]``).
  Names compare folded (case, accents, "Province"/"County"... suffixes, typo distance) as in the
  HRDsAttack scorer. No perpetrator predicted counts as type ``"none"``. Victim count compares
  the largest predicted victim count with the expected one, over pairs whose expected count is
  stated (an integer).
- **quote P/R/F1**: micro. A predicted quote matches an expected one when, after normalising
  both (lower case, curly quotes and apostrophes folded, accents dropped, spaces collapsed),
  the predicted text contains the expected ``text_prefix`` or its first five words, or the
  predicted text (at least four words) is itself the start of the prefix. One-to-one, in order.
- **speaker / anonymity accuracy**: over matched quotes. Speakers compare normalised; they also
  agree when the parts before the first comma agree ("one of them, a woman in her fifties" ~
  "one of them") and, for a named expected speaker, when the predicted mention contains the
  name ("Special Rapporteur Elena Marquez" ~ "Elena Marquez"); ``speaker_alt`` lists other
  acceptable mentions.
- **title, tags, outlet**: exact (normalised) per article; **date**: per article whose date
  comes from the source (not ``.txt``).
- **relevance**: ROC AUC of ``Report.relevance`` for relevant vs non-relevant articles, and
  accuracy at ``relevance_threshold``.

Imports ``records`` at module level; ``collect``, ``extract`` and ``settings`` inside
``evaluate_domain`` (the evaluation is an edge of the system, like the CLI).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rightswatch.records import Article, Incident, Quote, Report

from .places import fold_country, same_place_name

__all__ = [
    "DOMAIN_TARGETS",
    "ExpectedIncident",
    "ExpectedQuote",
    "Expected",
    "ArticleResult",
    "DomainScores",
    "load_expected",
    "corpus_files",
    "score_article",
    "aggregate",
    "evaluate_domain",
    "format_domain_table",
    "format_misses",
    "norm_text",
    "same_speaker",
    "quote_matches",
]

#: Targets from issue 4 (fractions).
DOMAIN_TARGETS: dict[str, float] = {
    "incident_f1": 0.85,
    "quote_f1": 0.90,
    "speaker_acc": 0.90,
    "anonymity_acc": 0.95,
    "region_acc": 0.85,
    "year_acc": 0.85,
    "month_acc": 0.75,
}

_ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
#: Files whose format carries no publication date: the expected date is passed in.
_UNDATED_SUFFIXES = (".txt",)
_QUOTE_PREFIX_WORDS = 5
_MIN_FRAGMENT_WORDS = 4


# -- expected reports ----------------------------------------------------------------------


@dataclass(frozen=True)
class ExpectedIncident:
    type: str
    perpetrator_type: str | None = None
    perpetrator_country: Any = None
    victim_count: int | None = None
    country: Any = None
    region: Any = None
    city: Any = None
    year: Any = None
    month: Any = None
    day: Any = None
    evidence: str | None = None


@dataclass(frozen=True)
class ExpectedQuote:
    text_prefix: str
    speaker: str | None
    anonymous: bool
    speaker_alt: tuple[str, ...] = ()


@dataclass(frozen=True)
class Expected:
    name: str
    published: str | None
    title: str | None
    tags: tuple[str, ...]
    outlet: str | None
    relevant: bool
    incidents: tuple[ExpectedIncident, ...]
    quotes: tuple[ExpectedQuote, ...]


def load_expected(path: str | Path) -> Expected:
    """Read one ``NAME.expected.json``."""
    path = Path(path)
    d = json.loads(path.read_text(encoding="utf-8"))
    incidents = []
    for i in d.get("incidents") or ():
        place = i.get("place") or {}
        time = i.get("time") or {}
        incidents.append(
            ExpectedIncident(
                type=i["type"],
                perpetrator_type=i.get("perpetrator_type"),
                perpetrator_country=i.get("perpetrator_country"),
                victim_count=i.get("victim_count"),
                country=place.get("country"),
                region=place.get("region"),
                city=place.get("city"),
                year=time.get("year"),
                month=time.get("month"),
                day=time.get("day"),
                evidence=i.get("evidence"),
            )
        )
    quotes = [
        ExpectedQuote(
            text_prefix=q["text_prefix"],
            speaker=q.get("speaker"),
            anonymous=bool(q.get("anonymous")),
            speaker_alt=tuple(q.get("speaker_alt") or ()),
        )
        for q in d.get("quotes") or ()
    ]
    return Expected(
        name=path.name.removesuffix(".expected.json"),
        published=d.get("published"),
        title=d.get("title"),
        tags=tuple(d.get("tags") or ()),
        outlet=d.get("outlet"),
        relevant=bool(d.get("relevant", True)),
        incidents=tuple(incidents),
        quotes=tuple(quotes),
    )


def corpus_files(corpus_dir: str | Path) -> list[tuple[Path, Path]]:
    """(article, expected) pairs, sorted by name; an article without expectations is an error."""
    folder = Path(corpus_dir)
    pairs = []
    for p in sorted(folder.iterdir()):
        if p.suffix.lower() not in _ARTICLE_SUFFIXES:
            continue
        exp = p.with_name(p.stem + ".expected.json")
        if not exp.exists():
            raise FileNotFoundError(f"{p.name} has no {exp.name}")
        pairs.append((p, exp))
    return pairs


# -- normalisation and comparison ----------------------------------------------------------

_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"})
_SPACE = re.compile(r"\s+")


def norm_text(s: str | None) -> str:
    """Lower case, curly quotes/apostrophes folded, accents dropped, spaces collapsed."""
    if not s:
        return ""
    s = unicodedata.normalize("NFKD", s.translate(_FOLD))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return _SPACE.sub(" ", s.lower()).strip()


def _strip_quote_marks(s: str) -> str:
    return s.strip(" \"'.,;:…-[]()")


def quote_matches(predicted: str, prefix: str) -> bool:
    """Does a predicted quote text cover the expected quote starting with ``prefix``?"""
    p, x = _strip_quote_marks(norm_text(predicted)), _strip_quote_marks(norm_text(prefix))
    if not p or not x:
        return False
    if x in p:
        return True
    head = " ".join(x.split()[:_QUOTE_PREFIX_WORDS])
    if head and head in p:
        return True
    return len(p.split()) >= _MIN_FRAGMENT_WORDS and x.startswith(p)


def _speaker_key(s: str | None) -> str:
    return _strip_quote_marks(norm_text(s))


def same_speaker(predicted: str | None, expected: ExpectedQuote) -> bool:
    """Speaker agreement after normalisation (see the module docstring)."""
    p = _speaker_key(predicted)
    if not p:
        return not _speaker_key(expected.speaker)
    for candidate in (expected.speaker, *expected.speaker_alt):
        e = _speaker_key(candidate)
        if not e:
            continue
        if p == e or p.split(",")[0].strip() == e.split(",")[0].strip():
            return True
        if not expected.anonymous and re.search(r"(?<!\w)" + re.escape(e) + r"(?!\w)", p):
            return True
    return False


def _options(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def _agree_name(predicted: str | None, expected: Any) -> bool:
    return any(same_place_name(predicted, e) for e in _options(expected))


def _agree_country(predicted: str | None, expected: Any) -> bool:
    p = fold_country(predicted) if predicted else None
    return any((fold_country(e) if e else None) == p for e in _options(expected))


def _agree_value(predicted: Any, expected: Any) -> bool:
    return any(predicted == e for e in _options(expected))


# -- per-article scoring -------------------------------------------------------------------


@dataclass(frozen=True)
class FieldCheck:
    """One matched incident's field comparisons (True = agrees)."""

    country: bool
    region: bool
    city: bool
    year: bool
    month: bool
    perpetrator_type: bool
    perpetrator_country: bool
    victim_count: bool | None  # None: no count stated, not scored


@dataclass(frozen=True)
class IncidentPair:
    expected: ExpectedIncident
    predicted: Incident
    check: FieldCheck


@dataclass(frozen=True)
class QuotePair:
    expected: ExpectedQuote
    predicted: Quote
    speaker_ok: bool
    anonymity_ok: bool


@dataclass
class ArticleResult:
    name: str
    expected: Expected
    report: Report | None
    incident_pairs: list[IncidentPair] = field(default_factory=list)
    missed_incidents: list[ExpectedIncident] = field(default_factory=list)
    spurious_incidents: list[Incident] = field(default_factory=list)
    quote_pairs: list[QuotePair] = field(default_factory=list)
    missed_quotes: list[ExpectedQuote] = field(default_factory=list)
    spurious_quotes: list[Quote] = field(default_factory=list)
    title_ok: bool = False
    tags_ok: bool = False
    outlet_ok: bool = False
    date_ok: bool | None = None  # None: date supplied, not scored
    relevance: float = 0.0
    error: str | None = None


def _check(pred: Incident, exp: ExpectedIncident) -> FieldCheck:
    place, time, perp = pred.place, pred.time, pred.perpetrator
    counts = [v.count for v in pred.victims if v.count is not None]
    return FieldCheck(
        country=_agree_country(place.country if place else None, exp.country),
        region=_agree_name(place.region if place else None, exp.region),
        city=_agree_name(place.city if place else None, exp.city),
        year=_agree_value(time.year if time else None, exp.year),
        month=_agree_value(time.month if time else None, exp.month),
        perpetrator_type=_agree_value(perp.type if perp else "none", exp.perpetrator_type or "none"),
        perpetrator_country=_agree_country(perp.country if perp else None, exp.perpetrator_country),
        victim_count=None if not isinstance(exp.victim_count, int) else (max(counts) if counts else None) == exp.victim_count,
    )


def _agreement(c: FieldCheck) -> int:
    return sum((c.country, c.region, c.city, c.year, c.month))


def match_incidents(
    predicted: Sequence[Incident], expected: Sequence[ExpectedIncident]
) -> tuple[list[IncidentPair], list[ExpectedIncident], list[Incident]]:
    """Pair same-type incidents greedily by place/time agreement; return pairs, misses, spurious."""
    candidates = []
    for i, p in enumerate(predicted):
        for j, e in enumerate(expected):
            if p.type == e.type:
                c = _check(p, e)
                candidates.append((-_agreement(c), j, i, c))
    candidates.sort(key=lambda t: (t[0], t[1], t[2]))
    used_p: set[int] = set()
    used_e: set[int] = set()
    pairs = []
    for _, j, i, c in candidates:
        if i in used_p or j in used_e:
            continue
        used_p.add(i)
        used_e.add(j)
        pairs.append((j, IncidentPair(expected[j], predicted[i], c)))
    pairs.sort(key=lambda t: t[0])
    missed = [e for j, e in enumerate(expected) if j not in used_e]
    spurious = [p for i, p in enumerate(predicted) if i not in used_p]
    return [p for _, p in pairs], missed, spurious


def match_quotes(
    predicted: Sequence[Quote], expected: Sequence[ExpectedQuote]
) -> tuple[list[QuotePair], list[ExpectedQuote], list[Quote]]:
    """Pair quotes one-to-one in document order; return pairs, misses, spurious."""
    used: set[int] = set()
    pairs, missed = [], []
    for e in expected:
        hit = next((i for i, q in enumerate(predicted) if i not in used and quote_matches(q.text, e.text_prefix)), None)
        if hit is None:
            missed.append(e)
            continue
        used.add(hit)
        q = predicted[hit]
        pairs.append(QuotePair(e, q, same_speaker(q.speaker, e), bool(q.anonymous) == e.anonymous))
    spurious = [q for i, q in enumerate(predicted) if i not in used]
    return pairs, missed, spurious


def score_article(report: Report, expected: Expected, *, date_scored: bool = True) -> ArticleResult:
    """Compare one report with its expected report."""
    a: Article = report.article
    pairs, missed, spurious = match_incidents(report.incidents, expected.incidents)
    qpairs, qmissed, qspurious = match_quotes(report.quotes, expected.quotes)
    return ArticleResult(
        name=expected.name,
        expected=expected,
        report=report,
        incident_pairs=pairs,
        missed_incidents=missed,
        spurious_incidents=spurious,
        quote_pairs=qpairs,
        missed_quotes=qmissed,
        spurious_quotes=qspurious,
        title_ok=norm_text(a.title) == norm_text(expected.title),
        tags_ok=[norm_text(t) for t in a.tags] == [norm_text(t) for t in expected.tags],
        outlet_ok=norm_text(a.outlet) == norm_text(expected.outlet),
        date_ok=(a.published == expected.published) if date_scored else None,
        relevance=report.relevance,
    )


# -- aggregation -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    """A ratio with its support: ``hits`` of ``n`` (value 0 when n is 0)."""

    hits: int
    n: int

    @property
    def value(self) -> float:
        return self.hits / self.n if self.n else 0.0


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _auc(pos: Sequence[float], neg: Sequence[float]) -> float | None:
    """Probability that a relevant article outscores a non-relevant one (ties count half)."""
    if not pos or not neg:
        return None
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


@dataclass(frozen=True)
class DomainScores:
    n_articles: int
    n_relevant: int
    incident_tp: int
    incident_fp: int
    incident_fn: int
    incident_p: float
    incident_r: float
    incident_f1: float
    per_type: dict[str, tuple[int, int, int]]  # type -> (tp, fp, fn)
    country: Rate
    region: Rate
    city: Rate
    year: Rate
    month: Rate
    perpetrator_type: Rate
    perpetrator_country: Rate
    victim_count: Rate
    quote_tp: int
    quote_fp: int
    quote_fn: int
    quote_p: float
    quote_r: float
    quote_f1: float
    speaker: Rate
    anonymity: Rate
    title: Rate
    date: Rate
    tags: Rate
    outlet: Rate
    relevance_auc: float | None
    relevance_threshold: float
    relevance_acc: Rate
    articles: tuple[ArticleResult, ...] = ()

    # the names for the targeted numbers
    @property
    def speaker_acc(self) -> float:
        return self.speaker.value

    @property
    def anonymity_acc(self) -> float:
        return self.anonymity.value

    @property
    def region_acc(self) -> float:
        return self.region.value

    @property
    def year_acc(self) -> float:
        return self.year.value

    @property
    def month_acc(self) -> float:
        return self.month.value


def aggregate(results: Sequence[ArticleResult], relevance_threshold: float = 0.3) -> DomainScores:
    tp = fp = fn = qtp = qfp = qfn = 0
    per_type: dict[str, list[int]] = {}
    field_hits = {k: [0, 0] for k in ("country", "region", "city", "year", "month", "perpetrator_type", "perpetrator_country", "victim_count")}
    speaker = [0, 0]
    anonymity = [0, 0]
    meta = {k: [0, 0] for k in ("title", "date", "tags", "outlet")}
    rel_acc = [0, 0]
    pos, neg = [], []
    for r in results:
        for pair in r.incident_pairs:
            tp += 1
            per_type.setdefault(pair.expected.type, [0, 0, 0])[0] += 1
            for k in field_hits:
                ok = getattr(pair.check, k)
                if ok is None:
                    continue
                field_hits[k][0] += int(ok)
                field_hits[k][1] += 1
        for e in r.missed_incidents:
            fn += 1
            per_type.setdefault(e.type, [0, 0, 0])[2] += 1
        for p in r.spurious_incidents:
            fp += 1
            per_type.setdefault(p.type, [0, 0, 0])[1] += 1
        qtp += len(r.quote_pairs)
        qfn += len(r.missed_quotes)
        qfp += len(r.spurious_quotes)
        for qp in r.quote_pairs:
            speaker[0] += int(qp.speaker_ok)
            speaker[1] += 1
            anonymity[0] += int(qp.anonymity_ok)
            anonymity[1] += 1
        for k, ok in (("title", r.title_ok), ("tags", r.tags_ok), ("outlet", r.outlet_ok), ("date", r.date_ok)):
            if ok is None:
                continue
            meta[k][0] += int(ok)
            meta[k][1] += 1
        (pos if r.expected.relevant else neg).append(r.relevance)
        rel_acc[0] += int((r.relevance >= relevance_threshold) == r.expected.relevant)
        rel_acc[1] += 1
    ip, ir, if1 = _f1(tp, fp, fn)
    qp_, qr, qf1 = _f1(qtp, qfp, qfn)
    return DomainScores(
        n_articles=len(results),
        n_relevant=sum(1 for r in results if r.expected.relevant),
        incident_tp=tp, incident_fp=fp, incident_fn=fn,
        incident_p=ip, incident_r=ir, incident_f1=if1,
        per_type={k: (v[0], v[1], v[2]) for k, v in sorted(per_type.items())},
        **{k: Rate(*v) for k, v in field_hits.items()},
        quote_tp=qtp, quote_fp=qfp, quote_fn=qfn, quote_p=qp_, quote_r=qr, quote_f1=qf1,
        speaker=Rate(*speaker), anonymity=Rate(*anonymity),
        **{k: Rate(*v) for k, v in meta.items()},
        relevance_auc=_auc(pos, neg),
        relevance_threshold=relevance_threshold,
        relevance_acc=Rate(*rel_acc),
        articles=tuple(results),
    )  # fmt: skip


# -- running ---------------------------------------------------------------------------------


def _articles(pairs: Sequence[tuple[Path, Expected]]) -> Iterator[tuple[Article, Expected, bool]]:
    """Build each Article exactly as the pipeline does (collect -> extract)."""
    from rightswatch.collect import Failure, iter_documents
    from rightswatch.extract import extract_article
    from rightswatch.settings import Settings

    for path, exp in pairs:
        undated = path.suffix.lower() in _UNDATED_SUFFIXES
        settings = Settings(published=exp.published if undated else None)
        docs = list(iter_documents([path], settings))
        if len(docs) != 1 or isinstance(docs[0], Failure):
            raise ValueError(f"{path.name}: expected one document, got {docs!r}")
        yield extract_article(docs[0], settings), exp, not undated


def evaluate_domain(
    corpus_dir: str | Path,
    analyse_many: Callable[[Iterable[Article]], Iterable[Report]],
    *,
    relevance_threshold: float = 0.3,
) -> DomainScores:
    """Analyse every article of the corpus with ``analyse_many`` and score it."""
    pairs = [(p, load_expected(e)) for p, e in corpus_files(corpus_dir)]
    built = list(_articles(pairs))
    reports = list(analyse_many(a for a, _, _ in built))
    if len(reports) != len(built):
        raise ValueError(f"analyse_many returned {len(reports)} reports for {len(built)} articles")
    results = [score_article(rep, exp, date_scored=dated) for rep, (_, exp, dated) in zip(reports, built)]
    return aggregate(results, relevance_threshold)


# -- presentation ----------------------------------------------------------------------------


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def format_domain_table(scores: DomainScores) -> str:
    """Plain-text table: metric | n | ours | target (a ✓ marks a met target)."""
    s = scores
    rows: list[tuple[str, str, float | None, str]] = [
        ("incident type P", f"{s.incident_tp + s.incident_fp}", s.incident_p, ""),
        ("incident type R", f"{s.incident_tp + s.incident_fn}", s.incident_r, ""),
        ("incident type F1", f"tp {s.incident_tp} fp {s.incident_fp} fn {s.incident_fn}", s.incident_f1, "incident_f1"),
        ("place country", str(s.country.n), s.country.value, ""),
        ("place region", str(s.region.n), s.region.value, "region_acc"),
        ("place city", str(s.city.n), s.city.value, ""),
        ("time year", str(s.year.n), s.year.value, "year_acc"),
        ("time month", str(s.month.n), s.month.value, "month_acc"),
        ("perpetrator type", str(s.perpetrator_type.n), s.perpetrator_type.value, ""),
        ("perpetrator country", str(s.perpetrator_country.n), s.perpetrator_country.value, ""),
        ("victim count (stated)", str(s.victim_count.n), s.victim_count.value, ""),
        ("quote P", f"{s.quote_tp + s.quote_fp}", s.quote_p, ""),
        ("quote R", f"{s.quote_tp + s.quote_fn}", s.quote_r, ""),
        ("quote F1", f"tp {s.quote_tp} fp {s.quote_fp} fn {s.quote_fn}", s.quote_f1, "quote_f1"),
        ("speaker", str(s.speaker.n), s.speaker.value, "speaker_acc"),
        ("anonymity", str(s.anonymity.n), s.anonymity.value, "anonymity_acc"),
        ("title", str(s.title.n), s.title.value, ""),
        ("date (from source)", str(s.date.n), s.date.value, ""),
        ("tags", str(s.tags.n), s.tags.value, ""),
        ("outlet", str(s.outlet.n), s.outlet.value, ""),
        ("relevance AUC", f"{s.n_relevant} vs {s.n_articles - s.n_relevant}", s.relevance_auc, ""),
        (f"relevance acc @{s.relevance_threshold:g}", str(s.relevance_acc.n), s.relevance_acc.value, ""),
    ]
    header = ("metric", "n", "ours", "target")
    lines = []
    for label, n, value, key in rows:
        target = DOMAIN_TARGETS.get(key)
        mark = " ✓" if target is not None and value is not None and value >= target else ""
        lines.append((label, n, _pct(value) + mark, f"≥{100 * target:.0f}" if target is not None else ""))
    widths = [max(len(r[i]) for r in [header, *lines]) for i in range(4)]

    def fmt(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    out = [f"domain corpus: {s.n_articles} articles ({s.n_relevant} relevant)", fmt(header), fmt(["-" * w for w in widths])]
    out += [fmt(r) for r in lines]
    out.append("")
    out.append("per incident type: tp / fp / fn")
    for t, (a, b, c) in s.per_type.items():
        out.append(f"  {t:<26} {a:>3} / {b:>3} / {c:>3}")
    return "\n".join(out)


def _describe(i: Incident) -> str:
    perp = f"{i.perpetrator.type}/{i.perpetrator.country}" if i.perpetrator else "none"
    place = f"{i.place.country}/{i.place.region}/{i.place.city}" if i.place else "-"
    time = f"{i.time.year}-{i.time.month}" if i.time else "-"
    counts = [v.count for v in i.victims if v.count is not None]
    return f"{i.type} perp={perp} place={place} time={time} count={max(counts) if counts else None}"


def _describe_expected(e: ExpectedIncident) -> str:
    return (
        f"{e.type} perp={e.perpetrator_type}/{e.perpetrator_country} place={e.country}/{e.region}/{e.city} "
        f"time={e.year}-{e.month} count={e.victim_count}"
    )


def format_misses(scores: DomainScores) -> str:
    """Every disagreement, article by article: the material of an error analysis."""
    out = []
    for r in scores.articles:
        lines = []
        text = r.report.article.text if r.report else ""
        for e in r.missed_incidents:
            lines.append(f"  MISSED  {_describe_expected(e)}\n          «{e.evidence}»")
        for p in r.spurious_incidents:
            ev = " | ".join(text[s.start : s.end] for s in p.evidence)[:240]
            lines.append(f"  EXTRA   {_describe(p)}\n          «{ev}»")
        for pair in r.incident_pairs:
            bad = [k for k, v in vars(pair.check).items() if v is False]
            if bad:
                lines.append(
                    f"  FIELDS  {', '.join(bad)}\n          want {_describe_expected(pair.expected)}\n"
                    f"          got  {_describe(pair.predicted)}\n          «{pair.expected.evidence}»"
                )
        for q in r.missed_quotes:
            lines.append(f"  QUOTE-  «{q.text_prefix}…» ({q.speaker})")
        for q in r.spurious_quotes:
            lines.append(f"  QUOTE+  «{q.text[:60]}…» ({q.speaker})")
        for qp in r.quote_pairs:
            if not (qp.speaker_ok and qp.anonymity_ok):
                lines.append(
                    f"  SPEAKER want {qp.expected.speaker!r} anon={qp.expected.anonymous}; "
                    f"got {qp.predicted.speaker!r} anon={qp.predicted.anonymous}  «{qp.expected.text_prefix}…»"
                )
        a = r.report.article if r.report else None
        if a is not None:
            if not r.title_ok:
                lines.append(f"  TITLE   want {r.expected.title!r}; got {a.title!r}")
            if not r.tags_ok:
                lines.append(f"  TAGS    want {list(r.expected.tags)}; got {list(a.tags)}")
            if not r.outlet_ok:
                lines.append(f"  OUTLET  want {r.expected.outlet!r}; got {a.outlet!r}")
            if r.date_ok is False:
                lines.append(f"  DATE    want {r.expected.published!r}; got {a.published!r}")
        if lines:
            out.append(f"{r.name} (relevant={r.expected.relevant}, relevance={r.relevance:.2f})")
            out.extend(lines)
    return "\n".join(out)
