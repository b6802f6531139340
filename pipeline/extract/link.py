"""The linker: ties each project to the session it belongs to and to its presenters.

Recognisers find projects on their own slides (a site shown alone, a list of resources, an
initiative's slide) without knowing the session; session titles name artefacts of their own
(``GLIDER dataset for docking``). After the sessions are merged, a project without a
session joins the session whose own slides hold it, else the deck's only session; a project
without presenters gets the speakers of its session, each of them a ``presenter`` appearance
in that session for that project. A project found twice (same title, or
one's site in the other's addresses) is kept once.
"""

from __future__ import annotations

from ..textnorm import fold
from .drafts import AppearanceDraft, Drafts
from .projects import ProjectDraft, ProjectReader
from .sessions import SessionDraft

NAMED_IN_TITLE_CONFIDENCE = 0.6
PRESENTING_ROLES = ("speaker", "presenter")


def link_projects(sessions: list[SessionDraft], drafts: Drafts, reader: ProjectReader) -> None:
    """Projects named in session titles added; every project given its session and presenters."""
    for session in sessions:
        for title in reader.named_in(session.title):
            drafts.projects.append(ProjectDraft(
                title, "", session, session.slide_first, session.slide_last, line=session.line,
                confidence=NAMED_IN_TITLE_CONFIDENCE, evidence=f"named in the title of session '{session.title}'"))
    drafts.projects[:] = _distinct(drafts.projects)
    for project in drafts.projects:
        if project.session is None:
            project.session = _session_of(project, sessions)
        if project.session is not None and not project.presenters:
            final = project.session.final
            project.presenters = list(dict.fromkeys(
                a.person_id for a in drafts.appearances if a.session.final is final and a.role in PRESENTING_ROLES))
            drafts.appearances.extend(AppearanceDraft(person_id, final, "presenter", project, project.slide_first)
                                      for person_id in project.presenters)


def _session_of(project: ProjectDraft, sessions: list[SessionDraft]) -> SessionDraft | None:
    """The session whose own slides (not a programme line) hold the project, else the only one."""
    own = [s for s in sessions if not s.from_programme and s.slide_first <= project.slide_first <= s.slide_last]
    if own:
        return max(own, key=lambda s: s.slide_first)
    return sessions[0] if len(sessions) == 1 else None


def _distinct(projects: list[ProjectDraft]) -> list[ProjectDraft]:
    """The first of each project: same folded title, or a title that is another's site."""
    kept: list[ProjectDraft] = []
    for project in projects:
        keys = {fold(project.title)} | {fold(u) for u in project.urls}
        twin = next((k for k in kept if keys & ({fold(k.title)} | {fold(u) for u in k.urls})), None)
        if twin is None:
            kept.append(project)
        else:
            twin.urls.extend(u for u in project.urls if u not in twin.urls)
    return kept
