"""Projects, initiatives and organisations presented inside a session.

A project starts at a presentation cue (``Présentation du projet « Le Mixeur » : …``,
``Presentation of …``, ``Project: …``), at "Presented by …" under a slide title, or, inside
a round table or workshop, at a description sentence followed by a presenter (the walk in
:mod:`.walk` decides which). This module reads the cue: its title is, in order, the quoted
name right after the cue; the words after the cue up to ``:`` / ``.`` / ``(`` (head nouns such
as "dispositif" dropped); when the cue presents "un organisme …" / "an organisation …", the
presenter's organisation. It also finds the organisations a text says run a project
("conduite par …", "run by …") or work with its presenter ("with the Leeds Civic Data Club").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..nlp import LazyFacts
from ..textnorm import fold
from .lexicon import Lexicon, PhraseSet, capitalised_run, tokens
from .sessions import WALK_CONFIDENCE, WALK_EVIDENCE, SessionDraft

_QUOTED_START = re.compile(r"^\s*[«“\"]\s*([^«»“”\"]+?)\s*[»”\"]")
_TITLE_END = re.compile(r"\s*(?:[:;]|\.(?:\s|$)|\s\(|\s[–—]\s)")
# An artefact's name: CamelCase inside the word ("RiverFlowKit", "pkgData"), capitals
# ("GLIDER"), or a dotted name ("data.io").
_ARTEFACT = re.compile(r"^(?:\w*[a-z]\w*[A-Z]\w*|[A-Z]{3,}[A-Z0-9]*|[^\W\d_]\w*\.\w+)$")
_APPOSITION = re.compile(r"^\s*([^,:;()]{2,60}?)\s*,\s*([^\W\d_]+)[\s'’]+([^\W\d_]+)")
MAX_APPOSITION_WORDS = 5
_QUOTED_AFTER = re.compile(r"^\s*((?:[^\W\d_]+['’]?\s*){0,3})[«“\"]\s*([^«»“”\"]+?)\s*[»”\"]")
MAX_TITLE_WORDS = 14
MAX_SUMMARY_SENTENCES = 2


@dataclass
class ProjectDraft:
    title: str
    summary: str
    session: SessionDraft | None
    slide_first: int
    slide_last: int
    needs_title: bool = False  # "un organisme …": the presenter's organisation names it
    line: int = -1  # where it starts in the line stream
    presenters: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    confidence: float = WALK_CONFIDENCE
    evidence: str = WALK_EVIDENCE


@dataclass(frozen=True)
class ProjectCue:
    title: str
    summary: str
    needs_title: bool


class ProjectReader:
    """Project cues, titles, summaries and named organisations, with one language's cues."""

    def __init__(self, lex: Lexicon, facts: LazyFacts) -> None:
        self.lex = lex
        self.facts = facts

    def cue(self, paragraph: str) -> ProjectCue | None:
        """The project a presentation cue opens, from its whole paragraph."""
        words = tokens(paragraph)
        size = self.lex.project_cues.match(words)
        if not size:
            return None
        rest = paragraph[words[size - 1].end:]
        if self.lex.project_colon_only.match(words[:size]) == size and not rest.lstrip().startswith(":"):
            return None
        rest = rest.lstrip(" :–—-'’")
        if not rest:
            return None
        return self._title_and_summary(paragraph, rest)

    def is_label(self, paragraph: str) -> bool:
        """The paragraph opens with a cue that counts only before a colon ("Case study: …")."""
        words = tokens(paragraph)
        size = self.lex.project_cues.match(words)
        return bool(size) and self.lex.project_colon_only.match(words[:size]) == size

    def from_description(self, paragraph: str) -> ProjectCue:
        """A project told only by a description sentence: its first clause is the title."""
        words = paragraph.split()
        while words and fold(words[0]) in self.lex.determiners:
            words.pop(0)
        text = " ".join(words)
        head = re.split(r"\s*[,:;(]\s*|\.\s", text, maxsplit=1)[0]
        title = " ".join(head.split()[:MAX_TITLE_WORDS]).rstrip(" .")
        return ProjectCue(title, self._sentences(paragraph, 0), False)

    def _title_and_summary(self, paragraph: str, rest: str) -> ProjectCue:
        offset = len(paragraph) - len(rest)
        words = tokens(rest)
        if len(words) >= 2 and words[0].folded in self.lex.indefinite_articles \
                and words[1].folded in self.lex.organisation_kinds:
            return ProjectCue("", self._sentences(paragraph, offset + words[1].start), True)
        body = self._drop_head_nouns(rest)
        offset += len(rest) - len(body)
        quoted = _QUOTED_START.match(body)
        if quoted:
            return ProjectCue(quoted.group(1), self._sentences(paragraph, offset + quoted.end()), False)
        end = _TITLE_END.search(body)
        title = body[:end.start()] if end else body
        title = " ".join(title.split()[:MAX_TITLE_WORDS]).rstrip(" .")
        return ProjectCue(title, self._sentences(paragraph, offset + (end.end() if end else len(body))), False)

    def _drop_head_nouns(self, text: str) -> str:
        """ "dispositif CREAFIL Loire Sud : …" → "CREAFIL Loire Sud : …" (and leading articles)."""
        while True:
            words = tokens(text)
            if not words or words[0].start > 2:
                return text
            first = words[0]
            if first.folded in self.lex.project_head_nouns or (first.folded in self.lex.determiners and first.text.islower()
                                                                and len(words) > 1):
                text = text[first.end:].lstrip(" '’")
                continue
            return text

    def _sentences(self, paragraph: str, start: int) -> str:
        """Up to two sentences of ``paragraph`` from ``start`` on (spaCy's sentence spans)."""
        tail = paragraph[start:].lstrip(" :.–—-»”")
        if not tail:
            return ""
        begin = len(paragraph) - len(tail)
        spans = [s for s in self.facts.sentences(paragraph) if s[1] > begin]
        if not spans:
            return tail.strip()
        end = spans[min(len(spans), MAX_SUMMARY_SENTENCES) - 1][1]
        return paragraph[begin:end].strip()

    def run_by(self, text: str) -> list[str]:
        """Organisations a description says run the project: "géré par l'association « La Baie »"."""
        return self._named_after(text, self.lex.run_by)

    def partners(self, text: str) -> list[str]:
        """Partners a presenter names: "Urban Futures Trust, with the Leeds Civic Data Club"."""
        return self._named_after(text, self.lex.partners)

    def _named_after(self, text: str, phrases: PhraseSet) -> list[str]:
        found = []
        words = tokens(text)
        for at in range(len(words)):
            size = phrases.match(words, at)
            if not size:
                continue
            after = text[words[at + size - 1].end:]
            name = self._name_after(after)
            if name:
                found.append(name)
        return found

    def _name_after(self, text: str) -> str:
        """The organisation named right after a run-by phrase: a quoted name or capitalised words."""
        quoted = _QUOTED_AFTER.match(text)
        if quoted and all(fold(w) in self.lex.determiners | self.lex.organisation_kinds
                          for w in re.findall(r"[^\W\d_]+", quoted.group(1))):
            return quoted.group(2)
        words = tokens(text)
        start = 0
        while start < len(words) and words[start].folded in self.lex.determiners and words[start].text.islower():
            start += 1
        end = capitalised_run(words, start, self.lex.name_connectors, text)
        return text[words[start].start:words[end - 1].end] if end else ""

    def named_in(self, title: str) -> list[str]:
        """The artefacts a session title names: ``GLIDER dataset for …`` (a name of artefact
        shape before ``named_before``), ``… the case of RiverFlowKit for R`` (capitalised
        words after ``named_after``), ``R-Lovers Lyon, une communauté …`` (a name in
        apposition to an ``apposition_nouns`` noun)."""
        found: list[str] = []
        words = tokens(title)
        for at, word in enumerate(words):
            if at + 1 < len(words) and self.lex.named_before.match(words, at + 1) \
                    and _ARTEFACT.match(title[word.start:word.end]):
                found.append(word.text)
            size = self.lex.named_after.match(words, at)
            if size:
                end = capitalised_run(words, at + size, self.lex.name_connectors, title)
                if end:
                    found.append(title[words[at + size].start:words[end - 1].end])
        apposed = _APPOSITION.match(title)
        if apposed and fold(apposed.group(2)) in self.lex.indefinite_articles | self.lex.determiners \
                and fold(apposed.group(3)) in self.lex.apposition_nouns \
                and apposed.group(1)[:1].isupper() and len(apposed.group(1).split()) <= MAX_APPOSITION_WORDS:
            found.append(apposed.group(1).strip())
        return list(dict.fromkeys(found))
