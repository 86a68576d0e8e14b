"""Evaluate intent classification on the held-out sets (heldout/, never trained on).

Three sets per language: ``dev`` guided which kinds of examples went into data/
and the fallback threshold; ``test`` was written before the last revision of the
training data and never used to choose anything, so the targets are judged on it;
``independent`` was written by another hand that never saw the training data nor
the other sets, and is reported as it comes. Some of its utterances are in the
training data too, by chance ("hei", "ja"): they are counted, and macro-F1 is given
on the rest as well.
Reports per set and language: accuracy, macro-F1 over all intents, out-of-scope
recall (a prediction of nlu_fallback counts as out of scope: the assistant
answers both the same way) and how many wrong answers came with high confidence.
Writes ../docs/nlu-evaluation.md. Run with the assistant's own Python.

While choosing a change (a pipeline setting, training examples), look only at the dev
set: ``evaluate_nlu.py --sets dev`` prints its figures and writes nothing, ``--errors``
adds its wrong answers, and ``--model`` scores a model trained elsewhere (an
experiment's config) instead of the one for the current inputs. The test and
independent sets are scored once, when the choice is made, by ``make nlu-eval``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import functools
import logging
import sys
from collections import Counter
from pathlib import Path

import yaml
from sklearn.metrics import f1_score

HERE = Path(__file__).resolve().parent
LANGUAGES = {"nb": "bokmål/nynorsk", "en": "English"}
SETS = ("test", "dev", "independent")
HIGH_CONFIDENCE = 0.8
# Staff intents, added after the test and dev sets were written: only the independent set
# has utterances for them (written later by a helper who had not seen their training data),
# so they are scored there only. On the other sets an utterance of another intent predicted
# as one of these counts as wrong.
INDEPENDENT_ONLY = frozenset({"ask_visitors", "ask_approval_queue"})


def heldout(part: str, language: str) -> dict[str, list[str]]:
    return yaml.safe_load((HERE / "heldout" / f"{part}_{language}.yml").read_text())


def unseen(data: dict[str, list[str]]) -> tuple[dict[str, list[str]], int]:
    """The utterances not in the training data, and how many were."""
    trained = training_texts()
    kept = {intent: [t for t in texts if t.casefold() not in trained]
            for intent, texts in data.items()}
    return kept, sum(len(texts) for texts in data.values()) - sum(map(len, kept.values()))


@functools.cache
def training_texts() -> frozenset[str]:
    texts = set()
    for path in (HERE / "data").glob("nlu_*.yml"):
        for block in yaml.safe_load(path.read_text())["nlu"]:
            for line in (block.get("examples") or "").splitlines():
                line = line.strip().removeprefix("- ")
                # "[gymsal](room_type)" -> "gymsal"
                while "[" in line and "](" in line:
                    start = line.index("[")
                    middle = line.index("](", start)
                    end = line.index(")", middle)
                    line = line[:start] + line[start + 1:middle] + line[end + 1:]
                texts.add(line.casefold())
    return frozenset(texts)


@functools.cache
def load_agent(model_path: Path):
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    # Rasa's structured log prints every parsed message at debug level otherwise.
    configure_structlog(logging.WARNING)
    return Agent.load(str(model_path))


async def predict(model_path: Path, texts: list[str]) -> list[tuple[str, float]]:
    agent = load_agent(model_path)
    results = []
    for text in texts:
        parsed = await agent.parse_message(text)
        results.append((parsed["intent"]["name"], parsed["intent"]["confidence"]))
    return results


def evaluate(model_path: Path, sets: tuple[str, ...] = SETS) -> dict[tuple[str, str], dict]:
    """Scores keyed by (set, language): ("test", "nb"), ("dev", "en")…"""
    report = {}
    for part in sets:
        for language in LANGUAGES:
            data = heldout(part, language)
            rest, also_trained = unseen(data)
            report[part, language] = {**score(model_path, data), "also_trained": also_trained,
                                      "unseen_macro_f1": score(model_path, rest)["macro_f1"]
                                      if also_trained else None}
    return report


def score(model_path: Path, data: dict[str, list[str]]) -> dict:
    gold = [intent for intent, texts in data.items() for _ in texts]
    texts = [text for texts in data.values() for text in texts]
    predictions = asyncio.run(predict(model_path, texts))
    # The assistant answers nlu_fallback and out_of_scope the same way.
    predicted = ["out_of_scope" if name == "nlu_fallback" else name for name, _ in predictions]
    wrong = [(g, p, c, t) for g, p, (_, c), t in zip(gold, predicted, predictions, texts,
                                                     strict=True) if g != p]
    oos = [p for g, p in zip(gold, predicted, strict=True) if g == "out_of_scope"]
    return {
        "utterances": len(texts),
        "intents": len(data),
        "accuracy": sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold),
        "macro_f1": f1_score(gold, predicted, labels=sorted(data), average="macro",
                             zero_division=0),
        "oos_recall": oos.count("out_of_scope") / len(oos),
        "wrong": len(wrong),
        "wrong_high_confidence": sum(c >= HIGH_CONFIDENCE for _, _, c, _ in wrong),
        "confusions": Counter((g, p) for g, p, _, _ in wrong).most_common(8),
        "errors": wrong,
    }


def not_scored_line(report: dict[tuple[str, str], dict]) -> str:
    """Which sets score the staff intents, from the sets themselves."""
    names = ", ".join(sorted(INDEPENDENT_ONLY))
    scoring = sorted({part for part, language in report
                      if set(heldout(part, language)) >= INDEPENDENT_ONLY})
    if not scoring:
        return (f"- Not scored: {names} (staff questions, added after the held-out sets were "
                "written; none of the sets has utterances for them yet). A held-out utterance "
                "of another intent predicted as one of these counts as wrong.")
    return (f"- Scored on the {' and '.join(scoring)} set only: {names} (staff questions, "
            "added after the test and dev sets were written, which have no utterances for "
            "them; the independent set's were written later by a helper who had not seen "
            "their training data). On the other sets an utterance of another intent "
            "predicted as one of these counts as wrong.")


def write_markdown(report: dict[tuple[str, str], dict], model_path: Path, path: Path) -> None:
    lines = [
        "# NLU evaluation on the held-out sets", "",
        f"Run {datetime.date.today().isoformat()} with `make nlu-eval` on model "
        f"`{model_path.name}`. No held-out set (`assistant/heldout/`) is ever trained "
        "on; a test checks that none of the test and dev utterances is in the training "
        "data and that those two sets share none.", "",
        "- **test** (`test_*.yml`) was written before the last revision of the training "
        "data and never used to choose anything. The targets are judged on it.",
        "- **independent** (`independent_*.yml`, 2026-12-03) was written by a helper that "
        "never saw the training data, the dev set or the test set, and has never been used "
        "to choose anything; its figures are reported as they come. Some of its utterances "
        "are in the training data too, by chance (greetings, a bare \"ja\"): \"also "
        "trained\" counts them, and the last column gives macro-F1 without them.",
        "- **dev** (`dev_*.yml`) is the first held-out set. Its errors guided which kinds "
        "of examples were added to the training data and where the fallback threshold "
        "sits, so its figures are optimistic.",
        not_scored_line(report), "",
        "| set | language | utterances | intents | accuracy | macro-F1 (target ≥ 0.90) | "
        "out-of-scope recall (≥ 0.85) | wrong | wrong with confidence ≥ 0.8 | also trained | "
        "macro-F1 without those |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for (part, language), r in report.items():
        lines.append(f"| {part} | {LANGUAGES[language]} | {r['utterances']} | {r['intents']} | "
                     f"{r['accuracy']:.3f} | {r['macro_f1']:.3f} | {r['oos_recall']:.2f} | "
                     f"{r['wrong']} | {r['wrong_high_confidence']} | {r['also_trained']} | "
                     + (f"{r['unseen_macro_f1']:.3f} |" if r["unseen_macro_f1"] is not None
                        else "– |"))
    for part in ("test", "independent"):
        scores = {language: r for (p, language), r in report.items() if p == part}
        f1_met = all(r["macro_f1"] >= 0.90 for r in scores.values())
        oos_met = all(r["oos_recall"] >= 0.85 for r in scores.values())
        lines += ["", f"On the {part} set the macro-F1 target is "
                  f"{'met' if f1_met else 'missed'} and the out-of-scope recall target is "
                  f"{'met' if oos_met else 'missed'}.", "",
                  f"Most frequent confusions on the {part} set (expected → predicted):", ""]
        for language, r in scores.items():
            pairs = ", ".join(f"{g} → {p} ({n})" for (g, p), n in r["confusions"]) or "none"
            lines.append(f"- {LANGUAGES[language]}: {pairs}")
    lines += ["", HISTORY, ""]
    path.write_text("\n".join(lines))


# Kept by hand: what the figures above came from, so nobody reads them as more than they are.
HISTORY = (
    "How far to trust this: the dev and test sets and the training data were written by "
    "the same person; the independent set by another, which is why its figures are the "
    "honest ones; real conversations are the next step. History: the first evaluation "
    "on the dev set gave macro-F1 0.86 (bokmål) and "
    "0.77 (English); two rounds of training examples were then added by the error "
    "categories seen there (farewells, short confirmations, other municipal services and "
    "general knowledge as out of scope), never by copying held-out sentences. The test set "
    "was written after the first of those rounds and scored 0.881 / 0.870 before the "
    "second, 0.893 / 0.873 after it, and the figures above after DIET's transformer was "
    "halved to bring training under three minutes (chosen on the dev set). The gap "
    "between the dev and test figures is the measure of how much tuning on one's own "
    "sentences flatters. "
    "Latest round (2026-12-03, evening), by an engineer who had not read any held-out set: "
    "the staff questions (two intents) and one file of variety per language "
    "(data/nlu_*_varied.yml: typos, dialect and nynorsk forms, SMS style, non-native "
    "English, \"stop\" against \"cancel my booking\", one-word purposes as answers), "
    "written from the kinds of input the issue names, not from held-out errors. Some of "
    "those lines turned out to be word for word in the test or dev sets (short common "
    "phrases); a script dropped them without showing them before the figures above were "
    "taken. Before this round the test set gave 0.881 / 0.877 and the independent set "
    "0.838 / 0.845. The round was evaluated three times as it was finished (test set "
    "0.903 / 0.880, then 0.899 / 0.871, then the figures above); what changed between "
    "the runs came from live conversation tests (\"kanskje\" read as a cancel, \"heller "
    "Hosle\" read as a room choice) and from dropping the lines shared with held-out "
    "sets, never from the held-out figures or errors. "
    "Round of 2026-12-04 (issue 14), chosen on the dev set only (`evaluate_nlu.py --sets "
    "dev`, which scores nothing else and writes nothing; the test and independent sets "
    "were neither opened nor scored while choosing, and this run is the only one on "
    "them): DIET trains 30 epochs instead of 50, so that `rasa train` from scratch takes "
    "2 min 7 s on this 2-core machine when it is quiet (3 min 23 s while other test "
    "suites ran; before, 3 min 12 s for the NLU part alone and 14 s for the rest); on the dev set 30 "
    "epochs scored as well as 50 and 25 worse, one transformer layer saved no time and a "
    "word 1-2-gram featurizer gave nothing beyond run-to-run noise (about ±0.005), nor "
    "did a fallback threshold other than 0.5. One file of boundary cases per language "
    "(data/nlu_*_boundary.yml: wishes that end a chat, negations of a yes, abandoning a "
    "request against cancelling a booking, the small rules of a rental, ways to pay, "
    "kinds of organisation, \"what about <date>?\", lone marks and keyboard runs, and "
    "questions outside the service phrased like ours), written by the kinds of error "
    "seen on the dev set, never by copying held-out sentences; lines that turned out to "
    "be word for word in any held-out set were dropped by a script that did not show "
    "them. Dev set before / after: macro-F1 0.920 / 0.950 (bokmål/nynorsk) and 0.902 / "
    "0.940 (English), out-of-scope recall 0.60 / 0.95 and 0.80 / 0.85, so the dev "
    "figures are even more optimistic now. Before this round the test set gave 0.899 / "
    "0.879 (out-of-scope recall 0.80 / 0.90) and the independent set 0.846 / 0.848; the "
    "independent set now also scores the two staff intents, so its figures are not "
    "directly comparable with those. That round's one run on the held-out sets gave test "
    "0.907 / 0.895 (out-of-scope recall 0.95 / 0.95) and independent 0.853 / 0.871. "
    "Then, for the issue's rule that the model is tied to no municipality (not chosen by "
    "any figure): the lookup tables of Bærum's school and area names were taken out of "
    "the training data, the actions find a place the model did not tag among the live "
    "catalogue's names in the text (actions/request.py place_in), and a lookup table of "
    "the generic room-type words was added; the figures above are that model's, as they "
    "came."
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", choices=("all", "dev"), default="all",
                        help="dev: score only the dev set, print it, write nothing (for "
                             "choosing); all: every set, and write docs/nlu-evaluation.md")
    parser.add_argument("--model", type=Path,
                        help="a trained model to score (only with --sets dev); default: the "
                             "model for the current training inputs, trained if missing")
    parser.add_argument("--errors", action="store_true",
                        help="also print the dev set's wrong answers (only with --sets dev)")
    args = parser.parse_args(argv)
    if args.sets == "all" and (args.model or args.errors):
        parser.error("--model and --errors are for choosing, so only with --sets dev")
    if args.model:
        path = args.model
    else:
        import model

        path = model.model_path()
    if args.sets == "dev":
        result = evaluate(path, ("dev",))
        for (_part, language), r in result.items():
            print(f"dev {language}: accuracy {r['accuracy']:.3f}  macro-F1 {r['macro_f1']:.3f}  "
                  f"out-of-scope recall {r['oos_recall']:.2f}  wrong {r['wrong']} "
                  f"({r['wrong_high_confidence']} with confidence >= {HIGH_CONFIDENCE})")
            print("  " + ", ".join(f"{g} → {p} ({n})" for (g, p), n in r["confusions"]))
            if args.errors:
                for gold, predicted, confidence, text in r["errors"]:
                    print(f"    {gold:>18} → {predicted:<18} {confidence:.2f}  {text}")
        return 0
    result = evaluate(path)
    write_markdown(result, path, HERE.parent / "docs" / "nlu-evaluation.md")
    for (part, language), r in result.items():
        print(part, language, {k: v for k, v in r.items() if k != "errors"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
