"""The domain corpus through the real pipeline: the scorer runs and every span is evidence.

Quality thresholds are tracked by ``rightswatch eval-domain``, not asserted here.
"""

from __future__ import annotations

from html import unescape
import json
from pathlib import Path

import pytest

from rightswatch.evaluate.domain import corpus_files, evaluate_domain, format_domain_table, format_misses, load_expected

CORPUS = Path(__file__).parent / "corpus"
CODEBOOK_TYPES = {
    "arbitrary_detention", "forced_repatriation", "surveillance", "threat_intimidation", "killing", "torture",
    "enforced_disappearance", "kidnapping_trafficking", "forced_labor", "border_crossing_defection",
    "punishment_sentence", "other",
}


@pytest.fixture(scope="module")
def scores(analyzer):
    return evaluate_domain(CORPUS, analyzer.analyse_many)


def test_corpus_is_complete_and_well_formed():
    pairs = corpus_files(CORPUS)
    assert len(pairs) >= 30
    relevant = [load_expected(e) for _, e in pairs if load_expected(e).relevant]
    assert len(relevant) >= 24
    html = [p for p, _ in pairs if p.suffix == ".html"]
    assert len(html) * 3 >= len(pairs) - 1
    for p, e in pairs:
        d = json.loads(e.read_text(encoding="utf-8"))
        assert d["published"], p
        text = p.read_text(encoding="utf-8")
        for inc in d["incidents"]:
            assert inc["type"] in CODEBOOK_TYPES, (p, inc)
            if inc.get("evidence"):
                # a page may write a character as an entity ("students&rsquo;"): the reader sees it unescaped
                assert inc["evidence"] in (unescape(text) if p.suffix == ".html" else text), (p.name, inc["evidence"])
        for q in d["quotes"]:
            assert q["text_prefix"] in text, (p.name, q["text_prefix"])


def test_scorer_runs_on_the_real_pipeline(scores):
    assert scores.n_articles == len(corpus_files(CORPUS))
    assert 0.0 <= scores.incident_f1 <= 1.0 and 0.0 <= scores.quote_f1 <= 1.0
    table = format_domain_table(scores)
    assert "incident type F1" in table and "≥85" in table
    assert isinstance(format_misses(scores), str)


def test_every_report_span_is_evidence(scores):
    for result in scores.articles:
        report = result.report
        text = report.article.text
        for inc in report.incidents:
            assert inc.evidence, (result.name, inc)
            for ev in inc.evidence:
                assert 0 <= ev.start < ev.end <= len(text), (result.name, ev)
            for part in (inc.perpetrator, inc.place, inc.time, *inc.victims):
                if part is not None and part.span is not None:
                    assert text[part.span.start : part.span.end] == part.text, (result.name, part)
        for q in report.quotes:
            assert text[q.start : q.end] == q.text, (result.name, q)
            if q.speaker_span:
                assert text[q.speaker_span.start : q.speaker_span.end] == q.speaker, (result.name, q)


def test_cli_eval_domain_refuses_a_missing_folder(tmp_path):
    # A bare app with only this module's commands: the test does not depend on other groups.
    import typer
    from typer.testing import CliRunner

    from rightswatch.cli import maintenance
    from rightswatch.cli.app import Exit

    app = typer.Typer()
    maintenance.register(app)

    @app.command("noop")
    def _noop() -> None:  # a second command keeps "eval-domain" a named subcommand
        pass

    result = CliRunner().invoke(app, ["eval-domain", str(tmp_path / "missing")])
    assert isinstance(result.exception, Exit)
    assert "no such corpus folder" in str(result.exception)


HELDOUT = Path(__file__).parent / "heldout"


#: every hand-annotated set beside the corpus (heldout11 and heldout16-19 became dev5-dev9)
SET_NAMES = [
    "heldout",
    *(f"heldout{n}" for n in (*range(2, 11), *range(12, 16), *range(20, 71))),
    *(f"dev{n}" for n in range(1, 95)),
]


@pytest.mark.parametrize("folder", [HELDOUT.parent / n for n in SET_NAMES], ids=SET_NAMES)
def test_heldout_set_is_well_formed(folder: Path) -> None:
    """The held-out articles (written after tuning, never tuned on) parse as a corpus; their
    scores are reported by ``rightswatch eval-domain tests/domain/heldout``, not asserted."""
    pairs = corpus_files(folder)
    assert len(pairs) >= 8
    for p, e in pairs:
        expected = load_expected(e)
        text = p.read_text(encoding="utf-8")
        for inc in json.loads(e.read_text(encoding="utf-8"))["incidents"]:
            assert inc["type"] in CODEBOOK_TYPES, (p.name, inc)
            if inc.get("evidence"):
                # a page may write a character as an entity ("students&rsquo;"): the reader sees it unescaped
                assert inc["evidence"] in (unescape(text) if p.suffix == ".html" else text), (p.name, inc["evidence"])
        assert expected.relevant or not json.loads(e.read_text(encoding="utf-8"))["incidents"]
