"""Build the three held-out event decks (.txt, .pptx, .pdf) and their removal labels.

    python scripts/make_heldout_decks.py [--no-pdf]

Why these decks exist: the extraction rules were written around the sample deck and the two
invented decks of tests/fixtures/decks/, so their 1.00 scores say nothing about decks from
other organisers. These three were written by an examiner who had not read the extraction
code, with conventions the tuned decks do not use (see docs/heldout-evaluation.md).

Writes into tests/fixtures/heldout/: ``<stem>.txt`` (a text export: slides separated by
blank-line runs, markdown residue, OCR damage where a slide asks for it), ``<stem>.pptx``
(title/body placeholders, footer and slide-number placeholders, logo and header text boxes,
a real table, a two-content layout), ``<stem>.pdf`` (LibreOffice) and
``<stem>.removal.json`` (what the cleaning must remove, from the furniture each slide
declares). The decks themselves, one data structure each, are in ``heldout_specs.py``.
The records gold ``<stem>.json`` is written by hand and only checked here: every name,
address and organisation it states must be in the deck.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import datetime
from itertools import zip_longest
from pathlib import Path

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Inches

import deckkit
from deckkit import MarkupReader, Para, Run
from heldout_specs import DECKS, Box, Deck, Slide

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from pipeline.textnorm import fold  # noqa: E402

OUT_DIR = REPO / "tests" / "fixtures" / "heldout"
CREATED = datetime(2024, 1, 15, 9, 0, 0)
# Bullet glyphs the exports show; the PPTX writes them as bulleted paragraphs.
GLYPH_BULLET = re.compile(r"^(?:[•→✓]|-)\s+")


# --- the text export -----------------------------------------------------------------------

def number_text(deck: Deck, position: int) -> str:
    before, after = deck.number
    return f"{before}{position}{after}"


def txt_blocks(deck: Deck, slide: Slide, position: int) -> list[tuple[str, list[str]]]:
    """(role, export lines) of the slide in the order the text export shows them."""
    parts: dict[str, list[tuple[str, list[str]]]] = {role: [] for role in deck.txt_order}
    if slide.furniture and deck.header:
        parts["header"].append(("header", [deck.header]))
    parts["title"].append(("title", [deck.title_mark + slide.title]))
    if slide.brand and "brand" in parts:
        parts["brand"].append(("brand", [f"**{line}**" for line in deck.brands[slide.brand]]))
    body: list[tuple[str, list[str]]] = []
    block: list[str] = []
    for line in slide.body:
        if line:
            block.append(line)
        elif block:
            body.append(("body", block))
            block = []
    if block:
        body.append(("body", block))
    if slide.table:
        rows = ["| " + " | ".join(row) + " |" for row in slide.table]
        rows.insert(1, "| " + " | ".join("---" for _ in slide.table[0]) + " |")
        body.append(("table", rows))
    if slide.columns and slide.side_by_side:
        left, right = (list(map(deckkit.plain, column)) for column in slide.columns)
        body.append(("columns", [f"{a:<44}{b}".rstrip() for a, b in zip_longest(left, right, fillvalue="")]))
    elif slide.columns:
        body.extend(("columns", list(column)) for column in slide.columns)
    parts["body"] = body
    parts["logo"].append(("logo", list(deck.logo)))
    if slide.furniture:
        if deck.footer_number_gap:
            parts["footer"].append(("footer", [deck.footer + deck.footer_number_gap + number_text(deck, position)]))
        else:
            parts["footer"].append(("footer", [deck.footer]))
            parts["footer"].append(("number", [number_text(deck, position)]))
    return [item for role in deck.txt_order for item in parts[role]]


def render_txt(deck: Deck) -> str:
    slides = []
    for position, slide in enumerate(deck.slides, start=1):
        text = "\n\n".join("\n".join(lines) for _role, lines in txt_blocks(deck, slide, position))
        for right, damaged in slide.ocr:
            if right not in text:
                raise SystemExit(f"{deck.stem} slide {position}: OCR target {right!r} not on the slide")
            text = text.replace(right, damaged, 1)
        slides.append(text)
    return deck.slide_break.join(slides) + "\n"


# --- removal labels ------------------------------------------------------------------------

def removal_gold(deck: Deck) -> dict:
    """Furniture to remove per slide (reason), and look-alike content that must stay.

    A presenter's logo is content on the first slide of its run and a duplicate after it;
    an entry damaged in the .txt is listed in both spellings (each file holds one of them,
    and the scorer only expects what a file holds)."""
    removed: list[dict] = []
    kept: list[dict] = []
    previous_brand = ""
    for position, slide in enumerate(deck.slides, start=1):
        def spellings(text: str) -> list[str]:
            damaged = [d for right, d in slide.ocr if right == text]
            return [text, *damaged]

        def remove(text: str, reason: str) -> None:
            removed.extend({"slide": position, "text": t, "reason": reason} for t in spellings(text))

        if slide.furniture and deck.header:
            remove(deck.header, "branding")
        remove(" ".join(deck.logo), "branding")
        if slide.brand:
            brand = " ".join(deck.brands[slide.brand])
            if slide.brand != previous_brand:
                kept.append({"slide": position, "text": brand})
            else:
                remove(brand, "duplicate")
        previous_brand = slide.brand
        if slide.furniture:
            remove(deck.footer, "branding")
            remove(number_text(deck, position), "page_number")
        kept.extend({"slide": position, "text": deckkit.plain(text)} for text in slide.kept)
    return {"removed": removed, "kept": kept}


# --- the PPTX ------------------------------------------------------------------------------

def _box(box: Box) -> tuple[int, int, int, int]:
    return tuple(int(Inches(v)) for v in box)  # type: ignore[return-value]


def _paras(lines: tuple[str, ...] | list[str]) -> list[Para]:
    reader = MarkupReader()
    paras = []
    for line in lines:
        if not line:
            reader.reset()
            paras.append(Para([]))
        elif GLYPH_BULLET.match(line):
            paras.append(reader.para("- " + GLYPH_BULLET.sub("", line)))
        else:
            paras.append(reader.para(line))
    return paras


def _fill_fitting(shape, paras: list[Para], largest: int, smallest: int, lang: str, where: str) -> None:
    size = deckkit.fit_size(paras, shape.width, shape.height, largest, smallest)
    if not deckkit.fits(paras, size, shape.width, shape.height):
        raise SystemExit(f"{where}: text does not fit its box even at {size}pt; shorten it")
    deckkit.fill(shape.text_frame, paras, size, lang)


def build_pptx(deck: Deck, path: Path) -> None:
    prs = deckkit.new_presentation(deck.widescreen)
    for position, spec in enumerate(deck.slides, start=1):
        _add_slide(prs, deck, spec, position)
    deckkit.set_core_properties(prs, deck.slides[0].title, "deckpipe held-out examiner", CREATED,
                                deck.lang_tag)
    deckkit.save_deterministic(prs, path)


def _add_slide(prs, deck: Deck, spec: Slide, position: int) -> None:
    layout_index = {"title": 0, "content": 1, "two": 3, "table": 5}[spec.layout]
    layout = prs.slide_layouts[layout_index]
    slide = prs.slides.add_slide(layout)
    lang, where = deck.lang_tag, f"{deck.stem} slide {position}"
    title = slide.shapes.title
    if spec.layout != "title":
        title.left, title.top, title.width, title.height = _box(deck.title_box)
    _fill_fitting(title, [Para(MarkupReader().runs(spec.title))], 40 if spec.layout == "title" else 30,
                  18, lang, where)
    if spec.body:
        _fill_fitting(slide.placeholders[1], _paras(spec.body), 24, 10, lang, where)
    for index, column in enumerate(spec.columns, start=1):
        _fill_fitting(slide.placeholders[index], _paras(column), 24, 12, lang, where)
    if spec.table:
        _add_table(slide, deck, spec.table)
    if spec.furniture and deck.header:
        deckkit.add_text_box(slide, _box(deck.header_box), [deck.header], 12, lang, name="Running header")
    if spec.brand:
        deckkit.add_text_box(slide, _box(deck.brand_box), [f"**{line}**" for line in deck.brands[spec.brand]],
                             13, lang, name="Presenter logo")
    deckkit.add_text_box(slide, _box(deck.logo_box), [f"**{deck.logo[0]}**", *deck.logo[1:]], 12, lang,
                         name="Organiser logo")
    if spec.furniture:
        _add_footer(slide, layout, deck, position)
    deckkit.remove_empty_placeholders(slide)


def _add_table(slide, deck: Deck, rows: tuple[tuple[str, ...], ...]) -> None:
    width = 12.0 if deck.widescreen else 9.0
    frame = slide.shapes.add_table(len(rows), len(rows[0]), Inches(0.6), Inches(1.6), Inches(width),
                                   Inches(0.5) * len(rows))
    frame.name = "Programme table"
    table = frame.table
    for column, share in zip(table.columns, (0.18, 0.52, 0.30)):
        column.width = Inches(width * share)
    for row_index, row in enumerate(rows):
        table.rows[row_index].height = Inches(0.5)
        for column_index, value in enumerate(row):
            deckkit.fill(table.cell(row_index, column_index).text_frame, [Para(MarkupReader().runs(value))],
                         16, deck.lang_tag)


def _add_footer(slide, layout, deck: Deck, position: int) -> None:
    """Footer (placeholder or a plain box) and the slide-number placeholder with its field."""
    wanted = {PP_PLACEHOLDER.SLIDE_NUMBER, *([PP_PLACEHOLDER.FOOTER] if deck.footer_placeholder else [])}
    for placeholder in layout.placeholders:
        if placeholder.placeholder_format.type in wanted:
            slide.shapes.clone_placeholder(placeholder)
    for placeholder in slide.placeholders:
        kind = placeholder.placeholder_format.type
        if kind == PP_PLACEHOLDER.FOOTER:
            deckkit.fill(placeholder.text_frame, [Para([Run(deck.footer)])], 11, deck.lang_tag)
        elif kind == PP_PLACEHOLDER.SLIDE_NUMBER:
            before, after = deck.number
            deckkit.add_field_paragraph(placeholder.text_frame, before, position, after, 11, deck.lang_tag,
                                        f"{{C4A1E2B3-7D10-4E55-9A0B-{position:012d}}}")
    if not deck.footer_placeholder:
        deckkit.add_text_box(slide, _box((0.6, 6.95, 7.5, 0.4)), [deck.footer], 11, deck.lang_tag, name="Footer")


def visible_lines(deck: Deck, slide: Slide, position: int) -> list[str]:
    """What page ``position`` of the PDF must show (markup and bullet marks removed)."""
    lines = [deckkit.plain(slide.title)]
    lines += [p.text for p in _paras(slide.body) if p.text]
    lines += [p.text for column in slide.columns for p in _paras(column) if p.text]
    lines += [cell for row in slide.table for cell in row if cell]
    lines += list(deck.logo) + list(deck.brands.get(slide.brand, ()))
    if slide.furniture:
        lines += [deck.header] if deck.header else []
        lines += [deck.footer, number_text(deck, position)]
    return lines


# --- the hand-written records gold, checked against the deck --------------------------------

def check_gold(deck: Deck, gold_path: Path) -> list[str]:
    """Names, fields and titles of the hand-written gold that the deck does not say."""
    if not gold_path.is_file():
        return [f"{gold_path.name}: missing (write it by hand)"]
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    said = fold("\n".join(deckkit.plain(line) for slide in deck.slides for line in
                          (slide.title, *slide.body, *(c for col in slide.columns for c in col),
                           *(c for row in slide.table for c in row))))
    problems = []
    for value, what in [(s[f], f"speaker {f}") for s in gold["speakers"]
                        for f in ("job_title", "organisation", "email", "url")] \
            + [(s["name"], "speaker name") for s in gold["speakers"]] \
            + [(p["title"], "project title") for p in gold["projects"]] \
            + [(v, "project org/url") for p in gold["projects"] for v in (*p["organisations"], *p["urls"])] \
            + [(n, "not_people") for n in gold["not_people"]]:
        if value and fold(value) not in said:
            problems.append(f"{gold_path.name}: {what} {value!r} not in the deck")
    words = set(said.split())
    problems += [f"{gold_path.name}: session title {s['title']!r} has words not in the deck"
                 for s in gold["sessions"] if not set(fold(s["title"]).split()) <= words]
    sessions, projects = {s["key"] for s in gold["sessions"]}, {p["key"] for p in gold["projects"]}
    names = {s["name"] for s in gold["speakers"]}
    problems += [f"{gold_path.name}: appearance {a} names an unknown person, session or project"
                 for a in gold["appearances"] if a["name"] not in names or a["session"] not in sessions
                 or (a["project"] and a["project"] not in projects)]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-pdf", action="store_true", help="skip LibreOffice (no PDFs)")
    args = parser.parse_args(argv)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    failed = False
    for deck in DECKS:
        (OUT_DIR / f"{deck.stem}.txt").write_text(render_txt(deck), encoding="utf-8")
        (OUT_DIR / f"{deck.stem}.removal.json").write_text(deckkit.gold_json(removal_gold(deck)), encoding="utf-8")
        pptx_path = OUT_DIR / f"{deck.stem}.pptx"
        build_pptx(deck, pptx_path)
        problems = check_gold(deck, OUT_DIR / f"{deck.stem}.json")
        print(f"{deck.stem}: {len(deck.slides)} slides (.txt, .pptx, removal labels)")
        if not args.no_pdf:
            pdf_path = deckkit.convert_to_pdf(pptx_path, OUT_DIR)
            expected = [visible_lines(deck, s, i) for i, s in enumerate(deck.slides, start=1)]
            problems += deckkit.check_pdf(pdf_path, expected)
        for problem in problems:
            print("  " + problem)
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
