"""Staging: turn a processed Deck into the contract's rows and event document.

Pure conversion, no I/O (the writers write). Column order comes from ``schema.TABLES``.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from . import __version__
from .model import Deck
from .records import Records
from .schema import TABLES

LIST_SEPARATOR = " | "
Row = dict[str, Any]


def _cell(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def _flat(record: Any) -> dict[str, Any]:
    """A flat record's fields as a dict (``dataclasses.asdict`` deep-copies every value:
    a third of the time it takes to write a deck, for rows of strings and numbers)."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


def _rows(table: str, deck_id: str, items: list[dict[str, Any]]) -> list[Row]:
    names = [c.name for c in TABLES[table]]
    return [{name: _cell(deck_id if name == "deck_id" else item.get(name)) for name in names}
            for item in items]


def slide_rows(deck: Deck) -> list[dict[str, Any]]:
    return [{
        "slide_no": s.number,
        "title": s.title,
        "text_raw": s.text(raw=True),
        "text_clean": s.text(),
        "notes": s.text(raw=True, notes=True),
        "hidden": s.hidden,
        "section": s.section,
        "image_only": s.image_only,
    } for s in deck.slides]


def deck_tables(deck: Deck) -> dict[str, list[Row]]:
    """Every contract table's rows for one deck, keyed by table name."""
    records = deck.records or Records()
    found: dict[str, list[dict[str, Any]]] = {
        "sessions": [_flat(r) for r in records.sessions],
        "speakers": [_flat(r) for r in records.speakers],
        "appearances": [_flat(r) for r in records.appearances],
        "projects": [_flat(r) for r in records.projects],
        "slides": slide_rows(deck),
        "corrections": [_flat(c) for c in deck.corrections],
        "removed": [{**_flat(r), "reason": r.reason.value} for r in deck.removed],
    }
    return {table: _rows(table, deck.deck_id, found[table]) for table in TABLES}


def event_document(deck: Deck, settings_fingerprint: str = "",
                   tables: dict[str, list[Row]] | None = None) -> dict[str, Any]:
    """The whole deck as one nested document (``event.json``); no timestamps, no absolute paths.

    ``settings_fingerprint`` (``Settings.fingerprint()``) records the options and overrides
    the deck was processed with, so an incremental run knows when to redo it. ``tables``:
    the deck's :func:`deck_tables`, when the caller has them already.
    """
    records = deck.records or Records()
    tables = tables if tables is not None else deck_tables(deck)
    return {
        "deck": {
            "deck_id": deck.deck_id,
            "source_file": deck.path.replace("\\", "/").rsplit("/", 1)[-1],
            "format": deck.format,
            "sha256": deck.sha256,
            "language": deck.language,
            "slide_count": len(deck.slides),
            "pipeline_version": __version__,
            "settings_sha256": settings_fingerprint,
            "properties": dict(sorted(deck.properties.items())),
            "warnings": list(deck.warnings),
        },
        "event": _flat(records.event),
        **{table: tables[table] for table in
           ("sessions", "speakers", "appearances", "projects", "slides", "corrections", "removed")},
    }
