"""PPTX reader: every text a slide shows, its speaker notes and picture alt texts, as blocks.

python-pptx opens the package (its lxml parser never expands entities) and resolves the
parts; the slide XML is then walked directly, one pass per text body, because going
through python-pptx's per-run properties costs several times more on a large deck.
Paragraphs, runs and list styles are read by :mod:`pipeline.readers.pptx_text`.

Reading order is visual: shapes (group members included, placed in slide coordinates)
sort top to bottom, and shapes on the same visual row left to right. Placeholders take
their kind (title, subtitle, footer, date, slide number, header), position, bullets and
font size from the layout and master they inherit from, as PowerPoint draws them.

Hostile input: the zip is checked against the size and compression-ratio limits before
python-pptx reads a byte of it. A shape that cannot be read is skipped, a slide part
that cannot be parsed is read as an empty slide; each case is a warning naming the slide.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pptx
from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.presentation import Presentation

from ..config import Limits, Settings
from ..errors import CorruptDeck, LimitExceeded
from ..model import BBox, Block, BlockKind, Slide
from ..textnorm import nfc
from . import Extracted
from .pptx_text import (
    A, C, NO_STYLE, TRUE_VALUES, Styles, chart_blocks, list_style, make_block, merge_styles,
    text_blocks, to_int)

_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_P14 = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
_CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"

_DEFAULT_SLIDE_SIZE = (9_144_000, 6_858_000)  # EMU, 4:3, when presentation.xml gives none
# Members smaller than this are left out of the ratio check: they cannot be a bomb on
# their own, and the total-size limit still counts them.
_RATIO_CHECK_MIN_BYTES = 1 << 20
# Two shapes are on the same visual row when their tops differ by less than this
# fraction of the slide height and by less than half the shorter shape's height.
_ROW_TOLERANCE = 0.02

_PLACEHOLDER_KINDS = {
    "title": BlockKind.TITLE, "ctrTitle": BlockKind.TITLE, "subTitle": BlockKind.SUBTITLE,
    "ftr": BlockKind.FOOTER, "sldNum": BlockKind.SLIDE_NUMBER, "dt": BlockKind.DATE,
    "hdr": BlockKind.HEADER,
}
# Master placeholder each layout placeholder type inherits from (python-pptx's mapping).
_MASTER_TYPE = {"title": "title", "ctrTitle": "title", "dt": "dt", "ftr": "ftr",
                "sldNum": "sldNum", "hdr": "hdr"}

# Stand-ins for parts whose XML cannot be parsed: the deck is read without them.
_NS_DECL = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
_EMPTY_TREE = ('<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/>'
               '<p:nvPr/></p:nvGrpSpPr><p:grpSpPr/></p:spTree></p:cSld>')
_STAND_INS = {
    "slides": f"<p:sld {_NS_DECL}>{_EMPTY_TREE}</p:sld>",
    "notesSlides": f"<p:notes {_NS_DECL}>{_EMPTY_TREE}</p:notes>",
    "slideLayouts": f"<p:sldLayout {_NS_DECL}>{_EMPTY_TREE}</p:sldLayout>",
    "slideMasters": f"<p:sldMaster {_NS_DECL}>{_EMPTY_TREE}</p:sldMaster>",
    "charts": '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart">'
              "<c:chart><c:plotArea/></c:chart></c:chartSpace>",
}
_STAND_IN_PART = re.compile(r"^ppt/(slides|notesSlides|slideLayouts|slideMasters|charts)/[^/]+\.xml$")


def read(path: Path, settings: Settings) -> Extracted:
    """Read a .pptx/.pptm package into slides of blocks; see the module docstring."""
    _check_package(path, settings.limits)
    presentation, broken_parts, stripped_parts = _open(path)
    deck = _DeckReader(presentation, broken_parts, stripped_parts)
    slides = deck.read_slides(path, settings.limits)
    return Extracted(slides=slides, properties=_properties(presentation),
                     warnings=tuple(deck.warnings))


# -- opening ------------------------------------------------------------------------------

def _check_package(path: Path, limits: Limits) -> None:
    """Refuse zip bombs from the central directory, before anything is decompressed.

    zipfile never inflates a member past its declared size, so declared sizes are a
    safe upper bound of what python-pptx will hold in memory.
    """
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError) as err:
        raise CorruptDeck(str(path), f"damaged zip package: {err}") from err
    total = sum(member.file_size for member in members)
    if total > limits.max_uncompressed_bytes:
        raise LimitExceeded(str(path), f"{total} bytes uncompressed > max_uncompressed_bytes "
                                       f"{limits.max_uncompressed_bytes}")
    for member in members:
        if member.file_size < _RATIO_CHECK_MIN_BYTES:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > limits.max_compression_ratio:
            raise LimitExceeded(str(path), f"{member.filename} compression ratio {ratio:.0f} > "
                                           f"max_compression_ratio {limits.max_compression_ratio:g}")
    packed = sum(member.compress_size for member in members)
    if total >= _RATIO_CHECK_MIN_BYTES and total / max(packed, 1) > limits.max_compression_ratio:
        raise LimitExceeded(str(path), f"package compression ratio {total / max(packed, 1):.0f} > "
                                       f"max_compression_ratio {limits.max_compression_ratio:g}")


def _open(path: Path) -> tuple[Presentation, dict[str, str], frozenset[str]]:
    """The presentation, plus {part name: error} for slide parts replaced by empty ones and
    the parts read without their DOCTYPE."""
    try:
        return pptx.Presentation(str(path)), {}, frozenset()
    except etree.XMLSyntaxError:
        pass  # one part's XML is broken (or refused by libxml2): retry without it
    except Exception as err:  # python-pptx, zipfile and lxml all raise their own kinds
        raise CorruptDeck(str(path), _short(err)) from err
    try:
        package, broken, stripped = _without_broken_parts(path)
        return pptx.Presentation(package), broken, stripped
    except CorruptDeck:
        raise
    except Exception as err:
        raise CorruptDeck(str(path), _short(err)) from err


def _without_broken_parts(path: Path) -> tuple[io.BytesIO, dict[str, str], frozenset[str]]:
    """A copy of the package where each unparsable slide, notes, layout, master or chart
    part is an empty one; any other broken part makes the whole deck corrupt."""
    broken: dict[str, str] = {}
    stripped_parts: set[str] = set()  # parts read without their DOCTYPE (an entity bomb)
    copy = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename.endswith((".xml", ".rels")):
                try:
                    try:
                        parse_xml(data)
                    except etree.XMLSyntaxError:
                        if (stripped := _without_dtd(data)) is None:
                            raise
                        parse_xml(stripped)  # an entity bomb: the rest of the text is kept
                        data = stripped
                        stripped_parts.add("/" + member.filename)
                except etree.XMLSyntaxError as err:
                    stand_in = _STAND_IN_PART.match(member.filename)
                    if stand_in is None:
                        raise CorruptDeck(str(path), f"{member.filename}: {_short(err)}") from err
                    broken["/" + member.filename] = _short(err)
                    data = _STAND_INS[stand_in.group(1)].encode()
            target.writestr(member, data)
    copy.seek(0)
    return copy, broken, frozenset(stripped_parts)


_DOCTYPE = re.compile(rb"<!DOCTYPE\b")
_ENTITY_REF = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)[A-Za-z_][\w.-]*;")


def _without_dtd(data: bytes) -> bytes | None:
    """The part without its DOCTYPE (OOXML allows none) and with its entity references
    dropped, or None when it has no DOCTYPE. Why: libxml2 refuses a billion-laughs DTD
    outright, which would lose the whole slide rather than only the entity."""
    match = _DOCTYPE.search(data)
    if match is None:
        return None
    i, depth, quote = match.end(), 0, 0
    while i < len(data):
        c = data[i]
        if quote:
            quote = 0 if c == quote else quote
        elif c in b"\"'":
            quote = c
        elif c == ord("["):
            depth += 1
        elif c == ord("]"):
            depth -= 1
        elif c == ord(">") and depth <= 0:
            break
        i += 1
    return _ENTITY_REF.sub(b"", data[:match.start()] + data[i + 1:])


def _short(err: BaseException) -> str:
    return f"{type(err).__name__}: {' '.join(str(err).split())}"[:200]


def _properties(presentation: Presentation) -> dict[str, str]:
    """Core properties actually stored in the package (python-pptx invents defaults)."""
    try:
        core = presentation.part.package.part_related_by(RT.CORE_PROPERTIES)
        values = {"title": core.title, "author": core.author, "subject": core.subject}
        created = core.created
    except (KeyError, AttributeError, ValueError):
        return {}
    properties = {key: nfc(value.strip()) for key, value in values.items() if value and value.strip()}
    if created is not None:
        properties["created"] = created.isoformat()
    return properties


# -- layouts and masters -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Inherited:
    """What a placeholder takes from the layout/master placeholder it inherits from."""

    xfrm: tuple[int, int, int, int] | None
    styles: Styles


class _Template:
    """A layout's placeholders, already merged with their master's."""

    def __init__(self, layout: etree._Element | None, master: etree._Element | None) -> None:
        text_styles = master.find(f"{_P}txStyles") if master is not None else None
        self.master_styles = {
            key: list_style(text_styles.find(f"{_P}{key}Style") if text_styles is not None else None)
            for key in ("title", "body", "other")}
        self.master_by_type: dict[str, _Inherited] = {}
        for ph_type, _, xfrm, styles in _placeholders(master):
            base = self._style_key(ph_type)
            self.master_by_type.setdefault(_MASTER_TYPE.get(ph_type, "body"),
                                           _Inherited(xfrm, merge_styles(styles, self.master_styles[base])))
        self.by_idx: dict[int, _Inherited] = {}
        self.by_type: dict[str, _Inherited] = {}
        for ph_type, idx, xfrm, styles in _placeholders(layout):
            base = self.master(ph_type)
            inherited = _Inherited(xfrm or base.xfrm, merge_styles(styles, base.styles))
            self.by_idx.setdefault(idx, inherited)
            self.by_type.setdefault(ph_type, inherited)

    @staticmethod
    def _style_key(ph_type: str) -> str:
        kind = _PLACEHOLDER_KINDS.get(ph_type)
        return "title" if kind is BlockKind.TITLE else "other" if kind and kind.is_furniture else "body"

    def master(self, ph_type: str) -> _Inherited:
        found = self.master_by_type.get(_MASTER_TYPE.get(ph_type, "body"))
        return found or _Inherited(None, self.master_styles[self._style_key(ph_type)])

    def lookup(self, ph_type: str, idx: int) -> _Inherited:
        """PowerPoint's matching: same idx on the layout, else same type, else the master."""
        return self.by_idx.get(idx) or self.by_type.get(ph_type) or self.master(ph_type)


def _placeholders(root: etree._Element | None) -> Iterator[tuple[str, int, tuple | None, Styles]]:
    if root is None:
        return
    tree = root.find(f"{_P}cSld/{_P}spTree")
    for sp in tree.iter(f"{_P}sp") if tree is not None else ():
        ph = sp.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
        if ph is not None:
            body = sp.find(f"{_P}txBody")
            styles = list_style(body.find(f"{A}lstStyle")) if body is not None else NO_STYLE
            try:
                xfrm = _xfrm(sp.find(f"{_P}spPr/{A}xfrm"))
            except ValueError:  # a damaged layout position: slides place their own shapes
                xfrm = None
            yield ph.get("type", "obj"), to_int(ph.get("idx")) or 0, xfrm, styles


def _xfrm(xfrm: etree._Element | None) -> tuple[int, int, int, int] | None:
    """(x, y, width, height) in EMU of an a:xfrm / p:xfrm, None when absent."""
    if xfrm is None:
        return None
    off, ext = xfrm.find(f"{A}off"), xfrm.find(f"{A}ext")
    if off is None or ext is None:
        return None
    return int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0))


# -- slides ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Transform:
    """Child-space → slide-space mapping of (nested) groups: X = dx + sx * x."""

    sx: float = 1.0
    sy: float = 1.0
    dx: float = 0.0
    dy: float = 0.0

    def into_group(self, group_xfrm: etree._Element | None) -> _Transform:
        """The mapping for the children of a group with this a:xfrm (off/ext, chOff/chExt)."""
        if group_xfrm is None:
            return self
        outer, ch_off, ch_ext = _xfrm(group_xfrm), group_xfrm.find(f"{A}chOff"), group_xfrm.find(f"{A}chExt")
        if outer is None or ch_off is None or ch_ext is None:
            return self
        x, y, cx, cy = outer
        ch_cx, ch_cy = int(ch_ext.get("cx", 0)), int(ch_ext.get("cy", 0))
        sx, sy = (cx / ch_cx if ch_cx else 1.0), (cy / ch_cy if ch_cy else 1.0)
        dx, dy = x - int(ch_off.get("x", 0)) * sx, y - int(ch_off.get("y", 0)) * sy
        return _Transform(self.sx * sx, self.sy * sy, self.dx + self.sx * dx, self.dy + self.sy * dy)


@dataclass(slots=True)
class _Item:
    """A shape's blocks, placed as one unit in the reading order."""

    bbox: BBox | None
    blocks: list[Block]
    picture: bool = False


class _DeckReader:
    """Per-deck state: slide size, caches of layouts, and the warnings gathered."""

    def __init__(self, presentation: Presentation, broken_parts: dict[str, str],
                 stripped_parts: frozenset[str] = frozenset()) -> None:
        self.presentation = presentation
        self.root = presentation.part._element
        self.warnings: list[str] = []
        self.width, self.height = self._slide_size()
        self.text_box_styles = list_style(self.root.find(f"{_P}defaultTextStyle"))
        self.broken_parts = dict(broken_parts)
        self.stripped_parts = stripped_parts
        self.templates: dict[str, tuple[_Template, str]] = {}
        self._slide_no = 0

    def _slide_size(self) -> tuple[int, int]:
        """Slide width and height in EMU; the 4:3 default when missing or unusable."""
        size = self.root.find(f"{_P}sldSz")
        if size is None:
            return _DEFAULT_SLIDE_SIZE
        try:
            width, height = int(size.get("cx", "")), int(size.get("cy", ""))
        except ValueError:
            width = height = 0
        if width > 0 and height > 0:
            return width, height
        self.warnings.append(f"slide size {size.get('cx')!r} x {size.get('cy')!r} unusable, 4:3 assumed")
        return _DEFAULT_SLIDE_SIZE

    def read_slides(self, path: Path, limits: Limits) -> tuple[Slide, ...]:
        id_list = self.root.find(f"{_P}sldIdLst")
        slide_ids = list(id_list) if id_list is not None else []
        if len(slide_ids) > limits.max_slides:
            raise LimitExceeded(str(path), f"{len(slide_ids)} slides > max_slides {limits.max_slides}")
        sections = self._sections()
        slides = []
        chars = 0
        for number, slide_id in enumerate(slide_ids, start=1):
            section = sections.get(slide_id.get("id", ""), "")
            try:
                slides.append(self._slide(number, slide_id.get(_R_ID), section))
            except Exception as err:  # one unreadable slide must not lose the deck
                self.warnings.append(f"slide {number}: unreadable, left empty ({_short(err)})")
                slides.append(Slide(number=number, section=section))
            chars += sum(len(block.raw) for block in slides[-1].blocks)
            if chars > limits.max_text_chars:
                raise LimitExceeded(str(path), f"at least {chars} characters > max_text_chars "
                                               f"{limits.max_text_chars}")
        self.warnings.extend(f"{part}: unreadable XML, read as empty ({error})"
                             for part, error in self.broken_parts.items())
        return tuple(slides)

    def _sections(self) -> dict[str, str]:
        """{slide id: section name} from the p14:sectionLst extension."""
        return {slide_id.get("id", ""): nfc(section.get("name", ""))
                for section in self.root.iter(f"{_P14}section")
                for slide_id in section.iter(f"{_P14}sldId")}

    def _slide(self, number: int, rel_id: str, section: str) -> Slide:
        self._slide_no = number
        part = self.presentation.part.related_part(rel_id)
        element = part._element
        if element.tag != f"{_P}sld":
            raise ValueError(f"{part.partname} is not a slide")
        if part.partname in self.broken_parts:
            self.warnings.append(f"slide {number}: unreadable XML in {part.partname}, slide left "
                                 f"empty ({self.broken_parts.pop(part.partname)})")
        if element.getroottree().docinfo.internalDTD is not None or part.partname in self.stripped_parts:
            self.warnings.append(f"slide {number}: DOCTYPE in slide XML ignored, entities not expanded")
        template, layout_name = self._template(part)
        tree = element.find(f"{_P}cSld/{_P}spTree")
        items = list(self._walk(tree, _Transform(), template, part)) if tree is not None else []
        blocks = [block for item in _reading_order(items) for block in item.blocks]
        blocks.extend(self._notes(part))
        has_text = any(block.kind.is_content for block in blocks)
        return Slide(number=number, blocks=tuple(blocks), hidden=element.get("show", "1") in ("0", "false"),
                     section=section, image_only=not has_text and any(item.picture for item in items),
                     layout=layout_name)

    def _template(self, slide_part) -> tuple[_Template, str]:
        try:
            layout = slide_part.part_related_by(RT.SLIDE_LAYOUT)
        except KeyError:
            return _Template(None, None), ""
        key = str(layout.partname)
        if key not in self.templates:
            try:
                master = layout.part_related_by(RT.SLIDE_MASTER)._element
            except KeyError:  # a layout without its .rels part still draws its own placeholders
                master = None
            layout_root = layout._element
            name = layout_root.find(f"{_P}cSld")
            self.templates[key] = (_Template(layout_root, master),
                                   nfc(name.get("name", "")) if name is not None else "")
        return self.templates[key]

    # -- shapes -------------------------------------------------------------------------------

    def _walk(self, tree: etree._Element, transform: _Transform, template: _Template, part) -> Iterator[_Item]:
        """Items of every shape under a shape tree or group, groups flattened."""
        for shape in tree:
            tag = shape.tag
            try:
                if tag == f"{_P}sp":
                    item = self._text_shape(shape, transform, template)
                elif tag == f"{_P}grpSp":
                    inner = transform.into_group(shape.find(f"{_P}grpSpPr/{A}xfrm"))
                    yield from self._walk(shape, inner, template, part)
                    continue
                elif tag == f"{_P}graphicFrame":
                    item = self._graphic_frame(shape, transform, part)
                elif tag == f"{_P}pic":
                    item = self._picture(shape, transform)
                elif tag == f"{_MC}AlternateContent":
                    # Office writes a plain fallback for readers that skip the newer choice
                    chosen = shape.find(f"{_MC}Fallback")
                    chosen = chosen if chosen is not None else shape.find(f"{_MC}Choice")
                    if chosen is not None:
                        yield from self._walk(chosen, transform, template, part)
                    continue
                else:
                    continue  # connectors, ink, the tree's own properties: no text
            except Exception as err:
                shape_id, name = _identity(shape)
                self.warnings.append(f"slide {self._slide_no}: shape {shape_id} '{name}' skipped "
                                     f"({_short(err)})")
                continue
            if item is not None:
                yield item

    def _bbox(self, xfrm: tuple[int, int, int, int] | None, transform: _Transform) -> BBox | None:
        if xfrm is None:
            return None
        x, y, cx, cy = xfrm
        left, top = transform.dx + transform.sx * x, transform.dy + transform.sy * y
        return BBox(left / self.width, top / self.height,
                    (left + transform.sx * cx) / self.width, (top + transform.sy * cy) / self.height)

    def _text_shape(self, sp: etree._Element, transform: _Transform, template: _Template) -> _Item | None:
        body = sp.find(f"{_P}txBody")
        if body is None:
            return None
        shape_id, name = _identity(sp)
        xfrm = _xfrm(sp.find(f"{_P}spPr/{A}xfrm"))
        own_styles = list_style(body.find(f"{A}lstStyle"))
        ph = sp.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
        if ph is None:
            kind, styles, bulleted = None, merge_styles(own_styles, self.text_box_styles), False
        else:
            ph_type = ph.get("type", "obj")
            inherited = template.lookup(ph_type, to_int(ph.get("idx")) or 0)
            xfrm = xfrm or inherited.xfrm
            kind = _PLACEHOLDER_KINDS.get(ph_type)
            styles, bulleted = merge_styles(own_styles, inherited.styles), kind is None
        bbox = self._bbox(xfrm, transform)
        return _Item(bbox, text_blocks(body, kind, styles, bulleted, f"shape {shape_id} '{name}'", bbox))

    def _picture(self, pic: etree._Element, transform: _Transform) -> _Item:
        shape_id, name = _identity(pic)
        bbox = self._bbox(_xfrm(pic.find(f"{_P}spPr/{A}xfrm")), transform)
        props = pic.find(f"{_P}nvPicPr/{_P}cNvPr")
        alt = make_block(BlockKind.ALT_TEXT, props.get("descr", "") if props is not None else "",
                     f"picture {shape_id} '{name}' alt", bbox)
        return _Item(bbox, [alt] if alt else [], picture=True)

    def _graphic_frame(self, frame: etree._Element, transform: _Transform, part) -> _Item | None:
        data = frame.find(f"{A}graphic/{A}graphicData")
        if data is None:
            return None
        xfrm = _xfrm(frame.find(f"{_P}xfrm"))
        bbox = self._bbox(xfrm, transform)
        _, name = _identity(frame)
        uri = data.get("uri")
        if uri == _TABLE_URI and data.find(f"{A}tbl") is not None:
            return _Item(bbox, self._table(data.find(f"{A}tbl"), name, xfrm, transform))
        chart = data.find(f"{C}chart")
        if uri == _CHART_URI and chart is not None:
            return _Item(bbox, chart_blocks(part.related_part(chart.get(_R_ID))._element, name, bbox))
        return None

    def _table(self, table: etree._Element, name: str, xfrm: tuple | None, transform: _Transform) -> list[Block]:
        """One block per non-empty cell, row by row; cells covered by a merge are skipped."""
        grid = table.find(f"{A}tblGrid")
        col_x = [0]
        for column in grid if grid is not None else ():
            col_x.append(col_x[-1] + int(column.get("w", 0)))
        rows = table.findall(f"{A}tr")
        row_y = [0]
        for row in rows:
            row_y.append(row_y[-1] + int(row.get("h", 0)))
        blocks = []
        for r, row in enumerate(rows):
            for c, cell in enumerate(row.findall(f"{A}tc")):
                if cell.get("hMerge") in TRUE_VALUES or cell.get("vMerge") in TRUE_VALUES:
                    continue
                body = cell.find(f"{A}txBody")
                if body is None:
                    continue
                bbox = None
                if xfrm is not None and c < len(col_x) - 1:
                    c_end = min(c + max(to_int(cell.get("gridSpan")) or 1, 1), len(col_x) - 1)
                    r_end = min(r + max(to_int(cell.get("rowSpan")) or 1, 1), len(rows))
                    bbox = self._bbox((xfrm[0] + col_x[c], xfrm[1] + row_y[r],
                                       col_x[c_end] - col_x[c], row_y[r_end] - row_y[r]), transform)
                blocks.extend(text_blocks(body, BlockKind.TABLE_CELL, self.text_box_styles, False,
                                           f"table '{name}' r{r + 1}c{c + 1}", bbox, row=r + 1, col=c + 1))
        return blocks

    def _notes(self, slide_part) -> list[Block]:
        try:
            notes = slide_part.part_related_by(RT.NOTES_SLIDE)
        except KeyError:
            return []
        if notes.partname in self.broken_parts:
            self.warnings.append(f"slide {self._slide_no}: unreadable notes XML in {notes.partname}, "
                                 f"notes left empty ({self.broken_parts.pop(notes.partname)})")
        blocks = []
        for sp in notes._element.iter(f"{_P}sp"):
            ph = sp.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
            body = sp.find(f"{_P}txBody")
            if ph is not None and ph.get("type") == "body" and body is not None:
                blocks.extend(text_blocks(body, BlockKind.NOTES, NO_STYLE, False, "notes", None))
        return blocks


def _identity(shape: etree._Element) -> tuple[str, str]:
    """(id, name) from a shape's p:cNvPr, wherever its non-visual properties sit."""
    for props in shape.iter(f"{_P}cNvPr"):
        return props.get("id", "?"), props.get("name", "")
    return "?", ""


def _reading_order(items: list[_Item]) -> list[_Item]:
    """Top to bottom; shapes on one visual row left to right; unplaced shapes last."""
    placed = sorted((item for item in items if item.bbox is not None),
                    key=lambda item: (item.bbox.top, item.bbox.x0))
    rows: list[list[_Item]] = []
    for item in placed:
        if rows:
            anchor = rows[-1][0].bbox
            tolerance = min(_ROW_TOLERANCE, 0.5 * (anchor.bottom - anchor.top),
                            0.5 * (item.bbox.bottom - item.bbox.top))
            if item.bbox.top - anchor.top <= tolerance:
                rows[-1].append(item)
                continue
        rows.append([item])
    ordered = [item for row in rows for item in sorted(row, key=lambda item: item.bbox.x0)]
    return ordered + [item for item in items if item.bbox is None]
