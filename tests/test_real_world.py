"""Real-world corpus (../shared/corpora/real-world): files no one on the team made.

Every file must be read, or refused with a :class:`~pipeline.errors.DeckError` whose
message is one line naming the file; any other exception fails. For each file read, the
fragments the source projects' own tests assert (``expected.json``) must appear in the
whitespace-normalised text of all its blocks (notes and alt text included), except those
``expected_meta.json`` places where the readers do not reach (``UNREACHABLE`` below).
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import REAL_WORLD
from pipeline.config import Settings
from pipeline.errors import DeckError, EncryptedDeck
from pipeline.model import Deck
from pipeline.readers import read
from pipeline.textnorm import normalise_glyphs

# The corpus README's known passwords.
PASSWORDS = {
    "pdfplumber/password-example.pdf": "test",
    "unstructured/password.pdf": "password",
    "docling/2206.01062_pg3.pdf": "1234",
}

_LEGACY = "binary PowerPoint 97-2003: refused by design (LegacyFormat), convert it to .pptx first"
_OCR = "image-only page: the text is only reachable through OCR, which the pipeline does not do"
_COMMENT = "slide comment (ppt/comments/*.xml): reviewers' comments are not slide text"

# Fragments out of the readers' reach, from expected_meta.json's "where_the_text_is".
# path -> reason (every fragment of the file) or {fragment: reason}. Each entry is checked
# against expected_meta.json by test_unreachable_list_matches_expected_meta.
UNREACHABLE: dict[str, str | dict[str, str]] = {
    # "IMAGE-ONLY page: text reachable only through OCR"
    "docling/ocr_test.pdf": _OCR,
    "docling/ocr_test_rotated_90.pdf": _OCR,
    "docling/sample_with_rotation_mismatch.pdf": _OCR,
    # "binary PowerPoint 97-2003 ... needs a .ppt converter"
    "docling/legacy_sample.ppt": _LEGACY,
    "unstructured/fake-power-point.ppt": _LEGACY,
    # "slide COMMENTS ... comment text is not in any slide shape"
    "docling/powerpoint_comments.pptx": {
        "This is a sample reviewer comment": _COMMENT,
        "This is a sample response": _COMMENT,
        "This is a cool feature": _COMMENT,
        "I need to try this out!": _COMMENT,
        "John Reviewer": _COMMENT + " (comment author)",
        "Jane Smith": _COMMENT + " (comment author)",
    },
    # "chart title / series names / categories live in CHART parts": the PPTX reader reads
    # chart titles, series names and category labels, but not the plotted values.
    "docling/pptx_chart.pptx": {"175": "chart value (c:val), not a title, series or category"},
    # "Japanese text in an ANNOTATION /Contents (UTF-16), not in the page content"
    "pdfplumber/issue-463-example.pdf": {"日本語": "PDF annotation contents are not page text"},
}
# From expected_meta.json's "other_upstream_assertions": upstream's negative checks (glued
# words, compared case-insensitively) and the stronger line behind a weak fragment.
MUST_NOT_APPEAR = {"markitdown/test.pdf": ["Largelanguagemodels", "multiagentconversations"]}
STRONGER_FRAGMENTS = {"unstructured/fake-bold-sample.pdf": ["BOLD TEXT SAMPLE"]}  # not 'BBOOLLDD…'

# The word in "where_the_text_is" that each kind of reason rests on.
_REASON_EVIDENCE = {_OCR: "ocr", _LEGACY: "binary powerpoint", _COMMENT: "comment",
                    "chart": "chart", "annotation": "annotation"}


def _manifest() -> list[str]:
    manifest = REAL_WORLD / "MANIFEST.csv"
    if not manifest.is_file():
        return []
    with open(manifest, newline="", encoding="utf-8") as handle:
        return [row["path"] for row in csv.DictReader(handle)]


PATHS = _manifest()
_ABSENT = [pytest.param("-", id="corpus-absent")]  # the fixture skips it with its reason


@lru_cache(maxsize=None)
def _outcome(path: str, password: str | None) -> Deck | DeckError:
    """Each file is read once per password for all the tests below."""
    try:
        return read(REAL_WORLD / path, Settings(password=password))
    except DeckError as err:
        return err


@lru_cache(maxsize=None)
def _expected() -> tuple[dict[str, list[str]], dict[str, dict]]:
    return (json.loads((REAL_WORLD / "expected.json").read_text(encoding="utf-8")),
            json.loads((REAL_WORLD / "expected_meta.json").read_text(encoding="utf-8")))


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _deck_text(deck: Deck) -> str:
    """All blocks' text, every kind (notes and alt text too), white space normalised."""
    return _normalised(" ".join(block.text for _, block in deck.blocks()))


def _required(path: str) -> list[str]:
    expected, _ = _expected()
    unreachable = UNREACHABLE.get(path, {})
    if isinstance(unreachable, str):
        return []
    fragments = (expected.get(path) or []) + STRONGER_FRAGMENTS.get(path, [])
    return [f for f in fragments if f not in unreachable]


def _missing(deck: Deck, fragments: list[str]) -> list[str]:
    # Fragments go through the same glyph normalisation as PDF text (ligatures split:
    # the upstream literal "Uniﬁed" is "Unified" in the pipeline's output by design).
    text = _deck_text(deck)
    return [f for f in fragments if _normalised(normalise_glyphs(f)) not in text]


def _check_refusal(path: str, err: DeckError) -> None:
    message = str(err)
    assert "\n" not in message and "\r" not in message, f"multi-line message: {message!r}"
    assert err.path == str(REAL_WORLD / path) and message.startswith(err.path), message


@pytest.mark.parametrize("path", PATHS or _ABSENT)
def test_file_is_read_or_refused_in_one_line(real_world_dir: Path, path: str) -> None:
    outcome = _outcome(path, None)
    if isinstance(outcome, DeckError):
        _check_refusal(path, outcome)
    if path in PASSWORDS:
        assert isinstance(outcome, EncryptedDeck), f"{path} opened without its password"
    elif isinstance(UNREACHABLE.get(path), str) and UNREACHABLE[path] == _LEGACY:
        assert isinstance(outcome, DeckError), f"{path}: legacy binary file was not refused"


@pytest.mark.parametrize("path", sorted(PASSWORDS))
def test_encrypted_file_is_read_with_its_password(real_world_dir: Path, path: str) -> None:
    outcome = _outcome(path, PASSWORDS[path])
    assert isinstance(outcome, Deck), f"not read with the README's password: {outcome}"
    assert outcome.slides
    assert not _missing(outcome, _required(path))


def _paths_with_fragments() -> list[str]:
    if not (REAL_WORLD / "expected.json").is_file():
        return []
    return [path for path in PATHS if _required(path)]


@pytest.mark.parametrize("path", _paths_with_fragments() or _ABSENT)
def test_expected_fragments_are_found(real_world_dir: Path, path: str) -> None:
    fragments = _required(path)
    outcome = _outcome(path, PASSWORDS.get(path))
    assert isinstance(outcome, Deck), f"refused, yet upstream reads it: {outcome}"
    missing = _missing(outcome, fragments)
    assert not missing, f"{outcome.format} reader misses {len(missing)}/{len(fragments)}: {missing}"


@pytest.mark.parametrize("path", sorted(MUST_NOT_APPEAR))
def test_upstream_negative_checks(real_world_dir: Path, path: str) -> None:
    outcome = _outcome(path, None)
    assert isinstance(outcome, Deck), str(outcome)
    text = _deck_text(outcome).casefold()
    assert [w for w in MUST_NOT_APPEAR[path] if w.casefold() in text] == []


def test_unreachable_list_matches_expected_meta(real_world_dir: Path) -> None:
    """Each allowance names real fragments, and expected_meta says where they live."""
    expected, meta = _expected()
    for path, reasons in UNREACHABLE.items():
        assert path in PATHS and path in expected, path
        where = meta[path]["where_the_text_is"].lower()
        items = {f: reasons for f in expected[path]} if isinstance(reasons, str) else reasons
        for fragment, reason in items.items():
            assert fragment in expected[path], (path, fragment)
            evidence = next(word for key, word in _REASON_EVIDENCE.items() if key in reason)
            assert evidence in where, (path, fragment, where)
