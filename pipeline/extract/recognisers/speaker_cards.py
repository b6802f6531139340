"""Speaker cards side by side or in a grid: a name, and under it the job and organisation.

``Ada Byron / Project Leader, Genome Unit, Institute X`` beside ``Mary Ann
Somerville / Outreach Officer, …``, the middle card lower. Text order interleaves such
cards (names first, then affiliations), so each name is paired by position: its affiliation
is the nearest box below it that overlaps it horizontally, within ``MAX_GAP`` of the slide's
height. A name line holds one person and nothing else; a name with little evidence of its
own counts only with an affiliation under it. A name right
under a quotation is its attribution (a testimonial), not a card. ``MIN_CARDS`` cards make
the layout; the people are listed, with no session (the slide says who they are, not what
they give). A slide with times or session headings is a programme: its people are its
sessions', read by the programme readers.
"""

from __future__ import annotations

from ..contacts import is_contact_line
from ..lines import Line
from ..sessions import parse_heading
from .candidate import Candidate, Context, Listing
from .timed_list import entry_time

NAME = "speaker_cards"
SCORE = 0.75
MIN_CARDS = 2
MAX_GAP = 0.08
# A name with little evidence of its own (a rarer given name) is a card's
# only with its affiliation under it; a strong one may stand alone.
WEAK_NAME, STRONG_NAME = 0.4, 0.6
_QUOTE_MARKS = ("«", "»", "“", "”", '"')


def _overlaps(a: Line, b: Line) -> bool:
    return a.bbox is not None and b.bbox is not None and min(a.bbox.x1, b.bbox.x1) > max(a.bbox.x0, b.bbox.x0)


def _nearest_below(name: Line, lines: list[Line], names: set[int]) -> Line | None:
    """The first box under ``name`` in its column, close enough to be the same card."""
    below = [line for line in lines if line.index not in names and not line.is_title and _overlaps(name, line)
             and 0 <= line.bbox.top - name.bbox.bottom <= MAX_GAP]  # type: ignore[union-attr]
    return min(below, key=lambda line: (line.bbox.top, line.index), default=None)  # type: ignore[union-attr]


def _attributed(name: Line, lines: list[Line]) -> bool:
    """A quotation ends just above the name: the name signs a testimonial."""
    above = [line for line in lines if _overlaps(name, line) and line.bbox.bottom <= name.bbox.top + 1e-6  # type: ignore[union-attr]
             and name.bbox.top - line.bbox.bottom <= MAX_GAP]  # type: ignore[union-attr]
    nearest = max(above, key=lambda line: (line.bbox.bottom, line.index), default=None)  # type: ignore[union-attr]
    return nearest is not None and (nearest.text.rstrip().endswith(_QUOTE_MARKS)
                                    or nearest.text.lstrip().startswith(_QUOTE_MARKS))


def propose(ctx: Context) -> list[Candidate]:
    candidates = []
    for slide_no, lines in ctx.slides().items():
        if any(entry_time(line.text) or parse_heading(line.text, ctx.lex) for line in lines):
            continue  # a programme's people are its sessions' (the walk and the programme readers')
        placed = [line for line in lines if line.bbox is not None]
        names = {}
        for line in placed:
            if line.is_title or is_contact_line(line.text):
                continue
            people = ctx.people.listed_people(line.text, min_evidence=WEAK_NAME)
            if people and len(people) == 1 and not people[0][1]:
                names[line.index] = (line, people[0])
        if len(names) < MIN_CARDS:
            continue
        cards = []
        for line, person in names.values():
            if _attributed(line, placed):
                continue
            below = _nearest_below(line, placed, set(names))
            if below is not None or person[2] >= STRONG_NAME:
                cards.append((line, person, below))
        if len(cards) < MIN_CARDS or sum(1 for _, _, below in cards if below is not None) < MIN_CARDS:
            continue
        evidence = f"{len(cards)} cards on slide {slide_no}: a name, its affiliation below it"
        claimed = {line.index for line, _, _ in cards} | {below.index for _, _, below in cards if below is not None}
        candidate = Candidate(NAME, frozenset(claimed), SCORE, evidence)
        for line, (name, _, score), below in cards:
            mention = ctx.people.mention(name, below.text if below is not None else "")
            candidate.people.append(Listing(mention, None, "speaker", slide_no, round(SCORE * score + 0.2, 2),
                                            f"{NAME}: {evidence}"))
        candidates.append(candidate)
    return candidates
