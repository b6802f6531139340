"""Measuring the corrector: OCR-like noise injected into clean text, and what it repaired.

The benchmark (``benchmarks/ocr_benchmark.py``) and the quality gate
(``tests/test_ocr_quality.py``) share this module, so the gate checks the very figures the
documentation reports. Metrics follow the ICDAR 2017/2019 post-OCR competitions:
character error rate (CER) before and after, and the relative improvement
``(CER_before - CER_after) / CER_before``; plus, on words: the share of injected errors
repaired and the share of correct words the corrector damaged.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Callable, Sequence

from rapidfuzz.distance import Levenshtein

# The kinds of damage injected; each is a real OCR failure named in docs/ocr.md.
ERROR_KINDS = ("missing", "accent", "rn_m", "l_1_i", "c_e", "cl_d", "split", "glue", "hyphen")
_CORE = re.compile(r"[^\W\d_]+")
_ACCENT_SWAPS = {
    "é": "eè", "è": "eé", "ê": "eé", "ë": "e", "à": "a", "â": "a", "î": "i", "ï": "i",
    "ô": "o", "û": "u", "ù": "u", "ç": "c",
}
_PAIRS = {  # kind -> (seen in clean text, what OCR printed)
    "rn_m": (("m", "rn"), ("rn", "m")),
    "l_1_i": (("l", "1"), ("l", "i"), ("i", "l"), ("i", "1")),
    "c_e": (("e", "c"), ("c", "e")),
    "cl_d": (("d", "cl"), ("cl", "d")),
}


@dataclass(frozen=True)
class Injection:
    """One damaged word: sentence, whitespace-word index, kind, clean and damaged forms."""

    sentence: int
    word: int
    kind: str
    clean: str
    noisy: str


def _with_case(template: str, text: str) -> str:
    """``text`` in the case of the letters it replaces: "M" → "Rn", "MM" → "RN"."""
    if template.isupper():
        return text.upper() if len(template) > 1 or len(text) == 1 else text[0].upper() + text[1:]
    return text


def _damage(word: str, kind: str, rng: random.Random) -> str | None:
    """``word`` with one damage of ``kind`` applied to its longest run of letters, or None."""
    cores = list(_CORE.finditer(word))
    if not cores:
        return None
    core = max(cores, key=lambda m: len(m.group()))
    text, lower = core.group(), core.group().lower()
    options: list[str] = []
    if kind == "missing" and len(text) >= 3:
        options = [text[:i] + text[i + 1:] for i in range(len(text))]
    elif kind == "accent":
        options = [text[:i] + _with_case(ch, swap) + text[i + 1:]
                   for i, ch in enumerate(lower) for swap in _ACCENT_SWAPS.get(ch, "")]
    elif kind in _PAIRS:
        for seen, printed in _PAIRS[kind]:
            for m in re.finditer(re.escape(seen), lower):
                options.append(text[:m.start()] + _with_case(text[m.start():m.end()], printed)
                               + text[m.end():])
    elif kind == "split" and len(text) >= 4:
        options = [text[:i] + " " + text[i:] for i in range(2, len(text) - 1)]
    elif kind == "hyphen" and len(text) >= 6:
        options = [text[:i] + "-\n" + text[i:] for i in range(3, len(text) - 2)]
    if not options:
        return None
    return word[:core.start()] + rng.choice(options) + word[core.end():]


def inject_noise(sentences: Sequence[str], rate: float, seed: int,
                 kinds: Sequence[str] = ERROR_KINDS) -> tuple[list[str], list[Injection]]:
    """Each word damaged with probability ``rate`` by one kind drawn among those that apply.

    A damaged sentence may span two lines (``hyphen``); a glued word takes its right
    neighbour with it (both count as damaged).
    """
    rng = random.Random(seed)
    noisy_sentences, injections = [], []
    for s_no, sentence in enumerate(sentences):
        words = sentence.split(" ")
        out: list[str] = []
        i = 0
        while i < len(words):
            word = words[i]
            if rng.random() >= rate or not _CORE.search(word):
                out.append(word)
                i += 1
                continue
            order = list(kinds)
            rng.shuffle(order)
            for kind in order:
                if kind == "glue":
                    if i + 1 < len(words) and _CORE.search(words[i + 1]):
                        noisy = word + words[i + 1]
                        injections.append(Injection(s_no, i, kind, f"{word} {words[i + 1]}", noisy))
                        out.append(noisy)
                        i += 1
                        break
                    continue
                noisy = _damage(word, kind, rng)
                if noisy is not None:
                    injections.append(Injection(s_no, i, kind, word, noisy))
                    out.append(noisy)
                    break
            else:
                out.append(word)
            i += 1
        noisy_sentences.append(" ".join(out))
    return noisy_sentences, injections


@dataclass
class Report:
    """Figures of one benchmark run."""

    words: int
    injected: int
    cer_before: float
    cer_after: float
    fixed: int
    correct_words: int
    damaged_correct: int
    per_kind: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind -> (injected, fixed)
    seconds: float = 0.0

    @property
    def improvement(self) -> float:
        return (self.cer_before - self.cer_after) / self.cer_before if self.cer_before else 0.0

    @property
    def fixed_share(self) -> float:
        return self.fixed / self.injected if self.injected else 0.0

    @property
    def damaged_share(self) -> float:
        return self.damaged_correct / self.correct_words if self.correct_words else 0.0

    def as_dict(self) -> dict[str, float | int | dict]:
        return {
            "words": self.words, "injected": self.injected,
            "cer_before": round(self.cer_before, 5), "cer_after": round(self.cer_after, 5),
            "relative_improvement": round(self.improvement, 4),
            "fixed_share": round(self.fixed_share, 4),
            "correct_words_damaged": self.damaged_correct,
            "correct_words_damaged_share": round(self.damaged_share, 5),
            "per_kind": {k: {"injected": n, "fixed": f, "fixed_share": round(f / n, 4) if n else 0}
                         for k, (n, f) in sorted(self.per_kind.items())},
            "seconds": round(self.seconds, 2),
        }


def _flat(text: str) -> str:
    return " ".join(text.split())


def evaluate(clean: Sequence[str], rate: float, seed: int,
             correct: Callable[[list[str]], list[str]],
             kinds: Sequence[str] = ERROR_KINDS) -> Report:
    """Damage ``clean``, repair it with ``correct`` (lines in, lines out), measure.

    All sentences go through ``correct`` in one call, as the lines of one document, so the
    document's own vocabulary plays its part as a deck's does.
    """
    import time

    noisy, injections = inject_noise(clean, rate, seed, kinds)
    lines, owner = [], []
    for s_no, sentence in enumerate(noisy):
        for line in sentence.split("\n"):
            lines.append(line)
            owner.append(s_no)
    started = time.perf_counter()
    corrected_lines = correct(lines)
    seconds = time.perf_counter() - started
    corrected = ["" for _ in clean]
    for s_no, line in zip(owner, corrected_lines):
        corrected[s_no] = f"{corrected[s_no]} {line}" if corrected[s_no] else line

    chars = sum(len(s) for s in clean)
    before = sum(Levenshtein.distance(_flat(n), c) for n, c in zip(noisy, clean))
    after = sum(Levenshtein.distance(_flat(h), c) for h, c in zip(corrected, clean))
    damaged_at: dict[int, dict[int, Injection]] = {}
    for inj in injections:
        damaged_at.setdefault(inj.sentence, {})[inj.word] = inj
        if inj.kind == "glue":
            damaged_at[inj.sentence][inj.word + 1] = inj
    words = fixed_words = correct_words = damaged_correct = 0
    per_kind: dict[str, list[int]] = {}
    for s_no, (ref, hyp) in enumerate(zip(clean, corrected)):
        ref_words, hyp_words = ref.split(" "), _flat(hyp).split(" ")
        kept = set()
        for block in SequenceMatcher(None, ref_words, hyp_words, autojunk=False).get_matching_blocks():
            kept.update(range(block.a, block.a + block.size))
        damaged = damaged_at.get(s_no, {})
        words += len(ref_words)
        for w_no in range(len(ref_words)):
            if w_no not in damaged:
                correct_words += 1
                damaged_correct += w_no not in kept
        for w_no, inj in damaged.items():
            if inj.word != w_no:
                continue
            ok = w_no in kept and (inj.kind != "glue" or w_no + 1 in kept)
            fixed_words += ok
            counts = per_kind.setdefault(inj.kind, [0, 0])
            counts[0] += 1
            counts[1] += ok
    return Report(words, len(injections), before / chars, after / chars, fixed_words,
                  correct_words, damaged_correct,
                  {k: (n, f) for k, (n, f) in per_kind.items()}, seconds)
