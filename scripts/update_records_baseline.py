"""Raise the records quality floors in tests/gold/baseline.json to today's scores.

Floors only go up: a score below its floor is reported and the floor is kept (the gate in
tests/test_records_gold.py then fails until the regression is fixed). Run after an
improvement, or after adding a gold file or a format of a test deck:

    python scripts/update_records_baseline.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.evaluate import GATED, evaluate, gold_cases, metric, records_of_file  # noqa: E402

GOLD_DIR = REPO / "tests" / "gold"
BASELINE = GOLD_DIR / "baseline.json"
DECK_DIRS = (REPO / "raw", REPO / "tests" / "fixtures" / "decks")


def main() -> int:
    floors = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.is_file() else {}
    regressions = 0
    for gold_path, deck_path in gold_cases(GOLD_DIR, DECK_DIRS):
        scores = evaluate(records_of_file(deck_path), json.loads(gold_path.read_text(encoding="utf-8")))
        old = floors.get(deck_path.name, {})
        new = {}
        for name in GATED:
            value = round(metric(scores, name), 4)
            if value < old.get(name, 0.0):
                print(f"{deck_path.name}: {name} {value} is below its floor {old[name]} (kept)")
                regressions += 1
            new[name] = max(value, old.get(name, 0.0))
        floors[deck_path.name] = new
        print(f"{deck_path.name}: " + ", ".join(f"{k}={v}" for k, v in new.items() if k.endswith("f1")))
    BASELINE.write_text(json.dumps(floors, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 1 if regressions else 0


if __name__ == "__main__":
    raise SystemExit(main())
