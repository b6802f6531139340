"""spaCy, loaded once per process, and the few facts the records extraction asks of it.

French decks use ``fr_core_news_sm`` (installed with the project); English and other
languages use spaCy's blank pipeline with a rule-based sentencizer, because no English
model is installed and nothing may be downloaded at run time. ``--spacy-model NAME``
(``Settings.spacy_model``) loads a model the user has installed instead, for any language.
A missing model falls back to the blank pipeline rather than failing the deck.

What the extraction uses: person entities (a sign that "Jane Doe" at a line start is a
person), place entities (the event's place) and sentence boundaries (project summaries).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODELS = {"fr": "fr_core_news_sm"}
UNUSED_COMPONENTS = ["tok2vec", "parser", "lemmatizer", "morphologizer", "attribute_ruler"]
ENTITY_COMPONENTS = ("ner",)
SENTENCE_COMPONENTS = ("senter", "sentencizer")
PERSON_LABELS = ("PER", "PERSON")
PLACE_LABELS = ("LOC", "GPE")
_TERMINAL = (".", "!", "?", "…")
log = logging.getLogger(__name__)


@cache
def get_nlp(lang: str, model: str | None = None) -> Language:
    """The spaCy pipeline for ``lang`` (or the named ``model``), built once per process."""
    name = model or MODELS.get(lang)
    if name:
        try:
            if model:
                return spacy.load(name)
            # Entities and sentences are all the extraction asks: the statistical
            # sentence splitter instead of the parser, and no tagging, is 3x faster;
            # ner and senter do not listen to the shared tok2vec.
            nlp = spacy.load(name, exclude=UNUSED_COMPONENTS)
            if "senter" in nlp.disabled:
                nlp.enable_pipe("senter")
            return nlp
        except OSError as err:
            log.warning("spaCy model %s not available (%s); using rules only", name, err)
    try:
        nlp = spacy.blank(lang if lang not in ("und", "") else "xx")
    except (ImportError, KeyError):
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


@dataclass(frozen=True)
class Entities:
    """Character spans of the people and places spaCy found in one text."""

    persons: tuple[tuple[int, int], ...] = ()
    places: tuple[tuple[int, int], ...] = ()

    def person_at(self, start: int, end: int) -> bool:
        """A person entity covers most of ``[start, end)``."""
        return any(s <= start + 1 and e >= end - 1 for s, e in self.persons)


class LazyFacts:
    """spaCy's facts about a deck's texts, computed the first time the extraction asks.

    The rules settle most lines alone (a capitalised family name, a job word); spaCy is
    asked only about the few they cannot, and runs only the component that answers:
    the entity recogniser for people and places, the sentence splitter for sentences.
    (The French model's ``ner`` and ``senter`` carry their own token vectors, so the
    shared ``tok2vec`` is not even loaded.) A model the user names runs whole.
    """

    def __init__(self, lang: str, model: str | None = None) -> None:
        self.nlp = get_nlp(lang, model)
        self._whole = model is not None
        self._entities: dict[str, Entities] = {}
        self._sentences: dict[str, tuple[tuple[int, int], ...]] = {}

    def entities(self, text: str) -> Entities:
        if text not in self._entities:
            doc = self._doc(text, ENTITY_COMPONENTS)
            self._entities[text] = Entities(
                tuple((e.start_char, e.end_char) for e in doc.ents if e.label_ in PERSON_LABELS),
                tuple((e.start_char, e.end_char) for e in doc.ents if e.label_ in PLACE_LABELS))
        return self._entities[text]

    def sentences(self, text: str) -> tuple[tuple[int, int], ...]:
        """Sentence spans, merged up to terminal punctuation (see :func:`_sentences`)."""
        if text not in self._sentences:
            doc = self._doc(text, SENTENCE_COMPONENTS)
            self._sentences[text] = _sentences(doc) if doc.has_annotation("SENT_START") else ()
        return self._sentences[text]

    def _doc(self, text: str, wanted: tuple[str, ...]) -> Doc:
        if self._whole:
            return self.nlp(text)
        doc = self.nlp.make_doc(text)
        for name in wanted:
            if name in self.nlp.pipe_names:
                doc = self.nlp.get_pipe(name)(doc)
        return doc


def _sentences(doc: Doc) -> tuple[tuple[int, int], ...]:
    """Sentence spans, merging pieces that do not end with terminal punctuation.

    Small models cut at quotes and line-like breaks; a sentence here ends with . ! ? …
    """
    spans: list[tuple[int, int]] = []
    start = None
    for sent in doc.sents:
        if start is None:
            start = sent.start_char
        if sent.text.rstrip(" »”\"')").endswith(_TERMINAL):
            spans.append((start, sent.end_char))
            start = None
    if start is not None:
        spans.append((start, len(doc.text)))
    return tuple(spans)
