"""Layout recognisers and the resolver, on small invented decks (no deck of the corpus)."""

from __future__ import annotations

from pipeline.config import Settings
from pipeline.extract import extract_records
from pipeline.extract.given_names import given_names
from pipeline.extract.lexicon import lexicon
from pipeline.extract.lines import deck_lines
from pipeline.extract.people import PeopleReader
from pipeline.extract.recognisers import Candidate, Context, cover, programme_table, timed_list, titled_talks
from pipeline.extract.resolve import fallbacks, resolve
from pipeline.model import Block, BlockKind, Deck, Slide
from pipeline.nlp import LazyFacts


def _deck(*slides: list[Block], language: str = "en") -> Deck:
    return Deck("t", "t.txt", "text", "0", tuple(Slide(n, tuple(b)) for n, b in enumerate(slides, start=1)),
                language=language)


def _title(text: str) -> Block:
    return Block(BlockKind.TITLE, text, text, "t")


def _body(text: str) -> Block:
    return Block(BlockKind.BODY, text, text, "b")


def _cell(text: str, row: int, col: int) -> Block:
    return Block(BlockKind.TABLE_CELL, text, text, f"table r{row}c{col}", row=row, col=col)


def _ctx(deck: Deck) -> Context:
    lex = lexicon(deck.language)
    return Context(deck_lines(deck), lex, PeopleReader(lex, LazyFacts(deck.language)))


def _records(deck: Deck):
    return extract_records(deck, Settings())


def test_given_names_tell_names_from_words() -> None:
    names = given_names()
    assert names.is_name("Catarina") and names.is_name("Jean-Marie")
    assert not names.is_name("Coffee") and names.is_name("Coffee", weak_ok=True)
    assert names.strength("Introduction") == 0


def test_programme_table_reads_header_columns_and_people() -> None:
    rows = [("Time (EDT)", "Module", "Topic", "Speaker"),
            ("2:30-2:35pm", "00", "Introduction", "Ada Byron, ORNL"),
            ("2:35pm-3:00pm", "01", "Testing research code", "Grace Hopper, LANL")]
    deck = _deck([_title("Agenda")] + [_cell(t, r, c) for r, row in enumerate(rows, 1) for c, t in enumerate(row, 1)])
    [candidate] = programme_table.propose(_ctx(deck))
    assert [(s.kind, s.number, s.title, s.start, s.end) for s in candidate.sessions] == [
        ("introduction", "0", "Introduction", "14:30", "14:35"), ("talk", "1", "Testing research code", "14:35", "15:00")]
    assert [(p.mention.name.display, p.mention.affiliation.organisation) for p in candidate.people] == [
        ("Ada Byron", "ORNL"), ("Grace Hopper", "LANL")]
    records = _records(deck)
    assert {s.name for s in records.speakers} == {"Ada Byron", "Grace Hopper"}
    assert all(s.confidence == programme_table.SCORE and "table header" in s.evidence for s in records.sessions)


def test_table_without_known_headers_is_no_programme() -> None:
    rows = [("Name", "Value"), ("alpha", "1"), ("beta", "2")]
    deck = _deck([_cell(t, r, c) for r, row in enumerate(rows, 1) for c, t in enumerate(row, 1)])
    assert programme_table.propose(_ctx(deck)) == []


def test_timed_list_reads_first_names_after_the_dash_and_parallel_parts() -> None:
    deck = _deck([_title("Workshop schedule"), _body("\n".join([
        "15:00 - 15:15 Welcome and introduction - Leila",
        "15:15 - 16:00 Connected concepts in datasets - Jay",
        "16:00 - 16:30 Metrics for measuring accuracy - Xavier and Gabriel",
        "16:30 - 18:00 Parallel sessions",
        "Dataset A for prediction - Danny and Mehmet",
        "18:00 END"]))])
    [candidate] = timed_list.propose(_ctx(deck))
    titles = [(s.title, s.start, s.end) for s in candidate.sessions]
    assert titles[2] == ("Metrics for measuring accuracy", "16:00", "16:30")
    assert titles[4] == ("Dataset A for prediction", "16:30", "18:00")
    assert len(titles) == 5  # END opens nothing
    assert [p.mention.name.display for p in candidate.people] == ["Leila", "Jay", "Xavier", "Gabriel", "Danny", "Mehmet"]


def test_timed_list_needs_several_entries_and_no_word_is_a_first_name() -> None:
    one = _deck([_body("09:00 Coffee - Break")])
    assert timed_list.propose(_ctx(one)) == []
    title, people = timed_list.split_people(_ctx(one), "Lunch - Coffee break")
    assert (title, people) == ("Lunch - Coffee break", [])


def test_dotted_clock_opens_an_entry() -> None:
    assert timed_list.entry_time("17.20 Guided tour of the walls")[0].start == "17:20"
    assert timed_list.entry_time("10.5 kg of sand") is None


def test_titled_talks_need_people_with_evidence() -> None:
    deck = _deck([_body("\n".join([
        "Les résultats de l'observatoire - Jean-Marie Bourgogne",
        "La standardisation des données – Mathilde Hoang",
        "Open data et territoires – Saint Quentin Ville"]))], language="fr")
    [candidate] = titled_talks.propose(_ctx(deck))
    assert [s.title for s in candidate.sessions] == ["Les résultats de l'observatoire", "La standardisation des données"]


def test_cover_is_a_talk_only_in_a_deck_without_programme() -> None:
    cover_slide = [_title("Publishing open government data"), _body("Sandra Chakroun et Bastien Guerry"),
                   _body("12 Décembre 2018")]
    deck = _deck(cover_slide, [_title("Merci"), _body("bastien.guerry@example.org")], language="fr")
    records = _records(deck)
    assert [(s.kind, s.title) for s in records.sessions] == [("talk", "Publishing open government data")]
    emails = {s.name: s.email for s in records.speakers}
    assert emails == {"Sandra Chakroun": "", "Bastien Guerry": "bastien.guerry@example.org"}
    assert all(a.role == "speaker" for a in records.appearances)
    [candidate] = cover.propose(_ctx(deck))
    assert candidate.fallback
    programme = Candidate("x", frozenset({99}), 0.9, "", sessions=[object()])  # type: ignore[list-item]
    assert fallbacks([candidate], [programme], walk_has_sessions=False) == []
    assert fallbacks([candidate], [], walk_has_sessions=True) == []


def test_resolver_keeps_best_disjoint_candidates() -> None:
    a = Candidate("a", frozenset({1, 2}), 0.9, "")
    b = Candidate("b", frozenset({2, 3}), 0.8, "")
    c = Candidate("c", frozenset({4}), 0.5, "")
    assert [k.recogniser for k in resolve([c, b, a])] == ["a", "c"]
