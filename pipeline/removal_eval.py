"""Score a processed deck's removals against hand-labelled expectations (``*.removal.json``).

The gold file lists, per slide of the text export, what must go (``removed``, with a
reason) and look-alike content that must stay (``kept``); see ``tests/gold/README.md``.
One gold file serves every format of a deck, so the comparison is made robust to how a
format groups and wraps text:

- texts are compared as words after :func:`~pipeline.textnorm.fold` (a line of glyphs only
  is one word, ``<glyphs>``), counted per slide; a PDF that wraps a removed line, or a PPTX
  that groups two lines in one box, scores the same as the text export;
- expectations are clipped to what the file holds: an entry whose words are not all on
  that slide of the file is not expected there (a rebuilt PPTX that shows a logo once
  where the text export repeats it four times expects one copy);
- precision = removed words that were expected / removed words;
  recall = expected words that were removed / expected words;
- ``lost`` lists ``kept`` entries missing from ``text_clean`` (content that must survive).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Deck, Slide
from .textnorm import fold

GLYPHS = "<glyphs>"


@dataclass(frozen=True)
class RemovalScore:
    """Word-level precision and recall of one deck's removals, and what went wrong."""

    removed_words: int
    expected_words: int
    matched_words: int
    unexpected: list[tuple[int, str]] = field(default_factory=list)  # (slide, removed text)
    missed: list[tuple[int, str]] = field(default_factory=list)      # (slide, expected text)
    lost: list[tuple[int, str]] = field(default_factory=list)        # (slide, kept text)

    @property
    def precision(self) -> float:
        return self.matched_words / self.removed_words if self.removed_words else 1.0

    @property
    def recall(self) -> float:
        return self.matched_words / self.expected_words if self.expected_words else 1.0


def load_removal_gold(path: str | Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def words(text: str) -> list[str]:
    """Matching words of a text; a text of glyphs only is the one word ``<glyphs>``."""
    key = fold(text)
    if key:
        return key.split()
    return [GLYPHS] if text.strip() else []


def score_removals(deck: Deck, gold: dict[str, Any]) -> RemovalScore:
    slides = {slide.number: slide for slide in deck.slides}
    predicted: dict[int, Counter[str]] = {}
    for removal in deck.removed:
        predicted.setdefault(removal.slide_no, Counter()).update(words(removal.text))
    available = {number: _raw_words(slide) for number, slide in slides.items()}
    expected: dict[int, Counter[str]] = {}
    clipped = []  # (entry, the words of it this file holds)
    for entry in gold.get("removed", []):
        here = available.get(entry["slide"], Counter())
        wanted = Counter(words(entry["text"]))
        wanted = wanted if not wanted - here else Counter()  # not in this file: not expected
        here.subtract(wanted)
        expected.setdefault(entry["slide"], Counter()).update(wanted)
        clipped.append((entry, wanted))

    matched = sum(sum((predicted.get(s, Counter()) & expected.get(s, Counter())).values())
                  for s in set(predicted) | set(expected))
    unexpected = [(r.slide_no, r.text) for r in deck.removed
                  if Counter(words(r.text)) - expected.get(r.slide_no, Counter())]
    unused = {s: Counter(c) for s, c in predicted.items()}
    missed = []
    for entry, wanted in clipped:
        have = unused.setdefault(entry["slide"], Counter())
        if wanted - have:
            missed.append((entry["slide"], entry["text"]))
        have.subtract(wanted & have)
    lost = [(k["slide"], k["text"]) for k in gold.get("kept", [])
            if k["slide"] in slides and _contains(slides[k["slide"]].text(raw=True), k["text"])
            and not _contains(slides[k["slide"]].text(), k["text"])]
    return RemovalScore(sum(sum(c.values()) for c in predicted.values()),
                        sum(sum(c.values()) for c in expected.values()), matched,
                        unexpected, missed, lost)


def _raw_words(slide: Slide) -> Counter[str]:
    """Words the file holds on this slide (each line of glyphs only counts once)."""
    counter: Counter[str] = Counter()
    for block in slide.content_blocks():
        for line in block.raw.split("\n"):
            counter.update(words(line))
    return counter


def _contains(text: str, part: str) -> bool:
    return f" {fold(part)} " in f" {fold(text)} "
