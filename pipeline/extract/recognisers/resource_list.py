"""A list of resources, one a line, each a short name and its web address.

``GitHub R french : https://github.com/phgrosjean/rfrench``, ``data.io : https://…/data.io``,
``{svMisc} https://…``: a talk's closing "useful resources" slide. Each line is a project
named by its label, with the address as its site. ``MIN_ITEMS`` such lines in a row make the
list; a label is at most ``MAX_LABEL_WORDS`` words and no contact label (``E-mail``, ``Tél``)
or sentence; a line of code is no label.
"""

from __future__ import annotations

import re

from ..contacts import emails_in, is_contact_line, urls_in
from ..lines import Line
from ..projects import ProjectDraft
from .candidate import Candidate, Context

NAME = "resource_list"
SCORE = 0.65
MIN_ITEMS = 2
MAX_LABEL_WORDS = 4
_LABEL_END = re.compile(r"\s*[:–—-]?\s*$")
_CODE = re.compile(r"[(){}\[\]<>=;$\\]|::")


def label_and_address(line: Line) -> tuple[str, str] | None:
    """("pkgdata", "https://www.example.org/pkgdata") of a ``label : address`` line."""
    urls = urls_in(line.text)
    if len(urls) != 1 or emails_in(line.text) or is_contact_line(line.text):
        return None
    at = line.text.find(urls[0])
    if at <= 0 or line.text[at + len(urls[0]):].strip(" /.,;"):
        return None
    label = _LABEL_END.sub("", line.text[:at]).strip()
    label = label[1:-1].strip() if label.startswith("{") and label.endswith("}") else label
    if not label or len(label.split()) > MAX_LABEL_WORDS or _CODE.search(label) or label[-1] in ".?!":
        return None
    return label, urls[0]


def propose(ctx: Context) -> list[Candidate]:
    candidates = []
    for slide_no, lines in ctx.slides().items():
        run: list[tuple[Line, tuple[str, str]]] = []
        for line in [*lines, None]:
            item = label_and_address(line) if line is not None else None
            if item is not None:
                run.append((line, item))
                continue
            if len(run) >= MIN_ITEMS:
                candidates.append(_candidate(slide_no, run))
            run = []
    return candidates


def _candidate(slide_no: int, run: list[tuple[Line, tuple[str, str]]]) -> Candidate:
    evidence = f"{len(run)} 'name : address' lines on slide {slide_no}"
    projects = [ProjectDraft(label, "", None, slide_no, slide_no, line=line.index, urls=[url],
                             confidence=SCORE, evidence=f"{NAME}: {evidence}") for line, (label, url) in run]
    return Candidate(NAME, frozenset(line.index for line, _ in run), SCORE, evidence, projects=projects)
