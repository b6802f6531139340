"""Tell the deck's language from its function words (cue files in ``data/language``).

Stages that need a language (OCR lexicon, records cues, spaCy model) read
``deck.language``. ``--lang`` forces it; a deck with too few function words is ``"und"``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..config import Settings
from ..cues import languages, load_cues
from ..model import Deck
from ..textnorm import strip_accents

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_HITS = 5


def guess_language(text: str) -> str:
    """The language whose stopwords occur most in ``text``, or ``"und"``."""
    words = Counter(w.casefold() for w in _WORD.findall(text))
    best, best_hits = "und", 0
    for lang in languages("language"):
        stopwords = {strip_accents(w) for w in load_cues("language", lang)["stopwords"]}
        hits = sum(n for w, n in words.items() if strip_accents(w) in stopwords)
        if hits > best_hits:
            best, best_hits = lang, hits
    return best if best_hits >= MIN_HITS else "und"


def run(deck: Deck, settings: Settings) -> Deck:
    if settings.language != "auto":
        return replace(deck, language=settings.language)
    text = "\n".join(block.text for _, block in deck.blocks())
    return replace(deck, language=guess_language(text))
