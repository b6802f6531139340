"""The text / Markdown reader: encodings, slide boundaries, blocks, Markdown residue."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from pipeline import readers
from pipeline.config import Limits, Settings
from pipeline.errors import EmptyDeck, LimitExceeded
from pipeline.model import Block, BlockKind
from pipeline.readers.text import read
from pipeline.readers.text_inline import inline_to_plain
from conftest import REPO

SAMPLE = REPO / "raw" / "entretiens-jacques-cartier-2012.txt"


def _read_text(tmp_path: Path, text: str, name: str = "deck.txt", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return read(path, Settings())


def _texts(extracted) -> list[list[str]]:
    return [[b.text for b in slide.blocks] for slide in extracted.slides]


def _only_block(tmp_path: Path, text: str) -> Block:
    (slide,) = _read_text(tmp_path, text).slides
    (block,) = slide.blocks
    return block


# --- slide boundaries -------------------------------------------------------------------

def test_markitdown_markers_keep_the_deck_numbers_and_mark_notes(tmp_path: Path) -> None:
    text = ("<!-- Slide number: 2 -->\n# Intro\nBody line\n\n\n\nstill slide 2\n\n"
            "### Notes:\nSay hello first.\n\n"
            "<!-- Slide number: 5 -->\n# Last\n")
    extracted = _read_text(tmp_path, text, "deck.md")
    assert [s.number for s in extracted.slides] == [2, 5]
    assert extracted.properties["slide_boundaries"] == "markers"
    first = extracted.slides[0]
    assert first.title == "Intro"
    assert [b.text for b in first.blocks if b.kind is BlockKind.NOTES] == ["Say hello first."]
    assert "still slide 2" in first.text()  # blank-line runs do not split a marked export
    assert extracted.slides[1].title == "Last"


def test_markers_out_of_order_are_renumbered_and_preamble_kept(tmp_path: Path) -> None:
    text = "Preamble\n<!-- Slide number: 3 -->\nA\n<!-- Slide number: 3 -->\nB\n"
    extracted = _read_text(tmp_path, text, "deck.md")
    assert [(s.number, s.text()) for s in extracted.slides] == [(1, "Preamble\nA"), (2, "B")]
    assert len(extracted.warnings) == 2


def test_form_feeds_split_pages(tmp_path: Path) -> None:
    extracted = _read_text(tmp_path, "Page one\n\n\n\nstill one\fPage two\n\fPage three\f")
    assert extracted.properties["slide_boundaries"] == "form_feed"
    assert [s.number for s in extracted.slides] == [1, 2, 3]
    assert extracted.slides[0].text() == "Page one\nstill one"
    assert extracted.slides[1].blocks[0].source == "line 5"


def test_two_blank_lines_split_slides_one_does_not(tmp_path: Path) -> None:
    text = "One\n\nstill one\n\n\nTwo\n \u00a0\n\t\nThree\n\n\n\n\n\n"
    extracted = _read_text(tmp_path, text)
    assert extracted.properties["slide_boundaries"] == "blank_lines"
    assert _texts(extracted) == [["One", "still one"], ["Two"], ["Three"]]


def test_text_without_boundaries_is_one_slide(tmp_path: Path) -> None:
    extracted = _read_text(tmp_path, "Just a line\nand another")
    assert len(extracted.slides) == 1
    assert extracted.slides[0].blocks[0].text == "Just a line\nand another"


def test_white_space_only_file_is_refused_as_empty(tmp_path: Path) -> None:
    with pytest.raises(EmptyDeck) as err:
        _read_text(tmp_path, " \n\n\t\n")
    assert "deck.txt" in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("length, unit", [(30, "characters"), (50, "bytes")])  # 50 > 4 x 10 bytes
def test_text_limit_is_enforced(tmp_path: Path, length: int, unit: str) -> None:
    path = tmp_path / "long.txt"
    path.write_text("x" * length, encoding="utf-8")
    with pytest.raises(LimitExceeded, match=f"{length} {unit}.* > max_text_chars 10"):
        read(path, Settings(limits=Limits(max_text_chars=10)))


# --- encodings --------------------------------------------------------------------------

FRENCH = "Économie sociale — cœur « solidaire »\n\nPrésentée à Montréal, 20 €"


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("utf-16", "utf-16-le"),  # Python writes a little-endian BOM
    ("utf-16-le", "utf-16-le"),  # no BOM: found by the NUL pattern
    ("utf-16-be", "utf-16-be"),
    ("cp1252", "cp1252"),
])
def test_encodings_are_detected(tmp_path: Path, encoding: str, expected: str) -> None:
    extracted = _read_text(tmp_path, FRENCH, encoding=encoding)
    assert extracted.properties["encoding"] == expected
    assert _texts(extracted) == [["Économie sociale — cœur « solidaire »", "Présentée à Montréal, 20 €"]]


def test_short_cp1252_text_is_not_taken_for_a_central_european_code_page(tmp_path: Path) -> None:
    # charset-normalizer alone guesses mac_latin2 for this line.
    text = "Économie sociale et solidaire, accélérateur du développement — cœur « texte »"
    extracted = _read_text(tmp_path, text, encoding="cp1252")
    assert extracted.slides[0].blocks[0].text == text


def test_damaged_utf8_stays_utf8(tmp_path: Path) -> None:
    damaged = ("Économie sociale et solidaire, accélérateur " * 10).encode() + b"\xff end"
    (tmp_path / "damaged.txt").write_bytes(damaged)
    extracted = read(tmp_path / "damaged.txt", Settings())
    assert extracted.properties["encoding"] == "utf-8" and extracted.warnings
    assert extracted.slides[0].blocks[0].text.endswith("\ufffd end")


def test_charset_normalizer_guess_wins_when_cp1252_reads_as_mojibake(tmp_path: Path) -> None:
    text = "Привет, как дела? Это текст на русском языке."
    extracted = _read_text(tmp_path, text, encoding="cp1251")
    assert extracted.properties["encoding"] == "cp1251"
    assert extracted.slides[0].blocks[0].text == text


def test_bom_less_utf16_goes_through_the_dispatcher(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_bytes(FRENCH.encode("utf-16-le"))
    deck = readers.read(path)
    assert deck.format == "text"
    assert deck.slides[0].blocks[0].text.startswith("Économie")


def test_newlines_and_unicode_form_are_normalised(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Société")
    extracted = _read_text(tmp_path, f"{decomposed}\r\nligne 2\rligne 3\r\n\r\n\r\nSuite")
    assert _texts(extracted) == [["Société\nligne 2\nligne 3"], ["Suite"]]
    assert extracted.slides[1].blocks[0].source == "line 6"


# --- blocks -----------------------------------------------------------------------------

def test_paragraphs_are_blocks_and_consecutive_lines_stay_together(tmp_path: Path) -> None:
    (slide,) = _read_text(tmp_path, "Intro\n\nsaint\nAtelier Visionnaire\n\nlast").slides
    assert [b.text for b in slide.blocks] == ["Intro", "saint\nAtelier Visionnaire", "last"]
    assert [b.source for b in slide.blocks] == ["line 1", "line 3", "line 6"]


def test_list_lines_are_items_with_levels(tmp_path: Path) -> None:
    text = ("Points\n- one\n  - two\n    - three\n\t- tabbed\n* star\n+ plus\n"
            "1. first\n❑ glyph\n- ❑ dash and glyph\n> arrow\n➢ pointer")
    (slide,) = _read_text(tmp_path, text).slides
    items = [(b.text, b.level) for b in slide.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [("one", 0), ("two", 1), ("three", 2), ("tabbed", 1), ("star", 0), ("plus", 0),
                     ("1. first", 0), ("glyph", 0), ("dash and glyph", 0), ("arrow", 0), ("pointer", 0)]
    assert slide.blocks[0].text == "Points"


def test_one_space_indent_is_a_level_when_it_is_the_slides_step(tmp_path: Path) -> None:
    (slide,) = _read_text(tmp_path, "- top\n - sub\n- top again").slides
    assert [b.level for b in slide.blocks] == [0, 1, 0]


def test_indented_line_continues_a_list_item(tmp_path: Path) -> None:
    (slide,) = _read_text(tmp_path, "- a long item\n  that wraps\nNot a list").slides
    assert [(b.kind, b.text) for b in slide.blocks] == [
        (BlockKind.LIST_ITEM, "a long item\nthat wraps"), (BlockKind.BODY, "Not a list")]


def test_lone_bullet_is_kept_as_a_body_row_of_its_glyph(tmp_path: Path) -> None:
    """Never lose text silently: the decoration stage removes the glyph and logs it."""
    (slide,) = _read_text(tmp_path, "Title line\n\n-\n- real\n•").slides
    assert [(b.kind, b.text) for b in slide.blocks[1:]] == [
        (BlockKind.BODY, "-"), (BlockKind.LIST_ITEM, "real"), (BlockKind.BODY, "•")]
    assert slide.blocks[1].raw == "-"


def test_plain_title_rule(tmp_path: Path) -> None:
    text = ("Programme\n\nbody\n\n\n"
            "A sentence that ends here.\n\n\n"
            "Two lines\nare not a title\n\n\n"
            "one two three four five six seven eight nine ten eleven twelve thirteen\n\n\n"
            "someone_x@example.org\n\n\n"
            "Qu'est-ce qu'une Scop ?")
    kinds = [slide.blocks[0].kind for slide in _read_text(tmp_path, text).slides]
    assert kinds == [BlockKind.TITLE, BlockKind.BODY, BlockKind.BODY, BlockKind.BODY, BlockKind.BODY,
                     BlockKind.TITLE]


def test_markdown_headings_make_titles_and_disable_the_plain_rule(tmp_path: Path) -> None:
    text = "Intro text\n\n## First heading ##\n\n# Second heading\n\n\nShort line\n"
    first, second = _read_text(tmp_path, text, "deck.md").slides
    assert [(b.kind, b.text, b.bold) for b in first.blocks] == [
        (BlockKind.BODY, "Intro text", None), (BlockKind.TITLE, "First heading", None),
        (BlockKind.BODY, "Second heading", True)]
    assert second.blocks[0].kind is BlockKind.BODY  # the file has headings: no guessing


def test_pipe_table_becomes_cells_row_by_row(tmp_path: Path) -> None:
    text = "| Name | Role |\n|---|:---:|\n| Ann | **Chair** |\n| Bob |  |\nAfter"
    (slide,) = _read_text(tmp_path, text, "t.md").slides
    cells = [(b.row, b.col, b.text, b.bold, b.source) for b in slide.blocks if b.kind is BlockKind.TABLE_CELL]
    assert cells == [(1, 1, "Name", None, "line 1"), (1, 2, "Role", None, "line 1"),
                     (2, 1, "Ann", None, "line 3"), (2, 2, "Chair", True, "line 3"),
                     (3, 1, "Bob", None, "line 4")]
    assert slide.blocks[-1].kind is BlockKind.BODY and slide.blocks[-1].text == "After"


def test_image_alt_text_comments_and_code(tmp_path: Path) -> None:
    text = ("Before\n<!-- hidden\nstill hidden -->\nafter comment\n\n"
            "![Logo of the *event*](logo.png)\n\n```\n**not bold** &amp;\n```")
    (slide,) = _read_text(tmp_path, text, "x.md").slides
    assert [(b.kind, b.text) for b in slide.blocks] == [
        (BlockKind.BODY, "Before\nafter comment"), (BlockKind.ALT_TEXT, "Logo of the event"),
        (BlockKind.BODY, "**not bold** &amp;")]


# --- inline Markdown residue ------------------------------------------------------------

@pytest.mark.parametrize("raw, text", [
    ("Animée par **Eric DACHEUX**,", "Animée par Eric DACHEUX,"),
    ("THÉÂTRE *Libre* and _em_ here", "THÉÂTRE Libre and em here"),
    ("http://ville.montreal.qc.ca/portal/page?_pageid=95,251085&_dad=portal&_schema=PORTAL",
     "http://ville.montreal.qc.ca/portal/page?_pageid=95,251085&_dad=portal&_schema=PORTAL"),
    ("write to _jean_marc_dupont@mail_box.example.org_ now", "write to _jean_marc_dupont@mail_box.example.org_ now"),
    ("contact: jean_marc_dupont@example.org", "contact: jean_marc_dupont@example.org"),
    ("call my_snake_case_name or __init__ file", "call my_snake_case_name or init file"),
    ("<http://www.univ-bpclermont.fr/>", "http://www.univ-bpclermont.fr/"),
    ("see [the site](https://example.org/a_b_c)", "see the site (https://example.org/a_b_c)"),
    ("[https://example.org](https://example.org)", "https://example.org"),
    ("2\\. strange \\*literal\\*", "2. strange *literal*"),
    ("&amp; &lt; &gt; &quot; &#39; &#124; &vert;", "& < > \" ' | |"),
    ("keep &_dad=portal and a&b", "keep &_dad=portal and a&b"),
    ("d'**ART**isanat et **Innovation Sociale**.", "d'ARTisanat et Innovation Sociale."),
    ("rendre **plus solidaire, plus créatif.", "rendre plus solidaire, plus créatif."),
    ("a <b>tag</b> and<br/>a break", "a tag and\na break"),
    ("5 * 3 * 2 = 30 and 2*3*4", "5 * 3 * 2 = 30 and 2*3*4"),
    ("**bold url http://x.org/a_b**", "bold url http://x.org/a_b"),
    ("**a **b and _c _d", "a b and _c _d"),  # unpaired: stray ** dropped, _ kept
    ("[a]([a]([a](", "[a]([a]([a]("),
    ("[Wiki](https://en.wikipedia.org/wiki/Foo_(bar))", "Wiki (https://en.wikipedia.org/wiki/Foo_(bar))"),
])
def test_inline_markdown_to_plain_text(raw: str, text: str) -> None:
    assert inline_to_plain(raw)[0] == text


def test_whole_block_bold_is_flagged_partial_is_not(tmp_path: Path) -> None:
    assert inline_to_plain("**DES ATELIERS\nD'ARTISTES**") == ("DES ATELIERS\nD'ARTISTES", True)
    assert inline_to_plain(" **techtera**") == ("techtera", True)
    assert inline_to_plain("Animée par **Eric DACHEUX**,")[1] is False
    assert inline_to_plain("plain")[1] is False


# --- the sample deck --------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample():
    return read(SAMPLE, Settings())


def test_sample_deck_has_79_slides(sample) -> None:
    assert len(sample.slides) == 79
    assert sample.properties == {"encoding": "utf-8", "slide_boundaries": "blank_lines"}
    assert [s.number for s in sample.slides] == list(range(1, 80))


def test_sample_deck_blocks(sample) -> None:
    blocks = {b.text: b for slide in sample.slides for b in slide.blocks}
    assert sample.slides[1].title == "Accueil"
    assert "Animée par Eric DACHEUX,\nProfesseur en sciences de l'information" in "\n".join(blocks)
    url = "http://ville.montreal.qc.ca/portal/page?_pageid=95,251085&_dad=portal&_schema=PORTAL"
    assert blocks[url].source == "line 556"
    assert blocks["http://www.cress-rhone-alpes.org/cress/"].raw == "<http://www.cress-rhone-alpes.org/cress/>"
    assert blocks["DES ATELIERS\nD'ARTISTES\nABORDABLES\nPOUR ENRICHIR\nLA SOCIÉTÉ"].bold is True
    sub = blocks["Cabestan, Cluster Culture et Coopération, ELO / DLA Loire, LOIRE ACTIVE, MIFE, RAISO, "
                 "Talents Croisés, UASEL, URSCOP"]
    assert (sub.kind, sub.level) == (BlockKind.LIST_ITEM, 1)
    assert blocks["Emploi"].kind is BlockKind.LIST_ITEM and blocks["Emploi"].bold is True


def test_sample_deck_raw_text_is_preserved(sample) -> None:
    """Every non-blank line of the file is in exactly one block's raw, at its line number
    (the lone bullet '-' of line 512 included: a BODY row that decoration removes and logs)."""
    file_lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    seen: dict[int, str] = {}
    for slide in sample.slides:
        for block in slide.blocks:
            first = int(block.source.removeprefix("line "))
            for offset, raw_line in enumerate(block.raw.split("\n")):
                assert first + offset not in seen
                seen[first + offset] = raw_line
    expected = {number: line for number, line in enumerate(file_lines, start=1) if line.strip()}
    assert expected[512] == "-"
    assert seen == expected


def test_two_columns_laid_out_with_spaces_are_read_one_after_the_other(tmp_path: Path) -> None:
    text = ("# Meet the speakers\n\n"
            "Prof. Kenji WATANABE                        Dr Mateo Silva\n"
            "Professor of Bioengineering                 Research Software Engineer\n"
            "Kyoto Institute of Technology               University of Bristol\n"
            "                                            mateo.silva@bristol.ac.uk\n\n"
            "Open Lab Hardware Workshop 2024 · #OpenLabHW24          p. 3\n")
    assert _texts(_read_text(tmp_path, text)) == [[
        "Meet the speakers",
        "Prof. Kenji WATANABE\nProfessor of Bioengineering\nKyoto Institute of Technology",
        "Dr Mateo Silva\nResearch Software Engineer\nUniversity of Bristol\nmateo.silva@bristol.ac.uk",
        "Open Lab Hardware Workshop 2024 · #OpenLabHW24          p. 3",  # one line: no columns
    ]]


def test_a_line_running_across_the_gutter_keeps_the_paragraph_whole(tmp_path: Path) -> None:
    text = ("Name      Role\n"
            "Jane      Chair\n"
            "A sentence that runs right across where the second column starts\n")
    assert _texts(_read_text(tmp_path, text)) == [[text.rstrip("\n")]]
