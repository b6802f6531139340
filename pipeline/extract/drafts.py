"""What the walk over a deck collects before ids are given: speakers, appearances, and
which person an e-mail or web line belongs to."""

from __future__ import annotations

from dataclasses import dataclass, field

from .contacts import best_person_for_email, domain_of, emails_in, normalise_url, urls_in
from .names import PersonName
from .people import Mention
from .projects import ProjectDraft
from .sessions import WALK_CONFIDENCE, WALK_EVIDENCE, SessionDraft


@dataclass
class SpeakerDraft:
    name: PersonName
    slide_first: int
    job_title: str = ""
    organisation: str = ""
    email: str = ""
    url: str = ""
    confidence: float = WALK_CONFIDENCE
    evidence: str = WALK_EVIDENCE

    def learn(self, mention: Mention) -> None:
        """Fill what is still unknown from one more place the person appears."""
        self.job_title = self.job_title or mention.affiliation.job_title
        self.organisation = self.organisation or mention.affiliation.organisation
        self.email = self.email or (mention.emails[0] if mention.emails else "")
        self.url = self.url or (normalise_url(mention.urls[0]) if mention.urls else "")


@dataclass
class AppearanceDraft:
    person_id: str
    session: SessionDraft
    role: str
    project: ProjectDraft | None
    slide_no: int


@dataclass
class Drafts:
    sessions: list[SessionDraft] = field(default_factory=list)
    speakers: dict[str, SpeakerDraft] = field(default_factory=dict)
    appearances: list[AppearanceDraft] = field(default_factory=list)
    projects: list[ProjectDraft] = field(default_factory=list)


def attach_contacts(text: str, group: list[SpeakerDraft], project: ProjectDraft | None) -> None:
    """Give a contact line's addresses to the people just read (``group``, in slide order).

    An e-mail goes to the person it spells (see :func:`contacts.email_match`), else to the
    first one without an e-mail; a web site to the person whose e-mail has its domain, else
    to the first one without a site. A presenter's site is also the project's.
    """
    for email in emails_in(text):
        index = best_person_for_email(email, [s.name for s in group])
        if index is None:
            index = next((k for k, s in enumerate(group) if not s.email), None)
        if index is not None and not group[index].email:
            group[index].email = email
    for url in (normalise_url(u) for u in urls_in(text)):
        owner = next((s for s in group if s.email and domain_of(s.email) == domain_of(url) and not s.url), None)
        owner = owner or next((s for s in group if not s.url), None)
        if owner is not None:
            owner.url = url
        if project is not None and (owner is None or owner.name.person_id in project.presenters) \
                and url not in project.urls:
            project.urls.append(url)
