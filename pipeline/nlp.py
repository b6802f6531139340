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
from typing import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODELS = {"fr": "fr_core_news_sm"}
UNUSED_COMPONENTS = ["parser", "lemmatizer", "morphologizer", "attribute_ruler"]
BATCH_SIZE = 256
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
            # sentence splitter instead of the parser, and no tagging, is 3x faster.
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
class TextFacts:
    """Character spans spaCy found in one text."""

    persons: tuple[tuple[int, int], ...] = ()
    places: tuple[tuple[int, int], ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()

    def person_at(self, start: int, end: int) -> bool:
        """A person entity covers most of ``[start, end)``."""
        return any(s <= start + 1 and e >= end - 1 for s, e in self.persons)


def analyse(texts: Iterable[str], lang: str, model: str | None = None) -> dict[str, TextFacts]:
    """Entities and sentences of each distinct text, with one ``nlp.pipe`` pass."""
    unique = list(dict.fromkeys(t for t in texts if t.strip()))
    nlp = get_nlp(lang, model)
    facts = {}
    for text, doc in zip(unique, nlp.pipe(unique, batch_size=BATCH_SIZE)):
        persons = tuple((e.start_char, e.end_char) for e in doc.ents if e.label_ in ("PER", "PERSON"))
        places = tuple((e.start_char, e.end_char) for e in doc.ents if e.label_ in ("LOC", "GPE"))
        facts[text] = TextFacts(persons, places, _sentences(doc) if doc.has_annotation("SENT_START") else ())
    return facts


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
