"""One pass over the deck's lines that turns them into session, speaker and project drafts.

The reading is a small state machine, in deck order (rules and examples: docs/records.md):

1. e-mail and web lines go to the people just read; a time line ("09h30-16h00") waits for
   the entry under it; a programme heading ("Programme", "Agenda") marks its slide;
2. a project cue ("Présentation du projet …") opens a project inside the open session;
3. a session heading (a kind cue) opens a session if something vouches for it: a time on
   it, above it or just below it, its own number, a programme block, names in it, a
   programme line it details, or people listed under it;
4. role cues ("Animée par", "Panelists:") and name lines add people to the open session
   (and project); "Contacts" headings and credit lines ("Conception :") shut people out;
   "Presented by" under a slide title, or a description sentence just above a new presenter
   in a round table, opens a project;
5. anything else is plain text; a sentence of it may describe the next project.

Lines repeated on three slides or more (logos, footers the cleaning stages left) never
open a session or count as a title or description.
"""

from __future__ import annotations

import re

from ..textnorm import fold
from .contacts import is_contact_line, normalise_url
from .drafts import AppearanceDraft, Drafts, SpeakerDraft, attach_contacts
from .lexicon import Lexicon, tokens
from .lines import Line, continues, furniture_lines
from .names import PersonName
from .people import PeopleReader, ends_with_quote, role_for
from .projects import ProjectDraft, ProjectReader
from .sessions import Heading, SessionDraft, close_titles, parse_heading, same_session
from .times import TimeRange, is_time_line, leading_time

LOOKAHEAD_LINES = 12
DESCRIPTION_WORDS = 5
MAX_SUBTITLE_WORDS = 30
MAX_HEADING_WORDS = 16
MAX_TITLE_WORDS = 10
MIN_PHRASE_WORDS = 3
PROGRAMME_HEADING_TAIL_WORDS = 4
PROJECT_SESSION_KINDS = frozenset({"round_table", "workshop"})
# Kinds whose bare heading ("Table ronde 1 :") takes the next line as its title.
SUBTITLED_KINDS = frozenset({"round_table", "workshop", "keynote", "talk"})
# A programme entry without a kind word is a bare "programme" block; once a slide of its own
# shows it is a session, its kind is "other" (output contract, sessions.kind).
UNTYPED_ENTRY, UNTYPED_SESSION = "programme", "other"
UNTYPED_KINDS = frozenset({UNTYPED_ENTRY, UNTYPED_SESSION})
# A short label and a colon opening a line ("Case study: …", "Projet : …"), no table cell.
_LABEL = re.compile(r"^[^:|]{1,40}:")
# The role of a bare "by" / "par" cue: under a project opened on the same slide, its presenter.
BY_ROLE = "speaker"


class DeckWalker:
    """Reads the line stream once; :meth:`run` returns the drafts."""

    def __init__(self, lines: list[Line], lex: Lexicon, people: PeopleReader, projects: ProjectReader) -> None:
        self.lines = lines
        self.lex = lex
        self.people = people
        self.project_reader = projects
        self.repeated = furniture_lines(lines)
        self.out = Drafts()
        self.session: SessionDraft | None = None
        self.project: ProjectDraft | None = None
        self.group: list[str] = []  # person_ids whose contact lines may follow
        self.pending_time: tuple[TimeRange, int] | None = None
        self.parallel: tuple[TimeRange, str, int] | None = None
        self.programme_slide: int | None = None
        self.roster_slide: int | None = None  # "Meet the speakers": people without a session
        self.pending_role = ""
        self.contacts_slide: int | None = None
        self.credit_until = -1
        self.description: tuple[str, int] | None = None
        self.last_presenter_line = -1
        self.people_in_session = 0
        self._structural: dict[str, bool] = {}

    # --- driver -------------------------------------------------------------------------

    def run(self) -> Drafts:
        index = 0
        while index < len(self.lines):
            index = self._step(index)
        return self.out

    def _step(self, i: int) -> int:
        """Read line ``i`` (and the lines it takes with it); return the next line to read."""
        session, project = self.session, self.project
        after = self._read(i)
        last_slide = self.lines[after - 1].slide_no
        if session is not None and self.session is session:
            session.slide_last = max(session.slide_last, last_slide)
        if project is not None and self.project is project:
            project.slide_last = max(project.slide_last, last_slide)
        return after

    def _read(self, i: int) -> int:
        """Read line ``i`` as the first thing it can be, in this order."""
        line = self.lines[i]
        text = line.text
        if self.pending_role and i and self.lines[i - 1].slide_no != line.slide_no:
            self.pending_role = ""  # "Panelists:" lists people on its own slide only
        # 1. contacts, times and programme headings
        if is_contact_line(text):
            self._contacts(text)
            return i + 1
        if is_time_line(text):
            self.pending_time = (leading_time(text)[0], i)  # type: ignore[index]
            return i + 1
        if self._is_programme_heading(text):
            self.programme_slide = line.slide_no
            return i + 1
        if line.is_title and self._is_roster_heading(text):
            self.roster_slide = line.slide_no
            return i + 1
        # 2. a project cue, then a session heading
        paragraph, after = self.paragraph(i)
        project = self.project_reader.cue(paragraph)
        if project is not None and self.in_programme(i) and self.project_reader.is_label(paragraph):
            project = None  # on a programme slide, "Case Study: …" (at 15:30) is an entry's title
        if project is None and self.session is not None and not self.in_programme(i):
            timed = leading_time(paragraph)  # "2:45 PM  Case study: …" in a session's running order
            labelled = timed is not None and _LABEL.match(timed[1]) is not None
            project = self.project_reader.cue(timed[1]) if labelled else None
            paragraph = timed[1] if project is not None else paragraph
        if project is not None and self.session is not None:
            self._start_project(i, paragraph, project.title, project.summary, project.needs_title)
            return after
        heading = parse_heading(text, self.lex)
        if heading is not None and self._accept_heading(i, heading):
            if after > i + 1 and (continues(text, self.lex.continuation_words) or self.people.people_in(heading.rest, cue=False)):
                heading = parse_heading(paragraph, self.lex) or heading  # a heading wrapped on two lines
                return max(self._start_session(i, heading), after)
            return self._start_session(i, heading)
        if heading is not None and self._people_welcome(i) and not heading.time \
                and self.people.people_in(heading.rest, cue=False):
            return self._labelled_people(i, heading)
        listed = self._listed_session(i) if heading is None else None
        if listed is not None:
            return self._session_slide(i, listed)
        # 3. people: role cues, lines that shut people out, name lines
        after_time = self._after_time(i)
        cue = self.people.role_cue(text) or (self.people.role_cue(after_time) if after_time else None)
        if cue is not None:
            return self._role_cue(i, *cue)
        if self.people.is_contacts_heading(text):
            self.contacts_slide = line.slide_no
            self.group = []
            return i + 1
        if self.people.is_credit(text):
            self.credit_until = i + (0 if self.people.names.find_all(text) else 1)
            return i + 1
        named = self.people.name_line(text) or (self.people.name_line(after_time) if after_time else None)
        if named is not None and self._person_allowed(i, *named):
            return self._person(i, *named)
        if self._names_only(text) and self._people_welcome(i):
            return self._side_by_side(i)
        # 4. a programme line without a kind word, or plain text
        timed = leading_time(text)
        if self.in_programme(i) and (timed or self.pending_time and self.pending_time[1] == i - 1
                                     and not self._repeated(text)):
            return self._untyped_entry(i, timed)
        self._other_text(i, paragraph)
        return after

    # --- line tests ---------------------------------------------------------------------

    def _repeated(self, text: str) -> bool:
        return fold(text) in self.repeated

    def _is_programme_heading(self, text: str) -> bool:
        """ "Programme", "Agenda", or one with a few words after it ("Programme at a glance",
        "Déroulé de la journée"): no digit, no colon, nothing that would be an entry."""
        words = tokens(text)
        size = self.lex.programme_headings.match(words)
        if not size:
            return False
        return size == len(words) or len(words) - size <= PROGRAMME_HEADING_TAIL_WORDS \
            and ":" not in text and not any(c.isdigit() for c in text) and text[:1].isupper()

    def _is_roster_heading(self, text: str) -> bool:
        """A slide title that is, whole, a roster cue ("Meet the speakers", "Intervenants")."""
        words = tokens(text)
        return bool(words) and self.lex.roster_headings.match(words) == len(words)

    def in_programme(self, i: int) -> bool:
        return self.programme_slide == self.lines[i].slide_no

    def is_structural(self, text: str) -> bool:
        """A line that starts something new: it ends a paragraph or an affiliation."""
        known = self._structural.get(text)
        if known is None:
            known = bool(is_contact_line(text) or leading_time(text) or self._is_programme_heading(text)
                         or self.people.role_cue(text) or self.project_reader.cue(text)
                         or parse_heading(text, self.lex) and not self._repeated(text)
                         or self.people.looks_like_person_line(text) or self.people.is_credit(text)
                         or self.people.is_contacts_heading(text) or self._names_only(text))
            self._structural[text] = known
        return known

    def _names_only(self, text: str) -> bool:
        """ "Jane DOE   John SMITH": two or more capitalised-family names and nothing else
        (people side by side in columns, read as one line)."""
        people = self.people.people_in(text, cue=False)
        return len(people) >= 2 and all(p[0].upper_family and not p[1].strip(" ,;&") or
                                        fold(p[1].strip(" ,;")) in self.lex.joiners for p in people)

    def paragraph(self, i: int) -> tuple[str, int]:
        """The text of ``lines[i]`` and the following lines of its block, up to a structural one."""
        parts = [self.lines[i].text]
        j = i + 1
        while j < len(self.lines) and self.lines[j].block_id == self.lines[i].block_id \
                and not self.is_structural(self.lines[j].text):
            parts.append(self.lines[j].text)
            j += 1
        return " ".join(parts), j

    # --- sessions -----------------------------------------------------------------------

    def _accept_heading(self, i: int, heading: Heading) -> bool:
        """A kind word opens a session only if something vouches for it (see module doc)."""
        text = self.lines[i].text
        if self._repeated(text) and not (heading.time or heading.number):
            return False
        if heading.time or heading.number or self._waiting_time(i, heading.kind) or self._time_below(i):
            return True
        if self.in_programme(i) and heading.rest:
            return True  # a programme line without its time ("Table ronde : …"), not a table header
        if self.session is not None and self.people_in_session == 0 \
                and self.lines[self.session.line].slide_no == self.lines[i].slide_no:
            return False  # "Accueil" then "Mot d'accueil de …": one session, said twice
        if self.people.people_in(heading.rest, cue=False):
            return True
        if len(heading.title.split()) > MAX_HEADING_WORDS:
            return False
        return self._details_programme(heading) or self._people_below(i)

    def _details_programme(self, heading: Heading) -> bool:
        """The heading names a session the programme listed: this is its slide."""
        probe = SessionDraft(heading.kind, heading.number, heading.title, "", "", 0, 0, 0)
        return any(d.from_programme and same_session(d, probe) for d in self.out.sessions)

    def _listed_session(self, i: int) -> SessionDraft | None:
        """The programme entry without a kind word that a slide title repeats ("Show and
        tell: community projects" after a programme row that listed it): this slide is that
        session's. (An entry with a kind word finds its slide through the slide's heading.)"""
        line = self.lines[i]
        if not line.is_title or self._repeated(line.text) or self.in_programme(i):
            return None
        if self.session is not None and self.lines[self.session.line].slide_no == line.slide_no:
            return None  # a heading on this slide opened the session already ("Keynote · 9.45 am")
        listed = [d for d in self.out.sessions if d.from_programme and d.kind in UNTYPED_KINDS
                  and close_titles(d.title, line.text)]
        return listed[0] if len(listed) == 1 else None

    def _after_time(self, i: int) -> str:
        """What follows the time in "14:15–15:30 · Hosted by Ines Duarte" on a session's
        slide, read for a role cue or a name ("" elsewhere: in a programme the time starts
        an entry instead)."""
        if self.in_programme(i):
            return ""
        timed = leading_time(self.lines[i].text)
        return timed[1] if timed else ""

    def _session_slide(self, i: int, listed: SessionDraft) -> int:
        """Open the session of a programme entry again on its own slide (merged later). An
        entry without a kind word was a bare ``programme`` block; with a slide of its own it
        is a session of unknown kind (``other``)."""
        slide = self.lines[i].slide_no
        if listed.kind == UNTYPED_ENTRY:
            listed.kind = UNTYPED_SESSION
        draft = SessionDraft(listed.kind, listed.number, listed.title, listed.start, listed.end, slide, slide, i)
        self.out.sessions.append(draft)
        self._open(draft)
        return i + 1

    def _people_below(self, i: int) -> bool:
        """Whether people are listed under a heading before anything else starts."""
        slide = self.lines[i].slide_no
        for j in range(i + 1, min(len(self.lines), i + LOOKAHEAD_LINES)):
            line = self.lines[j]
            if line.slide_no > slide + 1 or self._repeated(line.text):
                continue
            text = line.text
            if self.people.role_cue(text) or self._names_only(text):
                return True
            named = self.people.name_line(text)
            if named and self.people.vouched(named[0], text, named[1], self._next_text(j)):
                return True
            if is_contact_line(text) or is_time_line(text):
                continue
            if self._is_programme_heading(text) or self.project_reader.cue(text) or parse_heading(text, self.lex):
                return False
        return False

    def _waiting_time(self, i: int, kind: str) -> TimeRange | None:
        """A time line just above, or the time of a parallel session listed just above."""
        if self.pending_time and self.pending_time[1] == i - 1:
            return self.pending_time[0]
        if self.parallel and self.parallel[2] == i - 1 and self.parallel[1] == kind:
            return self.parallel[0]
        return None

    def _start_session(self, i: int, heading: Heading) -> int:
        line = self.lines[i]
        waiting = self._waiting_time(i, heading.kind)
        time = heading.time or waiting
        title = heading.title
        people = self.people.people_in(heading.rest, cue=False)
        if people:
            title = f"{heading.head} {self.people.text_before_names(heading.rest)}".strip(" :–—-")
        elif not heading.rest and not line.is_title:
            title = self._slide_title(i, after=self.session.line if self.session else -1) or title
        draft = SessionDraft(heading.kind, heading.number, title, time.start if time else "",
                             time.end if time else "", line.slide_no, line.slide_no, i,
                             from_programme=bool(waiting) or self.in_programme(i))
        self.out.sessions.append(draft)
        self._open(draft)
        self.parallel = (time, heading.kind, i) if waiting else None
        self.pending_time = None
        next_index = i + 1
        if people:
            for name, affiliation in people:
                self._add(name, affiliation, role_for(draft.kind, "", False), i)
            return next_index
        below = self._time_below(i) if time is None else None
        if below:  # the time line is read next when a name follows the time ("15:30 · Jane DOE")
            draft.start, draft.end = below[0].start, below[0].end
            names_follow = self.people.name_line(self._after_time(below[1])) is not None
            next_index = below[1] + (0 if names_follow else 1)
        if len(tokens(heading.rest)) <= 1 and draft.kind in SUBTITLED_KINDS and draft.title == heading.title:
            next_index = self._subtitle(next_index - 1, draft)
        if self.parallel:
            self.parallel = (self.parallel[0], self.parallel[1], next_index - 1)
        return next_index

    def _time_below(self, i: int) -> tuple[TimeRange, int] | None:
        """ "Coffee break" / "10.30 am": the time under a heading, and its line; None when the
        line after the time is another heading (a programme listing times before entries)."""
        j = self._next_kept(i)
        if j is None:
            return None
        timed = leading_time(self.lines[j].text)
        if timed is None or parse_heading(timed[1], self.lex) or self.people.role_cue(timed[1]):
            return None
        after = self._next_kept(j)
        if not timed[1] and after is not None and parse_heading(self.lines[after].text, self.lex) \
                and self.in_programme(i):
            return None
        return timed[0], j

    def _next_kept(self, i: int) -> int | None:
        """The next line on the same slide that is not furniture, or None."""
        j = i + 1
        while j < len(self.lines) and self._repeated(self.lines[j].text):
            j += 1
        if j >= len(self.lines) or self.lines[j].slide_no != self.lines[i].slide_no:
            return None
        return j

    def _slide_title(self, i: int, after: int) -> str:
        """The title of line ``i``'s slide when it is above ``i`` and after line ``after``
        (a short title: a sentence in the title box is a description, not a name)."""
        slide = self.lines[i].slide_no
        for j in range(i - 1, after, -1):
            line = self.lines[j]
            if line.slide_no != slide:
                break
            if line.is_title and not self._repeated(line.text) and not self.is_structural(line.text):
                return line.text if len(line.text.split()) <= MAX_TITLE_WORDS else ""
        return ""

    def _subtitle(self, i: int, draft: SessionDraft) -> int:
        """The line under "Table ronde 1 :" (or under its time) is the session's title."""
        j = self._next_kept(i)
        if j is None:
            return i + 1
        text = self.lines[j].text
        if self.is_structural(text):
            return i + 1
        subtitle, after = self.paragraph(j)
        if len(subtitle.split()) > MAX_SUBTITLE_WORDS:
            return i + 1
        draft.title = f"{draft.title.rstrip(' :')} : {subtitle}"
        return after

    def _untyped_entry(self, i: int, timed: tuple[TimeRange, str] | None) -> int:
        """A programme line with a time but no session-kind word ("10:30 Visit of the site")."""
        line = self.lines[i]
        time, title = timed if timed else (self.pending_time[0], line.text)  # type: ignore[index]
        draft = SessionDraft(UNTYPED_ENTRY, "", title, time.start, time.end, line.slide_no, line.slide_no, i,
                             from_programme=True)
        self.out.sessions.append(draft)
        self._open(draft)
        self.pending_time = None
        return i + 1

    def _open(self, draft: SessionDraft) -> None:
        self.session = draft
        self.people_in_session = 0
        self.project = None
        self.group = []
        self.pending_role = ""
        self.description = None
        self.contacts_slide = None

    # --- projects -----------------------------------------------------------------------

    def _start_project(self, i: int, paragraph: str, title: str, summary: str, needs_title: bool) -> None:
        """Open a project, or open again the one of that title (a session's running order
        names it, then a slide of its own presents it)."""
        slide = self.lines[i].slide_no
        project = next((p for p in self.out.projects if title and fold(p.title) == fold(title)), None)
        if project is None:
            project = ProjectDraft(title, summary, self.session, slide, slide, needs_title, line=i)
            self.out.projects.append(project)
        else:
            project.summary = project.summary or summary
            project.slide_last = max(project.slide_last, slide)
        project.organisations.extend(self.project_reader.run_by(paragraph))
        self.project = project
        self.group = []
        self.pending_role = ""
        self.description = None

    def _other_text(self, i: int, paragraph: str) -> None:
        """Plain text: a description sentence may announce the next presenter's project."""
        self.pending_time = None
        if self._repeated(self.lines[i].text) or len(paragraph.split()) < DESCRIPTION_WORDS:
            return
        self.group = []
        self.pending_role = ""
        self.description = (paragraph, i)

    # --- people -------------------------------------------------------------------------

    def _role_cue(self, i: int, role: str, rest: str) -> int:
        if not rest:
            self.pending_role = role
            self.group = []
            return i + 1
        block = self.lines[i].block_id
        j = i + 1
        parts = [rest]
        while j < len(self.lines) and self.lines[j].block_id == block and not self.is_structural(self.lines[j].text):
            parts.append(self.lines[j].text)
            j += 1
        text = "\n".join(parts)
        people = self.people.people_in(text, cue=True)
        if people and (len(people) == 1 and not people[-1][1].strip(" ,.;") or continues(people[-1][1], self.lex.continuation_words)):
            affiliation, last = self.gather(j - 1, people[-1][1])  # the affiliation goes on below
            people[-1] = (people[-1][0], affiliation)
            j = last + 1
        self.group = []
        if role == BY_ROLE and self.project is not None \
                and self.lines[self.project.line].slide_no == self.lines[i].slide_no:
            role = "presenter"  # "Présentation de la démarche « X »" / "par M. Lucas PEYRONNET"
        if role == "presenter" and self.session is not None and people and (
                self.project is None or self.project.slide_first != self.lines[i].slide_no):
            self._project_from_slide(i)
        for name, affiliation in people:
            self._add(name, affiliation, role, i)
        return j

    def _labelled_people(self, i: int, heading: Heading) -> int:
        """ "Clôture : M. Jean DUPONT, président …" under the session's own heading: a kind
        word used as a label for the people of the open session, not a new session. A label
        of the session's own kind ("Mot d'accueil de …" under "Accueil") staffs it, so a
        later heading opens a new session; a label of another kind names a part of it."""
        role = role_for(self.session.kind if self.session else "other", "", self.project is not None)
        people = self.people.people_in(heading.rest, cue=False)
        affiliation, last = self.gather(i, people[-1][1])
        people[-1] = (people[-1][0], affiliation)
        self.group = []
        staffed = self.people_in_session
        for name, affiliation_text in people:
            self._add(name, affiliation_text, role, i)
        if self.session is not None and heading.kind != self.session.kind:
            self.people_in_session = staffed  # a part of the session ("Ouverture :" in a plenary): the next part is too
        return last + 1

    def _project_from_slide(self, i: int) -> None:
        """ "GreenWay Cargo Hubs" / "Micro-hubs for …" / "Presented by …": the slide presents a project."""
        after = self.project.line if self.project else self.session.line if self.session else -1
        title = self._slide_title(i, after)
        description = self.description[0] if self.description and self.description[1] > after \
            and self.lines[self.description[1]].slide_no == self.lines[i].slide_no else ""
        if title:
            self._start_project(i, description, title, description, False)

    def _people_welcome(self, i: int) -> bool:
        """Line ``i`` may name speakers: a session is open, no credit or contacts heading above."""
        return self.session is not None and i > self.credit_until and self.contacts_slide != self.lines[i].slide_no

    def _person_allowed(self, i: int, name: PersonName, rest: str) -> bool:
        line = self.lines[i]
        if not self._people_welcome(i):
            return False
        if i > 0 and not rest.strip(" ,") and not self._next_text(i) and ends_with_quote(self.lines[i - 1].text):
            return False  # the author of a quotation, alone on the line under it
        if self.pending_role and (name.upper_family or rest.strip(" ,") or self._next_text(i)):
            return True
        return self.people.vouched(name, line.text, rest, self._next_text(i))

    def _side_by_side(self, i: int) -> int:
        """ "Jane DOE   John SMITH": people whose boxes sat side by side, names only."""
        role = role_for(self.session.kind if self.session else "other", self.pending_role, self.project is not None)
        for name, _ in self.people.people_in(self.lines[i].text, cue=False):
            self._add(name, "", role, i)
        return i + 1

    def _next_text(self, i: int) -> str:
        """The line after ``i`` when it can hold an affiliation (same slide, not structural)."""
        j = i + 1
        if j >= len(self.lines) or self.lines[j].slide_no != self.lines[i].slide_no:
            return ""
        text = self.lines[j].text
        return "" if self.is_structural(text) or self._repeated(text) else text

    def _person(self, i: int, name: PersonName, rest: str) -> int:
        affiliation, last = self.gather(i, rest)
        kind = self.session.kind if self.session else "other"
        if not self.pending_role and self.session is not None and kind in PROJECT_SESSION_KINDS \
                and self._fresh_description(i):
            text, at = self.description  # type: ignore[misc]
            cue = self.project_reader.from_description(text)
            after = max(self.session.line, self.project.line if self.project else -1)
            title = self._slide_title(i, after)
            title = title if title and not text.startswith(title) else cue.title  # a title, not the sentence
            self._start_project(at, text, title, cue.summary, False)
        self._add(name, affiliation, role_for(kind, self.pending_role, self.project is not None), i)
        return last + 1

    def _fresh_description(self, i: int) -> bool:
        """A description sentence just above line ``i`` (its slide or the one before), after
        the last presenter: it announces a new project."""
        if self.description is None:
            return False
        at = self.description[1]
        if self.project is not None and not self.project.presenters \
                and self.lines[self.project.line].slide_no == self.lines[at].slide_no:
            return False  # it describes the project its slide opened ("Retour d'expérience : X")
        return at > self.last_presenter_line and self.lines[i].slide_no - self.lines[at].slide_no <= 1 \
            and (self.project is None or at > self.project.line)

    def gather(self, i: int, rest: str) -> tuple[str, int]:
        """The affiliation after a name: the rest of its line and the lines that continue it.

        Under a name alone on its line (a speaker card: name / job / organisation), a line
        opening with a capital is a new piece and is joined with a comma; after a name with
        text on its line, the next lines are that text wrapped and are joined with a space."""
        collected = rest.strip()
        card = not collected.strip(" ,")
        last = i
        for j in range(i + 1, min(len(self.lines), i + 1 + 4)):
            line, previous = self.lines[j], self.lines[j - 1]
            if line.slide_no != self.lines[i].slide_no or self.is_structural(line.text) \
                    or parse_heading(line.text, self.lex):
                break  # a programme line (structural: it starts with a time) or a session line
            if len(collected.split()) > 40:
                break
            tail = collected.rstrip()
            bare = tail.strip(" ,")
            joins = not bare or continues(tail, self.lex.continuation_words)
            if line.block_id == previous.block_id:
                joins = joins or line.text[:1].islower() or line.text[:1] == "(" or not tail.endswith(".") \
                    and not self._ends_affiliation(collected, line.text)
            elif self._repeated(line.text) or len(line.text.split()) > 25:
                joins = False
            if not joins:
                break
            piece = card and bool(bare) and line.text[:1].isupper() and not continues(tail, self.lex.continuation_words) \
                and not tail.endswith((",", ";", "(", "-", "–", "—"))
            collected = f"{collected}{', ' if piece else ' '}{line.text}".strip()
            last = j
        return collected, last

    def _ends_affiliation(self, collected: str, next_text: str) -> bool:
        """ "Director, Acme Institute" / "Announcement of the prize": an affiliation that has
        a job and an organisation is over when a phrase with no organisation word follows
        (a wrapped name tail, "Jaurès", "Combined Authority", is short)."""
        words = tokens(next_text)
        if len(words) < MIN_PHRASE_WORDS or any(w.folded in self.lex.organisation_words for w in words):
            return False
        found = self.people.mention(PersonName("", "", False), collected).affiliation
        return bool(found.job_title and found.organisation)

    def _add(self, name: PersonName, affiliation_text: str, role: str, i: int) -> None:
        if self.session is None:
            return
        mention = self.people.mention(name, affiliation_text)
        slide = self.lines[i].slide_no
        pid = name.person_id
        speaker = self.out.speakers.setdefault(pid, SpeakerDraft(name, slide))
        speaker.learn(mention)
        self.group.append(pid)
        if self.roster_slide == slide:
            return  # a roster of the event's people: no session of theirs is known here
        project = self.project if role == "presenter" else None
        self.out.appearances.append(AppearanceDraft(pid, self.session, role, project, slide))
        self.people_in_session += 1
        if project is not None:
            self.last_presenter_line = i
        if project is not None and pid not in project.presenters:
            project.presenters.append(pid)
            if project.needs_title and mention.affiliation.organisation:
                project.title = mention.affiliation.organisation
                project.needs_title = False
            project.urls.extend(normalise_url(u) for u in mention.urls)
            project.organisations.extend(mention.affiliation.others)
            project.organisations.extend(self.project_reader.partners(affiliation_text))

    def _contacts(self, text: str) -> None:
        """E-mail and web addresses for the people just read, and their project."""
        group = [self.out.speakers[pid] for pid in dict.fromkeys(self.group)]
        attach_contacts(text, group, self.project)
