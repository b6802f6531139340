"""Errors a deck can fail with; each renders as one line naming the file and the cause."""

from __future__ import annotations


class DeckError(Exception):
    """A deck that cannot be processed. ``str(err)`` is the one-line message for stderr."""

    cause = "cannot be processed"

    def __init__(self, path: str, detail: str = "") -> None:
        self.path = str(path)
        self.detail = " ".join(str(detail).split())
        super().__init__(self.path, self.detail)

    def __str__(self) -> str:
        return f"{self.path}: {self.cause}" + (f" ({self.detail})" if self.detail else "")


class UnsupportedFormat(DeckError):
    cause = "not a presentation this tool reads (.pptx, .pdf, .txt, .md)"


class LegacyFormat(DeckError):
    cause = "legacy binary PowerPoint 97-2003 file; convert it to .pptx first"


class EncryptedDeck(DeckError):
    cause = "encrypted; give the password with --password"


class EmptyDeck(DeckError):
    cause = "empty file"


class CorruptDeck(DeckError):
    cause = "corrupt or unreadable"


class LimitExceeded(DeckError):
    cause = "refused by a safety limit"


class DeckTimeout(DeckError):
    cause = "took longer than the per-deck time limit"


class ConfigError(Exception):
    """A bad overrides file or option: a usage error (exit status 2)."""


def printable(text: str) -> str:
    """``text`` safe for a terminal and for UTF-8 JSON: bytes of a non-UTF-8 file name as
    ``\\xNN``, control characters (newline, ESC ...) as escapes. Why: such a name must
    neither crash the report nor split or hijack the one line per deck."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii")
                   for c in text)
