"""OCR post-correction benchmark: damage clean text like OCR does, repair it, measure.

    python benchmarks/ocr_benchmark.py                  # French and English, all kinds mixed
    python benchmarks/ocr_benchmark.py --per-kind       # plus one run per kind of damage
    python benchmarks/ocr_benchmark.py --json out.json  # figures as JSON as well

French: ../shared/corpora/fr-clean/sentences.txt (UD French-GSD, CC BY-SA 4.0).
English: benchmarks/data/en-sentences.txt (Python documentation prose, PSF licence; see
benchmarks/data/SOURCE.md). 5 % of words damaged with a fixed seed; figures follow the
ICDAR post-OCR competitions (relative CER improvement). Throughput is ``correct-text``'s
code (``correct_lines``) on the clean and the damaged corpus, one process, one core,
lexicon loading reported apart.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.ocr import correct_lines  # noqa: E402
from pipeline.ocr.evaluation import ERROR_KINDS, evaluate, inject_noise  # noqa: E402
from pipeline.ocr.lexicon import lexicon  # noqa: E402

SHARED = Path(os.environ.get("DECKPIPE_SHARED", REPO.parent / "shared"))
CORPORA = {
    "fr": SHARED / "corpora" / "fr-clean" / "sentences.txt",
    "en": REPO / "benchmarks" / "data" / "en-sentences.txt",
}


def load_sentences(lang: str) -> list[str]:
    text = CORPORA[lang].read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line.strip()]


def _correct(lang: str):
    # the deck stage's setting: a word broken at a line end is joined (correct-text keeps it)
    return lambda lines: correct_lines(lines, lang, join_hyphenated=True)[0]


def throughput(lang: str, sentences: list[str], rate: float, seed: int) -> dict[str, float]:
    started = time.perf_counter()
    lexicon(lang)
    loading = time.perf_counter() - started
    words = sum(len(s.split()) for s in sentences)
    figures = {"lexicon_load_seconds": round(loading, 2), "words": words}
    noisy, _ = inject_noise(sentences, rate, seed)
    for name, lines in (("clean", sentences), ("damaged", [l for s in noisy for l in s.split("\n")])):
        started = time.perf_counter()
        correct_lines(lines, lang)
        seconds = time.perf_counter() - started
        figures[f"{name}_words_per_second"] = round(words / seconds)
        figures[f"{name}_words_per_second_with_loading"] = round(words / (seconds + loading))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=["fr", "en", "all"], default="all")
    parser.add_argument("--rate", type=float, default=0.05, help="share of words damaged")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-kind", action="store_true", help="one extra run per kind of damage")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    results: dict[str, dict] = {}
    for lang in (["fr", "en"] if args.lang == "all" else [args.lang]):
        if not CORPORA[lang].is_file():
            print(f"{lang}: corpus {CORPORA[lang]} not found, skipped", file=sys.stderr)
            continue
        sentences = load_sentences(lang)
        speed = throughput(lang, sentences, args.rate, args.seed)
        report = evaluate(sentences, args.rate, args.seed, _correct(lang))
        entry = {"mixed": report.as_dict(), "throughput": speed}
        print(f"\n== {lang}: {report.words} words, {report.injected} damaged "
              f"({report.injected / report.words:.1%}), seed {args.seed}")
        print(f"CER {report.cer_before:.4%} -> {report.cer_after:.4%}, "
              f"relative improvement {report.improvement:.1%}; injected errors fixed "
              f"{report.fixed_share:.1%}; correct words changed {report.damaged_correct} "
              f"({report.damaged_share:.3%})")
        print(f"throughput: {speed['clean_words_per_second']} words/s clean, "
              f"{speed['damaged_words_per_second']} damaged; lexicon load "
              f"{speed['lexicon_load_seconds']} s")
        print(f"{'kind':<10} {'injected':>8} {'fixed':>7}" + (
            f" {'CER before':>11} {'CER after':>10} {'improv.':>8} {'wrongly chg':>11}"
            if args.per_kind else ""))
        for kind in ERROR_KINDS:
            injected, fixed = report.per_kind.get(kind, (0, 0))
            line = f"{kind:<10} {injected:>8} {fixed / injected if injected else 0:>7.1%}"
            if args.per_kind:
                alone = evaluate(sentences, args.rate, args.seed, _correct(lang), kinds=(kind,))
                entry.setdefault("per_kind_alone", {})[kind] = alone.as_dict()
                line += (f" {alone.cer_before:>11.4%} {alone.cer_after:>10.4%} "
                         f"{alone.improvement:>8.1%} {alone.damaged_share:>11.3%}")
            print(line)
        results[lang] = entry
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
