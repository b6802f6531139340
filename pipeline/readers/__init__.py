"""Readers: one module per format behind one dispatch.

``read(path)`` detects the format from the file's bytes (not only its name: a ``.ppt``
that is really a PPTX is read, a PDF named ``.txt`` is read as a PDF), calls that
format's reader and wraps what it found in a :class:`~pipeline.model.Deck`.

To add a format: write ``readers/<format>.py`` with
``read(path: Path, settings: Settings) -> Extracted``, teach :func:`detect_format` its
signature, and add one line to ``READERS``.
"""

from __future__ import annotations

import hashlib
import importlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..config import Settings
from ..errors import printable, CorruptDeck, EmptyDeck, LegacyFormat, LimitExceeded, UnsupportedFormat
from ..model import Deck, Slide
from ..textnorm import slugify

# File names a folder walk picks up; anything else in a folder is not a deck.
DECK_SUFFIXES = frozenset({".pptx", ".pptm", ".ppt", ".pdf", ".txt", ".md", ".markdown"})
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Extracted:
    """What a format reader returns: slides plus what it noticed on the way."""

    slides: tuple[Slide, ...]
    properties: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


Reader = Callable[[Path, Settings], Extracted]

# format name -> module holding its ``read``; imported only when a deck of that format
# turns up (pdfplumber and python-pptx are slow to import).
READERS: dict[str, str] = {
    "pptx": "pipeline.readers.pptx",
    "pdf": "pipeline.readers.pdf",
    "text": "pipeline.readers.text",
}


def reader_for(format_name: str) -> Reader:
    return importlib.import_module(READERS[format_name]).read


def detect_format(path: Path, head: bytes | None = None) -> str:
    """The reader to use for ``path``, judged from its first bytes, then its name."""
    if head is None:
        with open(path, "rb") as handle:
            head = handle.read(2048)
    if not head:
        raise EmptyDeck(str(path), "0 bytes")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as package:
                names = set(package.namelist())
        except (zipfile.BadZipFile, OSError) as err:
            raise CorruptDeck(str(path), f"damaged zip package: {err}") from err
        if "ppt/presentation.xml" in names:
            return "pptx"
        raise UnsupportedFormat(str(path), "a zip package without ppt/presentation.xml")
    if head.startswith(_OLE2_MAGIC):
        if path.suffix.lower() in (".ppt", ".pps", ".pot"):
            raise LegacyFormat(str(path))
        raise UnsupportedFormat(str(path), "an OLE2 (legacy Office) file")
    if _looks_like_text(head):
        return "text"
    raise UnsupportedFormat(str(path), f"binary content, suffix {path.suffix or 'none'}")


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    if b"\x00" in head:
        from .text import utf16_byte_order  # BOM-less UTF-16 text is full of NULs too
        return utf16_byte_order(head) is not None
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls <= len(head) // 100


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read(path: str | Path, settings: Settings | None = None, deck_id: str | None = None) -> Deck:
    """Read one deck file into the shared model. Raises a :class:`~pipeline.errors.DeckError`."""
    settings = settings or Settings()
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise CorruptDeck(str(path), err.strerror or str(err)) from err
    if size > settings.limits.max_file_bytes:
        raise LimitExceeded(str(path), f"{size} bytes > max_file_bytes {settings.limits.max_file_bytes}")
    format_name = detect_format(path)
    extracted = reader_for(format_name)(path, settings)
    if len(extracted.slides) > settings.limits.max_slides:
        raise LimitExceeded(str(path), f"{len(extracted.slides)} slides > max_slides {settings.limits.max_slides}")
    return Deck(
        deck_id=deck_id or slugify(path.name),
        path=printable(str(path)),  # a non-UTF-8 name must not break event.json
        format=format_name,
        sha256=sha256_of(path),
        slides=extracted.slides,
        properties=dict(extracted.properties),
        warnings=extracted.warnings,
    )
