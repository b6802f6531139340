"""Branding stage: deck-wide branding, OCR variants, duplicated slides, section repeats,
content protection, thresholds on short and long decks, archivist overrides."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings as hyp_settings, strategies as st

from conftest import REPO
from pipeline.config import Overrides, Settings
from pipeline.model import BBox, Block, BlockKind, Deck, RemovalReason, Slide
from pipeline.readers import read
from pipeline.stages import branding, decoration, detect_language, normalize
from pipeline.stages.branding import Thresholds

SAMPLE = REPO / "raw" / "entretiens-jacques-cartier-2012.txt"
FOOTER_BOX = BBox(0.3, 0.94, 0.7, 0.98)
LOGO_BOX = BBox(0.85, 0.02, 0.98, 0.08)


def block(text: str, kind: BlockKind = BlockKind.BODY, bbox: BBox | None = None) -> Block:
    return Block(kind, text, text, "test", bbox=bbox)


def deck(*slides: list[Block | str], language: str = "en") -> Deck:
    built = tuple(Slide(i, tuple(b if isinstance(b, Block) else block(b) for b in blocks))
                  for i, blocks in enumerate(slides, 1))
    return Deck("d", "d.txt", "text", "", built, language=language)


def clean(d: Deck, settings: Settings | None = None) -> Deck:
    return branding.run(d, settings or Settings())


def text_of(d: Deck, number: int) -> list[str]:
    return [b.text for b in d.slides[number - 1].blocks if b.text]


def removals(d: Deck) -> list[tuple[int, str, RemovalReason]]:
    return [(r.slide_no, r.text, r.reason) for r in d.removed]


def content(n: int) -> str:
    return f"Unique point number {n} of the talk"


# -- thresholds ----------------------------------------------------------------------------------

@pytest.mark.parametrize("slides, wide, supported, gap", [(5, 3, 3, 3), (79, 16, 3, 4), (200, 40, 6, 10)])
def test_thresholds_adapt_to_deck_length(slides: int, wide: int, supported: int, gap: int) -> None:
    assert Thresholds.for_deck(slides) == Thresholds(slides, wide, supported, gap)


def test_five_slide_deck_footer_on_most_slides_goes_everywhere() -> None:
    d = deck(["Open Forum 2024", "Welcome"], *[[content(n), "Northwind Forum 2024"] for n in range(2, 6)])
    out = clean(d)
    assert all(text_of(out, n) == [content(n)] for n in range(2, 6))
    assert {r.detail for r in out.removed} == {"on 4 of 5 slides"}


def test_five_slide_deck_line_on_two_distant_slides_stays() -> None:
    d = deck(["Open Forum 2024", "Questions?"], [content(2)], [content(3)], [content(4)], [content(5), "Questions?"])
    assert not clean(d).removed


def test_two_hundred_slide_deck() -> None:
    slides = []
    for n in range(1, 201):
        blocks = [content(n)]
        if n > 1:
            blocks.append("Northwind Forum 2024")          # footer on 199 slides
        if n % 4 == 0:
            blocks.append("ORGANISER LOGO")                # on a quarter of the slides: spread, above 20 %
        if n % 7 == 0:
            blocks.append("Sponsored line")                # every 7th slide, below 20 %: a repeat
        if 50 <= n <= 59:
            blocks.append("GREENWAY LABS")                 # a presenter's logo on its run of slides
        if n in (20, 90, 160):
            blocks.append("Questions ?")                   # far apart: content each time
        slides.append(blocks)
    out = clean(deck(*slides))
    gone = {(slide, text) for slide, text, _ in removals(out)}
    assert ("Northwind Forum 2024") not in {t for n in range(1, 201) for t in text_of(out, n)}
    assert all((n, "ORGANISER LOGO") in gone for n in range(4, 201, 4))
    assert "Sponsored line" in text_of(out, 7)
    assert all((n, "Sponsored line") in gone for n in range(14, 201, 7))
    assert {r.reason for r in out.removed if r.text == "Sponsored line"} == {RemovalReason.DUPLICATE}
    assert "GREENWAY LABS" in text_of(out, 50)
    assert all((n, "GREENWAY LABS") in gone for n in range(51, 60))
    assert all("Questions ?" in text_of(out, n) for n in (20, 90, 160))
    assert all(content(n) in text_of(out, n) for n in range(1, 201))


# -- deck-wide branding and its variants ---------------------------------------------------------

def sample_like_deck() -> Deck:
    """A small deck shaped like the sample: title slide with the organiser's logo, a footer
    and an OCR-damaged copy of it, a presenter's introduction."""
    logo = "saintétienne\nAtelier Visionnaire"
    return deck(
        [block("25ème Entretiens Jacques CARTIER", BlockKind.TITLE), "21 novembre 2012", logo],
        ["Accueil", "Ludovic NOEL, Directeur,\nCité du design.", logo],
        [content(3), "Entretiens Jacques Cartier 2012"],
        [content(4), "saintetienne\nAtelier Visionnaire"],
        ["Entretiens Jacques Cartier 2012"],
        [content(6), "lescop\nEntretiens Jacques Cartier 2012\nSOCIÉTÉS COOPÉRATIVES\nET PARTICIPATIVES"],
        [content(7), "Entreprises Sociales Cartier 2012"],
        [content(8), logo],
        language="fr")


def test_organiser_branding_goes_in_every_variant_and_the_title_stays() -> None:
    out = clean(sample_like_deck())
    assert text_of(out, 1) == ["25ème Entretiens Jacques CARTIER", "21 novembre 2012"]
    assert text_of(out, 4) == [content(4)]
    assert text_of(out, 5) == []
    assert text_of(out, 6) == [content(6), "lescop\nSOCIÉTÉS COOPÉRATIVES\nET PARTICIPATIVES"]
    assert text_of(out, 7) == [content(7)]
    variant = next(r for r in out.removed if r.slide_no == 7)
    assert variant.reason is RemovalReason.BRANDING and variant.detail.startswith("variant of")


def test_a_multi_line_logo_is_one_removal() -> None:
    out = clean(sample_like_deck())
    first = [r for r in out.removed if r.slide_no == 1]
    assert [(r.text, r.reason) for r in first] == [("saintétienne\nAtelier Visionnaire", RemovalReason.BRANDING)]
    assert first[0].detail == "on 4 of 8 slides"


def test_an_organisation_named_in_an_introduction_stays() -> None:
    logo = "NORTHBANK\nurban lab"
    d = deck(["Open Mobility Forum", "Organised by Northbank Urban Lab", logo],
             *[[content(n), logo] for n in range(2, 6)],
             [content(6), "Olivia Grant, Director, Northbank Urban Lab"])
    out = clean(d)
    assert "Organised by Northbank Urban Lab" in text_of(out, 1)
    assert "Olivia Grant, Director, Northbank Urban Lab" in text_of(out, 6)
    assert {r.text for r in out.removed} == {logo}


def test_a_line_of_a_repeated_logo_is_no_evidence_on_its_own() -> None:
    logo = "OLC\nObservatoire Ligérien des Compétences"
    d = deck(["3e Journée d'étude de l'OLC", logo], *[[content(n), logo] for n in range(2, 8)],
             [content(8), "Observatoire Ligérien des Compétences\n#JEOLC2023"], language="fr")
    out = clean(d)
    assert text_of(out, 1) == ["3e Journée d'étude de l'OLC"]
    assert "Observatoire Ligérien des Compétences\n#JEOLC2023" in text_of(out, 8)


@pytest.mark.parametrize("first, second", [
    ("TEXTILES ADAPTIFS", "TEXTILES RÉACTIFS"),
    ("TEXTILES RÉFLÉCHISSANTS", "TEXTILES RÉTRO-RÉFLÉCHISSANTS"),
    ("Qu'est-ce qu'une Scop ?", "Qu'est-ce qu'une Scic ?"),
    ("Table ronde 1", "Table ronde 2"),
])
def test_a_series_of_different_titles_is_not_an_ocr_variant(first: str, second: str) -> None:
    out = clean(deck([content(1)], [block(first, BlockKind.TITLE)], [block(second, BlockKind.TITLE)]))
    assert not out.removed


@pytest.mark.parametrize("variant", ["Northbank Mobi1ity Forurn 2023", "Northbank Mobility Forum 2O23"])
def test_ocr_damaged_footer_goes(variant: str) -> None:
    slides = [[content(n), "Northbank Mobility Forum 2023"] for n in range(1, 10)]
    slides.append([content(10), variant])
    out = clean(deck(*slides))
    assert text_of(out, 10) == [content(10)]


# -- position from the format ---------------------------------------------------------------------

def test_footer_placeholders_spread_through_the_deck_go() -> None:
    footer = block("Confidential draft", BlockKind.FOOTER, FOOTER_BOX)
    slides = [[content(n)] + ([footer] if n in (2, 9, 16) else []) for n in range(1, 21)]
    out = clean(deck(*slides))
    assert [r.slide_no for r in out.removed] == [2, 9, 16]
    assert all(r.detail.endswith("footer placeholder") for r in out.removed)


def test_a_programme_line_echoed_by_the_next_slide_stays() -> None:
    programme = [block("Programme", BlockKind.TITLE), block("9:30", bbox=BBox(0.06, 0.30, 0.10, 0.33)),
                 block("Welcome and introduction", bbox=BBox(0.28, 0.30, 0.50, 0.33))]
    session = [block("Welcome and introduction", BlockKind.TITLE, BBox(0.19, 0.12, 0.62, 0.17)),
               block("9:30", bbox=BBox(0.06, 0.25, 0.11, 0.29)), block(content(3))]
    out = clean(deck([content(1)], programme, session))
    assert not out.removed


# -- duplicates ------------------------------------------------------------------------------------

def test_a_presenters_logo_stays_on_the_first_slide_of_its_run() -> None:
    slides = [[content(n)] for n in range(1, 13)]
    for n in (6, 7, 8):
        slides[n - 1].append(block("GREENWAY LABS", bbox=LOGO_BOX))
    out = clean(deck(*slides))
    assert "GREENWAY LABS" in text_of(out, 6)
    assert [(r.slide_no, r.reason, r.detail) for r in out.removed] == [
        (7, RemovalReason.DUPLICATE, "repeats slide 6"), (8, RemovalReason.DUPLICATE, "repeats slide 6")]


def test_a_running_logo_with_an_ocr_damaged_line_is_the_same_logo() -> None:
    d = deck([content(1)], [content(2), "GRENOBLE-ALPES\nMÉTROPOLE"], [content(3), "GRENOBLE-ALPES\nMÉTROPOLIS"])
    out = clean(d)
    assert removals(out) == [(3, "GRENOBLE-ALPES\nMÉTROPOLIS", RemovalReason.DUPLICATE)]


def test_a_wrapped_sentence_does_not_start_a_run() -> None:
    d = deck([content(1)], ["Gilles RENAUD, Directeur Général des Ateliers Créatifs à\nMontréal."],
             ["le chat des artistes", "Montréal"], language="fr")
    assert not clean(d).removed


def test_a_repeated_heading_stack_goes_with_its_extra_line() -> None:
    header = "STRATÉGIE DE\nDÉVELOPPEMENT\nÉCONOMIQUE\n2011-2017"
    d = deck([content(1)], [header, "MONTRÉAL", content(2)], [header + "\nMONTRÉAL", content(3)], language="fr")
    out = clean(d)
    assert text_of(out, 3) == [content(3)]
    assert removals(out) == [(3, header + "\nMONTRÉAL", RemovalReason.DUPLICATE)]


def test_a_fully_duplicated_slide_is_flagged() -> None:
    words = "DES ATELIERS\nD'ARTISTES\nABORDABLES"
    out = clean(deck([content(1)], [words], [content(3)], [content(4)], [content(5)], [content(6)], [words]))
    assert [(r.slide_no, r.reason, r.detail) for r in out.removed] == [
        (7, RemovalReason.DUPLICATE, "same as slide 2")]


def test_table_cells_are_never_removed() -> None:
    cell = Block(BlockKind.TABLE_CELL, "Yes", "Yes", "cell", row=1, col=1)
    assert not clean(deck(*[[content(n), cell] for n in range(1, 8)])).removed


# -- overrides -------------------------------------------------------------------------------------

def test_override_patterns_remove_lines_and_whole_logos() -> None:
    patterns = (re.compile(r"(?i)^made in romans$"), re.compile(r"(?i)^la chaussure éthique fabriquée à romans$"))
    d = deck([content(1), "Made in Romans", "LA CHAUSSURE ÉTHIQUE\nFabriquée à Romans", "Made in Romans - 26100"])
    out = clean(d, Settings(overrides=Overrides(branding_patterns=patterns)))
    assert text_of(out, 1) == [content(1), "Made in Romans - 26100"]
    assert all(r.reason is RemovalReason.BRANDING and "override pattern" in r.detail for r in out.removed)


def test_keep_list_wins_over_every_rule() -> None:
    d = sample_like_deck()
    out = clean(d, Settings(overrides=Overrides(keep=("Entretiens Jacques Cartier 2012",))))
    assert "Entretiens Jacques Cartier 2012" in text_of(out, 3)
    assert "lescop\nEntretiens Jacques Cartier 2012\nSOCIÉTÉS COOPÉRATIVES\nET PARTICIPATIVES" in text_of(out, 6)
    assert "saintétienne\nAtelier Visionnaire" not in text_of(out, 2)


def test_overrides_from_a_toml_file_beside_the_deck(tmp_path: Path) -> None:
    deck_path = tmp_path / "event.txt"
    slides = [f"{content(n)}\n\nACME Summit 2024" for n in range(1, 7)] + ["Made in Romans\n\nMontréal"] * 2
    deck_path.write_text("\n\n\n".join(slides), encoding="utf-8")
    (tmp_path / "event.deckpipe.toml").write_text(
        '[branding]\npatterns = ["(?i)^made in romans$"]\nkeep = ["ACME Summit"]\n', encoding="utf-8")
    settings = Settings().for_deck(deck_path)
    out = process(deck_path, settings)
    assert all("ACME Summit 2024" in text_of(out, n) for n in range(1, 7))
    assert [(r.slide_no, r.text) for r in out.removed if "override" in r.detail] == [(7, "Made in Romans"),
                                                                                      (8, "Made in Romans")]


_LINES = ["ACME Summit 2024", "ACME Summit 2O24", "NORTHWIND\nurban lab", "Questions ?", "DESIGN",
          "Made in Romans", "Made in Romans - 26100", "Gilles, Directeur à\nMontréal.", "Montréal",
          "GRENOBLE-ALPES\nMÉTROPOLE", "GRENOBLE-ALPES\nMÉTROPOLIS", "STRATÉGIE DE\nDÉVELOPPEMENT",
          "STRATÉGIE DE\nDÉVELOPPEMENT\nMONTRÉAL", "Unique A", "Unique B", "Unique C"]
_BLOCK = st.builds(block, st.sampled_from(_LINES), st.sampled_from([BlockKind.BODY, BlockKind.TITLE,
                                                                     BlockKind.FOOTER]))


@hyp_settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_BLOCK, max_size=4), min_size=1, max_size=12))
def test_cleaning_twice_changes_nothing(slides: list[list[Block]]) -> None:
    once = clean(deck(*slides))
    twice = clean(once)
    assert [s.text() for s in twice.slides] == [s.text() for s in once.slides]


# -- the sample deck -------------------------------------------------------------------------------

def process(path: Path, settings: Settings | None = None) -> Deck:
    settings = settings or Settings()
    d = read(path, settings)
    for stage in (normalize, detect_language, decoration, branding):
        d = stage.run(d, settings)
    return d


@pytest.fixture(scope="module")
def sample() -> Deck:
    return process(SAMPLE)


def test_sample_cleaning_is_idempotent(sample: Deck) -> None:
    again = branding.run(decoration.run(sample, Settings()), Settings())
    assert [s.text() for s in again.slides] == [s.text() for s in sample.slides]
    assert again.removed == sample.removed


def test_every_removal_names_slide_reason_and_what_was_seen(sample: Deck) -> None:
    assert sample.removed
    for removal in sample.removed:
        assert 1 <= removal.slide_no <= len(sample.slides)
        assert removal.text.strip() and removal.detail and removal.stage in ("decoration", "branding")


# -- content that repeats is not furniture ---------------------------------------------------

BODY_BOX = BBox(0.05, 0.25, 0.95, 0.85)


def test_a_label_repeated_on_consecutive_slides_stays() -> None:
    """'Panellists:' heading each panel's list is content, not a running header."""
    d = deck(["Harbour Days", "Welcome"],
             ["Panel A", "Panellists:\nAda North, engineer\nBo Lind, planner"],
             ["Panel B", "Panellists:\nCy Mora, farmer\nDee Park, cook"],
             [content(4)], [content(5)], [content(6)])
    out = clean(d)
    assert not out.removed
    assert text_of(out, 3)[1].startswith("Panellists:")


def test_a_name_heading_a_card_is_not_a_repeat_of_the_programme() -> None:
    """The programme (plain lines, as a PDF gives a table) names a speaker; the next slide's
    card starts with the same name somewhere else on the slide: content, kept."""
    programme = [block("Programme", BlockKind.TITLE, BBox(0.3, 0.1, 0.7, 0.16)),
                 block("Opening talk", bbox=BBox(0.2, 0.3, 0.5, 0.33)),
                 block("Dr Ada North", bbox=BBox(0.7, 0.3, 0.9, 0.33))]
    cards = [block("Speakers", BlockKind.TITLE, BBox(0.3, 0.1, 0.7, 0.16)),
             block("Dr Ada North\nHarbour engineer\nPort of Lune", bbox=BBox(0.05, 0.25, 0.4, 0.4))]
    out = clean(deck(["Harbour Days", "Welcome"], programme, cards, [content(4)], [content(5)]))
    assert not out.removed


def test_a_logo_line_at_the_same_place_of_a_placeholder_still_repeats() -> None:
    """A presenter's logo typed as the first line of the body placeholder on each of their
    slides is furniture (same box, same line), even with content below it."""
    d = deck(["Harbour Days", "Welcome"],
             [block("DUNE WORKS\nWhy dunes move", bbox=BODY_BOX)],
             [block("DUNE WORKS\nHow we measure them", bbox=BODY_BOX)],
             [block("DUNE WORKS\nWhat we found", bbox=BODY_BOX)],
             *[[content(n)] for n in range(5, 13)])
    out = clean(d)
    assert [(n, t) for n, t, _ in removals(out)] == [(3, "DUNE WORKS"), (4, "DUNE WORKS")]
    assert text_of(out, 2) == ["DUNE WORKS\nWhy dunes move"]


def test_the_organiser_named_in_a_speakers_card_stays_when_its_logo_goes() -> None:
    """The two-line logo goes on every slide; the same words written as one line in a card
    (a name above, a job) are the speaker's organisation."""
    logo = "TIDE LINE\ncollective"
    slides = [[logo, "Harbour Days"]] + [[logo, content(n)] for n in range(2, 6)]
    slides.append([logo, "Mo Reyes\nCommunity lead\nTide Line Collective"])
    out = clean(deck(*slides))
    assert text_of(out, 6) == ["Mo Reyes\nCommunity lead\nTide Line Collective"]
    assert all(text != logo for n in range(1, 7) for text in text_of(out, n))


def test_a_footer_line_inside_a_logo_block_still_goes() -> None:
    """The footer keeps its own shape when a text export merges it into a presenter's logo."""
    footer = "Harbour Days 2025"
    slides = [["Harbour Days 2025 – opening", "Welcome"]] + [[content(n), footer] for n in range(2, 7)]
    slides.append([content(7), "quaywise\nHarbour Days 2025\nSMALL BOATS MADE WELL"])
    out = clean(deck(*slides))
    assert text_of(out, 7) == [content(7), "quaywise\nSMALL BOATS MADE WELL"]


def test_a_cover_keeps_its_title_and_speaker_above_the_footer_that_repeats_them() -> None:
    """A Beamer footer ("Speaker  Talk title  N / 25") on every slide; the cover prints both
    in its body too: the footer copies go, the cover's own lines stay."""
    footer = [block("Ada Lovelace", BlockKind.FOOTER, BBox(0.06, 0.95, 0.2, 0.99)),
              block("Engines that compute", BlockKind.FOOTER, BBox(0.4, 0.95, 0.6, 0.99))]
    cover = [block("Engines that compute", bbox=BBox(0.2, 0.3, 0.8, 0.36)),
             block("Ada Lovelace", bbox=BBox(0.3, 0.45, 0.7, 0.5)), *footer]
    slides = [cover] + [[content(n), *footer] for n in range(2, 8)]
    cleaned = clean(deck(*slides))
    assert text_of(cleaned, 1) == ["Engines that compute", "Ada Lovelace"]
    assert all(text_of(cleaned, n) == [content(n)] for n in range(2, 8))
    assert (1, "Ada Lovelace", RemovalReason.BRANDING) in removals(cleaned)
