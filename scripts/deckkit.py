"""Shared helpers of the fixture-deck generators (make_sample_decks.py, make_test_decks.py).

Why this exists: the test decks must look like decks a person made in PowerPoint (real
layouts, placeholders, bullets, bottom-of-slide branding) yet be rebuilt byte for byte from
a script, and their PDFs must come from LibreOffice, which does not render autofit.
So this module owns: inline markup of text exports (``**bold**``, ``*em*``, ``<url>``),
a font-size estimate that keeps text inside its box, deterministic saving, the
LibreOffice call and a read-back check of the PDF.  Not pipeline code: nothing here
is imported by ``pipeline/``.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

# The only font family installed with LibreOffice here; naming it in the theme makes the
# PDF independent of font substitution, and the width table below is measured on it.
FONT = "DejaVu Sans"
# Same rule as the text reader: two or more consecutive blank (or blank-looking) lines.
SLIDE_BREAK = re.compile(r"\n[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)+")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_MARKUP = re.compile(r"(\*\*|\*|<(?:https?://|www\.)[^>\s]+>)")
_BULLET_LINE = re.compile(r"^(?P<indent>[ \t\u00a0]*)-(?:[ \t]+(?P<text>.*))?$")
_BLANK = re.compile(r"^[ \t\u00a0]*$")
LINE_HEIGHT = 1.17  # DejaVu Sans ascent + descent, in em


def split_slides(text: str) -> list[str]:
    """The slides of a text export, by the same rule the text reader uses."""
    return [part for part in SLIDE_BREAK.split(text) if part.strip()]


def is_blank(line: str) -> bool:
    return bool(_BLANK.match(line))


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    url: str = ""


@dataclass
class Para:
    """One paragraph to write: runs plus list level; ``bullet`` False means no bullet glyph."""

    runs: list[Run] = field(default_factory=list)
    level: int = 0
    bullet: bool = False

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


class MarkupReader:
    """Turns export lines with markdown residue into runs; bold may span lines of a block."""

    def __init__(self) -> None:
        self.bold = False
        self.italic = False

    def reset(self) -> None:
        """Called at a block boundary: an unclosed ``**`` never leaks into the next block."""
        self.bold = self.italic = False

    def runs(self, line: str) -> list[Run]:
        runs: list[Run] = []
        for token in _MARKUP.split(line):
            if token == "**":
                self.bold = not self.bold
            elif token == "*":
                self.italic = not self.italic
            elif token.startswith("<") and token.endswith(">"):
                url = token[1:-1]
                runs.append(Run(url, self.bold, self.italic, url if "://" in url else "http://" + url))
            elif token:
                runs.append(Run(token, self.bold, self.italic))
        return runs

    def para(self, line: str) -> Para:
        """A paragraph from one export line: ``- x`` is a bullet, an indented one level 1."""
        match = _BULLET_LINE.match(line)
        if match:
            level = 1 if match.group("indent") else 0
            return Para(self.runs((match.group("text") or "").strip()), level, bullet=True)
        return Para(self.runs(line.strip()))


def plain(line: str) -> str:
    """The visible text of one export line (markup removed)."""
    return "".join(run.text for run in MarkupReader().runs(line))


# --- font size estimate -------------------------------------------------------------------

def _char_em(char: str) -> float:
    """Advance width of a DejaVu Sans glyph in em (a coarse table, on the safe side)."""
    if char == " ":
        return 0.32
    if char in "ijlt.,;:'!|fr()[]":
        return 0.40
    if char in "mwMW@%":
        return 0.92
    if char.isupper():
        return 0.72
    if char.isdigit():
        return 0.64
    return 0.60


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of ``text`` set at ``size`` points."""
    return sum(_char_em(c) for c in text) * size * (1.12 if bold else 1.0)


def line_count(para: Para, size: float, width: float) -> int:
    """Lines ``para`` takes in a box ``width`` points wide, wrapping at spaces (greedy)."""
    bold = any(run.bold for run in para.runs)
    words = para.text.split(" ")
    lines, current = 1, 0.0
    space = text_width(" ", size, bold)
    for word in words:
        word_width = text_width(word, size, bold)
        if current and current + space + word_width > width:
            lines += 1 + int(word_width // width)
            current = word_width % width
        else:
            current += (space if current else 0.0) + word_width
    return lines


def needed_height(paras: list[Para], size: float, box_width: Emu) -> float:
    """Points of height ``paras`` take at ``size`` in a box ``box_width`` wide (insets off)."""
    inner_width = box_width / 12700 - 14.4  # default left + right insets, 0.1in each
    height = 0.0
    for para in paras:
        indent = 0.0 if not para.bullet else 27.0 + 31.5 * para.level
        height += line_count(para, size, inner_width - indent) * size * LINE_HEIGHT
    return height


def fits(paras: list[Para], size: float, box_width: Emu, box_height: Emu) -> bool:
    return needed_height(paras, size, box_width) <= (box_height / 12700 - 7.2) * 0.96


def fit_size(paras: list[Para], box_width: Emu, box_height: Emu, largest: int, smallest: int) -> int:
    """The largest font size (pt) at which ``paras`` fit the box; ``smallest`` if none does."""
    for size in range(largest, smallest, -1):
        if fits(paras, size, box_width, box_height):
            return size
    return smallest


# --- writing text into shapes -------------------------------------------------------------

def fill(text_frame, paras: list[Para], size: int, lang: str,
         align: PP_ALIGN | None = None) -> None:
    """Write ``paras`` into a text frame: explicit sizes (no autofit), no spacing surprises."""
    text_frame.word_wrap = True
    text_frame.auto_size = MSO_AUTO_SIZE.NONE
    for index, para in enumerate(paras):
        paragraph = text_frame.paragraphs[0] if index == 0 else text_frame.add_paragraph()
        paragraph.level = para.level
        _set_paragraph_props(paragraph._p, para.bullet, align)
        for item in para.runs:
            run = paragraph.add_run()
            run.text = item.text
            run.font.size = Pt(size)
            run.font.bold = item.bold or None
            run.font.italic = item.italic or None
            run._r.get_or_add_rPr().set("lang", lang)
            if item.url:
                run.hyperlink.address = item.url
        end = etree.SubElement(paragraph._p, qn("a:endParaRPr"))
        end.set("lang", lang)
        end.set("sz", str(size * 100))


def _set_paragraph_props(p_element, bullet: bool, align: PP_ALIGN | None) -> None:
    """No space before any paragraph; ``buNone`` and no hanging indent unless a bullet."""
    ppr = p_element.get_or_add_pPr()
    if align is not None:
        ppr.set("algn", {PP_ALIGN.CENTER: "ctr", PP_ALIGN.RIGHT: "r", PP_ALIGN.LEFT: "l"}[align])
    spacing = etree.SubElement(ppr, qn("a:spcBef"))
    etree.SubElement(spacing, qn("a:spcPts")).set("val", "0")
    if not bullet:
        ppr.set("marL", "0")
        ppr.set("indent", "0")
        etree.SubElement(ppr, qn("a:buNone"))


def add_text_box(slide_or_group, box: tuple[int, int, int, int], lines: list[str], size: int,
                 lang: str, align: PP_ALIGN | None = None, name: str = ""):
    """A plain text box (not a placeholder), one paragraph per line."""
    shape = slide_or_group.shapes.add_textbox(*(Emu(v) for v in box))
    if name:
        shape.name = name
    reader = MarkupReader()
    fill(shape.text_frame, [Para(reader.runs(line)) for line in lines], size, lang, align)
    return shape


def add_field_paragraph(text_frame, before: str, number: int, after: str, size: int, lang: str,
                        field_id: str) -> None:
    """A slide-number paragraph: ``before`` + a ``slidenum`` field (cached ``number``) + ``after``."""
    paragraph = text_frame.paragraphs[0]
    p_element = paragraph._p
    for text in (before, None, after):
        if text == "":
            continue
        if text is None:
            element = etree.SubElement(p_element, qn("a:fld"))
            element.set("id", field_id)
            element.set("type", "slidenum")
        else:
            element = etree.SubElement(p_element, qn("a:r"))
        rpr = etree.SubElement(element, qn("a:rPr"))
        rpr.set("lang", lang)
        rpr.set("sz", str(size * 100))
        etree.SubElement(element, qn("a:t")).text = str(number) if text is None else text


def remove_empty_placeholders(slide) -> None:
    """Drop layout placeholders left empty: PowerPoint would show 'Click to add text'."""
    for shape in list(slide.placeholders):
        if shape.has_text_frame and not shape.text_frame.text.strip():
            shape._element.getparent().remove(shape._element)


# --- the package ----------------------------------------------------------------------------

def new_presentation(widescreen: bool) -> Presentation:
    """python-pptx's default template, theme font set to :data:`FONT`, optionally 16:9.

    For 16:9 the master and layout placeholders are stretched horizontally so slides
    inherit sensible positions, as PowerPoint does when the slide size changes.
    """
    prs = Presentation()
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    theme._blob = theme.blob.replace(b'typeface="Calibri"', f'typeface="{FONT}"'.encode())
    if widescreen:
        factor = 12192000 / prs.slide_width
        prs.slide_width = Emu(12192000)
        for part in [prs.slide_master, *prs.slide_layouts]:
            for xfrm in part.element.iter(qn("a:xfrm")):
                offset, extent = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
                offset.set("x", str(round(int(offset.get("x")) * factor)))
                extent.set("cx", str(round(int(extent.get("cx")) * factor)))
    return prs


def set_core_properties(prs: Presentation, title: str, author: str, when: datetime,
                        language: str) -> None:
    """Fixed document properties, so a rerun writes the same package."""
    props = prs.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.created = when
    props.modified = when
    props.revision = 1
    props.language = language
    props.subject = "deckpipe test fixture"


def add_sections(prs: Presentation, sections: list[tuple[str, int, int]]) -> None:
    """PowerPoint 2010 sections (``p14:sectionLst``): (name, first slide, last slide), 1-based."""
    p14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
    slide_ids = [element.get("id") for element in prs.slides._sldIdLst]
    ext_list = etree.SubElement(prs.part._element, qn("p:extLst"))
    ext = etree.SubElement(ext_list, qn("p:ext"))
    ext.set("uri", "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}")
    section_list = etree.SubElement(ext, f"{{{p14}}}sectionLst", nsmap={"p14": p14})
    for number, (name, first, last) in enumerate(sections, start=1):
        section = etree.SubElement(section_list, f"{{{p14}}}section")
        section.set("name", name)
        section.set("id", f"{{0000000{number}-0000-4000-8000-000000000000}}")
        id_list = etree.SubElement(section, f"{{{p14}}}sldIdLst")
        for slide_id in slide_ids[first - 1:last]:
            etree.SubElement(id_list, f"{{{p14}}}sldId").set("id", slide_id)


def save_deterministic(prs: Presentation, path: Path) -> None:
    """Save with fixed zip timestamps: the same input gives the same bytes."""
    buffer = io.BytesIO()
    prs.save(buffer)
    buffer.seek(0)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))


def tiny_png(width: int = 24, height: int = 16) -> bytes:
    """A small striped RGB PNG made with the stdlib (a stand-in photo, a few hundred bytes)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(
        b"\x00" + b"".join(bytes((40 + 8 * y, 120 + 4 * x, 90)) if (x + y) % 6 < 3 else b"\xe0\xe0\xd0"
                           for x in range(width))
        for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9))
            + chunk(b"IEND", b""))


# --- LibreOffice and the PDF check ----------------------------------------------------------

def convert_to_pdf(pptx_path: Path, out_dir: Path) -> Path:
    """PPTX → PDF with LibreOffice headless, hidden slides included (same page count).

    A private user profile keeps parallel runs (other helpers, CI) from sharing one instance.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice (LibreOffice) not found: needed to make the PDFs")
    options = json.dumps({"ExportHiddenSlides": {"type": "boolean", "value": "true"},
                          "ExportNotesPages": {"type": "boolean", "value": "false"}})
    with tempfile.TemporaryDirectory(prefix="deckpipe-lo-") as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", f"pdf:impress_pdf_Export:{options}", "--outdir", str(out_dir),
             str(pptx_path)],
            check=True, capture_output=True, timeout=300)
    pdf_path = out_dir / (pptx_path.stem + ".pdf")
    if not pdf_path.exists():
        raise SystemExit(f"LibreOffice wrote no PDF for {pptx_path}")
    return pdf_path


def pdf_page_count(pdf_path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        return len(pdf.pages)


def check_pdf(pdf_path: Path, expected_lines: list[list[str]]) -> list[str]:
    """Problems found reading the PDF back with pdfplumber: page count, expected lines not
    found on their page (white space ignored), characters off the page.

    ``expected_lines[i]`` are the visible lines of slide i+1.
    """
    import pdfplumber

    problems: list[str] = []
    with pdfplumber.open(pdf_path) as pdf:
        if len(pdf.pages) != len(expected_lines):
            problems.append(f"{pdf_path.name}: {len(pdf.pages)} pages, expected {len(expected_lines)}")
        for number, (page, lines) in enumerate(zip(pdf.pages, expected_lines), start=1):
            raw_text = page.extract_text() or ""
            text, words = _squash(raw_text), set(_squash_words(raw_text))
            if not text:
                problems.append(f"{pdf_path.name} p.{number}: no text layer")
            # a line of a two-column slide comes back interleaved: then its words must be there
            missing = [line for line in lines if _squash(line) not in text
                       and not set(_squash_words(line)) <= words]
            problems.extend(f"{pdf_path.name} p.{number}: {line!r} not read back" for line in missing)
            outside = [c for c in page.chars
                       if c["x0"] < 0 or c["x1"] > page.width + 0.5 or c["bottom"] > page.height + 0.5]
            if outside:
                problems.append(f"{pdf_path.name} p.{number}: {len(outside)} characters off the page")
    return problems


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _squash_words(text: str) -> list[str]:
    return unicodedata.normalize("NFKC", text).split()


def gold_json(document: dict) -> str:
    """JSON with one record per line: short files and readable diffs when the gold changes."""
    parts = []
    for key, value in document.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            items = ",\n".join("  " + json.dumps(item, ensure_ascii=False) for item in value)
            parts.append(f" {json.dumps(key)}: [\n{items}\n ]")
        else:
            parts.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"
