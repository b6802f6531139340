"""Structured records from a cleaned deck: the event, its sessions, speakers, appearances
and projects (the output contract's sessions/speakers/appearances/projects tables).

Steps, one function each:

1. read the deck as a stream of lines (:mod:`.lines`);
2. ask spaCy, only about the texts the rules cannot settle, for person/place entities and
   sentences (:mod:`pipeline.nlp`);
3. read the event from the first slide (:mod:`.event`);
4. let every layout recogniser propose candidate readings (:mod:`.recognisers`: programme
   tables, time-led lists, "Title – Speaker" lines, talk cards, a one-talk cover) and keep
   the best consistent set (:mod:`.resolve`);
5. walk the lines no kept candidate claimed into drafts (:mod:`.walk`, using
   :mod:`.sessions`, :mod:`.people`, :mod:`.projects`), and add the candidates' drafts;
6. merge and order the session drafts (:mod:`.sessions`), tie projects to their sessions and
   presenters (:mod:`.link`), and give every row its id (:func:`build_records`).

Cue words come from ``pipeline/data/records/<lang>.toml``; rules: docs/records.md.
"""

from __future__ import annotations

from ..config import Settings
from ..model import Deck
from ..nlp import LazyFacts
from ..records import Appearance, Event, Project, Records, Session, Speaker
from ..textnorm import fold
from .event import extract_event
from .lexicon import lexicon
from .lines import deck_lines, furniture_lines
from .people import PeopleReader
from .projects import ProjectReader
from .sessions import SessionDraft, merge_sessions, order_sessions
from .drafts import AppearanceDraft, Drafts, SpeakerDraft
from .link import link_projects
from .lines import Line
from .recognisers import Candidate, Context, propose_all
from .resolve import better_than_walk, fallbacks, resolve
from .walk import DeckWalker

__all__ = ["extract_records", "build_records"]


def deck_language(deck: Deck, settings: Settings) -> str:
    """The language whose cues and model to use: the deck's, else the forced one, else English."""
    if deck.language not in ("", "und"):
        return deck.language
    return settings.language if settings.language not in ("", "auto") else "en"


def extract_records(deck: Deck, settings: Settings) -> Records:
    """Everything the analysts' tables hold, read from the deck's cleaned text."""
    lang = deck_language(deck, settings)
    lex = lexicon(lang)
    lines = deck_lines(deck)
    facts = LazyFacts(lang, settings.spacy_model)
    people = PeopleReader(lex, facts)
    candidates = propose_all(Context(lines, lex, people))
    kept = resolve(candidates)
    projects = ProjectReader(lex, facts)
    readers = (lex, people, projects)
    claimed = {index for candidate in kept if not candidate.competes for index in candidate.lines}
    drafts = walk_unclaimed(lines, claimed, DeckWalker, *readers)
    winners = [c for c in kept if c.competes and better_than_walk(c, drafts)]
    kept = [c for c in kept if not c.competes] + winners
    if winners:
        drafts = walk_unclaimed(lines, claimed.union(*(c.lines for c in winners)), DeckWalker, *readers)
    for candidate in sorted(kept, key=lambda c: c.first_line) + fallbacks(candidates, kept, bool(drafts.sessions)):
        add_candidate(drafts, candidate)
    drafts.sessions.sort(key=lambda d: d.line)
    ordered = order_sessions(merge_sessions(drafts.sessions, [a.session for a in drafts.appearances]))
    link_projects(ordered, drafts, projects)
    event = extract_event(lines, lex, facts, furniture_lines(lines))
    return build_records(deck.deck_id, event, drafts, ordered)


def walk_unclaimed(lines: list[Line], claimed: set[int], walker_type: type[DeckWalker], *readers) -> Drafts:
    """The line walk over the lines no candidate claimed; its drafts placed by deck line."""
    free = [line for line in lines if line.index not in claimed]
    drafts = walker_type(free, *readers).run()
    for draft in (*drafts.sessions, *drafts.projects):
        draft.line = free[draft.line].index if 0 <= draft.line < len(free) else draft.line
    for draft in drafts.sessions:
        draft.first_line = free[draft.first_line].index if 0 <= draft.first_line < len(free) else draft.line
    return drafts


def add_candidate(drafts: Drafts, candidate: Candidate) -> None:
    """A kept candidate's sessions, people and projects join the walk's drafts."""
    drafts.sessions.extend(candidate.sessions)
    drafts.projects.extend(candidate.projects)
    for listing in candidate.people:
        person_id = listing.mention.name.person_id
        speaker = drafts.speakers.get(person_id)
        if speaker is None:
            speaker = drafts.speakers[person_id] = SpeakerDraft(
                listing.mention.name, listing.slide_no, confidence=listing.confidence, evidence=listing.evidence)
        elif listing.confidence > speaker.confidence:
            speaker.confidence, speaker.evidence = listing.confidence, listing.evidence
        speaker.learn(listing.mention)
        speaker.slide_first = min(speaker.slide_first, listing.slide_no)
        if listing.session is not None:
            drafts.appearances.append(AppearanceDraft(person_id, listing.session, listing.role, listing.project,
                                                      listing.slide_no))


def build_records(deck_id: str, event: Event, drafts: Drafts, ordered: list[SessionDraft]) -> Records:
    """Ids and links: the merged sessions in programme order, projects numbered in deck order."""
    session_ids = {id(draft): f"{deck_id}-s{position}" for position, draft in enumerate(ordered, start=1)}
    sessions = tuple(
        Session(session_ids[id(d)], position, d.kind, d.number, d.title, d.start, d.end, d.slide_first, d.slide_last,
                round(d.confidence, 2), d.evidence)
        for position, d in enumerate(ordered, start=1))

    def session_id(draft) -> str:
        return session_ids.get(id(draft.final), "") if draft is not None else ""

    project_ids = {id(p): f"{deck_id}-p{n}" for n, p in enumerate(drafts.projects, start=1)}
    projects = []
    for draft in drafts.projects:
        organisations = [drafts.speakers[pid].organisation for pid in draft.presenters] + draft.organisations
        title = draft.title or " ".join(draft.summary.split()[:8])
        projects.append(Project(project_ids[id(draft)], session_id(draft.session), title, draft.summary,
                                _distinct(organisations), _distinct(draft.urls), tuple(draft.presenters),
                                draft.slide_first, draft.slide_last, round(draft.confidence, 2), draft.evidence))

    appearances = []
    seen = set()
    for a in drafts.appearances:
        key = (a.person_id, session_id(a.session), a.role, project_ids.get(id(a.project), ""))
        if key in seen:
            continue
        seen.add(key)
        appearances.append(Appearance(key[0], key[1], key[2], key[3], a.slide_no))

    speakers = tuple(
        Speaker(pid, s.name.display, s.name.given, s.name.family_display, s.job_title, s.organisation,
                s.email, s.url, s.slide_first, round(s.confidence, 2), s.evidence)
        for pid, s in drafts.speakers.items())
    return Records(event, sessions, speakers, tuple(appearances), tuple(projects))


def _distinct(values: list[str]) -> tuple[str, ...]:
    """Non-empty values, first spelling kept, repeats (after folding) dropped."""
    seen: dict[str, str] = {}
    for value in values:
        if value and fold(value) not in seen:
            seen[fold(value)] = value
    return tuple(seen.values())
