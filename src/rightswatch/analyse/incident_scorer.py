"""How likely a built incident is one an analyst would record: a small logistic model over how it was told.

The rules before this stage decide what *can* be an incident (an asserted trigger with its
arguments); what they cannot weigh is the telling as a whole: a repatriation named only in a
headline, a third copy of a detention told in a closing quote with no one and no time, a
relative clause in the present tense describing a practice, an arrest in a story about ordinary
crime. This stage reads those signs off the merged candidate (its trigger's place in the parse,
its arguments, its place and time, where in the article it is told and how many of its type came
before) and off the article (how much it is about the profile's domain: keywords and the relevance
classifier, ``analyse.relevance``) and off the sentence reader where the profile has one (how
sure it is that the incident's sentence tells its type: ``analyse.sentence_types``), and a model
(the profile's ``incident_scorer.json``: logistic weights, plus gradient-boosted trees where the
signs work together, ``analyse.boosted_trees``; trained by ``scripts/train_incident_scorer.py`` on the
profile's hand-annotated sets: ``tests/domain`` for ``north_korea``; a profile without one keeps
every incident the rules build) turns them into a probability. It becomes the
incident's ``confidence``; below the model's threshold the incident is dropped.

An article tells one incident several times (a headline, a lead that sums up what the body tells
in full, a quote retelling a custody), and each telling is scored alone. A model with a
``count_offset`` therefore also keeps no more tellings of a type than the probabilities add up to:
of an article's incidents of one type, told of a group of people or not (``count_group``), the
likeliest ``floor(sum of probabilities + count_offset)`` at or above the threshold, and always the
likeliest one at or above it (``likeliest_kept``). The evaluation pairs incidents by type within
an article, so the count of each type is what it reads; on the development sets, left out one set
at a time, this count raised incident F1 more than any threshold did
(``scripts/train_incident_scorer.py``).

Features are plain names with 0/1 (or small real) values, so the model file says what it weighs.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rightswatch.analyse.boosted_trees import RegressionTree
from rightswatch.analyse.incident_context import Candidate, IncidentContext
from rightswatch.analyse.incident_merge import stated_counts
from rightswatch.analyse.incident_participants import STATE_ACTORS
from rightswatch.analyse.sentence_types import READER_FEATURES
from rightswatch.errors import ConfigError
from rightswatch.records import Span, Victim

__all__ = ["FEATURES", "IncidentScorer", "count_group", "home_mentions", "incident_features", "likeliest_kept"]

_TYPES = (
    "arbitrary_detention", "forced_repatriation", "torture", "killing", "threat_intimidation", "surveillance",
    "forced_labor", "border_crossing_defection", "punishment_sentence", "kidnapping_trafficking",
    "enforced_disappearance", "other",
)  # fmt: skip
# The trigger's role in its sentence: a main clause's verb tells an act; a relative clause or a
# complement often describes people or what may happen.
_DEPS = {
    "ROOT": "main", "conj": "conj", "relcl": "relative", "acl": "relative", "advcl": "adverbial",
    "xcomp": "complement", "ccomp": "complement", "pcomp": "prepositional", "pobj": "prepositional",
}  # fmt: skip
_TAGS = {"VBD": "past", "VBN": "participle", "VBZ": "present", "VBP": "present", "VBG": "gerund", "VB": "base", "NN": "noun", "NNS": "noun"}
_REPORTED = re.compile(r"\b(?:said|says|told|tells|according to)\b", re.IGNORECASE)
_GENERIC = re.compile(r"\b(?:often|routinely|usually|typically|regularly|anyone|whoever|those who|people who|many)\b", re.IGNORECASE)
_CONDITIONAL = re.compile(r"\b(?:if|unless|whether)\b", re.IGNORECASE)
# The vocabulary of ordinary crime and its prosecution: suspects of fraud, theft, poaching, piracy,
# gangs and rings, extradition ("detained 18 people suspected of belonging to a gang that shipped
# stolen phones"): police work the profile does not monitor, unless the rest of the article says so.
_ORDINARY_CRIME = re.compile(
    r"\b(?:suspects?|suspected of|on suspicion of|accused of|fraud\w*|phishing|swindl\w*|scam\w*|stolen|steal\w*|theft|thie(?:f|ves)|"
    r"robber\w*|burglar\w*|poach\w*|counterfeit|gang|gangs|ring|ringleader|drugs?|narcotics?|murder\w*|piracy|pirated|embezzl\w*|"
    r"launder\w*|extradit\w*|red notice|interpol|illegally (?:catching|fishing)|unpaid fees|tax evasion)\b",
    re.IGNORECASE,
)

FEATURES: tuple[str, ...] = (
    ("bias",)
    + tuple(f"type_{t}" for t in _TYPES)
    + tuple(f"dep_{d}" for d in dict.fromkeys(_DEPS.values())) + ("dep_nominal",)
    + tuple(f"tag_{t}" for t in dict.fromkeys(_TAGS.values()))
    + (
        "weak", "by_object", "modal", "perfect", "negated", "definite_noun", "in_quote", "heading", "in_lead", "position",
        "tellings", "perpetrator", "state_perpetrator", "victims", "victim_count", "victim_named", "victim_pronoun", "bare_plural_victims",
        "no_place", "fallback_place", "city", "no_time", "own_time", "day", "earlier_same_type", "same_type", "paragraphs_since_same_type",
        "candidates", "reported", "generic", "conditional", "sentence_length", "domain_keywords", "domain_classifier", "safe_place", "safe_perpetrator", "ordinary_crime",
        "home_sentence", "home_paragraph", "home_article",
        "compatible_earlier", "conflicting_earlier", "same_victims_earlier",
    )
    + READER_FEATURES  # filled by the incident builder beside the sentence reader (``analyse.sentence_types``)
)  # fmt: skip


def incident_features(ctx: IncidentContext, cand: Candidate, merged: list[Candidate], home: list[tuple[int, int]]) -> dict[str, float]:
    """The signs ``FEATURES`` names, for one merged candidate among the article's ``merged``
    (``home``: the article's ``home_mentions``)."""
    tok = ctx.doc[cand.trigger.head_i]
    sentence = ctx.text[cand.sentence.start : cand.sentence.end]
    f: dict[str, float] = {"bias": 1.0, f"type_{cand.trigger.label}": 1.0}
    f["dep_" + _DEPS.get(tok.dep_, "nominal")] = 1.0
    if tok.tag_ in _TAGS:
        f["tag_" + _TAGS[tok.tag_]] = 1.0
    verbs = (tok, tok.head) if tok.dep_ in ("xcomp", "conj") else (tok,)
    aux = [c for v in verbs for c in v.children if c.dep_ in ("aux", "auxpass", "neg")]
    f["weak"] = float(cand.trigger.weak)
    f["by_object"] = float(cand.trigger.by_object)
    f["modal"] = float(any(c.tag_ == "MD" for c in aux))
    f["perfect"] = float(any(c.lemma_ == "have" for c in aux))
    f["negated"] = float(any(c.dep_ == "neg" for c in aux))
    f["definite_noun"] = float(tok.pos_ == "NOUN" and any(c.lower_ in ("the", "this", "that", "these", "those") for c in tok.children))
    f["in_quote"] = float(ctx.quote_at(tok.idx) is not None)
    f["heading"] = float(ctx.unstopped(cand.paragraph))
    f["in_lead"] = float(cand.paragraph <= 1)
    f["position"] = cand.sentence.start / max(1, len(ctx.text))
    f["tellings"] = math.log1p(len(set(cand.evidence)))
    perp = cand.perpetrator
    f["perpetrator"] = float(perp is not None)
    f["state_perpetrator"] = float(perp is not None and perp.type in STATE_ACTORS)
    f["victims"] = float(bool(cand.victims))
    f["victim_count"] = float(any(v.count is not None for v in cand.victims))
    f["victim_named"] = float(any(v.name for v in cand.victims))
    f["victim_pronoun"] = float(bool(cand.victim_key and cand.victim_key.startswith("pronoun:")))
    f["bare_plural_victims"] = float(bool(cand.victims) and all(_bare_plural(ctx, v.span) for v in cand.victims))
    f["no_place"] = float(cand.place is None)
    f["fallback_place"] = float(cand.place is not None and cand.place_is_fallback)
    f["city"] = float(cand.place is not None and bool(cand.place.city))
    t = cand.time
    f["no_time"] = float(t is None)
    f["own_time"] = float(t is not None and t.span is not None and any(e.start <= t.span.start < e.end for e in cand.evidence))
    f["day"] = float(t is not None and t.granularity == "day")
    same = [m for m in merged if m.trigger.label == cand.trigger.label]
    earlier = [m.paragraph for m in same if m.sentence.start < cand.sentence.start]
    f["earlier_same_type"] = float(bool(earlier))
    f["paragraphs_since_same_type"] = math.log1p(cand.paragraph - max(earlier)) if earlier else 0.0
    f["same_type"] = math.log(len(same))
    # an earlier incident of its type that may be the same one told again (nothing tells them
    # apart: place, year, count; and it is not told of people in general, "defectors who have been
    # arrested before") or that cannot be (a different city or country, year or count)
    before = [m for m in same if m.sentence.start < cand.sentence.start]
    compatible = [m for m in before if not _told_apart(m, cand) and not _of_people_in_general(ctx, m)]
    f["compatible_earlier"] = float(bool(compatible))
    f["conflicting_earlier"] = float(bool(before) and not compatible)
    f["same_victims_earlier"] = float(any(_same_victims(m, cand) for m in compatible))
    f["candidates"] = math.log1p(len(merged))
    f["reported"] = float(bool(_REPORTED.search(sentence)))
    f["generic"] = float(bool(_GENERIC.search(sentence)))
    f["conditional"] = float(bool(_CONDITIONAL.search(sentence)))
    f["sentence_length"] = math.log1p(len(sentence)) / 6
    f["domain_keywords"], f["domain_classifier"] = ctx.article_relevance
    # placed in, or done by the agents of, a country the profile names as a refuge (its
    # "safe_destinations": South Korea for north_korea): a court or police case there is mostly
    # ordinary crime, not the abuses the profile monitors
    f["safe_place"] = float(cand.place is not None and cand.place.country in ctx.safe_destinations)
    f["safe_perpetrator"] = float(perp is not None and perp.country in ctx.safe_destinations)
    f["ordinary_crime"] = float(bool(_ORDINARY_CRIME.search(sentence)))
    # the people the profile monitors named near the act: "Police in Yunnan detained 23 people
    # suspected of trafficking women from Myanmar" in an article that names North Korea once is
    # not about North Koreans
    f["home_sentence"] = float(any(cand.sentence.start <= m < cand.sentence.end for m, _ in home))
    f["home_paragraph"] = float(any(para == cand.paragraph for _, para in home))
    f["home_article"] = math.log1p(len(home)) / 3
    return f


def _told_apart(a: Candidate, b: Candidate) -> bool:
    """Two incidents of one type that cannot be one: different countries, years or victim
    counts (not cities: custody moves from a police station to a detention centre elsewhere)."""
    pa, pb = a.place, b.place
    if pa is not None and pb is not None and pa.country and pb.country and pa.country != pb.country:
        return True
    ta, tb = a.time, b.time
    if ta is not None and tb is not None and ta.year and tb.year and ta.year != tb.year:
        return True
    ca, cb = stated_counts(a), stated_counts(b)
    return bool(ca and cb and not ca & cb)


def _of_people_in_general(ctx: IncidentContext, c: Candidate) -> bool:
    """Told of a class of people ("North Korean women", "those who", "many") rather than of some."""
    if c.victims and all(_bare_plural(ctx, v.span) for v in c.victims):
        return True
    return bool(_GENERIC.search(ctx.text[c.sentence.start : c.sentence.end]))


def _same_victims(a: Candidate, b: Candidate) -> bool:
    """The same people: a name, a count or the head word of a victim's text in common, or a
    pronoun for the later one."""
    if b.victim_key and b.victim_key.startswith("pronoun:"):
        return bool(a.victims)
    names = {v.name.casefold() for v in a.victims if v.name}
    if any(v.name and v.name.casefold() in names for v in b.victims):
        return True
    if stated_counts(a) & stated_counts(b):
        return True
    heads = {v.text.split()[-1].casefold() for v in a.victims if v.text}
    return any(v.text and v.text.split()[-1].casefold() in heads for v in b.victims)


def home_mentions(ctx: IncidentContext) -> list[tuple[int, int]]:
    """Where the article names the people the profile monitors, as (offset, paragraph): its
    "home_countries" (North Korea for north_korea) by place or demonym, and its "home_people"
    words ("defector"). Read once per article for ``incident_features``."""
    home = {c.upper() for c in ctx.lexicons.get("home_countries", ())}
    people = ctx.lexicons.get("home_people", frozenset())
    starts = [m.span.start for m in (*ctx.places, *ctx.demonyms) if m.country in home]
    if people:
        starts += [t.idx for t in ctx.doc if t.lower_ in people]
    return [(s, ctx.paragraph(s)) for s in starts]


def _bare_plural(ctx: IncidentContext, span: Span | None) -> bool:
    """ "North Korean women" with no article, number or possessive: people in general, not a group told of."""
    if span is None:
        return False
    words = ctx.doc.char_span(span.start, span.end, alignment_mode="expand")
    if words is None or not len(words):
        return False
    head = words.root
    return head.tag_ == "NNS" and not any(c.dep_ in ("det", "nummod", "poss", "predet") for c in head.children)


def count_group(kind: str, victims: Sequence[Victim]) -> tuple[str, bool]:
    """The group ``likeliest_kept`` counts an incident in: its type, and whether it is told of a
    group of people (its first victim). A lead telling what "defectors" suffer and a quote telling
    what one of them went through are counted apart: either may be an incident of its own."""
    return kind, bool(victims) and victims[0].population == "multiple"


def likeliest_kept(scores: Sequence[float], groups: Sequence[Hashable], threshold: float, offset: float | None) -> list[int]:
    """The indices (in order) of the incidents kept, given each one's probability and its group
    (``count_group``). Without an ``offset``, those at or above the threshold. With one, in each
    group those at or above the threshold are taken likeliest first (earlier first among equals):
    the first always, the rest while fewer than ``floor(sum + offset)`` are taken, ``sum`` being
    the group's probabilities added up, those below the threshold too."""
    above = [n for n, p in enumerate(scores) if p >= threshold]
    if offset is None:
        return above
    total: dict[Hashable, float] = {}
    for g, p in zip(groups, scores):
        total[g] = total.get(g, 0.0) + p
    taken: dict[Hashable, int] = {}
    kept = []
    for n in sorted(above, key=lambda n: (-scores[n], n)):
        g = groups[n]
        if taken.get(g, 0) < max(1, math.floor(total[g] + offset)):
            taken[g] = taken.get(g, 0) + 1
            kept.append(n)
    return sorted(kept)


# /2 added boosted trees, /3 the count of each type kept (``IncidentScorer.keep``)
_FORMATS = tuple(f"rightswatch.incident_scorer/{v}" for v in (1, 2, 3))


@dataclass(frozen=True, slots=True)
class IncidentScorer:
    """A model over named features; ``threshold``: incidents scoring below it are dropped.

    Its log-odds are the weighted sum of the features plus, for a boosted model, ``rate`` times the
    sum of its ``trees`` (each reads the features in the order of ``features``). ``count_offset``:
    see ``keep`` (None: every incident at or above the threshold is kept)."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    threshold: float
    metadata: dict[str, object] = field(default_factory=dict)
    trees: tuple[RegressionTree, ...] = ()
    rate: float = 0.0
    count_offset: float | None = None

    def keep(self, scores: Sequence[float], groups: Sequence[Hashable]) -> list[int]:
        """The indices (in order) of the incidents kept: ``likeliest_kept`` with this model's
        threshold and ``count_offset``."""
        return likeliest_kept(scores, groups, self.threshold, self.count_offset)

    def logit(self, features: dict[str, float]) -> float:
        """The score (log-odds) before the logistic function."""
        z = sum(w * features.get(name, 0.0) for name, w in zip(self.features, self.weights))
        if self.trees:
            x = [features.get(name, 0.0) for name in self.features]
            z += self.rate * sum(t.predict(x) for t in self.trees)
        return z

    def score(self, features: dict[str, float]) -> float:
        z = self.logit(features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_dict(self) -> dict[str, object]:
        d: dict[str, object] = {
            "format": f"rightswatch.incident_scorer/{3 if self.count_offset is not None else 2 if self.trees else 1}",
            "features": list(self.features),
            "weights": [round(w, 6) for w in self.weights],
            "threshold": self.threshold,
            "metadata": self.metadata,
        }
        if self.trees:
            d["rate"] = self.rate
            d["trees"] = [t.to_dict() for t in self.trees]
        if self.count_offset is not None:
            d["count_offset"] = self.count_offset
        return d

    @classmethod
    def from_dict(cls, d: dict[str, object]) -> IncidentScorer:
        if d.get("format") not in _FORMATS:
            raise ValueError(f"incident scorer: unknown format {d.get('format')!r}")
        feats = tuple(str(x) for x in d["features"])  # type: ignore[union-attr]
        weights = tuple(float(w) for w in d["weights"])  # type: ignore[union-attr]
        if len(feats) != len(weights):
            raise ValueError("incident scorer: features and weights differ in length")
        trees = tuple(RegressionTree.from_dict(t, len(feats)) for t in d.get("trees") or ())  # type: ignore[attr-defined]
        rate = float(d.get("rate", 0.0))  # type: ignore[arg-type]
        offset = d.get("count_offset")
        if offset is not None and not 0.0 <= float(offset) < 1.0:  # type: ignore[arg-type]
            raise ValueError(f"incident scorer: count_offset {offset!r} is not in [0, 1)")
        return cls(feats, weights, float(d["threshold"]), dict(d.get("metadata") or {}), trees, rate,  # type: ignore[arg-type]
                   None if offset is None else float(offset))  # type: ignore[arg-type]

    @staticmethod
    @lru_cache(maxsize=4)
    def load(path: Path) -> IncidentScorer:
        """A model file (a profile's ``incident_scorer.json``); a broken one is a configuration error."""
        try:
            return IncidentScorer.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"incident scorer {path}: {exc}") from exc
