"""Run settings and the archivist's per-deck / per-collection overrides (TOML).

One frozen :class:`Settings` object is built from the command line and handed to every
reader and stage, so a new option is one field here and nowhere else.

Overrides file (``deckpipe.toml`` beside a deck, ``<deck stem>.deckpipe.toml``, or ``--config``)::

    [branding]
    patterns = ["(?i)^acme events? 20\\\\d\\\\d$"]   # regular expressions, removed as branding
    keep = ["Montréal"]                              # lines never removed

    [corrections]
    keep = ["CREAFIL"]                               # words never corrected
    [corrections.replace]
    "Rhône-Alpcs" = "Rhône-Alpes"                    # applied as given, logged
"""

from __future__ import annotations

import errno
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path

from .errors import ConfigError

LOCAL_CONFIG_NAME = "deckpipe.toml"


@dataclass(frozen=True)
class Overrides:
    """What an archivist says about a deck that the structure alone cannot tell."""

    branding_patterns: tuple[re.Pattern[str], ...] = ()
    keep: tuple[str, ...] = ()
    correction_keep: tuple[str, ...] = ()
    replacements: tuple[tuple[str, str], ...] = ()

    def merged(self, other: Overrides) -> Overrides:
        """These overrides with ``other``'s added (a deck file adds to the collection file)."""
        return Overrides(
            self.branding_patterns + other.branding_patterns,
            self.keep + other.keep,
            self.correction_keep + other.correction_keep,
            self.replacements + other.replacements,
        )

    @classmethod
    def from_file(cls, path: str | Path) -> Overrides:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise ConfigError(f"{path}: cannot read overrides ({err})") from err
        branding = data.get("branding", {})
        corrections = data.get("corrections", {})
        try:
            patterns = tuple(re.compile(p) for p in branding.get("patterns", []))
        except re.error as err:
            raise ConfigError(f"{path}: bad branding pattern ({err})") from err
        return cls(
            branding_patterns=patterns,
            keep=tuple(str(k) for k in branding.get("keep", [])),
            correction_keep=tuple(str(k) for k in corrections.get("keep", [])),
            replacements=tuple((str(k), str(v)) for k, v in corrections.get("replace", {}).items()),
        )


@dataclass(frozen=True)
class Limits:
    """Caps against hostile or broken input; each refusal names the limit it hit."""

    max_file_bytes: int = 512 * 1024 * 1024
    max_slides: int = 2000
    max_uncompressed_bytes: int = 1024 * 1024 * 1024
    max_compression_ratio: float = 200.0
    max_text_chars: int = 20_000_000
    timeout_seconds: float = 300.0


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know, passed to readers and stages alike."""

    language: str = "auto"
    password: str | None = None
    spacy_model: str | None = None
    overrides: Overrides = field(default_factory=Overrides)
    limits: Limits = field(default_factory=Limits)

    def for_deck(self, deck_path: str | Path) -> Settings:
        """These settings plus the overrides files that sit beside the deck."""
        deck_path = Path(deck_path)
        overrides = self.overrides
        for candidate in (deck_path.parent / LOCAL_CONFIG_NAME,
                          deck_path.with_name(deck_path.stem + "." + LOCAL_CONFIG_NAME)):
            if _exists(candidate):
                overrides = overrides.merged(Overrides.from_file(candidate))
        return self if overrides is self.overrides else replace(self, overrides=overrides)

    def fingerprint(self) -> str:
        """sha256 of every setting that can change a deck's output (all but the password and
        the limits): an incremental run reprocesses a deck when it changes."""
        chosen = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in _NOT_IN_OUTPUT}
        text = json.dumps(chosen, default=_plain, sort_keys=True, ensure_ascii=True)
        return hashlib.sha256(text.encode("ascii")).hexdigest()


def _exists(candidate: Path) -> bool:
    """Whether an overrides file is there; a name too long to exist (a deck name of 242-255
    bytes plus ``.deckpipe.toml``) is simply absent, not an error."""
    try:
        return candidate.is_file()
    except OSError as err:
        if err.errno == errno.ENAMETOOLONG:
            return False
        raise ConfigError(f"{candidate}: cannot check for overrides ({err.strerror})") from err


_NOT_IN_OUTPUT = frozenset({"password", "limits"})


def _plain(value: object) -> object:
    """A JSON-able stand-in for the values settings hold (patterns, nested dataclasses)."""
    if isinstance(value, re.Pattern):
        return [value.pattern, value.flags]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in fields(value)}
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    return repr(value)
