"""The ``analyse`` stage: an Article in, a Report out, through one spaCy ``Language``.

``Analyzer`` builds the pipeline once (the English model plus our registered components) and runs
articles through ``nlp.pipe`` in batches, carrying each article alongside its Doc with
``as_tuples=True``. No I/O happens here.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Analyzer", "load_language"]


def __getattr__(name: str) -> Any:
    # lazy: importing a submodule (quotes, triggers) must not load the whole pipeline
    if name == "Analyzer":
        from rightswatch.analyse.analyzer import Analyzer

        return Analyzer
    if name == "load_language":
        from rightswatch.analyse.model import load_language

        return load_language
    raise AttributeError(name)
