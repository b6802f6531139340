"""Batch runs: deck discovery and ids, incremental skips, the report, determinism across
worker counts, time limits, dying workers, the output-folder lock, the writers' fixes."""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import stat
import time
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import REPO
from pipeline import batch
from pipeline.batch import assign_deck_ids, exclusive_use, find_decks, run_batch
from pipeline.cli import main
from pipeline.config import Limits, Settings
from pipeline.errors import ConfigError
from pipeline.pool import DeckPool, warm_up
from pipeline.schema import TABLES, column_names
from pipeline.writers import EVENT_FILE, REPORT_FILE, recover, write_combined

RAW = REPO / "raw"
DECK_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def make_text_deck(path: Path, slides: int = 4, word: str = "Atelier") -> Path:
    """A small text export: slides split by blank-line runs, a title and bullets each."""
    parts = [f"{word} {n}\n\n- Première idée {n}\n- Seconde idée {word.lower()} {n}" for n in range(1, slides + 1)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n\n\n".join(parts) + "\n", encoding="utf-8")
    return path


def statuses(results: list[batch.DeckResult]) -> dict[str, str]:
    return {Path(r.path).name: r.status for r in results}


def data_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != REPORT_FILE}


# --------------------------------------------------------------------------- discovery, ids


def test_find_decks_is_recursive_sorted_and_skips_hidden_other_files_and_out(tmp_path: Path) -> None:
    make_text_deck(tmp_path / "b" / "z.txt")
    make_text_deck(tmp_path / "a.md")
    make_text_deck(tmp_path / ".hidden" / "x.txt")
    make_text_deck(tmp_path / ".dot.txt")
    make_text_deck(tmp_path / "out" / "old.txt")
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    found = find_decks([tmp_path, tmp_path / "a.md"], exclude=tmp_path / "out")
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.md", "b/z.txt"]


def test_deck_ids_unique_stable_and_outputs_never_leave_out(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    names = ["Programme.txt", "programme.txt", "sub/Programme.txt", "..txt", "#%&!.md",
             "É v é n e m e n t ✨.txt", "x" * 240 + ".txt", "con.txt", "a b/../c.md"]
    for name in names:
        make_text_deck(inputs / name)
    paths = find_decks([inputs])
    ids = assign_deck_ids(paths)
    assert len(set(ids.values())) == len(paths)
    assert all(DECK_ID.match(i) and len(i) <= 90 for i in ids.values())
    assert assign_deck_ids(list(paths)) == ids  # same input, same ids
    out = tmp_path / "out"
    results = run_batch([inputs], out, Settings())
    assert {r.status for r in results} == {"ok"}
    assert {r.deck_id for r in results} == set(ids.values())
    for entry in out.rglob("*"):
        relative = entry.relative_to(out).parts
        assert len(relative) <= 2
        if len(relative) == 2:
            assert DECK_ID.match(relative[0]), entry
    assert not [p for p in tmp_path.iterdir() if p.name not in ("in", "out")]


def test_a_symlink_planted_in_out_cannot_redirect_a_deck(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "deck-txt").symlink_to(elsewhere, target_is_directory=True)
    results = run_batch([make_text_deck(tmp_path / "deck.txt")], out, Settings())
    assert results[0].status == "failed" and "would write outside" in results[0].error
    assert list(elsewhere.iterdir()) == []


# --------------------------------------------------------------------------- incremental


def test_unchanged_decks_are_skipped_and_combined_tables_rebuilt(tmp_path: Path) -> None:
    decks = [make_text_deck(tmp_path / "in" / f"deck{n}.txt", word=f"Forum{n}") for n in range(3)]
    out = tmp_path / "out"
    first = run_batch([tmp_path / "in"], out, Settings())
    combined = (out / "slides.csv").read_bytes()
    assert {r.status for r in first} == {"ok"}
    (out / "slides.csv").unlink()
    second = run_batch([tmp_path / "in"], out, Settings())
    assert {r.status for r in second} == {"skipped"}
    assert [r.counts for r in second] == [r.counts for r in first]
    assert (out / "slides.csv").read_bytes() == combined

    make_text_deck(decks[1], slides=5, word="Changé")
    third = run_batch([tmp_path / "in"], out, Settings())
    assert statuses(third) == {"deck0.txt": "skipped", "deck1.txt": "ok", "deck2.txt": "skipped"}
    assert third[1].counts["slides"] == 5
    assert {r.status for r in run_batch([tmp_path / "in"], out, Settings(), force=True)} == {"ok"}


def test_new_overrides_options_or_version_reprocess(tmp_path: Path) -> None:
    deck = make_text_deck(tmp_path / "in" / "deck.txt")
    out = tmp_path / "out"
    run_batch([deck], out, Settings())
    assert run_batch([deck], out, Settings())[0].status == "skipped"

    (tmp_path / "in" / "deck.deckpipe.toml").write_text('[branding]\nkeep = ["Atelier"]\n', encoding="utf-8")
    assert run_batch([deck], out, Settings())[0].status == "ok"
    assert run_batch([deck], out, Settings())[0].status == "skipped"
    assert run_batch([deck], out, Settings(language="en"))[0].status == "ok"
    assert run_batch([deck], out, Settings(language="en", password="x"))[0].status == "skipped"

    event_path = out / "deck-txt" / EVENT_FILE
    event = json.loads(event_path.read_text(encoding="utf-8"))
    event["deck"]["pipeline_version"] = "0.0.0-old"
    event_path.write_text(json.dumps(event), encoding="utf-8")
    assert run_batch([deck], out, Settings(language="en"))[0].status == "ok"


def test_failed_deck_keeps_its_old_folder_but_leaves_the_combined_tables(tmp_path: Path) -> None:
    deck = make_text_deck(tmp_path / "in" / "deck.txt")
    other = make_text_deck(tmp_path / "in" / "other.txt", word="Autre")
    out = tmp_path / "out"
    run_batch([tmp_path / "in"], out, Settings())
    deck.write_bytes(b"")
    results = run_batch([tmp_path / "in"], out, Settings())
    assert statuses(results) == {"deck.txt": "failed", "other.txt": "skipped"}
    assert (out / "deck-txt" / EVENT_FILE).is_file()
    ids = {row["deck_id"] for row in csv.DictReader((out / "slides.csv").open(encoding="utf-8", newline=""))}
    assert ids == {"other-txt"}
    assert other.is_file()


# --------------------------------------------------------------------------- report


def test_report_has_every_deck_in_input_order_with_counts_and_totals(tmp_path: Path) -> None:
    make_text_deck(tmp_path / "in" / "a.txt", slides=3)
    (tmp_path / "in" / "b.pptx").write_bytes(b"PK\x03\x04 truncated")
    make_text_deck(tmp_path / "in" / "c.txt", slides=2)
    out = tmp_path / "out"
    run_batch([tmp_path / "in"], out, Settings(), workers=2)
    report = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    assert [d["deck_id"] for d in report["decks"]] == ["a-txt", "b-pptx", "c-txt"]
    a, b, c = report["decks"]
    assert (a["status"], a["slides"], b["status"], c["slides"]) == ("ok", 3, "failed", 2)
    assert b["error"].startswith(str(tmp_path / "in" / "b.pptx") + ": ") and "\n" not in b["error"]
    assert set(a) >= {"path", "deck_id", "status", "error", "seconds", "slides", "sessions", "speakers", "projects"}
    totals = report["totals"]
    assert (totals["decks"], totals["ok"], totals["failed"], totals["skipped"], totals["slides"]) == (3, 2, 1, 0, 5)
    assert totals["workers"] == 2


# --------------------------------------------------------------------------- determinism


def test_two_runs_give_byte_identical_data_files_whatever_the_workers(tmp_path: Path) -> None:
    inputs = [p for p in sorted(RAW.iterdir()) if p.suffix in (".txt", ".pptx", ".pdf")]
    inputs += [make_text_deck(tmp_path / "in" / f"d{n}.md", slides=n + 1, word=f"Table{n}") for n in range(4)]
    one = run_batch(inputs, tmp_path / "one", Settings(), workers=1)
    two = run_batch(inputs, tmp_path / "two", Settings(), workers=2)
    assert [r.status for r in one] == [r.status for r in two]
    assert "ok" in {r.status for r in one}
    first, second = data_files(tmp_path / "one"), data_files(tmp_path / "two")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


# --------------------------------------------------------------------------- time limits, dying workers


def _limited(seconds: float) -> Settings:
    return replace(Settings(), limits=replace(Limits(), timeout_seconds=seconds))


def test_timeout_in_process_is_a_one_line_error_naming_file_and_limit(tmp_path: Path, monkeypatch) -> None:
    real = batch.process

    def slow(path, settings, deck_id=None):  # type: ignore[no-untyped-def]
        if Path(path).name == "slow.txt":
            while True:
                time.sleep(0.01)
        return real(path, settings, deck_id=deck_id)

    monkeypatch.setattr(batch, "process", slow)
    make_text_deck(tmp_path / "in" / "slow.txt")
    make_text_deck(tmp_path / "in" / "fast.txt")
    results = run_batch([tmp_path / "in"], tmp_path / "out", _limited(0.3))
    assert statuses(results) == {"fast.txt": "ok", "slow.txt": "failed"}
    assert results[1].error == (f"{tmp_path / 'in' / 'slow.txt'}: took longer than the per-deck time limit "
                                "(--timeout 0.3 s)")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_timeout_in_a_worker_interrupts_a_blocked_read(tmp_path: Path) -> None:
    fifo = tmp_path / "in" / "blocked.txt"
    fifo.parent.mkdir()
    os.mkfifo(fifo)  # opening it blocks forever: nobody writes
    good = make_text_deck(tmp_path / "in" / "good.txt")
    results = run_batch([fifo, good], tmp_path / "out", _limited(0.5), workers=2)
    assert statuses(results) == {"blocked.txt": "failed", "good.txt": "ok"}
    # a FIFO is now refused by type before any read (issue 12), so it can no longer block
    assert "not a regular file" in results[0].error and str(fifo) in results[0].error


@pytest.fixture(scope="module")
def warm_parent() -> None:
    """Load the model here once, so that workers forked from this process start warm."""
    warm_up(Settings())


def _pool_run(tmp_path: Path, settings: Settings, names: list[str], **options: float) -> dict[str, batch.DeckResult]:
    paths = [make_text_deck(tmp_path / "in" / name) for name in names]
    jobs = [(i, p, f"d{i}") for i, p in enumerate(paths)]
    pool = DeckPool(2, settings, tmp_path / "out", start_method="fork", **options)
    return {Path(r.path).name: r for _, r in pool.run(jobs)}


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the test patches the worker through fork")
def test_worker_stuck_where_the_alarm_cannot_reach_is_killed_and_replaced(tmp_path: Path, monkeypatch,
                                                                          warm_parent) -> None:
    real = batch.process

    def stuck(path, settings, deck_id=None):  # type: ignore[no-untyped-def]
        if Path(path).name == "stuck.txt":
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
        return real(path, settings, deck_id=deck_id)

    monkeypatch.setattr(batch, "process", stuck)
    results = _pool_run(tmp_path, _limited(0.3), ["a.txt", "stuck.txt", "b.txt", "c.txt"], kill_grace=0.5)
    assert {n: r.status for n, r in results.items()} == {"a.txt": "ok", "stuck.txt": "failed", "b.txt": "ok",
                                                          "c.txt": "ok"}, results
    assert "--timeout 0.3 s; worker stopped" in results["stuck.txt"].error


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the test patches the worker through fork")
def test_worker_that_dies_costs_only_its_deck(tmp_path: Path, monkeypatch, warm_parent) -> None:
    real = batch.process

    def crash(path, settings, deck_id=None):  # type: ignore[no-untyped-def]
        if Path(path).name == "crash.txt":
            os._exit(3)
        return real(path, settings, deck_id=deck_id)

    monkeypatch.setattr(batch, "process", crash)
    results = _pool_run(tmp_path, Settings(), ["a.txt", "crash.txt", "b.txt", "c.txt", "d.txt"], tasks_per_worker=2)
    assert sorted(n for n, r in results.items() if r.status == "ok") == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert results["crash.txt"].error.endswith("internal error (worker process died, exit code 3)")


# --------------------------------------------------------------------------- one run per folder


def test_a_second_run_into_the_same_folder_is_refused(tmp_path: Path, capsys) -> None:
    deck = make_text_deck(tmp_path / "deck.txt")
    out = tmp_path / "out"
    out.mkdir()
    with exclusive_use(out):
        with pytest.raises(ConfigError, match="another deckpipe run"):
            run_batch([deck], out, Settings())
        assert main(["run", str(deck), "--out", str(out)]) == 2
    assert "another deckpipe run" in capsys.readouterr().err
    assert main(["run", str(deck), "--out", str(out)]) == 0


# --------------------------------------------------------------------------- writers


def test_outputs_get_the_usual_permissions_not_private_temp_ones(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        run_batch([make_text_deck(tmp_path / "deck.txt")], tmp_path / "out", Settings())
    finally:
        os.umask(mask)
    folder = tmp_path / "out" / "deck-txt"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o644}
    assert stat.S_IMODE((tmp_path / "out" / "slides.csv").stat().st_mode) == 0o644


def test_combined_tables_map_an_older_folder_onto_todays_columns(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([make_text_deck(tmp_path / "a.txt"), make_text_deck(tmp_path / "b.txt", slides=2)], out, Settings())
    old = out / "b-txt" / "slides.csv"
    rows = list(csv.DictReader(old.open(encoding="utf-8", newline="")))
    with old.open("w", encoding="utf-8", newline="") as handle:  # as an older version wrote it
        writer = csv.DictWriter(handle, ["deck_id", "slide_no", "title"], extrasaction="ignore", lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    write_combined(out)
    combined = list(csv.DictReader((out / "slides.csv").open(encoding="utf-8", newline="")))
    assert list(combined[0]) == column_names("slides")
    assert [r["deck_id"] for r in combined] == ["a-txt"] * 4 + ["b-txt"] * 2
    assert combined[-1]["title"] == rows[-1]["title"] and combined[-1]["text_raw"] == ""


def test_recover_puts_back_a_retired_folder_and_drops_staging(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([make_text_deck(tmp_path / "deck.txt")], out, Settings())
    os.replace(out / "deck-txt", out / ".retired-deck-txt")  # killed between the two renames
    (out / ".staging-deck-txt-abc").mkdir()
    (out / ".staging-deck-txt-abc" / "slides.csv").write_text("half", encoding="utf-8")
    (out / ".slides.csv.x.tmp").write_text("half", encoding="utf-8")
    recover(out)
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []
    assert (out / "deck-txt" / EVENT_FILE).is_file()
    assert sorted(p.name for p in (out / "deck-txt").iterdir()) == sorted([EVENT_FILE, *(f"{t}.csv" for t in TABLES)])


# --------------------------------------------------------------------------- command line


def test_cli_logs_one_line_per_deck_off_a_terminal_and_only_failures_when_quiet(tmp_path: Path, capsys) -> None:
    make_text_deck(tmp_path / "in" / "good.txt")
    (tmp_path / "in" / "bad.pdf").write_bytes(b"%PDF-1.4 nothing else")
    out = str(tmp_path / "out")
    assert main(["run", str(tmp_path / "in"), "--out", out, "--workers", "1"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"deckpipe: {tmp_path / 'in' / 'bad.pdf'}: ")
    assert lines[1].startswith(f"[2/2] ok      {tmp_path / 'in' / 'good.txt'} -> good-txt: 4 slides")
    assert lines[2].startswith("done: 2 decks (1 ok, 0 skipped, 1 failed) in ")

    assert main(["run", str(tmp_path / "in"), "--out", out, "--quiet"]) == 1
    quiet = capsys.readouterr().err.splitlines()
    assert len(quiet) == 1 and quiet[0].startswith(f"deckpipe: {tmp_path / 'in' / 'bad.pdf'}: ")

    assert main(["run", str(tmp_path / "in"), "--out", out, "--verbose", "--force", "--workers", "2"]) == 1
    verbose = capsys.readouterr().err.splitlines()
    assert verbose[0] == "2 decks, 2 workers" and any(" ok " in line for line in verbose)


@pytest.mark.parametrize("option", [["--workers", "0"], ["--timeout", "-1"], ["--max-slides", "x"], ["-q", "-v"]])
def test_bad_batch_options_are_usage_errors(tmp_path: Path, option: list[str]) -> None:
    assert main(["run", str(make_text_deck(tmp_path / "d.txt")), "--out", str(tmp_path / "o"), *option]) == 2


def test_limit_options_reach_the_readers(tmp_path: Path, capsys) -> None:
    deck = make_text_deck(tmp_path / "d.txt", slides=6)
    assert main(["run", str(deck), "--out", str(tmp_path / "o"), "--max-slides", "5", "-q"]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"deckpipe: {deck}: refused by a safety limit") and "max_slides 5" in line
