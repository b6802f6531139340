"""Hardening (issue 12): each attack of the adversarial audit, reproduced, and its outcome."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import REPO
from pipeline.batch import DeckResult, run_batch
from pipeline.cli import main
from pipeline.config import Settings
from pipeline.writers import REPORT_FILE

from test_batch import make_text_deck
from test_fault_injection import entity_bomb, rewrite_zip

SAMPLE_PPTX = REPO / "raw" / "entretiens-jacques-cartier-2012.pptx"


def _report(out: Path) -> dict:
    return json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))


def test_symlink_out_of_the_input_is_refused_and_its_content_never_written(tmp_path: Path, capsys) -> None:
    secret = make_text_deck(tmp_path / "private" / "secret.txt", word="Secretissime")
    inbox = tmp_path / "inbox"
    make_text_deck(inbox / "good.txt")
    (inbox / "link.txt").symlink_to(secret)
    out = tmp_path / "out"
    assert main(["run", str(inbox), "--out", str(out), "--workers", "1", "-q"]) == 1
    assert "symbolic link out of the input folders" in capsys.readouterr().err
    for path in out.rglob("*"):
        if path.is_file():
            assert "Secretissime" not in path.read_text(encoding="utf-8", errors="replace")
    assert main(["run", str(inbox), "--out", str(out), "--workers", "1", "-q", "--follow-links"]) == 0


def test_fifo_is_refused_by_type_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    results = run_batch([fifo], tmp_path / "out", Settings())
    assert results[0].status == "failed" and "not a regular file" in results[0].error


def test_non_utf8_and_control_character_names(tmp_path: Path, capsys) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (Path(os.fsdecode(bytes(inbox) + b"/\xe9t\xe9.txt"))).write_text("Atelier 1\n\n- Une id\u00e9e\n", encoding="utf-8")
    make_text_deck(inbox / "a\nb\x1b[31m.txt")
    out = tmp_path / "out"
    assert main(["run", str(inbox), "--out", str(out), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and len(err.splitlines()) == 3
    decks = _report(out)["decks"]
    assert {d["deck_id"] for d in decks} == {"ete-txt", "a-b-31m-txt"}
    assert all("path_bytes" in d and d["path"].isprintable() for d in decks)


def test_printable_result_fields() -> None:
    result = DeckResult("x\udce9\n.txt", "x", "failed", "x\udce9\n.txt: bad")
    assert result.path == "x\\xe9\\n.txt" and result.error.startswith(result.path)


def test_out_equal_to_inside_or_under_a_file_is_a_usage_error(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    make_text_deck(inbox / "a.txt")
    (tmp_path / "f").write_text("x", encoding="utf-8")
    for out in (inbox, inbox / "out", tmp_path / "f", tmp_path / "f" / "sub"):
        assert main(["run", str(inbox), "--out", str(out), "--workers", "1", "-q"]) == 2, out


def test_a_deck_folder_missing_a_table_is_redone(tmp_path: Path) -> None:
    deck = make_text_deck(tmp_path / "in" / "a.txt")
    out = tmp_path / "out"
    run_batch([deck], out, Settings())
    (out / "a-txt" / "sessions.csv").unlink()
    assert run_batch([deck], out, Settings())[0].status == "ok"
    assert (out / "a-txt" / "sessions.csv").is_file()
    assert run_batch([deck], out, Settings())[0].status == "skipped"


def test_name_of_250_bytes_does_not_fail_probing_overrides(tmp_path: Path) -> None:
    deck = make_text_deck(tmp_path / "in" / ("n" * 246 + ".txt"))
    assert run_batch([deck], tmp_path / "out", Settings())[0].status == "ok"


def test_entity_bomb_slide_keeps_the_rest_of_its_text(tmp_path: Path) -> None:
    from pipeline.readers import read

    with zipfile.ZipFile(SAMPLE_PPTX) as package:
        slide1 = package.read("ppt/slides/slide1.xml").decode("utf-8")
    bomb = tmp_path / "bomb.pptx"
    rewrite_zip(SAMPLE_PPTX, bomb, replace={"ppt/slides/slide1.xml": entity_bomb(slide1)})
    assert read(bomb).slides[0].blocks == read(SAMPLE_PPTX).slides[0].blocks


def test_many_small_members_bomb_is_refused_with_bounded_memory(tmp_path: Path) -> None:
    bomb = tmp_path / "many.pptx"
    rewrite_zip(SAMPLE_PPTX, bomb, add={f"ppt/media/z{n}.bin": bytes((1 << 20) - 1024) for n in range(300)})
    # VmHWM, not ru_maxrss: the child's own peak (ru_maxrss keeps the forking test process's).
    code = ("import sys\nfrom pipeline.readers import read\nfrom pipeline.errors import LimitExceeded\n"
            "try:\n    read(sys.argv[1]); print('read')\nexcept LimitExceeded as err:\n    print(err)\n"
            "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))")
    done = subprocess.run([sys.executable, "-c", code, str(bomb)], capture_output=True, text=True, cwd=REPO, timeout=120)
    message, peak_kib = done.stdout.splitlines()
    assert "package compression ratio" in message
    assert int(peak_kib) < 300 * 1024  # 300 MiB; the bomb would inflate to 300 MiB on top of the interpreter


def test_duplicate_zip_entries_print_nothing_but_the_deck_line(tmp_path: Path) -> None:
    deck = tmp_path / "in" / "dup.pptx"
    deck.parent.mkdir()
    with zipfile.ZipFile(SAMPLE_PPTX) as old, zipfile.ZipFile(deck, "w") as new:
        for item in old.infolist():
            new.writestr(item, old.read(item))
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            new.writestr("ppt/slides/slide1.xml", b"<broken")
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", str(deck.parent), "--out", str(tmp_path / "out"),
                           "-q", "--workers", "1"], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert "Warning" not in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) <= 1
