"""Structured records from a cleaned deck: the event, its sessions, speakers, appearances
and projects (the output contract's sessions/speakers/appearances/projects tables).

Steps, one function each:

1. read the deck as a stream of lines (:mod:`.lines`);
2. ask spaCy, only about the texts the rules cannot settle, for person/place entities and
   sentences (:mod:`pipeline.nlp`);
3. read the event from the first slide (:mod:`.event`);
4. walk the lines once into drafts (:mod:`.walk`, using :mod:`.sessions`, :mod:`.people`,
   :mod:`.projects`);
5. merge and order the session drafts and give every row its id (:func:`build_records`).

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
from .sessions import merge_sessions, order_sessions
from .drafts import Drafts
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
    walker = DeckWalker(lines, lex, PeopleReader(lex, facts), ProjectReader(lex, facts))
    event = extract_event(lines, lex, facts, furniture_lines(lines))
    return build_records(deck.deck_id, event, walker.run())


def build_records(deck_id: str, event: Event, drafts: Drafts) -> Records:
    """Ids, order and links: merged sessions in programme order, projects numbered in deck order."""
    ordered = order_sessions(merge_sessions(drafts.sessions, [a.session for a in drafts.appearances]))
    session_ids = {id(draft): f"{deck_id}-s{position}" for position, draft in enumerate(ordered, start=1)}
    sessions = tuple(
        Session(session_ids[id(d)], position, d.kind, d.number, d.title, d.start, d.end, d.slide_first, d.slide_last)
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
                                draft.slide_first, draft.slide_last))

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
                s.email, s.url, s.slide_first)
        for pid, s in drafts.speakers.items())
    return Records(event, sessions, speakers, tuple(appearances), tuple(projects))


def _distinct(values: list[str]) -> tuple[str, ...]:
    """Non-empty values, first spelling kept, repeats (after folding) dropped."""
    seen: dict[str, str] = {}
    for value in values:
        if value and fold(value) not in seen:
            seen[fold(value)] = value
    return tuple(seen.values())
