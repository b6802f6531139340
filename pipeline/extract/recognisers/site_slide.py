"""A slide given to one web site: a screenshot with its address as caption.

``openpaysage.fr`` alone on a slide, ``Incubateur de services / incubateur.example.org``,
``Les schémas existants / … / schemas.example.org``. The site is a project the talk
presents, named by its address. The address must be a bare host (no path: a path or a query
is a reference to a page, an image source or a comic, not a presented site), alone on its
line, the only address on a short slide; besides the slide's title, its other lines are
names (capitalised words: ``Catalogue Commun / des Données``), not sentences (a results
slide of a project that ends with its site is the line walk's); and the slide holds no
e-mail (a contact slide) and no person (a project slide that names its presenter).
"""

from __future__ import annotations

from ..contacts import bare_host, emails_in, urls_in
from ..lexicon import tokens
from ..projects import ProjectDraft
from .candidate import Candidate, Context

NAME = "site_slide"
SCORE = 0.7
MAX_SLIDE_LINES = 4


def _name_shaped(text: str, ctx: Context) -> bool:
    """Capitalised words only (small connectors aside): a caption or a name, not a sentence."""
    words = tokens(text)
    return bool(words) and all(w.text[:1].isupper() for w in words if w.folded not in ctx.lex.name_connectors)


def propose(ctx: Context) -> list[Candidate]:
    candidates = []
    for slide_no, lines in ctx.slides().items():
        if len(lines) > MAX_SLIDE_LINES or any(emails_in(line.text) or ctx.people.looks_like_person_line(line.text)
                                               for line in lines):
            continue
        addressed = [line for line in lines if urls_in(line.text)]
        if len(addressed) != 1:
            continue
        host = bare_host(addressed[0].text)
        if not host or not all(_name_shaped(line.text, ctx) for line in lines[1:] if line is not addressed[0]):
            continue
        evidence = f"slide {slide_no} shows the site {host} alone"
        project = ProjectDraft(host, "", None, slide_no, slide_no, line=addressed[0].index, urls=[host],
                               confidence=SCORE, evidence=f"{NAME}: {evidence}")
        # The caption explains the whole slide: a reading of its title as an initiative yields.
        candidates.append(Candidate(NAME, frozenset(line.index for line in lines), SCORE, evidence, projects=[project]))
    return candidates
