"""A one-talk deck: its cover names the talk and its speaker(s).

``Ouvrir les données publiques / Claire Dubois et Marc Lefèvre / 3 mars 2022``,
``Data Access Workshop / Jane Doe / Bureau of Water / Spring Workshop | …``.
The cover's title is its largest title placeholder (a subtitle under it may name the
speaker), else the block in the biggest font; a line
that is nothing but a list of people is the speakers, the line under a lone name is the
affiliation. An address anywhere in the deck that spells a speaker's name is theirs.

The reading is a fallback: a deck that shows a programme is an event's deck, and the
people on its cover are organisers or authors, not one talk's speakers.
"""

from __future__ import annotations

from ..contacts import best_person_for_email, emails_in, is_contact_line
from ..event import find_date
from ..lines import Line
from ..people import Mention
from .candidate import Candidate, Context, Listing, session_draft
from .timed_list import entry_time

NAME = "cover"
SCORE = 0.55
MAX_COVER_LINES = 14
MAX_PEOPLE = 4


def _cover(ctx: Context) -> list[Line]:
    slides = ctx.slides()
    return slides[min(slides)] if slides else []


def _title_block(lines: list[Line]) -> int | None:
    """The block of the cover's title: among the title placeholders (a subtitle is one too),
    else among all sized text, the one set in the largest font, the first on a tie."""
    pool = [line for line in lines if line.is_title] or [line for line in lines if line.font_size]
    if not pool:
        return None
    largest = max(line.font_size or 0.0 for line in pool)
    return next(line.block_id for line in pool if (line.font_size or 0.0) == largest)


def propose(ctx: Context) -> list[Candidate]:
    lines = _cover(ctx)
    if not lines or len(lines) > MAX_COVER_LINES:
        return []
    title_block = _title_block(lines)
    found: list[tuple[Line, list]] = []
    for line in lines:
        if line.block_id == title_block or entry_time(line.text) or is_contact_line(line.text) \
                or find_date(line.text, ctx.lex):
            continue
        people = ctx.people.listed_people(line.text, min_evidence=0.4)
        if people and len(people) <= MAX_PEOPLE:
            found.append((line, people))
    if not found:
        return []
    people_at = {line.index for line, _ in found}
    title_lines = [line for line in lines if line.block_id == title_block]
    title = " ".join(line.text for line in title_lines)
    if not title:
        return []
    evidence = f"cover of slide {lines[0].slide_no}: title and {', '.join(l.text for l, _ in found)}"
    session = session_draft("talk", title, "", "", title_lines[0], from_programme=False,
                            confidence=SCORE, evidence=evidence)
    candidate = Candidate(NAME, frozenset(people_at | {line.index for line in title_lines}), SCORE, evidence,
                          sessions=[session], fallback=True)
    below = {line.index: nxt for line, nxt in zip(lines, lines[1:])}
    for line, people in found:
        for name, affiliation, score in people:
            nxt = below.get(line.index)
            if not affiliation and len(people) == 1 and nxt is not None and nxt.index not in people_at \
                    and not find_date(nxt.text, ctx.lex) and not is_contact_line(nxt.text):
                affiliation = nxt.text
                candidate.lines |= {nxt.index}
            mention = ctx.people.mention(name, affiliation)
            candidate.people.append(Listing(mention, session, "speaker", line.slide_no, round(score * SCORE + 0.3, 2),
                                            f"{NAME}: a line of names on the cover"))
    _addresses(ctx, [listing.mention for listing in candidate.people])
    return [candidate]


def _addresses(ctx: Context, mentions: list[Mention]) -> None:
    """Give each speaker the e-mail address anywhere in the deck that spells their name."""
    names = [m.name for m in mentions]
    for line in ctx.lines:
        for email in emails_in(line.text):
            index = best_person_for_email(email, names)
            if index is not None and not mentions[index].emails:
                mentions[index].emails.append(email)
