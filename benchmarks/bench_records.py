"""How long the records extraction takes, apart from reading and cleaning.

    python benchmarks/bench_records.py [--repeat 5]

For each format of each deck with a gold file: reads and cleans it once, then times
``extract_records`` warm (median CPU ms of REPEAT runs, spaCy already loaded), and once a
deck made of the sample's slides repeated ten times (does the time grow linearly?).
The first line is the cost of loading the spaCy model, paid once per process.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.config import Settings  # noqa: E402
from pipeline.evaluate import gold_cases  # noqa: E402
from pipeline.extract import extract_records  # noqa: E402
from pipeline.nlp import get_nlp  # noqa: E402
from pipeline.readers import read  # noqa: E402
from pipeline.stages import DEFAULT_ORDER, run_stages  # noqa: E402


def cpu_ms(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        action()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    settings = Settings()
    start = time.process_time()
    get_nlp("fr")
    print(f"spaCy fr_core_news_sm load: {(time.process_time() - start) * 1000:.0f} ms CPU (once per process)")
    stages = [n for n in DEFAULT_ORDER if n != "extract_records"]
    for _, path in gold_cases(REPO / "tests" / "gold", (REPO / "raw", REPO / "tests" / "fixtures" / "decks")):
        deck = run_stages(read(path, settings), settings, stages)
        extract_records(deck, settings)  # warm
        ms = cpu_ms(lambda: extract_records(deck, settings), args.repeat)
        lines = sum(len(b.lines) for _, b in deck.blocks())
        print(f"{path.name:40} {len(deck.slides):4} slides {lines:5} lines  {ms:8.1f} ms CPU")
    sample = run_stages(read(REPO / "raw" / "entretiens-jacques-cartier-2012.txt", settings), settings, stages)
    big = replace(sample, slides=tuple(replace(s, number=k * len(sample.slides) + s.number)
                                       for k in range(10) for s in sample.slides))
    ms = cpu_ms(lambda: extract_records(big, settings), 1)
    print(f"{'sample x10':40} {len(big.slides):4} slides {'':11} {ms:8.1f} ms CPU")


if __name__ == "__main__":
    main()
