"""Scores of the pipeline on the held-out decks (tests/fixtures/heldout/), per deck and format.

    python scripts/heldout_report.py               # table of scores
    python scripts/heldout_report.py -v            # plus every difference and removal miss
    python scripts/heldout_report.py --floors      # also raise tests/fixtures/heldout/baseline.json

Why: the gold gate (tests/gold/) only holds decks the rules were written around; these decks
were not, so their scores measure how the extraction generalises. Records are scored with
``pipeline.evaluate`` against ``<stem>.json``; removals with ``pipeline.removal_eval`` against
``<stem>.removal.json`` after the stages that remove text, as scripts/removal_report.py does.
``--floors`` pins each score rounded down to 2 decimals and never lowers a pinned floor.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.config import Settings  # noqa: E402
from pipeline.evaluate import GATED, evaluate, format_scores, metric, records_of_file  # noqa: E402
from pipeline.model import Deck  # noqa: E402
from pipeline.readers import read  # noqa: E402
from pipeline.removal_eval import RemovalScore, load_removal_gold, score_removals  # noqa: E402
from pipeline.stages import branding, decoration, detect_language, normalize  # noqa: E402

HELDOUT = REPO / "tests" / "fixtures" / "heldout"
BASELINE = HELDOUT / "baseline.json"
FORMATS = ("txt", "pptx", "pdf")
REMOVAL_METRICS = ("removal.precision", "removal.recall")


def cases() -> list[tuple[Path, Path]]:
    """(records gold, deck file) for every format of every held-out deck."""
    found = []
    for gold in sorted(HELDOUT.glob("*.json")):
        if gold.name == BASELINE.name or gold.name.endswith(".removal.json"):
            continue
        found += [(gold, HELDOUT / f"{gold.stem}.{fmt}") for fmt in FORMATS
                  if (HELDOUT / f"{gold.stem}.{fmt}").is_file()]
    return found


def cleaned(path: Path) -> Deck:
    """The deck through the stages that remove text (what the removal labels describe)."""
    settings = Settings().for_deck(path)
    deck = read(path, settings)
    for stage in (normalize, detect_language, decoration, branding):
        deck = stage.run(deck, settings)
    return deck


def removal_score(path: Path) -> RemovalScore:
    stem = path.name.rsplit(".", 1)[0]
    return score_removals(cleaned(path), load_removal_gold(HELDOUT / f"{stem}.removal.json"))


def all_scores(gold_path: Path, deck_path: Path) -> tuple[dict, RemovalScore]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return evaluate(records_of_file(deck_path), gold), removal_score(deck_path)


def flat(scores: dict, removal: RemovalScore) -> dict[str, float]:
    """Every gated figure of one deck file, by dotted name."""
    figures = {name: metric(scores, name) for name in GATED}
    figures["removal.precision"] = removal.precision
    figures["removal.recall"] = removal.recall
    return figures


def floor2(value: float) -> float:
    return math.floor(value * 100 + 1e-9) / 100


def main(argv: list[str]) -> None:
    verbose, write = "-v" in argv, "--floors" in argv
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.is_file() else {}
    header = (f"{'deck file':28} {'speakers P/R/F1':>17} {'sessions P/R/F1':>17} {'appear. P/R/F1':>17} "
              f"{'projects P/R/F1':>17} {'removal P/R':>11}")
    print(header)
    for gold_path, deck_path in cases():
        scores, removal = all_scores(gold_path, deck_path)
        cells = [f"{scores[k]['precision']:.2f}/{scores[k]['recall']:.2f}/{scores[k]['f1']:.2f}"
                 for k in ("speakers", "sessions", "appearances", "projects")]
        print(f"{deck_path.name:28} " + " ".join(f"{c:>17}" for c in cells)
              + f" {removal.precision:.2f}/{removal.recall:.2f}")
        fields = {**scores["speaker_fields"], **{f"session {k}": v for k, v in scores["session_fields"].items()},
                  **{f"project {k}": v for k, v in scores["project_fields"].items()},
                  "event": scores["event_fields"]["all"]}
        print("    " + "  ".join(f"{k} {v:.2f}" for k, v in fields.items()))
        if verbose:
            print(format_scores(scores))
            for label, items in (("unexpected", removal.unexpected), ("missed", removal.missed),
                                 ("LOST", removal.lost)):
                for slide, text in items:
                    print(f"    removal {label:10} slide {slide}: {text!r}")
        if write:
            pinned = baseline.setdefault(deck_path.name, {})
            for name, value in flat(scores, removal).items():
                pinned[name] = max(pinned.get(name, 0.0), floor2(value))
    if write:
        BASELINE.write_text(json.dumps(baseline, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"floors written to {BASELINE.relative_to(REPO)}")


if __name__ == "__main__":
    main(sys.argv[1:])
