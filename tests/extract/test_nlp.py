"""spaCy loaded once per process, the blank pipeline for languages without a model, and the
facts the extraction asks of it."""

from __future__ import annotations

from pipeline.nlp import LazyFacts, get_nlp


def test_each_model_is_loaded_once() -> None:
    assert get_nlp("fr") is get_nlp("fr")
    assert get_nlp("en") is get_nlp("en")


def test_english_runs_on_rules_without_a_model() -> None:
    nlp = get_nlp("en")
    assert "sentencizer" in nlp.pipe_names and "ner" not in nlp.pipe_names
    facts = LazyFacts("en")
    assert len(facts.sentences("First sentence here. Second one follows.")) == 2
    assert facts.entities("Jane Doe, Director, Acme Ltd.").persons == ()


def test_a_missing_model_falls_back_to_rules() -> None:
    nlp = get_nlp("en", "no_such_model_installed")
    assert "sentencizer" in nlp.pipe_names


def test_french_model_gives_people_and_whole_sentences() -> None:
    text = "Présentation du projet « Le Mixeur » : une expérimentation. Elle est conduite à Lyon."
    facts = LazyFacts("fr")
    assert facts.entities("Ludovic NOEL, Directeur, Cité du design.").person_at(0, 12)
    assert facts.sentences("") == ()
    # sentences end at terminal punctuation, not at the quotes the small model cuts at
    assert [text[s:e].strip() for s, e in facts.sentences(text)] == [
        "Présentation du projet « Le Mixeur » : une expérimentation.", "Elle est conduite à Lyon."]


def test_french_model_runs_without_the_shared_token_vectors() -> None:
    """ner and senter carry their own vectors: tok2vec is not loaded, and the entity and
    sentence answers are those of the whole pipeline."""
    import spacy

    nlp = get_nlp("fr")
    assert "tok2vec" not in nlp.pipe_names
    whole = spacy.load("fr_core_news_sm")
    text = "Marie Dupont présente le projet à Lyon. Jean Martin conclut la journée."
    facts, doc = LazyFacts("fr"), whole(text)
    assert facts.entities(text).persons == tuple((e.start_char, e.end_char) for e in doc.ents if e.label_ == "PER")
    assert facts.entities(text).places == tuple((e.start_char, e.end_char) for e in doc.ents if e.label_ == "LOC")
