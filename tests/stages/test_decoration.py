"""Decoration stage: page numbers, glyph-only lines, stray letters, icon fonts, bullets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings as hyp_settings, strategies as st

from pipeline.config import Overrides, Settings
from pipeline.model import BBox, Block, BlockKind, Deck, RemovalReason, Slide
from pipeline.stages import decoration

FILLER = "Some content of the slide"


def block(text: str, kind: BlockKind = BlockKind.BODY, raw: str | None = None, bbox: BBox | None = None) -> Block:
    return Block(kind, text, text if raw is None else raw, "test", bbox=bbox)


def deck(*slides: list[Block], language: str = "en") -> Deck:
    return Deck("d", "d.txt", "text", "", tuple(Slide(i, tuple(blocks)) for i, blocks in enumerate(slides, 1)),
                language=language)


def numbered_deck(lines_on_slide_3: list[str], slides: int = 5, language: str = "en") -> Deck:
    """A deck whose slides carry their number as a last block, plus lines to test on slide 3."""
    built = []
    for number in range(1, slides + 1):
        extra = [block(line) for line in lines_on_slide_3] if number == 3 else []
        built.append([block(f"{FILLER} {number}"), *extra, block(str(number))])
    return deck(*built, language=language)


def clean(d: Deck, **overrides) -> Deck:
    return decoration.run(d, Settings(overrides=Overrides(**overrides)))


def texts(d: Deck, number: int) -> list[str]:
    return [b.text for b in d.slides[number - 1].blocks if b.text]


def removed(d: Deck, number: int | None = None) -> list[tuple[str, RemovalReason]]:
    return [(r.text, r.reason) for r in d.removed if number is None or r.slide_no == number]


@pytest.mark.parametrize("line", [
    "3 / 5", "3/5", "- 3 -", "– 3 –", "Page 3", "page 3 of 5", "Slide 3", "p. 3", "3 of 5",
])
def test_explicit_page_numbers_go(line: str) -> None:
    out = clean(deck([block(FILLER)], [block(FILLER)], [block(FILLER), block(line)]))
    assert texts(out, 3) == [FILLER]
    assert removed(out, 3) == [(line, RemovalReason.PAGE_NUMBER)]


@pytest.mark.parametrize("line", ["Diapositive 3 sur 12", "Page 3 sur 12", "3 sur 12"])
def test_french_page_words_come_from_the_cue_file(line: str) -> None:
    out = clean(deck([block(FILLER)], [block(FILLER)], [block(FILLER), block(line)], language="fr"))
    assert removed(out, 3) == [(line, RemovalReason.PAGE_NUMBER)]


def test_bare_numbers_that_follow_the_slides_are_page_numbers() -> None:
    out = clean(numbered_deck([]))
    assert all(texts(out, n) == [f"{FILLER} {n}"] for n in range(1, 6))
    assert {r.reason for r in out.removed} == {RemovalReason.PAGE_NUMBER}


@pytest.mark.parametrize("line", ["7", "2011-2017", "3 700 m²", "Table ronde 2", "1- Qu'est-ce qu'un PTCE ?",
                                  "09h30-16h00", "650 000 €", "3/2"])
def test_numbers_that_are_content_stay(line: str) -> None:
    out = clean(numbered_deck([line]))
    assert line in texts(out, 3)
    assert "3" not in texts(out, 3)  # the slide's own number still goes


def test_a_number_equal_to_the_slide_number_higher_on_the_slide_stays() -> None:
    out = clean(numbered_deck(["3", "Step three"]))
    assert texts(out, 3) == [f"{FILLER} 3", "3", "Step three"]


def test_lone_numbers_without_a_numbering_pattern_stay() -> None:
    out = clean(deck([block("Results"), block("42")], [block("Costs"), block("7")]))
    assert not out.removed


def test_a_page_number_ending_a_footer_line_goes_alone() -> None:
    slides = [[block(FILLER), block(f"ACME Summit 2024 | {n}")] for n in range(1, 5)]
    out = clean(deck(*slides))
    assert texts(out, 2) == [FILLER, "ACME Summit 2024"]
    assert removed(out, 2) == [("2", RemovalReason.PAGE_NUMBER)]


@pytest.mark.parametrize("text, detail", [
    ("❑", "glyphs only"), ("• • •", "glyphs only"), ("▪ ▪ ▪", "glyphs only"), (".", "glyphs only"),
    ("** **", "empty emphasis"), ("e", "stray single letter"), ("e\ne", "stray single letter"),
    ("\uf0a7", "private-use character U+F0A7"),
])
def test_decoration_goes_and_is_logged_once_per_block(text: str, detail: str) -> None:
    out = clean(deck([block(FILLER), block(text)]))
    assert texts(out, 1) == [FILLER]
    assert [(r.text, r.reason, r.detail) for r in out.removed] == [(text, RemovalReason.DECORATION, detail)]


@pytest.mark.parametrize("text", ["»", "« Le travail »", "A", "B", "v.", "Q&A", "→ Next steps", "OK"])
def test_look_alikes_of_decoration_stay(text: str) -> None:
    out = clean(deck([block(FILLER), block(text)]))
    assert not out.removed


def test_a_letter_ending_a_wrapped_url_is_no_stray() -> None:
    url = "http://ville.montreal.qc.ca/portal/page?\n_pageid=95,251085&_dad=portal&_schema=PORTA\nl"
    out = clean(deck([block(url)]))
    assert not out.removed


def test_icon_font_characters_and_empty_emphasis_leave_the_words() -> None:
    out = clean(deck([block("\uf0a7 Emploi ** **")]))
    assert texts(out, 1) == ["Emploi"]
    assert removed(out) == [("\uf0a7", RemovalReason.DECORATION), ("** **", RemovalReason.DECORATION)]


def test_emphasis_around_words_is_not_empty_emphasis() -> None:
    out = clean(deck([block("**a** **b**")]))
    assert not out.removed


def test_table_cells_are_never_touched() -> None:
    cells = [Block(BlockKind.TABLE_CELL, t, t, "cell", row=0, col=i) for i, t in enumerate(["-", "e", "3"])]
    out = clean(deck([block(FILLER), *cells]))
    assert not out.removed and [b.text for b in out.slides[0].blocks[1:]] == ["-", "e", "3"]


def test_a_slide_number_placeholder_goes_unless_a_reader_put_a_logo_there() -> None:
    out = clean(deck([block(FILLER), block("1", BlockKind.SLIDE_NUMBER)],
                     [block(FILLER), block("PASSERELLES 37", BlockKind.SLIDE_NUMBER)]))
    assert removed(out, 1) == [("1", RemovalReason.PAGE_NUMBER)]
    assert texts(out, 2) == [FILLER, "PASSERELLES 37"]


def test_a_page_number_the_reader_took_for_a_list_item_is_recognised_from_raw() -> None:
    item = block("2 –", BlockKind.LIST_ITEM, raw="– 2 –")
    out = clean(deck([block(FILLER)], [block(FILLER), item]))
    assert removed(out, 2) == [("– 2 –", RemovalReason.PAGE_NUMBER)]


@pytest.mark.parametrize("text, kind, expected_text, expected_kind", [
    ("❑ Une procédure", BlockKind.BODY, "Une procédure", BlockKind.LIST_ITEM),
    ("- ❑ Une procédure", BlockKind.BODY, "Une procédure", BlockKind.LIST_ITEM),
    ("> Des Portes d'entrée", BlockKind.BODY, "Des Portes d'entrée", BlockKind.LIST_ITEM),
    ("- Plain item", BlockKind.BODY, "Plain item", BlockKind.LIST_ITEM),
    ("◆ Un outil", BlockKind.LIST_ITEM, "Un outil", BlockKind.LIST_ITEM),
    ("❖ Emploi", BlockKind.TITLE, "Emploi", BlockKind.TITLE),
    ("Intro\n❖ Emploi\n• Financement", BlockKind.BODY, "Intro\n- Emploi\n- Financement", BlockKind.BODY),
    ("=> Parc immobilier", BlockKind.BODY, "=> Parc immobilier", BlockKind.BODY),
    ("-20 % en un an", BlockKind.BODY, "-20 % en un an", BlockKind.BODY),
])
def test_bullet_glyphs_become_list_structure_not_removals(text: str, kind: BlockKind, expected_text: str,
                                                          expected_kind: BlockKind) -> None:
    out = clean(deck([block(text, kind)]))
    cleaned = out.slides[0].blocks[0]
    assert (cleaned.text, cleaned.kind) == (expected_text, expected_kind)
    assert cleaned.raw == text and not out.removed


def test_keep_list_protects_a_line() -> None:
    out = clean(deck([block(FILLER), block("e")], [block(FILLER), block("e")]), keep=("e",))
    assert not out.removed


_LINE = st.text(alphabet="ab12 .•❑◆-–/|*»e\uf0a7", max_size=12)


@hyp_settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_LINE, min_size=1, max_size=3), min_size=1, max_size=4))
def test_cleaning_twice_changes_nothing(slides: list[list[str]]) -> None:
    d = deck(*[[block(text) for text in texts_] for texts_ in slides])
    once = decoration.run(d, Settings())
    twice = decoration.run(once, Settings())
    assert [[(b.text, b.kind) for b in s.blocks] for s in twice.slides] == \
           [[(b.text, b.kind) for b in s.blocks] for s in once.slides]
    assert twice.removed == once.removed


# -- a footer and its page number on one line (layout text exports) ---------------------------

def footer_with_number_deck(form: str, gap: str = "            ", slides: int = 6) -> Deck:
    """Each slide ends with 'Harbour Days – 3 June 2025<gap><form of its number>', as a
    layout export writes a footer and its page number on one line (spaces squashed in text)."""
    built = []
    for number in range(1, slides + 1):
        page = form.format(n=number, total=slides)
        raw = f"Harbour Days – 3 June 2025{gap}{page}"
        built.append([block(f"{FILLER} {number}"), block(" ".join(raw.split()), raw=raw)])
    return deck(*built)


@pytest.mark.parametrize("form", ["p. {n}", "Page {n}", "{n} / {total}", "Slide {n} of {total}"])
def test_page_number_ending_a_footer_line_goes_and_the_footer_text_stays(form: str) -> None:
    out = clean(footer_with_number_deck(form))
    for number in range(1, 7):
        assert texts(out, number) == [f"{FILLER} {number}", "Harbour Days – 3 June 2025"]
    assert removed(out, 4) == [(form.format(n=4, total=6), RemovalReason.PAGE_NUMBER)]


def test_page_number_set_apart_by_a_separator_goes() -> None:
    out = clean(footer_with_number_deck("p. {n}", gap=" | "))
    assert texts(out, 2)[-1] == "Harbour Days – 3 June 2025"


def test_page_word_ending_a_sentence_stays() -> None:
    """'… on slide 4' with no gap before it is prose, even when it follows the slides."""
    out = clean(footer_with_number_deck("slide {n}", gap=" "))
    assert not out.removed


def test_trailing_page_forms_that_do_not_follow_the_slides_stay() -> None:
    built = [[block(FILLER), block(f"Room plan            p. {7 * n}", raw=f"Room plan            p. {7 * n}")]
             for n in range(1, 6)]
    assert not clean(deck(*built)).removed


# -- glyph-only rows kept by the readers are removed and logged -------------------------------

@pytest.mark.parametrize("row", ["◆ ◆ ◆", "-", "•"])
def test_a_glyph_row_from_a_reader_is_removed_and_logged(row: str) -> None:
    out = clean(deck([block(FILLER), block(row)]))
    assert texts(out, 1) == [FILLER]
    assert removed(out) == [(row, RemovalReason.DECORATION)]
