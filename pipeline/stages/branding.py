"""Take repeated branding, running headers and duplicated slides out of ``text_clean``.

Decisions come from the structure of the deck, never from a list of names:

1. **Overrides** first: the archivist's extra patterns remove what they match
   (``branding``); the keep-list protects lines from every rule below.
2. **Deck-wide branding** (``branding``): text that recurs, as a whole block or a whole
   line, on many slides spread through the deck — the organiser's logo and footer. Enough
   repetition alone (``WIDE_SHARE`` of the slides), or less with structural support: a
   footer/header/date placeholder, a top/bottom band or the same small box on most of its
   slides, furniture wording ("all rights reserved"), or an echo of the title slide (it
   sits on the title slide, or every word of it does).
3. **OCR variants** of that branding (``branding``): a standalone line close to it, with the
   same numbers and word count and one word in common ("Entreprises Sociales Cartier
   2012" for "Entretiens Jacques Cartier 2012").
4. **Section repeats** (``duplicate``): a presenter's logo or running title repeated on
   near-consecutive slides is kept where it first appears, removed on the rest of its run.
5. **Duplicated slides** (``duplicate``): a slide whose remaining text equals an earlier one.

Content is protected: the title slide's title (its line may resemble the footer but is the
event's name), a copy of placed furniture that sits out of the furniture's place on a slide
that also has the placed copy (a cover's title above the running footer that repeats it), text inside a longer line or a wrapped sentence (only whole blocks and
stand-alone lines are compared), table cells, and anything on the keep-list.

Thresholds adapt to the deck's length (:class:`Thresholds`); every removal says what was
seen ("on 9 of 79 slides, echoes the title slide", "repeats slide 26", "same as slide 36").
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..cleaning import KeepList, Verdict, apply_verdicts
from ..config import Settings
from ..cues import load_cues
from ..model import BBox, BlockKind, Deck, Removal, RemovalReason
from ..repetition import (SAME_WORD_SIMILARITY, Cluster, Unit, cluster_units, grid_cell,
                          matching_key, numbers_agree, runs, units_of)

STAGE = "branding"

WIDE_SHARE = 0.20       # on this share of the slides, repetition alone makes branding
SUPPORTED_SHARE = 0.03  # with structural support (position, title echo), this share is enough
RUN_GAP_SHARE = 0.05    # slides of one section's run may be this far apart (share of the deck)
MIN_WIDE, MIN_SUPPORTED, MIN_GAP = 3, 3, 3
MAX_BRANDING_WORDS = 15  # longer repeated text is content said again, unless in a placeholder or band
_FURNITURE_PLACES = ("placeholder", "band")
BAND = 0.12             # top and bottom bands of a slide, as a fraction of its height
SMALL_BOX = 0.15        # a box this small (share of the slide) in the same place is a logo/footer
SAME_PLACE = 0.03       # two boxes this close (share of the slide) are in the same place
VARIANT_SIMILARITY = 75
MIN_VARIANT_KEY = 8
MIN_DUPLICATE_SLIDE = 20  # characters of matching key; shorter slides are left to section runs
MAX_PASSES = 4            # a safety cap: decks settle after one or two passes
_BRANDING, _DUPLICATE = RemovalReason.BRANDING, RemovalReason.DUPLICATE
_TITLE_KINDS = (BlockKind.TITLE, BlockKind.SUBTITLE)


@dataclass(frozen=True)
class Thresholds:
    """How much repetition counts, for a deck of ``slides`` slides (5 or 200 alike)."""

    slides: int
    wide: int       # slides needed on repetition alone
    supported: int  # slides needed with structural support
    gap: int        # largest gap between two slides of one run

    @classmethod
    def for_deck(cls, slides: int) -> Thresholds:
        return cls(slides=slides,
                   wide=max(MIN_WIDE, math.ceil(WIDE_SHARE * slides)),
                   supported=max(MIN_SUPPORTED, math.ceil(SUPPORTED_SHARE * slides)),
                   gap=max(MIN_GAP, round(RUN_GAP_SHARE * slides)))

    def spread(self, slides: list[int]) -> bool:
        """Across the deck, not one section: several runs, or one covering half the deck."""
        return len(runs(slides, self.gap)) >= 2 or slides[-1] - slides[0] + 1 >= self.slides / 2


def run(deck: Deck, settings: Settings) -> Deck:
    """Clean until nothing more goes: taking a line out of a block can make the rest of
    the block match elsewhere, and a second run must change nothing (idempotence)."""
    for _ in range(MAX_PASSES):
        cleaned = clean_once(deck, settings)
        if len(cleaned.removed) == len(deck.removed):
            return cleaned
        deck = cleaned
    return deck


def clean_once(deck: Deck, settings: Settings) -> Deck:
    """One pass of the five steps of the module docstring."""
    if not deck.slides:
        return deck
    thresholds = Thresholds.for_deck(len(deck.slides))
    plan = _Plan(deck, KeepList(settings.overrides.keep))
    _apply_patterns(plan, settings.overrides.branding_patterns)

    stopwords = _stopwords(deck.language)
    units = units_of(deck, stopwords)
    clusters = cluster_units(units)
    title = _TitleSlide.of(deck)
    hints = _furniture_hints(deck.language)
    in_repeated_block = _segments_of_repeated_blocks(units)
    in_content = _lines_inside_content(units, clusters)
    wide: list[tuple[Cluster, str]] = []
    for cluster in clusters:
        independent = Cluster([u for u in cluster.units if u not in in_repeated_block])
        detail = deck_wide_evidence(independent, thresholds, title, hints) if independent.units else None
        if detail:
            wide.append((cluster, detail))
    plan.protected.update(title.protected_blocks({k for cluster, _ in wide for k in cluster.keys}))
    twins: set[Unit] = set()
    for cluster, detail in wide:
        shape = _usual_shape(cluster)
        if detail.endswith(_FURNITURE_PLACES):
            twins |= _content_twins(cluster)
        for unit in cluster.units:
            if unit not in twins and not (unit in in_content and _shape(unit) != shape):
                plan.remove(unit, _BRANDING, detail)
    _remove_variants(plan, [u for u in units if u not in twins], wide, in_content)
    wide_ids = {id(cluster) for cluster, _ in wide}
    _remove_section_repeats(plan, [c for c in clusters if id(c) not in wide_ids], thresholds, in_content)
    _remove_duplicate_slides(plan)
    return plan.apply()


def _segments_of_repeated_blocks(units: list[Unit]) -> set[Unit]:
    """Segments of a block that itself repeats: a multi-line logo is one unit, so its
    lines are no evidence on their own ("Observatoire …" under the "OLC" logo)."""
    slides_of_block_key: dict[str, set[int]] = defaultdict(set)
    block_key_at: dict[tuple[int, int], str] = {}
    for unit in units:
        if unit.is_block:
            slides_of_block_key[unit.key].add(unit.slide_no)
            block_key_at[unit.slide_index, unit.block_index] = unit.key
    return {u for u in units if not u.is_block
            and len(slides_of_block_key[block_key_at[u.slide_index, u.block_index]]) >= 2}


def _lines_inside_content(units: list[Unit], clusters: list[Cluster]) -> set[Unit]:
    """Lines that share their block with content: another line of the block that repeats
    nowhere (a name above, an e-mail below). Such a line is part of what the block says
    (a speaker's card naming the organiser), unless it keeps the furniture's own shape."""
    repeated: dict[tuple[int, int], set[int]] = defaultdict(set)
    for cluster in clusters:
        if len(cluster.slides) >= 2:
            for unit in cluster.units:
                repeated[unit.slide_index, unit.block_index].update(unit.line_indexes())
    inside = set()
    for unit in units:
        if unit.is_block:
            continue
        others = set(range(len(unit.block.text.split("\n")))) - set(unit.line_indexes())
        lines = unit.block.text.split("\n")
        if any(lines[i].strip() and i not in repeated[unit.slide_index, unit.block_index] for i in others):
            inside.add(unit)
    return inside


def _shape(unit: Unit) -> tuple[tuple[int, bool], ...]:
    """How the text is laid out: words per line and which lines are capitals. A logo keeps
    its shape (``OPEN LAB`` / ``network``) under OCR damage; a card naming the organiser
    writes it as a line of prose (``Open Lab Network``)."""
    lines = [unit.block.text.split("\n")[i] for i in unit.line_indexes()]
    return tuple((len(line.split()), line.isupper()) for line in lines)


def _usual_shape(cluster: Cluster) -> tuple[tuple[int, bool], ...]:
    return Counter(_shape(u) for u in cluster.units).most_common(1)[0][0]


# -- deck-wide branding ----------------------------------------------------------------------

@dataclass(frozen=True)
class _TitleSlide:
    """The first slide with text: its title is the event's name, its words are the echo test."""

    index: int
    number: int
    blocks: tuple[tuple[int, BlockKind, str], ...]  # (block index, kind, matching key)
    words: frozenset[str]

    @classmethod
    def of(cls, deck: Deck) -> _TitleSlide:
        for index, slide in enumerate(deck.slides):
            blocks = tuple((b, block.kind, matching_key(block.text)) for b, block in enumerate(slide.blocks)
                           if block.kind.is_content and block.kind is not BlockKind.TABLE_CELL
                           and block.text.strip())
            if blocks:
                return cls(index, slide.number, blocks, frozenset(matching_key(slide.text()).split()))
        return cls(-1, 0, (), frozenset())

    def protected_blocks(self, branding_keys: set[str]) -> set[tuple[int, int]]:
        """Its title and subtitle; when the format marks none, its first block that is not
        itself deck-wide branding (a logo often comes first)."""
        titles = [b for b, kind, _ in self.blocks if kind in _TITLE_KINDS]
        if not titles:
            titles = [b for b, _, key in self.blocks if key not in branding_keys][:1]
        return {(self.index, b) for b in titles}

    def echoed_by(self, cluster: Cluster) -> bool:
        if any(u.slide_no == self.number for u in cluster.units):
            return True
        words = Counter(u.key for u in cluster.units).most_common(1)[0][0].split()
        return (len(words) >= 2 and any(len(w) >= 4 and not w.isdigit() for w in words)
                and all(w in self.words for w in words))


def deck_wide_evidence(cluster: Cluster, thresholds: Thresholds, title: _TitleSlide,
                       hints: tuple[str, ...]) -> str | None:
    """Why this cluster is deck-wide branding ("on 9 of 79 slides, ..."), or None."""
    slides = cluster.slides
    if len(slides) < thresholds.supported:
        return None
    where = f"on {len(slides)} of {thresholds.slides} slides"
    spread = thresholds.spread(slides)
    position = _position_evidence(cluster)
    if position and spread and position.endswith(_FURNITURE_PLACES):
        return f"{where}, {position}"
    if min(len(u.key.split()) for u in cluster.units) > MAX_BRANDING_WORDS:
        return None
    if position and spread:
        return f"{where}, {position}"
    if len(slides) >= thresholds.wide and spread:
        return where
    if spread and any(h in u.text.casefold() for u in cluster.units for h in hints):
        return f"{where}, furniture wording"
    if title.echoed_by(cluster):
        return f"{where}, echoes the title slide"
    return None


def _in_furniture_place(unit: Unit) -> bool:
    bbox = unit.block.bbox
    return unit.block.kind.is_furniture or (bbox is not None and (bbox.top >= 1 - BAND or bbox.bottom <= BAND))


def _content_twins(cluster: Cluster) -> set[Unit]:
    """Copies of placed furniture that sit elsewhere on a slide that also has the placed copy:
    the talk's title and speaker on the cover, above the running footer that repeats them."""
    placed = {u.slide_no for u in cluster.units if _in_furniture_place(u)}
    return {u for u in cluster.units if u.slide_no in placed and not _in_furniture_place(u)}


def _position_evidence(cluster: Cluster) -> str | None:
    """Where the format says this is furniture: placeholder kind, page band, same small box."""
    need = max(2, len(cluster.slides) / 2)
    furniture = Counter()
    band, cells = set(), Counter()
    for slide_no, kind, bbox in {(u.slide_no, u.block.kind, u.block.bbox) for u in cluster.units}:
        if kind.is_furniture:
            furniture[kind] += 1
        if bbox is not None and (bbox.top >= 1 - BAND or bbox.bottom <= BAND):
            band.add(slide_no)
        small = bbox is not None and (bbox.x1 - bbox.x0) * (bbox.bottom - bbox.top) <= SMALL_BOX
        if small and kind not in _TITLE_KINDS:
            cells[grid_cell(bbox)] += 1
    if sum(furniture.values()) >= need:
        return f"{furniture.most_common(1)[0][0].value} placeholder"
    if len(band) >= need:
        return "in the top or bottom band"
    if cells and (same := cells.most_common(1)[0][1]) >= max(3, need):
        return f"same place on {same} slides"
    return None


def _stopwords(language: str) -> frozenset[str]:
    """Function words of the deck's language: a line ending with one is wrapped prose."""
    return frozenset(w.casefold() for w in load_cues("language", language).get("stopwords", []))


def _furniture_hints(language: str) -> tuple[str, ...]:
    hints = set()
    for lang in {language, "en"}:
        hints.update(h.casefold() for h in load_cues("branding", lang).get("furniture_hints", []))
    return tuple(sorted(hints))


def _remove_variants(plan: _Plan, units: list[Unit], wide: list[tuple[Cluster, str]],
                     in_content: set[Unit]) -> None:
    """OCR-damaged copies of deck-wide branding, too far from it for the strict match
    (a line inside content goes only in the branding's own shape)."""
    targets = [(key, cluster, detail) for cluster, detail in wide for key in cluster.keys
               if len(key) >= MIN_VARIANT_KEY and len(key.split()) >= 2]
    if not targets:
        return
    for unit in units:
        if len(unit.key) < MIN_VARIANT_KEY or plan.is_removed(unit):
            continue
        for key, cluster, detail in targets:
            score = _variant_score(unit.key, key)
            if score and not (unit in in_content and _shape(unit) != _usual_shape(cluster)):
                plan.remove(unit, _BRANDING, f"variant of '{cluster.text}' ({score:.0f}% alike), "
                                             f"which is {detail}")
                break


def _variant_score(candidate: str, key: str) -> float:
    """Similarity when ``candidate`` can be an OCR copy of ``key`` (same word count and
    numbers, a word in common, most words close to the word in the same place), else 0."""
    words, key_words = candidate.split(), key.split()
    if (len(words) != len(key_words) or not numbers_agree(candidate, key)
            or not 0.75 <= len(candidate) / len(key) <= 1.33
            or not {w for w in words if len(w) >= 3 and not w.isdigit()} & set(key_words)):
        return 0.0
    aligned = sum(fuzz.ratio(a, b) >= SAME_WORD_SIMILARITY for a, b in zip(words, key_words))
    if 2 * aligned < len(words):
        return 0.0
    score = fuzz.ratio(candidate, key)
    return score if score >= VARIANT_SIMILARITY else 0.0


# -- overrides, duplicates, section repeats --------------------------------------------------

def _apply_patterns(plan: _Plan, patterns: tuple[re.Pattern[str], ...]) -> None:
    """A line a pattern finds goes; so does a block whose lines, joined by spaces, it
    matches whole (a pattern can name a two-line logo)."""
    for slide_index, slide in enumerate(plan.deck.slides if patterns else ()):
        for block_index, block in enumerate(slide.blocks):
            if not block.kind.is_content:
                continue
            lines = [(i, line.strip()) for i, line in enumerate(block.text.split("\n")) if line.strip()]
            joined = " ".join(line for _, line in lines)
            for pattern in patterns:
                hits = [i for i, line in lines if pattern.fullmatch(joined) or pattern.search(line)]
                plan.remove_block_lines(slide_index, block_index, hits, _BRANDING,
                                        f"override pattern {pattern.pattern!r}")


def _remove_duplicate_slides(plan: _Plan) -> None:
    seen: dict[str, int] = {}
    for slide_index, slide in enumerate(plan.deck.slides):
        key = " ".join(matching_key(line) for b, block in enumerate(slide.blocks) if block.kind.is_content
                       for _, line in plan.remaining(slide_index, b))
        if len(key) < MIN_DUPLICATE_SLIDE:
            continue
        if key not in seen:
            seen[key] = slide.number
            continue
        for b, block in enumerate(slide.blocks):
            if block.kind.is_content:
                plan.remove_block_lines(slide_index, b, [i for i, _ in plan.remaining(slide_index, b)],
                                        _DUPLICATE, f"same as slide {seen[key]}")


def _remove_section_repeats(plan: _Plan, clusters: list[Cluster], thresholds: Thresholds,
                            in_content: set[Unit]) -> None:
    """Keep a run's first copy, remove later copies that play the same role. Copies already
    gone as branding neither start nor extend a run (a line under the organiser's logo is
    no section header), so a second pass sees the same runs."""
    for cluster in clusters:
        units = sorted((u for u in cluster.units if not plan.is_removed(u)),
                       key=lambda u: (u.slide_no, u.block_index))
        for run_slides in runs([u.slide_no for u in units], thresholds.gap):
            if len(run_slides) < 2:
                continue
            seen: list[Unit] = []
            placed = len(run_slides) == 2  # one repeat only: it must also keep its place
            for unit in (u for u in units if run_slides[0] <= u.slide_no <= run_slides[-1]):
                earlier = next((s for s in seen if s.slide_no < unit.slide_no
                                and _same_role(s, unit, placed, in_content)), None)
                if earlier:
                    plan.remove(unit, _DUPLICATE, f"repeats slide {earlier.slide_no}")
                seen.append(unit)


def _same_role(first: Unit, later: Unit, placed: bool, in_content: set[Unit]) -> bool:
    """A running header or logo keeps its role: a title stays a title and, when ``placed``
    and the format gives positions, a whole block stays in place. A programme line echoed
    by the next slide's title or time is not a running header. Neither is a label that
    introduces what follows (``Speakers:``), nor a line inside content (a name heading a
    speaker's card, echoing the programme) unless both copies sit at the same place: the
    same box and the same line of it."""
    if (first.block.kind in _TITLE_KINDS) != (later.block.kind in _TITLE_KINDS):
        return False
    if later.text.rstrip().endswith(":"):
        return False
    a, b = first.block.bbox, later.block.bbox
    if first in in_content or later in in_content:
        return (a is not None and b is not None and _same_place(a, b)
                and first.line_indexes()[:1] == later.line_indexes()[:1])
    if not (placed and first.is_block and later.is_block and a and b):
        return True
    return abs(a.x0 - b.x0) <= SAME_PLACE and abs(a.center_y - b.center_y) <= SAME_PLACE


def _same_place(a: BBox, b: BBox) -> bool:
    """Two boxes that start at the same point of the slide (a placeholder holds its lines there)."""
    return abs(a.x0 - b.x0) <= SAME_PLACE and abs(a.top - b.top) <= SAME_PLACE


class _Plan:
    """What goes, line by line, before anything is rebuilt (first verdict wins)."""

    def __init__(self, deck: Deck, keep: KeepList) -> None:
        self.deck = deck
        self.keep = keep
        self.protected: set[tuple[int, int]] = set()
        self.verdicts: dict[tuple[int, int], dict[int, Verdict]] = defaultdict(dict)

    def remaining(self, slide_index: int, block_index: int) -> list[tuple[int, str]]:
        done = self.verdicts.get((slide_index, block_index), {})
        lines = self.deck.slides[slide_index].blocks[block_index].text.split("\n")
        return [(i, line) for i, line in enumerate(lines) if line.strip() and i not in done]

    def is_removed(self, unit: Unit) -> bool:
        done = self.verdicts.get((unit.slide_index, unit.block_index), {})
        return all(i in done for i in unit.line_indexes())

    def remove(self, unit: Unit, reason: RemovalReason, detail: str) -> None:
        self.remove_block_lines(unit.slide_index, unit.block_index, unit.line_indexes(), reason, detail)

    def remove_block_lines(self, slide_index: int, block_index: int, lines: list[int],
                           reason: RemovalReason, detail: str) -> None:
        if (slide_index, block_index) in self.protected:
            return
        text = self.deck.slides[slide_index].blocks[block_index].text.split("\n")
        done = self.verdicts[slide_index, block_index]
        for i in lines:
            if i not in done and not self.keep.protects(text[i]):
                done[i] = Verdict(reason, detail)

    def apply(self) -> Deck:
        slides, removals = [], []
        for slide_index, slide in enumerate(self.deck.slides):
            blocks = list(slide.blocks)
            for block_index, block in enumerate(blocks):
                verdicts = self.verdicts.get((slide_index, block_index))
                if verdicts:
                    blocks[block_index], logged = apply_verdicts(slide.number, block, verdicts, STAGE)
                    removals.extend(logged)
            slides.append(slide.with_blocks(blocks))
        return self.deck.with_slides(slides, removed=self.deck.removed + tuple(removals))
