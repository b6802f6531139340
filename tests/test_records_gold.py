"""Quality gate of the records extraction (like trafilatura's eval gate): every format of
every deck with a hand-made gold file must score at least the floors pinned in
tests/gold/baseline.json. Floors only go up (scripts/update_records_baseline.py)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO
from pipeline.evaluate import GATED, evaluate, format_scores, gold_cases, metric, records_of_file

GOLD_DIR = REPO / "tests" / "gold"
BASELINE = json.loads((GOLD_DIR / "baseline.json").read_text(encoding="utf-8"))
CASES = gold_cases(GOLD_DIR, (REPO / "raw", FIXTURES / "decks"))


@cache
def scores_of(gold_path: Path, deck_path: Path) -> dict:
    return evaluate(records_of_file(deck_path), json.loads(gold_path.read_text(encoding="utf-8")))


def test_the_sample_and_two_test_decks_are_gated_in_three_formats() -> None:
    decks = {deck.name for _, deck in CASES}
    for stem in ("entretiens-jacques-cartier-2012", "journee-etude-olc-2023", "open-mobility-forum-2023"):
        assert {f"{stem}.{fmt}" for fmt in ("txt", "pptx", "pdf")} <= decks


@pytest.mark.parametrize("gold_path, deck_path", CASES, ids=[deck.name for _, deck in CASES])
def test_scores_meet_their_floors(gold_path: Path, deck_path: Path) -> None:
    floors = BASELINE.get(deck_path.name)
    assert floors is not None, f"no floors for {deck_path.name}: run scripts/update_records_baseline.py"
    assert set(GATED) <= set(floors)
    scores = scores_of(gold_path, deck_path)
    below = {name: (metric(scores, name), floor) for name, floor in floors.items()
             if metric(scores, name) < floor - 1e-9}
    assert not below, f"{deck_path.name} below its floors {below}\n{format_scores(scores)}"


@pytest.mark.parametrize("gold_path, deck_path", CASES, ids=[deck.name for _, deck in CASES])
def test_no_credited_or_institutional_name_becomes_a_speaker(gold_path: Path, deck_path: Path) -> None:
    assert scores_of(gold_path, deck_path)["not_people"]["violations"] == []


def test_floors_are_scores() -> None:
    assert all(0.0 <= value <= 1.0 for floors in BASELINE.values() for value in floors.values())
