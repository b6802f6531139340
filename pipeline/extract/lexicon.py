"""The records cue words of one language, folded and indexed for matching at a line start.

Cue words live in ``pipeline/data/records/<lang>.toml`` (read through :func:`load_cues`);
this module only turns them into fast look-ups. Matching is on folded word tokens
(:func:`textnorm.fold`), so "Animée par", "ANIMEE PAR" and "animée  par" are one cue, and
the text after a cue is cut from the original line (accents and case kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Iterable, Sequence

from ..cues import languages, load_cues
from ..textnorm import fold

CONCERN = "records"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Token:
    """A word of a line with its place in the line, so a cue can be cut off exactly."""

    text: str
    folded: str
    start: int
    end: int


@lru_cache(maxsize=1 << 14)  # the walk asks about the same line many times
def tokens(text: str) -> tuple[Token, ...]:
    """The words (letters and digits) of ``text`` with their character spans."""
    return tuple(Token(m.group(0), fold(m.group(0)), m.start(), m.end()) for m in _WORD.finditer(text))


def capitalised_run(words: Sequence[Token], start: int, connectors: frozenset[str], text: str = "") -> int:
    """End index (exclusive) of the capitalised words from ``words[start]``, 0 if none.

    Inner ``connectors`` are allowed, trailing ones are not: "Groupe ARCHER à Romans" ends
    at "ARCHER", "Maison de l'Emploi et de la Formation Loire Sud" is one run. Given the
    ``text`` the words come from, a hyphenated word counts whole ("Co-operative").
    """
    if start >= len(words) or not words[start].text[:1].isupper():
        return 0
    end = probe = start + 1
    while probe < len(words):
        word = words[probe]
        hyphenated = bool(text) and text[words[probe - 1].end:word.start] == "-"
        if word.text[:1].isupper() or word.text.isdigit() or (hyphenated and probe == end):
            end = probe = probe + 1
        elif word.folded in connectors and word.text.islower():
            probe += 1
        else:
            break
    return end


@dataclass(frozen=True)
class PhraseSet:
    """Cue phrases as folded word tuples; :meth:`match` finds the longest one at a position."""

    phrases: frozenset[tuple[str, ...]]
    longest: int
    first_words: frozenset[str]

    @classmethod
    def of(cls, phrases: Iterable[str]) -> PhraseSet:
        folded = frozenset(tuple(fold(p).split()) for p in phrases if fold(p))
        return cls(folded, max((len(p) for p in folded), default=0), frozenset(p[0] for p in folded))

    def match(self, words: Sequence[Token], at: int = 0) -> int:
        """How many words of the longest phrase that starts at ``words[at]`` (0: none)."""
        if at >= len(words) or words[at].folded not in self.first_words:
            return 0
        for size in range(min(self.longest, len(words) - at), 0, -1):
            if tuple(w.folded for w in words[at:at + size]) in self.phrases:
                return size
        return 0


def _phrase_map(table: dict[str, list[str]]) -> dict[str, PhraseSet]:
    return {key: PhraseSet.of(values) for key, values in table.items()}


def _folded(values: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(v) for v in values if fold(v))


@dataclass(frozen=True)
class Lexicon:
    """Everything the extraction needs to know about a language's words."""

    language: str
    session_kinds: dict[str, PhraseSet]
    programme_headings: PhraseSet
    kind_modified_nouns: frozenset[str]
    kind_at_end_max_words: int
    kind_at_end_excluded: PhraseSet
    roles: dict[str, PhraseSet]
    honorifics: frozenset[str]
    particles: frozenset[str]
    joiners: frozenset[str]
    job_words: PhraseSet
    membership_words: frozenset[str]
    organisation_words: frozenset[str]
    name_context_words: frozenset[str]
    organisation_kinds: frozenset[str]
    affiliation_links: PhraseSet
    credit_words: PhraseSet
    contact_words: PhraseSet
    roster_headings: PhraseSet
    contact_labels: frozenset[str]
    project_cues: PhraseSet
    project_colon_only: PhraseSet
    project_head_nouns: frozenset[str]
    indefinite_articles: frozenset[str]
    run_by: PhraseSet
    partners: PhraseSet
    initiative_heads: frozenset[str]  # "… Institute", "Observatoire …": a slide titled by an initiative
    initiative_head_first: bool  # French names put the head noun first, English ones last
    named_before: PhraseSet  # "GLIDER dataset": an artefact's name comes before these
    named_after: PhraseSet  # "the case of RiverFlowKit": and after these
    apposition_nouns: frozenset[str]  # "R-Lovers Lyon, une communauté …"
    months: dict[str, int]
    weekdays: frozenset[str]
    weekday_abbreviations: frozenset[str]
    ordinal_suffixes: tuple[str, ...]
    edition_words: frozenset[str]
    edition_adjectives: frozenset[str]
    ordinal_words: dict[str, int]
    theme_words: PhraseSet
    place_words: PhraseSet
    organiser_words: PhraseSet
    determiners: frozenset[str]
    name_connectors: frozenset[str]
    continuation_words: frozenset[str]
    employer_links: frozenset[str]
    place_links: frozenset[str]
    name_links: frozenset[str]
    place_name_words: frozenset[str]
    table_headers: dict[str, PhraseSet]  # programme-table field -> header cues
    end_markers: PhraseSet  # "16:30 END": the time ends the entry above, opens nothing
    range_openers: tuple[str, ...]  # as written: they go into the time regular expression
    range_words: tuple[str, ...]

    @property
    def not_name_words(self) -> frozenset[str]:
        """Words that can never be part of a person's name in this language."""
        return self.organisation_words | self.name_context_words | frozenset(self.months) | self.weekdays

    def match_kind(self, words: Sequence[Token], at: int = 0) -> tuple[str, int]:
        """(session kind, words matched) of the longest kind phrase at ``words[at]``."""
        best = ("", 0)
        for kind, phrases in self.session_kinds.items():
            size = phrases.match(words, at)
            if size > best[1]:
                best = (kind, size)
        return best

    def match_kind_at_end(self, words: Sequence[Token]) -> str:
        """The kind of a short line that ends with a kind phrase ("Wine reception"), in a
        language whose compounds put the head last; "" otherwise (and for a job: "Head of
        Workshop")."""
        if not 2 <= len(words) <= self.kind_at_end_max_words or self.is_job_start(words):
            return ""
        for at in range(1, len(words)):
            kind, size = self.match_kind(words, at)
            if kind and at + size == len(words) and not self.kind_at_end_excluded.match(words, at):
                return kind
        return ""

    def match_role(self, words: Sequence[Token], at: int = 0) -> tuple[str, int]:
        """(role, words matched) of the longest role cue at ``words[at]``."""
        best = ("", 0)
        for role, phrases in self.roles.items():
            size = phrases.match(words, at)
            if size > best[1]:
                best = (role, size)
        return best

    def is_job_start(self, words: Sequence[Token]) -> bool:
        return bool(words) and self.job_words.match(words) > 0


@cache
def lexicon(lang: str) -> Lexicon:
    """The lexicon of ``lang`` (English when the language has no cue file).

    Name parts (honorifics, particles) and the small words of ``[words]`` are pooled over
    every language: a French deck names Dutch and English speakers and organisations too.
    """
    cues = load_cues(CONCERN, lang)
    everyone = [load_cues(CONCERN, other) for other in languages(CONCERN)]
    people: dict[str, Any] = cues.get("people", {})
    sessions = cues.get("sessions", {})
    projects = cues.get("projects", {})
    event = cues.get("event", {})
    month_numbers = {fold(word): int(number) for word, number in event.get("month_numbers", {}).items()}
    return Lexicon(
        language=lang,
        session_kinds=_phrase_map(sessions.get("kinds", {})),
        programme_headings=PhraseSet.of(sessions.get("programme_headings", [])),
        kind_modified_nouns=_folded(sessions.get("kind_modified_nouns", [])),
        kind_at_end_max_words=int(sessions.get("kind_at_end_max_words", 0)),
        kind_at_end_excluded=PhraseSet.of(sessions.get("kind_at_end_excluded", [])),
        roles=_phrase_map(people.get("roles", {})),
        honorifics=_folded(h for c in everyone for h in c.get("people", {}).get("honorifics", [])),
        particles=_folded(p for c in everyone for p in c.get("people", {}).get("name_particles", [])),
        joiners=_folded(people.get("name_joiners", [])) | {"and", "et", "&"},
        job_words=PhraseSet.of(people.get("job_words", [])),
        membership_words=_folded(people.get("membership_words", [])),
        organisation_words=_folded(people.get("organisation_words", [])),
        name_context_words=_folded(people.get("name_context_words", [])),
        organisation_kinds=_folded(people.get("organisation_kinds", [])),
        affiliation_links=PhraseSet.of(people.get("affiliation_links", [])),
        credit_words=PhraseSet.of(people.get("credit_words", [])),
        contact_words=PhraseSet.of(people.get("contact_words", [])),
        roster_headings=PhraseSet.of(people.get("roster_headings", [])),
        contact_labels=_folded(w for c in everyone for w in c.get("people", {}).get("contact_labels", [])),
        project_cues=PhraseSet.of(projects.get("cues", [])),
        project_colon_only=PhraseSet.of(projects.get("colon_only", [])),
        project_head_nouns=_folded(projects.get("head_nouns", [])),
        indefinite_articles=_folded(projects.get("indefinite_articles", [])),
        run_by=PhraseSet.of(projects.get("run_by", [])),
        partners=PhraseSet.of(projects.get("partners", [])),
        initiative_heads=_folded(projects.get("initiative_heads", [])),
        initiative_head_first=projects.get("initiative_head", "last") == "first",
        named_before=PhraseSet.of(projects.get("named_before", [])),
        named_after=PhraseSet.of(projects.get("named_after", [])),
        apposition_nouns=_folded(projects.get("apposition_nouns", [])),
        months=month_numbers,
        weekdays=_folded(event.get("weekdays", [])),
        weekday_abbreviations=_folded(event.get("weekday_abbreviations", [])),
        ordinal_suffixes=tuple(sorted((fold(s) for s in event.get("ordinal_suffixes", [])), key=len, reverse=True)),
        edition_words=_folded(event.get("edition_words", [])),
        edition_adjectives=_folded(event.get("edition_adjectives", [])),
        ordinal_words={fold(word): int(number) for word, number in event.get("ordinal_words", {}).items()},
        theme_words=PhraseSet.of(event.get("theme_words", [])),
        place_words=PhraseSet.of(event.get("place_words", [])),
        organiser_words=PhraseSet.of(event.get("organiser_words", [])),
        table_headers=_phrase_map(sessions.get("table_headers", {})),
        end_markers=PhraseSet.of(sessions.get("end_markers", [])),
        **{key: _folded(w for c in everyone for w in c.get("words", {}).get(key, []))
           for key in ("determiners", "name_connectors", "continuation_words", "employer_links", "place_links",
                       "name_links", "place_name_words")},
        **{key: tuple(sorted({w for c in everyone for w in c.get("event", {}).get(key, [])}))
           for key in ("range_openers", "range_words")},
    )
