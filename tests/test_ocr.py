"""OCR correction: the sample deck's errors repaired in every format, and everything a
careless corrector would break (names, acronyms, e-mails, URLs, amounts, other languages,
the archivist's keep-list) left exactly as it was."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from conftest import REPO
from pipeline.config import Overrides, Settings
from pipeline.model import Block, BlockKind, Deck, Slide
from pipeline.ocr import correct_lines, correct_text
from pipeline.ocr.lexicon import lexicon, skeleton, skeleton_index
from pipeline.ocr.tokens import DeckVocabulary, restore_case
from pipeline.stages.correct_ocr import run as correct_ocr

STEM = "entretiens-jacques-cartier-2012"
SAMPLE_LINES = (REPO / "raw" / f"{STEM}.txt").read_text(encoding="utf-8").split("\n")
SAMPLE_FIXES = [  # (damaged, repaired) as the deck has them
    ("suivi post-crétion", "suivi post-création"),
    ("le suivi post-crédation", "le suivi post-création"),
    ("TEXTILES TERMO-CHROMES", "TEXTILES THERMO-CHROMES"),
    ("CRÉATI FS", "CRÉATIFS"),
    ("AU CŒUR DE CREA FIL", "AU CŒUR DE CREAFIL"),
]
ACRONYMS = ("SCOP", "SCIC", "PTCE", "URSCOP", "CRESS")
PEOPLE = ("Ludovic NOEL", "Denis COLONGO", "Marie-Odile SASSO", "Cyril KRETZSCHMAR",
          "Maurice VINCENT", "Eric DACHEUX", "Dominique PARET", "Colin LEMAITRE",
          "Sandra VILLET", "Michel HALLET EGHAYAN", "Sylvie JACQUIN", "Julien De Sousa",
          "Gilles RENAUD", "Bertrand LORDON", "Lucie DELSART", "Simon MIROUZE",
          "Morad BACHIR-CHERIF", "Louis ROY", "Danièle DEMOUSTIER", "Carole TIMSTIT",
          "Christophe CHEVALIER", "Johanne LAVOIE")
ADDRESS = re.compile(r"[\w.+-]+@[\w.-]+\w|https?://[^\s<>]+|www[.-][^\s<>]+")


@pytest.fixture(scope="module")
def sample_vocabulary() -> DeckVocabulary:
    return DeckVocabulary.from_lines(SAMPLE_LINES, lexicon("fr"))


def _fix(lines: list[str], lang: str = "fr", **options) -> list[str]:
    return correct_lines(lines, lang, **options)[0]


# -- the sample deck -------------------------------------------------------------------------

@pytest.mark.parametrize("damaged, repaired", SAMPLE_FIXES)
def test_sample_errors_are_repaired(damaged: str, repaired: str, sample_vocabulary) -> None:
    assert _fix([damaged], deck_vocabulary=sample_vocabulary) == [repaired]


def test_whole_sample_text_repaired_and_nothing_protected_touched() -> None:
    fixed, fixes = correct_lines(SAMPLE_LINES, "fr")
    text = "\n".join(fixed)
    for damaged in ("crétion", "crédation", "TERMO-", "CRÉATI FS", "CREA FIL"):
        assert damaged not in text
    assert len(fixed) == len(SAMPLE_LINES)
    for applied in (f for f in fixes if f.applied):
        assert not any(word in applied.before for word in ACRONYMS)
        assert not ADDRESS.search(applied.before)


@pytest.fixture(scope="module", params=["txt", "pptx", "pdf"])
def corrected_sample(request) -> Deck:
    from pipeline.readers import read
    from pipeline.stages import run_stages

    deck = run_stages(read(REPO / "raw" / f"{STEM}.{request.param}"), Settings())
    return correct_ocr(deck, Settings())


def test_every_format_is_repaired(corrected_sample: Deck) -> None:
    text = "\n".join(slide.text() for slide in corrected_sample.slides)
    for wanted in ("suivi post-création", "post-création des projets", "THERMO-CHROMES",
                   "CRÉATIFS", "CREAFIL"):
        assert wanted in " ".join(text.split())
    for damaged in ("crétion", "crédation", "TERMO", "CRÉATI FS", "CREA FIL"):
        assert damaged not in text


def test_every_format_keeps_names_acronyms_addresses(corrected_sample: Deck) -> None:
    for slide in corrected_sample.slides:
        raw, clean = " ".join(slide.text(raw=True).split()), " ".join(slide.text().split())
        for protected in (*PEOPLE, *ACRONYMS, *ADDRESS.findall(raw)):
            if re.search(rf"(?<!\w){re.escape(protected)}(?!\w)", raw):
                assert protected in clean, (slide.number, protected)


def test_every_format_logs_corrections_and_keeps_raw(corrected_sample: Deck) -> None:
    applied = {(c.before, c.after) for c in corrected_sample.corrections if c.applied}
    assert {("crétion", "création"), ("crédation", "création"), ("TERMO", "THERMO"),
            ("CRÉATI FS", "CRÉATIFS"), ("CREA FIL", "CREAFIL")} <= applied
    assert all(c.stage == "correct_ocr" and c.slide_no >= 1 for c in corrected_sample.corrections)
    for _, block in corrected_sample.blocks():
        assert "crétion" not in block.text or "crétion" in block.raw
    assert any("crétion" in block.raw for _, block in corrected_sample.blocks())


# -- what must never change ------------------------------------------------------------------

UNTOUCHED = [
    ("names known to real text", "Aviator, un film sur la vie de Hughes.", "fr"),
    ("first names", "Alain et Hughes sont venus.", "fr"),
    ("œ words", "Au cœur du quartier, le coeur battant.", "fr"),
    ("e-mails and URLs", "Écrire à dcolongo@cress-rhone-alpes.org ou "
                         "<http://www.cress-rhone-alpes.org/cress/>, www-archer.fr", "fr"),
    ("numbers and amounts", "Coût : 4,2 M€, 650 000 €, 09h30-16h00, 25ème, 3 700 m², 2011-2017", "fr"),
    ("acronyms", "La SCOP, la SCIC, le PTCE, l'URSCOP et la CRESS.", "fr"),
    ("unknown names", "Carole TIMSTIT et Simon MIROUZE, Obeegadoo et Sakhnovski.", "fr"),
    ("French capitals without accents", "LES FONDAMENTAUX DE LA DEMARCHE", "fr"),
    ("reformed spelling", "Il faut connaitre son entrainement.", "fr"),
    ("an English line in a French deck", "The quick brown fox jumps over the lazy dog.", "fr"),
    ("English words in French", "Un workshop sur le clustering et le manufacturing.", "fr"),
    ("brand names in camel case", "Présenté sur PowerPoint et LinkedIn par McGregor.", "fr"),
    ("a French line in an English deck", "Le développement des territoires est au cœur du projet.", "en"),
    ("technical English", "The formattable subpattern of a bytearray with builtins.", "en"),
]


@pytest.mark.parametrize("what, line, lang", UNTOUCHED, ids=[case[0] for case in UNTOUCHED])
def test_left_untouched(what: str, line: str, lang: str) -> None:
    fixed, fixes = correct_lines([line], lang)
    assert fixed == [line]
    assert not [f for f in fixes if f.applied]


# -- what the error model repairs ------------------------------------------------------------

REPAIRED = [
    ("letter misread", "Les coopératlves du territoire.", "Les coopératives du territoire.", "fr"),
    ("digit for a letter", "La maison de 1'emploi.", "La maison de l'emploi.", "fr"),
    ("space inside a word", "Une économ ie sociale.", "Une économie sociale.", "fr"),
    ("rn for m", "Le cornité se réunit.", "Le comité se réunit.", "fr"),
    ("cl for d", "La clémarche est lancée.", "La démarche est lancée.", "fr"),
    ("lost accent", "Un developpement durable.", "Un développement durable.", "fr"),
    ("glued words", "Ils parlent dela création.", "Ils parlent de la création.", "fr"),
    ("space lost before a capital", "Les ateliers deLorraine.", "Les ateliers de Lorraine.", "fr"),
    ("deck spelling of a name", "Rhône-Alpcs et Rhône-Alpes, Alpes.",
     "Rhône-Alpes et Rhône-Alpes, Alpes.", "fr"),
    ("English misread", "The cornpany has a new rnanager.", "The company has a new manager.", "en"),
    ("English missing letter", "This is the defnition of the word.",
     "This is the definition of the word.", "en"),
]


@pytest.mark.parametrize("what, damaged, repaired, lang", REPAIRED, ids=[c[0] for c in REPAIRED])
def test_repaired(what: str, damaged: str, repaired: str, lang: str) -> None:
    assert _fix([damaged], lang) == [repaired]


@pytest.mark.parametrize("original, word, expected", [
    ("CRÉTION", "création", "CRÉATION"), ("Crétion", "création", "Création"),
    ("crétion", "création", "création"), ("CRETION", "création", "CREATION"),
])
def test_case_pattern_is_kept(original: str, word: str, expected: str) -> None:
    assert restore_case(original, word, caps_drop_accents=True) == expected


@pytest.mark.parametrize("damaged, repaired", [
    ("suivi post-crétion", "suivi post-création"),
    ("SUIVI POST-CRÉTION", "SUIVI POST-CRÉATION"),
    ("Crétion d'entreprises", "Création d'entreprises"),
])
def test_case_pattern_kept_in_text(damaged: str, repaired: str, sample_vocabulary) -> None:
    assert _fix([damaged], deck_vocabulary=sample_vocabulary) == [repaired]


# -- the archivist's overrides, suggestions, line structure ----------------------------------

def test_keep_list_and_replacements(sample_vocabulary) -> None:
    fixed, fixes = correct_lines(["AU CŒUR DE CREA FIL", "Rhône-Alpcs", "les coopératlves"], "fr",
                                 deck_vocabulary=sample_vocabulary,
                                 keep=["crea fil", "coopératlves"],
                                 replacements=[("Rhône-Alpcs", "Rhône-Alpes")])
    assert fixed == ["AU CŒUR DE CREA FIL", "Rhône-Alpes", "les coopératlves"]
    assert [(f.before, f.after, f.rule) for f in fixes] == [("Rhône-Alpcs", "Rhône-Alpes", "override")]


def test_uncertain_fixes_are_suggestions_only() -> None:
    fixed, fixes = correct_lines(["Le rematérialisation des contenus."], "fr")
    assert fixed == ["Le rematérialisation des contenus."]
    assert all(not f.applied for f in fixes)


def test_correct_text_keeps_every_line() -> None:
    text = "Le dévelop-\npement durable.\n\n  CRÉATI FS \n1'emploi\n"
    fixed = correct_text(text, "fr")
    assert fixed.count("\n") == text.count("\n")
    assert fixed == "Le dévelop-\npement durable.\n\n  CRÉATIFS \nl'emploi\n"


def test_correct_text_uses_the_overrides() -> None:
    settings = Settings(overrides=Overrides(correction_keep=("coopératlves",),
                                            replacements=(("Alpcs", "Alpes"),)))
    assert correct_text("Les coopératlves de Rhône-Alpcs", "fr", settings) == (
        "Les coopératlves de Rhône-Alpes")


def test_hyphenation_joined_on_the_first_line_in_the_stage_mode() -> None:
    fixed, fixes = correct_lines(["Le dévelop-", "pement, durable."], "fr", join_hyphenated=True)
    assert fixed == ["Le développement,", "durable."]
    assert fixes[0].rule == "hyphenation"


# -- the stage --------------------------------------------------------------------------------

def _deck(*texts: str, language: str = "fr") -> Deck:
    blocks = tuple(Block(BlockKind.BODY, text, text, f"line {i}") for i, text in enumerate(texts))
    return Deck("d", "d.txt", "text", "0", (Slide(1, blocks),), language=language)


def test_stage_uses_the_deck_overrides_and_records_names() -> None:
    from pipeline.records import Records, Speaker

    deck = _deck("Jean Alpcs parle de la crétion en Rhône-Alpes.",
                 "La création, la Région Rhône-Alpes, les Alpes.")
    settings = Settings(overrides=Overrides(replacements=(("parle", "parlait"),)))
    out = correct_ocr(deck, settings)
    assert out.slides[0].blocks[0].text == "Jean Alpes parlait de la création en Rhône-Alpes."
    assert out.slides[0].blocks[0].raw == deck.slides[0].blocks[0].raw
    assert [(c.before, c.after, c.rule, c.stage) for c in out.corrections] == [
        ("parle", "parlait", "override", "correct_ocr"),
        ("Alpcs", "Alpes", "confusion+deck", "correct_ocr"),
        ("crétion", "création", "missing+deck", "correct_ocr")]
    named = correct_ocr(replace(deck, records=Records(speakers=(Speaker("p1", "Jean Alpcs"),))),
                        Settings())
    assert named.slides[0].blocks[0].text == "Jean Alpcs parle de la création en Rhône-Alpes."


def test_stage_skips_a_deck_of_unknown_language() -> None:
    deck = _deck("Une crétion.", language="und")
    out = correct_ocr(deck, Settings())
    assert out.slides == deck.slides and out.corrections == ()
    assert "no lexicon" in out.warnings[-1]
    assert correct_ocr(deck, Settings(language="fr")).slides[0].blocks[0].text == "Une création."


def test_skeleton_index_groups_spellings_in_order() -> None:
    """The one-pass index agrees with skeleton() word by word and keeps the words' order."""
    words = ["creation", "création", "créations", "cœur", "coeur", "été", "ete", "naïve", "straße", "ǆ"]
    index = skeleton_index(words)
    expected: dict[str, list[str]] = {}
    for word in words:
        expected.setdefault(skeleton(word), []).append(word)
    assert {k: (v,) if isinstance(v, str) else v for k, v in index.items()} == \
        {k: tuple(v) for k, v in expected.items()}
    assert lexicon("fr").spellings("creation")[:1] == ("création",)
    assert lexicon("fr").spellings("no-such-skeleton") == ()
