"""Given names: evidence that a normal-case ``Jane Doe`` is a person where no spaCy model is.

English decks have no NER model here, so a name in normal case next to an affiliation, on
a cover or after a programme line's dash, needs another sign. The list
(``pipeline/data/names/given.tsv``, built by ``scripts/build_given_names.py`` from the
``names-dataset`` package) gives every name ranked among the 2,000 most frequent of some
country, with a flag for names that are also ordinary words ("Will", "Coffee", "Paris").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..cues import DATA_DIR
from ..textnorm import fold

GIVEN_NAMES_FILE = DATA_DIR / "names" / "given.tsv"
# A name this frequent somewhere is a name first even when it is also a word ("Tom", "Marie").
COMMON_RANK = 50


@dataclass(frozen=True)
class GivenNames:
    """Folded given names: ``strong`` are names first, ``weak`` are also ordinary words."""

    strong: frozenset[str]
    weak: frozenset[str]

    def strength(self, word: str) -> float:
        """1 for a name first, 0.5 for a name that is also a word, 0 for no known name.

        A compound ("Jean-Marie") is as strong as its weakest part.
        """
        parts = [fold(p) for p in word.replace("’", "'").split("-") if p]
        if not parts:
            return 0.0
        return min(1.0 if p in self.strong else 0.5 if p in self.weak else 0.0 for p in parts)

    def is_name(self, word: str, *, weak_ok: bool = False) -> bool:
        return self.strength(word) >= (0.5 if weak_ok else 1.0)


@cache
def given_names() -> GivenNames:
    """The list, read once per process (about 94,000 names, ~10 MB in memory)."""
    strong, weak = set(), set()
    with GIVEN_NAMES_FILE.open(encoding="utf-8") as source:
        for row in source:
            if row.startswith("#"):
                continue
            name, rank, is_word = row.rstrip("\n").split("\t")
            (weak if is_word == "1" and int(rank) > COMMON_RANK else strong).add(name)  # folded
    return GivenNames(frozenset(strong), frozenset(weak))
