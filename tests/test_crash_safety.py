"""A run killed at any moment (SIGKILL, power loss) leaves every deck folder either its old
complete set or its new complete set, and a rerun finishes the job."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO
from pipeline.config import Settings
from pipeline.batch import run_batch
from pipeline.schema import TABLES, column_names
from pipeline.writers import EVENT_FILE, REPORT_FILE, recover

CONTRACT_FILES = sorted([EVENT_FILE, *(f"{table}.csv" for table in TABLES)])
DECKS = 24


def write_decks(folder: Path, version: str, slides: int = 100) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(DECKS):
        parts = [f"Session {version} {n}.{s}\n\n- Intervenant {s} {version}\n- Projet numéro {s}"
                 for s in range(1, slides + 1)]
        path = folder / f"deck{n:02d}.txt"
        path.write_text("\n\n\n\n".join(parts) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_deck_folder(folder: Path, allowed_sha: set[str]) -> None:
    """Complete and self-consistent: every contract file, parsable, right headers, one set."""
    assert sorted(p.name for p in folder.iterdir()) == CONTRACT_FILES, folder
    event = json.loads((folder / EVENT_FILE).read_text(encoding="utf-8"))
    assert event["deck"]["deck_id"] == folder.name
    assert event["deck"]["sha256"] in allowed_sha, f"{folder.name}: made from neither the old nor the new file"
    for table in TABLES:
        with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows[0] == column_names(table), (folder, table)
        if table == "slides":
            assert len(rows) - 1 == event["deck"]["slide_count"]
            assert [r[3] for r in rows[1:]] == [s["text_raw"] for s in event["slides"]], "CSV and JSON from two runs"


def check_out(out: Path, expected: dict[str, set[str]]) -> int:
    """After ``recover``: only complete deck folders (old or new set) and no leftovers."""
    recover(out)
    complete = 0
    for entry in out.iterdir():
        assert not entry.name.startswith((".staging-", ".retired-")) and not entry.name.endswith(".tmp"), entry
        if entry.is_dir():
            check_deck_folder(entry, expected[entry.name])
            complete += 1
    return complete


def kill_when(process: subprocess.Popen, out: Path, folders: int) -> int:
    """SIGKILL ``process`` once ``folders`` new deck folders exist; how many there were."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        count = sum(1 for p in out.glob(f"*/{EVENT_FILE}") if not p.parent.name.startswith("."))
        if count >= folders:
            break
        time.sleep(0.005)
    assert process.poll() is None, "the run finished before it could be killed: make the decks bigger"
    process.send_signal(signal.SIGKILL)
    process.wait()
    return count


def deckpipe(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "run", *args, "--quiet"]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigkill_mid_batch_leaves_old_or_new_sets_and_a_rerun_finishes(tmp_path: Path, workers: str) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    old = write_decks(inputs, "v1")
    old_sha = {f"deck{n:02d}-txt": sha256(p) for n, p in enumerate(old)}
    # The first run is killed outright: folders are new or absent.
    first = subprocess.Popen(deckpipe(str(inputs), "--out", str(out), "--workers", workers), cwd=REPO)
    kill_when(first, out, 3)
    assert not (out / REPORT_FILE).exists()
    done_first = check_out(out, {k: {v} for k, v in old_sha.items()})
    assert 3 <= done_first < DECKS

    # Let a run finish, change every deck, kill the next run: each folder old or new.
    assert {r.status for r in run_batch([inputs], out, Settings())} <= {"ok", "skipped"}
    new = write_decks(inputs, "v2")
    expected = {k: {v, sha256(new[n])} for n, (k, v) in enumerate(old_sha.items())}
    before = {p.parent.name: p.stat().st_mtime_ns for p in out.glob(f"*/{EVENT_FILE}")}
    second = subprocess.Popen(deckpipe(str(inputs), "--out", str(out), "--workers", workers, "--force"), cwd=REPO)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and sum(
            1 for p in out.glob(f"*/{EVENT_FILE}")
            if not p.parent.name.startswith(".") and p.stat().st_mtime_ns != before.get(p.parent.name)) < 3:
        time.sleep(0.005)
    second.send_signal(signal.SIGKILL)
    second.wait()
    assert check_out(out, expected) == DECKS

    rerun = subprocess.run(deckpipe(str(inputs), "--out", str(out), "--workers", workers),
                           cwd=REPO, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    assert report["totals"]["decks"] == DECKS and report["totals"]["failed"] == 0
    assert 3 <= report["totals"]["skipped"] < DECKS  # what the killed run finished is not redone
    assert check_out(out, {k: {sha256(new[n])} for n, k in enumerate(old_sha)}) == DECKS


# A child process that writes a deck twice and dies (os._exit: no clean-up, like SIGKILL)
# at a chosen step of the second write.
CRASH_SCRIPT = """
import os, sys
from pathlib import Path
from pipeline import writers
from pipeline.batch import run_batch
from pipeline.config import Settings

deck, out, where, n = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
run_batch([deck], out, Settings())
deck.write_text(deck.read_text(encoding="utf-8").replace("v1", "v2"), encoding="utf-8")
calls = {"n": 0}
owner = os if where == "replace" else writers
real = getattr(owner, where)

def dying(*args, **kwargs):
    calls["n"] += 1
    if calls["n"] == n:
        os._exit(9)
    return real(*args, **kwargs)

setattr(owner, where, dying)
run_batch([deck], out, Settings(), force=True)
"""


# The steps of a deck write: its files fsynced in the staging folder (_fsync_together),
# the staging folder fsynced (_fsync_dir 1), the old folder retired (os.replace 1), the
# staging folder moved in (os.replace 2), the parent fsynced (_fsync_dir 2), then the
# retired folder deleted.
@pytest.mark.parametrize(("where", "n", "expect"), [
    ("_fsync_together", 1, "v1"), ("_fsync_dir", 1, "v1"), ("replace", 1, "v1"), ("replace", 2, "v1"),
    ("_fsync_dir", 2, "v2"),
])
def test_killed_at_each_step_of_a_deck_write(tmp_path: Path, where: str, n: int, expect: str) -> None:
    deck = tmp_path / "deck.txt"
    deck.write_text("\n\n\n\n".join(f"Titre v1 {s}\n\n- point {s}" for s in range(5)) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-c", CRASH_SCRIPT, str(deck), str(out), where, str(n)],
                          cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 9, done.stderr
    v1 = deck.read_bytes().replace(b"v2", b"v1")
    shas = {"v1": hashlib.sha256(v1).hexdigest(), "v2": sha256(deck)}
    assert check_out(out, {"deck-txt": {shas[expect]}}) == 1
    results = run_batch([deck], out, Settings())
    assert results[0].status == ("skipped" if expect == "v2" else "ok")
    assert check_out(out, {"deck-txt": {shas["v2"]}}) == 1
    assert "Titre v2" in (out / "slides.csv").read_text(encoding="utf-8")


def test_combined_tables_are_never_half_written(tmp_path: Path) -> None:
    """A kill while rebuilding a combined table leaves the old file and a temp file that
    ``recover`` removes; the rebuilt table equals the deck folders."""
    paths = write_decks(tmp_path / "in", "v1", slides=3)[:3]
    out = tmp_path / "out"
    run_batch(paths, out, Settings())
    leftover = out / ".slides.csv.abc.tmp"
    leftover.write_text("deck_id,sl", encoding="utf-8")
    recover(out)
    assert not leftover.exists()
    rows = list(csv.DictReader((out / "slides.csv").open(encoding="utf-8", newline="")))
    assert len(rows) == 9 and os.path.getsize(out / "slides.csv") > 0
