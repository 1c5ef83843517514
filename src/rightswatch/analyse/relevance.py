"""How much an article matters to the active domain profile, 0..1.

Cheap on purpose: the profile's weighted keywords (matched as lower-case substrings, so
"repatriat" covers every form) plus the incidents analysis found. Used by monitors to keep what
matters from a general news stream.

The article gate (``ArticleGate``) decides before parsing: the keyword pass admits the clear cases
(keyword score at or above the threshold); every other article is scored by the small text
classifier (``analyse.relevance_model``) and admitted when that score reaches the model's own
threshold. The classifier can only add articles the keywords missed, never drop one they admit.
The gate's score (stored as the relevance of a skipped article) is the larger of the two.
"""

from __future__ import annotations

from dataclasses import dataclass

from rightswatch.analyse.profile import Profile
from rightswatch.analyse.relevance_model import RelevanceModel
from rightswatch.records import Article, Report

__all__ = ["keyword_score", "article_keyword_score", "relevance_score", "ArticleRelevance", "ArticleGate"]


def keyword_score(text: str, profile: Profile) -> float:
    low = text.lower()
    return min(1.0, sum(w for k, w in profile.relevance.items() if k in low))


def article_keyword_score(article: Article, profile: Profile) -> float:
    """The cheap part of relevance, known before analysis: keywords in title, tags and text."""
    text = " ".join(filter(None, [article.title or "", " ".join(article.tags), article.text]))
    return keyword_score(text, profile)


@dataclass(frozen=True, slots=True)
class ArticleRelevance:
    keyword: float
    #: The classifier's score, or None when the keyword pass decided alone.
    classifier: float | None
    #: max(keyword, classifier): the article's relevance before analysis.
    score: float
    analyse: bool


class ArticleGate:
    """Keyword pass first (``keyword >= threshold``), then the classifier (``score >= model.threshold``)."""

    def __init__(self, profile: Profile, threshold: float, model: RelevanceModel | None = None) -> None:
        self.profile = profile
        self.threshold = threshold
        self.model = model

    def __call__(self, article: Article) -> ArticleRelevance:
        kw = article_keyword_score(article, self.profile)
        if kw >= self.threshold or self.model is None:
            return ArticleRelevance(kw, None, kw, kw >= self.threshold)
        p = self.model.score(f"{article.title or ''}\n{article.text}")
        return ArticleRelevance(kw, p, max(kw, p), p >= self.model.threshold)


#: How much of the keyword score an analysed article keeps when the analysis found no incident:
#: words like "border", "arrest", "North Korea" in a weather, trade or sports story ("arrested a
#: decline", "rain along the North Korean border") are not abuses, and finding none says so.
NO_INCIDENT_FACTOR = 0.4


def relevance_score(report: Report, profile: Profile, base: float | None = None, analysed: bool = True) -> float:
    """``base``: the article gate's score when the analyzer computed one (default: keywords alone).
    ``analysed``: False for an article the gate kept from the parser (its score is the gate's)."""
    if base is None:
        base = article_keyword_score(report.article, profile)
    found = min(0.3, 0.1 * len(report.incidents))
    if analysed and not report.incidents:
        return round(NO_INCIDENT_FACTOR * 0.7 * base, 4)
    return round(min(1.0, 0.7 * base + found), 4)
