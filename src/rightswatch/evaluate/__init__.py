"""Evaluation against public benchmarks; for now HRDsAttack (Ran et al. 2023).

    from rightswatch.evaluate import load_split, run_eval, format_table

    scores = run_eval("dev.json", analyse_many, predictions_out="dev.pred.jsonl")
    print(format_table(scores))

Modules: ``schema`` (HRDsAttack records), ``hrdsattack`` (loading, article text, running),
``mapping`` (Report -> HRDsAttack answer: the main-event rule), ``metrics`` (the paper's
metrics and the table), ``places`` (country/place name folding).
This package imports ``records``/``errors`` only; the analysis pipeline is passed in.
"""

from __future__ import annotations

from .hrdsattack import (
    article_text,
    load_split,
    normalise_gold,
    predict,
    read_predictions,
    run_eval,
    sample_article,
    write_predictions,
)
from .mapping import (
    MainEventRule,
    always_empty,
    always_state_actor,
    hrds_mapping,
    main_event,
    to_hrds,
)
from .metrics import TARGETS, Scores, field_hits, format_table, match_names, score
from .places import country_name, fold_country, fold_place
from .schema import HrdsGold, HrdsPrediction, HrdsSample, HrdsVictim

__all__ = [
    "load_split",
    "article_text",
    "normalise_gold",
    "sample_article",
    "predict",
    "run_eval",
    "write_predictions",
    "read_predictions",
    "to_hrds",
    "main_event",
    "hrds_mapping",
    "MainEventRule",
    "always_empty",
    "always_state_actor",
    "score",
    "field_hits",
    "match_names",
    "format_table",
    "Scores",
    "TARGETS",
    "fold_country",
    "fold_place",
    "country_name",
    "HrdsSample",
    "HrdsGold",
    "HrdsVictim",
    "HrdsPrediction",
]
