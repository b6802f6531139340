"""Take page numbers and decoration out of ``text_clean``; turn bullet glyphs into list items.

What a slide export leaves around its text, line by line (each removal is logged)::

    "12", "12 / 35", "- 12 -", "Page 12"   -> removed   page_number
    "ACME Summit 2024 | 12"                -> "ACME Summit 2024"   (page_number "12")
    "ACME Summit 2024      p. 12"          -> "ACME Summit 2024"   (page_number "p. 12")
    "❑", "• • •", ".", "e"                 -> removed   decoration (glyphs only, stray letter)
    "Emploi \\uf0a7", "Note ** **"          -> "Emploi", "Note"     decoration (icon font, empty emphasis)
    "❑ Une procédure"  (one-line block)    -> LIST_ITEM "Une procédure"
    "❑ Une procédure"  (inside a block)    -> "- Une procédure"

Bullet glyphs are normalised, never deleted with their text. The decision follows the
readers: a list item's text carries no marker (its kind says it is one), so a one-line
block that starts with a glyph becomes a LIST_ITEM without it; a glyph that starts a line
inside a longer block becomes the Markdown marker ``"- "``, the only way plain text can
show a list there. Neither is logged: nothing of the text is lost, and ``text_raw`` keeps
the glyph. Running the stage twice changes nothing the second time.

Bare numbers are page numbers only when they follow the slide numbers through the deck
(``value - slide number`` is the same on most slides that have one), so a "3" in a diagram
on slide 7 stays. Table cells are never touched.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache

from ..cleaning import KeepList, Verdict, apply_verdicts
from ..config import Settings
from ..cues import load_cues
from ..model import Block, BlockKind, Deck, Removal, RemovalReason, Slide
from ..textnorm import nfc, squash_spaces

STAGE = "decoration"

# Glyphs that start list lines in slide exports ('>' and the en dash as some exports write them).
BULLET_GLYPHS = "❑❒□■▪▫●•◦○◆◇❖➢➤➔➜►▶▸‣⁃∙✓✔✗✘→⇒–>"
_BULLET = re.compile(rf"^(?:[-*+][ \t]+)?(?:[{re.escape(BULLET_GLYPHS)}]+[ \t]+)+(?=\S)")
# A Markdown list marker alone at the start of a one-line block: the reader's list kind.
_MARKDOWN_BULLET = re.compile(r"^[-*+][ \t]+(?=\S)")
# Private-use code points: icon fonts (Wingdings, Font Awesome ...) land here.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]+")
# Emphasis markers around nothing, between spaces or line ends: "** **", "____", "* *".
_EMPTY_EMPHASIS = re.compile(r"(?<!\S)(\*{1,3}|_{1,3})[ \t]*\1(?!\S)")
# A line of these alone ends or opens a quotation wrapped over lines: text, not decoration.
_QUOTES_AND_BRACKETS = set("«»\"“”„‘’‹›()[]{}「」『』")
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_DASHED_NUMBER = re.compile(r"^[-–—]\s*\d{1,4}\s*[-–—]$")
# "Footer text | 12": a separator, then the number, at the end of a short line.
_TRAILING_NUMBER = re.compile(r"^(?P<body>.*?\S)\s*[|·•–—-]\s*(?P<number>\d{1,4})$")
_DIGITS = re.compile(r"\d+")
MAX_TRAILING_LINE = 80
# A line this long that ends inside a word or URL was cut by the edge of its box.
_WRAPPED = re.compile(r"^.{25,}[\w/=&?%-]$")
# How many slides must agree on the numbering before a bare or trailing number is a page number.
MIN_AGREEING_SLIDES = 2
MIN_AGREEING_TRAILING = 3


@dataclass(frozen=True)
class _PageNumbers:
    """How this deck prints its slide numbers, learnt from the deck itself."""

    explicit: re.Pattern[str]      # "12 / 35", "Page 12", "Diapositive 12 sur 35"
    trailing: re.Pattern[str]      # a footer line ending with one of those ("Forum 2024   p. 12")
    bare_offset: int | None        # printed number - slide number, for lone numbers
    trailing_offset: int | None    # the same, for numbers ending a footer line


def run(deck: Deck, settings: Settings) -> Deck:
    keep = KeepList(settings.overrides.keep)
    numbers = _learn_page_numbers(deck)
    words = frozenset(load_cues("language", deck.language).get("one_letter_words", []))
    slides: list[Slide] = []
    removals: list[Removal] = []
    for slide in deck.slides:
        page_line = _page_number_line(slide, numbers)
        blocks = []
        for index, block in enumerate(slide.blocks):
            if not block.kind.is_content or block.kind is BlockKind.TABLE_CELL:
                blocks.append(block)
                continue
            cleaned, logged = clean_block(slide.number, block, numbers, keep,
                                          page_line[1] if page_line and page_line[0] == index else None,
                                          words)
            blocks.append(cleaned)
            removals.extend(logged)
        slides.append(slide.with_blocks(blocks))
    return deck.with_slides(slides, removed=deck.removed + tuple(removals))


def clean_block(slide_no: int, block: Block, numbers: _PageNumbers, keep: KeepList,
                page_line: int | None = None,
                one_letter_words: frozenset[str] = frozenset()) -> tuple[Block, list[Removal]]:
    """One block cleaned; ``page_line`` is the line this slide's numbering says is its number;
    ``one_letter_words`` are the language's words of one letter ("à", "a"), never stray."""
    if (block.kind is BlockKind.SLIDE_NUMBER and not keep.protects(block.text)
            and _reads_as_slide_number(block.text, slide_no, numbers)):
        verdict = Verdict(RemovalReason.PAGE_NUMBER, "slide-number placeholder")
        return apply_verdicts(slide_no, block, dict.fromkeys(range(len(block.text.split("\n"))), verdict), STAGE)
    lines = block.text.split("\n")
    removals: list[Removal] = []
    verdicts: dict[int, Verdict] = {}
    for index, line in enumerate(lines):
        if not line.strip() or keep.protects(line):
            continue
        line, logged = _strip_inline(slide_no, line, block.raw, numbers)
        removals.extend(logged)
        label = (block.kind is BlockKind.LIST_ITEM or _BULLET.match(line) is not None
                 or (len(lines) == 1 and _BULLET.match(block.raw.strip()) is not None)
                 or (index > 0 and _WRAPPED.search(lines[index - 1]) is not None))
        verdict = _line_verdict(line, numbers, is_page_line=index == page_line,
                                label=label or line.strip() in one_letter_words)
        if verdict:
            verdicts[index] = verdict
        lines[index] = line
    single_raw = block.raw.strip() if "\n" not in block.raw.strip() else ""
    if len(lines) == 1 and 0 not in verdicts and single_raw and _is_page_number(single_raw, numbers):
        verdicts[0] = Verdict(RemovalReason.PAGE_NUMBER, "page number")  # "– 2 –" read as a list item "2 –"
    rebuilt, logged = apply_verdicts(slide_no, block.with_text("\n".join(lines)), verdicts, STAGE)
    if single_raw and len(logged) == 1 and not rebuilt.text:
        logged = [replace(logged[0], text=single_raw)]  # what the file had, bullet and all
    return normalise_bullets(rebuilt), removals + logged


def normalise_bullets(block: Block) -> Block:
    """Leading bullet glyphs as list structure (see the module doc); blank lines dropped."""
    lines = [line for line in block.text.split("\n") if line.strip()]
    kind = block.kind
    if len(lines) == 1:
        # "❑ - text" has two markers: strip them all, so a second pass finds none.
        while match := _BULLET.match(lines[0]) or (
                _MARKDOWN_BULLET.match(lines[0]) if block.kind is BlockKind.BODY else None):
            lines[0] = lines[0][match.end():]
            kind = BlockKind.LIST_ITEM if kind is BlockKind.BODY else kind
    else:
        lines = [_BULLET.sub("- ", line) for line in lines]
    text = "\n".join(lines)
    return block if (text, kind) == (block.text, block.kind) else replace(block, text=text, kind=kind)


def _strip_inline(slide_no: int, line: str, raw: str, numbers: _PageNumbers) -> tuple[str, list[Removal]]:
    """Icon-font characters, empty emphasis and a trailing page number taken out of a line."""
    removals = []
    for found in _PRIVATE_USE.findall(line):
        codes = " ".join(f"U+{ord(c):04X}" for c in found)
        removals.append(Removal(slide_no, found, RemovalReason.DECORATION, STAGE, f"private-use character {codes}"))
    # an icon between a letter and its accent, or between two spaces
    line = squash_spaces(nfc(_PRIVATE_USE.sub("", line)))
    for found in _EMPTY_EMPHASIS.finditer(line):
        removals.append(Removal(slide_no, found.group(0), RemovalReason.DECORATION, STAGE, "empty emphasis"))
    line = " ".join(_EMPTY_EMPHASIS.sub(" ", line).split()) if _EMPTY_EMPHASIS.search(line) else line.strip()
    trailing = _trailing_page_number(line, raw, numbers)
    if trailing and numbers.trailing_offset is not None and trailing[2] - slide_no == numbers.trailing_offset:
        body, printed, _ = trailing
        removals.append(Removal(slide_no, printed, RemovalReason.PAGE_NUMBER, STAGE,
                                f"slide number at the end of '{body}'"))
        line = body
    return line, removals


def _trailing_page_number(line: str, raw: str, numbers: _PageNumbers) -> tuple[str, str, int] | None:
    """(footer text, printed number, its value) when a short line ends with a page number:
    after a separator ("ACME 2024 | 12"), or in an explicit form set apart from the text in
    the file (``raw``) by a separator or a wide gap, as a layout text export puts a footer
    and its number on one line ("ACME 2024          p. 12"). "… on slide 12" in a sentence
    has no gap and stays."""
    if len(line) > MAX_TRAILING_LINE:
        return None
    if found := _TRAILING_NUMBER.match(line):
        return found.group("body"), found.group("number"), int(found.group("number"))
    found = numbers.trailing.match(line)
    if not (found and _is_page_number(found.group("page"), numbers)):
        return None
    page = found.group("page")
    set_apart = rf"(?:[ \t\u00a0]{{2,}}|\t|\s*[|·•–—-]\s*){re.escape(page)}[ \t]*$"
    if re.search(set_apart, raw, re.MULTILINE) is None:
        return None
    return found.group("body"), page, int(_DIGITS.findall(page)[0])


def _line_verdict(line: str, numbers: _PageNumbers, is_page_line: bool, label: bool) -> Verdict | None:
    """Why this whole line goes, if it does. A stray letter is one lower-case letter alone
    (what a logo leaves); a capital alone is a label ("A", "B" in a diagram), and so is a
    letter that is a ``label``: a list item, or the end of a word or URL cut by the edge of
    its box on the line above."""
    text = line.strip()
    if is_page_line:
        return Verdict(RemovalReason.PAGE_NUMBER, "number following the slide numbers")
    if not label and _is_page_number(text, numbers):  # a list item "3 / 40" is content
        return Verdict(RemovalReason.PAGE_NUMBER, "page number")
    alnum = [c for c in text if c.isalnum()]
    if not alnum and not any(c in _QUOTES_AND_BRACKETS for c in text):
        return Verdict(RemovalReason.DECORATION, "glyphs only")
    if len(text) == 1 and text.islower() and not label:
        return Verdict(RemovalReason.DECORATION, "stray single letter")
    return None


def _is_page_number(text: str, numbers: _PageNumbers) -> bool:
    """An explicit page number; in "n / total" n cannot pass the total ("3/2" is not one)."""
    if not (numbers.explicit.match(text) or _DASHED_NUMBER.match(text)):
        return False
    values = [int(v) for v in _DIGITS.findall(text)]
    return len(values) < 2 or values[0] <= values[1]


def _reads_as_slide_number(text: str, slide_no: int, numbers: _PageNumbers) -> bool:
    """A slide-number block's text, unless a reader put a logo there ("PASSERELLES 37")."""
    text = " ".join(text.split())
    return (_is_page_number(text, numbers) or text == str(slide_no)
            or (_BARE_NUMBER.match(text) is not None and int(text) - slide_no == numbers.bare_offset))


# -- learning the deck's page numbering ------------------------------------------------------

def _learn_page_numbers(deck: Deck) -> _PageNumbers:
    explicit, trailing_form = _explicit_pattern(deck.language), _trailing_pattern(deck.language)
    forms = _PageNumbers(explicit, trailing_form, None, None)
    bare: Counter[int] = Counter()
    trailing: Counter[int] = Counter()
    for slide in deck.slides:
        found = _bare_numbers(slide)
        if found:
            bare[found[-1][2] - slide.number] += 1
        offsets = {m[2] - slide.number
                   for block in slide.blocks if block.kind.is_content and block.kind is not BlockKind.TABLE_CELL
                   for line in block.text.split("\n")
                   if (m := _trailing_page_number(line.strip(), block.raw, forms))}
        trailing.update(offsets)
    return _PageNumbers(explicit, trailing_form,
                        bare_offset=_agreed(bare, MIN_AGREEING_SLIDES),
                        trailing_offset=_agreed(trailing, MIN_AGREEING_TRAILING))


def _agreed(offsets: Counter[int], minimum: int) -> int | None:
    """The offset most slides agree on, if enough do (and at least half of those that have one)."""
    if not offsets:
        return None
    offset, count = offsets.most_common(1)[0]
    return offset if count >= minimum and 2 * count >= sum(offsets.values()) else None


def _bare_numbers(slide: Slide) -> list[tuple[int, int, int]]:
    """(block index, line index, value) of the slide's lines that are a lone number."""
    return [(b, i, int(line.strip()))
            for b, block in enumerate(slide.blocks)
            if block.kind.is_content and block.kind is not BlockKind.TABLE_CELL
            for i, line in enumerate(block.text.split("\n")) if _BARE_NUMBER.match(line.strip())]


def _page_number_line(slide: Slide, numbers: _PageNumbers) -> tuple[int, int] | None:
    """(block, line) of the slide's printed number: the last lone number that follows the
    deck's numbering (a "3" higher on the slide is content)."""
    if numbers.bare_offset is None:
        return None
    for block_index, line_index, value in reversed(_bare_numbers(slide)):
        if value - slide.number == numbers.bare_offset:
            return block_index, line_index
    return None


@cache
def _explicit_pattern(language: str) -> re.Pattern[str]:
    """'12 / 35', '12 of 35', 'Page 12', 'Slide 12 of 35' in the deck's language and English."""
    return re.compile(rf"^(?:{_explicit_form(language)})$", re.IGNORECASE)


@cache
def _trailing_pattern(language: str) -> re.Pattern[str]:
    """Footer text, a space or a separator, then an explicit page number ending the line."""
    return re.compile(rf"^(?P<body>.*?\S)(?:\s*[|·•–—-])?\s+(?P<page>{_explicit_form(language)})$",
                      re.IGNORECASE)


def _explicit_form(language: str) -> str:
    page_words, of_words = set(), set()
    for lang in {language, "en"}:
        cues = load_cues("branding", lang)
        page_words.update(cues.get("page_words", []))
        of_words.update(cues.get("of_words", []))
    words = "|".join(sorted((re.escape(w) for w in page_words), key=len, reverse=True))
    of = "|".join(sorted((re.escape(w) for w in of_words | {"/"}), key=len, reverse=True))
    total = rf"(?:\s*(?:{of})\s*\d{{1,4}})"
    return rf"(?:{words})\s*\d{{1,4}}{total}?|\d{{1,4}}{total}"
