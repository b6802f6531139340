"""The structured records the pipeline exists for: event, sessions, speakers, appearances,
projects. Field names are the output contract's column names (see ``schema.py``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Event:
    title: str = ""
    edition: str = ""
    date: str = ""  # ISO 8601
    theme: str = ""
    place: str = ""
    slide_no: int | None = None


@dataclass(frozen=True)
class Session:
    session_id: str
    position: int
    kind: str
    number: str = ""
    title: str = ""
    start_time: str = ""  # HH:MM
    end_time: str = ""
    slide_first: int | None = None
    slide_last: int | None = None
    confidence: float = 0.0  # 0 to 1: how sure the recogniser that read it was
    evidence: str = ""  # which recogniser read it, and from what


@dataclass(frozen=True)
class Speaker:
    person_id: str
    name: str
    given_name: str = ""
    family_name: str = ""
    job_title: str = ""
    organisation: str = ""
    email: str = ""
    url: str = ""
    slide_first: int | None = None
    confidence: float = 0.0
    evidence: str = ""


@dataclass(frozen=True)
class Appearance:
    person_id: str
    session_id: str
    role: str
    project_id: str = ""
    slide_no: int | None = None


@dataclass(frozen=True)
class Project:
    project_id: str
    session_id: str
    title: str
    summary: str = ""
    organisations: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    presenters: tuple[str, ...] = ()  # person_ids
    slide_first: int | None = None
    slide_last: int | None = None
    confidence: float = 0.0
    evidence: str = ""


@dataclass(frozen=True)
class Records:
    event: Event = field(default_factory=Event)
    sessions: tuple[Session, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    appearances: tuple[Appearance, ...] = ()
    projects: tuple[Project, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
