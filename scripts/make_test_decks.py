"""Build the two invented test decks in three formats, with their gold files.

    python scripts/make_test_decks.py [--no-pdf]

For each event (``event_forum_en.py``, ``event_journee_fr.py``) writes ``tests/fixtures/decks/<stem>.txt`` (a text
export: slides separated by blank-line runs, markdown residue, OCR noise where the spec
asks), ``<stem>.pptx`` (python-pptx: real layouts; footer, date and slide-number
placeholders; logo and header text boxes; table, group, picture, notes, hidden slide,
sections) and ``<stem>.pdf`` (LibreOffice headless), then ``tests/gold/<stem>.json`` and
``tests/gold/<stem>.removal.json``.  Slide i is the same slide in every format.

Why one spec renders everything: the gold is only worth something if it cannot drift from
the decks, so the gold comes from the same object and :func:`check_spec` refuses a spec
whose gold names anything the deck does not say.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches

import deckkit
from deckkit import MarkupReader, Para
from deck_specs import DeckSpec, SlideSpec
from event_forum_en import FORUM
from event_journee_fr import JOURNEE

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from pipeline.textnorm import fold  # noqa: E402

DECKS_DIR = REPO / "tests" / "fixtures" / "decks"
GOLD_DIR = REPO / "tests" / "gold"
LAYOUTS = {"title": 0, "content": 1, "title_only": 5}
EVENTS = (FORUM, JOURNEE)
ALIGN = {"l": PP_ALIGN.LEFT, "r": PP_ALIGN.RIGHT, "c": PP_ALIGN.CENTER}
SLIDE_BREAK = "\n\n\n\n"
TABLE_CELL_SEPARATOR = "\t"


# --- what each slide shows, in shape order ------------------------------------------------

def number_text(deck: DeckSpec, slide: SlideSpec) -> tuple[str, str]:
    """Text before and after the slide-number field on ``slide``."""
    before, after = deck.number_formats[slide.number or deck.default_number]
    return before, after.format(total=len(deck.slides))


def blocks(deck: DeckSpec, slide: SlideSpec, position: int) -> list[tuple[str, list[str]]]:
    """(role, export lines) of every text-bearing shape of ``slide``, in shape order."""
    furniture: list[tuple[str, list[str]]] = []
    if slide.furniture:
        furniture.append(("header", [deck.header]))
    if slide.logo:
        furniture.append(("logo", list(deck.logos[slide.logo].lines)))
    content = [("title", [slide.title])]
    if slide.body:
        content.append(("body", list(slide.body)))
    if slide.table:
        content.append(("table", [TABLE_CELL_SEPARATOR.join(row) for row in slide.table]))
    if slide.group:
        content.append(("group", list(slide.group)))
    footers: list[tuple[str, list[str]]] = []
    if slide.furniture:
        footers.append(("footer", [slide.footer or deck.footer]))
        if slide.date and deck.date:
            footers.append(("date", [deck.date]))
        before, after = number_text(deck, slide)
        footers.append(("number", [f"{before}{position}{after}"]))
    ordered = furniture + content if deck.furniture_first else content + furniture
    return ordered + footers


def render_txt(deck: DeckSpec) -> str:
    """The deck as a text export, OCR noise of ``deck.txt_ocr`` included."""
    slides = []
    for position, slide in enumerate(deck.slides, start=1):
        text = "\n\n".join("\n".join(lines) for _role, lines in blocks(deck, slide, position))
        for key, right, damaged in deck.txt_ocr:
            if key == slide.key:
                text = text.replace(right, damaged, 1)
        slides.append(text)
    return SLIDE_BREAK.join(slides) + "\n"


def visible_lines(deck: DeckSpec, slide: SlideSpec, position: int) -> list[str]:
    """What the PDF page must show: every non-blank line, markup and bullet marks removed."""
    lines = []
    for role, export_lines in blocks(deck, slide, position):
        for line in export_lines:
            if role == "table":
                lines.extend(line.split(TABLE_CELL_SEPARATOR))
            elif not deckkit.is_blank(line):
                lines.append(MarkupReader().para(line).text)
    return lines


# --- gold -----------------------------------------------------------------------------------

def slide_numbers(deck: DeckSpec) -> dict[str, int]:
    return {slide.key: position for position, slide in enumerate(deck.slides, start=1)}


def gold(deck: DeckSpec) -> dict:
    """The gold file (tests/gold/README.md), sessions' slide keys turned into numbers."""
    numbers = slide_numbers(deck)
    sessions = [{key: value for key, value in session.items() if key != "slide"}
                | {"slide_first": numbers[session["slide"]]} for session in deck.gold["sessions"]]
    return {"deck": deck.stem, "language": deck.language, "event": deck.gold["event"],
            "sessions": sessions, "speakers": deck.gold["speakers"],
            "appearances": deck.gold["appearances"], "projects": deck.gold["projects"],
            "not_people": deck.gold["not_people"]}


ORGANISER_LOGO = "org"
REMOVAL_REASONS = {"header": "branding", "logo": "branding", "footer": "branding",
                   "date": "branding", "number": "page_number"}


def removal_gold(deck: DeckSpec) -> dict:
    """Every line a cleaner should remove per slide (with its reason), and look-alikes to keep."""
    removed, kept = [], []
    previous_logo = ""
    for position, slide in enumerate(deck.slides, start=1):
        for role, lines in blocks(deck, slide, position):
            if role in REMOVAL_REASONS:
                text = " ".join(deckkit.plain(line) for line in lines)
                if role == "logo" and slide.logo != ORGANISER_LOGO:
                    # A presenter's logo is content where its run starts, a duplicate after.
                    if slide.logo != previous_logo:
                        kept.append({"slide": position, "text": text})
                    else:
                        removed.append({"slide": position, "text": text, "reason": "duplicate"})
                    continue
                removed.append({"slide": position, "text": text, "reason": REMOVAL_REASONS[role]})
        previous_logo = slide.logo
        removed.extend({"slide": position, "text": line, "reason": "decoration"}
                       for line in slide.decoration)
        kept.extend({"slide": position, "text": line} for line in slide.kept)
    return {"removed": removed, "kept": kept}


def check_spec(deck: DeckSpec) -> list[str]:
    """Ways the gold could disagree with the deck; empty when the spec is consistent."""
    problems: list[str] = []
    numbers = slide_numbers(deck)
    if len(numbers) != len(deck.slides):
        problems.append("slide keys are not unique")
    text = "\n".join(deckkit.plain(line) for slide in deck.slides for line in
                     (slide.title, *slide.body, *slide.group, *(c for row in slide.table for c in row)))
    folded = fold(text)

    def said(value: str, what: str) -> None:
        if value and fold(value) not in folded:
            problems.append(f"{what} {value!r} is not in the deck")

    for slide in deck.slides:
        own = [deckkit.plain(line) for line in (slide.title, *slide.body)]
        problems.extend(f"{slide.key}: {line!r} is not a line of the slide"
                        for line in (*slide.decoration, *slide.kept) if line not in own)
    for key, right, _damaged in deck.txt_ocr:
        slide = deck.slides[numbers[key] - 1]
        if "\n".join((slide.title, *slide.body)).count(right) != 1:
            problems.append(f"OCR noise {right!r} must occur once on slide {key}")
    problems.extend(f"section starts at unknown slide {key}" for _n, key in deck.sections
                    if key not in numbers)
    session_keys = {session["key"] for session in deck.gold["sessions"]}
    project_keys = {project["key"] for project in deck.gold["projects"]}
    speakers = {speaker["name"] for speaker in deck.gold["speakers"]}
    words = set(folded.split())
    for session in deck.gold["sessions"]:  # a title may join the slide's title and subtitle
        if not set(fold(session["title"]).split()) <= words:
            problems.append(f"session title {session['title']!r} uses words not in the deck")
        if session["slide"] not in numbers:
            problems.append(f"session {session['key']} on unknown slide {session['slide']}")
    for speaker in deck.gold["speakers"]:
        for name in ("name", "job_title", "organisation", "email", "url"):
            said(speaker[name], f"speaker {name}")
    for appearance in deck.gold["appearances"]:
        if (appearance["name"] not in speakers or appearance["session"] not in session_keys
                or appearance["project"] not in project_keys | {""}):
            problems.append(f"appearance {appearance} names an unknown person, session or project")
    for project in deck.gold["projects"]:
        said(project["title"], "project title")
        for value in (*project["organisations"], *project["urls"]):
            said(value, "project organisation/url")
        problems.extend(f"presenter {name} is not a speaker" for name in project["presenters"]
                        if name not in speakers)
    for name in deck.gold["not_people"]:
        said(name, "not_people name")
        if fold(name) in {fold(speaker) for speaker in speakers}:
            problems.append(f"{name} is both a speaker and in not_people")
    return problems


# --- the PPTX -------------------------------------------------------------------------------

def _box(box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    return tuple(int(Inches(value)) for value in box)  # type: ignore[return-value]


def build_pptx(deck: DeckSpec, path: Path) -> None:
    prs = deckkit.new_presentation(deck.widescreen)
    for position, slide_spec in enumerate(deck.slides, start=1):
        _add_slide(prs, deck, slide_spec, position)
    if deck.sections:
        numbers = slide_numbers(deck)
        starts = [numbers[key] for _name, key in deck.sections] + [len(deck.slides) + 1]
        deckkit.add_sections(prs, [(name, starts[i], starts[i + 1] - 1)
                                   for i, (name, _key) in enumerate(deck.sections)])
    deckkit.set_core_properties(prs, deck.slides[0].title, deck.author, deck.created, deck.lang_tag)
    deckkit.save_deterministic(prs, path)


def _add_slide(prs, deck: DeckSpec, spec: SlideSpec, position: int) -> None:
    layout = prs.slide_layouts[LAYOUTS[spec.layout]]
    slide = prs.slides.add_slide(layout)
    if spec.hidden:
        slide._element.set("show", "0")
    lang = deck.lang_tag
    title = slide.shapes.title
    if spec.layout != "title":
        title.left, title.top, title.width, title.height = _box(deck.title_box)
    title_paras = [Para(MarkupReader().runs(spec.title))]
    _fill_fitting(title.text_frame, title_paras, title, 40 if spec.layout == "title" else 32, 20,
                  lang, spec.key)

    if spec.body:
        body = slide.placeholders[1]
        if spec.picture:
            left, top, height = body.left, body.top, body.height  # inherited from the layout
            body.left, body.top, body.width, body.height = left, top, Inches(7.4), height
            picture = slide.shapes.add_picture(_png_stream(), Inches(8.4), Inches(1.9),
                                               width=Inches(4.2))
            picture.name = "Photo"
            picture._element.nvPicPr.cNvPr.set("descr", spec.picture)
        reader = MarkupReader()
        paras = []
        for line in spec.body:
            if deckkit.is_blank(line):
                reader.reset()
                paras.append(Para([deckkit.Run(line)] if line else []))
            else:
                paras.append(reader.para(line))
        _fill_fitting(body.text_frame, paras, body, 24, 12, lang, spec.key)
    if spec.table:
        _add_table(slide, spec.table, lang)
    if spec.group:
        group = slide.shapes.add_group_shape()
        group.name = "Contact card"
        for index, line in enumerate(spec.group):
            deckkit.add_text_box(group, _box((8.6, 5.0 + 0.42 * index, 4.2, 0.42)),
                                 [f"**{line}**" if index == 0 else line], 14, lang)

    furniture = []
    if spec.furniture:
        furniture.append(deckkit.add_text_box(slide, _box(deck.header_box), [deck.header], 11, lang,
                                              ALIGN[deck.header_align], name="Running header"))
    if spec.logo:
        logo = deck.logos[spec.logo]
        furniture.append(deckkit.add_text_box(slide, _box(logo.box), list(logo.lines), 13, lang,
                                              ALIGN[logo.align], name=f"Logo {spec.logo}"))
    if deck.furniture_first:
        for index, shape in enumerate(furniture, start=2):
            slide.shapes._spTree.insert(index, shape._element)
    if spec.furniture:
        _add_footer_placeholders(slide, layout, deck, spec, position)
    if spec.notes:
        slide.notes_slide.notes_text_frame.text = spec.notes
    deckkit.remove_empty_placeholders(slide)


def _fill_fitting(text_frame, paras: list[Para], shape, largest: int, smallest: int, lang: str,
                  key: str) -> None:
    size = deckkit.fit_size(paras, shape.width, shape.height, largest, smallest)
    if not deckkit.fits(paras, size, shape.width, shape.height):
        raise SystemExit(f"slide {key}: text does not fit its box even at {size}pt; shorten it")
    deckkit.fill(text_frame, paras, size, lang)


def _add_table(slide, rows: tuple[tuple[str, ...], ...], lang: str) -> None:
    """A two-column programme table sized for a 16:9 slide (the English deck's)."""
    frame = slide.shapes.add_table(len(rows), len(rows[0]), Inches(0.67), Inches(1.75),
                                   Inches(12.0), Inches(0.44) * len(rows))
    frame.name = "Programme table"
    table = frame.table
    table.columns[0].width = Inches(3.0)
    table.columns[1].width = Inches(9.0)
    for row_index, row in enumerate(rows):
        table.rows[row_index].height = Inches(0.44)
        for column_index, value in enumerate(row):
            deckkit.fill(table.cell(row_index, column_index).text_frame,
                         [Para(MarkupReader().runs(value))], 16, lang)


def _add_footer_placeholders(slide, layout, deck: DeckSpec, spec: SlideSpec, position: int) -> None:
    """Footer, date and slide number as real placeholders cloned from the layout."""
    wanted = {PP_PLACEHOLDER.FOOTER: True, PP_PLACEHOLDER.DATE: bool(spec.date and deck.date),
              PP_PLACEHOLDER.SLIDE_NUMBER: True}
    for placeholder in layout.placeholders:
        if wanted.get(placeholder.placeholder_format.type):
            slide.shapes.clone_placeholder(placeholder)
    for placeholder in slide.placeholders:
        kind = placeholder.placeholder_format.type
        if kind == PP_PLACEHOLDER.FOOTER:
            deckkit.fill(placeholder.text_frame, [Para([deckkit.Run(spec.footer or deck.footer)])],
                         11, deck.lang_tag, PP_ALIGN.CENTER)
        elif kind == PP_PLACEHOLDER.DATE:
            deckkit.fill(placeholder.text_frame, [Para([deckkit.Run(deck.date)])], 11, deck.lang_tag)
        elif kind == PP_PLACEHOLDER.SLIDE_NUMBER:
            before, after = number_text(deck, spec)
            deckkit.add_field_paragraph(placeholder.text_frame, before, position, after, 11,
                                        deck.lang_tag, _field_id(position))


def _field_id(position: int) -> str:
    return f"{{B6F15528-21DE-4FAA-801E-{position:012d}}}"


def _png_stream() -> io.BytesIO:
    return io.BytesIO(deckkit.tiny_png())


# --- main -----------------------------------------------------------------------------------

def write_text_outputs(deck: DeckSpec, decks_dir: Path, gold_dir: Path) -> None:
    """The .txt export and both gold files (everything but the PPTX and the PDF)."""
    decks_dir.mkdir(parents=True, exist_ok=True)
    gold_dir.mkdir(parents=True, exist_ok=True)
    (decks_dir / f"{deck.stem}.txt").write_text(render_txt(deck), encoding="utf-8")
    for name, document in ((f"{deck.stem}.json", gold(deck)),
                           (f"{deck.stem}.removal.json", removal_gold(deck))):
        (gold_dir / name).write_text(deckkit.gold_json(document), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-pdf", action="store_true", help="skip LibreOffice (no PDFs)")
    args = parser.parse_args(argv)
    failed = False
    for deck in EVENTS:
        problems = check_spec(deck)
        if problems:
            print(f"{deck.stem}: spec inconsistent:\n  " + "\n  ".join(problems))
            failed = True
            continue
        write_text_outputs(deck, DECKS_DIR, GOLD_DIR)
        pptx_path = DECKS_DIR / f"{deck.stem}.pptx"
        build_pptx(deck, pptx_path)
        print(f"{deck.stem}: {len(deck.slides)} slides (.txt, .pptx, gold)")
        if args.no_pdf:
            continue
        pdf_path = deckkit.convert_to_pdf(pptx_path, DECKS_DIR)
        expected = [visible_lines(deck, slide, position)
                    for position, slide in enumerate(deck.slides, start=1)]
        pdf_problems = deckkit.check_pdf(pdf_path, expected)
        print(f"  {pdf_path.name}: {deckkit.pdf_page_count(pdf_path)} pages, "
              f"{len(pdf_problems)} problem(s) reading it back")
        for problem in pdf_problems:
            print("  " + problem)
        failed = failed or bool(pdf_problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
