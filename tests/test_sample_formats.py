"""The three sample files (text export, PPTX rebuilt from it, PDF of that PPTX) read into
the same deck: same slides, same words on each slide, branding lines aside (the PPTX/PDF
carry one logo box where the export repeats it) and a word broken by a PDF line wrap aside."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import REPO
from pipeline.readers import read
from pipeline.textnorm import fold

STEM = "entretiens-jacques-cartier-2012"
FORMATS = ("txt", "pptx", "pdf")
BRANDING = {fold(item["text"]) for item in json.loads(
    (REPO / "tests" / "gold" / f"{STEM}.removal.json").read_text(encoding="utf-8"))["removed"]
    if item["reason"] == "branding"}
BRANDING_WORDS = {word for line in BRANDING for word in line.split()}


@pytest.fixture(scope="module")
def decks():
    return {fmt: read(REPO / "raw" / f"{STEM}.{fmt}") for fmt in FORMATS}


def _words(text: str) -> Counter[str]:
    return Counter(w for w in fold(text).split() if w not in BRANDING_WORDS)


def test_same_number_of_slides(decks) -> None:
    assert {fmt: len(deck.slides) for fmt, deck in decks.items()} == {fmt: 79 for fmt in FORMATS}


@pytest.mark.parametrize("fmt", ["pptx", "pdf"])
def test_each_slide_has_the_same_words(decks, fmt: str) -> None:
    differing = []
    for ours, theirs in zip(decks["txt"].slides, decks[fmt].slides):
        expected, found = _words(ours.text()), _words(theirs.text())
        missing, extra = expected - found, found - expected
        # A PDF line wrap may cut a long URL or word in two: same letters, other spaces.
        if sorted("".join(missing.elements())) != sorted("".join(extra.elements())):
            differing.append((ours.number, dict(missing), dict(extra)))
    assert not differing


def test_titles_come_from_the_title_placeholder(decks) -> None:
    pptx_titles = [s.title for s in decks["pptx"].slides]
    assert pptx_titles[0].startswith("25ème Entretiens Jacques CARTIER")
    assert sum(bool(t) for t in pptx_titles) >= 70
