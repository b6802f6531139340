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
| :mod:`.speaker_cards` | speaker cards side by side: a name, its affiliation below |
| :mod:`.cover` | a one-talk deck whose cover names its speaker |
| :mod:`.site_slide` | a slide given to one web site (a screenshot and its address) |
| :mod:`.resource_list` | ``name : address`` lines, a talk's useful resources |
| :mod:`.initiative_slide` | a slide titled by an initiative's name ("… Institute") |
"""

from __future__ import annotations

from types import ModuleType

from . import (cover, initiative_slide, programme_table, resource_list, site_slide, speaker_cards, talk_cards,
               timed_list, titled_talks)
from .candidate import Candidate, Context, Listing

RECOGNISERS: tuple[ModuleType, ...] = (programme_table, timed_list, titled_talks, talk_cards, speaker_cards, cover,
                                       site_slide, resource_list, initiative_slide)

__all__ = ["RECOGNISERS", "Candidate", "Context", "Listing", "propose_all"]


def propose_all(ctx: Context) -> list[Candidate]:
    """Every recogniser's candidates, in registry order."""
    return [candidate for recogniser in RECOGNISERS for candidate in recogniser.propose(ctx)]
