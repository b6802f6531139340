"""Recognisers: one module per slide layout, each proposing candidate readings.

Every module has ``NAME`` and ``propose(ctx) -> list[Candidate]``; a candidate claims the
lines it explains and carries the sessions, people and projects it read, with a score and
the evidence (see :mod:`.candidate`). :func:`pipeline.extract.resolve.resolve` keeps the
best consistent set. Adding a layout is adding a module here and a line to ``RECOGNISERS``.

| module | layout |
| --- | --- |
| :mod:`.programme_table` | a table with a header row (Time, Topic, Speaker …) |
| :mod:`.timed_list` | time-led programme lines, with the speakers after a dash |
| :mod:`.titled_talks` | ``Title – Speaker`` lines |
| :mod:`.talk_cards` | title, ``Speaker (Affiliation)``, time |
| :mod:`.cover` | a one-talk deck whose cover names its speaker |
"""

from __future__ import annotations

from types import ModuleType

from . import cover, programme_table, talk_cards, timed_list, titled_talks
from .candidate import Candidate, Context, Listing

RECOGNISERS: tuple[ModuleType, ...] = (programme_table, timed_list, titled_talks, talk_cards, cover)

__all__ = ["RECOGNISERS", "Candidate", "Context", "Listing", "propose_all"]


def propose_all(ctx: Context) -> list[Candidate]:
    """Every recogniser's candidates, in registry order."""
    return [candidate for recogniser in RECOGNISERS for candidate in recogniser.propose(ctx)]
