"""The committed test decks and gold files agree with each other and with their generators.

The decks are made by scripts/make_sample_decks.py and scripts/make_test_decks.py (see
docs/test-decks.md).  These tests need no LibreOffice: they read the committed PDFs and
rebuild only the .txt, .pptx and gold files, which must come out identical.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

REPO = Path(__file__).resolve().parent.parent
SCRIPTS = REPO / "scripts"
DECKS_DIR = REPO / "tests" / "fixtures" / "decks"
GOLD_DIR = REPO / "tests" / "gold"
SAMPLE = REPO / "raw" / "entretiens-jacques-cartier-2012"
INVENTED = ("open-mobility-forum-2023", "journee-etude-olc-2023")
DECKS = {"entretiens-jacques-cartier-2012": SAMPLE,
         **{stem: DECKS_DIR / stem for stem in INVENTED}}
# The text reader's slide rule: two or more consecutive blank (or blank-looking) lines.
SLIDE_BREAK = re.compile(r"\n[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)+")

GOLD_KEYS = {"deck", "language", "event", "sessions", "speakers", "appearances", "projects",
             "not_people"}
EVENT_KEYS = {"title", "edition", "date", "theme", "place"}
SESSION_KEYS = {"key", "kind", "number", "title", "start_time", "end_time", "slide_first"}
SPEAKER_KEYS = {"name", "job_title", "organisation", "email", "url"}
APPEARANCE_KEYS = {"name", "session", "role", "project"}
PROJECT_KEYS = {"key", "title", "session", "presenters", "organisations", "urls"}
KINDS = {"welcome", "facilitation", "introduction", "programme", "round_table", "workshop",
         "keynote", "talk", "conclusion", "reception", "break", "other"}
ROLES = {"host", "facilitator", "moderator", "speaker", "presenter", "panelist", "other"}
REASONS = {"branding", "decoration", "duplicate", "page_number", "other"}
TIME = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$|^$")


def text_slides(stem: str) -> list[str]:
    text = DECKS[stem].with_suffix(".txt").read_text(encoding="utf-8")
    return [part for part in SLIDE_BREAK.split(text) if part.strip()]


def load_gold(name: str) -> dict:
    return json.loads((GOLD_DIR / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def generators():
    """The two generator modules, imported from scripts/ (they are not a package)."""
    sys.path.insert(0, str(SCRIPTS))
    try:
        import make_sample_decks
        import make_test_decks
    finally:
        sys.path.remove(str(SCRIPTS))
    return make_sample_decks, make_test_decks


@pytest.mark.parametrize("stem", DECKS)
def test_every_format_has_the_same_slide_count(stem: str) -> None:
    base = DECKS[stem]
    slides_in_text = len(text_slides(stem))
    slides_in_pptx = len(Presentation(base.with_suffix(".pptx")).slides)
    with pdfplumber.open(base.with_suffix(".pdf")) as pdf:
        pages_in_pdf = len(pdf.pages)
        assert all(page.chars for page in pdf.pages), "a PDF page without a text layer"
    assert slides_in_text == slides_in_pptx == pages_in_pdf


def test_sample_deck_has_79_slides() -> None:
    assert len(text_slides("entretiens-jacques-cartier-2012")) == 79


@pytest.mark.parametrize("stem", INVENTED)
def test_gold_file_has_the_readme_shape(stem: str) -> None:
    gold = load_gold(f"{stem}.json")
    assert set(gold) == GOLD_KEYS
    assert gold["deck"] == stem
    assert set(gold["event"]) == EVENT_KEYS
    slide_count = len(text_slides(stem))
    session_keys = {session["key"] for session in gold["sessions"]}
    project_keys = {project["key"] for project in gold["projects"]}
    speaker_names = {speaker["name"] for speaker in gold["speakers"]}
    for session in gold["sessions"]:
        assert set(session) == SESSION_KEYS and session["kind"] in KINDS
        assert TIME.match(session["start_time"]) and TIME.match(session["end_time"])
        assert 1 <= session["slide_first"] <= slide_count
    firsts = [session["slide_first"] for session in gold["sessions"]]
    assert firsts == sorted(firsts), "sessions must be in programme order"
    assert all(set(speaker) == SPEAKER_KEYS for speaker in gold["speakers"])
    for appearance in gold["appearances"]:
        assert set(appearance) == APPEARANCE_KEYS and appearance["role"] in ROLES
        assert appearance["name"] in speaker_names and appearance["session"] in session_keys
        assert appearance["project"] in project_keys | {""}
    for project in gold["projects"]:
        assert set(project) == PROJECT_KEYS and project["session"] in session_keys
        assert set(project["presenters"]) <= speaker_names
    assert not set(gold["not_people"]) & speaker_names


def _flat(text: str) -> str:
    """Whitespace folded, export markup (``**``) dropped: how removal texts are matched."""
    return " ".join(text.replace("**", "").split())


@pytest.mark.parametrize("stem", INVENTED)
def test_removal_gold_lines_are_on_their_slide(stem: str) -> None:
    removal = load_gold(f"{stem}.removal.json")
    assert set(removal) == {"removed", "kept"}
    slides = [_flat(slide) for slide in text_slides(stem)]
    for entry in removal["removed"]:
        assert entry["reason"] in REASONS
        assert _flat(entry["text"]) in slides[entry["slide"] - 1], entry
    for entry in removal["kept"]:
        assert _flat(entry["text"]) in slides[entry["slide"] - 1], entry


@pytest.mark.parametrize("stem", INVENTED)
def test_every_slide_but_the_title_slide_has_a_page_number_to_remove(stem: str) -> None:
    removal = load_gold(f"{stem}.removal.json")
    numbered = {entry["slide"] for entry in removal["removed"] if entry["reason"] == "page_number"}
    assert numbered == set(range(2, len(text_slides(stem)) + 1))


def test_generators_rebuild_the_committed_files(generators, tmp_path: Path) -> None:
    make_sample_decks, make_test_decks = generators
    make_sample_decks.build(SAMPLE.with_suffix(".txt"), tmp_path / "sample.pptx")
    assert (tmp_path / "sample.pptx").read_bytes() == SAMPLE.with_suffix(".pptx").read_bytes(), \
        "raw/*.pptx is stale: run python scripts/make_sample_decks.py"
    for deck in make_test_decks.EVENTS:
        assert make_test_decks.check_spec(deck) == []
        make_test_decks.write_text_outputs(deck, tmp_path / "decks", tmp_path / "gold")
        make_test_decks.build_pptx(deck, tmp_path / "decks" / f"{deck.stem}.pptx")
        for built in [*(tmp_path / "decks").glob(f"{deck.stem}.*"),
                      *(tmp_path / "gold").glob(f"{deck.stem}.*")]:
            committed = (DECKS_DIR if built.parent.name == "decks" else GOLD_DIR) / built.name
            assert built.read_bytes() == committed.read_bytes(), \
                f"{committed} is stale: run python scripts/make_test_decks.py"


@pytest.mark.parametrize("stem", DECKS)
def test_pptx_core_properties_are_fixed(stem: str) -> None:
    props = Presentation(DECKS[stem].with_suffix(".pptx")).core_properties
    assert props.created is not None and props.created == props.modified
    assert props.last_modified_by and props.revision == 1


def test_english_pptx_carries_the_awkward_structures() -> None:
    """The features a PPTX reader must cope with stay in the fixture."""
    prs = Presentation((DECKS_DIR / INVENTED[0]).with_suffix(".pptx"))
    shapes = [shape for slide in prs.slides for shape in slide.shapes]
    kinds = {shape.shape_type for shape in shapes}
    assert {MSO_SHAPE_TYPE.TABLE, MSO_SHAPE_TYPE.GROUP, MSO_SHAPE_TYPE.PICTURE} <= kinds
    pictures = [shape for shape in shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert all(picture._element.nvPicPr.cNvPr.get("descr") for picture in pictures)
    placeholder_kinds = {shape.placeholder_format.type for shape in shapes if shape.is_placeholder}
    assert {PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE} <= placeholder_kinds
    assert sum(slide.has_notes_slide for slide in prs.slides) == 2
    assert [slide._element.get("show") for slide in prs.slides].count("0") == 1
    sections = prs.part._element.findall(
        ".//{http://schemas.microsoft.com/office/powerpoint/2010/main}section")
    assert len(sections) == 2


def test_french_text_export_has_ocr_noise_the_pptx_has_not() -> None:
    base = DECKS_DIR / INVENTED[1]
    text = base.with_suffix(".txt").read_text(encoding="utf-8")
    pptx_text = "\n".join(shape.text_frame.text for slide in Presentation(base.with_suffix(".pptx")).slides
                          for shape in slide.shapes if shape.has_text_frame)
    for damaged, right in (("FORMA TION", "FORMATION"), ("1'emploi", "l'emploi"),
                           ("gouvemance", "gouvernance")):
        assert damaged in text and damaged not in pptx_text and right in pptx_text
