"""Trained article-level labels for HRDsAttack: violation types and perpetrator type.

The main-event rule (``evaluate.mapping``) answers from our incidents alone; this module adds
two small linear models over the article and the Report, trained from HRDsAttack's train
split by ``scripts/train_hrdsattack.py`` (or ``rightswatch train hrdsattack``):

- **violation types**: one logistic regression per HRDsAttack type (multi-label), then one of
  two decodings (chosen by cross-validation): *thresholds*, every type above its own
  threshold (none -> ``()``, scored as "unknown", unless ``at_least_one``); or *relative*,
  the best-scoring type always plus each other type whose score passes an absolute threshold
  and is at least ``relative`` x the best score (HRDsAttack's gold is the main event's set,
  often a single type: a fixed per-type threshold answers too many);
- **perpetrator type**: one-vs-rest logistic regressions over HRDsAttack's perpetrator
  types plus ``"no perpetrator"`` (-> ``None``: no perpetrator mentioned).

Features (``article_fields`` -> ``LabelModel``): TF-IDF word unigrams and bigrams (sublinear tf,
l2-normalised, one block per field, each block scaled by its weight) over the title, the body
and/or the sentences our incidents' evidence points at, plus binary indicators: from the Report
(our incident types, the main incident's type, the rule's answer, the main perpetrator's
codebook type and head word; ``REPORT_FAMILIES``) and from small keyword lexicons (what kind
of actor the main perpetrator's words name: police, military, court, company, gunmen...;
which violation words the title, lead, evidence and body use and how often; crime-report
phrasing such as "arrested for kidnapping"; the Report's relevance and incident count).
Each indicator is ``family=value``; a head may use the report families only or all of them.

The model is a JSON file (``data/models/hrdsattack_labels.json``): vocabularies, idf,
coefficients, intercepts, thresholds and the training metadata. Prediction here is numpy
only; scikit-learn is imported by the training functions alone. No pickle anywhere: the
file is data, checked for shape and type when loaded.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..records import Actor, Report
from .mapping import MainEventRule, hrds_mapping, main_event, to_hrds
from .schema import PERPETRATOR_TYPES

__all__ = [
    "VIOLATION_LABELS",
    "PERPETRATOR_CLASSES",
    "NO_PERPETRATOR",
    "MODEL_FORMAT",
    "default_model_path",
    "analyze",
    "REPORT_FAMILIES",
    "INDICATOR_SETS",
    "indicator_family",
    "actor_categories",
    "lexicon_indicators",
    "ArticleFields",
    "article_fields",
    "TfidfBlock",
    "FeatureSpec",
    "LabelModel",
    "LabelAnswer",
    "load_model",
    "model_answer",
]

#: The violation types the model predicts (HRDsAttack's, without "unknown" = none of these).
VIOLATION_LABELS = (
    "arbitrary detention",
    "enforced disappearance",
    "killing",
    "kidnapping",
    "torture",
    "other",
)
NO_PERPETRATOR = "no perpetrator"
PERPETRATOR_CLASSES = PERPETRATOR_TYPES + (NO_PERPETRATOR,)
MODEL_FORMAT = "rightswatch.hrdsattack_labels/1"
#: Largest model file we load (the real one is well under 2 MB).
MAX_MODEL_BYTES = 16 * 1024 * 1024
#: Text fields a TF-IDF block can read.
FIELDS = ("title", "body", "evidence")

_TOKEN = re.compile(r"(?u)\b\w\w+\b")


#: Indicator families read off the Report itself (the others come from the keyword lexicons).
REPORT_FAMILIES = frozenset(
    {"inc", "incv", "perpall", "no_incidents", "main", "rulev", "rulep", "perp", "head", "pword"}
)
#: Named indicator sets a head can be trained on: family filter, None = every family.
INDICATOR_SETS: dict[str, frozenset[str] | None] = {"report": REPORT_FAMILIES, "all": None}


def indicator_family(name: str) -> str:
    """``"perp=police"`` -> ``"perp"``; a bare name is its own family."""
    return name.split("=", 1)[0]


def default_model_path() -> Path:
    return Path(str(resources.files("rightswatch") / "data" / "models" / "hrdsattack_labels.json"))


# -- features ----------------------------------------------------------------------------------


def analyze(text: str) -> list[str]:
    """Lower-cased word unigrams and bigrams (words: 2+ word characters, as scikit-learn's)."""
    words = _TOKEN.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def _lexicon(words: dict[str, str]) -> dict[str, re.Pattern[str]]:
    return {k: re.compile(r"\b(?:" + v + r")\b", re.IGNORECASE) for k, v in words.items()}


#: Kinds of actor, by the words that name them (matched in the perpetrator's own words and
#: counted in the title, evidence and body).
ACTOR_LEXICON = _lexicon({
    "police": r"police|policem[ae]n|officers?|cops?|constables?|gendarmes?",
    "military": r"army|military|soldiers?|troops|junta|armed forces|navy|marines?",
    "security": r"security forces|intelligence|secret service|agents?|kgb|fsb|spy",
    "gov": r"government|authorities|ministry|minister|regime|state|officials?|president|governor|mayor",
    "court": r"courts?|judges?|prosecutors?|sentenced|convicted|charged|tribunal",
    "company": r"company|companies|employers?|firm|corporation|management|owners?|bosses",
    "gunmen": r"gunm[ae]n|assailants|attackers|unknown|unidentified|masked|bandits|kidnappers|abductors|criminals?|gangs?",
    "militant": r"militants?|rebels?|insurgents?|terrorists?|isis|islamic state|taliban|al-shabaab|boko haram"
    r"|jihadists?|al-qaida|al-qaeda|extremists",
    "militia": r"militias?|paramilitar\w*|vigilantes?|thugs|hooligans|supporters|mob",
    "family": r"relatives|family|husband|father|brother|wife|neighbou?rs?",
    "foreign": r"foreign|extradit\w*|abroad|embassy|consulate|u\.s\.|american|chinese|russian|saudi|iranian",
    "intl": r"united nations|african union|european union|asean|nato|peacekeepers",
})  # fmt: skip
#: Words of each HRDsAttack violation type.
VIOLATION_LEXICON = _lexicon({
    "killing": r"kill\w*|murder\w*|shot dead|death|dead|died|slain|assassinat\w*|execut\w*|body|bodies|lynch\w*",
    "arbitrary detention": r"arrest\w*|detain\w*|detention|jail\w*|prison\w*|custody|imprison\w*|sentenced"
    r"|remand\w*|held|locked up|bail",
    "kidnapping": r"kidnap\w*|abduct\w*|hostages?|ransom|seized|snatched",
    "torture": r"tortur\w*|beat\w*|flog\w*|abuse\w*|mistreat\w*|ill-treat\w*|electric shocks?|whip\w*",
    "enforced disappearance": r"disappear\w*|missing|whereabouts|unaccounted|vanished",
    "other": r"threat\w*|harass\w*|intimidat\w*|censor\w*|ban\w*|fired|dismiss\w*|surveil\w*|raid\w*|attack\w*"
    r"|assault\w*|injur\w*|protest\w*|strike\w*|charged|fine\w*|sued|deport\w*",
})  # fmt: skip
_LEGAL = r"arrest\w*|charged|convicted|sentenced|suspects?|jailed|guilty|nabbed|caught|remanded|indicted"
_CRIME = r"kidnap\w*|abduct\w*|murder\w*|kill\w*|rap\w*|assault\w*|attack\w*|lynch\w*|tortur\w*"
#: A crime report: someone arrested/charged/convicted for a kidnapping, murder, assault...
#: (HRDsAttack's perpetrator is then the offender, not the police who arrested them).
CRIME_REPORT = re.compile(
    rf"\b(?:{_LEGAL}|accused|trial|extradit\w*|held)\b[^.\n]{{0,60}}\b(?:{_CRIME})"
    rf"|\b(?:{_CRIME})\b[^.\n]{{0,60}}\b(?:{_LEGAL})\b",
    re.IGNORECASE,
)
#: Characters of the body read as its lead.
LEAD_CHARS = 800


def actor_categories(text: str) -> set[str]:
    """The ``ACTOR_LEXICON`` kinds the words of an actor mention name ("riot police" -> police)."""
    return {k for k, rx in ACTOR_LEXICON.items() if rx.search(text)}


def _lexicon_indicators(
    lexicon: dict[str, re.Pattern[str]], name: str, parts: Sequence[tuple[str, str]], body_levels: Sequence[int]
) -> set[str]:
    """``{part}{name}=K`` for every lexicon kind K found in a part (title, evidence, lead, body),
    and ``b{name}{level}=K`` when the body names K at least ``level`` times."""
    out: set[str] = set()
    for tag, part in parts:
        for k, rx in lexicon.items():
            n = len(rx.findall(part))
            if n:
                out.add(f"{tag}{name}={k}")
            if tag == "b":
                out |= {f"b{name}{level}={k}" for level in body_levels if n >= level}
    return out


def lexicon_indicators(report: Report, evidence: str, actor: Actor | None, group_violations: Iterable[str]) -> set[str]:
    """Keyword-lexicon indicators of one article (families other than ``REPORT_FAMILIES``).

    ``alex=K`` the main perpetrator's words name kind K; ``acountry=yes`` its country is known;
    ``{t,e,b}lex=K`` title/evidence/body mention kind K (``blex3``: 3+ times);
    ``{t,e,l,b}vl=V`` title/evidence/lead/body use violation V's words (``bvl3``/``bvl8``: 3+/8+);
    ``incv2``/``incv4=V`` 2+/4+ of our incidents map to V; ``grp=V`` the main group has V;
    ``crime=title|lead|body|body3`` crime-report phrasing; ``rel=0..4`` relevance in fifths;
    ``ninc=0..4|5+`` incident count.
    """
    text = report.article.text
    title = report.article.title or ""
    out: set[str] = set()
    if actor is not None:
        out |= {f"alex={k}" for k in actor_categories(actor.text)}
        if actor.country:
            out.add("acountry=yes")
    out |= _lexicon_indicators(ACTOR_LEXICON, "lex", (("t", title), ("e", evidence), ("b", text)), (3,))
    out |= _lexicon_indicators(
        VIOLATION_LEXICON, "vl", (("t", title), ("e", evidence), ("l", text[:LEAD_CHARS]), ("b", text)), (3, 8)
    )
    mapping = hrds_mapping(report.codebook or "default")
    per_type: dict[str, int] = {}
    for inc in report.incidents:
        v = mapping.violation(inc.type)
        per_type[v] = per_type.get(v, 0) + 1
    for v, n in per_type.items():
        if n >= 2:
            out.add(f"incv2={v}")
        if n >= 4:
            out.add(f"incv4={v}")
    out |= {f"grp={v}" for v in group_violations}
    if CRIME_REPORT.search(title):
        out.add("crime=title")
    if CRIME_REPORT.search(text[:LEAD_CHARS]):
        out.add("crime=lead")
    crimes = len(CRIME_REPORT.findall(text))
    if crimes:
        out.add("crime=body")
    if crimes >= 3:
        out.add("crime=body3")
    out.add(f"rel={min(max(int(report.relevance * 5), 0), 4)}")
    n = len(report.incidents)
    out.add(f"ninc={n if n < 5 else '5+'}")
    return out


@dataclass(frozen=True, slots=True)
class ArticleFields:
    """What the models read of one article."""

    title: str
    body: str
    evidence: str
    indicators: tuple[str, ...]

    def text(self, name: str) -> str:
        if name not in FIELDS:
            raise ValueError(f"unknown text field {name!r}")
        return getattr(self, name)


def _main_actor(report: Report, rule: MainEventRule) -> Actor | None:
    """The actor the main-event rule answers with (main group first, then the whole report)."""
    chosen = main_event(report, rule)
    if chosen is None:
        return None
    _, group = chosen

    def has(inc: Any) -> bool:
        return inc.perpetrator is not None and inc.perpetrator.type != "none"

    actor = next((i.perpetrator for i in group if has(i)), None)
    if actor is None:
        ranked = sorted(report.incidents, key=lambda i: -i.confidence)
        actor = next((i.perpetrator for i in ranked if has(i)), None)
    return actor


def article_fields(report: Report, rule: MainEventRule | None = None) -> ArticleFields:
    """Title, body, evidence sentences and Report indicators of one article.

    ``rule`` is the main-event rule whose answer becomes indicator features (its own
    classifier switch is turned off here); default ``MainEventRule()``.
    """
    rule = replace(rule or MainEventRule(), classifier=False, ranker=False)  # the rule's own answer; places are not read
    text = report.article.text
    spans = sorted({(s.start, s.end) for inc in report.incidents for s in inc.evidence})
    evidence = "\n".join(text[a:b] for a, b in spans)
    mapping = hrds_mapping(report.codebook or "default")

    ind: set[str] = set()
    for inc in report.incidents:
        ind.add(f"inc={inc.type}")
        ind.add(f"incv={mapping.violation(inc.type)}")
        if inc.perpetrator is not None:
            ind.add(f"perpall={inc.perpetrator.type}")
    if not report.incidents:
        ind.add("no_incidents")
    chosen = main_event(report, rule)
    if chosen is not None:
        ind.add(f"main={chosen[0].type}")
    answer = to_hrds(report, rule)
    for v in answer.violation_types:
        ind.add(f"rulev={v}")
    group = {mapping.violation(i.type) for i in chosen[1]} if chosen is not None else set()
    if not answer.violation_types:
        ind.add("rulev=none")
    ind.add(f"rulep={answer.perpetrator_type if answer.perpetrator_mention else 'none'}")
    actor = _main_actor(report, rule)
    if actor is None:
        ind.add("perp=none")
    else:
        ind.add(f"perp={actor.type}")
        words = _TOKEN.findall(actor.text.lower())
        if words:
            ind.add(f"head={words[-1]}")
        for w in words:
            ind.add(f"pword={w}")
    ind |= lexicon_indicators(report, evidence, actor, group)
    return ArticleFields(
        title=report.article.title or "",
        body=text,
        evidence=evidence,
        indicators=tuple(sorted(ind)),
    )


@dataclass(slots=True)
class TfidfBlock:
    """One field's TF-IDF: sublinear tf x idf, l2-normalised, times ``weight``.

    Equal to scikit-learn's ``TfidfVectorizer(analyzer=analyze, sublinear_tf=True)`` with the
    same vocabulary and idf (checked by the training script and the tests).
    """

    field: str
    weight: float
    vocabulary: list[str]
    idf: np.ndarray
    index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.field not in FIELDS:
            raise ValueError(f"unknown text field {self.field!r}")
        if len(self.vocabulary) != len(self.idf):
            raise ValueError("vocabulary and idf differ in length")
        self.index = {t: i for i, t in enumerate(self.vocabulary)}

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.vocabulary)))
        for row, text in enumerate(texts):
            counts: dict[int, int] = {}
            for term in analyze(text):
                j = self.index.get(term)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            for j, c in counts.items():
                out[row, j] = (1.0 + math.log(c)) * self.idf[j]
            norm = float(np.sqrt(np.dot(out[row], out[row])))
            if norm > 0:
                out[row] /= norm
        return out * self.weight

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "weight": self.weight,
            "vocabulary": self.vocabulary,
            "idf": [round(float(x), 6) for x in self.idf],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TfidfBlock:
        vocab = d["vocabulary"]
        if not isinstance(vocab, list) or not all(isinstance(t, str) for t in vocab):
            raise ValueError("vocabulary must be a list of strings")
        return cls(str(d["field"]), float(d["weight"]), vocab, _floats(d["idf"], (len(vocab),)))


@dataclass(slots=True)
class FeatureSpec:
    """TF-IDF blocks then binary indicators (each ``indicator_weight`` when present)."""

    blocks: list[TfidfBlock]
    indicators: list[str]
    indicator_weight: float = 1.0

    @property
    def n_features(self) -> int:
        return sum(len(b.vocabulary) for b in self.blocks) + len(self.indicators)

    def transform(self, rows: Sequence[ArticleFields]) -> np.ndarray:
        parts = [b.transform([r.text(b.field) for r in rows]) for b in self.blocks]
        ind = np.zeros((len(rows), len(self.indicators)))
        where = {name: j for j, name in enumerate(self.indicators)}
        for i, r in enumerate(rows):
            for name in r.indicators:
                j = where.get(name)
                if j is not None:
                    ind[i, j] = self.indicator_weight
        parts.append(ind)
        return np.hstack(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "blocks": [b.to_dict() for b in self.blocks],
            "indicators": self.indicators,
            "indicator_weight": self.indicator_weight,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FeatureSpec:
        names = d["indicators"]
        if not isinstance(names, list) or not all(isinstance(t, str) for t in names):
            raise ValueError("indicators must be a list of strings")
        return cls(
            [TfidfBlock.from_dict(b) for b in d["blocks"]], names, float(d["indicator_weight"])
        )


def _floats(value: Any, shape: tuple[int, ...]) -> np.ndarray:
    """A JSON number array of the given shape as float64 (rejects anything else)."""
    arr = np.asarray(value, dtype=np.float64)  # raises on strings/objects
    if arr.shape != shape:
        raise ValueError(f"expected shape {shape}, got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError("non-finite number in model")
    return arr


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


# -- the model ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LabelAnswer:
    """One article's trained answer; ``perpetrator_type`` None = no perpetrator mentioned."""

    violation_types: tuple[str, ...]
    perpetrator_type: str | None
    violation_scores: dict[str, float]
    perpetrator_scores: dict[str, float]


@dataclass(slots=True)
class ViolationHead:
    features: FeatureSpec
    labels: list[str]
    coef: np.ndarray  # (labels, features)
    intercept: np.ndarray  # (labels,)
    thresholds: np.ndarray  # (labels,)
    #: How the rule's answer combines with the model's: "model" or "union".
    combine: str = "model"
    #: No type above its threshold: answer the best-scoring type (True) or none (False).
    at_least_one: bool = False
    #: None: every type above its threshold. A number r: the best-scoring type always, plus
    #: each other type above its threshold *and* at least r x the best score (the gold is
    #: the main event's set, usually one or two types, so weak runners-up are left out).
    relative: float | None = None

    def scores(self, x: np.ndarray) -> np.ndarray:
        return _sigmoid(x @ self.coef.T + self.intercept)

    def decide(self, probs: np.ndarray, rule_sets: Sequence[Iterable[str]]) -> list[tuple[str, ...]]:
        out = []
        for p, ruled in zip(probs, rule_sets, strict=True):
            keep = p >= self.thresholds
            if self.relative is not None:
                keep &= p >= self.relative * p.max()
                keep[int(np.argmax(p))] = True
            chosen = {self.labels[j] for j in np.flatnonzero(keep)}
            if not chosen and self.at_least_one:
                chosen = {self.labels[int(np.argmax(p))]}
            if self.combine == "union":
                chosen |= {v for v in ruled if v in self.labels}
            out.append(tuple(sorted(chosen)))
        return out


@dataclass(slots=True)
class PerpetratorHead:
    features: FeatureSpec
    classes: list[str]
    coef: np.ndarray  # (classes, features), one-vs-rest
    intercept: np.ndarray  # (classes,)

    def scores(self, x: np.ndarray) -> np.ndarray:
        """One-vs-rest: each class's sigmoid, normalised to sum 1 (scikit-learn's OvR)."""
        p = _sigmoid(x @ self.coef.T + self.intercept)
        return p / p.sum(axis=1, keepdims=True)

    def decide(self, probs: np.ndarray) -> list[str | None]:
        out: list[str | None] = []
        for p in probs:
            label = self.classes[int(np.argmax(p))]
            out.append(None if label == NO_PERPETRATOR else label)
        return out


@dataclass(slots=True)
class LabelModel:
    violation: ViolationHead
    perpetrator: PerpetratorHead
    metadata: dict[str, Any]

    def answer_many(
        self, reports: Sequence[Report], rule: MainEventRule | None = None
    ) -> list[LabelAnswer]:
        rows = [article_fields(r, rule) for r in reports]
        return self.answer_fields(rows)

    def answer_fields(self, rows: Sequence[ArticleFields]) -> list[LabelAnswer]:
        if not rows:
            return []
        vp = self.violation.scores(self.violation.features.transform(rows))
        ruled = [_rule_violations(r) for r in rows]
        vsets = self.violation.decide(vp, ruled)
        pp = self.perpetrator.scores(self.perpetrator.features.transform(rows))
        ptypes = self.perpetrator.decide(pp)
        return [
            LabelAnswer(
                violation_types=vs,
                perpetrator_type=pt,
                violation_scores={l: round(float(s), 4) for l, s in zip(self.violation.labels, vrow)},
                perpetrator_scores={c: round(float(s), 4) for c, s in zip(self.perpetrator.classes, prow)},
            )
            for vs, pt, vrow, prow in zip(vsets, ptypes, vp, pp, strict=True)
        ]

    def answer(self, report: Report, rule: MainEventRule | None = None) -> LabelAnswer:
        return self.answer_many([report], rule)[0]

    # -- JSON ----------------------------------------------------------------------------------
    def to_dict(self, decimals: int = 5) -> dict[str, Any]:
        def mat(a: np.ndarray) -> list[Any]:
            return np.round(a, decimals).tolist()

        v, p = self.violation, self.perpetrator
        return {
            "format": MODEL_FORMAT,
            "metadata": self.metadata,
            "violation": {
                "labels": v.labels,
                "combine": v.combine,
                "at_least_one": v.at_least_one,
                "relative": v.relative,
                "thresholds": [round(float(t), 4) for t in v.thresholds],
                "intercept": mat(v.intercept),
                "features": v.features.to_dict(),
                "coef": mat(v.coef),
            },
            "perpetrator": {
                "classes": p.classes,
                "intercept": mat(p.intercept),
                "features": p.features.to_dict(),
                "coef": mat(p.coef),
            },
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LabelModel:
        if not isinstance(d, dict) or d.get("format") != MODEL_FORMAT:
            raise ValueError(f"not a {MODEL_FORMAT} model")
        v, p = d["violation"], d["perpetrator"]
        vf, pf = FeatureSpec.from_dict(v["features"]), FeatureSpec.from_dict(p["features"])
        labels, classes = list(v["labels"]), list(p["classes"])
        if not set(labels) <= set(VIOLATION_LABELS) or not set(classes) <= set(PERPETRATOR_CLASSES):
            raise ValueError("unknown label in model")
        if v.get("combine", "model") not in ("model", "union"):
            raise ValueError("combine must be 'model' or 'union'")
        relative = v.get("relative")
        if relative is not None and not (isinstance(relative, (int, float)) and 0.0 <= relative <= 1.0):
            raise ValueError("relative must be null or a number in [0, 1]")
        return cls(
            violation=ViolationHead(
                features=vf,
                labels=labels,
                coef=_floats(v["coef"], (len(labels), vf.n_features)),
                intercept=_floats(v["intercept"], (len(labels),)),
                thresholds=_floats(v["thresholds"], (len(labels),)),
                combine=v.get("combine", "model"),
                at_least_one=bool(v.get("at_least_one", False)),
                relative=None if relative is None else float(relative),
            ),
            perpetrator=PerpetratorHead(
                features=pf,
                classes=classes,
                coef=_floats(p["coef"], (len(classes), pf.n_features)),
                intercept=_floats(p["intercept"], (len(classes),)),
            ),
            metadata=dict(d.get("metadata") or {}),
        )

    def save(self, path: str | Path, decimals: int = 5) -> int:
        """Write the JSON model; returns its size in bytes."""
        text = json.dumps(self.to_dict(decimals), ensure_ascii=False, separators=(",", ":"))
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text + "\n", encoding="utf-8")
        return len(text.encode("utf-8")) + 1

    @classmethod
    def load(cls, path: str | Path) -> LabelModel:
        p = Path(path)
        size = p.stat().st_size
        if size > MAX_MODEL_BYTES:
            raise ValueError(f"model file too large: {size} bytes")
        return cls.from_dict(json.loads(p.read_text(encoding="utf-8")))


def _rule_violations(row: ArticleFields) -> set[str]:
    return {i.split("=", 1)[1] for i in row.indicators if i.startswith("rulev=")} - {"none"}


@lru_cache(maxsize=4)
def _cached_model(path: str, mtime: float) -> LabelModel:
    return LabelModel.load(path)


def load_model(path: str | Path | None = None) -> LabelModel | None:
    """The trained label model, or None when the file does not exist (cached per file)."""
    p = Path(path) if path is not None else default_model_path()
    try:
        mtime = p.stat().st_mtime
    except OSError:
        return None
    return _cached_model(str(p), mtime)


def model_answer(report: Report, rule: MainEventRule | None = None) -> LabelAnswer | None:
    """The default model's answer for one Report, or None when no model is installed."""
    model = load_model()
    return model.answer(report, rule) if model is not None else None
