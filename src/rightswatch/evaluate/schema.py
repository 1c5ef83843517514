"""HRDsAttack's records, normalised: gold answers, predictions, and their JSON edge.

HRDsAttack (Ran et al. 2023, dataminr-ai/HRDsAttack) labels each news article with one
"main attack event": violation types, perpetrator mention and type, where (country, region,
city), when (year, month, day) and the victims. The gold file stores these as loosely typed
strings ("2020.0", "February", "None", "unknown"); the dataclasses here hold them normalised,
so metrics compare like with like. Imports nothing of ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = [
    "VIOLATION_TYPES",
    "PERPETRATOR_TYPES",
    "VICTIM_TYPES",
    "SEX_TYPES",
    "AGE_GROUPS",
    "POPULATION_TYPES",
    "HrdsVictim",
    "HrdsGold",
    "HrdsSample",
    "HrdsPrediction",
]

#: HRDsAttack's violation types (``merged_sample.violation_types``).
VIOLATION_TYPES = (
    "arbitrary detention",
    "enforced disappearance",
    "killing",
    "kidnapping",
    "torture",
    "other",
    "unknown",
)
#: HRDsAttack's perpetrator types; ``None`` stands for "no perpetrator mentioned".
PERPETRATOR_TYPES = (
    "state actor",
    "other state actors",
    "other non-state actors",
    "other actors with permissions",
    "other actors without permissions",
    "regional orgs",
    "insufficient info",
)
#: ``victims[].victim_type`` vocabulary (a list per victim), as found in train and dev.
VICTIM_TYPES = ("human rights defender", "journalist", "trade unionist", "insufficient information")
SEX_TYPES = ("man", "woman", "other", "unknown")
AGE_GROUPS = ("adult", "child", "other", "unknown")
POPULATION_TYPES = ("individual", "multiple")


@dataclass(frozen=True, slots=True)
class HrdsVictim:
    name: str | None = None
    types: tuple[str, ...] = ("insufficient information",)
    sex: str = "unknown"
    age_group: str = "unknown"
    population: str = "individual"
    keywords: str | None = None  # gold only: the annotator's victim keywords

    def to_dict(self) -> dict[str, Any]:
        """The prediction JSON shape (HRDsAttack's victim keys)."""
        return {
            "victim_name": self.name,
            "victim_type": list(self.types),
            "victim_sex_type": self.sex,
            "victim_age_group": self.age_group,
            "victim_population_type": self.population,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> HrdsVictim:
        types = d.get("victim_type") or ["insufficient information"]
        return cls(
            name=d.get("victim_name") or None,
            types=tuple(types),
            sex=d.get("victim_sex_type") or "unknown",
            age_group=d.get("victim_age_group") or "unknown",
            population=d.get("victim_population_type") or "individual",
            keywords=d.get("victim_keywords"),
        )


@dataclass(frozen=True, slots=True)
class HrdsGold:
    """One article's gold answer, normalised (see ``hrdsattack.normalise_gold``).

    ``country`` keeps the annotator's spelling ("USA", "People's Republic of China");
    ``country_key`` is the folded form metrics compare (ISO alpha-2 when resolvable).
    ``day`` is HRDsAttack's ``date`` field (day of month).
    """

    perpetrator_mention: bool
    perpetrator_type: str | None
    violation_types: frozenset[str]
    country: str | None
    country_key: str | None
    region: str | None
    city: str | None
    year: int | None
    month: int | None
    day: int | None
    victims: tuple[HrdsVictim, ...] = ()
    #: Where the article supports each answered field: (field, start, end) character offsets
    #: into the analysed text ("victim:NAME" for a victim); not scored.
    evidence: tuple[tuple[str, int, int], ...] = ()

    @property
    def victim_names(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.victims if v.name)


@dataclass(frozen=True, slots=True)
class HrdsSample:
    id: int
    title: str
    published: date | None
    html: str
    gold: HrdsGold


@dataclass(frozen=True, slots=True)
class HrdsPrediction:
    """One article's answer in HRDsAttack's labels; ``to_dict`` is one predictions JSONL line."""

    id: int | str | None
    perpetrator_mention: bool = False
    perpetrator_type: str | None = None
    violation_types: tuple[str, ...] = ()
    country: str | None = None
    region: str | None = None
    city: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    victims: tuple[HrdsVictim, ...] = ()
    #: Where the article supports each answered field: (field, start, end) character offsets
    #: into the analysed text ("victim:NAME" for a victim); not scored.
    evidence: tuple[tuple[str, int, int], ...] = ()

    @property
    def victim_names(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.victims if v.name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "perpetrator_mention": self.perpetrator_mention,
            "perpetrator_type": self.perpetrator_type,
            "violation_types": list(self.violation_types),
            "country": self.country,
            "region": self.region,
            "city": self.city,
            "year": self.year,
            "month": self.month,
            "date": self.day,
            "victims": [v.to_dict() for v in self.victims],
            "evidence": {name: [start, end] for name, start, end in self.evidence},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> HrdsPrediction:
        return cls(
            id=d.get("id"),
            perpetrator_mention=bool(d.get("perpetrator_mention")),
            perpetrator_type=d.get("perpetrator_type") or None,
            violation_types=tuple(d.get("violation_types") or ()),
            country=d.get("country") or None,
            region=d.get("region") or None,
            city=d.get("city") or None,
            year=_int_or_none(d.get("year")),
            month=_int_or_none(d.get("month")),
            day=_int_or_none(d.get("date")),
            victims=tuple(HrdsVictim.from_dict(v) for v in d.get("victims") or ()),
            evidence=_evidence(d.get("evidence")),
        )


def _evidence(value: Any) -> tuple[tuple[str, int, int], ...]:
    if not isinstance(value, dict):
        return ()
    out = []
    for name, span in value.items():
        if isinstance(name, str) and isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span):
            out.append((name, span[0], span[1]))
    return tuple(out)


def _int_or_none(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None
