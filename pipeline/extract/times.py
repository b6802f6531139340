"""Clock times and time ranges as programmes write them, turned into ``HH:MM`` (24 h).

Forms read: ``09h30-16h00``, ``11h-12h30``, ``14 h 00``, ``9h30 – 11h00``, ``9:30``,
``9.30 am``, ``2 pm – 3:30 pm``, ``de 9h30 à 11h``, ``from 9:30 to 11:00``. A bare number
is never a time (``2011-2017``, ``22 salariés``): a time needs an ``h``, a ``:``, or
am/pm; ``9.30`` needs am/pm or a partner time in a range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Iterable

from ..cues import FALLBACK_LANGUAGE
from ..textnorm import strip_accents
from .lexicon import lexicon

_ONE_TIME = r"""
    (?<![\d.,:/])
    (?P<{p}h>[01]?\d|2[0-3])
    (?:
        \s?(?P<{p}sep>[hH])(?:\s?(?P<{p}m1>[0-5]\d))?(?![^\W\d_])
      | (?P<{p}dot>[:.])(?P<{p}m2>[0-5]\d)
    )?
    (?:\s?(?P<{p}ampm>[aApP]\.?\s?[mM]\b\.?))?
    (?![\d])
"""
_DASHES = ["-", "–", "—", "‑", "−", ">", "/"]
_LEADING_JUNK = re.compile(r"^[\s|•·*>\-–—]+")
_SEPARATOR_AFTER = re.compile(r"^\s*(?:[:|\-–—,.·•]\s*)?")
_SEPARATOR_BEFORE = re.compile(r"(?:\s*[:|\-–—,(\[·•]\s*)?$")


@dataclass(frozen=True)
class TimeRange:
    """A start time, an end time (``""`` when the deck gives none) and where they were found."""

    start: str
    end: str = ""
    span: tuple[int, int] = (0, 0)


def _clock(hour: int, minute: int, ampm: str) -> tuple[int, int] | None:
    marker = ampm.lower().replace(".", "").replace(" ", "")
    if marker:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if marker == "pm" else 0)
    return (hour, minute) if hour <= 23 and minute <= 59 else None


def _parse(match: re.Match[str], p: str, partner: bool, partner_ampm: str) -> tuple[int, int] | None:
    """One time of a range match; ``partner`` says whether the range has a second time."""
    hour = match.group(f"{p}h")
    if hour is None:
        return None
    minutes = match.group(f"{p}m1") or match.group(f"{p}m2") or "00"
    ampm = match.group(f"{p}ampm") or ""
    padded = match.group(f"{p}dot") == "." and _padded_clock(match, p)
    has_mark = bool(match.group(f"{p}sep") or match.group(f"{p}dot") == ":" or ampm or padded)
    if match.group(f"{p}dot") == "." and not (ampm or partner_ampm or partner or padded):
        return None
    if not has_mark and not (partner and (match.group(f"{p}dot") or partner_ampm)):
        return None
    return _clock(int(hour), int(minutes), ampm or partner_ampm)


def _padded_clock(match: re.Match[str], p: str) -> bool:
    """ "09.00": an hour written with a leading zero is a clock, not a decimal, unless a
    date goes on after it ("05.06.2024")."""
    hour, after = match.group(f"{p}h"), match.string[match.end(f"{p}m2"):]
    return len(hour) == 2 and hour[0] == "0" and not re.match(r"[./]\d", after)


def _range(match: re.Match[str]) -> TimeRange | None:
    has_second = match.group("bh") is not None
    second = _parse(match, "b", True, "") if has_second else None
    second_ampm = (match.group("bampm") or "") if second else ""
    first_ampm_given = bool(match.group("aampm"))
    first = _parse(match, "a", second is not None, "" if first_ampm_given else second_ampm)
    if first is None:
        if second is None:
            return None
        # "Table ronde 2 – 11h": the number before the dash is no time, the one after is.
        return TimeRange(_fmt(second), "", (match.start("bh"), match.end()))
    if second is None:
        return TimeRange(_fmt(first), "", (match.start(), _end_of(match, "a")))
    if second_ampm and not first_ampm_given and first > second:  # "11 - 12:30 pm" is 11:00
        hour, minute = int(match.group("ah")), int(match.group("am1") or match.group("am2") or 0)
        first = _clock(hour, minute, "am") or first
    return TimeRange(_fmt(first), _fmt(second), match.span())


def _end_of(match: re.Match[str], prefix: str) -> int:
    """Where the time named by ``prefix`` ends inside the match."""
    ends = [match.end(name) for name, value in match.groupdict().items()
            if name.startswith(prefix) and value is not None]
    return max(ends)


def _fmt(clock: tuple[int, int]) -> str:
    return f"{clock[0]:02d}:{clock[1]:02d}"


def _alternatives(words: Iterable[str]) -> str:
    """A regular-expression alternation of words as written and without accents."""
    forms = {form for word in words for form in (word, strip_accents(word))}
    escaped = (re.escape(form).replace("'", "['’]") for form in sorted(forms, key=len, reverse=True))
    return "|".join(escaped)


@cache
def _range_pattern() -> re.Pattern[str]:
    """A time, optionally a range: the range words come from the cue files of every language
    (``event.range_openers`` "de", "from"; ``event.range_words`` "à", "to")."""
    lex = lexicon(FALLBACK_LANGUAGE)
    opener = rf"(?:\b(?:{_alternatives(lex.range_openers)})\s+)?" if lex.range_openers else ""
    links = _alternatives([*_DASHES, *lex.range_words])
    return re.compile(opener + _ONE_TIME.format(p="a") + rf"(?:\s*(?:{links})\s*" + _ONE_TIME.format(p="b") + ")?",
                      re.VERBOSE | re.IGNORECASE)


@lru_cache(maxsize=4096)  # the walk asks about each line several times
def find_time_range(text: str) -> TimeRange | None:
    """The first time or time range in ``text``, or None."""
    for match in _range_pattern().finditer(text):
        found = _range(match)
        if found is not None:
            return found
    return None


def parse_time(text: str) -> str:
    """``HH:MM`` of the first time in ``text``, else ``""`` (``"2 pm"`` → ``"14:00"``)."""
    found = find_time_range(text)
    return found.start if found else ""


@lru_cache(maxsize=4096)  # the walk asks about each line several times
def leading_time(text: str) -> tuple[TimeRange, str] | None:
    """(range, rest of the line) when the line starts with a time: ``"11h-12h30: Table ronde 2"``."""
    stripped = _LEADING_JUNK.sub("", text)
    offset = len(text) - len(stripped)
    found = find_time_range(stripped)
    if found is None or stripped[:found.span[0]].strip():
        return None
    rest = stripped[found.span[1]:]
    rest = rest[_SEPARATOR_AFTER.match(rest).end():]  # type: ignore[union-attr]
    span = (found.span[0] + offset, found.span[1] + offset)
    return TimeRange(found.start, found.end, span), rest.strip()


@lru_cache(maxsize=4096)  # the walk asks about each line several times
def trailing_time(text: str) -> tuple[TimeRange, str] | None:
    """(range, text before it) when the line ends with a time: ``"Keynote (9:30-10:15)"``."""
    found = None
    for match in _range_pattern().finditer(text):
        candidate = _range(match)
        if candidate is not None:
            found = candidate
    if found is None:
        return None
    tail = text[found.span[1]:].strip(" )]\t.")
    if tail:
        return None
    head = text[:found.span[0]]
    head = head[: _SEPARATOR_BEFORE.search(head).start()]  # type: ignore[union-attr]
    return found, head.strip()


@lru_cache(maxsize=4096)  # the walk asks about each line several times
def is_time_line(text: str) -> bool:
    """True when the line is only a time or a time range (a programme's time column)."""
    found = leading_time(text)
    return found is not None and not found[1].strip(" :.-–—|")
