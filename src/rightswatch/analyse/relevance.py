"""How much an article matters to the active domain profile, 0..1.

Cheap on purpose: the profile's weighted keywords (matched as lower-case substrings, so
"repatriat" covers every form) plus the incidents analysis found. Used by monitors to keep what
matters from a general news stream.
"""

from __future__ import annotations

from rightswatch.analyse.profile import Profile
from rightswatch.records import Report

__all__ = ["keyword_score", "relevance_score"]


def keyword_score(text: str, profile: Profile) -> float:
    low = text.lower()
    return min(1.0, sum(w for k, w in profile.relevance.items() if k in low))


def relevance_score(report: Report, profile: Profile) -> float:
    a = report.article
    text = " ".join(filter(None, [a.title or "", " ".join(a.tags), a.text]))
    base = keyword_score(text, profile)
    found = min(0.3, 0.1 * len(report.incidents))
    return round(min(1.0, 0.7 * base + found), 4)
