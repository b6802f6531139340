"""The main path for one deck: read it, run every stage, hand back the processed Deck."""

from __future__ import annotations

from pathlib import Path

from .config import Settings
from .model import Deck
from .readers import read
from .stages import DEFAULT_ORDER, run_stages


def process(path: str | Path, settings: Settings | None = None, deck_id: str | None = None) -> Deck:
    """1. read the file into the model; 2. run the stages in order. Raises DeckError."""
    settings = (settings or Settings()).for_deck(path)
    deck = read(path, settings, deck_id=deck_id)
    return run_stages(deck, settings, DEFAULT_ORDER)
