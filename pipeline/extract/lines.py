"""The deck as one stream of text lines, the unit every extraction rule looks at.

Programmes, sessions and speakers run across slide boundaries in real decks (a text
export may put five original slides in one, a PDF may split one text box in two), so the
extraction reads lines in deck order and keeps, for each, the slide it sits on, the block
it came from (lines of one block belong together) and whether it is a slide title.
Furniture (headers, footers, slide numbers), notes and alt text are not read.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..model import BBox, BlockKind, Deck
from ..textnorm import fold

# A line found on this many slides is furniture (logo text, footer) left by the cleaning stages.
REPEATED_ON_SLIDES = 3


# Bullet glyphs and markup residue a cleaning stage may have left at a line start.
_LEAD = re.compile(r"^(?:[-*+•▪◆❖❑●○■□◦‣⁃➢➤►▸✓✔→⇒]|=>|>)+\s+|^[❑◆❖•▪●■➢➤►]+")
_STARS = re.compile(r"\*\*|__")
_ANGLE_LINK = re.compile(r"<((?:https?://|www\.|mailto:)[^<>\s]+|[^<>\s@]+@[^<>\s]+)>")


@dataclass(frozen=True)
class Line:
    """One non-empty line of a content block, with where it sits in the deck."""

    index: int
    slide_no: int
    block_id: int
    text: str
    is_title: bool = False
    row: int | None = None
    col: int | None = None
    font_size: float | None = None  # of its block: the cover's title is its largest text
    bbox: BBox | None = None  # of its block: cards side by side are told apart by position


def clean_line(text: str) -> str:
    """A line without bullet glyphs, ``**`` marks or ``<…>`` around links; spaces squashed."""
    text = _ANGLE_LINK.sub(lambda m: m.group(1).removeprefix("mailto:"), _STARS.sub("", text))
    previous = None
    while previous != text:
        previous = text
        text = _LEAD.sub("", text.strip())
    return " ".join(text.split())


def deck_lines(deck: Deck) -> list[Line]:
    """Every non-empty content line of the deck, in slide and block order."""
    lines: list[Line] = []
    block_id = 0
    for slide in deck.slides:
        for block in slide.blocks:
            if not block.kind.is_content or block.kind.is_furniture:
                continue
            block_id += 1
            is_title = block.kind in (BlockKind.TITLE, BlockKind.SUBTITLE)
            texts = [t for t in (clean_line(raw) for raw in block.text.split("\n")) if t]
            if is_title:
                texts = _join_wrapped(texts)
            for text in _join_broken_urls(texts):
                lines.append(Line(len(lines), slide.number, block_id, text, is_title, block.row, block.col,
                                  block.font_size, block.bbox))
    return lines


def _join_wrapped(texts: list[str]) -> list[str]:
    """A title the layout wrapped ("Atelier 1 : Légumeries et transformation" / "locale"):
    a line opening in lower case goes on the line above."""
    out: list[str] = []
    for text in texts:
        if out and text[:1].islower():
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return out


_URL_END = re.compile(r"(?:https?://|www\.)\S+$", re.IGNORECASE)
_URL_TAIL = re.compile(r"^[\w/?&=%#.,;:+~-]+$")


def _join_broken_urls(texts: list[str]) -> list[str]:
    """A web address a PDF line wrap cut in two ("…/enseignement-superieur-et-recher" +
    "che/") is one line again; a line that is an address of its own is left alone."""
    out: list[str] = []
    for text in texts:
        previous = out[-1] if out else ""
        if previous and _URL_END.search(previous) and _URL_TAIL.match(text) and "@" not in text \
                and not re.match(r"(?:https?://|www\.)", text, re.IGNORECASE) \
                and (not previous.endswith("/") or text[0] in "?&#"):
            out[-1] = previous + text
        else:
            out.append(text)
    return out


def block_text(lines: list[Line], index: int) -> str:
    """The text of the block ``lines[index]`` belongs to, from that line to the block's end."""
    block = lines[index].block_id
    parts = []
    for line in lines[index:]:
        if line.block_id != block:
            break
        parts.append(line.text)
    return " ".join(parts)


def furniture_lines(lines: list[Line]) -> frozenset[str]:
    """Folded lines found on many slides: logos and footers, never content."""
    slides: dict[str, set[int]] = defaultdict(set)
    for line in lines:
        slides[fold(line.text)].add(line.slide_no)
    return frozenset(text for text, seen in slides.items() if len(seen) >= REPEATED_ON_SLIDES and text)


def continues(text: str, continuation_words: frozenset[str]) -> bool:
    """Text that cannot end here: a comma or a link word at its end (``continuation_words``,
    folded), a quote or bracket left open."""
    tail = text.rstrip()
    words = tail.split()
    return (tail.endswith((",", "-", "–", "(")) or bool(words) and fold(words[-1]) in continuation_words
            or tail.count("«") > tail.count("»") or tail.count("(") > tail.count(")")
            or tail.count("“") > tail.count("”"))
