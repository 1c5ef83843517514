"""Codebooks as data: incident-type and perpetrator-type labels, definitions, triggers, mappings.

A codebook is a TOML file under ``rightswatch/data/codebooks/`` (loaded by name) or any path.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rightswatch.errors import ConfigError

__all__ = ["Codebook", "IncidentType", "PerpetratorType", "load_codebook"]


@dataclass(frozen=True, slots=True)
class IncidentType:
    label: str
    definition: str
    examples: tuple[str, ...]
    triggers: tuple[str, ...]
    hrdsattack: str | None
    plover: str | None
    cameo: str | None


@dataclass(frozen=True, slots=True)
class PerpetratorType:
    label: str
    definition: str
    hrdsattack: str | None


@dataclass(frozen=True, slots=True)
class Codebook:
    name: str
    version: str
    incident_types: tuple[IncidentType, ...]
    perpetrator_types: tuple[PerpetratorType, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(t.label for t in self.incident_types)

    def incident_type(self, label: str) -> IncidentType:
        for t in self.incident_types:
            if t.label == label:
                return t
        raise ConfigError(f"codebook {self.name!r} has no incident type {label!r}")

    def perpetrator_type(self, label: str) -> PerpetratorType:
        for t in self.perpetrator_types:
            if t.label == label:
                return t
        raise ConfigError(f"codebook {self.name!r} has no perpetrator type {label!r}")


def _data_dir() -> Path:
    return Path(str(resources.files("rightswatch") / "data"))


@lru_cache(maxsize=8)
def load_codebook(name_or_path: str = "default") -> Codebook:
    path = Path(name_or_path)
    if not path.suffix:
        path = _data_dir() / "codebooks" / f"{name_or_path}.toml"
    if not path.is_file():
        raise ConfigError(f"codebook not found: {name_or_path}")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"codebook {path} is not valid TOML: {exc}") from exc
    incidents = tuple(
        IncidentType(
            label=label,
            definition=body.get("definition", ""),
            examples=tuple(body.get("examples", ())),
            triggers=tuple(t.lower() for t in body.get("triggers", ())),
            hrdsattack=body.get("hrdsattack") or None,
            plover=body.get("plover") or None,
            cameo=body.get("cameo") or None,
        )
        for label, body in raw.get("incident_types", {}).items()
    )
    perps = tuple(
        PerpetratorType(label=label, definition=body.get("definition", ""), hrdsattack=body.get("hrdsattack") or None)
        for label, body in raw.get("perpetrator_types", {}).items()
    )
    if not incidents:
        raise ConfigError(f"codebook {path} defines no incident types")
    return Codebook(name=raw.get("name", path.stem), version=str(raw.get("version", "0")), incident_types=incidents, perpetrator_types=perps)
