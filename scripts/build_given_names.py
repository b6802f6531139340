"""Build ``pipeline/data/names/given.tsv``, the given-name list the people recognisers use.

Source: the first-name table of the ``names-dataset`` package (philipperemy/name-dataset,
Apache-2.0), names ranked among the ``--max-rank`` most frequent of at least one country.
Each row: the name, its best rank in any country, and ``1`` when its lower-case form is an
ordinary word of an English or French Hunspell dictionary ("Will", "May", "Coffee"), so
that the recognisers ask for more context before reading such a word as a name.

Run by hand (``pip install names-dataset``); the output is committed, so nothing is
downloaded or built at run time:  python scripts/build_given_names.py
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import pickle
import re
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "pipeline" / "data" / "names" / "given.tsv"
NAME = re.compile(r"^[^\W\d_]{2,}(?:[-'][^\W\d_]{2,})*$")
LANGUAGES = ("en", "fr")


def _checkers() -> list:
    """The Hunspell dictionaries the OCR corrector reads (pipeline/data/ocr/<lang>.toml)."""
    from pipeline.cues import load_cues
    from pipeline.ocr.lexicon import _Hunspell

    return [_Hunspell(spec) for lang in LANGUAGES for spec in load_cues("ocr", lang)["lexicon"]["hunspell"]]


def main() -> None:
    from pipeline.textnorm import fold

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-rank", type=int, default=2000)
    args = parser.parse_args()
    spec = importlib.util.find_spec("names_dataset")
    if spec is None or spec.origin is None:
        raise SystemExit("pip install names-dataset first")
    table = pickle.load(gzip.open(Path(spec.origin).parent / "v3" / "first_names.pkl.gz"))
    checkers = _checkers()
    rows: dict[str, tuple[int, int]] = {}
    for name, info in table.items():
        ranks = [r for r in (info.get("rank") or {}).values() if r]
        name = unicodedata.normalize("NFC", name.strip())
        if not ranks or min(ranks) > args.max_rank or not NAME.match(name) or not name[0].isupper():
            continue
        lower = name.lower()
        is_word = int(any(c.lookup(lower) for c in checkers))
        best = min(ranks)
        key = fold(name)  # what GivenNames looks up
        if key in rows:
            best, is_word = min(best, rows[key][0]), max(is_word, rows[key][1])
        rows[key] = (best, is_word)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as out:
        out.write("# given names from names-dataset (Apache-2.0); folded name<TAB>best rank<TAB>also a word\n")
        for lower in sorted(rows):
            best, is_word = rows[lower]
            out.write(f"{lower}\t{best}\t{is_word}\n")
    print(f"{len(rows)} names -> {OUT}")


if __name__ == "__main__":
    main()
