"""How much an article matters to the active domain profile, 0..1.

Cheap on purpose: the profile's weighted keywords (matched as lower-case substrings, so
"repatriat" covers every form) plus the incidents analysis found. Used by monitors to keep what
matters from a general news stream.
"""

from __future__ import annotations

from rightswatch.analyse.profile import Profile
from rightswatch.records import Article, Report

__all__ = ["keyword_score", "article_keyword_score", "relevance_score"]


def keyword_score(text: str, profile: Profile) -> float:
    low = text.lower()
    return min(1.0, sum(w for k, w in profile.relevance.items() if k in low))


def article_keyword_score(article: Article, profile: Profile) -> float:
    """The cheap part of relevance, known before analysis: keywords in title, tags and text."""
    text = " ".join(filter(None, [article.title or "", " ".join(article.tags), article.text]))
    return keyword_score(text, profile)


def relevance_score(report: Report, profile: Profile) -> float:
    base = article_keyword_score(report.article, profile)
    found = min(0.3, 0.1 * len(report.incidents))
    return round(min(1.0, 0.7 * base + found), 4)
