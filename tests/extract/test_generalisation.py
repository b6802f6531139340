"""One table per general cause found by the held-out evaluation (docs/heldout-evaluation.md),
each with invented examples: names an honorific or an affiliation vouches for, one-letter
particles, kind words that only qualify a venue or a job, affiliations that stop at a
programme line, kind words used as labels for people, programme headings with a tail,
month and weekday abbreviations, editions written as words."""

from __future__ import annotations

import pytest

from pipeline.extract.event import find_date
from pipeline.extract.lexicon import lexicon
from pipeline.extract.names import NameReader
from pipeline.extract.people import PeopleReader
from pipeline.extract.sessions import parse_heading
from pipeline.extract.walk import DeckWalker
from pipeline.extract.projects import ProjectReader
from pipeline.nlp import LazyFacts
from synthetic import extract, people, roles

EN, FR = lexicon("en"), lexicon("fr")


@pytest.mark.parametrize("line, is_person", [
    ("Dr Priya Nair (Harbourside Institute)", True),           # honorific
    ("Ngozi Eze, Water Quality Officer, Lakeside Trust", True),  # job word closes the first piece
    ("Tomas Berg (Lakeshore University): Mapping reed beds", True),  # organisation in brackets
    ("Léa Morel (Université de Caen): Dune grasses", True),    # an institution named in its own language
    ("Prof. Ada Linde", True),                                 # honorific, nothing after
    ("Human Ecology, Northgate University", False),            # a wrapped job line, no person
    ("Green Lanes, Riverside", False),
])
def test_normal_case_names_vouched_by_honorific_or_affiliation(line: str, is_person: bool) -> None:
    reader = PeopleReader(EN, LazyFacts("en"))
    found = reader.name_line(line)
    assert bool(found and reader.vouched(found[0], line, found[1])) is is_person


@pytest.mark.parametrize("text, given, family", [
    ("Siobhán Ó Ceallaigh, Harbour Engineer", "Siobhán", "Ó Ceallaigh"),
    ("Aoife Ní Dhonnchadha (Galway Bay Trust)", "Aoife", "Ní Dhonnchadha"),
    ("Ludo van Aken, Lecturer", "Ludo", "van Aken"),
])
def test_one_letter_and_capitalised_particles(text: str, given: str, family: str) -> None:
    name, _ = NameReader(EN).read_at(text)
    assert (name.given, name.family) == (given, family)


@pytest.mark.parametrize("lex, line, kind", [
    (EN, "Lecture Hall 4", None),                 # a venue
    (EN, "14:00–15:00 · Workshop room 3", None),  # a venue after a time
    (EN, "Workshop lead", None),                  # a job line on a speaker card
    (EN, "Session chair", None),
    (EN, "Workshop: testing soil sensors", "workshop"),
    (EN, "Keynote lecture", "keynote"),
    (FR, "Atelier 3 : sols vivants", "workshop"),
    (EN, "Wine reception", "reception"),          # English puts the head noun last
    (EN, "16.45–18.00  Networking lunch", "break"),
    (EN, "Poster session", None),                 # "session" names no kind of its own
    (EN, "Head of Workshop", None),               # a job
    (EN, "Opening remarks by the Dean of Science", "welcome"),
    (FR, "Visite de l'atelier", None),            # French puts it first: not read at the end
])
def test_kind_word_qualifying_a_venue_or_job_is_no_heading(lex, line: str, kind: str | None) -> None:
    heading = parse_heading(line, lex)
    assert (heading.kind if heading else None) == kind


@pytest.mark.parametrize("slide, organisation", [
    (["Session A: Wetlands", "Chair: Dr Lena Vos, Senior Lecturer, Northgate University",
      "10.00 – 11.00 · Main Hall"], "Northgate University"),
    (["Session A: Wetlands", "Chair: Dr Lena Vos, Senior Lecturer, Northgate University\n"
      "9.45 – 10.30 am · Main Hall"], "Northgate University"),  # a time-led line in the same block
    (["Closing address", "17:00", "Prof. Ravi MENON, Director, Tidewater Institute",
      "Presentation of the award winners"], "Tidewater Institute"),
])
def test_affiliation_stops_at_programme_lines_and_new_phrases(slide: list[str], organisation: str) -> None:
    records = extract([["Wetland Day", "2 May 2025"], slide])
    assert [s.organisation for s in records.speakers] == [organisation]


@pytest.mark.parametrize("slide, expected", [
    (["Conférence plénière", "9h – 10h", "Ouverture : M. Paul ROUSSEL, maire de Vernon",
      "Exposé : « Les sols de demain »", "Lina Morel, chercheuse, Université de Caen"],
     {("Paul Roussel", "Conférence plénière", "speaker"), ("Lina Morel", "Conférence plénière", "speaker")}),
    (["Conclusion de la journée", "17h", "Grand témoin : Hugo FERRAND, géographe",
      "Clôture : Mme Anne VIDAL, présidente de l'agglomération"],
     {("Hugo Ferrand", "Conclusion de la journée", "speaker"), ("Anne Vidal", "Conclusion de la journée", "speaker")}),
])
def test_kind_word_as_a_label_for_people_of_the_open_session(slide: list[str], expected: set) -> None:
    records = extract([["Journée des sols", "3 juin 2025"], slide], "fr")
    assert len(records.sessions) == 1
    assert roles(records) == expected


@pytest.mark.parametrize("lex, line, is_heading", [
    (EN, "Agenda for the day", True),
    (EN, "Schedule at a glance", True),
    (FR, "Programme de l'après-midi", True),
    (EN, "Programme", True),
    (EN, "Programme: 9:00 Welcome", False),
    (EN, "Programme funded by the Arts Council", False),  # too long a tail
])
def test_programme_heading_with_a_short_tail(lex, line: str, is_heading: bool) -> None:
    walker = DeckWalker([], lex, PeopleReader(lex, LazyFacts(lex.language)), ProjectReader(lex, LazyFacts(lex.language)))
    assert walker._is_programme_heading(line) is is_heading


@pytest.mark.parametrize("lex, text, date", [
    (EN, "Thu 3 Dec 2026", "2026-12-03"),
    (EN, "Sept 9, 2025", "2025-09-09"),
    (EN, "Mon 6 Oct 2025", "2025-10-06"),
    (EN, "12 Nov 2025", "2025-11-12"),
    (FR, "mar. 4 févr. 2025", "2025-02-04"),
    (FR, "le 15 déc. 2026", "2026-12-15"),
])
def test_each_month_word_has_its_own_number(lex, text: str, date: str) -> None:
    assert find_date(text, lex)[0] == date


@pytest.mark.parametrize("first_slide, field, value", [
    (["Makers Meet", "Fri 14 Nov 2025 · The Granary, York"], "place", "York"),
    (["Makers Meet", "Sat 15 Nov 2025 – Old Mill, Leeds"], "date", "2025-11-15"),
    (["River Forum", "Third annual gathering of the Delta Rivers Trust", "Water for all: rivers and people",
      "3 March 2026"], "edition", "3"),
    (["River Forum", "Third annual gathering of the Delta Rivers Trust", "Water for all: rivers and people",
      "3 March 2026"], "theme", "Water for all: rivers and people"),
    (["Forum des rivières", "Deuxième édition", "4 mars 2026"], "edition", "2"),
])
def test_event_weekday_abbreviations_and_editions_in_words(first_slide: list[str], field: str, value: str) -> None:
    event = extract([first_slide], "fr" if "rivières" in first_slide[0] else "en").event
    assert getattr(event, field) == value


@pytest.mark.parametrize("language, slides, kind, expected", [
    ("en", [["Programme", "14:15–15:30\nShow and tell: community projects\n15:30\nClosing remarks"],
            ["Show and tell: community projects", "14:15–15:30 · Hosted by Ines Duarte",
             "Jane DOE, Director, Acme Robotics"],
            ["Closing remarks", "15:30 · Sam COLE, Chair, Open Bench"]],
     "other", {("Ines Duarte", "Show and tell: community projects", "host"),
               ("Jane Doe", "Show and tell: community projects", "speaker"),
               ("Sam Cole", "Closing remarks", "speaker")}),
    ("fr", [["Programme", "10h00\nVisite du quartier\n12h00\nClôture"],
            ["Visite du quartier", "10h00 · Animée par Marie DUPONT, directrice, Ville de Lyon"],
            ["Clôture", "12h00"]],
     "other", {("Marie Dupont", "Visite du quartier", "moderator")}),
])
def test_slide_of_a_programme_entry_without_kind_word(language: str, slides: list, kind: str, expected: set) -> None:
    """A slide whose title repeats a programme entry that has no kind word is that session's
    slide: its people join it (not the last entry of the programme), a role cue after the
    session's time counts, and the entry is a session of kind "other", not a bare programme."""
    records = extract(slides, language)
    sessions = {s.title: s for s in records.sessions}
    assert sessions[slides[1][0]].kind == kind
    assert expected <= roles(records)


@pytest.mark.parametrize("language, roster_title", [("en", "Meet the speakers"), ("fr", "Les intervenants")])
def test_people_on_a_roster_slide_have_no_session(language: str, roster_title: str) -> None:
    """A roster slide after the programme lists the event's people: they are speakers, but
    not of the programme's last entry (the session open when the roster is read)."""
    slides = [["Programme", "09:30\nKeynote: Open hardware\n16:00\nClosing remarks"],
              [roster_title, "Prof. Kenji WATANABE, Professor, Kyoto Institute of Technology",
               "Dr Mateo SILVA, Engineer, University of Bristol"],
              ["Keynote: Open hardware", "Prof. Kenji WATANABE"]]
    records = extract(slides, language)
    assert {"Kenji Watanabe", "Mateo Silva"} <= {s.name for s in records.speakers}
    assert {(name, title) for name, title, _ in roles(records)} == {("Kenji Watanabe", "Keynote: Open hardware")}


def test_by_cue_under_a_project_names_its_presenter() -> None:
    slides = [["Atelier 2 : circuits courts", "Animation : Aurélie FAVIER, chargée de mission, Terres Solidaires"],
              ["Atelier 2 : circuits courts", "Présentation de la démarche « Zéro Gaspi Cantines »\n"
               "par M. Lucas PEYRONNET, animateur, Zéro Gaspi 03"]]
    records = extract(slides, "fr")
    assert ("Lucas Peyronnet", "Atelier 2 : circuits courts", "presenter") in roles(records)
    assert [p.title for p in records.projects] == ["Zéro Gaspi Cantines"]
    assert records.projects[0].presenters == ("p-lucas-peyronnet",)


def test_description_under_a_project_title_is_no_second_project() -> None:
    slides = [["Table ronde 1 : légumeries", "Intervenants : Claire BESSON, coordinatrice, Légumerie du Bocage"],
              ["Retour d'expérience : la Légumerie du Bocage",
               "Une légumerie associative qui lave et découpe les légumes de 25 maraîchers pour 40 cantines.",
               "Claire BESSON – coordinatrice"]]
    records = extract(slides, "fr")
    assert [(p.title, p.presenters) for p in records.projects] == [("Légumerie du Bocage", ("p-claire-besson",))]


@pytest.mark.parametrize("language, slides, name, job, organisation", [
    ("en", [["Keynote: Open hardware", "Prof. Kenji WATANABE\nProfessor of Bioengineering\nKyoto Institute of Technology"]],
     "Kenji Watanabe", "Professor of Bioengineering", "Kyoto Institute of Technology"),
    ("en", [["Keynote: Open hardware", "Dr Mateo SILVA\nResearch Software Engineer\nUniversity of Bristol"]],
     "Mateo Silva", "Research Software Engineer", "University of Bristol"),
    # text after the name on its line: the lines below are that text wrapped, not new pieces
    ("fr", [["Table ronde 1 : innovation", "Dominique PARET, Directeur de l'Enseignement\n"
             "Supérieur Recherche Innovation, Saint-Etienne Métropole"]],
     "Dominique Paret", "Directeur de l'Enseignement Supérieur Recherche Innovation", "Saint-Etienne Métropole"),
])
def test_speaker_card_lines_are_pieces_of_the_affiliation(language: str, slides: list, name: str, job: str,
                                                           organisation: str) -> None:
    speaker = people(extract(slides, language))[name]
    assert (speaker.job_title, speaker.organisation) == (job, organisation)


def test_time_led_project_in_a_running_order_is_no_session() -> None:
    """ "2:45 PM  Case study: X" under an open session is a project of that session (the cue
    after the time), and a later slide titled "Case study: X" opens that project again."""
    slides = [["Session 2: Communities and adaptation", "14.15–15.30 · Main Hall",
               "Chair: Dr Rebecca THORNTON, Reader, University of Westmere",
               "2:15 PM Who gets to stay?\nDr Priya DESAI, Lecturer, London School of Economics\n"
               "2:45 PM Case study: Saltmarsh Lane realignment\n"
               "Ciarán Ó BRIAIN, Flood Risk Manager, Kingsport City Council"],
              ["Case study: Saltmarsh Lane realignment", "Kingsport City Council with the Environment Agency"]]
    records = extract(slides)
    assert [s.title for s in records.sessions] == ["Session 2: Communities and adaptation"]
    assert [(p.title, p.presenters) for p in records.projects] == \
        [("Saltmarsh Lane realignment", ("p-ciaran-o-briain",))]


def test_a_wrapped_title_is_one_line() -> None:
    """A PDF title wrapped after "transformation": "locale" is the end of the title, not a
    project nor a line of its own."""
    slides = [["Atelier 1 : Légumeries et transformation\nlocale", "13h45 – 15h15 · salle des Bourbons",
               "Intervenant·e·s :\nClaire BESSON, coordinatrice, Légumerie du Bocage"]]
    records = extract(slides, "fr")
    assert [s.title for s in records.sessions] == ["Atelier 1 : Légumeries et transformation locale"]
    assert records.projects == ()
    assert ("Claire Besson", "Atelier 1 : Légumeries et transformation locale", "panelist") in roles(records)
