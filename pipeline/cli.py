"""Command line: ``deckpipe run | correct-text | eval``. Parses arguments, calls the
library, turns errors into one-line messages and exit codes (0 ok, 1 a deck failed,
2 usage error). No pipeline logic lives here."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from . import __version__
from .config import Overrides, Settings
from .errors import ConfigError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


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

    correct = sub.add_parser("correct-text", help="OCR-correct text from stdin to stdout")
    correct.add_argument("--lang", default="fr", help="language of the text (default: fr)")
    correct.add_argument("--config", help="overrides TOML file (keep-list, replacements)")

    evaluate = sub.add_parser("eval", help="score a run against a hand-made gold file")
    evaluate.add_argument("--gold", required=True, help="gold JSON file")
    evaluate.add_argument("--run", default="processed", help="run output folder (default: processed/)")
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings(language=getattr(args, "lang", "auto"),
                        password=getattr(args, "password", None),
                        spacy_model=getattr(args, "spacy_model", None))
    if getattr(args, "config", None):
        settings = replace(settings, overrides=Overrides.from_file(args.config))
    return settings


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from .batch import run_batch

    missing = [i for i in args.inputs if not Path(i).exists()]
    if missing:
        print(f"deckpipe: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    results = run_batch(args.inputs, Path(args.out), settings)
    failed = [r for r in results if r.status == "failed"]
    for result in failed:
        print(f"deckpipe: {result.error}", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def _correct_text(args: argparse.Namespace, settings: Settings) -> int:
    from .ocr import correct_text

    sys.stdout.write(correct_text(sys.stdin.read(), args.lang, settings))
    return EXIT_OK


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    from .evaluate import evaluate_run, format_scores

    print(format_scores(evaluate_run(Path(args.run), Path(args.gold))))
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
