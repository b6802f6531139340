"""deckpipe: event slide decks (.pptx, .pdf, .txt/.md exports) into clean structured open data.

Public API::

    from pipeline import read, process, Settings
    deck = process("raw/my-event.pptx")        # read + every stage
    deck.records.sessions, deck.removed, deck.corrections
"""

__version__ = "0.2.0"

from .config import Settings  # noqa: E402
from .model import Block, BlockKind, Deck, Slide  # noqa: E402
from .readers import read  # noqa: E402
from .run import process  # noqa: E402

__all__ = ["Block", "BlockKind", "Deck", "Settings", "Slide", "process", "read", "__version__"]
