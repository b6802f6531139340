"""Person names as slides write them, their display form and their stable id.

Forms read: ``Eric DACHEUX``, ``Marie-Odile SASSO``, ``Michel HALLET EGHAYAN`` (family
name in capitals, several words), ``Mme Claire MARTIN`` / ``Dr. Jane DOE`` (honorific
dropped), ``Jane Doe`` and ``Ludwig van Beethoven`` (normal case: last word(s) are the
family name). The display form is "Given Family" in normal case ("Eric Dacheux"), and
the id is derived from the folded display name, so the same person gets the same
``person_id`` in every deck ("p-eric-dacheux").

Whether a name-shaped string *is* a speaker is decided by the caller from its context
(a role cue, an affiliation after it); this module only reads the shape, and refuses
shapes that contain words that are never part of a name (organisation words, months).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Sequence

from ..cues import FALLBACK_LANGUAGE, languages, load_cues
from ..textnorm import fold, slugify
from .lexicon import Lexicon, lexicon, tokens

# A name word: letters, inner hyphens or apostrophes ("Marie-Odile", "O'NEIL"), or an initial ("J.").
_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*\.?|[^\W\d_]\.(?:-[^\W\d_]\.)?")
MAX_GIVEN = 3
MAX_FAMILY = 3


@dataclass(frozen=True)
class PersonName:
    """A parsed name: given and family parts as written, honorific dropped."""

    given: str
    family: str
    upper_family: bool  # written "Given FAMILY": the strongest sign of a person on a slide
    titled: bool = False  # an honorific came before it ("Dr Jane Doe"): a sign of a person too

    @property
    def display(self) -> str:
        return f"{self.given} {normal_case_family(self.family)}".strip()

    @property
    def family_display(self) -> str:
        return normal_case_family(self.family)

    @property
    def person_id(self) -> str:
        return person_id(self.display)


def person_id(display_name: str) -> str:
    """Stable id of a person from their display name: ``"Éric Dacheux"`` → ``"p-eric-dacheux"``."""
    return "p-" + slugify(display_name)


def normal_case_family(family: str) -> str:
    """``"HALLET EGHAYAN"`` → ``"Hallet Eghayan"``, ``"BACHIR-CHERIF"`` → ``"Bachir-Cherif"``.

    Only words written in capitals are recased; ``"De Sousa"`` or ``"van Beethoven"`` stay
    as written. Particles in capitals go to lower case (``"DE LA FONTAINE"`` → ``"de la
    Fontaine"``) when a name word follows them.
    """
    words = family.split()
    out = []
    for index, word in enumerate(words):
        if not _is_upper(word):
            out.append(word)
        elif fold(word) in _particles() and index < len(words) - 1:
            out.append(word.lower())
        else:
            out.append(re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word.lower()))
    return " ".join(out)


def _particles() -> frozenset[str]:
    """Name particles of every language (the lexicons pool them)."""
    return lexicon(FALLBACK_LANGUAGE).particles


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int

    @property
    def bare(self) -> str:
        return self.text.rstrip(".")


@lru_cache(maxsize=4096)  # the walk reads names at the start of each line several times
def _words(text: str) -> tuple[_Word, ...]:
    return tuple(_Word(m.group(0), m.start(), m.end()) for m in _NAME_TOKEN.finditer(text))


@lru_cache(maxsize=1 << 14)
def _letters(word: str) -> str:
    return "".join(c for c in word if c.isalpha())


def _is_upper(word: str) -> bool:
    letters = _letters(word)
    return len(letters) >= 2 and letters.isupper()


def _is_title(word: str) -> bool:
    """``Jane``, ``Marie-Odile``, ``McDonald``: a capital then some lower case."""
    letters = _letters(word)
    return len(letters) >= 2 and letters[0].isupper() and any(c.islower() for c in letters) \
        and not word.endswith(".")


def _is_letter_particle(word: str) -> bool:
    """ "Ó" in "Ciarán Ó Briain": a one-letter capital particle (the list says which letters)."""
    return len(word) == 1 and word.isupper()


def _is_initial(word: str) -> bool:
    return bool(re.fullmatch(r"[^\W\d_]\.(?:-[^\W\d_]\.)?", word)) and word[0].isupper()


@cache
def _function_words() -> frozenset[str]:
    """Articles and prepositions of every language we detect: never a given name ("Les PTCE")."""
    return frozenset(fold(w) for lang in languages("language") for w in load_cues("language", lang)["stopwords"])


class NameReader:
    """Reads name shapes with one language's lexicon (honorifics, particles, non-name words)."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        kind_words = {p[0] for phrases in lex.session_kinds.values() for p in phrases.phrases if len(p) == 1}
        self.banned = lex.not_name_words | _function_words() | kind_words
        # the walk asks about the same lines several times: answers kept per reader (per deck)
        self._read_at: dict[tuple[str, int], tuple[PersonName, int] | None] = {}
        self._find_all: dict[str, tuple[tuple[PersonName, int, int], ...]] = {}

    def _allowed(self, word: str) -> bool:
        folded = fold(word)
        return bool(folded) and folded not in self.banned and not self.lex.job_words.match(
            tokens(word)) and folded not in self.lex.joiners

    def read_at(self, text: str, start: int = 0) -> tuple[PersonName, int] | None:
        """The name that starts at character ``start`` of ``text`` (after white space), and its end."""
        key = (text, start)
        if key not in self._read_at:
            words = [w for w in _words(text) if w.start >= start]
            found = None if not words or text[start:words[0].start].strip() else self._read(text, words)
            self._read_at[key] = found
        return self._read_at[key]

    def _read(self, text: str, words: Sequence[_Word]) -> tuple[PersonName, int] | None:
        index = 0
        while index < len(words) and fold(words[index].bare) in self.lex.honorifics \
                and words[index].text[0].isupper() and index < 2 and self._joined(text, words, index):
            index += 1
        titled = index > 0
        given: list[_Word] = []
        while index < len(words) and len(given) < MAX_GIVEN and (
                _is_title(words[index].text) or _is_initial(words[index].text)) \
                and (not given or self._joined(text, words, index - 1)):
            particle = bool(given) and fold(words[index].bare) in self.lex.particles  # "Julien De Sousa"
            if not _is_initial(words[index].text) and not particle and not self._allowed(words[index].bare):
                if not given:
                    return None
                break  # "Sophie Turner / Co-founder …": a job word ends the name
            given.append(words[index])
            index += 1
        if not given:
            return None
        family, index = self._upper_family(text, words, index, given[-1])
        if family:
            return self._make(given, family, True, titled)
        found = self._mixed_case(text, words, given, index)
        if found is None or not titled:
            return found
        return replace(found[0], titled=True), found[1]

    def _upper_family(self, text: str, words: Sequence[_Word], index: int, last: _Word) -> tuple[list[_Word], int]:
        family: list[_Word] = []
        previous = last
        while index < len(words) and len([w for w in family if _is_upper(w.text)]) < MAX_FAMILY:
            word = words[index]
            if not self._joined_words(text, previous, word):
                break
            is_particle = fold(word.bare) in self.lex.particles and (word.text.islower() or word.text.isupper())
            next_upper = index + 1 < len(words) and _is_upper(words[index + 1].text)
            if is_particle and next_upper and (word.text.islower() or family or not family and
                                               self._joined_words(text, word, words[index + 1])):
                family.append(word)  # "de", "DE LA" inside "DE LA FONTAINE"
            elif _is_upper(word.text) and fold(word.bare) not in self.banned:
                family.append(word)
            else:
                break
            previous = word
            index += 1
        while family and (not _is_upper(family[-1].text) or fold(family[-1].bare) in self.lex.particles):
            family.pop()
        return family, index

    def _mixed_case(self, text: str, words: Sequence[_Word], given: Sequence[_Word],
                    index: int) -> tuple[PersonName, int] | None:
        """``Jane Doe``, ``Julien De Sousa``, ``Ludwig van Beethoven``."""
        particles: list[_Word] = []
        previous = given[-1]
        while index < len(words) and fold(words[index].bare) in self.lex.particles \
                and (words[index].text.islower() or _is_letter_particle(words[index].text)) \
                and self._joined_words(text, previous, words[index]):
            particles.append(words[index])
            previous = words[index]
            index += 1
        if particles:
            if index < len(words) and _is_title(words[index].text) and self._allowed(words[index].bare) \
                    and self._joined_words(text, previous, words[index]) \
                    and not self._continues(text, words, index):
                return self._make(given, particles + [words[index]], False)
            return None
        if len(given) < 2 or _is_initial(given[-1].text) or self._continues(text, words, index - 1):
            return None
        family = [given.pop()]
        if fold(family[0].bare) in self.lex.particles:
            return None  # "Jean De": a particle cannot end a name
        while len(given) > 1 and fold(given[-1].bare) in self.lex.particles:
            family.insert(0, given.pop())
        return self._make(given, family, False)

    def _continues(self, text: str, words: Sequence[_Word], index: int) -> bool:
        """A capitalised word right after ``words[index]``: the name is part of a longer
        proper noun ("Leeds Civic Data Club"), not a person's name."""
        if index + 1 >= len(words) or not words[index + 1].text[:1].isupper():
            return False
        gap = text[words[index].end:words[index + 1].start]
        return self._joined(text, words, index) and "\n" not in gap

    def _joined(self, text: str, words: Sequence[_Word], index: int) -> bool:
        return index + 1 < len(words) and self._joined_words(text, words[index], words[index + 1])

    @staticmethod
    def _joined_words(text: str, left: _Word, right: _Word) -> bool:
        """Two words of one name are separated by white space only (a line break counts)."""
        gap = text[left.end:right.start]
        return 0 < len(gap) <= 3 and not gap.strip()

    @staticmethod
    def _make(given: Sequence[_Word], family: Sequence[_Word], upper: bool, titled: bool = False) -> tuple[PersonName, int]:
        name = PersonName(" ".join(w.text for w in given), " ".join(w.bare for w in family), upper, titled)
        end = family[-1].start + len(family[-1].bare)
        return name, end

    def find_all(self, text: str) -> list[tuple[PersonName, int, int]]:
        """Every name in a list such as ``"Danièle DEMOUSTIER, Eric DACHEUX et Bertrand LORDON"``.

        A name right after another capitalised word is part of a longer proper noun
        ("Université Jean MONNET") and is skipped.
        """
        if text not in self._find_all:
            self._find_all[text] = tuple(self._find_all_in(text))
        return list(self._find_all[text])

    def _find_all_in(self, text: str) -> list[tuple[PersonName, int, int]]:
        found: list[tuple[PersonName, int, int]] = []
        words = _words(text)
        index = 0
        while index < len(words):
            word = words[index]
            after_name = bool(found) and 0 <= words[index - 1].end - found[-1][2] <= 1  # "Jane DOE John SMITH"
            free = after_name or self._free_start(text, words, index)
            result = self._read(text, words[index:]) if free else None
            if result is None:
                index += 1
                continue
            name, end = result
            found.append((name, word.start, end))
            while index < len(words) and words[index].start < end:
                index += 1
        return found

    def _free_start(self, text: str, words: Sequence[_Word], index: int) -> bool:
        if index == 0:
            return True
        before = words[index - 1]
        if not self._joined_words(text, before, words[index]):
            return True
        folded = fold(before.bare)
        return folded in self.lex.joiners or folded in self.lex.honorifics or before.text.islower() \
            and folded not in self.lex.name_context_words
