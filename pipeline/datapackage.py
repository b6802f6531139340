"""``datapackage.json``: the Frictionless Data Package describing the combined tables,
built from ``schema.TABLES`` so the description can never drift from what is written."""

from __future__ import annotations

from typing import Any

from . import __version__
from .schema import TABLES

DESCRIPTIONS = {
    "sessions": "Sessions of each event's programme, in programme order.",
    "speakers": "Distinct people who speak, present, moderate or host, one row per person per deck.",
    "appearances": "Links between a person and a session (and the project presented), with the role.",
    "projects": "Projects, initiatives or organisations presented in a session.",
    "slides": "Every slide with its raw and cleaned text.",
    "corrections": "Every OCR correction applied, and suggestions left for review.",
    "removed": "Every piece of text removed from text_clean, with the reason.",
}
# Session and project ids already carry their deck id; a person id is the same in every deck.
PRIMARY_KEYS = {
    "sessions": ["session_id"],
    "speakers": ["deck_id", "person_id"],
    "projects": ["project_id"],
    "slides": ["deck_id", "slide_no"],
}
FOREIGN_KEYS = {
    "appearances": [(["deck_id", "person_id"], "speakers"), (["session_id"], "sessions"),
                    (["project_id"], "projects")],
    "projects": [(["session_id"], "sessions")],
    "corrections": [(["deck_id", "slide_no"], "slides")],
    "removed": [(["deck_id", "slide_no"], "slides")],
}


def _field(column: Any) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": column.type, "description": column.description}
    if column.type == "boolean":
        field["trueValues"], field["falseValues"] = ["true"], ["false"]
    if column.enum:
        field["constraints"] = {"enum": list(column.enum)}
    return field


def descriptor() -> dict[str, Any]:
    resources = []
    for table, columns in TABLES.items():
        schema: dict[str, Any] = {"fields": [_field(c) for c in columns], "missingValues": [""]}
        if table in PRIMARY_KEYS:
            schema["primaryKey"] = PRIMARY_KEYS[table]
        if table in FOREIGN_KEYS:
            schema["foreignKeys"] = [{"fields": fields, "reference": {"resource": target, "fields": PRIMARY_KEYS[target]}}
                                     for fields, target in FOREIGN_KEYS[table]]
        resources.append({
            "name": table, "path": f"{table}.csv", "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "description": DESCRIPTIONS[table],
            "dialect": {"delimiter": ",", "header": True},
            "schema": schema,
        })
    return {
        "profile": "tabular-data-package",
        "name": "deckpipe-output",
        "title": "Event programmes extracted from slide decks by deckpipe",
        "description": f"Tables written by deckpipe {__version__}; see the output contract in the project README.",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
        "resources": resources,
    }
