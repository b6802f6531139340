"""Small text helpers shared by readers and stages (one copy of each, used everywhere)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Presentation-form ligatures that PDF text layers and some fonts leave behind.
_LIGATURES = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
})
# pdfminer's (cid:N) codes for glyphs it could not map; the common bullet and dash cases.
_CID_GLYPHS = {127: "•", 149: "•", 150: "–", 151: "—", 183: "·"}
_CID = re.compile(r"\(cid:(\d+)\)")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def nfc(text: str) -> str:
    """Unicode NFC, the form every output column is in."""
    return unicodedata.normalize("NFC", text)


def normalise_glyphs(text: str) -> str:
    """Ligatures split, ``(cid:N)`` codes mapped (or dropped when unknown), NFC.

    Codes are replaced until none is left: dropping one can join the pieces of another
    (``"(cid:1(cid:9)27)"``), and a second call must change nothing.
    """
    while "(cid:" in text and _CID.search(text):
        text = _CID.sub(lambda m: _CID_GLYPHS.get(int(m.group(1)), ""), text)
    return nfc(text.translate(_LIGATURES))


def squash_spaces(text: str) -> str:
    """Runs of horizontal white space (any Unicode kind) as one space, lines trimmed."""
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


# Every combining mark of the Basic Multilingual Plane, deleted by one str.translate.
_COMBINING_BMP = dict.fromkeys(c for c in range(0x300, 0x10000) if unicodedata.combining(chr(c)))


def strip_accents(text: str) -> str:
    """The text without combining marks (``"Évry"`` → ``"Evry"``); compatibility forms unfolded."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text).translate(_COMBINING_BMP)
    if decomposed.isascii() or max(decomposed) <= "\uffff":
        return decomposed
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)  # the same words are folded again and again across stages
def fold(text: str) -> str:
    """A matching key: no case, no accents, punctuation and spacing collapsed.

    ``"Saint-Étienne  Métropole"`` → ``"saint etienne metropole"``.
    """
    return " ".join(_NON_WORD.sub(" ", strip_accents(text).casefold().replace("œ", "oe")).split())


def slugify(text: str, max_length: int = 80) -> str:
    """A filesystem-safe ASCII slug: ``"Entretiens 2012 (v2).pptx"`` → ``"entretiens-2012-v2-pptx"``."""
    slug = "-".join(fold(text).split())
    slug = re.sub(r"[^a-z0-9-]", "", slug).strip("-")[:max_length].strip("-")
    return slug or "deck"
