"""The worker pool behind ``deckpipe run --workers N``: decks run in worker processes fed
one deck at a time, so a deck that hangs or a worker that dies costs only that deck.

On Linux the parent loads what the stages cache (lexicons, the spaCy model) once, then
forks the workers, which share those pages; a worker is replaced after
:data:`TASKS_PER_WORKER` decks, so memory stays flat however many decks there are.
"""

from __future__ import annotations

import gc
import importlib
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Iterator

from .batch import DeckResult, Job, process_one, silence_library_logs
from .config import Settings
from .errors import DeckTimeout
from .model import Block, BlockKind, Deck, Slide
from .readers import READERS

# A worker process is replaced after this many decks: whatever a library caches per deck
# (spaCy's string store grows with every new word) is given back to the system. On Linux
# a new worker is forked from the warm parent, so replacing one is cheap.
TASKS_PER_WORKER = 100
# How long past --timeout a worker stuck in C code (where the alarm cannot reach) may run
# before it is killed and replaced.
KILL_GRACE_SECONDS = 5.0
log = logging.getLogger(__name__)


def warm_up(settings: Settings) -> None:
    """Load once per worker (on Linux once per run, before forking) what every deck needs:
    the readers, and whatever the stages load lazily and cache (lexicons, the spaCy model),
    by running every stage on a one-slide deck in each language the decks may be in."""
    from .cues import languages
    from .stages import DEFAULT_ORDER, run_stages

    for module in READERS.values():
        importlib.import_module(module)
    block = Block(BlockKind.BODY, "Warm-up", "Warm-up", "warm-up")
    for lang in languages("language") if settings.language == "auto" else [settings.language]:
        deck = Deck("warm-up", "warm-up.txt", "text", "", (Slide(1, (block,)),), language=lang)
        try:
            run_stages(deck, replace(settings, language=lang), DEFAULT_ORDER)
        except Exception:  # noqa: BLE001 - best effort: a real deck will report the problem
            log.debug("warm-up in %s failed", lang, exc_info=True)
    # What was loaded lives as long as the process: out of the garbage collector's sight, it
    # is not rescanned by every full collection, nor copied page by page into forked workers.
    gc.freeze()


def _worker_main(conn: Connection, lifeline: Connection, settings: Settings, out_dir: Path,
                 inherited: tuple[Connection, ...] = ()) -> None:
    """A worker: take (index, path, deck id) jobs until told to stop or the parent is gone.
    The parent has already skipped the unchanged decks: every job is processed.
    ``inherited``: the parent's pipe ends a forked worker got a copy of, closed at once."""
    for connection in inherited:
        connection.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    silence_library_logs()
    threading.Thread(target=_exit_with_parent, args=(lifeline,), name="lifeline", daemon=True).start()
    warm_up(settings)
    conn.send(None)  # ready: the parent starts the deck's clock from the first job
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        index, path, deck_id = job
        result = process_one(path, deck_id, settings, out_dir, force=True)
        try:
            conn.send((index, result))
        except OSError:  # the parent is gone
            return


def _exit_with_parent(lifeline: Connection) -> None:
    """Stop this worker the moment the run that started it is killed, rather than let it
    finish a deck nobody waits for while a rerun starts. The parent never writes to the
    lifeline; it reads end-of-file when the parent's end closes, i.e. when it dies."""
    try:
        lifeline.recv()
    except (EOFError, OSError):
        pass
    os._exit(1)


@dataclass
class _Worker:
    process: Any
    conn: Connection
    ready: bool = False  # warmed up (it says so); the time limit only runs from then
    job: Job | None = None
    deadline: float = float("inf")
    done: int = 0


class DeckPool:
    """Worker processes fed one deck at a time over a pipe each, so the parent always
    knows which deck a worker holds: a worker that overruns the time limit or dies
    (segfault, out of memory) costs that one deck, is replaced, and the run goes on."""

    def __init__(self, size: int, settings: Settings, out_dir: Path, *,
                 tasks_per_worker: int = TASKS_PER_WORKER, kill_grace: float = KILL_GRACE_SECONDS,
                 start_method: str | None = None) -> None:
        self.size = size
        self.args = (settings, out_dir)
        self.tasks_per_worker = tasks_per_worker
        timeout = settings.limits.timeout_seconds
        self.kill_after = timeout + kill_grace if timeout > 0 else float("inf")
        # Linux: warm up here, then fork: every worker starts warm and shares those pages,
        # and replacing one costs a fork. Elsewhere (fork is unsafe on macOS) each worker
        # is spawned and warms itself up.
        self.forking = (start_method or ("fork" if sys.platform.startswith("linux") else "spawn")) == "fork"
        self.context = multiprocessing.get_context("fork" if self.forking else "spawn")
        if self.forking:
            warm_up(settings)
        self.workers: list[_Worker] = []
        self.lifeline, self.lifeline_end = self.context.Pipe(duplex=False)  # (read end, our end)

    def run(self, jobs: list[Job]) -> Iterator[tuple[int, DeckResult]]:
        """Yield (index, result) for every job as decks finish (not in input order)."""
        queue = deque(jobs)
        try:
            while queue or any(w.job for w in self.workers):
                self._hand_out(queue)
                yield from self._collect()
        finally:
            self.close()

    def _hand_out(self, queue: deque[Job]) -> None:
        for worker in [w for w in self.workers if w.ready and w.job is None]:
            if not queue:
                return
            if worker.process.is_alive():
                self._give(worker, queue.popleft())
            else:  # died while idle: replaced below
                self._stop(worker, kill=True)
        warming = sum(1 for w in self.workers if not w.ready)
        while len(queue) > warming and len(self.workers) < self.size:
            self._start()
            warming += 1

    def _give(self, worker: _Worker, job: Job) -> None:
        worker.job, worker.deadline = job, time.monotonic() + self.kill_after
        worker.conn.send(job)

    def _start(self) -> None:
        parent_end, child_end = self.context.Pipe()
        inherited = (self.lifeline_end, *(w.conn for w in self.workers)) if self.forking else ()
        process = self.context.Process(target=_worker_main, daemon=True,
                                       args=(child_end, self.lifeline, *self.args, inherited))
        process.start()
        child_end.close()
        self.workers.append(_Worker(process, parent_end))

    def _collect(self) -> Iterator[tuple[int, DeckResult]]:
        waiting = [w for w in self.workers if w.job is not None or not w.ready]
        next_deadline = min(w.deadline for w in waiting)
        timeout = None if next_deadline == float("inf") else max(0.0, next_deadline - time.monotonic())
        ready = wait([w.conn for w in waiting], timeout)
        for worker in waiting:
            if worker.conn in ready and not worker.ready:
                self._warmed_up(worker)
            elif worker.conn in ready:
                yield self._result(worker)
            elif time.monotonic() >= worker.deadline:
                index, path, deck_id = worker.job  # type: ignore[misc]
                self._stop(worker, kill=True)
                limit = self.args[0].limits.timeout_seconds
                error = DeckTimeout(str(path), f"--timeout {limit:g} s; worker stopped")
                yield index, DeckResult(str(path), deck_id, "failed", str(error), self.kill_after)

    def _warmed_up(self, worker: _Worker) -> None:
        try:
            worker.conn.recv()
        except (EOFError, OSError):
            self._stop(worker, kill=True)
            raise RuntimeError(f"a worker process failed to start (exit code {worker.process.exitcode})") from None
        worker.ready = True

    def _result(self, worker: _Worker) -> tuple[int, DeckResult]:
        index, path, deck_id = worker.job  # type: ignore[misc]
        try:
            _, result = worker.conn.recv()
        except (EOFError, OSError):
            self._stop(worker, kill=True)
            return index, DeckResult(str(path), deck_id, "failed", f"{path}: internal error (worker process "
                                     f"died, exit code {worker.process.exitcode})")
        worker.job, worker.deadline, worker.done = None, float("inf"), worker.done + 1
        if worker.done >= self.tasks_per_worker:
            self._stop(worker)
        return index, result

    def _stop(self, worker: _Worker, kill: bool = False) -> None:
        if kill:
            worker.process.kill()
        else:
            try:
                worker.conn.send(None)
            except OSError:
                worker.process.kill()
        worker.process.join(KILL_GRACE_SECONDS)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
        self.workers.remove(worker)

    def close(self) -> None:
        """Stop every worker: idle ones politely, busy ones (on Ctrl-C) at once."""
        for worker in list(self.workers):
            self._stop(worker, kill=worker.job is not None)
        self.lifeline.close()
        self.lifeline_end.close()
