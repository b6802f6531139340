"""Raise the floors of ``tests/fixtures/events_baseline.json`` from a corpus run, never lower them.

    deckpipe eval --corpus ../shared/corpora/events --json /tmp/events.json
    python scripts/update_events_baseline.py /tmp/events.json

Each deck's floor becomes the larger of its old floor and today's figure (rounded down to
three decimals), so a floor can only go up; the fetched decks (never in CI) are not written.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

BASELINE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "events_baseline.json"
FIGURES = {"f1_mean": ("f1_mean",), "speakers_f1": ("speakers", "f1"), "sessions_f1": ("sessions", "f1"),
           "projects_f1": ("projects", "f1"), "appearances_f1": ("appearances", "f1"),
           "must_keep": ("must_keep", "score"), "not_people": ("not_people", "score")}


def floor3(value: float) -> float:
    return math.floor(value * 1000 + 1e-6) / 1000


def figure(scores: dict, path: tuple[str, ...]) -> float:
    for key in path:
        scores = scores[key]
    return float(scores or 0.0)


def raised(old: dict, results: dict) -> dict:
    decks = dict(old.get("decks", {}))
    for deck, entry in results["decks"].items():
        if not entry.get("scores"):
            continue
        floors = dict(decks.get(deck, {}))
        for name, path in FIGURES.items():
            floors[name] = max(floors.get(name, 0.0), floor3(figure(entry["scores"], path)))
        decks[deck] = floors
    means = [entry["scores"]["f1_mean"] for entry in results["decks"].values() if entry.get("scores")]
    mean = floor3(sum(means) / len(means)) if means else 0.0
    return {"about": old.get("about", "floors of deckpipe eval --corpus on the redistributable decks; "
                                      "raised by scripts/update_events_baseline.py, never lowered"),
            "decks": dict(sorted(decks.items())), "mean_f1_mean": max(old.get("mean_f1_mean", 0.0), mean)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scores", type=Path, help="the --json file of deckpipe eval --corpus")
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    args = parser.parse_args()
    results = json.loads(args.scores.read_text(encoding="utf-8"))
    old = json.loads(args.baseline.read_text(encoding="utf-8")) if args.baseline.is_file() else {}
    new = raised(old, results)
    args.baseline.write_text(json.dumps(new, indent=2) + "\n", encoding="utf-8")
    print(f"{args.baseline}: {len(new['decks'])} decks, mean deck F1 floor {new['mean_f1_mean']:.3f}")


if __name__ == "__main__":
    main()
