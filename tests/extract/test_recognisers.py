"""Layout recognisers and the resolver, on small invented decks (no deck of the corpus)."""

from __future__ import annotations

from pipeline.config import Settings
from pipeline.extract import extract_records
from pipeline.extract.given_names import given_names
from pipeline.extract.lexicon import lexicon
from pipeline.extract.lines import deck_lines
from pipeline.extract.people import PeopleReader
from pipeline.extract.recognisers import (Candidate, Context, cover, initiative_slide, programme_table, resource_list,
                                         site_slide, speaker_cards, timed_list, titled_talks)
from pipeline.extract.resolve import fallbacks, resolve
from pipeline.model import BBox, Block, BlockKind, Deck, Slide
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


# --- projects -----------------------------------------------------------------------------

def _one_talk_deck(*slides: list[Block], language: str = "fr") -> Deck:
    cover_slide = [_title("Ouvrir les données publiques"), _body("Claire Dubois et Marc Lefèvre"), _body("3 mars 2022")]
    return _deck(cover_slide, *slides, language=language)


def test_a_slide_that_shows_a_site_alone_is_a_project_of_the_talk() -> None:
    deck = _one_talk_deck([_title("openpaysage.fr")], [_title("Incubateur de services"), _body("incubateur.example.org")],
                          [_title("Nos sources"), _body("https://www.example.org/images/photo-12.png")])
    titles = [p.title for c in site_slide.propose(_ctx(deck)) for p in c.projects]
    assert titles == ["openpaysage.fr", "incubateur.example.org"]  # a page's address is no site
    records = _records(deck)
    [talk] = records.sessions
    assert [(p.title, p.session_id, p.urls) for p in records.projects] == [
        ("openpaysage.fr", talk.session_id, ("openpaysage.fr",)),
        ("incubateur.example.org", talk.session_id, ("incubateur.example.org",))]
    assert set(records.projects[0].presenters) == {s.person_id for s in records.speakers} and records.speakers
    presenting = {(a.person_id, a.project_id) for a in records.appearances if a.role == "presenter"}
    assert presenting == {(s.person_id, p.project_id) for s in records.speakers for p in records.projects}
    assert all(p.confidence == site_slide.SCORE and p.evidence.startswith("site_slide:") for p in records.projects)


def test_a_sentence_or_a_person_beside_the_address_leaves_the_slide_to_the_walk() -> None:
    ctx = _ctx(_one_talk_deck([_title("Résultats"), _body("– 34 % de déchets en un an"), _body("www.zero.example.org")],
                              [_title("Contact"), _body("Marc Lefèvre, chef de projet"), _body("zero.example.org")]))
    assert site_slide.propose(ctx) == []


def test_a_list_of_named_addresses_gives_one_project_a_line() -> None:
    deck = _one_talk_deck([_title("Ressources utiles"), _body("GitHub traduction : https://github.com/exemple/trad"),
                           _body("{pkgdata} https://www.example.org/pkgdata"), _body("Web : https://www.example.org"),
                           _body("fit <- lm(y ~ x) https://cran.example.org")])
    [candidate] = resource_list.propose(_ctx(deck))
    assert [(p.title, p.urls) for p in candidate.projects] == [
        ("GitHub traduction", ["https://github.com/exemple/trad"]), ("pkgdata", ["https://www.example.org/pkgdata"])]


def test_a_lone_named_address_is_no_list() -> None:
    ctx = _ctx(_one_talk_deck([_title("Merci"), _body("Slides : https://example.org/slides"), _body("Des questions ?")]))
    assert resource_list.propose(ctx) == []


def test_a_slide_titled_by_an_initiative_presents_it() -> None:
    deck = _deck([_title("Research Software Day"), _body("4 May 2021")],
                 [_title("The Open Tools Institute"), _body("A national facility for better research software")],
                 [_title("Consortium Building Workshop"), _body("Room 2")],
                 [_title("Our network"), _body("Forty cities")], language="en")
    assert [p.title for c in initiative_slide.propose(_ctx(deck)) for p in c.projects] == ["The Open Tools Institute"]
    french = _deck([_title("Journée"), _body("1 juin")], [_title("Observatoire des données locales"), _body("Il mesure…")],
                   [_title("Nos partenaires réseau"), _body("…")], language="fr")
    assert [p.title for c in initiative_slide.propose(_ctx(french)) for p in c.projects] == [
        "Observatoire des données locales"]


def test_session_titles_name_their_artefacts_and_parallel_entries_stay_apart() -> None:
    deck = _deck([_title("Workshop schedule"),
                  _body("15:00 - 15:30 Welcome - Leila"),
                  _body("15:30 - 17:00 Parallel sessions"),
                  _body("GLIDER dataset for docking - Danny and Mehmet"),
                  _body("GLINDER dataset for ligands - Vladas and Tom"),
                  _body("17:00 - 17:30 The case of RiverFlowKit for R - Laura"),
                  _body("17:30 - 18:00 C112 Package Management - Simon")], language="en")
    records = _records(deck)
    titles = [s.title for s in records.sessions]
    assert "GLIDER dataset for docking" in titles and "GLINDER dataset for ligands" in titles
    by_title = {p.title: p for p in records.projects}
    assert set(by_title) == {"GLIDER", "GLINDER", "RiverFlowKit for R"}  # a room number names nothing
    session = {s.session_id: s.title for s in records.sessions}
    assert session[by_title["GLIDER"].session_id] == "GLIDER dataset for docking"
    names = {s.person_id: s.name for s in records.speakers}
    assert [names[p] for p in by_title["GLINDER"].presenters] == ["Vladas", "Tom"]
    assert by_title["GLIDER"].evidence.startswith("named in the title of session")


def test_a_name_in_apposition_to_a_community_is_the_talks_project() -> None:
    deck = _deck([_title("R-Lovers Lyon, une communauté ouverte et engagée"), _body("Camille Martin"),
                  _body("Consultante R, DataLyon")], [_title("Nos objectifs"), _body("Former, partager")], language="fr")
    records = _records(deck)
    assert [p.title for p in records.projects] == ["R-Lovers Lyon"]
    assert records.projects[0].presenters == (records.speakers[0].person_id,)


def test_a_cue_on_a_programme_slide_is_an_entry_not_a_project() -> None:
    deck = _deck([_title("Agenda"), _body("09:00 Welcome"), _body("15:30 Case Study: Variant Interpretation"),
                  _body("16:30 Closing")], language="en")
    records = _records(deck)
    assert records.projects == ()
    assert "Case Study: Variant Interpretation" in [s.title for s in records.sessions]


# --- speaker cards ----------------------------------------------------------------------------

def _at(text: str, x0: float, top: float, x1: float, bottom: float) -> Block:
    return Block(BlockKind.BODY, text, text, "b", bbox=BBox(x0, top, x1, bottom))


def test_speaker_cards_pair_each_name_with_the_box_under_it() -> None:
    """Text order gives the names first, then the affiliations; the middle card sits lower."""
    deck = _deck([_title("Tutorial Instructors"),
                  _at("Garth Ilsley", 0.12, 0.61, 0.23, 0.64), _at("Louisse Paola Mirabueno", 0.70, 0.61, 0.92, 0.64),
                  _at("Project Leader, Genome Unit, EMBL-EBI", 0.01, 0.67, 0.31, 0.70),
                  _at("Outreach Officer, Training Unit, EMBL-EBI", 0.63, 0.67, 0.98, 0.70),
                  _at("Gabriela Merino", 0.43, 0.79, 0.57, 0.82),
                  _at("Senior Bioinformatician, Genome Unit, EMBL-EBI", 0.31, 0.85, 0.65, 0.87)])
    [candidate] = speaker_cards.propose(_ctx(deck))
    found = {p.mention.name.display: p.mention.affiliation.job_title for p in candidate.people}
    assert found == {"Garth Ilsley": "Project Leader", "Louisse Paola Mirabueno": "Outreach Officer",
                     "Gabriela Merino": "Senior Bioinformatician"}
    assert all(p.mention.affiliation.organisation.endswith("EMBL-EBI") for p in candidate.people)
    assert all(p.session is None for p in candidate.people)
    assert {s.name for s in _records(deck).speakers} == set(found)


def test_names_signing_quotations_are_testimonials_not_cards() -> None:
    deck = _deck([_title("Ce qu'en disent nos invités"),
                  _at("« Une très belle expérience, merci ! »", 0.05, 0.20, 0.45, 0.40),
                  _at("« Je recommande cette communauté. »", 0.55, 0.20, 0.95, 0.40),
                  _at("Marie Vaugelas", 0.05, 0.42, 0.30, 0.45), _at("Natacha Ndongo", 0.55, 0.42, 0.80, 0.45),
                  _at("Statisticienne, Lyon", 0.05, 0.46, 0.30, 0.49), _at("Doctorante, Paris", 0.55, 0.46, 0.80, 0.49)],
                 language="fr")
    assert speaker_cards.propose(_ctx(deck)) == []
