"""Text that repeats across slides: matching keys, fuzzy clusters, runs of slides.

Branding is found by repetition, not by a list, so the branding stage asks two questions
of a deck, both answered here without changing it:

1. Which blocks and lines are *the same text*? Compared after :func:`~pipeline.textnorm.fold`
   (no case, accents, punctuation or spacing differences), then fuzzily so that OCR damage
   ("GRENOBLE-ALPES MÉTROPOLE" / "MÉTROPOLIS") still matches. Fuzzy matching is kept
   strict — same numbers, same number of words — because slide series such as
   "TEXTILES ADAPTIFS" / "TEXTILES RÉACTIFS" differ by one word too.
2. On which slides, and how spread out? :func:`runs` cuts a cluster's slides into runs of
   near-consecutive slides (a presenter's section) versus repeats across the whole deck.

A :class:`Unit` is a whole block, or a stretch of its lines that stands on its own (a line
of a stacked logo, a footer merged into a text box) — never a piece of wrapped prose, so
"des Ateliers Créatifs à" / "Montréal." never counts as a "Montréal" logo.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from rapidfuzz import fuzz, process

from .model import BBox, Block, BlockKind, Deck
from .textnorm import fold

# Two texts are the same (OCR-damaged) text at or above this ratio, with the same number of
# words, each close to its counterpart ("scop"/"scic" are two words, "métropolis"/
# "métropole" and "forurn"/"forum" one word damaged), and the same numbers where both have one.
SAME_TEXT_SIMILARITY = 90
SAME_WORD_SIMILARITY = 70
# Two multi-line blocks that share a whole line are the same logo at or above this ratio.
ANCHORED_SIMILARITY = 85
# Keys longer than this are compared exactly only (branding lines are short).
MAX_FUZZY_KEY = 120
MIN_FUZZY_KEY = 6
# Line ends that carry a sentence on to the next line, and ends that close one.
_CONTINUED = re.compile(r"[,(\-–/&+]$")
_TERMINAL = re.compile(r"[.!?:;…)»\]]$")
# A line that ends like this after an open line is the end of a wrapped sentence.
_SENTENCE_END = re.compile(r"[.,;!?…]$")


@dataclass(frozen=True, slots=True)
class Unit:
    """A block, or a stretch of its lines that stands on its own, with its place and key."""

    slide_no: int
    slide_index: int
    block_index: int
    lines: tuple[int, ...] | None  # indexes into ``block.text.split("\n")``; None: the whole block
    text: str
    key: str
    block: Block

    @property
    def is_block(self) -> bool:
        return self.lines is None

    def line_indexes(self) -> list[int]:
        """Indexes (in ``block.text.split("\n")``) of the lines this unit covers."""
        if self.lines is not None:
            return list(self.lines)
        return [i for i, line in enumerate(self.block.text.split("\n")) if line.strip()]


@dataclass
class Cluster:
    """Units that carry the same text, wherever they are in the deck."""

    units: list[Unit] = field(default_factory=list)

    @property
    def slides(self) -> list[int]:
        return sorted({u.slide_no for u in self.units})

    @property
    def keys(self) -> set[str]:
        return {u.key for u in self.units}

    @property
    def text(self) -> str:
        """The most common spelling, on one line, for log details."""
        return " ".join(Counter(u.text for u in self.units).most_common(1)[0][0].split())


def matching_key(text: str) -> str:
    return fold(text)


def segments(lines: list[str], stopwords: frozenset[str] = frozenset()) -> list[list[int]]:
    """A block's lines cut where one does not carry on the sentence of the line above:
    the lines of a stacked logo come apart, a wrapped sentence stays whole."""
    parts: list[list[int]] = []
    for i, line in enumerate(lines):
        if parts and _continues(lines[i - 1], line, stopwords):
            parts[-1].append(i)
        else:
            parts.append([i])
    return parts


def _continues(prev: str, line: str, stopwords: frozenset[str]) -> bool:
    """``line`` carries on the sentence of ``prev`` ("… des Ateliers Créatifs à" / "Montréal.")."""
    prev, line = prev.rstrip(), line.strip()
    if _CONTINUED.search(prev):
        return True
    if _TERMINAL.search(prev):
        return False
    last_word = prev.rsplit(None, 1)[-1].casefold() if prev else ""
    return line[:1].islower() or _SENTENCE_END.search(line) is not None or last_word in stopwords


def units_of(deck: Deck, stopwords: frozenset[str] = frozenset()) -> list[Unit]:
    """Every comparable unit of the deck's visible text (table cells, notes and alt text
    are left out): each block, then each of its :func:`segments` when it has several.
    ``stopwords`` (the deck language's function words) tell a wrapped line's end."""
    units = []
    for slide_index, slide in enumerate(deck.slides):
        for block_index, block in enumerate(slide.blocks):
            if not block.kind.is_content or block.kind is BlockKind.TABLE_CELL:
                continue
            indexed = [(i, line) for i, line in enumerate(block.text.split("\n")) if line.strip()]
            if not indexed:
                continue
            whole = " ".join(line.strip() for _, line in indexed)
            units.append(Unit(slide.number, slide_index, block_index, None, whole, matching_key(whole), block))
            parts = segments([line for _, line in indexed], stopwords)
            for part in parts if len(parts) > 1 else ():
                text = " ".join(indexed[j][1].strip() for j in part)
                units.append(Unit(slide.number, slide_index, block_index, tuple(indexed[j][0] for j in part),
                                  text, matching_key(text), block))
    return [u for u in units if u.key]


def same_text(a: str, b: str, score: float | None = None) -> bool:
    """Strict fuzzy equality of two keys: OCR damage yes, a different word no."""
    if a == b:
        return True
    if not (MIN_FUZZY_KEY <= len(a) <= MAX_FUZZY_KEY and MIN_FUZZY_KEY <= len(b) <= MAX_FUZZY_KEY):
        return False
    if not _word_by_word(a, b):
        return False
    return (score if score is not None else fuzz.ratio(a, b)) >= SAME_TEXT_SIMILARITY


def _word_by_word(a: str, b: str) -> bool:
    """Same number of words, each one equal or an OCR-damaged copy of the other."""
    words_a, words_b = a.split(), b.split()
    return len(words_a) == len(words_b) and numbers_agree(a, b) and all(
        x == y or fuzz.ratio(x, y) >= SAME_WORD_SIMILARITY for x, y in zip(words_a, words_b))


def numbers_agree(a: str, b: str) -> bool:
    """Where both keys have a number at the same word, it is the same number ("Table ronde 1"
    is not "Table ronde 2"); a number facing a word must be its OCR copy ("2o12")."""
    for x, y in zip(a.split(), b.split()):
        if x == y or not (x.isdigit() or y.isdigit()):
            continue
        if (x.isdigit() and y.isdigit()) or fuzz.ratio(x, y) < SAME_WORD_SIMILARITY:
            return False
    return True


def cluster_units(units: list[Unit]) -> list[Cluster]:
    """Units grouped by same text (exact key, strict fuzzy, or a multi-line logo with one
    line OCR-damaged and the others identical)."""
    by_key: dict[str, list[Unit]] = defaultdict(list)
    lines_of: dict[str, set[str]] = defaultdict(set)
    for unit in units:
        by_key[unit.key].append(unit)
        if unit.is_block:
            lines_of[unit.key] = {matching_key(line) for line in unit.block.text.split("\n") if line.strip()}
    parent = {key: key for key in by_key}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a, b in _similar_pairs(list(by_key), lines_of):
        parent[find(a)] = find(b)
    groups: dict[str, Cluster] = defaultdict(Cluster)
    for key, members in by_key.items():
        groups[find(key)].units.extend(members)
    return list(groups.values())


def _similar_pairs(keys: list[str], lines_of: dict[str, set[str]]) -> Iterable[tuple[str, str]]:
    """Pairs of distinct keys that are the same text, compared only within groups of the
    same word count and the same numbers in the same places (necessary conditions for the
    strict match), so that a long deck of numbered lines stays cheap."""
    groups: dict[tuple[int, tuple[tuple[int, str], ...]], list[str]] = defaultdict(list)
    for key in keys:
        if MIN_FUZZY_KEY <= len(key) <= MAX_FUZZY_KEY:
            words = key.split()
            groups[len(words), tuple((i, w) for i, w in enumerate(words) if w.isdigit())].append(key)
    for group in groups.values():
        if len(group) < 2:
            continue
        scores = process.cdist(group, group, scorer=fuzz.ratio, score_cutoff=ANCHORED_SIMILARITY)
        for i, j in zip(*scores.nonzero()):
            if i >= j:
                continue
            a, b = group[i], group[j]
            if same_text(a, b, scores[i, j]) or (_same_logo(lines_of.get(a), lines_of.get(b))
                                                 and _word_by_word(a, b)):
                yield a, b


def _same_logo(a: set[str] | None, b: set[str] | None) -> bool:
    """Two multi-line blocks (already similar overall) that share at least one whole line."""
    return bool(a and b and len(a) == len(b) >= 2 and a & b)


def runs(slides: list[int], gap: int) -> list[list[int]]:
    """Sorted slide numbers cut wherever two neighbours are more than ``gap`` apart."""
    result: list[list[int]] = []
    for number in sorted(set(slides)):
        if result and number - result[-1][-1] <= gap:
            result[-1].append(number)
        else:
            result.append([number])
    return result


def grid_cell(bbox: BBox | None, step: float = 0.05) -> tuple[int, ...] | None:
    """The bbox snapped to a coarse grid: "the same place" on two slides of one deck."""
    if bbox is None:
        return None
    return tuple(round(v / step) for v in (bbox.x0, bbox.top, bbox.x1, bbox.bottom))
