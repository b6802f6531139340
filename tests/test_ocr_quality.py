"""Quality gate for the OCR corrector (after trafilatura's eval gate): the benchmark run in
small, its figures held above the floors pinned in ``tests/ocr_baseline.json``.

French text with 5 % of words damaged like OCR damages them must come out with its
character error rate cut by at least the floor, and almost no correct word changed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO
from pipeline.ocr import correct_lines
from pipeline.ocr.evaluation import Report, evaluate

BASELINE = json.loads((REPO / "tests" / "ocr_baseline.json").read_text(encoding="utf-8"))


def _report(lang: str, corpus: Path) -> Report:
    sentences = [s for s in corpus.read_text(encoding="utf-8").split("\n") if s.strip()]
    return evaluate(sentences, BASELINE["rate"], BASELINE["seed"],
                    lambda lines: correct_lines(lines, lang, join_hyphenated=True)[0])


@pytest.fixture(scope="module")
def reports(shared_dir: Path) -> dict[str, Report]:
    return {"fr": _report("fr", shared_dir / "corpora" / "fr-clean" / "sentences.txt"),
            "en": _report("en", REPO / "benchmarks" / "data" / "en-sentences.txt")}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_figures_stay_above_the_floors(reports: dict[str, Report], lang: str) -> None:
    report, gate = reports[lang], BASELINE[lang]
    figures = {"relative_improvement": report.improvement, "fixed_share": report.fixed_share,
               "correct_words_damaged_share": report.damaged_share}
    below = {k: (round(figures[k], 5), floor) for k, floor in gate["floors"].items()
             if figures[k] < floor}
    above = {k: (round(figures[k], 5), ceiling) for k, ceiling in gate["ceilings"].items()
             if figures[k] > ceiling}
    assert not below and not above, f"{lang}: below floors {below}, above ceilings {above}"


def test_the_benchmark_really_damages_the_text(reports: dict[str, Report]) -> None:
    for report in reports.values():
        assert 0.04 <= report.injected / report.words <= 0.06
        assert report.cer_before > 0.005
