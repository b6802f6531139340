"""Held-out decks (tests/fixtures/heldout/): how the extraction and the cleaning generalise to
events nobody tuned the rules on. Every format of every held-out deck must score at least
the floors pinned in tests/fixtures/heldout/baseline.json (measured, rounded down to 2
decimals), so the figures can only go up. After an improvement, raise them with
``python scripts/heldout_report.py --floors`` (it never lowers a floor).
Figures and the failures behind them: docs/heldout-evaluation.md."""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO
from pipeline.evaluate import GATED, format_scores

HELDOUT = FIXTURES / "heldout"
SCRIPTS = REPO / "scripts"
BASELINE = json.loads((HELDOUT / "baseline.json").read_text(encoding="utf-8"))
STEMS = ("heldout-en-symposium", "heldout-fr-forum", "heldout-en-mixed")
FORMATS = ("txt", "pptx", "pdf")


def _import_scripts():
    """The report and the generator, imported from scripts/ (not a package)."""
    sys.path.insert(0, str(SCRIPTS))
    try:
        import heldout_report
        import make_heldout_decks
    finally:
        sys.path.remove(str(SCRIPTS))
    return heldout_report, make_heldout_decks


REPORT, GENERATOR = _import_scripts()
CASES = REPORT.cases()


@cache
def figures(deck_name: str) -> tuple[dict[str, float], str]:
    """Every pinned figure of one held-out deck file, and a readable report for failures."""
    gold_path, deck_path = next((g, d) for g, d in CASES if d.name == deck_name)
    scores, removal = REPORT.all_scores(gold_path, deck_path)
    return REPORT.flat(scores, removal), format_scores(scores) + f"\nremoval lost: {removal.lost}"


def test_every_held_out_deck_is_there_in_three_formats_with_floors() -> None:
    names = {deck.name for _, deck in CASES}
    expected = {f"{stem}.{fmt}" for stem in STEMS for fmt in FORMATS}
    assert expected <= names
    assert expected <= set(BASELINE)
    for name in expected:
        assert set(GATED) | set(REPORT.REMOVAL_METRICS) <= set(BASELINE[name]), name


@pytest.mark.parametrize("deck_name", sorted(BASELINE))
def test_scores_meet_their_floors(deck_name: str) -> None:
    found, report = figures(deck_name)
    below = {name: (round(found[name], 4), floor) for name, floor in BASELINE[deck_name].items()
             if found[name] < floor - 1e-9}
    assert not below, f"{deck_name} below its floors {below}\n{report}"


def test_floors_are_scores_rounded_to_two_decimals() -> None:
    for floors in BASELINE.values():
        assert all(0.0 <= value <= 1.0 and round(value, 2) == value for value in floors.values())


@pytest.mark.parametrize("stem", STEMS)
def test_committed_text_pptx_and_labels_match_the_generator(stem: str, tmp_path: Path) -> None:
    """The held-out files are rebuilt from scripts/make_heldout_decks.py, never hand-edited."""
    deck = next(d for d in GENERATOR.DECKS if d.stem == stem)
    assert (HELDOUT / f"{stem}.txt").read_text(encoding="utf-8") == GENERATOR.render_txt(deck)
    labels = GENERATOR.deckkit.gold_json(GENERATOR.removal_gold(deck))
    assert (HELDOUT / f"{stem}.removal.json").read_text(encoding="utf-8") == labels
    GENERATOR.build_pptx(deck, tmp_path / f"{stem}.pptx")
    assert (tmp_path / f"{stem}.pptx").read_bytes() == (HELDOUT / f"{stem}.pptx").read_bytes(), \
        f"{stem}.pptx is stale: run python scripts/make_heldout_decks.py"
    assert GENERATOR.check_gold(deck, HELDOUT / f"{stem}.json") == []

