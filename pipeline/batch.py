"""Run the pipeline over many decks: find them, give each a unique id, process and write
each on its own (one bad deck never stops the others), then the combined tables and
``run_report.json``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .config import Settings
from .errors import DeckError
from .readers import DECK_SUFFIXES
from .run import process
from .textnorm import slugify
from .writers import REPORT_FILE, recover, write_combined, write_deck, write_json


@dataclass(frozen=True)
class DeckResult:
    """One line of the run report."""

    path: str
    deck_id: str
    status: str  # ok, failed, skipped
    error: str = ""
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "deck_id": self.deck_id, "status": self.status,
                "error": self.error, "seconds": round(self.seconds, 3), **self.counts}


def find_decks(inputs: Iterable[str | Path]) -> list[Path]:
    """Deck files named or found (recursively) under the inputs, in a stable order."""
    found: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and p.suffix.lower() in DECK_SUFFIXES
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def assign_deck_ids(paths: list[Path]) -> dict[Path, str]:
    """A filesystem-safe slug of each file name, made unique in the run with -2, -3 ..."""
    ids: dict[Path, str] = {}
    taken: set[str] = set()
    for path in paths:
        base = slugify(path.name)
        deck_id, n = base, 1
        while deck_id in taken:
            n += 1
            deck_id = f"{base}-{n}"
        taken.add(deck_id)
        ids[path] = deck_id
    return ids


def process_one(path: Path, deck_id: str, settings: Settings, out_dir: Path) -> DeckResult:
    """Process and write one deck; any DeckError becomes a failed result, never a crash."""
    started = time.perf_counter()
    try:
        deck = process(path, settings, deck_id=deck_id)
        write_deck(deck, out_dir)
    except DeckError as err:
        return DeckResult(str(path), deck_id, "failed", str(err), time.perf_counter() - started)
    except Exception as err:  # a bug on one odd deck must not stop the batch
        detail = " ".join(f"{type(err).__name__}: {err}".split())[:300]
        return DeckResult(str(path), deck_id, "failed", f"{path}: internal error ({detail})",
                          time.perf_counter() - started)
    records = deck.records
    counts = {
        "slides": len(deck.slides),
        "sessions": len(records.sessions) if records else 0,
        "speakers": len(records.speakers) if records else 0,
        "projects": len(records.projects) if records else 0,
    }
    return DeckResult(str(path), deck_id, "ok", "", time.perf_counter() - started, counts)


def run_batch(inputs: Iterable[str | Path], out_dir: Path, settings: Settings) -> list[DeckResult]:
    out_dir.mkdir(parents=True, exist_ok=True)
    recover(out_dir)
    paths = find_decks(inputs)
    ids = assign_deck_ids(paths)
    results = [process_one(path, ids[path], settings, out_dir) for path in paths]
    write_combined(out_dir, [r.deck_id for r in results if r.status != "failed"])
    write_json(out_dir / REPORT_FILE, report(results))
    return results


def report(results: list[DeckResult]) -> dict[str, Any]:
    totals: dict[str, Any] = {"decks": len(results)}
    for status in ("ok", "failed", "skipped"):
        totals[status] = sum(r.status == status for r in results)
    for key in ("slides", "sessions", "speakers", "projects"):
        totals[key] = sum(r.counts.get(key, 0) for r in results)
    totals["seconds"] = round(sum(r.seconds for r in results), 3)
    return {"decks": [r.to_dict() for r in results], "totals": totals}
