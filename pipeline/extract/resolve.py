"""The resolver: from overlapping candidates, the best consistent set (as spaCy's
EntityRuler keeps the longest non-overlapping matches).

Candidates are taken best score first (then more lines, then earlier in the deck); one that
claims a line an accepted candidate holds is dropped. Fallback candidates (a cover read as
one talk) are kept only when nothing else in the deck yields a session, the line walk
included (``walk_has_sessions``). Candidates of a layout the walk reads too are kept only
where they read more than it (:func:`better_than_walk`).
"""

from __future__ import annotations

from .drafts import Drafts
from .sessions import SessionDraft
from .recognisers import Candidate


def resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Non-fallback candidates that claim disjoint lines, best first, in deck order."""
    kept: list[Candidate] = []
    claimed: set[int] = set()
    for candidate in sorted((c for c in candidates if not c.fallback),
                            key=lambda c: (-c.score, -len(c.lines), c.first_line)):
        if candidate.lines & claimed:
            continue
        kept.append(candidate)
        claimed |= candidate.lines
    return sorted(kept, key=lambda c: c.first_line)


def fallbacks(candidates: list[Candidate], kept: list[Candidate], walk_has_sessions: bool) -> list[Candidate]:
    """The fallback readings to add when neither the kept candidates nor the walk gave a session."""
    if walk_has_sessions or any(c.sessions for c in kept):
        return []
    claimed = {line for c in kept for line in c.lines}
    return [c for c in candidates if c.fallback and not c.lines & claimed][:1]


# How much more a competing candidate must read than the walk on the same slides to replace it.
CLEARLY_MORE = 1.5


def better_than_walk(candidate: Candidate, walk: Drafts) -> bool:
    """A competing candidate reads clearly more on its slides than the line walk did there
    (sessions with a title in words plus people placed in them, ``CLEARLY_MORE`` times as
    much; a walk that took a table's "00" column for titles reads nothing): the walk's rules
    know more forms of affiliations, roles and details, so it keeps near ties."""
    slides = candidate.slides
    walked = sum(1 for s in walk.sessions if s.slide_first in slides and _titled(s)) \
        + sum(1 for a in walk.appearances if a.slide_no in slides and _titled(a.session))
    return candidate.yield_ >= CLEARLY_MORE * walked and candidate.yield_ > walked


def _titled(session: SessionDraft) -> bool:
    return any(c.isalpha() for c in session.final.title)
