"""Normalise every block's text: NFC, ligatures and ``(cid:N)`` codes, spacing.

``"Dé\ufb01  nition\u00a0 "`` → ``"Définition"``-style fixes only; nothing is removed
except white space, so this stage logs nothing.
"""

from __future__ import annotations

from ..config import Settings
from ..model import Deck
from ..textnorm import normalise_glyphs, squash_spaces


def normalize_text(text: str) -> str:
    """One block's text normalised; blank lines inside the block dropped."""
    lines = squash_spaces(normalise_glyphs(text)).split("\n")
    return "\n".join(line for line in lines if line)


def run(deck: Deck, settings: Settings) -> Deck:
    slides = []
    for slide in deck.slides:
        blocks = [b if (clean := normalize_text(b.text)) == b.text else b.with_text(clean)
                  for b in slide.blocks]
        slides.append(slide.with_blocks(blocks))
    return deck.with_slides(slides)
