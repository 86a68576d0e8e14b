"""The held-out NLU sets: large enough, covering every intent, and never trained on.

The evaluation itself (macro-F1 per language, out-of-scope recall, confident
errors) is `make nlu-eval`, which writes docs/nlu-evaluation.md.
"""

from __future__ import annotations

from pathlib import Path

import evaluate_nlu
import pytest
import yaml

HERE = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("language", evaluate_nlu.LANGUAGES)
@pytest.mark.parametrize("part", evaluate_nlu.SETS)
def test_heldout_is_large_enough_and_never_trained_on(part, language):
    """The independent set was written without seeing the training data, so some of its
    utterances ("hei") are there too by chance (the report counts them, and scores the
    rest apart); the other two may share none."""
    domain_intents = set(yaml.safe_load((HERE / "domain.yml").read_text())["intents"])
    data = evaluate_nlu.heldout(part, language)
    staff = evaluate_nlu.INDEPENDENT_ONLY if part != "independent" else frozenset()
    assert set(data) == domain_intents - staff
    assert all(len(texts) >= 20 for texts in data.values())
    _rest, also_trained = evaluate_nlu.unseen(data)
    if part != "independent":
        assert also_trained == 0


@pytest.mark.parametrize("language", evaluate_nlu.LANGUAGES)
def test_test_set_shares_nothing_with_the_dev_set(language):
    def texts(part):
        return {t.casefold() for ts in evaluate_nlu.heldout(part, language).values() for t in ts}

    assert texts("test") & texts("dev") == set()


def test_training_text_reader_strips_annotations():
    texts = evaluate_nlu.training_texts()
    assert "trenger gymsal på jar skole neste tirsdag 18-20" in texts
    assert not any("](" in text for text in texts)
