"""Small decks built in code for the extraction tests: one list of block texts per slide,
the first block of each slide being its title."""

from __future__ import annotations

from pipeline.config import Settings
from pipeline.extract import extract_records
from pipeline.model import Block, BlockKind, Deck, Slide
from pipeline.records import Records


def make_deck(slides: list[list[str]], language: str = "en") -> Deck:
    built = []
    for number, texts in enumerate(slides, start=1):
        blocks = tuple(Block(BlockKind.TITLE if k == 0 else BlockKind.BODY, text, text, f"slide {number} block {k}")
                       for k, text in enumerate(texts))
        built.append(Slide(number, blocks))
    return Deck("deck", "deck.txt", "text", "", tuple(built), language=language)


def extract(slides: list[list[str]], language: str = "en") -> Records:
    return extract_records(make_deck(slides, language), Settings())


def people(records: Records) -> dict[str, object]:
    """Display name -> speaker row."""
    return {s.name: s for s in records.speakers}


def roles(records: Records) -> set[tuple[str, str, str]]:
    """(display name, session title, role) of every appearance."""
    names = {s.person_id: s.name for s in records.speakers}
    titles = {s.session_id: s.title for s in records.sessions}
    return {(names[a.person_id], titles[a.session_id], a.role) for a in records.appearances}
