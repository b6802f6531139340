"""Deciding, word by word, whether OCR damaged the text and what was printed instead.

One function, :func:`correct_lines`, serves the deck stage and ``deckpipe correct-text``.
For each line, in this order:

1. the archivist's replacements are applied as given (rule ``override``);
2. words the archivist keeps (and names the records stage found) are put out of reach;
3. a word broken by a hyphen at the end of a line is recognised as one word;
4. two neighbours that the lexicon or the deck spell as one word are joined ("CREA FIL");
5. every other word the dictionary does not know is weighed against its candidates.

Most words are valid, and a cached Hunspell lookup says so (the fast path). A word that
is not is left alone when it looks intended: an acronym, a name (capitalised and known to
real text, or capitalised and repeated by the deck), a word of another language. Otherwise
each candidate from :mod:`.candidates` gets a score (OCR cost − prior, the prior mixing
wordfreq with the deck's own counts) and so does "keep as is"; the scores become
probabilities, and the best candidate is applied only when it is likely (``APPLY``) and the
word as written is not (``KEEP_MAX``); otherwise it is only *suggested* (``applied=False``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..config import Settings
from ..textnorm import nfc
from .candidates import Candidate, CandidateFinder
from .lexicon import Lexicon, lexicon, lookup_form
from .tokens import DeckVocabulary, Unit, case_pattern, line_units, restore_case

# Scoring, in the nats of common.toml's costs. Tuned on the benchmark (docs/ocr.md).
W_FREQ = 1.2            # nats per zipf point of a word's prior
DECK_SHARE = 0.1        # weight of the deck's own word counts in that prior (a cache model)
KEEP_COST = 4.0         # price of reading a word no dictionary knows as intended
APPLY = 0.5             # probability of the best candidate from which it is applied ...
KEEP_MAX = 0.02         # ... provided the word is this unlikely to be right as it stands
SUGGEST = 0.3           # probability from which it is logged as a suggestion
CANDIDATE_MIN_ZIPF = 2.5  # a candidate the dictionaries do not know must be this common
SPLIT_MIN_ZIPF = 3.0      # each word of a split glued pair must be this common
SPLIT_MAX_TOKEN_ZIPF = 2.0  # a token this common in real text is not two glued words ...
BIGRAM_BOOST = 3.0        # zipf points two words gain over independence by following each other
FOREIGN_MIN_ZIPF = 3.0    # a word this common in another language is that language's
ACRONYM_MAX_LETTERS = 5   # capitals this short are acronyms (SCOP, CRESS), never corrected
JOIN_MIN_ZIPF = 1.0       # a join the deck does not attest must give a word this common ...
JOIN_WITH_WORD_MIN_ZIPF = 3.0  # ... and this common when one of the two pieces is a word
NAME_MIN_ZIPF = 2.0       # a capitalised word this common in real text is a name, not damage
CHEAP_FOR_CAPITALS = 3.0  # a capitalised word is only corrected by damage this cheap ...
CAPITALS_MIN_ZIPF = 3.0   # ... into a word this common (or one the deck spells)
CONTEXT_ZIPF = 1.0        # prior points per tenfold of the deck's pairs with a neighbour
PREFIX_ZIPF = 4.0         # prior of a listed prefix at the head of a hyphenated compound


@dataclass(frozen=True, slots=True)
class Fix:
    """One change made (``applied``) or only suggested, on line ``line`` of the input."""

    line: int
    before: str
    after: str
    rule: str
    confidence: float
    applied: bool


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


def _whole_words(phrases: Iterable[str], flags: int) -> re.Pattern[str] | None:
    words = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", flags)


class _Corrector:
    """The state of one :func:`correct_lines` call."""

    def __init__(self, lines: Sequence[str], lex: Lexicon, vocabulary: DeckVocabulary,
                 keep: Iterable[str], names: Iterable[str], join_hyphenated: bool) -> None:
        self.lex = lex
        self.vocab = vocabulary
        self.finder = CandidateFinder(lex, vocabulary.index)
        self.lines = list(lines)
        self.join_hyphenated = join_hyphenated
        self.keep = [pattern for pattern in (_whole_words(keep, re.IGNORECASE),
                                             _whole_words(names, 0)) if pattern]
        self.fixes: list[Fix] = []
        self.edits: dict[int, list[_Edit]] = {}

    # -- bookkeeping -------------------------------------------------------------------------

    def _log(self, line: int, before: str, after: str, rule: str, confidence: float,
             applied: bool) -> None:
        self.fixes.append(Fix(line, before, after, rule, round(confidence, 3), applied))

    def _edit(self, line: int, start: int, end: int, text: str) -> None:
        self.edits.setdefault(line, []).append(_Edit(start, end, text))

    def _protected_spans(self, line: str, extra: Iterable[str]) -> list[tuple[int, int]]:
        spans = [(m.start(), m.end()) for pattern in self.keep for m in pattern.finditer(line)]
        for text in extra:
            spans.extend((m.start(), m.end()) for m in re.finditer(re.escape(text), line))
        return spans

    # -- the passes --------------------------------------------------------------------------

    def replace(self, replacements: Sequence[tuple[str, str]]) -> dict[int, list[str]]:
        """The archivist's replacements, applied as given; returns what they inserted."""
        inserted: dict[int, list[str]] = {}
        for no, line in enumerate(self.lines):
            for before, after in replacements:
                if before and before in line:
                    line = line.replace(before, after)
                    inserted.setdefault(no, []).append(after)
                    self._log(no, before, after, "override", 1.0, True)
            self.lines[no] = line
        return inserted

    def run(self, inserted: dict[int, list[str]]) -> list[str]:
        units_by_line = []
        for no, line in enumerate(self.lines):
            spans = self._protected_spans(line, inserted.get(no, ()))
            units = [u for u in line_units(no, line, self.lex)
                     if not any(u.start < end and start < u.end for start, end in spans)]
            units_by_line.append(units if not self._is_foreign(units) else [])
        done: set[tuple[int, int]] = set()
        for no in range(len(self.lines) - 1):
            self._hyphenation(units_by_line[no], units_by_line[no + 1], done)
        for units in units_by_line:
            self._joins(units, done)
            for i, unit in enumerate(units):
                if (unit.line, unit.start) not in done:
                    self._word(unit, (units[i - 1].lower if i else "",
                                      units[i + 1].lower if i + 1 < len(units) else ""))
        return [self._apply(no, line) for no, line in enumerate(self.lines)]

    def _apply(self, no: int, line: str) -> str:
        for edit in sorted(self.edits.get(no, ()), key=lambda e: e.start, reverse=True):
            line = line[:edit.start] + edit.text + line[edit.end:]
        return line

    def _is_foreign(self, units: list[Unit]) -> bool:
        """A line mostly in another language is left as it is, not "corrected" into this one."""
        own = foreign = 0
        for unit in units:
            lower = unit.lower
            if len(lower) < 2:
                continue
            if self.lex.foreign_frequency(lower) >= FOREIGN_MIN_ZIPF and (
                    self.lex.foreign_frequency(lower) > self.lex.frequency(lower) + 1.0):
                foreign += 1
            elif self.lex.is_valid(lower):
                own += 1
        return foreign >= 2 and foreign > own

    def _hyphenation(self, units: list[Unit], following: list[Unit], done: set) -> None:
        """"dévelop-" at the end of a line and "pement" at the start of the next: one word."""
        if not units or not following:
            return
        last, first = units[-1], following[0]
        if (last.line, last.start) in done:  # a one-word line already moved up
            return
        line, next_line = self.lines[last.line], self.lines[first.line]
        if line[last.end:].rstrip() != "-" or next_line[:first.start].strip():
            return
        if case_pattern(first.text) not in ("lower", case_pattern(last.text)):
            return
        joined = (last.text + first.text).lower()
        if not self._attested(joined):
            return
        done.update({(last.line, last.start), (first.line, first.start)})
        if not self.join_hyphenated:
            return
        # the second half moves up with what sticks to it (punctuation), then its spaces go
        rest = next_line[first.end:]
        sticking = rest.split(None, 1)[0] if rest and not rest[0].isspace() else ""
        moved_end = first.end + len(sticking)
        moved_end += len(next_line[moved_end:]) - len(next_line[moved_end:].lstrip(" "))
        self._edit(last.line, last.start, len(line), last.text + first.text + sticking)
        self._edit(first.line, 0, moved_end, "")
        self._log(last.line, f"{last.text}-\n{first.text}", last.text + first.text,
                  "hyphenation", 0.95, True)

    def _joins(self, units: list[Unit], done: set) -> None:
        """Two neighbours separated by one space that are one word in the lexicon or deck."""
        for left, right in zip(units, units[1:]):
            if (not (left.plain and right.plain) or left.line != right.line
                    or right.start != left.end + 1 or self.lines[left.line][left.end] != " "
                    or (left.line, left.start) in done or (right.line, right.start) in done):
                continue
            valid = [self._part_valid(unit.lower) for unit in (left, right)]
            if all(valid) or any(not ok and self._is_join_blocker(unit)
                                 for ok, unit in zip(valid, (left, right))):
                continue
            joined = left.lower + right.lower
            in_deck = self.vocab.count(joined) >= 2 or (self.vocab.count(joined) > 0
                                                         and self.lex.is_valid(joined))
            # a fragment next to a real word ("par ieur") needs a common result to be joined
            min_zipf = JOIN_MIN_ZIPF if not any(valid) else JOIN_WITH_WORD_MIN_ZIPF
            if not in_deck and not (self.lex.is_valid(joined)
                                    and self.lex.frequency(joined) >= min_zipf):
                continue
            pattern = left.text + right.text
            if case_pattern(pattern) == "mixed" and not in_deck:
                continue
            after = restore_case(pattern, joined,
                                 caps_drop_accents=self.lex.facts.caps_drop_accents)
            before = self.lines[left.line][left.start:right.end]
            confidence = 0.95 if in_deck else 0.9
            self._edit(left.line, left.start, right.end, after)
            self._log(left.line, before, after, "join+deck" if in_deck else "join",
                      confidence, True)
            done.update({(left.line, left.start), (right.line, right.start)})

    # -- one word ----------------------------------------------------------------------------

    def _part_valid(self, lower: str) -> bool:
        if len(lower) == 1:
            return lower in self.lex.facts.one_letter
        return self.lex.is_valid(lower)

    def _attested(self, lower: str) -> bool:
        return self.vocab.count(lower) > 0 or self.lex.is_valid(lower)

    def _is_join_blocker(self, unit: Unit) -> bool:
        """An unknown piece that stands on its own: mixed case ("iPhone") or a known name."""
        pattern = case_pattern(unit.text)
        if pattern == "mixed":
            return True
        return (pattern == "title" and not unit.sentence_start
                and self.lex.frequency(unit.lower) >= NAME_MIN_ZIPF)

    def _is_intended(self, unit: Unit) -> bool:
        """Spellings to leave alone even though no dictionary knows them."""
        pattern = case_pattern(unit.text)
        lower = unit.lower
        if pattern == "mixed" and not unit.mixed:
            return True
        if pattern == "upper" and not unit.compound_head and (
                sum(ch.isalpha() for ch in unit.text) <= ACRONYM_MAX_LETTERS):
            return True
        if pattern != "lower" and lower in self.vocab.in_addresses:
            return True  # "CRESS" beside cress-rhone-alpes.org: the deck's own name
        if self.vocab.count(lower) >= 2 and pattern != "lower":
            return True  # a name or term the deck repeats (lower-case repeats weigh in the prior)
        return self._is_foreign_word(lower)

    def _is_foreign_word(self, lower: str) -> bool:
        """Common in another language, and not a word of this one that lost its accents."""
        foreign = self.lex.foreign_frequency(lower)
        if foreign < FOREIGN_MIN_ZIPF or foreign <= self.lex.frequency(lower):
            return False
        return not any(self.lex.frequency(word) >= foreign and self.lex.is_valid(word)
                       for word in self.finder.same_skeleton(lower))

    def _known(self, unit: Unit) -> bool:
        lower = unit.lower
        if self.lex.is_valid(lower) or self.lex.is_valid(lookup_form(unit.text)):
            return True
        if unit.compound_head and lower in self.lex.facts.prefixes:
            return True
        for ending in self.lex.facts.plural_endings:  # "iterables" where the deck has "iterable"
            stem = lower[:-len(ending)]
            if lower.endswith(ending) and len(stem) > 3 and (
                    self.lex.is_valid(stem) or self.vocab.count(stem) >= 2):
                return True
        pattern = case_pattern(unit.text)
        if self.lex.facts.caps_drop_accents and pattern in ("upper", "title"):
            # French capitals may drop their accents: "DEMARCHE", "Etats"
            return any(self.lex.is_valid(word) for word in self.finder.same_skeleton(lower)
                       if pattern == "upper" or word[1:] == lower[1:])
        return False

    def _word(self, unit: Unit, neighbours: tuple[str, str]) -> None:
        if len(unit.text) < 2 or self._known(unit) or self._case_split(unit):
            return
        if self._is_intended(unit):
            return
        lower = unit.lower
        pattern = case_pattern(unit.text)
        if pattern == "title" and self.lex.frequency(lower) >= NAME_MIN_ZIPF:
            return  # a name wordfreq knows (Hughes, Alain), not a damaged word
        if unit.mixed:
            candidates = self.finder.for_mixed(lower)
        else:
            candidates = self.finder.for_word(lower) + self.finder.splits(lower, SPLIT_MIN_ZIPF)
        scored = [(self._score(c, unit, neighbours), c) for c in candidates
                  if self._plausible(c, unit, pattern)]
        if not scored:
            return
        keep_score = KEEP_COST - W_FREQ * self._prior(lower, own=1)
        best_score, candidate = min(scored, key=lambda pair: pair[0])
        total = sum(math.exp(best_score - score) for score, _ in scored)
        total_with_keep = total + math.exp(best_score - keep_score)
        confidence = 1.0 / total_with_keep
        keep_probability = math.exp(best_score - keep_score) / total_with_keep
        if confidence < SUGGEST:
            return
        applied = confidence >= APPLY and keep_probability <= KEEP_MAX and not (
            self.lex.facts.glued_compounds and candidate.rule == "split"
            and not any(w in self.lex.facts.function_words for w in candidate.word.split(" ")))
        after = restore_case(unit.text, candidate.word,
                             caps_drop_accents=self.lex.facts.caps_drop_accents)
        if after == unit.text:
            return
        if applied:
            self._edit(unit.line, unit.start, unit.end, after)
        rule = candidate.rule + ("+deck" if self.vocab.count(candidate.word) else "")
        self._log(unit.line, unit.text, after, rule, confidence, applied)

    def _case_split(self, unit: Unit) -> bool:
        """A lost space shown by a capital inside the word: "deLorraine", "duCapitole".

        Only after a lower-case function word, so "McGregor", "PowerPoint" or
        "LaVelle" stay as they are.
        """
        if unit.mixed or case_pattern(unit.text) != "mixed":
            return False
        cut = next((i for i, ch in enumerate(unit.text) if i and ch.isupper()), 0)
        head, tail = unit.text[:cut], unit.text[cut:]
        if (cut < 2 or case_pattern(head) != "lower"
                or case_pattern(tail) not in ("title", "upper")
                or head not in self.lex.facts.function_words):
            return False
        self._edit(unit.line, unit.start, unit.end, f"{head} {tail}")
        self._log(unit.line, unit.text, f"{head} {tail}", "split-case", 0.9, True)
        return True

    def _plausible(self, candidate: Candidate, unit: Unit, pattern: str) -> bool:
        """Whether ``candidate`` may replace ``unit`` at all, before any weighing."""
        word = candidate.word
        if pattern in ("title", "upper"):
            # capitals: names, logos, acronyms. Only cheap damage (a dropped letter only
            # where the deck or the compound attests the result), only to real words, and
            # in mid-sentence only to a word the deck itself writes with a capital.
            if candidate.rule == "split":  # "Un homme" at a sentence start, not "Champ deuil"
                return (pattern == "title" and unit.sentence_start
                        and word.split(" ")[0] in self.lex.facts.function_words)
            if candidate.rule == "elision":  # "Lorgue" is a name before it is "L'orgue"
                return False
            attested = self.vocab.count(word) > 0 or (unit.compound_head
                                                       and word in self.lex.facts.prefixes)
            if candidate.cost > (CHEAP_FOR_CAPITALS if attested else CHEAP_FOR_CAPITALS - 0.5):
                return False
            if pattern == "title" and not unit.sentence_start:
                return self.vocab.capitalised(word) >= 2
            if not attested and self.lex.frequency(word) < CAPITALS_MIN_ZIPF:
                return False
        if candidate.rule == "split":
            head, tail = word.split(" ")
            if head in self.lex.facts.prefixes:
                return False  # a prefix glued to a word is word formation ("préchoisis")
            # a token real texts use ("blanca") is split only into two function words ("dela")
            function_words = sum(w in self.lex.facts.function_words for w in (head, tail))
            if self.lex.frequency(unit.lower) >= SPLIT_MAX_TOKEN_ZIPF:
                return function_words == 2
            return True
        if " " in word or "'" in word:
            return True  # splits and elisions were built from valid words
        if unit.compound_head:  # "TERMO-CHROMES": before a hyphen, only a prefix is expected
            return word in self.lex.facts.prefixes
        if self.lex.is_valid(word) or self.vocab.count(word) >= 2:
            return True
        return pattern == "lower" and self.lex.frequency(word) >= CANDIDATE_MIN_ZIPF

    def _prior(self, word: str, own: int = 0) -> float:
        """Zipf-scale prior of a word: wordfreq mixed with the deck's own counts."""
        others = max(self.vocab.count(word) - own, 0)
        share = others / self.vocab.total if self.vocab.total else 0.0
        probability = (1 - DECK_SHARE) * 10 ** (self.lex.frequency(word) - 9) + DECK_SHARE * share
        return 9 + math.log10(probability) if probability > 0 else 0.0

    def _score(self, candidate: Candidate, unit: Unit, neighbours: tuple[str, str]) -> float:
        """The candidate's cost minus its prior: the lower, the likelier.

        The prior rises when the deck elsewhere puts the candidate beside the same
        neighbour ("je" in "ie suis" when the deck says "je suis").
        """
        if candidate.rule == "split":  # two words: both must occur, one after the other
            first, second = candidate.word.split(" ")
            prior = self._prior(first) + self._prior(second) - 9 + BIGRAM_BOOST
        else:  # an elided article costs nothing: "l'emploi" is as common as "emploi"
            prior = self._prior(candidate.word.rpartition("'")[2])
        if unit.compound_head and candidate.word in self.lex.facts.prefixes:
            prior = max(prior, PREFIX_ZIPF)  # before a hyphen, a prefix is what one expects
        words = candidate.word.split(" ")
        pairs = self.vocab.pair(neighbours[0], words[0]) + self.vocab.pair(words[-1], neighbours[1])
        return candidate.cost - W_FREQ * (prior + CONTEXT_ZIPF * math.log10(1 + pairs))


def correct_lines(lines: Sequence[str], lang: str, *,
                  deck_vocabulary: DeckVocabulary | None = None,
                  keep: Iterable[str] = (),
                  names: Iterable[str] = (),
                  replacements: Sequence[tuple[str, str]] = (),
                  join_hyphenated: bool = False) -> tuple[list[str], list[Fix]]:
    """The lines with OCR damage repaired (same number of lines), and every fix or suggestion.

    ``deck_vocabulary`` defaults to the vocabulary of ``lines`` themselves; ``keep`` are
    words or phrases never touched (case-insensitive, whole words), ``names`` the same but
    matched with their case (a person called "Bonnet" leaves "bonnet" open); ``replacements`` are
    applied verbatim first. Lines are put in NFC first (the output contract's form).
    ``join_hyphenated`` moves the end of a word broken across two
    lines up to the first line ("dévelop-" / "pement suite" → "développement" / "suite");
    without it the break stays where it is and only protects the two halves.
    """
    lex = lexicon(lang)
    lines = [nfc(line) for line in lines]
    vocabulary = deck_vocabulary or DeckVocabulary.from_lines(lines, lex)
    corrector = _Corrector(lines, lex, vocabulary, keep, names, join_hyphenated)
    inserted = corrector.replace(replacements)
    return corrector.run(inserted), corrector.fixes


def correct_text(text: str, lang: str, settings: Settings | None = None, *,
                 fixes: list[Fix] | None = None) -> str:
    """``deckpipe correct-text``: the text with OCR damage repaired, line for line.

    Uses the same code and overrides (``[corrections]`` keep and replace) as the deck
    stage; a word broken by a line-end hyphen stays broken, so every line keeps its
    content. ``fixes``, when given, receives what was changed or suggested.
    """
    overrides = settings.overrides if settings else None
    lines, found = correct_lines(
        text.split("\n"), lang,
        keep=overrides.correction_keep if overrides else (),
        replacements=overrides.replacements if overrides else ())
    if fixes is not None:
        fixes.extend(found)
    return "\n".join(lines)
