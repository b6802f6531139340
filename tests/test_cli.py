"""The command line: exit codes, one-line errors, the run report, python -m pipeline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO
from pipeline.cli import main

SAMPLE = REPO / "raw" / "entretiens-jacques-cartier-2012.txt"


def test_usage_error_exits_2(capsys) -> None:
    assert main(["run", "--no-such-option"]) == 2
    assert main([]) == 2


def test_missing_input_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert main(["run", str(tmp_path / "nope.pptx"), "--out", str(tmp_path / "out")]) == 2
    assert "nope.pptx" in capsys.readouterr().err


def test_bad_config_is_a_usage_error(tmp_path: Path, capsys) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("[branding\n", encoding="utf-8")
    assert main(["run", str(SAMPLE), "--out", str(tmp_path / "out"), "--config", str(config)]) == 2
    assert "bad.toml" in capsys.readouterr().err


def test_one_bad_deck_fails_the_run_but_not_the_others(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "broken.pptx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    assert main(["run", str(SAMPLE), str(bad), str(empty), "--out", str(out)]) == 1
    err_lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("deckpipe: ")]
    assert len(err_lines) == 2
    assert any("broken.pptx" in line for line in err_lines)
    assert any("empty.pdf" in line for line in err_lines)
    report = json.loads((out / "run_report.json").read_text(encoding="utf-8"))
    statuses = {Path(d["path"]).name: d["status"] for d in report["decks"]}
    assert statuses == {SAMPLE.name: "ok", "broken.pptx": "failed", "empty.pdf": "failed"}
    assert all("\n" not in d["error"] for d in report["decks"])
    assert report["totals"]["failed"] == 2 and report["totals"]["ok"] == 1
    assert (out / "entretiens-jacques-cartier-2012-txt" / "event.json").is_file()
    assert (out / "slides.csv").is_file()


def test_python_dash_m_is_deckpipe(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", str(SAMPLE), "--out", str(tmp_path)],
                          capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "sessions.csv").is_file()
