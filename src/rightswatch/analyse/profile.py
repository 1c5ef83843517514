"""Domain profiles as data: actor and victim lexicons, extra triggers, modality and anonymity cues,
relevance keywords. A profile is a folder of TOML files (``profile.toml``, ``actors.toml``,
``places.toml``) under ``rightswatch/data/profiles/`` or any path; ``extends`` pulls in others.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rightswatch.errors import ConfigError

__all__ = ["Profile", "LexiconEntry", "VictimTrigger", "ObjectTrigger", "load_profile", "profile_dirs"]


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    phrase: str  # lower case
    type: str
    country: str | None = None
    sex: str | None = None
    age_group: str | None = None


@dataclass(frozen=True, slots=True)
class VictimTrigger:
    """A verb that names a violation only for certain victims ("send" + workers = forced labour)."""

    label: str
    lemmas: tuple[str, ...]
    victim_types: frozenset[str]


@dataclass(frozen=True, slots=True)
class ObjectTrigger:
    """A verb that names a violation only for certain objects ("check" + phones = surveillance)."""

    label: str
    lemmas: tuple[str, ...]
    objects: frozenset[str]  # lemmas of the acted-on noun (direct object, or passive subject)
    #: the objects are where one reports to ("report to the police post"), and only reporting that
    #: is ordered or regular counts
    mandated: bool = False


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    chain: tuple[str, ...]  # this profile and everything it extends, most general first
    actors: tuple[LexiconEntry, ...]
    victims: tuple[LexiconEntry, ...]
    triggers: dict[str, tuple[str, ...]]
    relevance: dict[str, float]
    modals: frozenset[str]
    conditionals: frozenset[str]
    hedges: frozenset[str]
    demands: frozenset[str]
    negations: frozenset[str]
    habituals: frozenset[str]
    anonymity_heads: frozenset[str]
    anonymity_phrases: tuple[str, ...]
    dirs: tuple[Path, ...]
    victim_triggers: tuple[VictimTrigger, ...] = ()
    object_triggers: tuple[ObjectTrigger, ...] = ()
    #: countries a return to is a rescue, not refoulement (North Korean defectors reaching South Korea)
    safe_destinations: frozenset[str] = frozenset()
    #: adjectives that make "X is common" a statement about a kind of event, not a report of one
    characterisers: frozenset[str] = frozenset()
    #: named word lists ([lexicon] tables: "escapable", "coping_verbs", ...), lower case
    lexicons: dict[str, frozenset[str]] = field(default_factory=dict)
    #: the most specific profile folder's ``incident_scorer.json`` (``analyse.incident_scorer``), if any
    incident_scorer: Path | None = None
    #: the most specific profile folder's ``incident_year.json`` (``analyse.incident_year``), if any
    incident_year: Path | None = None
    #: the most specific profile folder's ``incident_place.json`` (``analyse.incident_place_choice``), if any
    incident_place: Path | None = None
    #: the most specific profile folder's ``sentence_types.json`` (``analyse.sentence_types``), if any
    sentence_types: Path | None = None


#: a profile's trained incident scorer (``scripts/train_incident_scorer.py``)
SCORER_FILE = "incident_scorer.json"
#: a profile's trained model of undated incidents (``scripts/train_incident_year.py``)
YEAR_FILE = "incident_year.json"
#: a profile's trained place chooser (``scripts/train_incident_place.py``)
PLACE_FILE = "incident_place.json"
#: a profile's trained sentence reader (``scripts/train_sentence_types.py``)
SENTENCE_FILE = "sentence_types.json"


def _profiles_root() -> Path:
    return Path(str(resources.files("rightswatch") / "data" / "profiles"))


def _find_dir(name_or_path: str) -> Path:
    path = Path(name_or_path)
    if path.is_dir():
        return path
    candidate = _profiles_root() / name_or_path
    if candidate.is_dir():
        return candidate
    raise ConfigError(f"profile not found: {name_or_path}")


def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"profile file {path} is not valid TOML: {exc}") from exc


def profile_dirs(name_or_path: str, _seen: tuple[str, ...] = ()) -> tuple[Path, ...]:
    """The profile's folder and those of every profile it extends, most general first."""
    if name_or_path in _seen:
        raise ConfigError(f"profile {name_or_path!r} extends itself")
    folder = _find_dir(name_or_path)
    meta = _read(folder / "profile.toml")
    out: list[Path] = []
    for parent in meta.get("extends", ()):
        for d in profile_dirs(parent, _seen + (name_or_path,)):
            if d not in out:
                out.append(d)
    out.append(folder)
    return tuple(out)


def _entries(items: list[dict[str, Any]]) -> list[LexiconEntry]:
    out = []
    for item in items:
        for phrase in item.get("phrases", ()):
            out.append(
                LexiconEntry(
                    phrase=phrase.lower(),
                    type=item["type"],
                    country=item.get("country"),
                    sex=item.get("sex"),
                    age_group=item.get("age_group"),
                )
            )
    return out


@lru_cache(maxsize=8)
def load_profile(name_or_path: str = "north_korea") -> Profile:
    dirs = profile_dirs(name_or_path)
    actors: dict[str, LexiconEntry] = {}
    victims: dict[str, LexiconEntry] = {}
    triggers: dict[str, list[str]] = {}
    relevance: dict[str, float] = {}
    sets: dict[str, set[str]] = {k: set() for k in ("modals", "conditionals", "hedges", "demands", "negations", "habituals", "characterisers")}
    heads: set[str] = set()
    phrases: list[str] = []
    victim_triggers: list[VictimTrigger] = []
    object_triggers: list[ObjectTrigger] = []
    safe: set[str] = set()
    lexicons: dict[str, set[str]] = {}
    names = []
    for d in dirs:
        meta = _read(d / "profile.toml")
        lex = _read(d / "actors.toml")
        names.append(meta.get("name", d.name))
        # later (more specific) profiles override an earlier phrase's type
        actors.update({e.phrase: e for e in _entries(lex.get("actors", []) + meta.get("actors", []))})
        victims.update({e.phrase: e for e in _entries(lex.get("victims", []) + meta.get("victims", []))})
        for label, trig in meta.get("triggers", {}).items():
            triggers.setdefault(label, []).extend(t.lower() for t in trig)
        relevance.update({k.lower(): float(v) for k, v in meta.get("relevance", {}).get("keywords", {}).items()})
        for key in sets:
            sets[key].update(w.lower() for w in meta.get("modality", {}).get(key, ()))
        heads.update(w.lower() for w in meta.get("anonymity", {}).get("heads", ()))
        for vt in meta.get("victim_triggers", ()):
            victim_triggers.append(
                VictimTrigger(vt["label"], tuple(x.lower() for x in vt["lemmas"]), frozenset(vt["victim_types"]))
            )
        safe.update(c.upper() for c in meta.get("repatriation", {}).get("safe_destinations", ()))
        for ot in meta.get("object_triggers", ()):
            object_triggers.append(
                ObjectTrigger(ot["label"], tuple(x.lower() for x in ot["lemmas"]), frozenset(x.lower() for x in ot["objects"]), bool(ot.get("mandated", False)))
            )
        phrases.extend(p.lower() for p in meta.get("anonymity", {}).get("phrases", ()))
        for key, words in meta.get("lexicon", {}).items():
            lexicons.setdefault(key, set()).update(w.lower() for w in words)
    return Profile(
        name=names[-1],
        chain=tuple(names),
        actors=tuple(actors.values()),
        victims=tuple(victims.values()),
        triggers={k: tuple(dict.fromkeys(v)) for k, v in triggers.items()},
        relevance=relevance,
        modals=frozenset(sets["modals"]),
        conditionals=frozenset(sets["conditionals"]),
        hedges=frozenset(sets["hedges"]),
        demands=frozenset(sets["demands"]),
        negations=frozenset(sets["negations"]),
        habituals=frozenset(sets["habituals"]),
        anonymity_heads=frozenset(heads),
        anonymity_phrases=tuple(dict.fromkeys(phrases)),
        dirs=dirs,
        victim_triggers=tuple(victim_triggers),
        object_triggers=tuple(object_triggers),
        safe_destinations=frozenset(safe),
        characterisers=frozenset(sets["characterisers"]),
        lexicons={k: frozenset(v) for k, v in lexicons.items()},
        incident_scorer=next((d / SCORER_FILE for d in reversed(dirs) if (d / SCORER_FILE).is_file()), None),
        incident_year=next((d / YEAR_FILE for d in reversed(dirs) if (d / YEAR_FILE).is_file()), None),
        incident_place=next((d / PLACE_FILE for d in reversed(dirs) if (d / PLACE_FILE).is_file()), None),
        sentence_types=next((d / SENTENCE_FILE for d in reversed(dirs) if (d / SENTENCE_FILE).is_file()), None),
    )
