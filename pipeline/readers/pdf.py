"""PDF reader: one page = one slide, blocks rebuilt from positioned glyphs.

Two engines feed ONE layout code path (:func:`.pdf_layout.page_blocks`):

* **pypdfium2** (primary): gives the positioned glyphs of a 60-page slide export in
  0.1 s where pdfplumber takes 1.3 s, maps bullet glyphs to Unicode instead of
  ``(cid:127)``, drops fake-bold doubled glyphs itself, reads files pdfminer cannot
  (broken xref, embedded CMaps) and tells which text is invisible (render mode 3).
* **pdfplumber/pdfminer** (fallback): for a page pdfium fails on, or a file pdfium
  cannot open at all. Its glyphs go through ``dedupe_chars`` (fake bold).

Invisible text (an OCR layer under a scan) is kept only on a page without visible text.
"""

from __future__ import annotations

import math
import re
from ctypes import byref, c_int, c_void_p, create_string_buffer
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..config import Settings
from ..errors import CorruptDeck, EncryptedDeck, LimitExceeded
from ..model import Slide
from ..textnorm import normalise_glyphs
from . import Extracted
from .pdf_layout import Glyph, is_bold_font, page_blocks, text_turn

_INVISIBLE_MODES = frozenset({pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE, pdfium_c.FPDF_TEXTRENDERMODE_CLIP})
_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(Z|[+-]\d{2}'?\d{2}'?)?")


@dataclass(slots=True)
class _PageGlyphs:
    """What an engine found on one page, in points (the page's crop box, y downwards)."""

    width: float
    height: float
    glyphs: list[Glyph]
    has_objects: bool          # text, drawings or images exist: an image-only page, not a blank one


# --------------------------------------------------------------------------- reading


def read(path: Path, settings: Settings) -> Extracted:
    """Read every page of a PDF into slides; a page that fails never loses the deck."""
    try:
        doc = _open_pdfium(path, settings.password)
    except _PdfiumUnusable as err:
        return _read_with_pdfminer(path, settings, f"pdfium: {err}")
    fallback = _PdfminerFallback(path, settings.password)

    def page_glyphs(index: int, warnings: list[str]) -> _PageGlyphs | None:
        try:
            return _pdfium_page(doc, index)
        except Exception as err:  # noqa: BLE001 - whatever pdfium raised, pdfminer gets a go at the page
            return fallback.page(index, warnings, f"pdfium: {type(err).__name__}: {str(err)[:80]}")

    try:
        slides, warnings = _read_pages(path, settings, len(doc), page_glyphs)
        properties = _properties(doc.get_metadata_dict(skip_empty=True))
    finally:
        doc.close()
        fallback.close()
    return Extracted(slides=tuple(slides), properties=properties, warnings=tuple(warnings))


PageSource = Callable[[int, list[str]], "_PageGlyphs | None"]


def _read_pages(path: Path, settings: Settings, count: int, page_glyphs: PageSource
                ) -> tuple[list[Slide], list[str]]:
    """Slides of pages 1..count, refusing before reading when a limit is exceeded."""
    limits = settings.limits
    if count > limits.max_slides:
        raise LimitExceeded(str(path), f"{count} pages > max_slides {limits.max_slides}")
    slides: list[Slide] = []
    warnings: list[str] = []
    total_chars = 0
    for index in range(count):
        page = page_glyphs(index, warnings)
        total_chars += len(page.glyphs) if page else 0
        if total_chars > limits.max_text_chars:
            raise LimitExceeded(str(path), f"more than max_text_chars {limits.max_text_chars} characters")
        slides.append(_slide(index + 1, page, warnings))
    return slides, warnings


def _slide(number: int, page: _PageGlyphs | None, warnings: list[str]) -> Slide:
    if page is None:
        return Slide(number=number)
    glyphs = [g for g in page.glyphs if g.visible]
    if not glyphs and page.glyphs:
        warnings.append(f"page {number}: only an invisible (OCR) text layer; kept")
        glyphs = page.glyphs
    if not glyphs:
        if not page.has_objects:
            warnings.append(f"page {number}: blank page")
            return Slide(number=number)
        warnings.append(f"page {number}: no text layer (image only)")
        return Slide(number=number, image_only=True)
    return Slide(number=number, blocks=page_blocks(page.width, page.height, glyphs, number))


# --------------------------------------------------------------------------- pdfium engine


class _PdfiumUnusable(Exception):
    """pdfium refused the file for a reason other than a password."""


def _open_pdfium(path: Path, password: str | None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as err:
        if getattr(err, "err_code", None) != pdfium_c.FPDF_ERR_PASSWORD:
            match = re.search(r"PDFium: ([^)]*)", str(err))
            raise _PdfiumUnusable((match.group(1) if match else str(err)).rstrip(".").lower()) from err
        if password is None:
            raise EncryptedDeck(str(path), "password required") from err
        try:  # a run-wide password given for a file whose user password is empty
            return pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError:
            raise EncryptedDeck(str(path), "wrong password") from err


def _pdfium_page(doc: pdfium.PdfDocument, index: int) -> _PageGlyphs:
    """Glyphs of one page from pdfium's text page.

    Three ctypes calls per glyph; font size, weight, direction and visibility are asked
    once per text object (the glyphs of one object share them).
    """
    page = doc[index]
    textpage = page.get_textpage()
    try:
        left, bottom, right, top = page.get_cropbox()
        tp = textpage.raw
        get_unicode, get_object = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetTextObject
        get_box, rect = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FS_RECTF()
        rect_ref = byref(rect)
        styles: dict[int | None, tuple[float, bool, int, bool]] = {}
        glyphs: list[Glyph] = []
        space_pending, high_surrogate = False, 0
        for i in range(pdfium_c.FPDFText_CountChars(tp)):
            code = get_unicode(tp, i)
            if code == 2:  # pdfium's mark for a hyphen ending a line: keep it as the hyphen it was
                code = 0x2D
            elif code <= 32 or code == 0xA0 or 0x2000 <= code <= 0x200B:
                space_pending = True  # real or pdfium-generated space / line break
                continue
            if 0xD800 <= code <= 0xDFFF:  # UTF-16 halves of a character beyond the BMP
                if code <= 0xDBFF:
                    high_surrogate = code
                    continue
                if not high_surrogate:
                    continue
                code, high_surrogate = 0x10000 + ((high_surrogate - 0xD800) << 10) + (code - 0xDC00), 0
            if code in (0xFFFE, 0xFFFF):
                continue
            obj = get_object(tp, i)
            if not obj or not get_box(tp, i, rect_ref):
                continue
            key = c_void_p.from_buffer(obj).value
            style = styles.get(key)
            if style is None:
                style = styles[key] = _pdfium_style(tp, i, obj)
            size, bold, turn, visible = style
            glyphs.append(Glyph(chr(code), rect.left - left, top - rect.top, rect.right - left, top - rect.bottom,
                                size, bold, turn, space_pending, visible))
            space_pending = False
        has_objects = bool(glyphs) or pdfium_c.FPDFPage_CountObjects(page.raw) > 0
        return _PageGlyphs(right - left, top - bottom, glyphs, has_objects)
    finally:
        textpage.close()
        page.close()


def _pdfium_style(tp: Any, index: int, obj: Any) -> tuple[float, bool, int, bool]:
    """(font size in points, bold, direction in quarter turns, visible) of glyph ``index``'s text object.

    pdfium's font size is the ``Tf`` operand; many producers set it to 1 and scale with
    the text matrix, so the size is that operand times the matrix's vertical scale.
    """
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(tp, index, byref(matrix))
    scale = math.hypot(matrix.c, matrix.d) or 1.0
    size = abs(pdfium_c.FPDFText_GetFontSize(tp, index)) * scale or scale
    name = create_string_buffer(128)
    flags = c_int()
    pdfium_c.FPDFText_GetFontInfo(tp, index, name, 128, byref(flags))
    bold = is_bold_font(name.value.decode("latin-1", "replace")) or pdfium_c.FPDFText_GetFontWeight(tp, index) >= 700
    visible = pdfium_c.FPDFTextObj_GetTextRenderMode(obj) not in _INVISIBLE_MODES
    return size, bold, text_turn(matrix.a, matrix.b), visible


# --------------------------------------------------------------------------- pdfminer engine


class _PdfminerFallback:
    """pdfplumber, opened only when pdfium fails on a page (its import alone costs 0.1 s)."""

    def __init__(self, path: Path, password: str | None) -> None:
        self.path, self.password = path, password
        self.pdf: Any = None

    def page(self, index: int, warnings: list[str], why: str) -> _PageGlyphs | None:
        try:
            if self.pdf is None:
                import pdfplumber

                self.pdf = pdfplumber.open(str(self.path), password=self.password or "")
            return _pdfminer_page(self.pdf.pages[index], index, warnings, why)
        except Exception as err:  # noqa: BLE001 - the page is lost, not the deck
            warnings.append(f"page {index + 1}: unreadable, left empty ({why}; pdfminer: {type(err).__name__})")
            return None

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


def _pdfminer_page(page: Any, index: int, warnings: list[str], why: str) -> _PageGlyphs | None:
    """Glyphs of one pdfplumber page (pdfminer has already turned it to display space)."""
    try:
        glyphs: list[Glyph] = []
        space_pending = False
        for char in page.dedupe_chars(tolerance=1, extra_attrs=("fontname", "size")).chars:
            text = char["text"]
            if not text.strip():
                space_pending = True
                continue
            a, b = char["matrix"][:2]
            glyphs.append(Glyph(text, char["x0"], char["top"], char["x1"], char["bottom"], float(char["size"]),
                                is_bold_font(str(char.get("fontname", ""))), text_turn(a, b), space_pending))
            space_pending = False
        has_objects = bool(glyphs or page.images or page.rects or page.curves or page.lines)
    except Exception as err:  # noqa: BLE001 - pdfminer raises many types; the page is lost, not the deck
        warnings.append(f"page {index + 1}: unreadable, left empty ({why}; pdfminer: {type(err).__name__})")
        return None
    warnings.append(f"page {index + 1}: read with pdfminer ({why})")
    return _PageGlyphs(float(page.width), float(page.height), glyphs, has_objects)


def _read_with_pdfminer(path: Path, settings: Settings, why: str) -> Extracted:
    """The whole file through pdfplumber, when pdfium cannot open it at all."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(str(path), password=settings.password or "")
        pages = pdf.pages
    except Exception as err:  # noqa: BLE001 - pdfminer raises many types; all mean unreadable
        cause = err.args[0] if err.args and isinstance(err.args[0], Exception) else err  # unwrap PdfminerException
        if isinstance(cause, PDFPasswordIncorrect):
            raise EncryptedDeck(str(path), "wrong password" if settings.password else "password required") from err
        raise CorruptDeck(str(path), f"{why}; pdfminer: {type(cause).__name__}") from err
    with pdf:
        if not pages:
            raise CorruptDeck(str(path), f"{why}; pdfminer: no pages")
        slides, warnings = _read_pages(path, settings, len(pages),
                                       lambda index, notes: _pdfminer_page(pages[index], index, notes, why))
        properties = _properties({k: v for k, v in (pdf.metadata or {}).items() if isinstance(v, (str, bytes))})
    return Extracted(slides=tuple(slides), properties=properties, warnings=tuple(warnings))


# --------------------------------------------------------------------------- properties


_PROPERTY_NAMES = {"Title": "title", "Author": "author", "Subject": "subject", "Keywords": "keywords",
                   "Creator": "creator", "Producer": "producer", "CreationDate": "created", "ModDate": "modified"}


def _properties(metadata: dict[str, Any]) -> dict[str, str]:
    """Document-information entries under the names the PPTX reader uses; dates in ISO 8601."""
    properties = {}
    for key, name in _PROPERTY_NAMES.items():
        value = metadata.get(key)
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        value = " ".join(str(value or "").split())
        if value and name in ("created", "modified"):
            value = _iso_date(value)
        if value:
            properties[name] = normalise_glyphs(value)
    return properties


def _iso_date(value: str) -> str:
    """``D:20230421160435Z00'00'`` -> ``2023-04-21T16:04:35+00:00``; partial dates stay partial."""
    match = _PDF_DATE.match(value)
    if not match:
        return value
    year, month, day, hour, minute, second, zone = match.groups()
    date = "-".join(p for p in (year, month, day) if p)
    if not hour:
        return date
    time = ":".join((hour, minute or "00", second or "00"))
    offset = ""
    if zone:
        digits = re.sub(r"\D", "", zone)
        offset = "+00:00" if zone == "Z" or not digits.strip("0") else f"{zone[0]}{digits[:2]}:{digits[2:4] or '00'}"
    return f"{date}T{time}{offset}"


