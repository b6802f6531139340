"""The output contract's tables, in one place: column order, type and meaning.

The writers, ``datapackage.json`` and the tests all read this; adding a column is one
line here (never rename or drop one: analysts rely on them).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless Table Schema type
    description: str
    enum: tuple[str, ...] = ()


SESSION_KINDS = ("welcome", "facilitation", "introduction", "programme", "round_table", "workshop",
                 "keynote", "talk", "conclusion", "reception", "break", "other")
ROLES = ("host", "facilitator", "moderator", "speaker", "presenter", "panelist", "other")
REMOVAL_REASONS = ("branding", "decoration", "duplicate", "page_number", "other")

_DECK = Column("deck_id", "string", "Deck the row comes from: a filesystem-safe slug of its file name, unique in the run.")
_SLIDE_FIRST = Column("slide_first", "integer", "First slide (1-based) where this appears.")
_SLIDE_LAST = Column("slide_last", "integer", "Last slide (1-based) this covers.")
# Added columns (contract: added, never renamed): how sure the reading is, and why, so an
# archivist can review the doubtful rows first.
_CONFIDENCE = Column("confidence", "number", "How sure the extraction is of this row, 0 to 1 (review the lowest first).")
_EVIDENCE = Column("evidence", "string", "Which recogniser read this row and from what (e.g. 'table header Time | Topic | Speaker').")

TABLES: dict[str, tuple[Column, ...]] = {
    "sessions": (
        _DECK,
        Column("session_id", "string", "Session id, unique in the deck: <deck_id>-s<position>."),
        Column("position", "integer", "Order of the session in the programme, from 1."),
        Column("kind", "string", "Kind of session.", SESSION_KINDS),
        Column("number", "string", "The session's own number or letter ('Table ronde 2' -> 2), else empty."),
        Column("title", "string", "Session title as the deck gives it."),
        Column("start_time", "string", "Start time, HH:MM 24h, empty when the deck gives none."),
        Column("end_time", "string", "End time, HH:MM 24h, empty when the deck gives none."),
        _SLIDE_FIRST, _SLIDE_LAST, _CONFIDENCE, _EVIDENCE,
    ),
    "speakers": (
        _DECK,
        Column("person_id", "string", "Stable id of the person, derived from the normalised name (same across decks)."),
        Column("name", "string", "Display name 'Given Family' in normal case."),
        Column("given_name", "string", "Given name(s)."),
        Column("family_name", "string", "Family name(s), particles kept."),
        Column("job_title", "string", "Job title or function as the deck gives it."),
        Column("organisation", "string", "Organisation the person belongs to."),
        Column("email", "string", "E-mail address."),
        Column("url", "string", "Web site linked to the person or their organisation."),
        _SLIDE_FIRST, _CONFIDENCE, _EVIDENCE,
    ),
    "appearances": (
        _DECK,
        Column("person_id", "string", "The person (speakers.person_id)."),
        Column("session_id", "string", "The session (sessions.session_id)."),
        Column("project_id", "string", "The project presented (projects.project_id), empty when none."),
        Column("role", "string", "What the person does in the session.", ROLES),
    ),
    "projects": (
        _DECK,
        Column("project_id", "string", "Project id, unique in the deck: <deck_id>-p<n>."),
        Column("session_id", "string", "Session the project is presented in (sessions.session_id)."),
        Column("title", "string", "Project, initiative or organisation presented."),
        Column("summary", "string", "One or two sentences the deck says about it."),
        Column("organisations", "string", "Organisations involved, joined with ' | '."),
        Column("urls", "string", "Web addresses given for it, joined with ' | '."),
        _SLIDE_FIRST, _SLIDE_LAST, _CONFIDENCE, _EVIDENCE,
    ),
    "slides": (
        _DECK,
        Column("slide_no", "integer", "Slide number, from 1, in deck order."),
        Column("title", "string", "Slide title (title placeholder, or the first heading-like line), cleaned."),
        Column("text_raw", "string", "All visible text of the slide as read, before any cleaning."),
        Column("text_clean", "string", "The slide's text with branding, decoration and repeats removed and OCR errors corrected."),
        Column("notes", "string", "Speaker notes, as read."),
        Column("hidden", "boolean", "The slide is hidden in the presentation."),
        Column("section", "string", "Section the slide belongs to, where the deck has sections."),
        Column("image_only", "boolean", "The page has no text layer (needs OCR)."),
    ),
    "corrections": (
        _DECK,
        Column("slide_no", "integer", "Slide where the text was changed."),
        Column("before", "string", "Text before the change."),
        Column("after", "string", "Text after the change (or suggested)."),
        Column("rule", "string", "Rule that made the change."),
        Column("confidence", "number", "Confidence of the change, 0 to 1."),
        Column("applied", "boolean", "True when applied to text_clean; False for a suggestion left for review."),
    ),
    "removed": (
        _DECK,
        Column("slide_no", "integer", "Slide the text was removed from."),
        Column("text", "string", "The text removed."),
        Column("reason", "string", "Why it was removed.", REMOVAL_REASONS),
        Column("detail", "string", "What the stage saw (e.g. 'on 24 of 40 slides', 'footer placeholder')."),
    ),
}


def column_names(table: str) -> list[str]:
    return [c.name for c in TABLES[table]]
