"""The event itself, from the deck's first slide: title, edition, date, theme, place.

``25ème Entretiens Jacques CARTIER`` / ``21 novembre 2012`` / ``L'Économie Sociale et
Solidaire, accélérateur …`` → title "Entretiens Jacques CARTIER", edition "25", date
"2012-11-21", theme the sentence. A field the slide does not state stays empty: the place
is taken only from a "Lieu :" / "Venue:" line, from the date line ("Lyon, 12 mars 2024"),
or from a short line spaCy reads as a place.
"""

from __future__ import annotations

import re
from functools import cache

from ..nlp import LazyFacts
from ..records import Event
from ..textnorm import fold, strip_accents
from .contacts import emails_in, urls_in
from .lexicon import Lexicon, PhraseSet, tokens
from .lines import Line

THEME_MIN_WORDS = 4
PLACE_MAX_WORDS = 4
_YEAR_END = re.compile(r"\s+(?:19|20)\d\d\s*$")
# Pieces of an address line: "Amphithéâtre Lavoisier – Campus Sud, Tours".
_SEGMENTS = re.compile(r"\s*(?:,|\s[–—-]\s|·|\|)\s*")


@cache
def _date_patterns(month_names: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    months = "|".join(sorted((re.escape(m) for m in month_names), key=len, reverse=True))
    suffix = r"(?:er|re|e|st|nd|rd|th)?"
    return (
        re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
        re.compile(rf"\b(?P<d>\d{{1,2}}){suffix}(?:\s*(?:-|–|au|to|&|et|and)\s*\d{{1,2}}{suffix})?"
                   rf"\s+(?P<mn>{months})\.?,?\s+(?P<y>\d{{4}})\b"),
        re.compile(rf"\b(?P<mn>{months})\.?\s+(?P<d>\d{{1,2}}){suffix}(?:\s*[-–]\s*\d{{1,2}}{suffix})?,?\s+(?P<y>\d{{4}})\b"),
        re.compile(r"\b(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})\b"),
    )


def find_date(text: str, lex: Lexicon) -> tuple[str, tuple[int, int]] | None:
    """(ISO date, span) of the first date in ``text``: "21 novembre 2012" → "2012-11-21"."""
    plain = strip_accents(text).casefold()
    if len(plain) != len(text):  # a character that unfolds to two: match on the text as is
        plain = text.casefold()
    for pattern in _date_patterns(tuple(sorted(lex.months))):
        match = pattern.search(plain)
        if not match:
            continue
        groups = match.groupdict()
        month = lex.months.get(groups["mn"]) if groups.get("mn") else int(groups["m"])
        day = int(groups["d"])
        if groups.get("m") and lex.language == "en" and day <= 12 < int(groups["m"]):
            day, month = int(groups["m"]), day  # 11/21/2012
        if month and 1 <= month <= 12 and 1 <= day <= 31:
            return f"{int(groups['y']):04d}-{month:02d}-{day:02d}", match.span()
    return None


def _ordinal_pattern(lex: Lexicon) -> re.Pattern[str]:
    """ "25ème", "3e", "4th", optionally followed by "edition"/"édition"; or an ordinal word
    that an edition word or an edition adjective follows ("Second edition", "Third annual")."""
    suffixes = "|".join(re.escape(x) for x in lex.ordinal_suffixes) or "th"
    editions = "|".join(re.escape(w) for w in lex.edition_words) or "edition"
    adjectives = "|".join(re.escape(w) for w in lex.edition_adjectives) or "(?!)"
    words = "|".join(sorted((re.escape(w) for w in lex.ordinal_words), key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?:^|(?<=\s))(?:(?P<n>\d{{1,3}})\s?(?:{suffixes})\.?(?P<ed>\s+(?:{editions}))?"
                      rf"|(?P<word>{words})(?:(?P<wed>\s+(?:{editions}))|\s+(?:{adjectives})))(?=\s|$|[,:·–—-])",
                      re.IGNORECASE)


def _find_ordinal(text: str, lex: Lexicon) -> re.Match[str] | None:
    plain = strip_accents(text)
    return _ordinal_pattern(lex).search(plain if len(plain) == len(text) else text)


def _edition_number(match: re.Match[str], lex: Lexicon) -> str:
    """The edition as a number: "25" from "25ème", "2" from "Second"."""
    if match.group("word"):
        return str(lex.ordinal_words[fold(match.group("word"))])
    return match.group("n")


def extract_event(lines: list[Line], lex: Lexicon, facts: LazyFacts,
                  furniture: frozenset[str] | set[str] = frozenset()) -> Event:
    """The event described on the first slide that has text (``furniture``: folded lines
    repeated across the deck, never a title or a theme)."""
    if not lines:
        return Event()
    first_slide = lines[0].slide_no
    slide = [line for line in lines if line.slide_no == first_slide and not emails_in(line.text)
             and not urls_in(line.text) and fold(line.text) not in furniture]
    if not slide:
        return Event(slide_no=first_slide)
    date, date_at = "", -1
    for index, line in enumerate(slide):
        found = find_date(line.text, lex)
        if found:
            date, date_at = found[0], index
            break
    if not date:
        date = next((d[0] for line in lines[:60] if (d := find_date(line.text, lex))), "")
    title, edition, theme, used = _title_and_edition(slide, date_at, lex)
    rest = [line for k, line in enumerate(slide) if k not in used and k != date_at
            and not lex.organiser_words.match(tokens(line.text))]
    place_line, place = _place(slide, date_at, lex, used)
    rest = [line for line in rest if line is not place_line]
    theme = _cue_value(rest, lex.theme_words) or theme or _theme(rest)
    place = _cue_value(slide, lex.place_words, strict=True) or place or _place_entity(rest, facts, theme)
    return Event(title=title, edition=edition, date=date, theme=theme, place=place, slide_no=first_slide)


def _title_and_edition(slide: list[Line], date_at: int, lex: Lexicon) -> tuple[str, str, str, set[int]]:
    """(title, edition, theme found on the edition line, indexes of the lines used).

    "25ème Entretiens Jacques CARTIER": the ordinal opens the title. "4th edition · Data for
    moving cities": an edition line, whose other half is the theme. Otherwise the title is
    the slide's title block; a trailing year is left to the date.
    """
    edition, theme, title_at = "", "", -1
    used: set[int] = set()
    for index, line in enumerate(slide):
        match = _find_ordinal(line.text, lex)
        if not match or index == date_at:
            continue
        edition = _edition_number(match, lex)
        remainder = _clean(line.text[:match.start()] + " " + line.text[match.end():])
        used.add(index)
        if match.group("ed") or match.group("wed"):
            theme = remainder if len(remainder.split()) >= 2 else ""
        elif not match.group("word"):
            title_at = index
        break  # "Second annual research day of …" describes the event: neither title nor theme
    if title_at < 0:
        titles = [k for k, line in enumerate(slide) if line.is_title and k != date_at and k not in used]
        candidates = titles or [k for k in range(len(slide)) if k != date_at and k not in used]
        title_at = candidates[0] if candidates else -1
    if title_at < 0:
        return "", edition, theme, used
    used.add(title_at)
    block = slide[title_at].block_id
    parts = [line.text for k, line in enumerate(slide) if line.block_id == block and k >= title_at
             and k != date_at]
    title = " ".join(parts)
    ordinal = _find_ordinal(title, lex)
    if ordinal and ordinal.group("n") and not ordinal.group("ed"):
        title = title[:ordinal.start()] + " " + title[ordinal.end():]
    used.update(k for k, line in enumerate(slide) if line.block_id == block)
    return _clean(_YEAR_END.sub("", title)), edition, theme, used


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,:;·•–—-|")




def _cue_value(lines: list[Line], cues: PhraseSet, strict: bool = False) -> str:
    """The value of a "Thème : …" / "Venue: …" line."""
    for line in lines:
        words = tokens(line.text)
        size = cues.match(words)
        if not size:
            continue
        rest = line.text[words[size - 1].end:]
        if rest.lstrip().startswith(":") or not strict and rest.strip():
            return rest.lstrip(" :–—-").strip()
    return ""


def _theme(lines: list[Line]) -> str:
    """The longest sentence-like block left on the title slide (its lines joined: a PDF wraps)."""
    blocks: dict[int, list[str]] = {}
    for line in lines:
        blocks.setdefault(line.block_id, []).append(line.text)
    candidates = [" ".join(parts) for parts in blocks.values()]
    return max((c for c in candidates if len(c.split()) >= THEME_MIN_WORDS), key=len, default="")


def _place(slide: list[Line], date_at: int, lex: Lexicon, used: set[int]) -> tuple[Line | None, str]:
    """ "Wharfside Hall, Leeds" next to the date line → "Leeds"; "Lyon, 12 mars 2024" → "Lyon"."""
    if date_at < 0:
        return None, ""
    date_line = slide[date_at]
    found = find_date(date_line.text, lex)
    if found:
        start, end = found[1]
        for part in (date_line.text[:start], date_line.text[end:]):
            town = _town(part, lex)
            if town:
                return None, town
    for index in (date_at + 1, date_at - 1):
        if 0 <= index < len(slide) and index not in used:
            town = _town(slide[index].text, lex)
            if town:
                return slide[index], town
    return None, ""


def _town(text: str, lex: Lexicon) -> str:
    """The last part of a short address line, when it reads as a place name."""
    words = [w for w in text.split() if fold(w) not in lex.weekdays | lex.weekday_abbreviations]
    text = " ".join(words).strip(" ,:;·•–—-|")
    if not text or len(text.split()) > PLACE_MAX_WORDS + 2 or any(c.isdigit() for c in text):
        return ""
    last = _SEGMENTS.split(text)[-1].strip(" .")
    if last and len(last.split()) <= 3 and all(w[:1].isupper() or fold(w) in lex.place_name_words for w in last.split()):
        return last
    return ""


def _place_entity(lines: list[Line], facts: LazyFacts, theme: str) -> str:
    """A short line that spaCy reads, whole, as a place."""
    for line in lines:
        if not line.text.strip() or line.text == theme or len(line.text.split()) > PLACE_MAX_WORDS:
            continue
        for start, end in facts.entities(line.text).places:
            if start <= 1 and end >= len(line.text.rstrip(" .")) - 1:
                return line.text.strip(" .")
    return ""
