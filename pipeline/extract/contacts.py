"""E-mail addresses and web sites, and which person an address belongs to.

Slides give contacts on their own lines under a person, or after several people at once
(two-column layouts). An address goes to the person whose name it spells, also when
abbreviated or misspelt ("dcolongo@…" → Denis COLONGO, "s.jaquin@…" → Sylvie JACQUIN);
an address that spells no name ("direction@…") goes to the nearest person above it who
has none yet.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from rapidfuzz import fuzz

from ..cues import FALLBACK_LANGUAGE
from ..textnorm import fold, strip_accents
from .lexicon import lexicon
from .names import PersonName

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>«»\"']+", re.IGNORECASE)
# A bare host name alone on its line ("portail.univ-st-etienne.fr").
_BARE_HOST = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,6}(?:/\S*)?$")
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.]?)?(?:\(?\d{1,4}\)?[\s.-]?){3,}\d{2,4}")
_URL_TRAILING = ".,;:!?)»”'\""
MIN_EMAIL_MATCH = 78


@cache
def _label_pattern() -> re.Pattern[str]:
    """ "Tél. :", "E-mail:", "Web :" at a line start, from the cue files of every language."""
    labels = sorted(lexicon(FALLBACK_LANGUAGE).contact_labels, key=len, reverse=True)
    words = "|".join(r"\W*".join(re.escape(part) for part in label.split()) for label in labels) or "(?!)"
    return re.compile(rf"^(?:{words})\.?\s*:?\s*", re.IGNORECASE)


@lru_cache(maxsize=4096)  # the walk asks about each line several times
def _without_label(text: str) -> str:
    """The line without its leading contact label ("Tél. : 04 …" → "04 …")."""
    text = text.strip()
    plain = strip_accents(text)
    match = _label_pattern().match(plain) if len(plain) == len(text) else None
    return text[match.end():] if match else text


def emails_in(text: str) -> list[str]:
    return [m.group(0).strip(".") for m in EMAIL.finditer(text)]


def bare_host(text: str) -> str:
    """The host of a line that is nothing but a site's address, no path (``https://x.org/``
    → ``x.org``): a site shown, not a page cited."""
    text = _without_label(text).rstrip(_URL_TRAILING).lower()
    text = re.sub(r"^(?:https?://)?(?:www\.)?", "", text).rstrip("/")
    return text if _BARE_HOST.match(text) and "/" not in text and not emails_in(text) else ""


def urls_in(text: str) -> list[str]:
    """Web addresses in ``text`` (not the domain of an e-mail), trailing punctuation off."""
    without_mail = EMAIL.sub(" ", text)
    found = [m.group(0).rstrip(_URL_TRAILING) for m in _URL.finditer(without_mail)]
    stripped = _without_label(without_mail)
    if not found and _BARE_HOST.match(stripped.rstrip(_URL_TRAILING)):
        found.append(stripped.rstrip(_URL_TRAILING))
    return found


def normalise_url(url: str) -> str:
    """A clickable address: ``www.x.org`` → ``http://www.x.org``."""
    url = url.rstrip(_URL_TRAILING)
    return url if re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I) else "http://" + url


def without_contacts(text: str) -> str:
    """``text`` with its e-mail addresses and web addresses taken out."""
    text = EMAIL.sub(" ", text)
    text = _URL.sub(" ", text)
    return " ".join(text.split())


@lru_cache(maxsize=4096)  # the walk asks about each line several times
def is_contact_line(text: str) -> bool:
    """A line that holds only addresses, phone numbers and their labels."""
    if _BARE_HOST.match(_without_label(text).rstrip(_URL_TRAILING)):
        return True
    rest = without_contacts(text)
    rest = _PHONE.sub(" ", rest)
    rest = _without_label(rest)
    if urls_in(text) or emails_in(text):
        return not re.search(r"[^\W\d_]{2,}", rest)
    return False


def email_match(email: str, name: PersonName) -> float:
    """How well an address's local part spells a name, 0–100 (forms: first.last, flast …)."""
    local = _compact(email.split("@", 1)[0])
    given = [_compact(g) for g in name.given.split()]
    family = [_compact(f) for f in name.family.split()]
    if not local or not family:
        return 0.0
    g, f = "".join(given), "".join(family)
    initials = "".join(x[:1] for x in given)
    forms = {g + f, f + g, f, initials + f, f + initials, g + family[0], g + family[-1], family[-1],
             initials + family[-1]}
    if len(g) >= 3:
        forms.add(g)
    return max(fuzz.ratio(local, form) for form in forms if form)


def _compact(text: str) -> str:
    return fold(text).replace(" ", "")


def best_person_for_email(email: str, names: list[PersonName]) -> int | None:
    """Index of the person the address spells best, if it spells one clearly enough."""
    scored = sorted(((email_match(email, n), i) for i, n in enumerate(names)), reverse=True)
    if scored and scored[0][0] >= MIN_EMAIL_MATCH:
        return scored[0][1]
    return None


def domain_of(address: str) -> str:
    """``"http://www.scop.org/x"`` or ``"a@scop.org"`` → ``"scop.org"``: to pair a site with an e-mail."""
    host = address.split("@", 1)[1] if "@" in address else re.sub(r"^[a-z]+://", "", address, flags=re.I)
    host = host.split("/", 1)[0].lower()
    parts = [p for p in host.split(".") if p and p != "www"]
    return ".".join(parts[-2:])
