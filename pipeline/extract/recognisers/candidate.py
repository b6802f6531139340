"""What a recogniser proposes: a candidate reading of some lines, with its evidence and score.

A candidate claims the lines it explains (``lines``: indices into the deck's line stream)
and says what they hold: sessions, people listed in them, projects. The resolver
(:mod:`pipeline.extract.resolve`) keeps the best-scored candidates that claim no line twice;
the line walk reads whatever no kept candidate claimed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..lexicon import Lexicon, tokens
from ..lines import Line
from ..names import PersonName
from ..people import Mention, PeopleReader
from ..projects import ProjectDraft
from ..sessions import SessionDraft, parse_heading

People = list[tuple[PersonName, str, float]]  # name, affiliation text, evidence score


@dataclass
class Listing:
    """A person a candidate found, the session (and project) they appear in, and their role."""

    mention: Mention
    session: SessionDraft | None
    role: str
    slide_no: int
    confidence: float
    evidence: str
    project: ProjectDraft | None = None


@dataclass
class Candidate:
    """One recogniser's reading of a span of lines."""

    recogniser: str
    lines: frozenset[int]
    score: float
    evidence: str
    sessions: list[SessionDraft] = field(default_factory=list)
    people: list[Listing] = field(default_factory=list)
    projects: list[ProjectDraft] = field(default_factory=list)
    # Only a reading of last resort: kept when nothing else in the deck gives a session
    # (a cover naming its speaker is a talk only in a deck that shows no programme).
    fallback: bool = False
    # A layout the line walk also reads (time-led lines, "Title – Speaker"): kept only where
    # it reads more than the walk does on the same slides (see resolve.better_than_walk).
    competes: bool = False

    @property
    def first_line(self) -> int:
        return min(self.lines) if self.lines else -1

    @property
    def slides(self) -> frozenset[int]:
        return frozenset(s.slide_first for s in self.sessions) | frozenset(p.slide_no for p in self.people)

    @property
    def yield_(self) -> int:
        """What the reading gives: its sessions and the people it places in them."""
        return len(self.sessions) + sum(1 for p in self.people if p.session is not None)


@dataclass(frozen=True)
class Context:
    """What every recogniser reads: the deck's lines, by slide, and the language's readers."""

    lines: list[Line]
    lex: Lexicon
    people: PeopleReader

    def slides(self) -> dict[int, list[Line]]:
        by_slide: dict[int, list[Line]] = {}
        for line in self.lines:
            by_slide.setdefault(line.slide_no, []).append(line)
        return by_slide


def session_draft(kind: str, title: str, start: str, end: str, line: Line, *, number: str = "",
                  from_programme: bool = True, confidence: float, evidence: str) -> SessionDraft:
    """A session draft placed at ``line``, with the candidate's confidence and evidence."""
    return SessionDraft(kind, number, title, start, end, line.slide_no, line.slide_no, line.index,
                        from_programme=from_programme, confidence=confidence, evidence=evidence)


def read_entry(ctx: Context, title: str, people: People) -> tuple[str, str, str, People]:
    """(kind, number, title, people) of a programme entry's text, read as the line walk reads a
    heading ("Panel 2 — Paying … with Jane DOE": kind, own number, names inside), so that the
    entry and the session's own slide merge; an entry with no kind cue is a talk when people
    give it, else "other"."""
    heading = parse_heading(title, ctx.lex)
    if heading is None:
        words = tokens(title)
        kind = ctx.lex.match_kind(words)[0] or ctx.lex.match_kind_at_end(words)
        return kind or ("talk" if people else "other"), "", title, people
    if not people:
        people = [(name, affiliation, 0.9) for name, affiliation in ctx.people.people_in(heading.rest, cue=False)]
        if people:
            title = f"{heading.head} {ctx.people.text_before_names(heading.rest)}".strip(" :–—-")
    return heading.kind, heading.number, title, people
