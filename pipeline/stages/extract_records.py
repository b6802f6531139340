"""Fill ``deck.records`` (event, sessions, speakers, appearances, projects) from the cleaned text.

Runs last: it reads ``block.text`` after branding, decoration and OCR fixes, and changes
no text. The rules are in :mod:`pipeline.extract` and docs/records.md.
"""

from __future__ import annotations

from dataclasses import replace

from ..config import Settings
from ..extract import extract_records
from ..model import Deck


def run(deck: Deck, settings: Settings) -> Deck:
    return replace(deck, records=extract_records(deck, settings))
