"""What ``deckpipe run`` shows while it works, on stderr.

On a terminal, a progress bar (tqdm); elsewhere (CI logs), one plain line per deck. A
failed deck is always one line ``deckpipe: <file>: <cause> (<detail>)``, even with
``--quiet``; ``--verbose`` adds per-deck lines on a terminal and each deck's warnings.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

from .batch import DeckResult


class RunProgress:
    """Callbacks for :func:`pipeline.batch.run_batch` (``on_start``, ``on_result``)."""

    def __init__(self, *, quiet: bool = False, verbose: bool = False, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet, self.verbose = quiet, verbose
        self.bar: Any = None
        self.total = self.done = self.failed = 0

    def start(self, total: int, workers: int) -> None:
        self.total = total
        if self.verbose:
            self._line(f"{total} decks, {workers} worker{'s' if workers > 1 else ''}")
        if not self.quiet and total and self.stream.isatty():
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread: workers are forked from this process
            self.bar = tqdm(total=total, unit="deck", file=self.stream, dynamic_ncols=True)

    def deck_done(self, result: DeckResult) -> None:
        self.done += 1
        if result.status == "failed":
            self.failed += 1
            self._line(f"deckpipe: {result.error}")
        elif self.verbose or (not self.quiet and self.bar is None):
            self._line(self._deck_line(result))
        if self.verbose:
            for warning in result.warnings:
                self._line(f"    warning: {warning}")
        if self.bar is not None:
            self.bar.update(1)
            if self.failed:
                self.bar.set_postfix_str(f"{self.failed} failed", refresh=False)

    def close(self) -> None:
        """Take the progress bar off the terminal."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def finish(self, results: list[DeckResult], report_path: Path, seconds: float) -> None:
        """The closing summary line (none with ``--quiet``)."""
        self.close()
        if self.quiet:
            return
        counts = {s: sum(r.status == s for r in results) for s in ("ok", "skipped", "failed")}
        if not results:
            self._line("done: no decks found")
            return
        self._line(f"done: {len(results)} decks ({counts['ok']} ok, {counts['skipped']} skipped, "
                   f"{counts['failed']} failed) in {seconds:.1f} s; report {report_path}")

    def _deck_line(self, result: DeckResult) -> str:
        width = len(str(self.total))
        head = f"[{self.done:>{width}}/{self.total}] {result.status:<7} {result.path} -> {result.deck_id}"
        if result.status == "skipped":
            return f"{head}: unchanged since the last run"
        c = result.counts
        return (f"{head}: {c.get('slides', 0)} slides, {c.get('sessions', 0)} sessions, "
                f"{c.get('speakers', 0)} speakers, {c.get('projects', 0)} projects ({result.seconds:.2f} s)")

    def _line(self, text: str) -> None:
        if self.bar is not None:
            self.bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream, flush=True)
