"""Markdown residue in text exports turned into plain text, one block at a time.

Used by the text reader (``readers/text.py``). Everything here runs in linear time:
emphasis is paired in one pass and no pattern can rescan the rest of a block from each
unclosed ``**``, ``[`` or ``<!--``, so a hostile export cannot stall a batch.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from typing import Callable

_SHELF_BASE = 0xF0000  # private-use plane: one character stands for one protected span
_SHELF_TOKEN = re.compile("[\U000F0000-\U000FFFFD]")
_BOLD_OPEN, _BOLD_CLOSE = "\ue000", "\ue001"
_RESERVED = re.compile("[\ue000\ue001\U000F0000-\U000FFFFD]")

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_CODE_SPAN = re.compile(r"(`+)([^`]+)\1")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]+|www\.[^\s<>]+|mailto:[^\s<>]+|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>")
# Link and image patterns exclude brackets and parentheses from their parts (one level of
# parentheses allowed in a URL) so that unclosed ones cannot make matching quadratic.
_URL_PART = r"(?:[^()\s<>\[\]]|\([^()\s<>]*\))+"
_IMAGE = re.compile(rf"!\[([^\[\]]*)\]\(\s*<?{_URL_PART}?>?(?:\s+\"[^\"\n]*\")?\s*\)")
_LINK = re.compile(rf"\[([^\[\]]+)\]\(\s*<?({_URL_PART})>?(?:\s+\"[^\"\n]*\")?\s*\)")
BARE_URL = re.compile(r"(?:https?|ftp)://[^\s<>]+|www\.[^\s<>]+")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_STRAY_STARS = re.compile(r"\*\*(?=\S)|(?<=\S)\*\*")
_DELIMITER_RUNS = {char: re.compile(re.escape(char) + "+") for char in "*_~"}
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_URL_TRAILING = ".,;:!?'\"*~"


def inline_to_plain(raw: str) -> tuple[str, bool]:
    """(plain text, whether all of it was bold) from one block's Markdown-ish source.

    URLs, e-mail addresses, code spans and backslash escapes are set aside before any
    emphasis rule runs, so ``_pageid=…&_dad=…`` or ``first_last@x.org`` cannot be read as
    emphasis. Entities are decoded only in their strict ``&name;`` form.
    """
    shelf: list[str] = []

    def put(value: str) -> str:
        shelf.append(value)
        return chr(_SHELF_BASE + len(shelf) - 1)

    text = _RESERVED.sub(lambda m: put(m.group(0)), raw)  # the input's own private-use marks
    text = _ESCAPE.sub(lambda m: put(m.group(1)), text)
    text = _CODE_SPAN.sub(lambda m: put(m.group(2).strip()), text)
    text = _AUTOLINK.sub(lambda m: put(_decode_entities(m.group(1).removeprefix("mailto:"))), text)
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: _link(m.group(1), m.group(2), put), text)
    text = BARE_URL.sub(lambda m: _shelve_url(m.group(0), put), text)
    text = EMAIL.sub(lambda m: put(m.group(0)), text)
    text = _LINE_BREAK_TAG.sub("\n", text)
    text = _HTML_TAG.sub("", text)
    text = _emphasis(text, "**", _BOLD_OPEN, _BOLD_CLOSE, inside_words=True, one_line=False)
    text = _emphasis(text, "__", _BOLD_OPEN, _BOLD_CLOSE, inside_words=False, one_line=False)
    text = _STRAY_STARS.sub("", text)
    text = _emphasis(text, "*", "", "", inside_words=False, one_line=True)
    text = _emphasis(text, "_", "", "", inside_words=False, one_line=True)
    text = _emphasis(text, "~~", "", "", inside_words=True, one_line=True)
    text = _decode_entities(text)
    whole_bold = _all_bold(text)
    text = text.replace(_BOLD_OPEN, "").replace(_BOLD_CLOSE, "")
    text = _SHELF_TOKEN.sub(lambda m: _unshelve(m.group(0), shelf), text)
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line), whole_bold


def _emphasis(text: str, delimiter: str, opening: str, closing: str, *,
              inside_words: bool, one_line: bool) -> str:
    """Pairs of ``delimiter`` replaced by ``opening``/``closing``, in one left-to-right pass.

    An opener is followed by a non-space, a closer preceded by one; unless
    ``inside_words``, an opener must not follow a word character nor a closer precede one
    (so ``snake_case`` is left alone). Each opener takes the nearest closer after it, as
    Markdown does; unpaired delimiters stay. One pass keeps hostile input linear.
    """
    if delimiter not in text:
        return text
    pairs, opener = [], None
    newlines = [i for i, char in enumerate(text) if char == "\n"] if one_line and "\n" in text else []
    for run in _DELIMITER_RUNS[delimiter[0]].finditer(text):
        if len(run.group()) != len(delimiter):
            continue
        before = text[run.start() - 1] if run.start() else " "
        after = text[run.end()] if run.end() < len(text) else " "
        can_open = not after.isspace() and (inside_words or not (before.isalnum() or before == "_"))
        can_close = not before.isspace() and (inside_words or not (after.isalnum() or after == "_"))
        if opener and one_line and bisect_left(newlines, opener.start()) != bisect_left(newlines, run.start()):
            opener = None  # emphasis does not cross a line end
        if opener and can_close:
            pairs.append((opener, run))
            opener = None
        elif can_open and not opener:
            opener = run
    if not pairs:
        return text
    parts, position = [], 0
    for start, end in pairs:
        parts += [text[position:start.start()], opening, text[start.end():end.start()], closing]
        position = end.end()
    return "".join(parts) + text[position:]


def _link(label: str, url: str, put: Callable[[str], str]) -> str:
    if label.strip() == url:
        return put(url)
    return f"{label} ({put(_decode_entities(url))})"


def _shelve_url(url: str, put: Callable[[str], str]) -> str:
    """Trailing punctuation and emphasis marks after a bare URL stay outside it."""
    end, opened, closed = len(url), url.count("("), url.count(")")
    while end:
        if url[end - 1] == ")" and closed > opened:
            closed -= 1  # an unbalanced closing parenthesis ends the sentence, not the URL
        elif url[end - 1] not in _URL_TRAILING:
            break
        end -= 1
    return put(_decode_entities(url[:end])) + url[end:]


def _unshelve(token: str, shelf: list[str]) -> str:
    index = ord(token) - _SHELF_BASE
    return shelf[index] if index < len(shelf) else token


def _decode_entities(text: str) -> str:
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def _all_bold(text: str) -> bool:
    """True when every visible character lies between bold marks."""
    depth, seen_bold = 0, False
    for char in text:
        if char == _BOLD_OPEN:
            depth += 1
        elif char == _BOLD_CLOSE:
            depth -= 1
        elif not char.isspace():
            if depth <= 0:
                return False
            seen_bold = True
    return seen_bold
