"""OCR post-correction: repair what OCR did to deck text, with a lexicon and an error model.

``correct_lines`` is the one entry point (the deck stage and ``deckpipe correct-text`` both
use it); ``correct_text`` is its plain-text form. See docs/ocr.md.
"""

from .corrector import Fix, correct_lines, correct_text

__all__ = ["Fix", "correct_lines", "correct_text"]
