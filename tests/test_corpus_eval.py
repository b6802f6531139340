"""``deckpipe eval --corpus``: the real-deck corpus of ../shared scored in one command.

The corpus's own ``score.py`` is the reference: on the same run folders our scorer must give
its figures. The floors in ``fixtures/events_baseline.json`` hold what the redistributable
decks reach today; ``scripts/update_events_baseline.py`` raises them, never lowers them.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import corpus_eval
from pipeline.cli import main

from conftest import FIXTURES, REPO, SHARED

EVENTS = SHARED / "corpora" / "events"
BASELINE = FIXTURES / "events_baseline.json"
# Figures held per deck: (path in the scores, name in the baseline).
FLOORED = {"f1_mean": ("f1_mean",), "speakers_f1": ("speakers", "f1"), "sessions_f1": ("sessions", "f1"),
           "projects_f1": ("projects", "f1"), "appearances_f1": ("appearances", "f1"),
           "must_keep": ("must_keep", "score"), "not_people": ("not_people", "score")}
PARITY = [("speakers", "f1"), ("speakers", "matched"), ("sessions", "f1"), ("sessions", "matched"),
          ("sessions", "time_accuracy"), ("sessions", "kind_accuracy"), ("projects", "f1"),
          ("appearances", "f1"), ("branding", "score"), ("corrections", "score"),
          ("must_keep", "score"), ("not_people", "score"), ("f1_mean",)]


def figure(scores: dict, path: tuple[str, ...]):
    for key in path:
        scores = scores[key]
    return scores


@pytest.fixture(scope="module")
def events() -> Path:
    if not (EVENTS / "corpus.json").is_file():
        pytest.skip(f"events corpus not found at {EVENTS} (set DECKPIPE_SHARED to point at ../shared)")
    return EVENTS


@pytest.fixture(scope="module")
def corpus_run(events: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    """Every redistributable deck run once (the fetched decks are never looked for)."""
    run_dir = tmp_path_factory.mktemp("events-run")
    empty = tmp_path_factory.mktemp("no-fetched-decks")
    return corpus_eval.evaluate_corpus(events, run_dir, fetched_dir=empty), run_dir


def test_every_redistributable_deck_is_scored_and_the_rest_reported(corpus_run, events):
    results, _ = corpus_run
    on_disk = {p.name for p in (events / "decks").iterdir()}
    mapping = corpus_eval.read_mapping(events)
    assert set(results["decks"]) == {d for d in mapping if d in on_disk}
    assert set(results["skipped"]) == {d for d in mapping if d not in on_disk}
    assert all("fetch" in reason for reason in results["skipped"].values())
    for name, entry in results["decks"].items():
        assert entry["scores"] is not None, (name, entry["messages"])
        assert entry["run"]["rc"] == 0, (name, entry["run"])


def test_floors_hold_and_can_only_go_up(corpus_run):
    results, _ = corpus_run
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    low = []
    for deck, floors in baseline["decks"].items():
        if deck not in results["decks"]:
            continue
        scores = results["decks"][deck]["scores"]
        for name, floor in floors.items():
            value = figure(scores, FLOORED[name])
            if value + 1e-9 < floor:
                low.append(f"{deck} {name}: {value:.3f} < floor {floor:.3f}")
    mean = sum(results["decks"][d]["scores"]["f1_mean"] for d in results["decks"]) / len(results["decks"])
    if mean + 1e-9 < baseline["mean_f1_mean"]:
        low.append(f"mean deck F1 {mean:.3f} < floor {baseline['mean_f1_mean']:.3f}")
    assert not low, "\n".join(low)


def _score_py(events: Path):
    pytest.importorskip("rapidfuzz")
    spec = importlib.util.spec_from_file_location("events_score", events / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_same_figures_as_the_corpus_score_py(corpus_run, events):
    reference = _score_py(events)
    results, run_dir = corpus_run
    differ = []
    for deck, entry in results["decks"].items():
        gold = json.loads((events / entry["gold"]).read_text(encoding="utf-8"))
        theirs = reference.score_deck(gold, run_dir / corpus_eval.deck_out_name(deck), deck, [])
        for path in PARITY:
            ours, ref = figure(entry["scores"], path), figure(theirs, path)
            if ours != pytest.approx(ref):
                differ.append(f"{deck} {'.'.join(path)}: ours {ours} score.py {ref}")
    assert not differ, "\n".join(differ)


def test_cli_prints_the_mean_line_and_writes_json(events, tmp_path, capsys):
    out = tmp_path / "scores.json"
    code = main(["eval", "--corpus", str(events), "--only", "haiti", "--json", str(out),
                 "--fetched-dir", str(tmp_path)])
    printed = capsys.readouterr().out
    assert code == 0
    assert "=== etalab-haiti-2018.pdf" in printed
    assert printed.strip().splitlines()[-1].startswith("overall_f1=")
    written = json.loads(out.read_text(encoding="utf-8"))
    assert list(written["decks"]) == ["etalab-haiti-2018.pdf"]
    assert written["overall"]["decks_scored"] == 1


def test_a_missing_deck_is_reported_not_scored(events, tmp_path, capsys):
    code = main(["eval", "--corpus", str(events), "--only", "rbm", "--fetched-dir", str(tmp_path)])
    printed = capsys.readouterr().out
    assert code == 0
    assert "deck file missing" in printed and "decks scored: 0" in printed


def _tiny_corpus(root: Path, gold: dict | None) -> Path:
    (root / "decks").mkdir(parents=True)
    (root / "decks" / "tiny.txt").write_text("Journée d'étude\n\n---\n\n9h00 Accueil\n", encoding="utf-8")
    (root / "corpus.json").write_text(json.dumps({"tiny.txt": "gold/tiny.json"}), encoding="utf-8")
    if gold is not None:
        (root / "gold").mkdir()
        (root / "gold" / "tiny.json").write_text(json.dumps(gold), encoding="utf-8")
    return root


def test_a_corpus_of_our_own_runs_without_shared(tmp_path, capsys):
    corpus = _tiny_corpus(tmp_path / "c", {"deck": "tiny.txt", "sessions": [
        {"kind": "break", "title": "Accueil", "start_time": "09:00", "end_time": None, "people": []}],
        "speakers": [], "projects": []})
    assert main(["eval", "--corpus", str(corpus), "--fetched-dir", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "decks scored: 1" in printed
    assert "speakers F1          1.000" in printed


def test_a_missing_gold_file_is_skipped_with_its_reason(tmp_path, capsys):
    corpus = _tiny_corpus(tmp_path / "c", None)
    assert main(["eval", "--corpus", str(corpus)]) == 0
    assert "gold file missing" in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["--corpus", "no/such/folder"], "no such corpus folder"),
    (["--gold", "no/such/gold.json"], "no such gold file"),
    (["--gold", "tests/gold/entretiens-jacques-cartier-2012.json", "--only", "x"], "--only goes with --corpus"),
])
def test_usage_errors_exit_2_with_one_line(args, message, capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    assert main(["eval", *args]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_a_folder_without_mapping_is_a_usage_error(tmp_path, capsys):
    assert main(["eval", "--corpus", str(tmp_path)]) == 2
    assert "no corpus.json" in capsys.readouterr().err


def test_gold_of_the_corpus_format_scores_an_existing_run(corpus_run, events, capsys):
    results, run_dir = corpus_run
    deck = next(iter(results["decks"]))
    gold = events / results["decks"][deck]["gold"]
    assert main(["eval", "--gold", str(gold), "--run", str(run_dir / corpus_eval.deck_out_name(deck))]) == 0
    printed = capsys.readouterr().out
    assert f"{results['decks'][deck]['scores']['f1_mean']:.3f}" in printed


def test_update_script_never_lowers_a_floor(tmp_path):
    script = REPO / "scripts" / "update_events_baseline.py"
    scores = {"decks": {"a.pdf": {"scores": {"f1_mean": 0.5, "speakers": {"f1": 0.2}, "sessions": {"f1": 0.9},
                                              "projects": {"f1": 0.4}, "appearances": {"f1": 0.3},
                                              "must_keep": {"score": 1.0}, "not_people": {"score": 1.0}}}}}
    old = {"decks": {"a.pdf": {"f1_mean": 0.6, "speakers_f1": 0.1, "sessions_f1": 0.9, "projects_f1": 0.4,
                               "appearances_f1": 0.3, "must_keep": 1.0, "not_people": 1.0}},
           "mean_f1_mean": 0.6}
    (tmp_path / "scores.json").write_text(json.dumps(scores), encoding="utf-8")
    (tmp_path / "base.json").write_text(json.dumps(old), encoding="utf-8")
    subprocess.run([sys.executable, str(script), str(tmp_path / "scores.json"), "--baseline",
                    str(tmp_path / "base.json")], check=True, capture_output=True)
    new = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    assert new["decks"]["a.pdf"]["f1_mean"] == 0.6  # kept, not lowered
    assert new["decks"]["a.pdf"]["speakers_f1"] == 0.2  # raised
    assert new["mean_f1_mean"] == 0.6
