"""Run the pipeline over many decks: find them, give each a unique id, process and write
each on its own (one bad deck never stops the others), then the combined tables and
``run_report.json``.

Archive scale: decks run in a pool of worker processes (``pool.py``); a deck whose content,
pipeline version and settings are unchanged since the last run is skipped; each deck has a
time limit; one output folder takes one run at a time. With one worker everything runs in
this process, through the same :func:`process_one`.
"""

from __future__ import annotations

import csv
import errno
import json
import logging
import os
import signal
import stat
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import __version__
from .config import Settings
from .errors import ConfigError, DeckError, DeckTimeout, printable
from .readers import DECK_SUFFIXES, sha256_of
from .run import process
from .schema import TABLES, column_names
from .textnorm import slugify
from .writers import EVENT_FILE, REPORT_FILE, recover, write_combined, write_deck, write_json

COUNT_KEYS = ("slides", "sessions", "speakers", "projects")
Job = tuple[int, Path, str]  # (position in the run, deck file, deck id)


@dataclass(frozen=True)
class DeckResult:
    """One line of the run report."""

    path: str
    deck_id: str
    status: str  # ok, failed, skipped
    error: str = ""
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """Every text printable (see :func:`printable`); the raw name kept as ``raw_path``."""
        raw = self.raw_path or self.path
        object.__setattr__(self, "raw_path", raw)
        object.__setattr__(self, "path", printable(self.path))
        object.__setattr__(self, "error", printable(self.error))
        object.__setattr__(self, "warnings", tuple(printable(w) for w in self.warnings))

    raw_path: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "deck_id": self.deck_id, "status": self.status,
                "error": self.error, "seconds": round(self.seconds, 3),
                **{key: self.counts.get(key, 0) for key in COUNT_KEYS},
                "warnings": list(self.warnings),
                **({"path_bytes": os.fsencode(self.raw_path).hex()} if self.raw_path != self.path else {})}


def find_decks(inputs: Iterable[str | Path], exclude: Path | None = None) -> list[Path]:
    """Deck files named or found (recursively) under the inputs, in a stable order.

    Hidden files and folders are left out, and so is ``exclude`` (the output folder, when
    it sits inside an input folder).
    """
    skip = exclude.resolve() if exclude is not None else None
    found: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found.extend(sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in DECK_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and (skip is None or skip not in p.resolve().parents)))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def input_refusal(path: Path, roots: list[Path], follow_links: bool = False) -> str:
    """Why ``path`` must not be read, or "". A symbolic link that leads out of every input
    folder is refused unless ``follow_links`` (why: a link dropped into a shared inbox would
    publish any file the account can read); devices, FIFOs and sockets are refused by type."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        return f"{path}: cannot be read ({err.strerror or err})"
    if not stat.S_ISREG(mode):
        return f"{path}: not a regular file (a device, FIFO or socket); refused"
    if follow_links or not (path.is_symlink() or any(p.is_symlink() for p in path.parents)):
        return ""
    target = path.resolve()
    if any(root == target or root in target.parents for root in roots):
        return ""
    return f"{path}: symbolic link out of the input folders; refused (use --follow-links to read it)"


def assign_deck_ids(paths: list[Path]) -> dict[Path, str]:
    """A filesystem-safe slug of each file name, made unique in the run with -2, -3 ..."""
    ids: dict[Path, str] = {}
    taken: set[str] = set()
    for path in paths:
        base = slugify(_readable_name(path.name))
        deck_id, n = base, 1
        while deck_id in taken:
            n += 1
            deck_id = f"{base}-{n}"
        taken.add(deck_id)
        ids[path] = deck_id
    return ids


def _readable_name(name: str) -> str:
    """A file name as text for its id: a name that is not UTF-8 (an old latin-1 archive)
    is read as cp1252, so ``\\xe9t\\xe9.txt`` gives ``ete-txt`` rather than ``t-txt``."""
    raw = os.fsencode(name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def settings_fingerprint(settings: Settings, path: Path) -> str:
    """What, besides the file and the pipeline version, decides a deck's output: the
    options and the overrides files in force for it. A change means reprocessing."""
    return settings.for_deck(path).fingerprint()


def previous_event(path: Path, deck_id: str, out_dir: Path, fingerprint: str) -> dict[str, Any] | None:
    """The deck's event.json from an earlier run when it was made from this very file
    (sha256), by this pipeline version, with these settings; else None."""
    event_path = out_dir / deck_id / EVENT_FILE
    try:
        document = json.loads(event_path.read_text(encoding="utf-8"))
        deck = document["deck"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not _complete(out_dir / deck_id):
        return None  # a partial copy or a deleted table: redo the deck rather than lose its rows
    if (deck.get("pipeline_version") == __version__ and deck.get("settings_sha256") == fingerprint
            and deck.get("sha256") == sha256_of(path)):
        return document
    return None


def _complete(folder: Path) -> bool:
    """Every table file the contract lists is there and parses with the contract's header."""
    for table in TABLES:
        try:
            with open(folder / f"{table}.csv", encoding="utf-8", newline="") as handle:
                rows = csv.reader(handle, strict=True)
                if next(rows, None) != column_names(table):
                    return False
                for _ in rows:
                    pass
        except (OSError, ValueError, csv.Error):
            return False
    return True


@contextmanager
def time_limit(path: Path, seconds: float) -> Iterator[None]:
    """Raise :class:`DeckTimeout` in this thread after ``seconds`` (Unix, main thread only).

    The alarm repeats every second until cancelled, so a library that swallows the first
    exception still cannot run on. Elsewhere the deck runs unlimited here, and the pool
    kills a worker that overruns.
    """
    usable = (seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise DeckTimeout(str(path), f"--timeout {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def unchanged(path: Path, deck_id: str, settings: Settings, out_dir: Path) -> DeckResult | None:
    """The "skipped" result of a deck whose outputs are up to date, else None."""
    started = time.perf_counter()
    try:
        previous = previous_event(path, deck_id, out_dir, settings_fingerprint(settings, path))
    except (ConfigError, OSError):
        return None  # processing it will report the problem
    if previous is None:
        return None
    return DeckResult(str(path), deck_id, "skipped", "", time.perf_counter() - started,
                      _event_counts(previous), tuple(previous["deck"].get("warnings", ())))


def process_one(path: Path, deck_id: str, settings: Settings, out_dir: Path,
                *, force: bool = False) -> DeckResult:
    """Process and write one deck, or skip it when unchanged; any error becomes a failed
    result with a one-line message, never a crash of the batch."""
    if not force and (skipped := unchanged(path, deck_id, settings, out_dir)) is not None:
        return skipped
    started = time.perf_counter()
    try:
        with time_limit(path, settings.limits.timeout_seconds):
            fingerprint = settings_fingerprint(settings, path)
            deck = process(path, settings, deck_id=deck_id)
        write_deck(deck, out_dir, settings_fingerprint=fingerprint)  # outside the alarm: never half-swapped
    except (DeckError, ConfigError) as err:
        return DeckResult(str(path), deck_id, "failed", _one_line(str(err)), time.perf_counter() - started)
    except Exception as err:  # a bug on one odd deck must not stop the batch
        detail = _one_line(f"{type(err).__name__}: {err}")[:300]
        return DeckResult(str(path), deck_id, "failed", f"{path}: internal error ({detail})",
                          time.perf_counter() - started)
    records = deck.records
    counts = {
        "slides": len(deck.slides),
        "sessions": len(records.sessions) if records else 0,
        "speakers": len(records.speakers) if records else 0,
        "projects": len(records.projects) if records else 0,
    }
    return DeckResult(str(path), deck_id, "ok", "", time.perf_counter() - started, counts, deck.warnings)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _event_counts(document: dict[str, Any]) -> dict[str, int]:
    return {"slides": int(document["deck"].get("slide_count", 0)),
            **{key: len(document.get(key, ())) for key in ("sessions", "speakers", "projects")}}


def default_workers() -> int:
    """All the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_batch(inputs: Iterable[str | Path], out_dir: Path, settings: Settings, *,
              workers: int = 1, force: bool = False, follow_links: bool = False,
              on_start: Callable[[int, int], None] | None = None,
              on_result: Callable[[DeckResult], None] | None = None) -> list[DeckResult]:
    """Process every deck under ``inputs`` into ``out_dir``; results in input order.

    ``workers`` > 1 runs decks in that many processes; ``force`` reprocesses unchanged
    decks. For a progress display, ``on_start(decks, workers)`` is called once the decks
    are found and ``on_result(result)`` as each deck finishes.
    """
    started = time.perf_counter()
    inputs = list(inputs)
    check_out_dir(out_dir, inputs)
    with exclusive_use(out_dir):
        recover(out_dir)
        paths = find_decks(inputs, exclude=out_dir)
        ids = assign_deck_ids(paths)
        jobs: list[Job] = [(index, path, ids[path]) for index, path in enumerate(paths)]
        results: list[DeckResult | None] = [None] * len(jobs)
        todo: list[Job] = []
        roots = [Path(i).resolve() if Path(i).is_dir() else Path(i).absolute().parent.resolve() for i in inputs]
        for index, path, deck_id in jobs:  # here: no worker starts for a run with nothing to do
            if refusal := input_refusal(path, roots, follow_links):
                results[index] = DeckResult(str(path), deck_id, "failed", refusal)
                continue
            results[index] = None if force else unchanged(path, deck_id, settings, out_dir)
            if results[index] is None:
                todo.append((index, path, deck_id))
        workers = max(1, min(workers, len(todo)))
        if on_start is not None:
            on_start(len(jobs), workers)
        for result in results:
            if result is not None and on_result is not None:
                on_result(result)
        if workers == 1:
            outcomes: Iterator[tuple[int, DeckResult]] = (
                (index, process_one(path, deck_id, settings, out_dir, force=True)) for index, path, deck_id in todo)
        else:
            from .pool import DeckPool  # the pool imports this module

            outcomes = DeckPool(workers, settings, out_dir).run(todo)
        for index, result in outcomes:
            results[index] = result
            if on_result is not None:
                on_result(result)
        done = [r for r in results if r is not None]
        recover(out_dir)  # a worker killed while writing left a staging folder
        write_combined(out_dir, [r.deck_id for r in done if r.status != "failed"])
        write_json(out_dir / REPORT_FILE, report(done, workers=workers,
                                                 wall_seconds=time.perf_counter() - started))
    return done


def check_out_dir(out_dir: Path, inputs: list[str | Path]) -> None:
    """Refuse, as a usage error, an output folder that is an input folder or inside one
    (the run would read its own outputs) or that cannot be created or written to; why:
    otherwise every deck fails one by one and the run ends in a traceback."""
    out = out_dir.resolve()
    for item in inputs:
        root = Path(item).resolve()
        if Path(item).is_dir() and (out == root or root in out.parents):
            raise ConfigError(f"{out_dir}: the output folder is inside the input folder {item}")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        if not out_dir.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a folder")
        fd, probe = tempfile.mkstemp(dir=out_dir, prefix=".deckpipe-probe-", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as err:
        raise ConfigError(f"{out_dir}: cannot write to the output folder ({err.strerror or err})") from None


def report(results: list[DeckResult], *, workers: int = 1, wall_seconds: float = 0.0) -> dict[str, Any]:
    """``run_report.json``: one entry per input file, then the totals."""
    totals: dict[str, Any] = {"decks": len(results)}
    for status in ("ok", "failed", "skipped"):
        totals[status] = sum(r.status == status for r in results)
    for key in COUNT_KEYS:
        totals[key] = sum(r.counts.get(key, 0) for r in results)
    totals["seconds"] = round(sum(r.seconds for r in results), 3)
    totals["wall_seconds"] = round(wall_seconds, 3)
    totals["workers"] = workers
    totals["pipeline_version"] = __version__
    return {"decks": [r.to_dict() for r in results], "totals": totals}


@contextmanager
def exclusive_use(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``out_dir`` for the run: a second run writing into the
    same folder would tidy away the first one's half-written decks."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks, one run at a time is on the user
        yield
        return
    fd = os.open(out_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ConfigError(f"{out_dir}: another deckpipe run is writing to this folder") from None
        _held_locks.add(fd)
        yield
    finally:
        _held_locks.discard(fd)
        os.close(fd)  # releases the lock


_held_locks: set[int] = set()  # descriptors of the folder locks this process holds


def _drop_inherited_locks() -> None:
    """In a forked worker: close its copies of the run's folder locks, so that a killed
    run's lock is gone with the run, not held on by a worker's copy."""
    for fd in _held_locks:
        os.close(fd)
    _held_locks.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_drop_inherited_locks)


def silence_library_logs() -> None:
    """Keep what libraries log (pdfminer's xref complaints ...) off stderr, where each
    failed deck must be exactly one line; readers turn what matters into deck warnings."""
    logging.captureWarnings(True)  # warnings.warn (zipfile's duplicate names ...) go to logging too
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())
