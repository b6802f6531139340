"""The one data model every reader returns and every stage reads and returns.

A :class:`Deck` holds :class:`Slide` objects (1-based, in deck order), each holding
:class:`Block` objects (a title, a paragraph, a list item, a table cell, notes ...).
Everything is frozen: a stage returns a new deck built with :func:`dataclasses.replace`,
so no stage can change what another stage has already seen.

Two texts travel side by side on every block: ``raw`` is what the reader found and is
never changed; ``text`` is what the stages made of it (``""`` once fully removed).
What a stage takes out or rewrites is logged on the deck (:class:`Removal`,
:class:`Correction`) with the slide number, so nothing disappears silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:  # records import the model, not the other way round at run time
    from .records import Records


class BlockKind(str, Enum):
    """What a block is on its slide; furniture kinds come from placeholders or page bands."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    BODY = "body"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"
    NOTES = "notes"
    ALT_TEXT = "alt_text"
    HEADER = "header"
    FOOTER = "footer"
    DATE = "date"
    SLIDE_NUMBER = "slide_number"

    @property
    def is_furniture(self) -> bool:
        """Header, footer, date and slide-number blocks: candidates for branding removal."""
        return self in _FURNITURE

    @property
    def is_content(self) -> bool:
        """Blocks that belong to the slide's visible text (not notes, not alt text)."""
        return self not in (BlockKind.NOTES, BlockKind.ALT_TEXT)


_FURNITURE = frozenset({BlockKind.HEADER, BlockKind.FOOTER, BlockKind.DATE, BlockKind.SLIDE_NUMBER})


class RemovalReason(str, Enum):
    """Why text left ``text_clean`` (the contract's ``removed.csv`` reasons)."""

    BRANDING = "branding"
    DECORATION = "decoration"
    DUPLICATE = "duplicate"
    PAGE_NUMBER = "page_number"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class BBox:
    """Position on the slide as fractions of its width and height (0,0 = top left).

    Fractions, not EMUs or points, so that a PPTX and its PDF export compare directly.
    """

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def center_y(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of text on a slide: a text frame's paragraph group, a list item, a cell ...

    ``text`` may hold several lines (``\\n``); a multi-line logo stays one block.
    ``source`` says where the block came from inside the slide (shape id and name,
    line number in a text export, table and cell) so an archivist can find it again.
    """

    kind: BlockKind
    text: str
    raw: str
    source: str
    level: int = 0
    bbox: BBox | None = None
    font_size: float | None = None
    bold: bool | None = None
    row: int | None = None
    col: int | None = None

    def with_text(self, text: str) -> Block:
        return replace(self, text=text)

    @property
    def lines(self) -> list[str]:
        return [line for line in self.text.split("\n") if line.strip()]


@dataclass(frozen=True, slots=True)
class Slide:
    """A slide (or PDF page, or slide of a text export), numbered from 1 in deck order."""

    number: int
    blocks: tuple[Block, ...] = ()
    hidden: bool = False
    section: str = ""
    image_only: bool = False
    layout: str = ""

    @property
    def title(self) -> str:
        """The cleaned text of the first title block, else empty."""
        for block in self.blocks:
            if block.kind is BlockKind.TITLE and block.text.strip():
                return " ".join(block.text.split())
        return ""

    def content_blocks(self) -> Iterator[Block]:
        return (b for b in self.blocks if b.kind.is_content)

    def text(self, *, raw: bool = False, notes: bool = False) -> str:
        """The slide's text, one block after another, blank blocks skipped."""
        parts = []
        for block in self.blocks:
            if block.kind.is_content != (not notes):
                continue
            value = block.raw if raw else block.text
            if value.strip():
                parts.append(value.strip("\n"))
        return "\n".join(parts)

    def with_blocks(self, blocks: tuple[Block, ...] | list[Block]) -> Slide:
        return replace(self, blocks=tuple(blocks))


@dataclass(frozen=True, slots=True)
class Removal:
    """Text a stage took out of ``text_clean``, with the reason (→ ``removed.csv``)."""

    slide_no: int
    text: str
    reason: RemovalReason
    stage: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Correction:
    """A text change a stage made, or only suggested when ``applied`` is False."""

    slide_no: int
    before: str
    after: str
    rule: str
    confidence: float
    applied: bool = True
    stage: str = ""


@dataclass(frozen=True)
class Deck:
    """A whole deck as read from one file, plus everything the stages found out."""

    deck_id: str
    path: str
    format: str
    sha256: str
    slides: tuple[Slide, ...]
    language: str = "und"
    properties: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    removed: tuple[Removal, ...] = ()
    corrections: tuple[Correction, ...] = ()
    records: Records | None = None

    def with_slides(self, slides: tuple[Slide, ...] | list[Slide], **changes: Any) -> Deck:
        return replace(self, slides=tuple(slides), **changes)

    def blocks(self) -> Iterator[tuple[Slide, Block]]:
        for slide in self.slides:
            for block in slide.blocks:
                yield slide, block
