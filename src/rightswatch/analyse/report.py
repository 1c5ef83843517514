"""The one pure function from an analysed ``Doc`` to a ``Report``."""

from __future__ import annotations

from spacy.tokens import Doc

from rightswatch.records import Article, Report

__all__ = ["doc_to_report"]


def doc_to_report(doc: Doc, article: Article, version: str, profile: str, codebook: str) -> Report:
    incidents = tuple(doc._.rw_incidents or ())
    quotes = tuple(doc._.rw_quotes or ())
    return Report(
        article=article,
        incidents=incidents,
        quotes=quotes,
        profile=profile,
        codebook=codebook,
        extractor_version=version,
    )
