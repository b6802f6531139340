"""Rebuild the sample deck's lost slide files from its text export.

    python scripts/make_sample_decks.py [--no-pdf]

Reads ``raw/entretiens-jacques-cartier-2012.txt`` and writes next to it
``entretiens-jacques-cartier-2012.pptx`` (python-pptx, real layouts) and ``.pdf``
(LibreOffice headless).  One slide per text slide, same order, so the three formats can
be compared slide for slide.

Why a generator: the original PPTX/PDF are lost and the readers need the same deck in
every format.  This is a fixture generator, so it may name the organiser's branding lines
(pipeline code may not): they go into text boxes at the bottom of the slide as the real
deck had them, the logo always at the same spot.  A text slide that repeats the logo or
footer (several original slides merged by the export) gets one box of each.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pptx.enum.text import PP_ALIGN
from pptx.util import Inches

import deckkit
from deckkit import MarkupReader, Para

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "raw" / "entretiens-jacques-cartier-2012.txt"
LANG = "fr-FR"

# The organiser's branding as the export shows it, OCR variants included.
LOGO_LINES = frozenset({"saintétienne", "saintetienne", "Atelier Visionnaire"})
FOOTER_LINES = frozenset({"Entretiens Jacques Cartier 2012", "Entreprises Sociales Cartier 2012"})
LOGO_BOX = (Inches(0.25), Inches(6.72), Inches(2.3), Inches(0.62))
FOOTER_BOX = (Inches(2.75), Inches(6.98), Inches(4.5), Inches(0.4))

TITLE_SLIDE, TITLE_AND_CONTENT, TWO_CONTENT, TITLE_ONLY, BLANK = 0, 1, 3, 5, 6
SINGLE_COLUMN_SMALLEST = 10


@dataclass
class TextSlide:
    """One slide of the export, sorted into title, content blocks and branding."""

    blocks: list[list[str]] = field(default_factory=list)
    logo: list[str] = field(default_factory=list)
    footer: str = ""
    branding_first: bool = False  # branding came before any content line in the export
    repeats: int = 0  # branding occurrences merged into the one logo/footer box


def parse_slide(part: str) -> TextSlide:
    """Sort an export slide's lines: branding apart, the rest in blank-line blocks.

    The logo is the first run of consecutive logo lines; later runs, and later footers,
    only count as repeats.
    """
    slide = TextSlide()
    block: list[str] = []
    in_logo = logo_done = False
    for line in part.split("\n") + [""]:
        stripped = line.strip()
        is_logo, is_footer = stripped in LOGO_LINES, stripped in FOOTER_LINES
        if (is_logo or is_footer) and not slide.blocks and not block:
            slide.branding_first = True
        if is_logo:
            if not logo_done:
                slide.logo.append(stripped)
            elif not in_logo:
                slide.repeats += 1
            in_logo = True
            continue
        logo_done, in_logo = logo_done or in_logo, False
        if is_footer:
            slide.repeats += bool(slide.footer)
            slide.footer = slide.footer or stripped
        elif deckkit.is_blank(line):
            if block:
                slide.blocks.append(block)
                block = []
        else:
            block.append(line)
    return slide


def build(source: Path, pptx_path: Path) -> tuple[list[list[str]], list[str]]:
    """Write the PPTX; return each slide's visible lines and notes on odd slides."""
    slides = [parse_slide(part) for part in deckkit.split_slides(source.read_text(encoding="utf-8"))]
    prs = deckkit.new_presentation(widescreen=False)
    expected, notes = [], []
    for number, text_slide in enumerate(slides, start=1):
        expected.append(_add_slide(prs, text_slide, number == 1, notes, number))
        if text_slide.repeats:
            notes.append(f"slide {number}: {text_slide.repeats} repeated branding line(s) merged")
    deckkit.set_core_properties(prs, deckkit.plain(slides[0].blocks[0][0]), "deckpipe fixtures",
                                datetime(2012, 11, 20, 9, 0, 0), LANG)
    deckkit.save_deterministic(prs, pptx_path)
    return expected, notes


def _add_slide(prs, text_slide: TextSlide, is_first: bool, notes: list[str],
               number: int) -> list[str]:
    reader = MarkupReader()
    paras: list[Para] = []
    title_runs = []
    for block_index, block in enumerate(text_slide.blocks):
        reader.reset()
        if block_index and paras:
            paras.append(Para())
        for line in block:
            if not title_runs:
                title_runs = reader.runs(line.strip())
            else:
                paras.append(reader.para(line))

    layout = (TITLE_SLIDE if is_first else TITLE_AND_CONTENT if paras
              else TITLE_ONLY if title_runs else BLANK)
    columns = [paras]
    if layout == TITLE_AND_CONTENT:
        body = prs.slide_layouts[TITLE_AND_CONTENT].placeholders[1]
        if deckkit.fit_size(paras, body.width, body.height, 24, 8) < SINGLE_COLUMN_SMALLEST:
            layout, columns = TWO_CONTENT, _halve(paras)
    slide = prs.slides.add_slide(prs.slide_layouts[layout])

    if title_runs:
        title = slide.shapes.title
        title_para = [Para(title_runs)]
        largest, smallest = (40, 20) if is_first else (32, 16)
        deckkit.fill(title.text_frame, title_para,
                     deckkit.fit_size(title_para, title.width, title.height, largest, smallest), LANG)
    if layout in (TITLE_SLIDE, TITLE_AND_CONTENT, TWO_CONTENT):
        boxes = [slide.placeholders[idx] for idx in (1, 2)[:len(columns)]]
        size = min(deckkit.fit_size(col, box.width, box.height, 24, 7)
                   for col, box in zip(columns, boxes))
        if size < 8:
            notes.append(f"slide {number}: body needs {size}pt")
        for column, box in zip(columns, boxes):
            deckkit.fill(box.text_frame, column, size, LANG)

    branding = []
    if text_slide.logo:
        logo = deckkit.add_text_box(slide, LOGO_BOX, [f"**{text_slide.logo[0]}**", *text_slide.logo[1:]],
                                    11, LANG, name="Logo saintétienne")
        branding.append(logo)
    if text_slide.footer:
        footer = deckkit.add_text_box(slide, FOOTER_BOX, [text_slide.footer], 10, LANG,
                                      align=PP_ALIGN.CENTER, name="Footer")
        branding.append(footer)
    if text_slide.branding_first:
        tree = slide.shapes._spTree
        for position, shape in enumerate(branding, start=2):
            tree.insert(position, shape._element)
    deckkit.remove_empty_placeholders(slide)
    return ["".join(run.text for run in title_runs), *(para.text for para in paras),
            *text_slide.logo, text_slide.footer]


def _halve(paras: list[Para]) -> list[list[Para]]:
    """Two columns, cut at the blank paragraph nearest the middle (blocks stay whole)."""
    breaks = [i for i, para in enumerate(paras) if not para.runs]
    middle = len(paras) / 2
    cut = min(breaks, key=lambda i: abs(i - middle)) if breaks else len(paras) // 2
    return [paras[:cut], paras[cut + 1 if cut in breaks else cut:]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-pdf", action="store_true", help="write the PPTX only (no LibreOffice)")
    args = parser.parse_args(argv)
    pptx_path = SOURCE.with_suffix(".pptx")
    expected, notes = build(SOURCE, pptx_path)
    print(f"{pptx_path.relative_to(REPO)}: {len(expected)} slides")
    for note in notes:
        print("  " + note)
    if args.no_pdf:
        return 0
    pdf_path = deckkit.convert_to_pdf(pptx_path, pptx_path.parent)
    problems = deckkit.check_pdf(pdf_path, expected)
    pages = deckkit.pdf_page_count(pdf_path)
    print(f"{pdf_path.relative_to(REPO)}: {pages} pages, read back with pdfplumber: "
          f"{len(problems)} problem(s)")
    for problem in problems:
        print("  " + problem)
    return 0 if pages == len(expected) else 1


if __name__ == "__main__":
    sys.exit(main())
