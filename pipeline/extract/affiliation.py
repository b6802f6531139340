"""Split what follows a name into a job title and an organisation.

``"Directeur de l'Enseignement Supérieur Recherche Innovation, Saint-Etienne Métropole"``
→ job ``"Directeur de l'Enseignement Supérieur Recherche Innovation"``, organisation
``"Saint-Etienne Métropole"``; ``"Président du Groupe ARCHER, Romans."`` → ``"Président"``,
``"Groupe ARCHER"``; ``"Head of Research at Acme Institute"`` → ``"Head of Research"``,
``"Acme Institute"``.

The text is cut into segments (commas, spaced dashes, semicolons, outside quotes and
brackets); a segment opening with a job word is a job, a lower-case one continues the job
before it, any other is an organisation candidate. The organisation is, in order of
preference: the last stand-alone segment with an organisation word or an acronym; a quoted
name («…»); a bracketed name at the end; a name introduced inside a job by "de/du/of/at"
that has an organisation word; a plain stand-alone segment. Rules and examples:
docs/records.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..textnorm import fold
from .lexicon import Lexicon, Token, capitalised_run, tokens

_QUOTED = re.compile(r"«\s*([^«»]+?)\s*»|“\s*([^“”]+?)\s*”|\"\s*([^\"]+?)\s*\"")
_TRAILING_BRACKET = re.compile(r"\(([^()]+)\)\s*$")
_SEPARATORS = {",", ";", "|"}
_SPACED_DASH = re.compile(r"\s[-–—]\s")
_EDGE = " \t,;:.-–—|(«»\"“”"


@dataclass(frozen=True)
class Affiliation:
    job_title: str = ""
    organisation: str = ""
    others: tuple[str, ...] = ()  # further organisations named by quotes ("et coprésidente de « X »")


@dataclass
class _Segment:
    text: str
    kind: str  # "job", "cont" (continues the job), "org"
    strong: bool = False


@dataclass(frozen=True)
class _Candidate:
    name: str
    segment: int
    cut_at: int = -1  # where the job text stops in that segment (-1: the whole segment is the org)


def split_segments(text: str) -> list[str]:
    """Top-level pieces of an affiliation: commas, semicolons and spaced dashes cut it,
    except inside quotes and brackets."""
    text = _SPACED_DASH.sub(" | ", text)
    pieces, depth, quote, current = [], 0, False, []
    for char in text:
        if char in "«“":
            quote = True
        elif char in "»”":
            quote = False
        elif char == '"':
            quote = not quote
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        if char in _SEPARATORS and not depth and not quote:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    return [p.strip(" \t.") for p in pieces if p.strip(" \t.")]


class AffiliationReader:
    """Job title and organisation from the words after a name, with one language's cues."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def read(self, text: str) -> Affiliation:
        text = " ".join(text.split()).strip(" \t,;:.-–—|")
        if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
            text = text[1:-1].strip()  # "(conseillère, Maison de l'Emploi)"
        text = _strip_trailing_joiner(text, self.lex)
        if not text:
            return Affiliation()
        segments = [self._classify(s) for s in split_segments(text)]
        if not segments:
            return Affiliation()
        choice = self._organisation(segments)
        organisation = choice.name.strip(_EDGE + ")") if choice else ""
        others = tuple(name for match in _QUOTED.finditer(text)
                       if (name := next(g for g in match.groups() if g)) != organisation)
        return Affiliation(self._job(segments, choice), organisation, others)

    # --- classification ------------------------------------------------------------------

    def _classify(self, text: str) -> _Segment:
        words = tokens(text)
        if self.lex.is_job_start(words) or self._has_strong_link(words):
            return _Segment(text, "job")  # "Director, …", "Data Librarian at the British Library"
        first_word = text.lstrip(_EDGE).split(" ", 1)[0]
        if first_word[:1].islower() and not any(c.isupper() for c in first_word):
            if words and words[0].folded in self.lex.organisation_words \
                    and any(w.text[:1].isupper() for w in words[1:]):
                # "collège Jules-Ferry (Vichy)": a named institution; its town in brackets is left out
                return _Segment(_TRAILING_BRACKET.sub("", text).strip(), "org", True)
            return _Segment(text, "cont")
        return _Segment(text, "org", self._is_strong(text))  # "mySociety" too

    def _has_strong_link(self, words: Sequence[Token]) -> bool:
        """ "… at Acme", "… chez Acme": the words before are a job, the ones after its employer."""
        for at in range(1, len(words) - 1):
            if words[at].folded in self.lex.employer_links and words[at].text.islower():
                start = at + 1
                while start < len(words) and words[start].folded in self.lex.determiners and words[start].text.islower():
                    start += 1
                if capitalised_run(words, start, self.lex.name_connectors):
                    return True
        return False

    def _is_strong(self, text: str) -> bool:
        """An organisation word ("Université", "Groupe") or an acronym ("CRESS") in it."""
        for word in tokens(text):
            if word.folded in self.lex.organisation_words:
                return True
            letters = [c for c in word.text if c.isalpha()]
            if 2 <= len(letters) <= 10 and word.text.isupper() and word.text.isalpha():
                return True
        return False

    # --- the organisation -----------------------------------------------------------------

    def _organisation(self, segments: list[_Segment]) -> _Candidate | None:
        """The organisation candidate to keep, in the order of preference of the module doc."""
        standalone = [i for i, s in enumerate(segments) if s.kind == "org"]
        strong = [i for i in standalone if segments[i].strong and not self._bracketed_only(segments[i].text)]
        if strong:
            return _Candidate(segments[strong[-1]].text, strong[-1])
        for i, segment in enumerate(segments):
            quoted = _QUOTED.search(segment.text)
            if quoted and segment.kind != "org":
                return _Candidate(next(g for g in quoted.groups() if g), i, quoted.start())
        for i, segment in enumerate(segments):
            bracket = _TRAILING_BRACKET.search(segment.text)
            if bracket and bracket.group(1)[:1].isupper() and segment.kind != "org":
                return _Candidate(bracket.group(1), i, bracket.start())  # "Professeur … (Clermont Université)"
        embedded = [c for i, s in enumerate(segments) if s.kind == "job" for c in self._embedded(s.text, i)]
        for candidate, is_strong in embedded:
            if is_strong:
                return candidate
        if standalone:
            return _Candidate(segments[standalone[-1]].text, standalone[-1])
        several_words = [c for c, _ in embedded if len(c.name.split()) > 1]
        return several_words[-1] if several_words else None

    @staticmethod
    def _bracketed_only(text: str) -> bool:
        return text.startswith("(") and text.endswith(")")

    def _embedded(self, text: str, index: int) -> list[tuple[_Candidate, bool]]:
        """Names introduced inside a job segment: "Président du Groupe ARCHER"."""
        words = tokens(text)
        found = []
        at = 1
        while at < len(words):
            size = self.lex.affiliation_links.match(words, at)
            if not size:
                at += 1
                continue
            start = at + size
            while start < len(words) and words[start].folded in self.lex.determiners and words[start].text.islower():
                start += 1
            kind_word = start < len(words) and words[start].folded in self.lex.organisation_kinds \
                and words[start].text.islower()
            if kind_word:  # "de l'association OpenNantes"
                start += 1
            run = capitalised_run(words, start, self.lex.name_connectors, text)
            if run:
                if words[start].folded in self.lex.organisation_words:
                    run = self._to_segment_end(words, start, text)
                name = text[words[start].start:words[run - 1].end]
                link = " ".join(w.folded for w in words[at:at + size])
                bare_place_link = link in self.lex.place_links and start == at + size  # "journaliste à Ouest-France"
                strong = self._is_strong(name) or link in self.lex.employer_links or kind_word or bare_place_link
                found.append((_Candidate(name, index, words[at].start), strong))
                at = run
            else:
                at = start if start > at else at + 1
        return found

    def _to_segment_end(self, words: Sequence[Token], start: int, text: str) -> int:
        """ "Chambre de métiers et de l'artisanat d'Indre-et-Loire": an organisation word
        opens a name that runs to the end of the segment, a closing place ("à Montréal") aside."""
        end = len(words)
        for at in range(start + 1, len(words)):
            size = self.lex.affiliation_links.match(words, at)
            if size and words[at].folded in self.lex.place_links \
                    and capitalised_run(words, at + size, self.lex.name_connectors, text) == len(words):
                return at
        return end

    # --- the job title --------------------------------------------------------------------

    def _job(self, segments: list[_Segment], choice: _Candidate | None) -> str:
        parts = []
        has_job = any(s.kind == "job" for s in segments)
        for i, segment in enumerate(segments):
            text = segment.text
            if choice and i == choice.segment:
                if choice.cut_at < 0:
                    continue
                text = self._trim_tail(text[:choice.cut_at])
            elif segment.kind == "org":
                if has_job or i > 0 or (choice and choice.segment == i):
                    continue
            elif segment.kind == "cont" and not parts and i > 0:
                continue  # (a first piece in lower case is the job: "principale, collège …")
            text = _TRAILING_BRACKET.sub("", text).strip(_EDGE)
            if not text or fold(text) in self.lex.membership_words:
                continue
            parts.append(text)
        return ", ".join(parts)

    def _trim_tail(self, text: str) -> str:
        """ "Coordinateur de l'association «" → "Coordinateur" (links, articles, kind words)."""
        words = tokens(text)
        end = len(words)
        while end > 1:
            word = words[end - 1]
            if word.folded in self.lex.determiners or word.folded in self.lex.organisation_kinds \
                    or self.lex.affiliation_links.match(words[end - 1:end]) or word.folded in self.lex.name_connectors:
                end -= 1
                continue
            break
        return text[:words[end - 1].end] if words else ""


def _strip_trailing_joiner(text: str, lex: Lexicon) -> str:
    """ "…, Président de Saint-Etienne Métropole et" → without the dangling "et"."""
    words = text.split()
    while words and fold(words[-1]) in lex.joiners:
        words.pop()
    return " ".join(words).strip(" ,;")
