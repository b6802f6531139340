"""Session headings and programmes: kinds, numbers and letters, times in every place they
sit, a programme line and its session slide as one session, parallel sessions, frames
that only group other sessions, and kind words that open no session."""

from __future__ import annotations

import pytest

from pipeline.extract.lexicon import lexicon
from pipeline.extract.sessions import parse_heading
from synthetic import extract, people

TITLE = ["Journée test", "14 mars 2024"]


@pytest.mark.parametrize("lang, text, kind, number", [
    ("fr", "Accueil", "welcome", ""),
    ("fr", "Animation de la journée", "facilitation", ""),
    ("fr", "INTRODUCTION", "introduction", ""),
    ("fr", "Table ronde 1 :", "round_table", "1"),
    ("fr", "11h-12h30: Table ronde 2", "round_table", "2"),
    ("fr", "Atelier A : Inclusion numérique", "workshop", "A"),
    ("fr", "Atelier conclusif : « l'Economie Sociale »", "workshop", ""),
    ("fr", "Conférence inaugurale", "keynote", ""),
    ("fr", "Conclusion de Maurice VINCENT, Sénateur-Maire", "conclusion", ""),
    ("fr", "Cocktail de clôture", "reception", ""),
    ("fr", "Pause café", "break", ""),
    ("fr", "Déjeuner", "break", ""),
    ("en", "Panel 1: Who owns the kerb?", "round_table", "1"),
    ("en", "Keynote · 9.45 am", "keynote", ""),
    ("en", "Workshop B — Civic tech", "workshop", "B"),
    ("en", "Coffee break", "break", ""),
    ("en", "Lunch", "break", ""),
    ("en", "Drinks reception", "reception", ""),
    ("en", "Closing remarks", "conclusion", ""),
    ("en", "Your host for the day:", "facilitation", ""),
    ("en", "Welcome and introduction", "welcome", ""),
])
def test_heading_kinds(lang: str, text: str, kind: str, number: str) -> None:
    heading = parse_heading(text, lexicon(lang))
    assert heading is not None and (heading.kind, heading.number) == (kind, number)


@pytest.mark.parametrize("lang, text", [
    ("fr", "Présentation du projet « Le Mixeur »"), ("fr", "Un projet multipartenarial"),
    ("fr", "Ateliers2024"), ("en", "Thank you!"), ("en", "Time Session"),
])
def test_not_headings(lang: str, text: str) -> None:
    assert parse_heading(text, lexicon(lang)) is None


def sessions(records) -> list[tuple[str, str, str, str, str]]:
    return [(s.kind, s.number, s.title, s.start_time, s.end_time) for s in records.sessions]


def test_programme_line_and_session_slide_are_one_session() -> None:
    records = extract([
        TITLE,
        ["Programme", "09h00 Accueil des participants", "9h30 – 11h00 Conférence inaugurale", "12h30 Déjeuner"],
        ["Accueil", "9h00", "Mot d'accueil de Mme Claire MARTIN, directrice de l'Observatoire"],
        ["Conférence inaugurale", "9h30 – 11h00", "« Le travail et les plateformes »",
         "Jean-Pierre DE LA FONTAINE", "Professeur, Université de Touraine"],
        ["Déjeuner", "12h30", "Buffet au foyer"],
    ], "fr")
    assert sessions(records) == [
        ("welcome", "", "Accueil des participants", "09:00", ""),
        ("keynote", "", "Conférence inaugurale : « Le travail et les plateformes »", "09:30", "11:00"),
        ("break", "", "Déjeuner", "12:30", ""),
    ]
    assert set(people(records)) == {"Claire Martin", "Jean-Pierre de la Fontaine"}


def test_session_slide_titled_otherwise_than_its_programme_line() -> None:
    records = extract([
        ["Open Mobility Forum 2023", "Thursday 14 September 2023"],
        ["Programme", "9.45 am\tKeynote: The Jane Jacobs Lecture 2023", "10.30 am\tCoffee break"],
        ["The Jane Jacobs Lecture 2023", "Keynote · 9.45 am", "Dr. Helen MARSH", "Senior Researcher at the Ada Institute"],
    ])
    assert [(s.kind, s.start_time) for s in records.sessions] == [("keynote", "09:45"), ("break", "10:30")]
    assert "Jane Jacobs Lecture" in records.sessions[0].title


def test_parallel_sessions_take_the_time_of_their_frame() -> None:
    records = extract([
        TITLE,
        ["Programme", "11h-12h30 Ateliers en parallèle (A et B)", "12h30 Déjeuner"],
        ["Ateliers en parallèle", "11h-12h30", "Deux ateliers au choix"],
        ["Atelier A : Inclusion numérique", "Animé par Sophie LAURENT (conseillère, Maison de l'Emploi)"],
        ["Atelier B : Le numérique dans l'artisanat", "Animé par M. Paul BERNARD, chargé de mission"],
    ], "fr")
    assert sessions(records) == [
        ("workshop", "A", "Atelier A : Inclusion numérique", "11:00", "12:30"),
        ("workshop", "B", "Atelier B : Le numérique dans l'artisanat", "11:00", "12:30"),
        ("break", "", "Déjeuner", "12:30", ""),
    ]


def test_parallel_entries_under_one_time_line() -> None:
    records = extract([
        TITLE,
        ["Agenda", "14:00 – 15:30", "Workshop A: Open data", "Workshop B: Civic tech", "15:30", "Coffee break"],
    ])
    assert sessions(records) == [
        ("workshop", "A", "Workshop A: Open data", "14:00", "15:30"),
        ("workshop", "B", "Workshop B: Civic tech", "14:00", "15:30"),
        ("break", "", "Coffee break", "15:30", ""),
    ]


def test_a_frame_over_sessions_with_their_own_times_is_no_session() -> None:
    records = extract([
        TITLE,
        ["Programme", "09h30-16h00", "Tables rondes autour de l'économie sociale", "16h00-17h30", "Cocktail de clôture"],
        ["Table ronde 1 :", "L'innovation", "Animée par Eric DACHEUX, Professeur"],
        ["11h-12h30: Table ronde 2", "L'entrepreneuriat", "Animée par Bertrand LORDON, Professeur"],
        ["14h-15h30 : Table ronde 3", "L'attractivité", "Animée par Danièle DEMOUSTIER, Maître de conférences"],
    ], "fr")
    assert [(s.kind, s.number, s.start_time) for s in records.sessions] == [
        ("round_table", "1", ""), ("round_table", "2", "11:00"), ("round_table", "3", "14:00"),
        ("reception", "", "16:00")]


def test_kind_words_that_open_no_session() -> None:
    records = extract([
        TITLE,
        ["Table ronde 3 : Attractivité", "Animée par Danièle DEMOUSTIER, Maître de conférences"],
        ["Atelier « Chaussures »", "Made in Romans", "La chaussure éthique"],      # a slide of a talk
        ["Atelier Visionnaire"], ["Atelier Visionnaire"], ["Atelier Visionnaire"],  # a logo on many slides
    ], "fr")
    assert [(s.kind, s.title) for s in records.sessions] == [("round_table", "Table ronde 3 : Attractivité")]


def test_a_kind_word_under_a_heading_is_part_of_its_session() -> None:
    records = extract([
        ["Open Streets Day", "12 May 2024"],
        ["Workshop: Mapping the kerb", "3:45 pm – 5 pm · The Grace Hopper Room",
         "Hands-on session with OpenStreetMap", "Facilitated by Lena FISCHER, Community Lead"],
    ])
    assert sessions(records) == [("workshop", "", "Workshop: Mapping the kerb", "15:45", "17:00")]


def test_programme_lines_without_a_kind_word() -> None:
    records = extract([
        TITLE,
        ["Programme", "10h30 Visite du quartier créatif", "12h30 Déjeuner"],
        ["Horaires du cinéma", "9:30 PM", "Days", "7:00 PM", "Weekend"],      # a timetable, not the programme
    ], "fr")
    assert sessions(records) == [("programme", "", "Visite du quartier créatif", "10:30", ""),
                                 ("break", "", "Déjeuner", "12:30", "")]


def test_session_ids_follow_programme_order() -> None:
    records = extract([
        TITLE,
        ["Programme", "9h Accueil", "12h30 Déjeuner", "14h Table ronde : Financer la formation"],
        ["Table ronde : Financer la formation", "Modération : Élodie ROUX, journaliste"],
        ["Accueil", "Mot d'accueil de Mme Claire MARTIN, directrice"],
    ], "fr")
    assert [(s.position, s.session_id, s.kind) for s in records.sessions] == [
        (1, "deck-s1", "welcome"), (2, "deck-s2", "break"), (3, "deck-s3", "round_table")]
