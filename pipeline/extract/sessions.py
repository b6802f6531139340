"""Session headings, programme entries, and how they become one list in programme order.

A heading opens with a session-kind cue (``Table ronde 2``, ``Atelier conclusif``,
``Keynote``, ``Pause déjeuner``), maybe after or before a time (``11h-12h30: Table ronde 2``,
``Keynote (9:30-10:15)``). A programme slide lists the same sessions with times; a session
slide details one. Both are read as drafts, then drafts that name the same session (same
kind and number, or same kind and a close title, compatible times) are merged, so a
programme line and its session slide are one session.

Order: deck order, except that programme-only entries (a lunch, a closing reception) are
placed among the detailed sessions by their start time when the day's times allow it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from rapidfuzz import fuzz, utils

from .lexicon import Lexicon, Token, tokens
from .times import TimeRange, leading_time, trailing_time

_NUMBER = re.compile(r"^\s*(?:n°|no\.?|nº|#)?\s*(\d{1,2}|[A-Z](?![\w'’]))(?=$|[\s:.\-–—)/,])")
TITLE_MATCH = 80
# Sessions, people and projects the line walk reads (no recogniser claimed their lines).
WALK_CONFIDENCE = 0.6
WALK_EVIDENCE = "line walk"


@dataclass(frozen=True)
class Heading:
    """A line read as a session heading: kind, own number, title, time, and the words after."""

    kind: str
    number: str
    title: str
    time: TimeRange | None
    rest: str  # the text after kind and number (title words, names)
    head: str = ""  # the kind words and number, as written


def parse_heading(text: str, lex: Lexicon) -> Heading | None:
    """The session heading on ``text``, or None when the line does not open with a kind cue
    (nor, in a language that puts the head noun last, end with one: "Wine reception")."""
    time = None
    body = text
    lead = leading_time(text)
    if lead:
        time, body = lead
    else:
        trail = trailing_time(text)
        if trail and trail[1]:
            time, body = trail
    words = tokens(body)
    kind, size = lex.match_kind(words)
    if not kind:
        kind = lex.match_kind_at_end(words)
        if not kind:
            return None
        title = " ".join(body.split()).rstrip(" :–—-")
        return Heading(kind, "", title, time, "", title)
    after = body[words[size - 1].end:]
    if after[:1].isalnum() and not after[:1].isdigit():  # "Atelier" inside "Ateliers2"
        return None
    if qualifies_next(words, size, body, lex):
        return None
    number = ""
    found = _NUMBER.match(after)
    if found:
        number = found.group(1)
        after = after[found.end():]
    title = " ".join(body.split()).rstrip(" :–—-")
    head = " ".join(body[:len(body) - len(after)].split()).rstrip(" :–—-")
    return Heading(kind, number, title, time, after.strip(" :–—-"), head)


def qualifies_next(words: Sequence[Token], size: int, body: str, lex: Lexicon) -> bool:
    """ "Lecture Theatre 2", "Workshop room B", "Workshop lead": the kind word is followed,
    with only a space between, by a venue noun or a job word: it names a place or a person's
    job, not a session."""
    if size >= len(words) or body[words[size - 1].end:words[size].start] != " ":
        return False
    following = words[size:size + 1]
    return following[0].folded in lex.kind_modified_nouns or lex.is_job_start(following)


@dataclass
class SessionDraft:
    """A session as one place of the deck shows it (a programme line or a session slide)."""

    kind: str
    number: str
    title: str
    start: str
    end: str
    slide_first: int
    slide_last: int
    line: int
    from_programme: bool = False
    merged_into: SessionDraft | None = field(default=None, repr=False)
    first_line: int = -1  # earliest place any of its mentions has (programme order on ties)
    listed: bool = False  # one of its mentions is a programme line
    confidence: float = WALK_CONFIDENCE  # how sure the reading is (sessions.csv ``confidence``)
    evidence: str = WALK_EVIDENCE  # which recogniser read it, and from what

    def __post_init__(self) -> None:
        if self.first_line < 0:
            self.first_line = self.line
        self.listed = self.listed or self.from_programme

    @property
    def final(self) -> SessionDraft:
        draft = self
        while draft.merged_into is not None:
            draft = draft.merged_into
        return draft


def same_session(a: SessionDraft, b: SessionDraft) -> bool:
    """Same kind and number, compatible times, and (without a number) close titles; two
    entries of one programme slide are two sessions (parallel "GLIDER dataset …" and
    "GLINDER dataset …" at one time)."""
    if a.kind != b.kind or a.number != b.number:
        return False
    if a.from_programme and b.from_programme and a.slide_first == b.slide_first and a.line != b.line:
        return False
    if (a.start and b.start and a.start != b.start) or (a.end and b.end and a.end != b.end):
        return False
    if a.number:
        return True
    return close_titles(a.title, b.title)


def close_titles(a: str, b: str) -> bool:
    """The same title, give or take case, punctuation and words one of them leaves out."""
    return fuzz.token_set_ratio(a, b, processor=utils.default_process) >= TITLE_MATCH


def _is_shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


def _words(text: str) -> set[str]:
    return set(utils.default_process(text).split())


def _absorb(keep: SessionDraft, other: SessionDraft) -> None:
    """``keep`` takes what ``other`` knows. Titles: normal case wins over capitals, and a
    title that says more wins ("Accueil" < "Accueil des participants")."""
    keep.start = keep.start or other.start
    keep.end = keep.end or other.end
    if other.title and not _is_shouting(other.title) and (
            not keep.title or _is_shouting(keep.title) or _words(keep.title) < _words(other.title)):
        keep.title = other.title
    keep.slide_first = min(keep.slide_first, other.slide_first)
    keep.first_line = min(keep.first_line, other.first_line)
    keep.listed = keep.listed or other.listed
    keep.slide_last = max(keep.slide_last, other.slide_last)
    keep.from_programme = keep.from_programme and other.from_programme
    keep.confidence = max(keep.confidence, other.confidence)
    if other.evidence not in keep.evidence:
        keep.evidence = f"{keep.evidence}; {other.evidence}"
    other.merged_into = keep


def _twin(kept: list[SessionDraft], draft: SessionDraft) -> SessionDraft | None:
    """The session ``draft`` repeats: same identity, else the one programme line of the same
    kind at the same start time (a keynote slide titled otherwise than its programme line)."""
    twin = next((k for k in kept if same_session(k, draft)), None)
    if twin is not None or not draft.start:
        return twin
    timed = [k for k in kept if k.kind == draft.kind and k.number == draft.number and k.start == draft.start]
    if len(timed) == 1 and timed[0].from_programme != draft.from_programme:
        return timed[0]
    return None


def merge_sessions(drafts: list[SessionDraft], staffed: Iterable[SessionDraft] = ()) -> list[SessionDraft]:
    """One draft per session; a detailed session keeps its place, a programme line joins it.

    ``staffed`` are the drafts people appear in: those are never dropped as umbrellas.
    """
    kept: list[SessionDraft] = []
    for draft in drafts:
        twin = _twin(kept, draft)
        if twin is None:
            kept.append(draft)
        elif twin.from_programme and not draft.from_programme:  # the session slide gives the place
            kept[kept.index(twin)] = draft
            _absorb(draft, twin)
        else:
            _absorb(twin, draft)
    return _without_umbrellas(kept, {id(d.final) for d in staffed})


def _without_umbrellas(sessions: list[SessionDraft], staffed: set[int]) -> list[SessionDraft]:
    """Drop a block that only frames sessions of its kind ("09h30-16h00 Tables rondes …",
    "11h-12h30 Ateliers en parallèle (A et B)"): an unnumbered timed session whose span holds
    two or more sessions of its kind, or that is followed by numbered ones without times.
    When none of those has a time of its own, they run in parallel and take the block's."""
    kept = list(sessions)
    for block in sessions:
        if block.number or not (block.start and block.end) or id(block) in staffed:
            continue
        same = [s for s in kept if s is not block and s.kind == block.kind]
        inside = [s for s in same if s.start and block.start <= s.start < block.end]
        parts = [s for s in same if not s.start and s.number and s.line > block.line]
        if len(inside) + len(parts) < 2:
            continue
        kept.remove(block)
        if not inside:
            for part in parts:
                part.start, part.end = block.start, block.end
    return kept


def order_sessions(sessions: list[SessionDraft]) -> list[SessionDraft]:
    """Programme order: by start time for a one-day programme, else deck order.

    A programme is one day when its listed sessions (in programme order) and its other
    sessions (in deck order) never go back in time. A session with no time of its own
    sorts just before the next timed session shown after it in the deck (programme-only
    lines do not count: they all sit on the programme slide); equal times keep programme,
    then deck order.
    """
    ordered = sorted(sessions, key=lambda s: s.line)
    listed = [s.start for s in sorted(sessions, key=lambda s: s.first_line) if s.start and s.listed]
    detailed = [s.start for s in ordered if s.start and not s.listed]
    if any(b < a for times in (listed, detailed) for a, b in zip(times, times[1:])):
        return ordered
    keys: dict[int, tuple[str, int]] = {}
    upcoming = "99:99"
    for draft in reversed(ordered):
        shown = draft.line != draft.first_line or not draft.from_programme  # it has a slide of its own
        if draft.start:
            keys[id(draft)] = (draft.start, 1)
            upcoming = draft.start if shown else upcoming
        else:
            keys[id(draft)] = (upcoming, 0)  # just before the session it precedes in the deck
    return sorted(ordered, key=lambda d: (keys[id(d)], d.first_line, d.line))
