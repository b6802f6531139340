"""Memory over a long batch: 1,000 decks through ``deckpipe run``; the RSS of every process
of the run must stay flat from the first decks to the last (no growth with the number of
decks). Run by hand; the figures go in the README.

    python benchmarks/memory_flat.py [--decks 1000] [--workers 2] [--slides 10]

Every deck has its own names and words (drawn from a seed), so caches keyed by text, such
as spaCy's string store, see new strings all the way through. Prints, per tenth of the run
(by decks written), the highest RSS of the parent and of any worker.
"""

from __future__ import annotations

import argparse
import bisect
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import REPO, TreeSampler  # noqa: E402

SYLLABLES = ("ba be bi bo bu da de di do du fa fe fi lo lu ma me mi mo na ne ni no ra re ri ro "
             "sa se si so ta te ti to va ve vi").split()


def word(rng: random.Random, parts: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def make_decks(folder: Path, count: int, slides: int) -> None:
    rng = random.Random(1000)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        parts = []
        for s in range(1, slides + 1):
            speakers = [f"- {word(rng, 2).capitalize()} {word(rng).upper()}, Directrice, "
                        f"Association {word(rng).capitalize()}" for _ in range(3)]
            parts.append("\n".join([f"Table ronde {s} : {word(rng)} et {word(rng)}", "", *speakers,
                                    " ".join(word(rng) for _ in range(15)) + ".", "", f"Forum {n} - {s}"]))
        (folder / f"deck{n:04d}.txt").write_text("\n\n\n\n".join(parts) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--decks", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--slides", type=int, default=10)
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="deckpipe-memory-"))
    make_decks(root / "in", args.decks, args.slides)
    out = root / "out"
    command = [sys.executable, "-m", "pipeline", "run", str(root / "in"), "--out", str(out),
               "--workers", str(args.workers), "--quiet"]
    progress: list[tuple[float, int]] = []
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO)
    stop = threading.Event()

    def count_written() -> None:
        while not stop.is_set():
            written = (sum(1 for e in os.scandir(out) if e.is_dir() and not e.name.startswith("."))
                       if out.is_dir() else 0)
            progress.append((time.perf_counter() - started, written))
            stop.wait(0.2)

    counter = threading.Thread(target=count_written, daemon=True)
    counter.start()
    with TreeSampler(process.pid, every=0.1) as sampler:
        process.wait()
    stop.set()
    counter.join()
    wall = time.perf_counter() - started
    print(f"{args.decks} decks of {args.slides} slides, {args.workers} workers: {wall:.0f} s, "
          f"exit {process.returncode}")
    print(f"{'decks written':>14} {'parent MiB':>10} {'helpers MiB':>11} {'worker RSS MiB':>14} "
          f"{'worker private MiB':>18} {'workers seen':>12}")
    # Each RSS sample is put in the tenth of the run given by the decks written by then
    # (the two clocks start a few milliseconds apart: nothing at this scale).
    times = [t for t, _ in progress]
    tenths: dict[int, list[tuple[dict[int, float], dict[int, float]]]] = {}
    for (t, sample), private in zip(sampler.timeline, sampler.private_timeline):
        written = progress[max(0, bisect.bisect_right(times, t) - 1)][1] if progress else 0
        tenths.setdefault(min(9, written * 10 // args.decks), []).append((sample, private))
    for tenth, window in sorted(tenths.items()):
        parent = max(s.get(process.pid, 0.0) for s, _ in window)
        server = max((v for s, _ in window for pid, v in s.items() if pid in sampler.helpers), default=0.0)
        workers = {pid: v for s, _ in window for pid, v in s.items() if sampler.is_worker(pid)}
        private = max((v for _, p in window for v in p.values()), default=0.0)
        span = f"{args.decks * tenth // 10}-{args.decks * (tenth + 1) // 10}"
        print(f"{span:>14} {parent:>10.0f} {server:>11.0f} {max(workers.values(), default=0.0):>14.0f} "
              f"{private:>18.0f} {len(workers):>12}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
