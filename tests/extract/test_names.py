"""Person names in every form slides write them, their display form and stable id, and
name-shaped strings that are not people."""

from __future__ import annotations

import pytest

from pipeline.extract.lexicon import lexicon
from pipeline.extract.names import NameReader, normal_case_family, person_id

FR = NameReader(lexicon("fr"))
EN = NameReader(lexicon("en"))


@pytest.mark.parametrize("reader, text, given, family, display", [
    (FR, "Eric DACHEUX", "Eric", "DACHEUX", "Eric Dacheux"),
    (FR, "Marie-Odile SASSO,", "Marie-Odile", "SASSO", "Marie-Odile Sasso"),
    (FR, "Michel HALLET EGHAYAN, Directeur de la Cie", "Michel", "HALLET EGHAYAN", "Michel Hallet Eghayan"),
    (FR, "Morad BACHIR-CHERIF, Vice président", "Morad", "BACHIR-CHERIF", "Morad Bachir-Cherif"),
    (FR, "Mme Claire MARTIN", "Claire", "MARTIN", "Claire Martin"),
    (FR, "M. Paul BERNARD, chargé de mission", "Paul", "BERNARD", "Paul Bernard"),
    (FR, "Jean-Pierre DE LA FONTAINE", "Jean-Pierre", "DE LA FONTAINE", "Jean-Pierre de la Fontaine"),
    (FR, "Danièle DEMOUSTIER", "Danièle", "DEMOUSTIER", "Danièle Demoustier"),
    (FR, "Julien De Sousa, designer.", "Julien", "De Sousa", "Julien De Sousa"),
    (EN, "Dr. Jane DOE", "Jane", "DOE", "Jane Doe"),
    (EN, "Prof. Youssef EL MANSOURI – Professor", "Youssef", "EL MANSOURI", "Youssef El Mansouri"),
    (EN, "Cllr Rachel ADAMS, Executive Member", "Rachel", "ADAMS", "Rachel Adams"),
    (EN, "Jane Doe", "Jane", "Doe", "Jane Doe"),
    (EN, "Ludwig van Beethoven", "Ludwig", "van Beethoven", "Ludwig van Beethoven"),
    (EN, "Anne Marie Dupont", "Anne Marie", "Dupont", "Anne Marie Dupont"),
    (EN, "J. SMITH", "J.", "SMITH", "J. Smith"),
])
def test_name_forms(reader: NameReader, text: str, given: str, family: str, display: str) -> None:
    found = reader.read_at(text)
    assert found is not None
    name, _ = found
    assert (name.given, name.family, name.display) == (given, family, display)


@pytest.mark.parametrize("reader, text", [
    (FR, "Entretiens Jacques CARTIER"),     # an event named after a person
    (FR, "Université Jean MONNET"),         # an institution
    (FR, "Groupe ARCHER"),                  # organisation word, not a given name
    (FR, "Ville de Montréal"),
    (FR, "Saint-Etienne Métropole"),
    (FR, "Les PTCE"),                       # an article is no given name
    (FR, "Directeur Général"),              # a job title
    (FR, "E Beza : 04 76 59 58 46"),        # an initial without its full stop
    (FR, "HALLET EGHAYAN"),                 # a company logo: no given name
    (EN, "The Jane Jacobs Lecture 2023"),
    (EN, "Leeds Civic Data Club"),          # a longer proper noun
    (EN, "Keynote Speaker"),
])
def test_not_a_name_at_line_start(reader: NameReader, text: str) -> None:
    assert reader.read_at(text) is None


def test_names_inside_other_proper_nouns_are_skipped() -> None:
    assert FR.find_all("Université Jean MONNET de Saint-Étienne") == []
    assert FR.find_all("Directeur de la Cie de Danse HALLET EGHAYAN") == []
    assert [n.display for n, _, _ in FR.find_all("Intervenants: Danièle DEMOUSTIER, Eric\nDACHEUX et Bertrand LORDON.")] \
        == ["Danièle Demoustier", "Eric Dacheux", "Bertrand Lordon"]


@pytest.mark.parametrize("family, display", [
    ("DACHEUX", "Dacheux"), ("HALLET EGHAYAN", "Hallet Eghayan"), ("BACHIR-CHERIF", "Bachir-Cherif"),
    ("O'NEIL", "O'Neil"), ("DE LA FONTAINE", "de la Fontaine"), ("De Sousa", "De Sousa"),
    ("van Beethoven", "van Beethoven"), ("EL MANSOURI", "El Mansouri"),
])
def test_family_name_in_normal_case(family: str, display: str) -> None:
    assert normal_case_family(family) == display


def test_person_id_is_the_same_for_every_spelling_of_a_name() -> None:
    ids = {FR.read_at(text)[0].person_id for text in  # type: ignore[index]
           ("Danièle DEMOUSTIER", "Daniele DEMOUSTIER", "Mme Danièle DEMOUSTIER", "Danièle Demoustier")}
    assert ids == {"p-daniele-demoustier"}
    assert person_id("Éric Dacheux") == person_id("Eric DACHEUX") == "p-eric-dacheux"
