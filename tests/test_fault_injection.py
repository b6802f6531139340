"""Fault injection: the real-world corpus plus broken copies of the sample decks (truncated,
bytes flipped, zip entries removed, an entity bomb, a zip bomb, zero bytes, wrong
extensions) in one run. It must finish, refuse each bad file in exactly one line naming
the file (and the limit, for a limit), exit 1, and write every good deck."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO
from pipeline.writers import EVENT_FILE, REPORT_FILE

SAMPLE = REPO / "raw" / "entretiens-jacques-cartier-2012"
ENTITIES = '<!ENTITY lol0 "lololololol">' + "".join(
    f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))  # lol9: 10^10 characters


def entity_bomb(slide_xml: str) -> bytes:
    """The slide with a billion-laughs DTD and the biggest entity used in its first text run."""
    body = re.sub(r"^<\?xml[^>]*\?>\s*", "", slide_xml)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE p:sld [{ENTITIES}]>\n'
            + body.replace("</a:t>", "&lol9;</a:t>", 1)).encode("utf-8")


def sample_decks(folder: Path) -> dict[str, Path]:
    """The sample deck in each format (raw/, or small stand-ins when raw/ lacks one)."""
    folder.mkdir(parents=True)
    decks = {}
    for suffix in (".txt", ".pptx", ".pdf"):
        source = SAMPLE.with_suffix(suffix)
        target = folder / f"sample{suffix}"
        if source.is_file():
            shutil.copyfile(source, target)
        else:
            _stand_in(target)
        decks[suffix] = target
    return decks


def _stand_in(target: Path) -> None:
    if target.suffix == ".txt":
        slides = (f"Table ronde {n}\n\n- Intervenante {n}" for n in range(1, 6))
        target.write_text("\n\n\n\n".join(slides), encoding="utf-8")
    elif target.suffix == ".pptx":
        from pptx import Presentation

        prs = Presentation()
        for n in range(1, 6):
            slide = prs.slides.add_slide(prs.slide_layouts[1])
            slide.shapes.title.text = f"Table ronde {n}"
            slide.placeholders[1].text = f"Intervenante {n}"
        prs.save(target)
    else:
        from reportlab.pdfgen import canvas

        page = canvas.Canvas(str(target))
        for n in range(1, 6):
            page.drawString(72, 720, f"Table ronde {n}")
            page.showPage()
        page.save()


def rewrite_zip(source: Path, target: Path, drop: set[str] = frozenset(), replace: dict[str, bytes] | None = None,
                add: dict[str, bytes] | None = None) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            if item.filename in drop:
                continue
            new.writestr(item, (replace or {}).get(item.filename, old.read(item.filename)))
        for name, data in (add or {}).items():
            new.writestr(name, data)


def mutate(decks: dict[str, Path], folder: Path) -> dict[str, str]:
    """Broken copies; returns {file name: what must happen} ('refused', 'ok', 'either')."""
    folder.mkdir(parents=True)
    rng = random.Random(20121121)
    expect: dict[str, str] = {}
    for suffix, deck in decks.items():
        data = deck.read_bytes()
        stem = suffix.lstrip(".")
        (folder / f"{stem}-truncated{suffix}").write_bytes(data[: len(data) // 2])
        expect[f"{stem}-truncated{suffix}"] = "either" if suffix == ".txt" else "refused"
        flipped = bytearray(data)
        for position in rng.sample(range(len(flipped)), max(1, len(flipped) // 200)):
            flipped[position] ^= 0xFF
        (folder / f"{stem}-flipped{suffix}").write_bytes(bytes(flipped))
        expect[f"{stem}-flipped{suffix}"] = "either"
        (folder / f"{stem}-empty{suffix}").write_bytes(b"")
        expect[f"{stem}-empty{suffix}"] = "refused"
    # Right content, wrong name: read by content.
    for source, name in ((decks[".pptx"], "pptx-named.pdf"), (decks[".pdf"], "pdf-named.txt"),
                         (decks[".txt"], "text-named.pptx")):
        shutil.copyfile(source, folder / name)
        expect[name] = "ok"
    (folder / "random-bytes.txt").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    expect["random-bytes.txt"] = "refused"

    pptx = decks[".pptx"]
    with zipfile.ZipFile(pptx) as package:
        names = package.namelist()
        slide1 = package.read("ppt/slides/slide1.xml").decode("utf-8")
    for part, label in (("ppt/presentation.xml", "no-presentation"), ("[Content_Types].xml", "no-content-types"),
                        ("ppt/slides/slide1.xml", "no-slide1")):
        assert part in names
        rewrite_zip(pptx, folder / f"pptx-{label}.pptx", drop={part})
        expect[f"pptx-{label}.pptx"] = "either" if label == "no-slide1" else "refused"
    rewrite_zip(pptx, folder / "pptx-entity-bomb.pptx", replace={"ppt/slides/slide1.xml": entity_bomb(slide1)})
    expect["pptx-entity-bomb.pptx"] = "either"
    rewrite_zip(pptx, folder / "pptx-zip-bomb.pptx", add={"ppt/media/image999.bin": bytes(64 << 20)})
    expect["pptx-zip-bomb.pptx"] = "refused"
    return expect


@pytest.fixture(scope="module")
def fault_run(tmp_path_factory: pytest.TempPathFactory,
              real_world_dir: Path) -> tuple[subprocess.CompletedProcess, Path, dict]:
    root = tmp_path_factory.mktemp("faults")
    good = sample_decks(root / "good")
    expect = mutate(good, root / "mutated")
    out = root / "out"
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(root / "good"), str(root / "mutated"), str(real_world_dir),
         "--out", str(out), "--quiet", "--workers", "2", "--timeout", "120"],
        cwd=REPO, capture_output=True, text=True, timeout=900)
    return done, out, {"good": good, "expect": expect, "root": root}


def test_run_finishes_with_exit_status_1_and_no_traceback(fault_run) -> None:
    done, out, _ = fault_run
    assert done.returncode == 1, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    assert (out / REPORT_FILE).is_file()


def test_one_line_per_refused_file_naming_it(fault_run) -> None:
    done, out, _ = fault_run
    report = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    failed = [d for d in report["decks"] if d["status"] == "failed"]
    lines = done.stderr.splitlines()
    assert len(lines) == len(failed) > 0
    assert sorted(lines) == sorted(f"deckpipe: {d['error']}" for d in failed)
    for deck in failed:
        assert deck["error"].startswith(f"{deck['path']}: ")


def test_each_mutation_has_the_expected_outcome(fault_run) -> None:
    _, out, context = fault_run
    report = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    outcome = {Path(d["path"]).name: d for d in report["decks"] if "/mutated/" in d["path"]}
    assert set(outcome) == set(context["expect"])
    for name, wanted in context["expect"].items():
        status = outcome[name]["status"]
        if wanted == "refused":
            assert status == "failed", name
        elif wanted == "ok":
            assert status == "ok", (name, outcome[name]["error"])
    entity = outcome["pptx-entity-bomb.pptx"]
    if entity["status"] == "ok":  # read without expanding the entity
        assert sum(f.stat().st_size for f in (out / entity["deck_id"]).iterdir()) < 5_000_000
    bomb = outcome["pptx-zip-bomb.pptx"]["error"]
    assert "refused by a safety limit" in bomb and "max_compression_ratio" in bomb


def test_refusals_are_deliberate_not_crashes(fault_run) -> None:
    _, out, _ = fault_run
    report = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    crashes = [d["error"] for d in report["decks"] if "internal error" in d["error"] or "--timeout" in d["error"]]
    assert crashes == []


def test_every_good_deck_is_written(fault_run) -> None:
    _, out, context = fault_run
    report = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    by_path = {d["path"]: d for d in report["decks"]}
    for deck in context["good"].values():
        entry = by_path[str(deck)]
        assert entry["status"] == "ok", entry["error"]
        assert (out / entry["deck_id"] / EVENT_FILE).is_file()
    for entry in report["decks"]:
        assert (out / entry["deck_id"] / EVENT_FILE).is_file() == (entry["status"] == "ok"), entry
