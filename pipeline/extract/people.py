"""Who is on a slide as a speaker: role cues, name lines, and the affiliation after a name.

A person is taken only from a structure that says "this is a speaker":

* a role cue and names: ``Animée par Eric DACHEUX``, ``Intervenants: A, B et C``,
  ``Moderated by Jane Doe``, ``Panelists: …``;
* a line that opens with a name followed by an affiliation: ``Ludovic NOEL, Directeur,
  Cité du design.``, ``Jane Doe – Head of Research at Acme`` (or the name alone, the
  affiliation on the next line);
* names inside a session heading: ``Conclusion de Maurice VINCENT, Sénateur-Maire …``.

A name in normal case ("Jane Doe") needs more than its shape: a role cue, an honorific,
a job word opening its affiliation, or spaCy calling it a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from ..nlp import LazyFacts
from ..textnorm import fold
from .affiliation import Affiliation, AffiliationReader
from .contacts import emails_in, urls_in, without_contacts
from .given_names import GivenNames, given_names
from .lexicon import Lexicon, Token, tokens
from .names import NameReader, PersonName

# What may follow a name on its line: nothing, or a separator before the affiliation.
_AFTER_NAME = re.compile(r"^\s*(?:$|[,(:/|–—-])")
_BRACKET_THEN_TITLE = re.compile(r"^\s*[,–—-]?\s*(\([^()]*\))\s*:\s*\S")
_CUE_TAIL = re.compile(r"^\s*[:–—-]?\s*")
_CLOSING_QUOTE = ("»", "”", '"', "“")
# Between the people of a list: a comma, a semicolon, "and" / "et" / "&" (cue data), a slash.
_LIST_SEPARATOR = re.compile(r"\s*(?:[,;/]|\s&\s)\s*")
_FIRST_NAME = re.compile(r"^[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)*$")
MAX_AFFILIATION_LINES = 4
MAX_AFFILIATION_WORDS = 40
# Session kind -> role of a person listed under it without a role cue.
DEFAULT_ROLES = {"welcome": "host", "facilitation": "facilitator", "introduction": "speaker",
                 "conclusion": "speaker", "keynote": "speaker", "talk": "speaker", "round_table": "panelist",
                 "workshop": "panelist", "programme": "speaker", "reception": "host", "break": "other",
                 "other": "speaker"}


@dataclass
class Mention:
    """A person seen at one place of the deck, with what the deck says about them there."""

    name: PersonName
    affiliation: Affiliation = field(default_factory=Affiliation)
    emails: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    role: str = ""


def role_for(kind: str, cue_role: str, in_project: bool) -> str:
    """The contract role of a person from the cue before them, the project, the session kind."""
    if cue_role:
        if cue_role == "moderator" and kind == "facilitation":
            return "facilitator"
        return cue_role
    if in_project:
        return "presenter"
    return DEFAULT_ROLES.get(kind, "speaker")


class PeopleReader:
    """Reads people from lines with one language's cues and spaCy's facts about the lines."""

    def __init__(self, lex: Lexicon, facts: LazyFacts, given: GivenNames | None = None) -> None:
        self.lex = lex
        self.names = NameReader(lex)
        self.affiliations = AffiliationReader(lex)
        self.facts = facts
        self.given = given if given is not None else given_names()

    # --- how sure a name shape is a person ---------------------------------------------

    def name_evidence(self, name: PersonName, text: str = "") -> tuple[float, str]:
        """(score, why) that a name shape is a person, from the shape alone: an honorific,
        a family name in capitals, a known given name, spaCy's person entity."""
        if name.titled:
            return 0.95, "honorific"
        first = name.given.split()[0] if name.given else ""
        strength = max((self.given.strength(part) for part in name.given.split()), default=0.0)
        if name.upper_family:
            return (0.9, "capital family name") if strength or len(name.given) > 1 else (0.6, "capital family name")
        if strength >= 1.0:
            return 0.8, f"given name {first}"
        if text and self.facts.entities(text).person_at(0, len(text)):
            return 0.7, "spaCy person"
        if strength:
            return 0.4, f"given name {first} (also a word)"
        return 0.0, ""

    # --- cues ---------------------------------------------------------------------------

    def role_cue(self, text: str) -> tuple[str, str] | None:
        """(role, text after the cue) for ``"Animée par Eric DACHEUX, …"``, ``"Panelists:"``."""
        words = tokens(text)
        role, size = self.lex.match_role(words)
        if not role:
            return None
        rest = text[words[size - 1].end:]
        had_colon = rest.lstrip().startswith(":")
        rest = rest[_CUE_TAIL.match(rest).end():]  # type: ignore[union-attr]
        if not rest:
            return (role, "") if had_colon or size > 1 else None
        if self.names.read_at(rest) is None:
            return None
        return role, rest

    def is_credit(self, text: str) -> bool:
        """``Conception : …``, ``Photo by …``: people credited, not speaking."""
        words = tokens(text)
        size = self.lex.credit_words.match(words)
        if not size:
            return False
        rest = text[words[size - 1].end:].lstrip()
        return not rest or rest[0] in ":-–—" or self.names.read_at(rest) is not None or size > 1

    def is_contacts_heading(self, text: str) -> bool:
        words = tokens(text)
        size = self.lex.contact_words.match(words)
        return bool(size) and len(words) <= size + 1 and not emails_in(text)

    # --- name lines ---------------------------------------------------------------------

    def name_line(self, text: str) -> tuple[PersonName, str] | None:
        """(name, what follows it) when the line opens with a name shape and a separator."""
        found = self.names.read_at(text)
        if found is None:
            return None
        name, end = found
        rest = text[end:]
        if not _AFTER_NAME.match(rest):
            return None
        return name, rest

    def vouched(self, name: PersonName, text: str, rest: str, next_text: str = "") -> bool:
        """Whether a name-shaped line start is a person, from what surrounds it.

        An honorific vouches for any name; capitalised family names pass with any
        affiliation; normal-case names need an affiliation that reads as one (a job word
        opening or closing its first piece, an organisation word in it after a comma, a
        dash or a bracket), or spaCy's person entity plus an organisation word.
        """
        if name.titled:
            return True
        affiliation = without_contacts(rest).strip(" ,;:–—-(")
        separator = rest.lstrip()[:1]
        if not affiliation:
            affiliation, separator = next_text, ","
        if not affiliation:
            return False
        if name.upper_family:
            return True
        if self.given.is_name(name.given.split()[0]) and separator in (",", "–", "—", "-", "(", "|") \
                and self.names.read_at(affiliation) is None and not self.lex.match_role(tokens(affiliation))[0]:
            return True  # "Jean-Luc Martin – Open Data Lyon": a known given name and an affiliation
        source = rest if rest.strip(" ,;:–—-(") else next_text
        first_piece = tokens(re.split(r"[,;)]", affiliation_part(source).strip(" ,;:–—-("))[0])
        if self._is_job(first_piece):
            return True
        has_organisation = any(w.folded in self.lex.organisation_words for w in first_piece)
        if has_organisation and separator == "(":
            return True  # "Ann Lee (Kingsport University)"; after a comma it may be a wrapped job
        is_person = self.facts.entities(text).person_at(0, len(name.given) + len(name.family) + 1)
        return is_person and separator in (",", "–", "—", "(") \
            and any(w.folded in self.lex.organisation_words for w in tokens(affiliation))

    def _is_job(self, words: Sequence[Token]) -> bool:
        """ "Director …" or "Flood Risk Manager": a job word opens or closes the piece."""
        return self.lex.is_job_start(words) or bool(words) and self.lex.is_job_start(words[-1:])

    def looks_like_person_line(self, text: str) -> bool:
        """A line that would start a new person (used to stop an affiliation)."""
        found = self.name_line(text)
        if found is None:
            return False
        name, rest = found
        if name.upper_family or name.titled:
            return True
        return bool(rest.strip(" ,;:–—-(")) and self.vouched(name, text, rest)

    # --- lists of names -----------------------------------------------------------------

    def people_in(self, text: str, cue: bool) -> list[tuple[PersonName, str]]:
        """Names and the affiliation text after each, from ``"A, Dir., Org et B, Prof."``.

        ``cue`` says a role cue introduced the text: then normal-case names count too;
        in a heading only capitalised family names or names after "by/par/with" count.
        """
        found: list[tuple[PersonName, int, int]] = []
        for name, start, end in self.names.find_all(text):
            if _inside_brackets(text, start):
                continue  # "Sophie LAURENT (conseillère, Maison de l'Emploi du Val de Loire)"
            if not name.upper_family:
                if not cue and not self._after_link(text, start):
                    continue
                if found and not self._starts_item(text[found[-1][2]:start]):
                    continue  # "Élodie ROUX, journaliste, Radio Val de Loire": an affiliation
            found.append((name, start, end))
        people = []
        for k, (name, _start, end) in enumerate(found):
            stop = found[k + 1][1] if k + 1 < len(found) else len(text)
            people.append((name, text[end:stop]))
        return people

    def listed_people(self, text: str, *, first_names: bool = False,
                      min_evidence: float = 0.6) -> list[tuple[PersonName, str, float]] | None:
        """The people of a text that is nothing but a list of them, each with the affiliation
        text after them and the evidence score: ``"Jane Doe, ORNL and John Smith (Acme)"``;
        with ``first_names``, also ``"Vladas, Tom and Yusuf"`` (each a known given name: the
        caller's layout says people are listed here). None when anything else is in the text.
        """
        text = text.strip(" .")
        if not text:
            return None
        found = []
        for name, start, end in self.names.find_all(text):
            score, _why = self.name_evidence(name, text[start:end])
            if score >= min_evidence and not _inside_brackets(text, start):
                found.append((name, start, end, score))
        if found and not text[:found[0][1]].strip(" ,;:–—-"):
            people = []
            for k, (name, _start, end, score) in enumerate(found):
                stop = found[k + 1][1] if k + 1 < len(found) else len(text)
                between = text[end:stop]
                if k + 1 < len(found) and not self._starts_item(between) and not between.rstrip().endswith((",", ")")):
                    return None
                people.append((name, self._without_joiners(between), score))
            return people
        if not first_names:
            return None
        items = [i for i in _LIST_SEPARATOR.split(self._split_joiners(text)) if i]
        if not items or len(items) > 8:
            return None
        people = []
        for item in items:
            strength = self.given.strength(item)
            if not _FIRST_NAME.match(item) or not item[0].isupper() or strength == 0 \
                    or fold(item) in self.names.banned:
                return None
            people.append((PersonName(item, "", False), "", 0.5 + 0.3 * strength))
        return people

    def _without_joiners(self, text: str) -> str:
        """An affiliation between two listed names, without the joiner before the next name."""
        words = text.strip(" ,;").split()
        while words and fold(words[-1]) in self.lex.joiners:
            words.pop()
        return " ".join(words).strip(" ,;")

    def _split_joiners(self, text: str) -> str:
        """``"Tom and Yusuf"`` → ``"Tom, Yusuf"`` (joiners from the cue data)."""
        words = [("," if fold(w) in self.lex.joiners else w) for w in text.split()]
        return " ".join(words).replace(" ,", ",")

    def text_before_names(self, text: str) -> str:
        """The part of a heading before the first person named in it, link words dropped."""
        people = self.people_in(text, cue=False)
        if not people:
            return text
        first = self.names.find_all(text)
        start = next(s for n, s, _ in first if n == people[0][0])
        head = text[:start].rstrip(" ,:;–—-")
        words = head.split()
        while words and fold(words[-1]) in self.lex.name_links | self.lex.joiners:
            words.pop()
        return " ".join(words).rstrip(" ,:;–—-")

    def _starts_item(self, between: str) -> bool:
        """The text between two names shows a new list item: only separators, a joiner
        ("et", "and"), a semicolon or a line break."""
        if "\n" in between or ";" in between:
            return True
        between = re.sub(r"^\s*\([^()]*\)", "", between)  # "Ann Lee (Open Knowledge), Bob …"
        words = between.strip(" ,.–—-").split()
        return not words or fold(words[-1]) in self.lex.joiners

    def _after_link(self, text: str, start: int) -> bool:
        before = text[:start].split()
        return bool(before) and fold(before[-1]) in (self.lex.name_links - self.lex.determiners) | self.lex.joiners

    # --- affiliations -------------------------------------------------------------------

    def mention(self, name: PersonName, affiliation_text: str) -> Mention:
        """A mention with job title, organisation, e-mails and web sites from the text."""
        emails = emails_in(affiliation_text)
        urls = urls_in(affiliation_text)
        return Mention(name, self.affiliations.read(affiliation_part(without_contacts(affiliation_text))), emails, urls)


def affiliation_part(rest: str) -> str:
    """ "(Kingsport University): Mapping saltmarsh …" → "(Kingsport University)": after a
    bracketed affiliation, a colon introduces the talk's title, not more affiliation."""
    found = _BRACKET_THEN_TITLE.match(rest)
    return found.group(1) if found else rest


def _inside_brackets(text: str, at: int) -> bool:
    return text.count("(", 0, at) > text.count(")", 0, at)


def ends_with_quote(text: str) -> bool:
    return text.rstrip(" .").endswith(_CLOSING_QUOTE)
