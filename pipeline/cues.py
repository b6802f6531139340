"""Cue words per language live in data files, not in code.

``load_cues("records", "fr")`` reads ``pipeline/data/records/fr.toml``. Files are read once
per process. A language without its own file falls back to English, then to an empty
table, so a deck in a language we have no cues for still runs (on structure alone).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
FALLBACK_LANGUAGE = "en"


@cache
def load_cues(concern: str, lang: str) -> dict[str, Any]:
    """The cue table of ``concern`` for ``lang`` (falling back to English, then ``{}``)."""
    for candidate in (lang, FALLBACK_LANGUAGE):
        path = DATA_DIR / concern / f"{candidate}.toml"
        if path.is_file():
            return tomllib.loads(path.read_text(encoding="utf-8"))
    return {}


def languages(concern: str) -> list[str]:
    """Languages that have a cue file for ``concern``."""
    return sorted(p.stem for p in (DATA_DIR / concern).glob("*.toml"))
