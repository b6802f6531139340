"""Cutting a line into the words the corrector may look at, without losing a character.

A line is never rebuilt from words: the corrector only replaces exact ``(start, end)``
spans, so spacing, punctuation, bullets, markdown and everything it does not understand
come out byte for byte. This module finds those spans:

- whole whitespace-separated chunks that look like an e-mail, a URL, a domain or a dotted
  abbreviation are protected as a block;
- inside other chunks, a *token* is a run of letters/digits joined by ``'`` or ``-``;
  tokens with digits are numbers, amounts, times, codes (left alone) unless the digits sit
  among at least three letters ("app1ication", "1'emploi");
- a token splits into *units* (what gets checked): an elided article ("l'", "qu'") is kept
  apart, and a hyphenated compound the dictionary does not know is checked part by part.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from ..textnorm import strip_accents
from .lexicon import Lexicon, lookup_form, skeleton

_CHUNK = re.compile(r"\S+")
_PROTECTED_CHUNK = re.compile(r"@|://|^<?www[.-]|[^\W_][.][^\W\d_]", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_PART = re.compile(r"[^'’\-]+")
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_SENTENCE_END = frozenset(".!?…")
_OPENERS = frozenset(" \t\"'«»“”‘’*_([{>-–—•·❑◆❖▪►■□●○")


@dataclass(frozen=True, slots=True)
class Unit:
    """A stretch of one line the corrector may replace: ``line[start:end] == text``."""

    line: int
    start: int
    end: int
    text: str
    plain: bool            # a whole token without hyphen or apostrophe: may join its neighbours
    mixed: bool            # letters and digits
    sentence_start: bool
    compound: tuple[int, int] | None = None  # span of the hyphenated compound it is part of

    @property
    def compound_head(self) -> bool:
        """First part of a hyphenated compound ("TERMO" in "TERMO-CHROMES")."""
        return self.compound is not None and self.start == self.compound[0]

    @property
    def lower(self) -> str:
        return lookup_form(self.text).lower()


def _is_sentence_start(line: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and line[i] in _OPENERS:
        i -= 1
    return i < 0 or line[i] in _SENTENCE_END


@lru_cache(maxsize=1 << 14)  # each line is tokenised by the vocabulary and by every pass
def line_tokens(line: str) -> tuple[tuple[int, str], ...]:
    """``(start, text)`` of each token outside protected chunks (e-mails, URLs, domains)."""
    return tuple((chunk.start() + token.start(), token.group())
                 for chunk in _CHUNK.finditer(line) if not _PROTECTED_CHUNK.search(chunk.group())
                 for token in _TOKEN.finditer(chunk.group()))


def line_units(line_no: int, line: str, lexicon: Lexicon) -> list[Unit]:
    """The units of one line, in order."""
    units: list[Unit] = []
    elisions = lexicon.facts.elisions
    for start, text in line_tokens(line):
        has_digit = any(ch.isdigit() for ch in text)
        if has_digit:
            letters = sum(ch.isalpha() for ch in text)
            digits = sum(ch.isdigit() for ch in text)
            if letters >= 3 and digits <= 2 and not text[-1].isdigit():
                units.append(Unit(line_no, start, start + len(text), text, False, True,
                                  _is_sentence_start(line, start)))
            continue
        if not any(ch in "'’-" for ch in text):
            units.append(Unit(line_no, start, start + len(text), text, True, False,
                              _is_sentence_start(line, start)))
            continue
        head, sep, rest = text.partition("'") if "'" in text else text.partition("’")
        if sep and head.lower() in elisions and rest:
            start, text = start + len(head) + 1, rest
        if lexicon.is_valid(lookup_form(text)):
            continue
        whole = not any(ch in "'’-" for ch in text)  # what an elided article was cut from
        for part in _PART.finditer(text):
            units.append(Unit(line_no, start + part.start(), start + part.end(), part.group(),
                              whole, False, _is_sentence_start(line, start + part.start()),
                              compound=(start, start + len(text)) if "-" in text else None))
    return units


def case_pattern(text: str) -> str:
    """``upper``, ``title``, ``lower`` or ``mixed``, judged on the letters only."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return "lower"
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return "upper"
    if letters[0].isupper() and all(ch.islower() for ch in letters[1:]):
        return "title"
    if all(ch.islower() for ch in letters):
        return "lower"
    return "mixed"


def restore_case(original: str, word: str, *, caps_drop_accents: bool = False) -> str:
    """``word`` (lower case) written the way ``original`` was: CRÉATION, Création, création.

    Upper-case text that carried no accents stays without them where the language's
    typography allows it ("DEMARCHE" style), so a fix does not change the deck's style.
    """
    pattern = case_pattern(original)
    if pattern == "upper":
        if caps_drop_accents and strip_accents(original) == original:
            word = strip_accents(word)
        return word.upper()
    if pattern == "title":
        return word[:1].upper() + word[1:]
    if pattern == "mixed" and len(original) == len(word):
        return "".join(w.upper() if o.isupper() else w for o, w in zip(original, word))
    return word


@dataclass(frozen=True)
class DeckVocabulary:
    """How often the deck spells each word, and its trustworthy spellings by skeleton.

    A word the deck spells the same way twice is taken as intended (a name, an acronym,
    jargon) and never corrected; those words, and the valid ones, are the spellings the
    corrector prefers when a damaged word is close to one of them.
    """

    counts: Counter[str]
    capitals: Counter[str]  # how often each (lower-case) word was written with a capital
    index: dict[str, tuple[str, ...]]
    total: int
    in_addresses: frozenset[str] = frozenset()  # words inside the deck's e-mails and URLs
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)  # neighbouring words

    @classmethod
    def empty(cls) -> DeckVocabulary:
        return cls(Counter(), Counter(), {}, 0)

    @classmethod
    def from_lines(cls, lines: Iterable[str], lexicon: Lexicon) -> DeckVocabulary:
        counts: Counter[str] = Counter()
        capitals: Counter[str] = Counter()
        in_addresses: set[str] = set()
        pairs: Counter[tuple[str, str]] = Counter()
        for line in lines:
            words = [lookup_form(token).lower() for _, token in line_tokens(line)]
            pairs.update(zip(words, words[1:]))
            in_addresses.update(word.lower() for chunk in _CHUNK.findall(line)
                                if _PROTECTED_CHUNK.search(chunk)
                                for word in _LETTERS.findall(chunk))
            for _, token in line_tokens(line):
                if any(ch.isdigit() for ch in token):
                    continue
                token = lookup_form(token)
                parts = [token] + ([p for p in _PART.findall(token) if p != token]
                                   if "-" in token or "'" in token else [])
                for part in parts:
                    counts[part.lower()] += 1
                    if part[:1].isupper():
                        capitals[part.lower()] += 1
        index: dict[str, list[str]] = {}
        for word, count in counts.items():
            if len(word) > 1 and word.isalpha() and (count >= 2 or lexicon.is_valid(word)):
                index.setdefault(skeleton(word), []).append(word)
        return cls(counts, capitals, {key: tuple(words) for key, words in index.items()},
                   sum(counts.values()), frozenset(in_addresses), pairs)

    def count(self, word: str) -> int:
        return self.counts.get(word, 0)

    def pair(self, first: str, second: str) -> int:
        """How often the deck has ``first`` right before ``second``."""
        return self.pairs.get((first, second), 0) if first and second else 0

    def capitalised(self, word: str) -> int:
        return self.capitals.get(word, 0)
