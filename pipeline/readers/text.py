"""Reader for plain-text and Markdown exports of slide decks (.txt, .md).

Text exports are what is left when the slide files are lost: MarkItDown output, pdftotext
output, a copy-paste from a viewer. The reader recovers the slide boundaries and the
blocks from the layout of the text alone, and turns Markdown residue into plain text,
keeping each block's original line(s) in ``Block.raw`` and its line number in
``Block.source`` (``"line 12"``) so an archivist can find it in the file.

The rules are documented for users in ``docs/readers.md`` ("Text and Markdown").
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..config import Settings
from ..errors import CorruptDeck, EmptyDeck, LimitExceeded
from ..model import Block, BlockKind, Slide
from ..textnorm import nfc
from . import Extracted
from .text_inline import BARE_URL, EMAIL, inline_to_plain

# --- slide boundaries -------------------------------------------------------------------

# MarkItDown writes one of these before each slide; the number is the deck's own.
_SLIDE_MARKER = re.compile(r"^[ \t]*<!--[ \t]*Slide number:[ \t]*(\d+)[ \t]*-->[ \t]*$", re.M)
# Two or more empty (or white-space-only) lines between slides. Fixture PPTX/PDF builders
# use exactly this rule, so the slide numbers of a deck and its rebuilt files agree.
_BLANK_RUN = re.compile(r"\n[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)+")
# MarkItDown's heading before speaker notes (only meaningful in a marked export).
_NOTES_HEADING = re.compile(r"^#{1,6}[ \t]+Notes:?[ \t]*$", re.I)

# --- line kinds -------------------------------------------------------------------------

_HEADING = re.compile(r"^[ ]{0,3}(#{1,6})(?:[ \t]+(.*))?$")
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_THEMATIC_BREAK = re.compile(r"^[ ]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# Bullet glyphs seen at the start of list lines in exports ('>' as some exports write it).
_GLYPHS = "❑◆❖•▪➢➤►▸●○◦■□‣⁃✓✔–>"
_LIST_LINE = re.compile(
    rf"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{{1,3}}\.|[{_GLYPHS}])(?:[ \t\u00a0]+(?P<body>.*)|[ \t\u00a0]*$)"
)
_EXTRA_GLYPH = re.compile(rf"^[{_GLYPHS}][ \t\u00a0]+")
_IMAGE_ONLY = re.compile(r"^[ \t]*!\[([^\]]*)\]\([^)]*\)[ \t]*$")
_TABLE_SEPARATOR = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?")  # on a stripped line
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_GUTTER = re.compile(r"\S( {3,})(?=\S)")  # the spaces between two text columns of one line

# A first line this short, not ending a sentence, reads as a slide title in plain text.
TITLE_MAX_WORDS = 12
# How many characters of a doubtful file charset-normalizer and the cp1252 test look at.
_SNIFF_CHARS = 100_000


@dataclass(frozen=True)
class _Line:
    number: int  # 1-based line number in the file
    text: str


def read(path: Path, settings: Settings) -> Extracted:
    """Slides and blocks of a text or Markdown export; raises a DeckError when unreadable."""
    cap = settings.limits.max_text_chars
    try:
        size = Path(path).stat().st_size
        if size > 4 * cap + 4:  # even at 4 bytes a character it would exceed the cap
            raise LimitExceeded(str(path), f"{size} bytes of text > max_text_chars {cap}")
        data = Path(path).read_bytes()
    except OSError as err:
        raise CorruptDeck(str(path), err.strerror or str(err)) from err
    text, encoding, warnings = decode(data)
    if len(text) > cap:
        raise LimitExceeded(str(path), f"{len(text)} characters > max_text_chars {cap}")
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))

    boundary, segments, more_warnings = split_slides(text)
    if len(segments) > settings.limits.max_slides:
        raise LimitExceeded(str(path), f"{len(segments)} slides > max_slides {settings.limits.max_slides}")
    markdown_titles = any(_HEADING.match(line) and not _NOTES_HEADING.match(line)
                          for line in text.split("\n"))
    slides = tuple(
        Slide(number=number, blocks=tuple(_blocks(lines, markdown_titles, boundary == "markers")))
        for number, lines in segments
    )
    if not slides:
        raise EmptyDeck(str(path), "no text, only white space")
    return Extracted(slides=slides,
                     properties={"encoding": encoding, "slide_boundaries": boundary},
                     warnings=tuple(warnings + more_warnings))


# --- decoding ---------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def utf16_byte_order(head: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when BOM-less bytes show UTF-16's NUL pattern, else None.

    Latin text in UTF-16 has a NUL in every other byte; which half holds them gives the
    byte order. (Non-Latin UTF-16 without a BOM has no such pattern and is left to
    charset-normalizer.)
    """
    sample = head[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    pairs = len(sample) // 2
    nul_even = sample[0::2].count(0)
    nul_odd = sample[1::2].count(0)
    if nul_odd >= 0.4 * pairs and nul_even <= 0.05 * pairs:
        order = "utf-16-le"
    elif nul_even >= 0.4 * pairs and nul_odd <= 0.05 * pairs:
        order = "utf-16-be"
    else:
        return None
    decoded = sample.decode(order, errors="replace")  # binary data can mimic the pattern
    controls = sum(1 for char in decoded if ord(char) < 32 and char not in "\t\n\f\r")
    return order if controls <= len(decoded) // 100 and "\ufffd" not in decoded else None


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """(text, encoding name, warnings): BOM, then strict UTF-8, then a guarded guess.

    Order, cheapest and surest first: a byte-order mark; UTF-16 by its NUL pattern;
    strict UTF-8; UTF-8 with a few damaged bytes; charset-normalizer's best guess, kept
    only when it reads less messily than cp1252 (on short French text it otherwise
    guesses Central-European code pages); cp1252; latin-1 (never fails).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_unicode(data[len(bom):], encoding, "utf-8-sig" if bom == codecs.BOM_UTF8 else encoding)
    utf16 = utf16_byte_order(data)
    if utf16:
        return _decode_unicode(data, utf16, utf16)
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged
    return _guess_legacy(data)


def _decode_unicode(payload: bytes, codec: str, name: str) -> tuple[str, str, list[str]]:
    try:
        return payload.decode(codec), name, []
    except UnicodeDecodeError as err:
        return payload.decode(codec, errors="replace"), name, [f"{name}: undecodable bytes replaced ({err.reason})"]


def _damaged_utf8(data: bytes) -> tuple[str, str, list[str]] | None:
    """UTF-8 text with a few bad bytes (a truncated or patched export) stays UTF-8."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good_non_ascii = sum(1 for char in text if ord(char) > 127) - text.count("\ufffd")
    if bad > 0 and good_non_ascii >= 20 * bad:
        return text, "utf-8", [f"utf-8: {bad} undecodable byte sequence(s) replaced by U+FFFD"]
    return None


def _guess_legacy(data: bytes) -> tuple[str, str, list[str]]:
    from charset_normalizer import from_bytes  # only files that are not UTF-8 pay for it
    from charset_normalizer.md import mess_ratio

    try:
        cp1252_text: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        cp1252_text = None
    best = from_bytes(data).best()
    if best is not None and best.encoding not in ("cp1252", "ascii"):
        guessed = str(best)
        if cp1252_text is None or (guessed != cp1252_text and
                                   mess_ratio(guessed[:_SNIFF_CHARS], 1.0)
                                   < mess_ratio(cp1252_text[:_SNIFF_CHARS], 1.0)):
            return guessed, best.encoding, [f"encoding guessed by charset-normalizer: {best.encoding}"]
    if cp1252_text is not None:
        return cp1252_text, "cp1252", []
    return data.decode("latin-1"), "latin-1", ["neither UTF-8 nor cp1252: read as latin-1"]


# --- slides -----------------------------------------------------------------------------

def split_slides(text: str) -> tuple[str, list[tuple[int, list[_Line]]], list[str]]:
    """(boundary style, [(slide number, lines)], warnings), in priority order of style.

    MarkItDown markers keep the deck's own slide numbers; form feeds (pdftotext) and
    blank-line runs number the non-empty parts from 1.
    """
    warnings: list[str] = []
    markers = list(_SLIDE_MARKER.finditer(text))
    if markers:
        starts = [m.end() + 1 for m in markers]
        ends = [m.start() for m in markers[1:]] + [len(text)]
        numbers = [int(m.group(1)) for m in markers]
        if text[: markers[0].start()].strip():
            starts[0] = 0  # text before the first marker joins the first slide
            warnings.append("text before the first slide marker was put on the first slide")
        if numbers[0] < 1 or any(b <= a for a, b in zip(numbers, numbers[1:])):
            warnings.append("slide markers are not increasing: slides renumbered in file order")
            numbers = list(range(1, len(markers) + 1))
        parts = zip(numbers, _line_runs(text, starts, ends))
        return "markers", [(n, lines) for n, lines in parts if _has_text(lines)], warnings
    style, separator = ("form_feed", re.compile("\f")) if "\f" in text else ("blank_lines", _BLANK_RUN)
    found = list(separator.finditer(text))
    runs = _line_runs(text, [0] + [m.end() for m in found], [m.start() for m in found] + [len(text)])
    return style, list(enumerate((lines for lines in runs if _has_text(lines)), start=1)), warnings


def _line_runs(text: str, starts: list[int], ends: list[int]) -> list[list[_Line]]:
    """The lines of each text[start:end], numbered as in the file (one pass over the text)."""
    runs, line_number, counted_to = [], 1, 0
    for start, end in zip(starts, ends):
        line_number += text.count("\n", counted_to, start)
        counted_to = start
        runs.append([_Line(line_number + i, line) for i, line in enumerate(text[start:end].split("\n"))])
    return runs


def _has_text(lines: list[_Line]) -> bool:
    return any(line.text.strip() for line in lines)


# --- blocks -----------------------------------------------------------------------------

def _blocks(lines: list[_Line], markdown_titles: bool, marked_export: bool) -> list[Block]:
    """One slide's blocks in reading order (grouping rules: docs/readers.md)."""
    blocks: list[Block] = []
    paragraph: list[_Line] = []
    list_item: tuple[_Line, re.Match[str], list[_Line]] | None = None
    notes_from: int | None = None  # index of the first speaker-notes block
    unit = _indent_unit(lines)

    def add(block: Block) -> None:
        if block.text.strip():  # an empty heading carries no text (a lone bullet is kept: _list_block)
            blocks.append(block)

    def flush() -> None:
        nonlocal paragraph, list_item
        for column in _columns(paragraph):
            add(_paragraph_block(column))
        if list_item:
            add(_list_block(*list_item, unit))
        paragraph, list_item = [], None

    index = 0
    in_comment = False
    while index < len(lines):
        line = lines[index]
        index += 1
        content, in_comment = _outside_comments(line.text, in_comment)
        if not content.strip():
            if not line.text.strip():
                flush()  # a truly blank line ends the paragraph; a comment-only line does not
            continue
        line = _Line(line.number, content)
        if marked_export and _NOTES_HEADING.match(content):
            flush()
            notes_from = len(blocks)
            continue
        fence = _FENCE.match(content)
        if fence:
            flush()
            body = []
            while index < len(lines) and not lines[index].text.lstrip().startswith(fence.group(1)):
                body.append(lines[index])
                index += 1
            closing = [lines[index]] if index < len(lines) else []
            index += 1
            raw = "\n".join(x.text for x in [line, *body, *closing])
            add(Block(BlockKind.BODY, "\n".join(x.text.rstrip() for x in body).strip("\n"), raw, _src(line)))
            continue
        if _THEMATIC_BREAK.match(content):
            flush()
            continue
        heading = _HEADING.match(content)
        if heading:
            flush()
            text, _ = inline_to_plain(_without_closing_hashes(heading.group(2) or ""))
            first = not any(b.kind is BlockKind.TITLE for b in blocks)
            kind = BlockKind.TITLE if first else BlockKind.BODY
            add(Block(kind, text, line.text, _src(line), bold=None if first else True))
            continue
        if _is_table_start(content, lines[index].text if index < len(lines) else ""):
            flush()
            rows = [line]
            while index < len(lines) and lines[index].text.strip() and "|" in lines[index].text:
                rows.append(lines[index])
                index += 1
            for cell in _table_cells(rows):
                add(cell)
            continue
        image = _IMAGE_ONLY.match(content)
        if image:
            flush()
            alt, _ = inline_to_plain(image.group(1))
            add(Block(BlockKind.ALT_TEXT, alt, line.text, _src(line)))
            continue
        bullet = _LIST_LINE.match(content)
        if bullet:
            flush()
            list_item = (line, bullet, [])
            continue
        if list_item and _indent(content) > _indent(list_item[1].group("indent")):
            list_item[2].append(line)  # an indented line continues the list item above it
            continue
        if list_item:
            flush()
        paragraph.append(line)
    flush()

    if not markdown_titles and blocks and notes_from != 0 and _reads_as_title(blocks[0]):
        blocks[0] = replace(blocks[0], kind=BlockKind.TITLE)
    if notes_from is not None:  # MarkItDown: what follows the slide's "Notes:" heading
        blocks[notes_from:] = [replace(b, kind=BlockKind.NOTES) for b in blocks[notes_from:]]
    return blocks


def _outside_comments(text: str, in_comment: bool) -> tuple[str, bool]:
    """The part of a line outside HTML comments, and whether a comment is still open."""
    kept, position = [], 0
    while position <= len(text):
        if in_comment:
            end = text.find("-->", position)
            if end < 0:
                break
            position, in_comment = end + 3, False
        else:
            start = text.find("<!--", position)
            kept.append(text[position:] if start < 0 else text[position:start])
            if start < 0:
                break
            position, in_comment = start + 4, True
    return "".join(kept), in_comment


def _without_closing_hashes(heading: str) -> str:
    """``Title ##`` → ``Title`` (an ATX heading's optional closing sequence)."""
    stripped = heading.rstrip()
    bare = stripped.rstrip("#")
    return bare.rstrip() if bare != stripped and (not bare or bare[-1] in " \t") else stripped


def _columns(lines: list[_Line]) -> list[list[_Line]]:
    """A paragraph laid out in two columns with spaces (``"Prof. Kenji WATANABE      Dr Mateo
    Silva"`` over ``"Professor of …      Research Software Engineer"``): its left column, then
    its right one. Two lines or more must have a gutter of 3+ spaces ending at one character
    column, and no line may run across it; otherwise the paragraph as it is."""
    gutters = [{m.end(1) for m in _GUTTER.finditer(line.text)} for line in lines]
    for column in sorted(set().union(*gutters)):
        if sum(column in found for found in gutters) < 2:
            continue
        if all(len(line.text) <= column or not line.text[column - 2:column].strip() for line in lines):
            left = [_Line(line.number, line.text[:column].rstrip()) for line in lines if line.text[:column].strip()]
            right = [_Line(line.number, line.text[column:].strip()) for line in lines if line.text[column:].strip()]
            return [left, right]
    return [lines] if lines else []


def _paragraph_block(lines: list[_Line]) -> Block:
    raw = "\n".join(line.text for line in lines)
    text, bold = inline_to_plain(raw)
    return Block(BlockKind.BODY, text, raw, _src(lines[0]), bold=True if bold else None)


def _list_block(line: _Line, match: re.Match[str], continuation: list[_Line], unit: int) -> Block:
    body = match.group("body") or ""
    while _EXTRA_GLYPH.match(body):  # "- ❑ text": the dash and the glyph are one bullet
        body = _EXTRA_GLYPH.sub("", body, count=1)
    marker = match.group("marker")
    if marker[0].isdigit():
        body = f"{marker} {body}"  # the number is the presenter's, not decoration
    source_text = "\n".join([body] + [x.text for x in continuation])
    text, bold = inline_to_plain(source_text)
    raw = "\n".join([line.text] + [x.text for x in continuation])
    if not text.strip():  # a lone bullet: a BODY row of its glyph, for decoration to remove and log
        return Block(BlockKind.BODY, raw.strip(), raw, _src(line))
    level = _level(match.group("indent"), unit)
    return Block(BlockKind.LIST_ITEM, text, raw, _src(line), level=level, bold=True if bold else None)


def _indent(text: str) -> int:
    """Width of a line's leading white space, a tab counting four."""
    lead = text[: len(text) - len(text.lstrip(" \t\u00a0"))]
    return len(lead) + 3 * lead.count("\t")


def _indent_unit(lines: list[_Line]) -> int:
    """The slide's indentation step: its smallest list indentation in spaces (1 to 4)."""
    widths = [len(m.group("indent").replace("\t", "")) for m in map(_LIST_LINE.match, (x.text for x in lines)) if m]
    return min(min(w for w in widths if w), 4) if any(widths) else 2


def _level(indent: str, unit: int) -> int:
    """A tab is one level; spaces count one level per slide indentation step."""
    return indent.count("\t") + len(indent.replace("\t", "")) // unit


def _is_table_start(line: str, next_line: str) -> bool:
    if line.lstrip().startswith("|") and line.strip() != "|":
        return True
    return "|" in line and "|" in next_line and _is_separator_row(next_line)


def _is_separator_row(line: str) -> bool:
    return bool(_TABLE_SEPARATOR.fullmatch(line.strip()))


def _table_cells(rows: list[_Line]) -> list[Block]:
    """Pipe-table rows as cells, row by row, numbered from 1 like PPTX tables (header = row 1)."""
    cells = []
    row_index = 1
    for row in rows:
        if _is_separator_row(row.text):
            continue
        inner = row.text.strip()
        inner = inner[1:] if inner.startswith("|") else inner
        inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
        for col_index, raw_cell in enumerate(_CELL_SPLIT.split(inner), start=1):
            text, bold = inline_to_plain(raw_cell.strip())
            if text:
                cells.append(Block(BlockKind.TABLE_CELL, text, raw_cell.strip(), _src(row),
                                   bold=True if bold else None, row=row_index, col=col_index))
        row_index += 1
    return cells


def _reads_as_title(block: Block) -> bool:
    """Plain text has no title mark: a lone short line that does not end a sentence is one."""
    if block.kind is not BlockKind.BODY or "\n" in block.text.strip():
        return False
    text = block.text.strip()
    if BARE_URL.fullmatch(text) or EMAIL.fullmatch(text):  # a contact line, not a heading
        return False
    return len(text.split()) <= TITLE_MAX_WORDS and not text.endswith(".")


def _src(line: _Line) -> str:
    return f"line {line.number}"
