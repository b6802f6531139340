"""The OCR error model: which spellings a damaged word may have come from, at what cost.

OCR damage is not random typing. It loses accents, drops a letter, reads ``m`` as ``rn``,
``l`` as ``1`` or ``i``, ``e`` as ``c``, ``d`` as ``cl``, puts a space inside a word or loses the
one between two words. Each kind of damage has a cost (``pipeline/data/ocr/common.toml``);
the corrector weighs that cost against how common each candidate is, so that "crétion"
becomes "création" (one dropped letter) and not "crétin" (an added letter, and rarer).

Every edit is tried on the word's *skeleton* (no case, no accents) and looked up in the
skeleton indexes of the lexicon and of the deck's own vocabulary; the accents of the result
come from the lexicon, so "dcveloppement" → "développement" is one confusion, not three edits.
"""

from __future__ import annotations

import itertools
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Mapping

from .lexicon import DATA_DIR, Lexicon, skeleton

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_VOWELS_OR_H = frozenset("aeiouyh")


@dataclass(frozen=True)
class ErrorModel:
    """Costs of each kind of OCR damage and the glyph confusions (``common.toml``)."""

    costs: Mapping[str, float]
    confusions: tuple[tuple[str, str], ...]
    digit_letters: Mapping[str, tuple[str, ...]]

    def cost(self, rule: str) -> float:
        return self.costs[rule]


@cache
def error_model() -> ErrorModel:
    data = tomllib.loads((DATA_DIR / "common.toml").read_text(encoding="utf-8"))
    return ErrorModel(
        costs=dict(data["costs"]),
        confusions=tuple((seen, printed) for seen, printed in data["confusions"]["pairs"]),
        digit_letters={digit: tuple(letters) for digit, letters in data["digit_letters"].items()},
    )


@dataclass(frozen=True, slots=True)
class Candidate:
    """A spelling the damaged text may stand for; ``word`` is lower case."""

    word: str
    cost: float
    rule: str


def _accent_signature(word: str) -> str:
    return "".join(ch for ch in word if not ch.isascii())


def _skeleton_edits(key: str, model: ErrorModel):
    """(edited skeleton, rule) for every single OCR-like edit of ``key``."""
    for seen, printed in model.confusions:
        start = key.find(seen)
        while start != -1:
            yield key[:start] + printed + key[start + len(seen):], "confusion"
            start = key.find(seen, start + 1)
    for i in range(len(key) + 1):
        head, tail = key[:i], key[i:]
        for letter in _LETTERS:
            yield head + letter + tail, "missing"
        if tail:
            yield head + tail[1:], "extra"
            for letter in _LETTERS:
                if letter != tail[0]:
                    yield head + letter + tail[1:], "substitution"
            if len(tail) > 1 and tail[0] != tail[1]:
                yield head + tail[1] + tail[0] + tail[2:], "transposition"


class CandidateFinder:
    """Finds candidate spellings in the lexicon and in the deck's own vocabulary."""

    def __init__(self, lexicon: Lexicon, deck_index: Mapping[str, tuple[str, ...]],
                 model: ErrorModel | None = None) -> None:
        self.lexicon = lexicon
        self.deck_index = deck_index
        self.model = model or error_model()

    def _spellings(self, key: str) -> tuple[str, ...]:
        return self.lexicon.spellings(key) + self.deck_index.get(key, ())

    def for_word(self, lower: str) -> list[Candidate]:
        """Candidates for one lower-case word, cheapest rule kept for each spelling."""
        best: dict[str, Candidate] = {}
        costs = self.model.costs
        accents = _accent_signature(lower)

        def offer(word: str, rule: str, cost: float) -> None:
            if word != lower and (word not in best or best[word].cost > cost):
                best[word] = Candidate(word, cost, rule)

        key = skeleton(lower)
        for word in self._spellings(key):
            changed = (sum(a != b for a, b in zip(word, lower)) if len(word) == len(lower)
                       else 1)
            offer(word, "accent", costs["accent"] * changed)
        for edited, rule in _skeleton_edits(key, self.model):
            spellings = self._spellings(edited)
            if spellings:
                base = costs[rule]
                for word in spellings:
                    penalty = 0.0 if _accent_signature(word) == accents else costs["accent"]
                    offer(word, rule, base + penalty)
        return list(best.values())

    def same_skeleton(self, lower: str) -> tuple[str, ...]:
        """Spellings that differ from ``lower`` at most in accents and case."""
        return self._spellings(skeleton(lower))

    def for_mixed(self, lower: str) -> list[Candidate]:
        """A token mixing digits and letters read as letters ("1'emploi" → "l'emploi")."""
        slots: list[tuple[str, ...]] = []
        for ch in lower:
            if ch.isdigit():
                if ch not in self.model.digit_letters:
                    return []
                slots.append(self.model.digit_letters[ch])
            else:
                slots.append((ch,))
        cost = self.model.cost("confusion")
        return [Candidate(word, cost, "digit")
                for word in ("".join(letters) for letters in itertools.product(*slots))
                if self.lexicon.is_valid(word)]

    def splits(self, lower: str, min_zipf: float) -> list[Candidate]:
        """Two common words glued together ("dela" → "de la")."""
        out = []
        lexicon = self.lexicon
        for i in range(1, len(lower)):
            head, tail = lower[:i], lower[i:]
            if all(self._common(part, min_zipf) for part in (head, tail)):
                out.append(Candidate(f"{head} {tail}", self.model.cost("split"), "split"))
        for elision in lexicon.facts.elisions:
            rest = lower[len(elision):]
            if (lower.startswith(elision) and len(rest) > 1 and rest[0] in _VOWELS_OR_H
                    and self._common(rest, 0.0)):
                out.append(Candidate(f"{elision}'{rest}", self.model.cost("elision"), "elision"))
        return out

    def _common(self, part: str, min_zipf: float) -> bool:
        """A word that may stand on each side of a lost space: short ones only if listed."""
        facts = self.lexicon.facts
        if len(part) < 3:
            return part in facts.one_letter or part in facts.function_words
        return self.lexicon.frequency(part) >= min_zipf and self.lexicon.is_valid(part)
