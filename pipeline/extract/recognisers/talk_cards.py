"""Talks shown as cards of three lines: the title, ``Speaker (Affiliation)``, and when
(``Tuesday 10th, 9.30``): a keynotes slide, an invited-talks slide.

A card is a line, then a line that is one person with a bracketed affiliation, then
optionally a line with a time. The slide's title gives the kind ("Keynotes"), else "talk".
"""

from __future__ import annotations

from ..lexicon import tokens
from ..times import find_time_range
from .candidate import Candidate, Context, Listing, session_draft
from .timed_list import entry_time

NAME = "talk_cards"
SCORE = 0.75
MIN_TITLE_WORDS = 3


def propose(ctx: Context) -> list[Candidate]:
    candidates = []
    for slide_no, lines in ctx.slides().items():
        heading = next((line.text for line in lines if line.is_title), "")
        slide_kind = ctx.lex.match_kind(tokens(heading))[0]
        cards = []
        for k in range(1, len(lines)):
            title_line, person_line = lines[k - 1], lines[k]
            if title_line.is_title or len(title_line.text.split()) < MIN_TITLE_WORDS or entry_time(title_line.text):
                continue
            people = ctx.people.listed_people(person_line.text, min_evidence=0.4)
            if not people or len(people) != 1 or "(" not in person_line.text or not people[0][1]:
                continue
            when = lines[k + 1] if k + 1 < len(lines) else None
            time = find_time_range(when.text) if when is not None else None
            if time is None:
                dotted = entry_time(when.text.split(",")[-1]) if when is not None else None
                time = dotted[0] if dotted else None
            cards.append((title_line, person_line, when if time else None, time, people[0]))
        if len(cards) < (1 if slide_kind else 2):
            continue
        evidence = f"talk cards (title, speaker (affiliation), time) on slide {slide_no}"
        claimed = {line.index for card in cards for line in card[:3] if line is not None}
        candidate = Candidate(NAME, frozenset(claimed), SCORE, evidence, competes=True)
        for title_line, _person_line, _when, time, (name, affiliation, score) in cards:
            draft = session_draft(slide_kind or "talk", title_line.text, time.start if time else "",
                                  time.end if time else "", title_line, confidence=SCORE, evidence=evidence)
            candidate.sessions.append(draft)
            candidate.people.append(Listing(ctx.people.mention(name, affiliation), draft, "speaker", slide_no,
                                            round(SCORE * max(score, 0.6) + 0.2, 2), f"{NAME}: name (affiliation) under a title"))
        candidates.append(candidate)
    return candidates
