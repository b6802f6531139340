"""One measurement, in a fresh process, printed as one JSON line (run_all.py calls this).

    python benchmarks/bench.py deck METHOD FILE
        METHOD: markitdown | read | pipeline
        Imports, converts the warm-up deck beside FILE once (lazy imports, spaCy model,
        caches; see make_bench_decks.warmup_path), then FILE once; reports the wall and CPU
        seconds of converting FILE, of the first (cold) conversion, and this process's peak
        RSS. One measurement per process: a second conversion of FILE would find its lines
        in the caches (run_all.py takes the median of several processes).
        read = pipeline.readers.read (format detection, reader, sha256);
        pipeline = read + every stage + writing the deck's CSV/JSON files.

    python benchmarks/bench.py stages FILE
        Where the whole pipeline's time goes: CPU milliseconds of reading, of each stage in
        order, and of writing FILE, warm (after the warm-up deck).

    python benchmarks/bench.py batch METHOD FOLDER --workers N
        METHOD: pipeline (``deckpipe run FOLDER --workers N --force``) | markitdown (the
        same files through a pool of N MarkItDown processes). Wall seconds from launch to
        exit, and the peak RSS of each process of the tree, sampled from /proc every 20 ms
        (Linux), since pool workers are not our children to wait for.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_bench_decks import warmup_path  # noqa: E402
SAMPLE_SECONDS = 0.02


def converter(method: str) -> Callable[[Path], object]:
    """The call that turns one file into text/records, with its imports done."""
    if method == "markitdown":
        from markitdown import MarkItDown

        engine = MarkItDown()
        return lambda path: engine.convert(str(path)).text_content
    sys.path.insert(0, str(REPO))
    from pipeline.config import Settings

    settings = Settings()
    if method == "read":
        from pipeline.readers import read

        return lambda path: read(path, settings)
    if method == "pipeline":
        from pipeline.run import process
        from pipeline.writers import write_deck

        out = Path(tempfile.mkdtemp(prefix="deckpipe-bench-"))
        return lambda path: write_deck(process(path, settings), out)
    raise SystemExit(f"unknown method {method!r}")


def measure_deck(method: str, path: Path) -> dict[str, float]:
    started = time.perf_counter()
    convert = converter(method)
    imported = time.perf_counter()
    convert(warmup_path(path))  # cold: lazy imports, models, caches
    cold = time.perf_counter() - imported
    wall, cpu = time.perf_counter(), time.process_time()
    convert(path)
    return {"import_s": imported - started, "cold_s": cold, "wall_s": time.perf_counter() - wall,
            "cpu_s": time.process_time() - cpu,
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def measure_stages(path: Path) -> dict[str, float]:
    sys.path.insert(0, str(REPO))
    from pipeline.config import Settings
    from pipeline.readers import read
    from pipeline.stages import DEFAULT_ORDER, get_stage
    from pipeline.writers import write_deck

    settings, out = Settings(), Path(tempfile.mkdtemp(prefix="deckpipe-bench-"))
    runs: list[dict[str, float]] = []
    for deck_path in (warmup_path(path), path):  # the first run warms up
        times, started = {}, time.process_time()
        deck = read(deck_path, settings)
        times["read"] = time.process_time() - started
        for name in DEFAULT_ORDER:
            started = time.process_time()
            deck = get_stage(name)(deck, settings.for_deck(deck_path))
            times[name] = time.process_time() - started
        started = time.process_time()
        write_deck(deck, out)
        times["write"] = time.process_time() - started
        runs.append(times)
    return {name: 1000 * seconds for name, seconds in runs[1].items()}


# ------------------------------------------------------------------------ process trees


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def tree(root: int) -> dict[int, int]:
    """``root`` and every process below it, with its depth below the root."""
    children, found, stack = _children_map(), {}, [(root, 0)]
    while stack:
        pid, depth = stack.pop()
        found[pid] = depth
        stack.extend((child, depth + 1) for child in children.get(pid, ()))
    return found


def rss_mib(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def private_mib(pid: int) -> float:
    """Memory only this process holds (not the pages it shares with the process it was
    forked from)."""
    total = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(("Private_Clean:", "Private_Dirty:")):
                    total += int(line.split()[1])
    except OSError:
        pass
    return total / 1024


def _is_helper(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            command = handle.read()
    except OSError:
        return False
    return b"multiprocessing.forkserver" in command or b"multiprocessing.resource_tracker" in command


class TreeSampler:
    """Peak RSS of every process under a root pid, and RSS over time, sampled from /proc."""

    def __init__(self, root: int, every: float = SAMPLE_SECONDS) -> None:
        self.root, self.every = root, every
        self.peaks: dict[int, float] = {}
        self.private_peaks: dict[int, float] = {}
        self.depth: dict[int, int] = {}
        self.helpers: set[int] = set()  # multiprocessing's fork server and resource tracker
        self.timeline: list[tuple[float, dict[int, float]]] = []  # (seconds, {pid: RSS MiB})
        self.private_timeline: list[dict[int, float]] = []  # {worker pid: private MiB}, same times
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        started = time.perf_counter()
        while not self._stop.is_set():
            found = tree(self.root)
            for pid in found.keys() - self.depth.keys():
                if found[pid] == 1 and _is_helper(pid):  # a fork server's children are workers
                    self.helpers.add(pid)
            self.depth.update(found)
            sample = {pid: rss_mib(pid) for pid in found}
            private = {pid: private_mib(pid) for pid in found if self.is_worker(pid)}
            self.timeline.append((time.perf_counter() - started, sample))
            self.private_timeline.append(private)
            for pid, value in sample.items():
                self.peaks[pid] = max(self.peaks.get(pid, 0.0), value)
            for pid, value in private.items():
                self.private_peaks[pid] = max(self.private_peaks.get(pid, 0.0), value)
            self._stop.wait(self.every)

    def is_worker(self, pid: int) -> bool:
        """A pool worker: any process below the root but multiprocessing's helpers."""
        return self.depth.get(pid, 0) >= 1 and pid not in self.helpers

    @property
    def worker_peaks(self) -> list[float]:
        return sorted(v for pid, v in self.peaks.items() if self.is_worker(pid))

    @property
    def helper_peak(self) -> float:
        """The highest RSS of the pool's helpers (fork server, resource tracker)."""
        return max((v for pid, v in self.peaks.items() if pid in self.helpers), default=0.0)


def run_sampled(command: list[str]) -> dict[str, object]:
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with TreeSampler(process.pid) as sampler:
        _, err = process.communicate()
    wall = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {err[-2000:]}")
    return {"wall_s": wall, "root_peak_mib": sampler.peaks.get(process.pid, 0.0),
            "helper_peak_mib": sampler.helper_peak,
            "peak_rss_mib": max(sampler.peaks.values(), default=0.0),
            "worker_peaks_mib": sampler.worker_peaks,
            "worker_private_peak_mib": max(sampler.private_peaks.values(), default=0.0)}


def measure_batch(method: str, folder: Path, workers: int) -> dict[str, object]:
    if method == "pipeline":
        out = tempfile.mkdtemp(prefix="deckpipe-bench-")
        command = [sys.executable, "-m", "pipeline", "run", str(folder), "--out", out,
                   "--workers", str(workers), "--force", "--quiet"]
    elif method == "markitdown":
        command = [sys.executable, __file__, "_markitdown-pool", str(folder), "--workers", str(workers)]
    else:
        raise SystemExit(f"unknown method {method!r}")
    return run_sampled(command)


def _markitdown_worker(path: str) -> int:
    return len(_ENGINE.convert(path).text_content)


def _markitdown_init() -> None:
    global _ENGINE
    from markitdown import MarkItDown

    _ENGINE = MarkItDown()


def markitdown_pool(folder: Path, workers: int) -> None:
    """MarkItDown over a folder with a process pool: the fair peer of ``deckpipe run``."""
    import multiprocessing

    files = sorted(str(p) for p in folder.iterdir() if p.is_file())
    if workers == 1:
        _markitdown_init()
        for path in files:
            _markitdown_worker(path)
        return
    with multiprocessing.get_context("forkserver").Pool(workers, initializer=_markitdown_init) as pool:
        for _ in pool.imap_unordered(_markitdown_worker, files):
            pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=["deck", "stages", "batch", "_markitdown-pool"])
    parser.add_argument("method", help="markitdown | read | pipeline (a folder for _markitdown-pool)")
    parser.add_argument("target", nargs="?")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    if args.mode == "_markitdown-pool":
        markitdown_pool(Path(args.method), args.workers)
        return 0
    if args.mode == "deck":
        result = measure_deck(args.method, Path(args.target))
    elif args.mode == "stages":
        result = measure_stages(Path(args.method))
    else:
        result = measure_batch(args.method, Path(args.target), args.workers)
    print(json.dumps(result))
    return 0


_ENGINE = None

if __name__ == "__main__":
    sys.exit(main())
