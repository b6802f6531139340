"""Talks listed one a line as ``Title – Speaker``: ``La standardisation des données – Mathilde
Hoang``, ``Les résultats de l'enquête … - Jean-Luc Martin``.

A slide qualifies with ``MIN_TALKS`` such lines; the part after the last spaced dash must be
a list of people whose names carry evidence of their own (a known given name, a family name
in capitals, an honorific). Lines without a speaker between them (questions, headings) are
left to the line walk.
"""

from __future__ import annotations

from ..lexicon import tokens
from ..people import role_for
from .candidate import Candidate, Context, Listing, session_draft
from .timed_list import _PEOPLE_DASH, entry_time

NAME = "titled_talks"
MIN_TALKS = 2
MIN_TITLE_WORDS = 2
SCORE = 0.7


def propose(ctx: Context) -> list[Candidate]:
    candidates = []
    for slide_no, lines in ctx.slides().items():
        talks = []
        for line in lines:
            if line.is_title or entry_time(line.text):
                continue
            for match in reversed(list(_PEOPLE_DASH.finditer(line.text))):
                title, tail = line.text[:match.start()].strip(), line.text[match.end():].strip()
                people = ctx.people.listed_people(tail) if len(title.split()) >= MIN_TITLE_WORDS else None
                if people:
                    talks.append((line, title, people))
                    break
        if len(talks) < MIN_TALKS:
            continue
        evidence = f"'Title – Speaker' lines on slide {slide_no}"
        candidate = Candidate(NAME, frozenset(line.index for line, _, _ in talks), SCORE, evidence, competes=True)
        for line, title, people in talks:
            kind = ctx.lex.match_kind(tokens(title))[0] or "talk"
            draft = session_draft(kind, title, "", "", line, confidence=SCORE, evidence=evidence)
            candidate.sessions.append(draft)
            for name, affiliation, score in people:
                candidate.people.append(Listing(ctx.people.mention(name, affiliation), draft,
                                                role_for(kind, "", False), slide_no, round(SCORE * score + 0.2, 2),
                                                f"{NAME}: after the title's dash"))
        candidates.append(candidate)
    return candidates
