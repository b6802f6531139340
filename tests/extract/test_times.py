"""Clock times and ranges in every form programmes use, and numbers that are not times."""

from __future__ import annotations

import pytest

from pipeline.extract.times import find_time_range, is_time_line, leading_time, parse_time, trailing_time


@pytest.mark.parametrize("text, start, end", [
    ("09h30-16h00", "09:30", "16:00"),
    ("11h-12h30", "11:00", "12:30"),
    ("14 h 00", "14:00", ""),
    ("14 h 00 – 15 h 30", "14:00", "15:30"),
    ("9h30 – 11h00", "09:30", "11:00"),
    ("16h00 -17h30", "16:00", "17:30"),
    ("18h00- 19h30", "18:00", "19:30"),
    ("9:30", "09:30", ""),
    ("11:00-12:30", "11:00", "12:30"),
    ("9.30 am", "09:30", ""),
    ("09.00", "09:00", ""),  # a leading zero makes a clock of a dotted hour
    ("10.30 am", "10:30", ""),
    ("2 pm – 3:30 pm", "14:00", "15:30"),
    ("3:45 pm – 5 pm", "15:45", "17:00"),
    ("11 – 12:30 pm", "11:00", "12:30"),
    ("12:30 pm", "12:30", ""),
    ("12 am", "00:00", ""),
    ("5 p.m.", "17:00", ""),
    ("9.30-11.00", "09:30", "11:00"),
    ("de 9h30 à 11h", "09:30", "11:00"),
    ("from 9:30 to 11:00", "09:30", "11:00"),
    ("entre 9h et 11h", "09:00", "11:00"),
    ("between 9 am and 11 am", "09:00", "11:00"),
    ("9h30 jusqu’à 12h", "09:30", "12:00"),
    ("10h", "10:00", ""),
])
def test_time_forms(text: str, start: str, end: str) -> None:
    found = find_time_range(text)
    assert found is not None and (found.start, found.end) == (start, end)
    assert is_time_line(text)


@pytest.mark.parametrize("text", [
    "2011-2017", "22 salariés", "Loyer : 360 €", "1 à 2 fois par an", "4,2 M€", "9.30", "Table ronde 2",
    "04 76 59 58 46", "14/09/2023", "Depuis 1948", "25:99", "3 700 m²", "05.06.2024", "14.09.2023",
])
def test_not_times(text: str) -> None:
    assert find_time_range(text) is None
    assert parse_time(text) == ""


@pytest.mark.parametrize("text, start, end, rest", [
    ("11h-12h30: Table ronde 2", "11:00", "12:30", "Table ronde 2"),
    ("14h-15h30 : Table ronde 3", "14:00", "15:30", "Table ronde 3"),
    ("9.45 am\tKeynote: The Jane Jacobs Lecture 2023", "09:45", "", "Keynote: The Jane Jacobs Lecture 2023"),
    ("5.30 pm · Terrace Bar, Wharfside Hall", "17:30", "", "Terrace Bar, Wharfside Hall"),
    ("9h00 Accueil des participants", "09:00", "", "Accueil des participants"),
    ("09.00  Registration and coffee", "09:00", "", "Registration and coffee"),
])
def test_leading_time(text: str, start: str, end: str, rest: str) -> None:
    found = leading_time(text)
    assert found is not None
    assert (found[0].start, found[0].end, found[1]) == (start, end, rest)
    assert not is_time_line(text)


@pytest.mark.parametrize("text, start, head", [
    ("Keynote · 9.45 am", "09:45", "Keynote"),
    ("Keynote (9:30-10:15)", "09:30", "Keynote"),
    ("Table ronde 2 – 11h", "11:00", "Table ronde 2"),
])
def test_trailing_time(text: str, start: str, head: str) -> None:
    found = trailing_time(text)
    assert found is not None and (found[0].start, found[1]) == (start, head)


def test_a_time_inside_a_sentence_is_not_a_leading_time() -> None:
    assert leading_time("Rendez-vous à 9h30 devant la gare") is None
    assert trailing_time("Keynote at 9:30 in the main hall") is None
