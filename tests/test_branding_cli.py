"""``deckpipe run --config overrides.toml``: extra branding patterns and keep-lists reach the
cleaning stages, and removed.csv / event.json log the same removals."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import REPO
from pipeline.cli import main
from pipeline.stages import DEFAULT_ORDER

SAMPLE = REPO / "raw" / "entretiens-jacques-cartier-2012.txt"
DECK_ID = "entretiens-jacques-cartier-2012-txt"

pytestmark = pytest.mark.skipif(not {"decoration", "branding"} <= set(DEFAULT_ORDER),
                                reason="decoration/branding stages not registered in pipeline/stages yet")


def _run(tmp_path: Path, config: str | None) -> Path:
    out = tmp_path / "out"
    args = ["run", str(SAMPLE), "--out", str(out)]
    if config is not None:
        tmp_path.mkdir(parents=True, exist_ok=True)
        path = tmp_path / "overrides.toml"
        path.write_text(config, encoding="utf-8")
        args += ["--config", str(path)]
    assert main(args) == 0
    return out / DECK_ID


def _removed(folder: Path) -> list[dict[str, str]]:
    with open(folder / "removed.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _text_clean(folder: Path, slide: int) -> str:
    with open(folder / "slides.csv", encoding="utf-8", newline="") as handle:
        return next(row["text_clean"] for row in csv.DictReader(handle) if row["slide_no"] == str(slide))


def test_config_patterns_and_keep_list_are_honoured(tmp_path: Path) -> None:
    plain = _run(tmp_path / "plain", None)
    assert "Made in Romans" in _text_clean(plain, 71)
    assert "Montréal" not in _text_clean(plain, 59)  # a repeat of slide 58's logo, by default

    folder = _run(tmp_path / "overridden", '[branding]\npatterns = ["(?i)^made in romans$"]\nkeep = ["Montréal"]\n')
    assert "Made in Romans" not in _text_clean(folder, 71).split("\n")
    assert "Made in Romans - 26100 ROMANS www-archer.fr" in _text_clean(folder, 71)
    assert "Montréal" in _text_clean(folder, 59)
    rows = [(r["deck_id"], r["slide_no"], r["text"], r["reason"]) for r in _removed(folder)]
    assert (DECK_ID, "71", "Made in Romans", "branding") in rows
    assert not any(text == "Montréal" for _, _, text, _ in rows)


def test_removed_csv_and_event_json_log_the_same_removals(tmp_path: Path) -> None:
    folder = _run(tmp_path, None)
    rows = [(int(r["slide_no"]), r["text"], r["reason"]) for r in _removed(folder)]
    event = json.loads((folder / "event.json").read_text(encoding="utf-8"))
    assert rows == [(r["slide_no"], r["text"], r["reason"]) for r in event["removed"]]
    assert {reason for _, _, reason in rows} >= {"branding", "decoration", "duplicate"}
