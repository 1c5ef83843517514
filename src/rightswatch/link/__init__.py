"""Link: relate articles to each other, so that one story counts once.

Two relations, both stored as ``document_links`` rows by the caller:

* **near-duplicate** (:mod:`~rightswatch.link.neardup`) - the same story republished: a wire copy
  in ten outlets, a site reposting Daily NK, a corrected version. Found with MinHash LSH over
  word shingles and linked to the earliest-published copy, the *original*. A near-duplicate
  corroborates nothing: it is the original again.
* **derivative** (:mod:`~rightswatch.link.attribution`) - an article that attributes its facts to
  another outlet ("according to Daily NK", "Yonhap reported", "a source told RFA") is linked to
  that outlet's report (when we have it) and adds no independent confirmation.

Imports only ``records``/``errors``/``settings`` and its own data; persistence is the caller's.

Public surface::

    Linker(num_perm=128, threshold=0.6, index=MemoryIndex())   # LSH over a BucketIndex
    Linker.match(article) -> LinkResult         # signature, buckets + links for one new article
    Linker.add(article) -> LinkResult           # match, then insert into the MemoryIndex
    find_attributions(text, own_outlet) -> list[Attribution]
"""

from __future__ import annotations

from rightswatch.link.attribution import Attribution, find_attributions
from rightswatch.link.neardup import (
    BucketIndex,
    Candidate,
    LinkedArticle,
    Linker,
    LinkResult,
    MemoryIndex,
    NearDuplicate,
    shingles,
)

__all__ = [
    "Attribution",
    "find_attributions",
    "Linker",
    "BucketIndex",
    "MemoryIndex",
    "LinkedArticle",
    "LinkResult",
    "NearDuplicate",
    "Candidate",
    "shingles",
]
