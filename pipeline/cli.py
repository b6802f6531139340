"""Command line: ``deckpipe run | correct-text | eval``. Parses arguments, calls the
library, turns errors into one-line messages and exit codes (0 ok, 1 a deck failed,
2 usage error). No pipeline logic lives here."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Sequence

from . import __version__
from .config import Limits, Overrides, Settings
from .errors import ConfigError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="deckpipe", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=f"deckpipe {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="process decks into structured tables")
    run.add_argument("inputs", nargs="*", default=["raw"], help="deck files or folders (default: raw/)")
    run.add_argument("--out", default="processed", help="output folder (default: processed/)")
    run.add_argument("--config", help="overrides TOML file (branding patterns, keep-lists, replacements)")
    run.add_argument("--lang", default="auto", help="deck language (fr, en, ...); default: detect")
    run.add_argument("--password", help="password for encrypted PDFs")
    run.add_argument("--spacy-model", help="spaCy model to use instead of the default for the language")
    _add_batch_options(run)

    correct = sub.add_parser("correct-text", help="OCR-correct text from stdin to stdout")
    correct.add_argument("--lang", default="fr", help="language of the text (default: fr)")
    correct.add_argument("--config", help="overrides TOML file (keep-list, replacements)")

    evaluate = sub.add_parser("eval", help="score a run against a hand-made gold file, or a corpus")
    source = evaluate.add_mutually_exclusive_group(required=True)
    source.add_argument("--gold", help="gold JSON file (tests/gold format or the corpus format)")
    source.add_argument("--corpus", metavar="DIR",
                        help="corpus folder (corpus.json, gold/, decks/): run every deck and score it")
    evaluate.add_argument("--run", metavar="DIR", help="run output folder (with --gold, default: processed/; "
                          "with --corpus, where each deck is run, default: a temporary folder)")
    evaluate.add_argument("--json", metavar="FILE", help="with --corpus: write every figure to FILE")
    evaluate.add_argument("--only", metavar="NAME", help="with --corpus: only decks whose file or gold name has NAME")
    evaluate.add_argument("--fetched-dir", metavar="DIR", help="with --corpus: folder of the decks not in DIR/decks "
                          "(default: $EVENTS_FETCHED, else <tmp>/events-fetched)")
    return parser


def _add_batch_options(run: argparse.ArgumentParser) -> None:
    """Options for many decks at once (docs/batch.md)."""
    limits = Limits()
    batch = run.add_argument_group("many decks", "workers, incremental runs, safety limits (docs/batch.md)")
    batch.add_argument("--workers", type=_count, metavar="N",
                       help="worker processes (default: all cores; 1 runs in this process)")
    batch.add_argument("--force", action="store_true",
                       help="reprocess decks unchanged since the last run (default: skip them)")
    batch.add_argument("--timeout", type=_amount(float, allow_zero=True), metavar="SECONDS",
                       help=f"time limit per deck (default: {limits.timeout_seconds:g}; 0: none)")
    batch.add_argument("--max-slides", type=_count, metavar="N",
                       help=f"refuse decks with more slides or pages (default: {limits.max_slides})")
    batch.add_argument("--max-file-size", type=_amount(float), metavar="MIB",
                       help=f"refuse larger files (default: {limits.max_file_bytes / _MIB:g} MiB)")
    batch.add_argument("--max-uncompressed-size", type=_amount(float), metavar="MIB",
                       help="refuse PPTX whose parts unpack to more "
                            f"(default: {limits.max_uncompressed_bytes / _MIB:g} MiB)")
    batch.add_argument("--max-compression-ratio", type=_amount(float), metavar="RATIO",
                       help="refuse PPTX parts packed tighter, zip bombs "
                            f"(default: {limits.max_compression_ratio:g})")
    batch.add_argument("--follow-links", action="store_true",
                       help="read symbolic links that lead out of the input folders (default: refuse them)")
    noise = batch.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", help="print only failed decks")
    noise.add_argument("-v", "--verbose", action="store_true", help="print every deck and its warnings")


_MIB = 1024 * 1024


def _amount(kind: Callable[[str], Any], allow_zero: bool = False) -> Callable[[str], Any]:
    """An argparse type: a number > 0 (or >= 0)."""
    def parse(text: str) -> Any:
        value = kind(text)
        if value < 0 or (value == 0 and not allow_zero):
            raise argparse.ArgumentTypeError(f"must be {'>= 0' if allow_zero else '> 0'}: {text}")
        return value
    return parse


_count = _amount(int)


def _limits(args: argparse.Namespace) -> Limits:
    """The default limits with those given on the command line."""
    given = {"timeout_seconds": args.timeout, "max_slides": args.max_slides,
             "max_compression_ratio": args.max_compression_ratio}
    for option, name in (("max_file_size", "max_file_bytes"), ("max_uncompressed_size", "max_uncompressed_bytes")):
        if getattr(args, option) is not None:
            given[name] = int(getattr(args, option) * _MIB)
    return replace(Limits(), **{k: v for k, v in given.items() if v is not None})


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings(language=getattr(args, "lang", "auto"),
                        password=getattr(args, "password", None),
                        spacy_model=getattr(args, "spacy_model", None))
    if getattr(args, "config", None):
        settings = replace(settings, overrides=Overrides.from_file(args.config))
    return settings


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from .batch import default_workers, run_batch, silence_library_logs
    from .progress import RunProgress
    from .writers import REPORT_FILE

    missing = [i for i in args.inputs if not Path(i).exists()]
    if missing:
        print(f"deckpipe: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    settings = replace(settings, limits=_limits(args))
    if args.verbose:
        logging.basicConfig(level=logging.WARNING, format="    log: %(name)s: %(message)s")
    else:
        silence_library_logs()
    out_dir = Path(args.out)
    progress = RunProgress(quiet=args.quiet, verbose=args.verbose)
    started = time.perf_counter()
    try:
        results = run_batch(args.inputs, out_dir, settings, workers=args.workers or default_workers(),
                            force=args.force, follow_links=args.follow_links, on_start=progress.start, on_result=progress.deck_done)
    except KeyboardInterrupt:
        progress.close()
        print("deckpipe: interrupted; decks already written are kept, rerun to finish", file=sys.stderr)
        return EXIT_INTERRUPTED
    progress.finish(results, out_dir / REPORT_FILE, time.perf_counter() - started)
    return EXIT_FAILED if any(r.status == "failed" for r in results) else EXIT_OK


def _correct_text(args: argparse.Namespace, settings: Settings) -> int:
    from .ocr import correct_text

    sys.stdout.write(correct_text(sys.stdin.read(), args.lang, settings))
    return EXIT_OK


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from . import corpus_eval
    from .evaluate import evaluate_run, format_scores

    if args.corpus:
        return _eval_corpus(args, settings)
    for option in ("json", "only", "fetched_dir"):
        if getattr(args, option):
            print(f"deckpipe: --{option.replace('_', '-')} goes with --corpus", file=sys.stderr)
            return EXIT_USAGE
    run_dir, gold_path = Path(args.run or "processed"), Path(args.gold)
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        print(f"deckpipe: no such gold file: {gold_path}", file=sys.stderr)
        return EXIT_USAGE
    except (OSError, ValueError) as err:
        print(f"deckpipe: cannot read gold file {gold_path}: {' '.join(str(err).split())}", file=sys.stderr)
        return EXIT_USAGE
    if not run_dir.is_dir():
        print(f"deckpipe: no such run folder: {run_dir}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if corpus_eval.is_corpus_gold(gold):
            print(corpus_eval.format_results(corpus_eval.evaluate_gold_run(run_dir, gold, str(gold_path))))
        else:
            print(format_scores(evaluate_run(run_dir, gold_path)))
    except FileNotFoundError as err:
        print(f"deckpipe: {err}", file=sys.stderr)
        return EXIT_USAGE
    except (KeyError, TypeError, AttributeError) as err:
        print(f"deckpipe: {gold_path}: not a gold file this command knows ({type(err).__name__}: {err})",
              file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _eval_corpus(args: argparse.Namespace, settings: Settings) -> int:
    """``deckpipe eval --corpus DIR``: run every deck of the corpus in this process, score it."""
    import json

    from .batch import silence_library_logs
    from .corpus_eval import CorpusError, default_fetched_dir, evaluate_corpus, format_overall

    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"deckpipe: no such corpus folder: {corpus}", file=sys.stderr)
        return EXIT_USAGE
    fetched = Path(args.fetched_dir) if args.fetched_dir else default_fetched_dir()
    silence_library_logs()
    print(f"corpus: {corpus.resolve()}\nfetched decks: {fetched}\nfuzzy matching: rapidfuzz")
    try:
        results = evaluate_corpus(corpus, args.run, only=args.only, fetched_dir=fetched, settings=settings,
                                  on_deck=lambda text: print(text, flush=True))
    except CorpusError as err:
        print(f"deckpipe: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("deckpipe: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    if args.json:
        try:
            Path(args.json).parent.mkdir(parents=True, exist_ok=True)
            Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        except OSError as err:
            print(f"deckpipe: cannot write {args.json}: {err}", file=sys.stderr)
            return EXIT_USAGE
    print(format_overall(results))
    return EXIT_OK


COMMANDS = {"run": _run, "correct-text": _correct_text, "eval": _eval}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0) and EXIT_USAGE
    try:
        return COMMANDS[args.command](args, _settings(args))
    except ConfigError as err:
        print(f"deckpipe: {err}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
