"""Characters with positions -> blocks of a slide: the layout shared by both PDF engines.

An engine hands over :class:`Glyph` records (box in points, y downwards from the page
top, text direction in quarter turns); :func:`page_blocks` turns every glyph so its
text runs left to right, then builds

* runs: glyphs consecutive in the content stream on one row, close together;
* lines: runs on one row less than ``JOIN_GAP`` font sizes apart (a shadow copy of
  text already on the line is dropped);
* blocks: lines stacked with a gap under ``BLOCK_GAP`` line heights, the same font size
  and direction, overlapping horizontally; a bullet starts a new block;

and gives each block its kind (title, list item with level, header/footer band, slide
number, body) in the frame where the page's main text reads left to right: that is
how a rotated export (``/Rotate`` 90/270, or text drawn turned on an upright page)
comes out as readable lines.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from dataclasses import dataclass, field

from ..model import BBox, Block, BlockKind
from ..textnorm import normalise_glyphs, squash_spaces

# Layout thresholds, in multiples of the font size or the line height.
SPACE_GAP = 0.15         # a horizontal gap wider than this (x size) is a word space
JOIN_GAP = 2.0           # runs closer than this (x size) on one row form one line
BLOCK_GAP = 0.8          # a vertical gap above this (x line height) starts a new block
SIZE_CHANGE = 0.15       # a relative font-size change above this starts a new block
BAND = 0.08              # top / bottom share of the page height holding header / footer
TITLE_RATIO = 1.15       # a title is at least this much larger than the body text
TITLE_ZONE = 0.5         # ... and starts in this upper share of the page
COLUMN_SPAN = 0.6        # each side of a column gutter runs down at least this share of the region
SUB_INDENT = 3.0         # a sub-item's bullet sits at most this far (x size) right of its parent's

# Glyphs that open a list item; the ASCII-like ones only when a space follows.
_BULLETS = frozenset("•▪◆❖❑●○■□◦‣⁃➢➤►▶✓✔➔→")
_SPACED_BULLETS = frozenset("-–—*·")
# "7", "7 / 60", "7 of 60", "Page 7", "p. 7", "- 7 -": one short word at most, numbers of up
# to 3 digits (a 4-digit number in a band is a year far more often than a slide number).
_SLIDE_NUMBER = re.compile(r"^[-–—(\[]?\s*(?:[^\W\d_]{1,12}\.?\s*)?\d{1,3}"
                           r"(?:\s*(?:/|[^\W\d_]{1,4})\s*\d{1,3})?\s*[-–—)\]]?$")
_BOLD_FONT = re.compile(r"bold|black|heavy", re.IGNORECASE)


def is_bold_font(font_name: str) -> bool:
    """Bold from the font name (``Arial-BoldMT``, ``Lato-Black``, ``Heavy`` ...)."""
    return bool(_BOLD_FONT.search(font_name))


def text_turn(a: float, b: float) -> int:
    """Quarter turns clockwise of a text direction given as the vector (a, b), y upwards."""
    return round(-math.degrees(math.atan2(b, a)) / 90) % 4


@dataclass(slots=True)
class Glyph:
    """One glyph as an engine saw it; box in points, y downwards from the page top."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    turn: int                  # text direction, quarter turns clockwise from left-to-right
    space_before: bool = False
    visible: bool = True


@dataclass(slots=True)
class _Run:
    """Characters consecutive in the content stream on one row (a word group, a line part)."""

    chars: list[Glyph]
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    rtl: bool = False

    def add(self, char: Glyph) -> None:
        self.chars.append(char)
        if char.x0 < self.x0:
            self.x0 = char.x0
        if char.x1 > self.x1:
            self.x1 = char.x1
        if char.top < self.top:
            self.top = char.top
        if char.bottom > self.bottom:
            self.bottom = char.bottom
        if char.size > self.size:
            self.size = char.size

    def text(self) -> str:
        chars = _reverse_rtl_ligatures(self.chars) if self.rtl else self.chars
        parts = [chars[0].text]
        for prev, char in zip(chars, chars[1:]):
            gap = prev.x0 - char.x1 if self.rtl else char.x0 - prev.x1
            if char.space_before or gap > SPACE_GAP * max(char.size, prev.size):
                parts.append(" ")
            parts.append(char.text)
        return "".join(parts)


def _reverse_rtl_ligatures(chars: list[Glyph]) -> list[Glyph]:
    """Put back in logical order the letters of one right-to-left ligature glyph.

    Word writes a lam-alef glyph's letters in visual order ("إل" for "لإ"); such letters
    share one box, so a run of identical boxes inside a right-to-left run is reversed.
    """
    ordered: list[Glyph] = []
    cluster: list[Glyph] = []
    for char in chars:
        if cluster and (abs(char.x0 - cluster[0].x0) > 0.01 or abs(char.x1 - cluster[0].x1) > 0.01):
            ordered.extend(reversed(cluster))
            cluster = []
        cluster.append(char)
    ordered.extend(reversed(cluster))
    return ordered


@dataclass(slots=True)
class _Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    turn: int
    chars: int

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)


@dataclass(slots=True)
class _BlockDraft:
    lines: list[_Line] = field(default_factory=list)
    box: tuple[float, float, float, float] = (math.inf, math.inf, -math.inf, -math.inf)

    def add(self, line: _Line) -> None:
        self.lines.append(line)
        x0, top, x1, bottom = self.box
        self.box = (min(x0, line.x0), min(top, line.top), max(x1, line.x1), max(bottom, line.bottom))


def _turn_box(box: tuple[float, float, float, float], turns: int, width: float, height: float
              ) -> tuple[float, float, float, float]:
    """``box`` in a ``width`` x ``height`` page turned ``turns`` quarter turns anticlockwise."""
    x0, top, x1, bottom = box
    turns %= 4
    if turns == 1:
        return top, width - x1, bottom, width - x0
    if turns == 2:
        return width - x1, height - bottom, width - x0, height - top
    if turns == 3:
        return height - bottom, x0, height - top, x1
    return box


def page_blocks(width: float, height: float, chars: list[Glyph], number: int) -> tuple[Block, ...]:
    """Blocks of page ``number`` (``width`` x ``height`` points) in reading order, with kinds."""
    turns = [c.turn for c in chars]
    reading = max(set(turns), key=turns.count)
    frame_w, frame_h = (width, height) if reading % 2 == 0 else (height, width)
    lines: list[_Line] = []
    for turn in sorted(set(turns)):
        straight = [c for c in chars if c.turn == turn]
        if turn:
            straight = [Glyph(c.text, *_turn_box((c.x0, c.top, c.x1, c.bottom), turn, width, height),
                              c.size, c.bold, turn, c.space_before) for c in straight]
        turn_w, turn_h = (width, height) if turn % 2 == 0 else (height, width)
        for line in _lines(_runs(straight)):
            line.x0, line.top, line.x1, line.bottom = _turn_box(
                (line.x0, line.top, line.x1, line.bottom), reading - turn, turn_w, turn_h)
            lines.append(line)
    return _classify(_reading_order(_blocks(lines), frame_h), frame_w, frame_h, number)


def _runs(chars: list[Glyph]) -> list[_Run]:
    """Cut the content stream where it jumps: another row, or a horizontal leap."""
    runs: list[_Run] = []
    run: _Run | None = None
    for char in chars:
        if run is not None and _continues(run, char):
            run.add(char)
            continue
        run = _Run([char], char.x0, char.top, char.x1, char.bottom, char.size, rtl=_is_rtl(char.text))
        runs.append(run)
    return runs


def _continues(run: _Run, char: Glyph) -> bool:
    prev = run.chars[-1]
    if min(prev.bottom, char.bottom) - max(prev.top, char.top) < 0.5 * min(prev.bottom - prev.top,
                                                                         char.bottom - char.top):
        return False  # not on the same row (inline _same_row: this runs once per glyph)
    size = max(prev.size, char.size)
    if unicodedata.combining(char.text[0]) or (abs(char.x0 - prev.x0) < 0.01 and abs(char.x1 - prev.x1) < 0.01):
        return True  # an accent drawn over its letter, or the 2nd letter of a ligature glyph
    if (_is_bullet_glyph(char.text) and not _is_bullet_glyph(prev.text)
            and (char.space_before or abs(char.x0 - prev.x1) > SPACE_GAP * size)):
        return False  # a bullet after a gap opens another item (table cells drawn in one stream)
    if run.rtl or _is_rtl(char.text):
        gap = prev.x0 - char.x1
        if -0.5 * size <= gap <= JOIN_GAP * size:
            run.rtl = True
            return True
    return -0.5 * size <= char.x0 - prev.x1 <= JOIN_GAP * size


def _is_bullet_glyph(text: str) -> bool:
    first = text[:1]
    return first in _BULLETS or "\ue000" <= first <= "\uf8ff"  # private use: Wingdings/Symbol bullets


def _bullets_only(draft: _BlockDraft) -> bool:
    return all(_is_bullet_glyph(c) for line in draft.lines for c in line.text if not c.isspace())


def _only_bullets(row: _Row) -> bool:
    return all(_is_bullet_glyph(c.text) for run in row.runs for c in run.chars)


def _is_rtl(text: str) -> bool:
    return unicodedata.bidirectional(text[0]) in ("R", "AL")


def _same_row(top_a: float, bottom_a: float, top_b: float, bottom_b: float) -> bool:
    overlap = min(bottom_a, bottom_b) - max(top_a, top_b)
    return overlap >= 0.5 * max(min(bottom_a - top_a, bottom_b - top_b), 0.1)


def _lines(runs: list[_Run]) -> list[_Line]:
    """Join runs sitting on one row close together; drop a run repeating text on top of a line."""
    rows: list[_Row] = []
    active: list[_Row] = []
    for run in sorted(runs, key=lambda r: (r.top, r.x0)):
        active = [row for row in active if row.bottom > run.top and not row.merged]
        joined: _Row | None = None
        for row in active:
            if not _same_row(row.top, row.bottom, run.top, run.bottom):
                continue
            if _is_bullet_glyph(run.chars[0].text) and run.x0 >= row.x1 and not _only_bullets(row):
                continue  # a bullet right of a line's text opens another item
            overlap = min(row.x1, run.x1) - max(row.x0, run.x0)
            if overlap > 0.5 * (run.x1 - run.x0) and _repeats(row, run):
                joined = joined or row  # shadow / fake-bold copy of text already there
                break
            if max(run.x0 - row.x1, row.x0 - run.x1) <= JOIN_GAP * max(run.size, row.runs[-1].size):
                if joined is None:
                    joined = row
                    row.add(run)
                else:  # the run bridges two rows that were started apart
                    joined.absorb(row)
        if joined is None:
            rows.append(_Row([run], run.x0, run.top, run.x1, run.bottom))
            active.append(rows[-1])
    return [_line_of(row.runs) for row in rows if not row.merged]


@dataclass(slots=True)
class _Row:
    """Runs gathered into one line while lines are built."""

    runs: list[_Run]
    x0: float
    top: float
    x1: float
    bottom: float
    merged: bool = False

    def add(self, run: _Run | _Row) -> None:
        self.x0, self.x1 = min(self.x0, run.x0), max(self.x1, run.x1)
        self.top, self.bottom = min(self.top, run.top), max(self.bottom, run.bottom)
        if isinstance(run, _Run):
            self.runs.append(run)

    def absorb(self, other: _Row) -> None:
        self.add(other)
        self.runs.extend(other.runs)
        other.merged = True


def _repeats(row: _Row, run: _Run) -> bool:
    text = "".join(c.text for c in run.chars)
    return text in "".join(c.text for r in row.runs for c in r.chars)


def _line_of(group: list[_Run]) -> _Line:
    rtl = sum(len(r.chars) for r in group if r.rtl) > sum(len(r.chars) for r in group if not r.rtl)
    group.sort(key=lambda r: -r.x1 if rtl else r.x0)
    parts = [group[0].text()]
    for prev, run in zip(group, group[1:]):
        gap = prev.x0 - run.x1 if rtl else run.x0 - prev.x1
        if run.chars[0].space_before or gap > SPACE_GAP * max(prev.size, run.size):
            parts.append(" ")
        parts.append(run.text())
    chars = [c for r in group for c in r.chars]
    return _Line(text=normalise_glyphs("".join(parts)).strip(),
                 x0=min(r.x0 for r in group), top=min(r.top for r in group),
                 x1=max(r.x1 for r in group), bottom=max(r.bottom for r in group),
                 size=statistics.median(c.size for c in chars), bold=all(c.bold for c in chars),
                 turn=chars[0].turn, chars=len(chars))


def _zone(top: float, bottom: float, height: float) -> int:
    """-1 top band, 1 bottom band, 0 the body of the page."""
    if bottom <= BAND * height:
        return -1
    if top >= (1 - BAND) * height:
        return 1
    return 0


def _blocks(lines: list[_Line]) -> list[_BlockDraft]:
    """Stack lines into blocks; a gap, a size change, a bullet or another direction starts a new one."""
    drafts: list[_BlockDraft] = []
    open_drafts: list[_BlockDraft] = []
    for line in sorted(lines, key=lambda l: (l.top, l.x0)):
        if not line.text:
            continue
        open_drafts = [d for d in open_drafts  # drafts ending far above can take no more lines
                       if d.lines[-1].bottom + 3 * BLOCK_GAP * d.lines[-1].height > line.top]
        best, best_gap = None, math.inf
        if not _bullet_of(line.text):
            for draft in open_drafts:
                last = draft.lines[-1]
                gap = line.top - last.bottom
                x0, _, x1, _ = draft.box
                if (last.turn == line.turn and gap < best_gap
                        and -0.5 * line.height <= gap <= BLOCK_GAP * min(last.height, line.height)
                        and abs(line.size - last.size) <= SIZE_CHANGE * max(line.size, last.size)
                        and line.x0 < x1 and line.x1 > x0):
                    best, best_gap = draft, gap
        if best is None:
            best = _BlockDraft()
            drafts.append(best)
            open_drafts.append(best)
        best.add(line)
    return drafts


def _reading_order(drafts: list[_BlockDraft], height: float) -> list[_BlockDraft]:
    """Header band, then the body cut into columns and rows, then footer band."""
    zones: dict[int, list[_BlockDraft]] = {-1: [], 0: [], 1: []}
    for draft in drafts:
        zones[_zone(draft.box[1], draft.box[3], height)].append(draft)
    return _row_order(zones[-1]) + _xy_order(zones[0]) + _row_order(zones[1])


def _xy_order(drafts: list[_BlockDraft]) -> list[_BlockDraft]:
    """Recursive XY-cut at the widest white gap: left part before right, top before bottom.

    Cutting at the widest gap first keeps a text column whole even when the columns
    happen to share a few row gaps; but two parts whose blocks start on the same rows
    are a table, read row by row, so a programme's time stays next to its session.
    """
    if len(drafts) <= 1:
        return drafts
    column_gap, left, right = _widest_gap(drafts, axis=0)
    row_gap, top, bottom = _widest_gap(drafts, axis=1)
    columns = column_gap > 0 and _are_columns(left, right)
    if columns and (column_gap >= row_gap or not top) and not (top and _rows_align(left, right)):
        return _xy_order(left) + _xy_order(right)
    if top:
        return _xy_order(top) + _xy_order(bottom)
    if left:
        return _xy_order(left) + _xy_order(right)
    return _row_order(drafts)


def _widest_gap(drafts: list[_BlockDraft], axis: int
                ) -> tuple[float, list[_BlockDraft], list[_BlockDraft]]:
    """The widest white gap across the region (axis 0: a vertical gutter, 1: a horizontal one),
    as a share of the region's extent on that axis, and the blocks before and after it;
    ``(0, [], [])`` when no gap crosses the region."""
    ordered = sorted(drafts, key=lambda d: d.box[axis])
    best, cut = 0.0, 0
    end = ordered[0].box[axis + 2]
    for index, draft in enumerate(ordered[1:], start=1):
        if draft.box[axis] - end > best:
            best, cut = draft.box[axis] - end, index
        end = max(end, draft.box[axis + 2])
    extent = end - ordered[0].box[axis]
    return (best / extent, ordered[:cut], ordered[cut:]) if cut and extent > 0 else (0.0, [], [])


def _are_columns(left: list[_BlockDraft], right: list[_BlockDraft]) -> bool:
    """Both sides of a gutter run down most of the region (a short side block is read where it sits)."""
    def extent(drafts: list[_BlockDraft]) -> float:
        return max(d.box[3] for d in drafts) - min(d.box[1] for d in drafts)
    return min(extent(left), extent(right)) >= COLUMN_SPAN * extent(left + right)


def _rows_align(left: list[_BlockDraft], right: list[_BlockDraft]) -> bool:
    """Whether the blocks on both sides of a gutter mostly start on the same rows (a table).
    Rows, not blocks, are counted: one side may hold several columns of the table."""
    tops = [d.box[1] for d in left]
    matched = sum(1 for d in right if any(abs(d.box[1] - t) <= 0.5 * d.lines[0].height for t in tops))
    return matched >= 0.5 * max(len(_rows(left)), len(_rows(right)))


def _rows(drafts: list[_BlockDraft]) -> list[list[_BlockDraft]]:
    """Blocks grouped top to bottom, those starting within half a line of each other together."""
    rows: list[list[_BlockDraft]] = []
    for draft in sorted(drafts, key=lambda d: d.box[1]):
        tolerance = 0.5 * draft.lines[0].height
        if rows and draft.box[1] - rows[-1][0].box[1] <= tolerance:
            rows[-1].append(draft)
        else:
            rows.append([draft])
    return rows


def _row_order(drafts: list[_BlockDraft]) -> list[_BlockDraft]:
    """Top to bottom; blocks of one row left to right."""
    return [d for row in _rows(drafts) for d in sorted(row, key=lambda d: d.box[0])]


def _bullet_of(text: str) -> str:
    """The bullet glyph opening ``text``, else ``""``."""
    first = text[:1]
    if _is_bullet_glyph(first):
        return first
    if first in _SPACED_BULLETS and text[1:2].isspace():
        return first
    return ""


def _classify(drafts: list[_BlockDraft], width: float, height: float, number: int) -> tuple[Block, ...]:
    """Each draft's kind. A row of bullet glyphs only ("◆ ◆ ◆", an empty bullet paragraph)
    stays a BODY block with its glyphs, never a title nor a list item: the decoration stage
    removes it and logs it, so no text of the file is lost silently."""
    kinds: list[BlockKind] = []
    for draft in drafts:
        _, top, _, bottom = draft.box
        text = " ".join(l.text for l in draft.lines)
        zone = _zone(top, bottom, height)
        if _bullets_only(draft):
            kinds.append(BlockKind.NOTES)  # left out of the title and list-level rules below
        elif zone and _SLIDE_NUMBER.match(text):
            kinds.append(BlockKind.SLIDE_NUMBER)
        elif zone:
            kinds.append(BlockKind.HEADER if zone < 0 else BlockKind.FOOTER)
        elif _bullet_of(draft.lines[0].text):
            kinds.append(BlockKind.LIST_ITEM)
        else:
            kinds.append(BlockKind.BODY)
    title = _title_index(drafts, kinds, height)
    if title is not None:
        kinds[title] = BlockKind.TITLE
    levels = _list_levels(drafts, kinds, width)
    kinds = [BlockKind.BODY if _bullets_only(draft) else kind for draft, kind in zip(drafts, kinds)]
    blocks = []
    for index, (draft, kind) in enumerate(zip(drafts, kinds)):
        raw = "\n".join(l.text for l in draft.lines)
        text = raw
        while kind is BlockKind.LIST_ITEM and _bullet_of(text):  # "• ❑ text": a bullet and a glyph in the text
            text = text[1:].lstrip()
        x0, top, x1, bottom = draft.box
        blocks.append(Block(
            kind=kind, text=squash_spaces(text), raw=raw, source=f"page {number} block {index + 1}",
            level=levels.get(index, 0),
            bbox=BBox(*(round(min(max(v / d, 0.0), 1.0), 4) for v, d in
                        ((x0, width), (top, height), (x1, width), (bottom, height)))),
            font_size=round(_block_size(draft), 1), bold=all(l.bold for l in draft.lines)))
    return tuple(blocks)


def _weighted_median(sizes: list[tuple[float, int]]) -> float:
    ordered = sorted(sizes)
    half, seen = sum(n for _, n in ordered) / 2, 0
    for size, count in ordered:
        seen += count
        if seen >= half:
            return size
    return ordered[-1][0]


def _title_index(drafts: list[_BlockDraft], kinds: list[BlockKind], height: float) -> int | None:
    """The first largest-font block near the top, when clearly larger than the rest or alone at top.

    A block in the top band qualifies only when clearly larger than all the content: a big
    title set high on the slide, not a small running header.
    """
    content = [i for i, k in enumerate(kinds) if k in (BlockKind.BODY, BlockKind.LIST_ITEM)]
    if not content:
        return None
    sizes = {i: _block_size(drafts[i]) for i in range(len(drafts))}
    largest = max(sizes[i] for i in content)
    body_size = _weighted_median([(sizes[i], _chars(drafts[i])) for i in content])
    for i, kind in enumerate(kinds):
        if kind is BlockKind.HEADER and sizes[i] >= largest and sizes[i] >= TITLE_RATIO * body_size:
            return i
    candidates = [i for i in content if kinds[i] is BlockKind.BODY and drafts[i].box[1] < TITLE_ZONE * height
                  and sizes[i] >= largest - 0.5]
    if not candidates:
        return None  # the largest text is a list item or sits low on the page
    first = candidates[0]
    others = [(sizes[i], _chars(drafts[i])) for i in content if i != first]
    if not others or sizes[first] >= TITLE_RATIO * _weighted_median(others):
        return first
    below = [drafts[i].box[1] - drafts[first].box[3] for i in content if i != first]
    alone = len(drafts[first].lines) == 1 and min(below) > drafts[first].lines[0].height
    return first if alone else None


def _chars(draft: _BlockDraft) -> int:
    return sum(line.chars for line in draft.lines)


def _block_size(draft: _BlockDraft) -> float:
    return _weighted_median([(line.size, line.chars) for line in draft.lines])


def _list_levels(drafts: list[_BlockDraft], kinds: list[BlockKind], width: float) -> dict[int, int]:
    """An item's level: how many distinct bullet indents of items above it lie a little left of its bullet.

    Only items whose text runs over the bullet and whose bullet is at most SUB_INDENT
    font sizes to the left count, so table cells and columns side by side stay at
    level 0 while a sub-bullet under a wider item gets level 1.
    """
    items = [i for i, k in enumerate(kinds) if k is BlockKind.LIST_ITEM]
    tolerance = 0.01 * width
    levels = {}
    for item in items:
        x = drafts[item].box[0]
        outer = sorted(drafts[j].box[0] for j in items
                       if x - SUB_INDENT * drafts[j].lines[0].size <= drafts[j].box[0] < x - tolerance
                       and drafts[j].box[2] > x and drafts[j].box[3] <= drafts[item].box[1] + tolerance)
        indents = [v for n, v in enumerate(outer) if n == 0 or v - outer[n - 1] > tolerance]
        levels[item] = len(indents)
    return levels
