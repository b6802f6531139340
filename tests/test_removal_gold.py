"""Removal quality against the hand-labelled ``tests/gold/*.removal.json``, for every format
of every deck: precision and recall of what was removed, content that must survive, the
organiser's branding gone in all its variants, and the PPTX and PDF losing the same things.

Run ``python scripts/removal_report.py`` for the table of figures."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from conftest import FIXTURES, REPO
from pipeline.config import Settings
from pipeline.model import Deck
from pipeline.readers import read
from pipeline.removal_eval import load_removal_gold, score_removals, words
from pipeline.stages import branding, decoration, detect_language, normalize
from pipeline.textnorm import fold

GOLD_DIR = REPO / "tests" / "gold"
DECK_DIRS = (REPO / "raw", FIXTURES / "decks")
FORMATS = ("txt", "pptx", "pdf")
PRECISION_FLOOR = 0.99
RECALL_FLOOR = 0.95
SAMPLE = "entretiens-jacques-cartier-2012"
# Every spelling of the sample's organiser branding (tests may name sample strings).
SAMPLE_BRANDING = ("saintetienne", "atelier visionnaire", "saintetienne atelier visionnaire",
                   "entretiens jacques cartier 2012", "entreprises sociales cartier 2012")
GOLDS = sorted(GOLD_DIR.glob("*.removal.json"))
CASES = [(gold.name.removesuffix(".removal.json"), fmt) for gold in GOLDS for fmt in FORMATS]


def deck_file(stem: str, fmt: str) -> Path | None:
    return next((p for p in (d / f"{stem}.{fmt}" for d in DECK_DIRS) if p.is_file()), None)


@cache
def cleaned(path: Path) -> Deck:
    """The deck through the stages that remove text (normalize → … → branding)."""
    settings = Settings().for_deck(path)
    deck = read(path, settings)
    for stage in (normalize, detect_language, decoration, branding):
        deck = stage.run(deck, settings)
    return deck


def cleaned_or_skip(stem: str, fmt: str) -> Deck:
    path = deck_file(stem, fmt)
    if path is None:
        pytest.skip(f"{stem}.{fmt} not built yet (looked in raw/ and tests/fixtures/decks/)")
    return cleaned(path)


def test_there_are_gold_files_for_the_sample_and_two_test_events() -> None:
    stems = {stem for stem, _ in CASES}
    assert SAMPLE in stems and len(stems) >= 3


@pytest.mark.parametrize("stem, fmt", CASES)
def test_removal_precision_and_recall(stem: str, fmt: str) -> None:
    deck = cleaned_or_skip(stem, fmt)
    score = score_removals(deck, load_removal_gold(GOLD_DIR / f"{stem}.removal.json"))
    assert not score.lost, f"content removed: {score.lost}"
    assert score.precision >= PRECISION_FLOOR, f"P={score.precision:.3f}, unexpected: {score.unexpected}"
    assert score.recall >= RECALL_FLOOR, f"R={score.recall:.3f}, missed: {score.missed}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_sample_keeps_its_title_and_loses_every_organiser_variant(fmt: str) -> None:
    deck = cleaned_or_skip(SAMPLE, fmt)
    assert fold("25ème Entretiens Jacques CARTIER") in fold(deck.slides[0].text())  # the PDF wraps it
    assert not leftovers(deck, set(SAMPLE_BRANDING))
    assert not any("cartier 2012" in fold(slide.text()) for slide in deck.slides)


@pytest.mark.parametrize("stem, fmt", [(s, f) for s, f in CASES if s != SAMPLE])
def test_test_decks_lose_every_organiser_variant(stem: str, fmt: str) -> None:
    deck = cleaned_or_skip(stem, fmt)
    gold = load_removal_gold(GOLD_DIR / f"{stem}.removal.json")
    assert not leftovers(deck, organiser_branding(gold, len(deck.slides)), gold.get("kept", []))


@pytest.mark.parametrize("stem", sorted({s for s, _ in CASES}))
def test_pptx_and_pdf_lose_the_same_things(stem: str) -> None:
    pptx, pdf = cleaned_or_skip(stem, "pptx"), cleaned_or_skip(stem, "pdf")
    removed_pptx, removed_pdf = removed_words(pptx), removed_words(pdf)
    differing = sum(((removed_pptx - removed_pdf) + (removed_pdf - removed_pptx)).values())
    assert differing <= 0.02 * sum(removed_pptx.values()), (removed_pptx - removed_pdf, removed_pdf - removed_pptx)


# -- helpers -----------------------------------------------------------------------------------

def removed_words(deck: Deck) -> Counter[tuple[int, str]]:
    return Counter((r.slide_no, w) for r in deck.removed for w in words(r.text))


def organiser_branding(gold: dict, slides: int) -> set[str]:
    """Branding the gold puts on the title slide or on a quarter of the slides, and every
    branding entry that is an OCR-damaged copy of it (a presenter's logo is not included)."""
    branding_entries = [e for e in gold["removed"] if e["reason"] == "branding"]
    spread = Counter(fold(e["text"]) for e in branding_entries)
    organiser = {key for key, n in spread.items() if n >= slides / 4}
    organiser |= {fold(e["text"]) for e in branding_entries if e["slide"] == 1}
    return organiser | {key for key in spread if any(fuzz.ratio(key, o) >= 75 for o in organiser)}


def leftovers(deck: Deck, keys: set[str], kept: list[dict] = ()) -> list[tuple[int, str]]:
    """Whole blocks or lines of ``text_clean`` that are one of ``keys`` (and not kept on purpose)."""
    found = []
    for slide in deck.slides:
        kept_here = {fold(k["text"]) for k in kept if k["slide"] == slide.number}
        for block in slide.content_blocks():
            for text in (block.text, *block.lines):
                if fold(text) in keys and fold(text) not in kept_here:
                    found.append((slide.number, text))
    return found
