"""The held-out NLU set: large enough, covering every intent, and never trained on.

The evaluation itself (macro-F1 per language, out-of-scope recall, confident
errors) is `make nlu-eval`, which writes docs/nlu-evaluation.md.
"""

from __future__ import annotations

from pathlib import Path

import evaluate_nlu
import yaml

HERE = Path(__file__).resolve().parents[1]


def test_heldout_is_large_enough_and_never_trained_on():
    domain_intents = set(yaml.safe_load((HERE / "domain.yml").read_text())["intents"])
    trained = evaluate_nlu.training_texts()
    for language in evaluate_nlu.LANGUAGES:
        data = evaluate_nlu.heldout(language)
        assert set(data) == domain_intents
        assert all(len(texts) >= 20 for texts in data.values())
        leaked = [t for texts in data.values() for t in texts if t.casefold() in trained]
        assert leaked == []


def test_training_text_reader_strips_annotations():
    texts = evaluate_nlu.training_texts()
    assert "trenger gymsal på jar skole neste tirsdag 18-20" in texts
    assert not any("](" in text for text in texts)
