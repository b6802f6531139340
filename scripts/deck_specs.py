"""The shape of an invented test event: a deck spec that is the only truth about it.

``make_test_decks.py`` renders each :class:`DeckSpec` three ways (.txt export, .pptx,
.pdf) and writes its gold files from the same object, so deck and gold cannot drift.
The events themselves are in ``event_forum_en.py`` and ``event_journee_fr.py``.

Text conventions inside a slide's ``body``: one string per export line; ``""`` is a
blank line (a new block); ``"- x"`` is a bulleted paragraph (``"  - x"`` level 1);
``**bold**``, ``*em*`` and ``<https://...>`` are the export's markdown residue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

Box = tuple[float, float, float, float]  # left, top, width, height in inches


@dataclass(frozen=True)
class Logo:
    lines: tuple[str, ...]
    box: Box
    align: str = "l"


@dataclass(frozen=True)
class SlideSpec:
    """One slide, the same in all three formats (the .txt may add OCR noise, see DeckSpec)."""

    key: str
    title: str
    body: tuple[str, ...] = ()
    layout: str = "content"  # "title" (title-slide layout), "content", "title_only"
    furniture: bool = True  # running header, footer, slide number (and date where the deck has one)
    date: bool = False
    number: str = ""  # number format key of DeckSpec.number_formats; "" = the deck default
    footer: str = ""  # overrides the deck footer on this slide (an OCR-damaged copy)
    logo: str = "org"  # key of DeckSpec.logos, "" for none
    table: tuple[tuple[str, ...], ...] = ()
    group: tuple[str, ...] = ()  # a contact card: text boxes inside one group shape
    picture: str = ""  # alt text of a small picture at the right of the body
    notes: str = ""
    hidden: bool = False
    decoration: tuple[str, ...] = ()  # body lines that are pure decoration (gold: removed)
    kept: tuple[str, ...] = ()  # content lines that look like branding (gold: kept)


@dataclass(frozen=True)
class DeckSpec:
    stem: str
    language: str  # "en" / "fr"
    lang_tag: str  # run language in the PPTX
    widescreen: bool
    created: datetime
    author: str
    header: str
    header_box: Box
    header_align: str
    footer: str
    date: str
    number_formats: dict[str, tuple[str, str]]  # key -> (before, after); after may hold {total}
    default_number: str
    title_box: Box  # title placeholder position on content slides (room for the logos)
    logos: dict[str, Logo]
    slides: tuple[SlideSpec, ...]
    gold: dict
    sections: tuple[tuple[str, str], ...] = ()  # (section name, key of its first slide)
    txt_ocr: tuple[tuple[str, str, str], ...] = ()  # (slide key, right, OCR-damaged) in .txt only
    furniture_first: bool = False  # header and logo boxes come before the title in shape order
