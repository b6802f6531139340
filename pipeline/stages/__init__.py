"""Stages: small pure steps, each ``run(deck, settings) -> Deck``, run in a fixed order.

Like spaCy's pipeline components, one :class:`~pipeline.model.Deck` flows through every
stage by name. To add a stage: write ``stages/<name>.py`` with ``run`` and add one line
to ``STAGES`` at the place in the order where it belongs.
"""

from __future__ import annotations

import importlib
from typing import Callable, Iterable

from ..config import Settings
from ..model import Deck

Stage = Callable[[Deck, Settings], Deck]

# name -> module, in the order they run.
STAGES: dict[str, str] = {
    "normalize": "pipeline.stages.normalize",
    "detect_language": "pipeline.stages.detect_language",
    "decoration": "pipeline.stages.decoration",
    "branding": "pipeline.stages.branding",
    "correct_ocr": "pipeline.stages.correct_ocr",
    "extract_records": "pipeline.stages.extract_records",
}
DEFAULT_ORDER: tuple[str, ...] = tuple(STAGES)


class StageError(Exception):
    """A stage broke its contract (did not return a Deck) or failed on a deck."""


def get_stage(name: str) -> Stage:
    try:
        return importlib.import_module(STAGES[name]).run
    except KeyError:
        raise StageError(f"no stage named {name!r}; known: {', '.join(STAGES)}") from None


def run_stages(deck: Deck, settings: Settings, names: Iterable[str] = DEFAULT_ORDER) -> Deck:
    """Run the named stages in order; each must hand back a Deck (spaCy's E005 check)."""
    for name in names:
        result = get_stage(name)(deck, settings)
        if not isinstance(result, Deck):
            raise StageError(f"stage {name!r} returned {type(result).__name__}, not a Deck")
        deck = result
    return deck
