"""DrawingML text of a PPTX: list styles, paragraphs and runs, chart labels -> blocks.

Kept apart from :mod:`pipeline.readers.pptx` (which opens the package and places shapes)
because this is the hot loop: each text body is walked once, child by child, with no
XPath per run. Styles are nine outline levels of (bullet, size, bold), merged from the
shape, its layout and master placeholders and the master text styles, the way
PowerPoint resolves them.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..model import BBox, Block, BlockKind
from ..textnorm import normalise_glyphs

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
TRUE_VALUES = ("1", "true", "on")
_BULLET_TAGS = {A + "buChar", A + "buAutoNum", A + "buBlip"}
_PARAGRAPH, _RUN, _FIELD, _BREAK, _TEXT = A + "p", A + "r", A + "fld", A + "br", A + "t"
_PARAGRAPH_PROPS, _RUN_PROPS = A + "pPr", A + "rPr"


@dataclass(frozen=True, slots=True)
class Level:
    """One outline level of a list style; None where the style says nothing."""

    bullet: bool | None = None
    size: int | None = None  # hundredths of a point
    bold: bool | None = None

    def over(self, fallback: Level) -> Level:
        return Level(fallback.bullet if self.bullet is None else self.bullet,
                     fallback.size if self.size is None else self.size,
                     fallback.bold if self.bold is None else self.bold)


Styles = tuple[Level, ...]  # nine levels
NO_STYLE: Styles = (Level(),) * 9


def list_style(element: etree._Element | None) -> Styles:
    """The nine levels of an a:lstStyle / p:bodyStyle-like element."""
    if element is None or len(element) == 0:
        return NO_STYLE
    levels = list(NO_STYLE)
    for child in element:
        if not isinstance(child.tag, str):  # comments, processing instructions
            continue
        name = etree.QName(child).localname  # lvl1pPr .. lvl9pPr
        if name.startswith("lvl") and name[3:-3].isdigit() and 1 <= int(name[3:-3]) <= 9:
            bullet, size, bold = _paragraph_props(child)
            levels[int(name[3:-3]) - 1] = Level(bullet, size, bold)
    return tuple(levels)


def _paragraph_props(ppr: etree._Element) -> tuple[bool | None, int | None, bool | None]:
    """Bullet, default size and default boldness an a:pPr / a:lvlNpPr states."""
    bullet = size = bold = None
    for child in ppr:
        if child.tag in _BULLET_TAGS:
            bullet = True
        elif child.tag == A + "buNone":
            bullet = False
        elif child.tag == A + "defRPr":
            size, bold = _run_props(child)
    return bullet, size, bold


def _run_props(rpr: etree._Element) -> tuple[int | None, bool | None]:
    bold = rpr.get("b")
    return to_int(rpr.get("sz")), (None if bold is None else bold in TRUE_VALUES)


def to_int(value: str | None) -> int | None:
    """An integer attribute; None when absent or not a number (damaged files still read)."""
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _font_scale(value: str | None) -> float:
    """normAutofit's fontScale: 1/1000 % ("92500") or, in strict OOXML, a percentage ("92.5%")."""
    try:
        scale = float(value[:-1]) / 100 if value and value.endswith("%") else int(value or 100_000) / 100_000
    except ValueError:
        return 1.0
    return scale if 0 < scale <= 1 else 1.0


def merge_styles(primary: Styles, fallback: Styles) -> Styles:
    """``primary`` with what it leaves unsaid taken from ``fallback``, level by level."""
    if fallback is NO_STYLE:
        return primary
    if primary is NO_STYLE:
        return fallback
    return tuple(p.over(f) for p, f in zip(primary, fallback))


@dataclass(slots=True)
class _Paragraph:
    text: str
    level: int
    bullet: bool | None
    size: float | None
    bold: bool | None


def text_blocks(body: etree._Element, kind: BlockKind | None, styles: Styles, bulleted: bool,
                source: str, bbox: BBox | None, row: int | None = None, col: int | None = None) -> list[Block]:
    """Blocks of one text body. With a fixed ``kind`` the whole body is one block; else each
    bulleted paragraph is a LIST_ITEM and runs of other paragraphs make one BODY block."""
    autofit = body.find(f"{A}bodyPr/{A}normAutofit")
    scale = _font_scale(autofit.get("fontScale")) if autofit is not None else 1.0
    paragraphs = [_paragraph(p, styles, scale) for p in body.iterchildren(_PARAGRAPH)]
    if kind is not None:
        block = _joined(kind, paragraphs, source, bbox, row, col)
        return [block] if block else []
    blocks: list[Block] = []
    pending: list[_Paragraph] = []
    for paragraph in paragraphs:
        is_item = paragraph.text.strip() and (bulleted if paragraph.bullet is None else paragraph.bullet)
        if not is_item:
            pending.append(paragraph)
            continue
        if pending and (block := _joined(BlockKind.BODY, pending, source, bbox)):
            blocks.append(block)
        pending = []
        item = make_block(BlockKind.LIST_ITEM, paragraph.text, source, bbox, level=paragraph.level,
                          font_size=paragraph.size, bold=paragraph.bold)
        if item:
            blocks.append(item)
    if pending and (block := _joined(BlockKind.BODY, pending, source, bbox)):
        blocks.append(block)
    return blocks


def _paragraph(p: etree._Element, styles: Styles, scale: float) -> _Paragraph:
    """Text (soft breaks as \\n), level, stated bullet, max run size in pt and boldness."""
    level, bullet, default_size, default_bold = 0, None, None, None
    parts: list[str] = []
    runs: list[tuple[int | None, bool | None]] = []
    for child in p:
        tag = child.tag
        if tag == _RUN or tag == _FIELD:
            text, size, bold = "", None, None
            for sub in child:
                if sub.tag == _TEXT:
                    text = _t_text(sub)
                elif sub.tag == _RUN_PROPS:
                    size, bold = _run_props(sub)
            if text:
                parts.append(text)
                if text.strip():
                    runs.append((size, bold))
        elif tag == _BREAK:
            parts.append("\n")
        elif tag == _PARAGRAPH_PROPS:
            level = min(max(to_int(child.get("lvl")) or 0, 0), 8)
            bullet, default_size, default_bold = _paragraph_props(child)
    style = styles[level]
    if bullet is None:
        bullet = style.bullet
    sizes = [size or default_size or style.size for size, _ in runs]
    bolds = [bold if bold is not None else default_bold if default_bold is not None else style.bold
             for _, bold in runs]
    known_sizes = [size for size in sizes if size]
    return _Paragraph(
        text="".join(parts).replace("\x0b", "\n"), level=level, bullet=bullet,
        size=round(max(known_sizes) * scale / 100, 1) if known_sizes else None,
        bold=_all_bold(bolds))


def _t_text(t: etree._Element) -> str:
    """An a:t's text; entity references (never expanded) are dropped, text around them kept."""
    if len(t) == 0:
        return t.text or ""
    return (t.text or "") + "".join(child.tail or "" for child in t)


def _all_bold(flags: list[bool | None]) -> bool | None:
    if any(flag is False for flag in flags):
        return False
    if flags and all(flags):
        return True
    return None


def _joined(kind: BlockKind, paragraphs: list[_Paragraph], source: str, bbox: BBox | None,
            row: int | None = None, col: int | None = None) -> Block | None:
    """One block of several paragraphs, one per line, blank lines at either end dropped."""
    texts = [paragraph.text for paragraph in paragraphs]
    sizes = [paragraph.size for paragraph in paragraphs if paragraph.size]
    bolds = [paragraph.bold for paragraph in paragraphs if paragraph.text.strip()]
    return make_block(kind, "\n".join(texts).strip("\n"), source, bbox, font_size=max(sizes, default=None),
                      bold=_all_bold(bolds), row=row, col=col)


def make_block(kind: BlockKind, text: str, source: str, bbox: BBox | None, **fields) -> Block | None:
    """A block of ``text`` as read (glyph-normalised NFC), or None when it holds no text."""
    text = normalise_glyphs(text)
    if not text.strip():
        return None
    return Block(kind=kind, text=text, raw=text, source=source, bbox=bbox, **fields)


def chart_blocks(chart_space: etree._Element, name: str, bbox: BBox | None) -> list[Block]:
    """Title, series names and category labels of a chart (its values are left out)."""
    chart = chart_space.find(f"{C}chart")
    if chart is None:
        return []
    title = chart.find(f"{C}title")
    title_lines = []
    if title is not None:
        title_lines = ["".join(_t_text(t) for t in p.iter(_TEXT)) for p in title.iter(_PARAGRAPH)]
        title_lines = title_lines or [v.text or "" for v in title.iter(f"{C}v")]
    series = chart.findall(f".//{C}ser")
    names = [" ".join(v.text or "" for v in tx.iter(f"{C}v"))
             for tx in (s.find(f"{C}tx") for s in series) if tx is not None]
    categories = next((s.find(f"{C}cat") for s in series if s.find(f"{C}cat") is not None), None)
    labels = [v.text or "" for v in categories.iter(f"{C}v")] if categories is not None else []
    parts = (("title", title_lines), ("series", names), ("categories", list(dict.fromkeys(labels))))
    blocks = [make_block(BlockKind.BODY, "\n".join(line for line in lines if line.strip()),
                         f"chart '{name}' {what}", bbox) for what, lines in parts]
    return [block for block in blocks if block]
