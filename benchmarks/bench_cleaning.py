"""CPU time of the cleaning stages (decoration + branding) on synthetic decks and the sample.

Usage: python benchmarks/bench_cleaning.py [--runs 5]

Synthetic decks of 50, 200 and 2000 slides (the max_slides limit): on each slide a title,
four unique lines, a footer with the slide number, a two-line organiser logo on most
slides, a presenter's logo on runs of eight slides, and OCR-damaged footers here and
there — the work the stages do grows with the number of distinct lines. CPU seconds (stable
on a shared machine), median of --runs, stages only (the deck is read once beforehand).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.config import Settings  # noqa: E402
from pipeline.model import Block, BlockKind, Deck, Slide  # noqa: E402
from pipeline.readers import read  # noqa: E402
from pipeline.stages import branding, decoration, detect_language, normalize  # noqa: E402


def synthetic_deck(slides: int) -> Deck:
    built = []
    for n in range(1, slides + 1):
        lines = [(BlockKind.TITLE, f"Topic {n}: findings of working group {n % 37}")]
        lines += [(BlockKind.LIST_ITEM, f"Point {k} of slide {n}: measure {n * k} in district {k + n % 11}")
                  for k in range(1, 5)]
        footer = "Northwind Forum 2024" if n % 29 else "Northwlnd Forurn 2024"
        lines += [(BlockKind.BODY, f"{footer} | {n}")]
        if n % 5:
            lines.append((BlockKind.BODY, "NORTHWIND\nurban lab"))
        if (n // 8) % 3 == 1:
            lines.append((BlockKind.BODY, f"PRESENTER {n // 24} LABS"))
        built.append(Slide(n, tuple(Block(kind, text, text, "bench") for kind, text in lines)))
    return Deck("bench", "bench.txt", "text", "", tuple(built), language="en")


def cpu_seconds(deck: Deck, runs: int) -> float:
    settings = Settings()
    times = []
    for _ in range(runs):
        start = time.process_time()
        branding.run(decoration.run(deck, settings), settings)
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sample = REPO / "raw" / "entretiens-jacques-cartier-2012.txt"
    deck = read(sample)
    for stage in (normalize, detect_language):
        deck = stage.run(deck, Settings())
    print(f"{'deck':28} {'slides':>6} {'CPU s (decoration+branding)':>28}")
    print(f"{sample.name:28} {len(deck.slides):6} {cpu_seconds(deck, args.runs):28.3f}")
    for slides in (50, 200, 2000):
        print(f"{'synthetic':28} {slides:6} {cpu_seconds(synthetic_deck(slides), args.runs):28.3f}")


if __name__ == "__main__":
    main()
