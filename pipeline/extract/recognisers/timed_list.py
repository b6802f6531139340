"""A programme written as time-led lines: ``15:00 - 15:15 Welcome and introduction - Leila``,
``09:00 Automating tasks with the Unix shell``, ``17.20 Guided tour …``.

A slide qualifies when at least ``MIN_ENTRIES`` of its lines open with a time and go on
with a title. After the title, a dash and a list of people names the speakers (first
names alone count here: the layout says who). Lines under an entry that are themselves
"Title - People" are parallel parts of it, at its time. A line whose title is an end
marker ("16:30 END") ends the entry above and opens nothing.
"""

from __future__ import annotations

import re

from ..lexicon import tokens
from ..lines import Line
from ..sessions import SessionDraft
from ..people import role_for
from ..times import TimeRange, leading_time
from .candidate import Candidate, Context, Listing, People, read_entry, session_draft

NAME = "timed_list"
MIN_ENTRIES = 3
SCORE = 0.8
# "17.20 Guided tour", "9.30": a dotted clock with two-digit minutes, then a word or nothing.
_DOTTED = re.compile(r"^\s*([01]?\d|2[0-3])\.([0-5]\d)(?:\s+(?=[^\W\d_])|\s*$)")
# The dash before the people of an entry: spaced, so "Spin-off" or "2019-2020" never split.
_PEOPLE_DASH = re.compile(r"\s+[-–—]\s+")


def entry_time(text: str) -> tuple[TimeRange, str] | None:
    """(time, rest) of a time-led line, including ``17.20 Title`` clocks."""
    found = leading_time(text)
    if found is not None:
        return found
    dotted = _DOTTED.match(text)
    if dotted:
        clock = f"{int(dotted.group(1)):02d}:{dotted.group(2)}"
        return TimeRange(clock, "", dotted.span()), text[dotted.end():].strip()
    return None


def split_people(ctx: Context, text: str) -> tuple[str, People]:
    """(title, people) of ``"Metrics for … accuracy - Xavier and Gabriel"``; no people when the
    part after the last spaced dash is not a list of people."""
    for match in reversed(list(_PEOPLE_DASH.finditer(text))):
        title, tail = text[:match.start()].strip(), text[match.end():].strip()
        people = ctx.people.listed_people(tail, first_names=True) if title else None
        if people:
            return title, people
    return text.strip(), []


def propose(ctx: Context) -> list[Candidate]:
    candidates = []
    for slide_no, lines in ctx.slides().items():
        timed = [(line, entry_time(line.text)) for line in lines]
        entries = [(line, found) for line, found in timed if found is not None and found[1].strip(" :.-–—|")]
        if len(entries) >= MIN_ENTRIES:
            candidates.append(_read(ctx, slide_no, lines, timed))
    return candidates


def _read(ctx: Context, slide_no: int, lines: list[Line],
          timed: list[tuple[Line, tuple[TimeRange, str] | None]]) -> Candidate:
    evidence = f"time-led lines on slide {slide_no}"
    claimed: set[int] = set()
    candidate = Candidate(NAME, frozenset(), SCORE, evidence, competes=True)
    parent = None
    for line, found in timed:
        if found is None:
            if parent is None:
                continue
            title, people = split_people(ctx, line.text)
            if not people:
                continue  # a description under the entry: the walk may read it
            kind, number, title, people = read_entry(ctx, title, people)
            part = session_draft(kind, title, parent.start, parent.end, line, number=number,
                                 confidence=SCORE, evidence=evidence + " (parallel part)")
            _add(ctx, candidate, part, people, line)
            claimed.add(line.index)
            continue
        time, rest = found
        claimed.add(line.index)
        if not rest.strip(" :.-–—|"):
            continue
        if ctx.lex.end_markers.match(tokens(rest)) == len(tokens(rest)):
            if parent is not None and not parent.end:
                parent.end = time.start
            parent = None
            continue
        kind, number, title, people = read_entry(ctx, *split_people(ctx, rest))
        parent = session_draft(kind, title, time.start, time.end, line, number=number,
                               confidence=SCORE, evidence=evidence)
        _add(ctx, candidate, parent, people, line)
    candidate.lines = frozenset(claimed)
    return candidate


def _add(ctx: Context, candidate: Candidate, draft: SessionDraft, people: People, line: Line) -> None:
    candidate.sessions.append(draft)
    for name, affiliation, score in people:
        candidate.people.append(Listing(ctx.people.mention(name, affiliation), draft, role_for(draft.kind, "", False),
                                        line.slide_no, round(SCORE * score, 2), f"{NAME}: after the entry's dash"))
