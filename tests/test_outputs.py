"""The committed processed/ folder: fresh, valid against its data package and JSON schema."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

import pytest

from conftest import REPO
from pipeline.batch import run_batch
from pipeline.config import Settings
from pipeline.schema import TABLES, column_names
from pipeline.writers import EVENT_FILE, PACKAGE_FILE, deck_folders, json_text

PROCESSED = REPO / "processed"
RAW = REPO / "raw"
SCHEMA = REPO / "pipeline" / "data" / "schema" / "event.schema.json"


def _data_files(folder: Path) -> list[Path]:
    """Every output file except the run report, which holds timings."""
    return sorted(p.relative_to(folder) for p in folder.rglob("*")
                  if p.is_file() and p.name != "run_report.json")


@pytest.fixture(scope="module")
def fresh_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fresh")
    results = run_batch([RAW], out, Settings())
    assert all(r.status == "ok" for r in results), [r.error for r in results]
    return out


def test_processed_is_not_stale(fresh_run: Path) -> None:
    """Rerunning on raw/ gives byte-identical data files: commit processed/ after changes."""
    committed, fresh = _data_files(PROCESSED), _data_files(fresh_run)
    assert committed == fresh
    _, mismatch, errors = filecmp.cmpfiles(PROCESSED, fresh_run, [str(p) for p in fresh], shallow=False)
    assert not mismatch and not errors, f"stale files in processed/ (run `make run`): {mismatch + errors}"


def test_every_sample_deck_is_processed() -> None:
    decks = {p.name for p in deck_folders(PROCESSED)}
    raw_files = sorted(p for p in RAW.iterdir() if p.suffix in {".txt", ".pptx", ".pdf"})
    assert len(decks) == len(raw_files) >= 1


def test_combined_tables_have_contract_headers() -> None:
    for table in TABLES:
        header = (PROCESSED / f"{table}.csv").read_bytes().decode("utf-8").split("\r\n", 1)[0]
        assert header.split(",") == column_names(table)


def test_datapackage_validates() -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(PROCESSED / PACKAGE_FILE))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]


def test_event_json_matches_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for folder in deck_folders(PROCESSED):
        document = json.loads((folder / EVENT_FILE).read_text(encoding="utf-8"))
        jsonschema.validate(document, schema)


def test_no_absolute_paths_or_timestamps_in_data() -> None:
    for relative in _data_files(PROCESSED):
        text = (PROCESSED / relative).read_text(encoding="utf-8")
        assert str(REPO) not in text, relative


def test_json_layout_is_json_with_one_record_per_line() -> None:
    data = {"deck": {"id": "d", "properties": {"title": "Écho"}, "warnings": []},
            "sessions": [{"session_id": "d-s1", "title": "A \"quoted\"\ntitle", "slide_first": 2},
                         {"session_id": "d-s2", "title": "", "slide_first": None}],
            "nested": [[1, [2]], []], "empty": {}}
    text = json_text(data)
    assert json.loads(text) == data
    assert text.endswith("}\n") and "Écho" in text  # UTF-8, not \u escapes
    lines = text.splitlines()
    assert '    {"session_id": "d-s1", "title": "A \\"quoted\\"\\ntitle", "slide_first": 2},' in lines
    assert '    {"session_id": "d-s2", "title": "", "slide_first": null}' in lines
