"""Print removal precision and recall per deck and format against tests/gold/*.removal.json.

    python scripts/removal_report.py          # table
    python scripts/removal_report.py -v       # plus every unexpected / missed / lost entry

Runs the stages that remove text (normalize, detect_language, decoration, branding) on
each deck found in raw/ and tests/fixtures/decks/; scoring rules: pipeline/removal_eval.py.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.config import Settings  # noqa: E402
from pipeline.readers import read  # noqa: E402
from pipeline.removal_eval import load_removal_gold, score_removals  # noqa: E402
from pipeline.stages import branding, decoration, detect_language, normalize  # noqa: E402

DECK_DIRS = (REPO / "raw", REPO / "tests" / "fixtures" / "decks")


def main(verbose: bool) -> None:
    print(f"{'deck':34} {'format':6} {'precision':>9} {'recall':>7} {'removed':>8}  by reason")
    for gold_path in sorted((REPO / "tests" / "gold").glob("*.removal.json")):
        stem = gold_path.name.removesuffix(".removal.json")
        gold = load_removal_gold(gold_path)
        for fmt in ("txt", "pptx", "pdf"):
            path = next((d / f"{stem}.{fmt}" for d in DECK_DIRS if (d / f"{stem}.{fmt}").is_file()), None)
            if path is None:
                print(f"{stem:34} {fmt:6} {'(no file)':>9}")
                continue
            settings = Settings().for_deck(path)
            deck = read(path, settings)
            for stage in (normalize, detect_language, decoration, branding):
                deck = stage.run(deck, settings)
            score = score_removals(deck, gold)
            reasons = Counter(r.reason.value for r in deck.removed)
            print(f"{stem:34} {fmt:6} {score.precision:9.3f} {score.recall:7.3f} {len(deck.removed):8}  "
                  + ", ".join(f"{k} {v}" for k, v in sorted(reasons.items())))
            if verbose:
                for label, items in (("unexpected", score.unexpected), ("missed", score.missed),
                                     ("LOST", score.lost)):
                    for slide, text in items:
                        print(f"    {label:10} slide {slide}: {text!r}")


if __name__ == "__main__":
    main("-v" in sys.argv[1:])
