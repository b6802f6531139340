"""The PDF reader: kinds and order on decks drawn here with reportlab (title, bullets,
footer, page number, rotated pages, invisible text, image-only pages, encryption,
limits, the pdfminer fallback), and every PDF of the real-world corpus against the
fragments its source project asserts."""

from __future__ import annotations

import io
import json
from functools import lru_cache
from pathlib import Path
from typing import Callable

import pytest
from PIL import Image
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from conftest import FIXTURES, REAL_WORLD
from pipeline import readers
from pipeline.config import Limits, Settings
from pipeline.errors import CorruptDeck, DeckError, EmptyDeck, EncryptedDeck, LimitExceeded
from pipeline.model import BlockKind, Slide
from pipeline.readers import pdf as pdf_reader
from pipeline.textnorm import normalise_glyphs

SLIDE_W, SLIDE_H = 960, 540
K = BlockKind


def _slide_content(canvas: Canvas, number: int, total: int) -> None:
    """A typical slide in slide coordinates (960 x 540, origin bottom left)."""
    canvas.setFont("Helvetica-Bold", 32)
    canvas.drawString(60, 460, f"Session {number}: open data")
    canvas.setFont("Helvetica", 20)
    canvas.drawString(70, 390, "•")
    canvas.drawString(95, 390, "First point of the session")
    canvas.setFont("Helvetica", 16)
    canvas.drawString(110, 356, "–")
    canvas.drawString(130, 356, "A detail under the first point")
    canvas.setFont("Helvetica", 20)
    canvas.drawString(70, 320, "•")
    canvas.drawString(95, 320, "Second point, long enough to wrap")
    canvas.drawString(95, 296, "onto a second line of the same item")
    canvas.setFont("Helvetica", 10)
    canvas.drawString(60, 20, "Open Data Days 2024 – Lyon")
    canvas.drawRightString(920, 20, f"{number} / {total}")


def _pdf(path: Path, pages: list[Callable[[Canvas], None]], *, size: tuple[float, float] = (SLIDE_W, SLIDE_H),
         **canvas_options) -> Path:
    canvas = Canvas(str(path), pagesize=size, **canvas_options)
    canvas.setTitle("Test deck")
    canvas.setAuthor("Ada Lovelace")
    for draw in pages:
        draw(canvas)
        canvas.showPage()
    canvas.save()
    return path


def _deck(path: Path, pages: int = 2, **canvas_options) -> Path:
    return _pdf(path, [lambda c, n=n: _slide_content(c, n, pages) for n in range(1, pages + 1)], **canvas_options)


def _read(path: Path, settings: Settings | None = None):
    return pdf_reader.read(path, settings or Settings())


def _kinds(slide: Slide) -> list[tuple[BlockKind, int, str]]:
    return [(b.kind, b.level, b.text) for b in slide.blocks]


EXPECTED_SLIDE_1 = [
    (K.TITLE, 0, "Session 1: open data"),
    (K.LIST_ITEM, 0, "First point of the session"),
    (K.LIST_ITEM, 1, "A detail under the first point"),
    (K.LIST_ITEM, 0, "Second point, long enough to wrap\nonto a second line of the same item"),
    (K.FOOTER, 0, "Open Data Days 2024 – Lyon"),
    (K.SLIDE_NUMBER, 0, "1 / 2"),
]


def test_one_page_is_one_slide_with_kinds_in_reading_order(tmp_path: Path) -> None:
    extracted = _read(_deck(tmp_path / "deck.pdf"))
    assert [s.number for s in extracted.slides] == [1, 2]
    assert _kinds(extracted.slides[0]) == EXPECTED_SLIDE_1
    assert extracted.slides[1].blocks[-1].text == "2 / 2"
    assert extracted.warnings == ()


def test_row_of_bullet_glyphs_is_kept_as_a_body_block(tmp_path: Path) -> None:
    """An empty bullet row ("•  •  •") is not dropped: it stays a BODY block with its
    glyphs (never the title), so the decoration stage removes and logs it."""
    def page(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 20)
        canvas.drawString(60, 300, "•        •        •")
        canvas.drawString(60, 220, "A plain line of the slide body")

    (slide,) = _read(_pdf(tmp_path / "glyphs.pdf", [page])).slides
    glyphs = [b for b in slide.blocks if not any(c.isalnum() for c in b.text)]
    assert {b.kind for b in glyphs} == {K.BODY}  # a bullet after a gap opens a block of its own
    assert sum(b.text.count("•") for b in glyphs) == 3
    assert any(b.text == "A plain line of the slide body" for b in slide.blocks)


def test_block_geometry_font_and_raw_text(tmp_path: Path) -> None:
    title, first, *_, footer, number = _read(_deck(tmp_path / "deck.pdf")).slides[0].blocks
    assert title.font_size == 32 and title.bold is True
    assert first.font_size == 20 and first.bold is False
    assert first.raw == "• First point of the session"  # raw keeps the bullet, text does not
    assert title.source == "page 1 block 1"
    for block in (title, first, footer, number):
        box = block.bbox
        assert 0 <= box.x0 < box.x1 <= 1 and 0 <= box.top < box.bottom <= 1
    assert title.bbox.top < 0.2 and footer.bbox.top > 0.92
    assert abs(title.bbox.x0 - 60 / SLIDE_W) < 0.01


def test_header_band_and_page_number_forms(tmp_path: Path) -> None:
    def page(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 10)
        canvas.drawString(60, 525, "Conference 2024 · Room B")
        canvas.drawString(880, 525, "Page 3")
        canvas.setFont("Helvetica-Bold", 30)
        canvas.drawString(60, 420, "Agenda")
        canvas.setFont("Helvetica", 18)
        canvas.drawString(60, 360, "Morning talks and an afternoon workshop")
        canvas.setFont("Helvetica", 10)
        canvas.drawString(60, 20, "2024")
    slide = _read(_pdf(tmp_path / "bands.pdf", [page])).slides[0]
    assert _kinds(slide) == [(K.HEADER, 0, "Conference 2024 · Room B"), (K.SLIDE_NUMBER, 0, "Page 3"),
                             (K.TITLE, 0, "Agenda"), (K.BODY, 0, "Morning talks and an afternoon workshop"),
                             (K.FOOTER, 0, "2024")]  # a year in a band is not a slide number


def test_same_size_text_gets_no_title_unless_alone_at_top(tmp_path: Path) -> None:
    def page(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 14)
        for row, text in enumerate(["Minutes of the meeting", "", "Present: the board",
                                    "Absent: nobody", "Next meeting in May"]):
            if text:
                canvas.drawString(60, 480 - row * 18, text)
    slide = _read(_pdf(tmp_path / "minutes.pdf", [page])).slides[0]
    assert [b.kind for b in slide.blocks] == [K.TITLE, K.BODY]
    assert slide.blocks[1].text == "Present: the board\nAbsent: nobody\nNext meeting in May"


def test_columns_are_read_whole_and_tables_row_by_row(tmp_path: Path) -> None:
    def page(canvas: Canvas) -> None:
        canvas.setFont("Helvetica-Bold", 30)
        canvas.drawString(60, 470, "Two columns")
        canvas.setFont("Helvetica", 12)
        for row, (left, right) in enumerate([("Left one", ""), ("", "Right one"), ("Left two", ""),
                                             ("", "Right two")]):
            for x, text in ((60, left), (520, right)):
                if text:
                    canvas.drawString(x, 400 - row * 40, text)
        for row, (time, session) in enumerate([("9:30", "Welcome"), ("10:00", "Keynote")]):
            canvas.drawString(60, 200 - row * 40, time)
            canvas.drawString(300, 200 - row * 40, session)
    texts = [b.text for b in _read(_pdf(tmp_path / "columns.pdf", [page])).slides[0].blocks]
    assert texts == ["Two columns", "Left one", "Left two", "Right one", "Right two",
                     "9:30", "Welcome", "10:00", "Keynote"]


def test_three_column_table_is_read_row_by_row(tmp_path: Path) -> None:
    """A programme table of time, session and speaker: the widest gutter may leave two
    columns on one side and one on the other; its rows still make it a table."""
    def page(canvas: Canvas) -> None:
        canvas.setFont("Helvetica-Bold", 30)
        canvas.drawString(60, 470, "Programme")
        canvas.setFont("Helvetica", 12)
        rows = [("09:30", "Welcome", "Dr Ann Lee"), ("10:00", "Keynote", "Prof. Bo Chen"),
                ("12:30", "Lunch", ""), ("14:00", "Workshop", "Sam Cole")]
        for row, cells in enumerate(rows):
            for x, text in zip((60, 150, 560), cells):
                if text:
                    canvas.drawString(x, 400 - row * 30, text)
    texts = [b.text for b in _read(_pdf(tmp_path / "table.pdf", [page])).slides[0].blocks]
    assert texts == ["Programme", "09:30", "Welcome", "Dr Ann Lee", "10:00", "Keynote", "Prof. Bo Chen",
                     "12:30", "Lunch", "14:00", "Workshop", "Sam Cole"]


def test_bullets_side_by_side_are_separate_items(tmp_path: Path) -> None:
    """Table cells each opening with a bullet, close enough to join as one line otherwise."""
    def page(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 20)
        for x, text in ((60, "• R1"), (130, "• Yes"), (210, "• No")):
            canvas.drawString(x, 300, text)
    slide = _read(_pdf(tmp_path / "cells.pdf", [page])).slides[0]
    assert _kinds(slide) == [(K.LIST_ITEM, 0, "R1"), (K.LIST_ITEM, 0, "Yes"), (K.LIST_ITEM, 0, "No")]


def test_rotated_page_reads_as_lines_not_one_word_per_line(tmp_path: Path) -> None:
    def page(canvas: Canvas) -> None:  # text drawn along the unrotated page, page shown turned 90°
        canvas.setPageRotation(90)
        canvas.setFont("Helvetica", 16)
        canvas.drawString(85, 700, "Hello World Test Text")
        canvas.drawString(85, 640, "Second line of text here")
    # reportlab's page size is the displayed one: a 842 x 595 display is a 595 x 842 MediaBox
    slide = _read(_pdf(tmp_path / "rotate90.pdf", [page], size=(842, 595))).slides[0]
    assert [b.text for b in slide.blocks] == ["Hello World Test Text", "Second line of text here"]


def test_landscape_slide_in_a_portrait_page_turned_270(tmp_path: Path) -> None:
    """How LibreOffice exports slides: portrait MediaBox, /Rotate 270, text drawn turned."""
    def page(canvas: Canvas) -> None:
        canvas.setPageRotation(270)
        canvas.translate(0, SLIDE_W)
        canvas.rotate(-90)
        _slide_content(canvas, 1, 1)
    slide = _read(_pdf(tmp_path / "impress.pdf", [page])).slides[0]  # MediaBox 540 x 960, shown 960 x 540
    expected = EXPECTED_SLIDE_1[:-1] + [(K.SLIDE_NUMBER, 0, "1 / 1")]
    assert _kinds(slide) == expected
    assert slide.blocks[0].bbox.top < 0.2 and slide.blocks[0].bbox.x1 > slide.blocks[0].bbox.x0


def test_vertical_label_beside_horizontal_text_is_one_line(tmp_path: Path) -> None:
    def page(canvas: Canvas) -> None:
        canvas.setFont("Helvetica-Bold", 30)
        canvas.drawString(60, 460, "Results by region")
        canvas.setFont("Helvetica", 18)
        canvas.drawString(60, 380, "North grew, south held steady")
        canvas.saveState()
        canvas.translate(900, 100)
        canvas.rotate(90)
        canvas.setFont("Helvetica", 12)
        canvas.drawString(0, 0, "Source: annual survey")
        canvas.restoreState()
    texts = [b.text for b in _read(_pdf(tmp_path / "label.pdf", [page])).slides[0].blocks]
    assert texts == ["Results by region", "North grew, south held steady", "Source: annual survey"]


def test_invisible_text_dropped_beside_visible_text_kept_alone(tmp_path: Path) -> None:
    def invisible(canvas: Canvas, y: float, text: str) -> None:
        layer = canvas.beginText(72, y)
        layer.setFont("Helvetica", 12)
        layer.setTextRenderMode(3)
        layer.textLine(text)
        canvas.drawText(layer)

    def mixed(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 18)
        canvas.drawString(72, 480, "Visible heading line")
        invisible(canvas, 440, "Hidden OCR words")

    def ocr_only(canvas: Canvas) -> None:
        invisible(canvas, 440, "Scanned page words")
    extracted = _read(_pdf(tmp_path / "ocr.pdf", [mixed, ocr_only]))
    assert [b.text for b in extracted.slides[0].blocks] == ["Visible heading line"]
    assert [b.text for b in extracted.slides[1].blocks] == ["Scanned page words"]
    assert any("page 2" in w and "invisible" in w for w in extracted.warnings)


def test_image_only_and_blank_pages_are_flagged(tmp_path: Path) -> None:
    png = io.BytesIO()
    Image.new("RGB", (40, 20), "red").save(png, format="PNG")
    picture = ImageReader(io.BytesIO(png.getvalue()))
    extracted = _read(_pdf(tmp_path / "scan.pdf", [lambda c: c.drawImage(picture, 50, 50, 400, 200),
                                                   lambda c: None]))
    scan, blank = extracted.slides
    assert scan.image_only and not scan.blocks
    assert not blank.image_only and not blank.blocks
    assert any("page 1" in w and "image only" in w for w in extracted.warnings)
    assert any("page 2" in w and "blank" in w for w in extracted.warnings)


def test_encrypted_deck_needs_the_right_password(tmp_path: Path) -> None:
    path = _deck(tmp_path / "locked.pdf", 1, encrypt=StandardEncryption("s3cret", ownerPassword="owner"))
    with pytest.raises(EncryptedDeck) as refused:
        readers.read(path)
    assert str(refused.value).startswith(str(path)) and "\n" not in str(refused.value)
    with pytest.raises(EncryptedDeck, match="wrong password"):
        readers.read(path, Settings(password="guess"))
    assert readers.read(path, Settings(password="s3cret")).slides[0].title == "Session 1: open data"


def test_password_given_for_a_deck_without_one_is_ignored(tmp_path: Path) -> None:
    assert _read(_deck(tmp_path / "open.pdf", 1), Settings(password="unused")).slides


def test_run_wide_password_does_not_lock_an_empty_password_file(real_world_dir: Path) -> None:
    deck = readers.read(real_world_dir / "unstructured/copy-protected.pdf", Settings(password="not-this-one"))
    assert "LayoutParser" in deck.slides[0].text()


def test_hyphen_ending_a_line_is_kept() -> None:
    """PDFium marks a hyphen at a line end with U+0002; it is the deck's own hyphen."""
    deck = readers.read(FIXTURES / "decks" / "journee-etude-olc-2023.pdf")
    assert "www.olc-\ncentre.fr" in deck.slides[-1].text()


@pytest.mark.parametrize("content", [b"%PDF-1.4\nthis is not a pdf at all\n", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<<"])
def test_broken_file_is_one_line_corrupt_deck(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with pytest.raises(CorruptDeck) as refused:
        readers.read(path)
    message = str(refused.value)
    assert message.startswith(str(path)) and "\n" not in message and "pdfium" in message


def test_page_cap_refuses_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _deck(tmp_path / "long.pdf", 3)
    monkeypatch.setattr(pdf_reader, "_pdfium_page", lambda *a: pytest.fail("a page was read"))
    with pytest.raises(LimitExceeded, match="max_slides 2"):
        _read(path, Settings(limits=Limits(max_slides=2)))


def test_text_cap(tmp_path: Path) -> None:
    with pytest.raises(LimitExceeded, match="max_text_chars"):
        _read(_deck(tmp_path / "deck.pdf", 2), Settings(limits=Limits(max_text_chars=100)))


def test_document_properties(tmp_path: Path) -> None:
    properties = _read(_deck(tmp_path / "deck.pdf", 1)).properties
    assert properties["title"] == "Test deck" and properties["author"] == "Ada Lovelace"
    assert len(properties["created"]) >= 19 and properties["created"][4] == "-" and "T" in properties["created"]


@pytest.mark.parametrize("value, iso", [("D:20230421160435Z00'00'", "2023-04-21T16:04:35+00:00"),
                                        ("D:20240208135858-05'00'", "2024-02-08T13:58:58-05:00"),
                                        ("D:200805", "2008-05"), ("yesterday", "yesterday")])
def test_pdf_dates_to_iso(value: str, iso: str) -> None:
    assert pdf_reader._iso_date(value) == iso


def test_pdfminer_fallback_feeds_the_same_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page pdfium fails on is read by pdfminer into the same blocks (its (cid:127)
    bullets normalised), with a warning naming the page."""
    def broken(*_: object) -> None:
        raise RuntimeError("simulated pdfium failure")
    monkeypatch.setattr(pdf_reader, "_pdfium_page", broken)
    extracted = _read(_deck(tmp_path / "deck.pdf"))
    assert _kinds(extracted.slides[0]) == EXPECTED_SLIDE_1
    assert any(w.startswith("page 1: read with pdfminer") for w in extracted.warnings)


def test_page_both_engines_fail_on_is_left_empty_not_the_deck(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("simulated failure")
    monkeypatch.setattr(pdf_reader, "_pdfium_page", broken)
    monkeypatch.setattr(pdf_reader, "_pdfminer_page", broken)
    extracted = _read(_deck(tmp_path / "deck.pdf"))
    assert [s.blocks for s in extracted.slides] == [(), ()]
    assert sum("unreadable, left empty" in w for w in extracted.warnings) == 2


# --------------------------------------------------------------------------- real-world corpus

PASSWORDS = {"pdfplumber/password-example.pdf": "test", "unstructured/password.pdf": "password",
             "docling/2206.01062_pg3.pdf": "1234"}


def _corpus_pdfs() -> list[str]:
    if not REAL_WORLD.is_dir():
        return ["-"]
    return sorted(str(p.relative_to(REAL_WORLD)) for p in REAL_WORLD.rglob("*.pdf"))


@lru_cache(maxsize=None)
def _outcome(path: str, password: str | None):
    try:
        return readers.read(REAL_WORLD / path, Settings(password=password))
    except DeckError as err:
        return err


@lru_cache(maxsize=None)
def _expectations() -> tuple[dict, dict]:
    return (json.loads((REAL_WORLD / "expected.json").read_text(encoding="utf-8")),
            json.loads((REAL_WORLD / "expected_meta.json").read_text(encoding="utf-8")))


def _flat(text: str) -> str:
    return " ".join(text.split())


def _text(deck) -> str:
    return _flat(" ".join(block.text for _, block in deck.blocks()))


@pytest.mark.parametrize("path", _corpus_pdfs())
def test_corpus_pdf_is_read_and_its_fragments_found(real_world_dir: Path, path: str) -> None:
    outcome = _outcome(path, None)
    if isinstance(outcome, DeckError):
        message = str(outcome)
        assert "\n" not in message and message.startswith(str(REAL_WORLD / path)), message
        allowed = EncryptedDeck if path in PASSWORDS else EmptyDeck  # empty.pdf: 0 bytes
        assert isinstance(outcome, allowed), f"{path} refused: {message}"
        if path not in PASSWORDS:
            return
        outcome = _outcome(path, PASSWORDS[path])
        assert not isinstance(outcome, DeckError), f"not read with the README's password: {outcome}"
    else:
        assert path not in PASSWORDS, f"{path} opened without its password"
    expected, meta = _expectations()
    where = meta.get(path, {}).get("where_the_text_is", "")
    fragments = expected.get(path, [])
    if "IMAGE-ONLY" in where:  # OCR-only text: the page must at least be flagged
        assert all(s.image_only for s in outcome.slides), path
        return
    if "ANNOTATION" in where:  # annotation contents are not page text
        return
    text = _text(outcome)
    missing = [f for f in fragments if _flat(normalise_glyphs(f)) not in text]
    assert missing == [], f"{path}: {len(missing)}/{len(fragments)} fragments missing"


@pytest.mark.parametrize("path, present, absent", [
    ("unstructured/fake-bold-sample.pdf", ["BOLD TEXT SAMPLE"], ["TTEEXXTT"]),  # its note quotes 'BBOOLLDD'
    ("docling/invisible_text_layer.pdf", ["Visible heading line"], ["Invisible OCR text layer"]),
    ("markitdown/test.pdf", ["Large language models"], ["Largelanguagemodels", "multiagentconversations"]),
    ("unstructured/copy-protected.pdf", ["LayoutParser: A Unified Toolkit"], []),
    ("pdfplumber/nics-background-checks-2015-11-rotated.pdf", ["NICS Firearm Background Checks"], []),
])
def test_corpus_upstream_checks(real_world_dir: Path, path: str, present: list[str], absent: list[str]) -> None:
    deck = _outcome(path, None)
    assert not isinstance(deck, DeckError), str(deck)
    text = _text(deck)
    assert [p for p in present if p not in text] == []
    assert [a for a in absent if a.casefold() in text.casefold()] == []


def test_corpus_rotated_page_gives_readable_lines(real_world_dir: Path) -> None:
    deck = _outcome("unstructured/rotated-page-90.pdf", None)
    lines = [line for _, block in deck.blocks() for line in block.text.split("\n")]
    assert "Hello World Test Text" in lines and "Rotated page fixture" in lines
    assert all(" " in line for line in lines), lines  # not one word per line


def test_corpus_broken_xref_and_bad_colour_space_are_not_lost(real_world_dir: Path) -> None:
    broken_xref = _outcome("pdfplumber/issue-297-example.pdf", None)
    assert len(broken_xref.slides) == 1 and broken_xref.warnings  # an empty page, said so
    bad_colour = _outcome("unstructured/pdf-bad-color-space.pdf", None)
    assert bad_colour.slides[0].blocks  # pdfminer raises on it; pdfium reads it


def test_corpus_bad_colour_space_page_falls_back_to_an_empty_slide(real_world_dir: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """When pdfium fails too, pdfminer's PDFKeyError empties the page, not the deck."""
    def broken(*_: object) -> None:
        raise RuntimeError("simulated pdfium failure")
    monkeypatch.setattr(pdf_reader, "_pdfium_page", broken)
    extracted = _read(REAL_WORLD / "unstructured/pdf-bad-color-space.pdf")
    assert len(extracted.slides) == 1 and extracted.slides[0].blocks == ()
    assert "unreadable, left empty" in extracted.warnings[0]
