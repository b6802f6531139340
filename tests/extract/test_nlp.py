"""spaCy loaded once per process, the blank pipeline for languages without a model, and the
facts the extraction asks of it."""

from __future__ import annotations

from pipeline.nlp import analyse, get_nlp


def test_each_model_is_loaded_once() -> None:
    assert get_nlp("fr") is get_nlp("fr")
    assert get_nlp("en") is get_nlp("en")


def test_english_runs_on_rules_without_a_model() -> None:
    nlp = get_nlp("en")
    assert "sentencizer" in nlp.pipe_names and "ner" not in nlp.pipe_names
    facts = analyse(["First sentence here. Second one follows."], "en")
    assert len(facts["First sentence here. Second one follows."].sentences) == 2


def test_a_missing_model_falls_back_to_rules() -> None:
    nlp = get_nlp("en", "no_such_model_installed")
    assert "sentencizer" in nlp.pipe_names


def test_french_model_gives_people_and_whole_sentences() -> None:
    text = "Présentation du projet « Le Mixeur » : une expérimentation. Elle est conduite à Lyon."
    facts = analyse(["Ludovic NOEL, Directeur, Cité du design.", text, ""], "fr")
    assert "" not in facts
    assert facts["Ludovic NOEL, Directeur, Cité du design."].person_at(0, 12)
    # sentences end at terminal punctuation, not at the quotes the small model cuts at
    assert [text[s:e].strip() for s, e in facts[text].sentences] == [
        "Présentation du projet « Le Mixeur » : une expérimentation.", "Elle est conduite à Lyon."]
