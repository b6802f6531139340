"""Who is a speaker: affiliations (job title / organisation), role cues, e-mails and web
sites linked to their person, and the people who must not become speakers."""

from __future__ import annotations

import pytest

from pipeline.extract.affiliation import AffiliationReader
from pipeline.extract.contacts import best_person_for_email, is_contact_line, urls_in
from pipeline.extract.lexicon import lexicon
from pipeline.extract.names import NameReader
from synthetic import extract, people, roles

FR, EN = lexicon("fr"), lexicon("en")


@pytest.mark.parametrize("lex, text, job, organisation", [
    (FR, ", Directeur, Cité du design.", "Directeur", "Cité du design"),
    (FR, ", Secrétaire Général, CRESS Rhône-Alpes.", "Secrétaire Général", "CRESS Rhône-Alpes"),
    (FR, ", Directeur de l'Enseignement Supérieur Recherche Innovation, Saint-Etienne Métropole",
     "Directeur de l'Enseignement Supérieur Recherche Innovation", "Saint-Etienne Métropole"),
    (FR, "Professeur en sciences de l'information et de la communication (Clermont Université).",
     "Professeur en sciences de l'information et de la communication", "Clermont Université"),
    (FR, ", Président du Groupe ARCHER, Romans.", "Président", "Groupe ARCHER"),
    (FR, ", Directeur Général des Ateliers Créatifs à Montréal.", "Directeur Général", "Ateliers Créatifs"),
    (FR, ", Coordinateur de l'association « Cluster Culture et Coopération » (Pôle Territorial).",
     "Coordinateur", "Cluster Culture et Coopération"),
    (FR, ", Consultant création, reprise, transmission, URSCOP Rhône-Alpes",
     "Consultant création, reprise, transmission", "URSCOP Rhône-Alpes"),
    (FR, ", Conseiller économique, Direction du développement économique et urbain, Ville de Montréal",
     "Conseiller économique", "Ville de Montréal"),
    (FR, " – coordinateur – Passerelles 37", "coordinateur", "Passerelles 37"),
    (FR, "(conseillère, Maison de l'Emploi du Val de Loire)", "conseillère", "Maison de l'Emploi du Val de Loire"),
    (FR, ", chargé de mission numérique à la Chambre de métiers et de l'artisanat d'Indre-et-Loire",
     "chargé de mission numérique", "Chambre de métiers et de l'artisanat d'Indre-et-Loire"),
    (FR, ", fondatrice de l'association OpenNantes", "fondatrice", "OpenNantes"),
    (FR, ", Designer indépendante, membre du Collectif Designers +.", "Designer indépendante", "Collectif Designers"),
    (EN, "Senior Researcher at the Ada Lovelace Institute", "Senior Researcher", "Ada Lovelace Institute"),
    (EN, ", Head of Data at Kerbside Data Co-operative", "Head of Data", "Kerbside Data Co-operative"),
    (EN, " – Professor of Urban Analytics – University of Leeds", "Professor of Urban Analytics", "University of Leeds"),
    (EN, ", Transport Editor, The Northern Ledger", "Transport Editor", "The Northern Ledger"),
    (EN, ", Urban Planner, City of Lyon", "Urban Planner", "City of Lyon"),
    (EN, ", Data Librarian at the British Library", "Data Librarian", "British Library"),
    (EN, " – Developer – mySociety", "Developer", "mySociety"),
    (EN, ", Acme Corp", "", "Acme Corp"),
    # an institution named in lower case, a trade that is no job word: still job, then employer
    (FR, ", principale, collège Émile-Guillaumin (Moulins)", "principale", "collège Émile-Guillaumin"),
    (FR, ", chef de cuisine, collège Jules-Ferry (Vichy)", "chef de cuisine", "collège Jules-Ferry"),
    (FR, ", directeur, mairie de Moulins", "directeur", "mairie de Moulins"),
])
def test_job_title_and_organisation(lex, text: str, job: str, organisation: str) -> None:
    found = AffiliationReader(lex).read(text)
    assert (found.job_title, found.organisation) == (job, organisation)


@pytest.mark.parametrize("email, names, expected", [
    ("dcolongo@cress-rhone-alpes.org", ["Denis COLONGO"], 0),
    ("s.jaquin@agglo-st-etienne.fr", ["Paul DURAND", "Sylvie JACQUIN"], 1),   # misspelt family name
    ("michel.hallet@ciehalleteghayan.org", ["Sandra VILLET", "Michel HALLET EGHAYAN"], 1),
    ("Daniele.Demoustier@sciencespo-grenoble.fr", ["Danièle DEMOUSTIER"], 0),
    ("jp.delafontaine@univ-touraine.fr", ["Jean-Pierre DE LA FONTAINE"], 0),
    ("direction@archer.fr", ["Christophe CHEVALIER"], None),                  # spells no name
])
def test_email_to_person(email: str, names: list[str], expected: int | None) -> None:
    reader = NameReader(FR)
    parsed = [reader.read_at(n)[0] for n in names]  # type: ignore[index]
    assert best_person_for_email(email, parsed) == expected


@pytest.mark.parametrize("text, urls", [
    ("http://www.cress-rhone-alpes.org/cress/", ["http://www.cress-rhone-alpes.org/cress/"]),
    ("www.ciehalleteghayan.org", ["www.ciehalleteghayan.org"]),
    ("portail.univ-st-etienne.fr", ["portail.univ-st-etienne.fr"]),
    ("lordon@univ-st-etienne.fr", []),
    ("Made in Romans - 26100 ROMANS www-archer.fr", []),
])
def test_web_addresses(text: str, urls: list[str]) -> None:
    assert urls_in(text) == urls


@pytest.mark.parametrize("text, expected", [
    ("dcolongo@cress-rhone-alpes.org", True), ("Tél. : 04 76 59 58 46 – jane@x.org", True),
    ("Site web : www.x.org", True), ("portail.univ-st-etienne.fr", True),
    ("Les présentations sont en ligne sur www.olc-centre.fr", False), ("Emile BEZA : 04 76 59 58 46", False),
])
def test_contact_lines(text: str, expected: bool) -> None:
    assert is_contact_line(text) is expected


def test_role_cues_and_contact_lines_in_french() -> None:
    records = extract([
        ["Table ronde 1 : L'économie du partage"],
        ["Animée par Eric DACHEUX, Professeur, Clermont Université", "dacheux@univ-bpclermont.fr",
         "Intervenants : Danièle DEMOUSTIER, Eric DACHEUX et Bertrand LORDON."],
        ["Atelier B", "Modération : Mme Claire MARTIN (directrice, Observatoire Ligérien)",
         "Avec :\nPierre MARTIN, chef de projet, Nantes Métropole\nLéa DUBOIS, fondatrice de l'association OpenNantes",
         "pierre.martin@nantesmetropole.fr\nl.dubois@opennantes.org"],
    ], "fr")
    found = people(records)
    assert found["Eric Dacheux"].email == "dacheux@univ-bpclermont.fr"
    assert (found["Claire Martin"].job_title, found["Claire Martin"].organisation) == \
        ("directrice", "Observatoire Ligérien")
    assert found["Léa Dubois"].email == "l.dubois@opennantes.org"
    assert found["Pierre Martin"].email == "pierre.martin@nantesmetropole.fr"
    got = roles(records)
    assert ("Eric Dacheux", "Table ronde 1 : L'économie du partage", "moderator") in got
    assert ("Bertrand Lordon", "Table ronde 1 : L'économie du partage", "panelist") in got
    assert {r for r in got if r[1] == "Atelier B"} == {
        ("Claire Martin", "Atelier B", "moderator"), ("Pierre Martin", "Atelier B", "panelist"),
        ("Léa Dubois", "Atelier B", "panelist")}


def test_role_cues_in_english_with_normal_case_names() -> None:
    records = extract([
        ["Panel 2: Paying for the last mile"],
        ["Chair: Priya NAIR, Programme Manager at Northern Transit Authority",
         "Panelists: Ann Lee (Open Knowledge), Bob Stone (City of Lyon) and Carla Diaz (DataCoop)"],
        ["Workshop: Mapping the kerb", "Facilitated by Lena FISCHER, Community Lead, Mapping Collective North",
         "lena@mappingnorth.org"],
    ])
    got = roles(records)
    assert ("Priya Nair", "Panel 2: Paying for the last mile", "moderator") in got
    assert {n for n, _, r in got if r == "panelist"} == {"Ann Lee", "Bob Stone", "Carla Diaz"}
    assert people(records)["Bob Stone"].organisation == "City of Lyon"
    assert ("Lena Fischer", "Workshop: Mapping the kerb", "facilitator") in got
    assert people(records)["Lena Fischer"].email == "lena@mappingnorth.org"


def test_two_people_then_their_addresses() -> None:
    records = extract([
        ["Keynote: Shared streets"],
        ["Jane DOE, Director, Acme Institute", "John SMITH, Head of Data, Foo Lab",
         "jsmith@foolab.org", "jane.doe@acme.org", "www.foolab.org"],
    ])
    found = people(records)
    assert (found["Jane Doe"].email, found["John Smith"].email) == ("jane.doe@acme.org", "jsmith@foolab.org")
    assert found["John Smith"].url == "http://www.foolab.org"


def test_names_side_by_side_read_as_one_line() -> None:
    records = extract([["Open Streets Day", "12 May 2024"], ["Closing remarks", "Jane DOE    John SMITH", "jane.doe@acme.org"]])
    assert set(people(records)) == {"Jane Doe", "John Smith"}
    assert people(records)["Jane Doe"].email == "jane.doe@acme.org"


def test_one_row_per_person_and_every_appearance() -> None:
    records = extract([
        ["Introduction", "Cyril KRETZSCHMAR, Conseiller Régional, Rhône-Alpes"],
        ["Conclusion", "Cyril KRETZSCHMAR, Conseiller Régional, Rhône-Alpes"],
    ], "fr")
    assert [s.name for s in records.speakers] == ["Cyril Kretzschmar"]
    assert len(records.appearances) == 2 and records.speakers[0].slide_first == 1


@pytest.mark.parametrize("slides, language, absent", [
    ([["Atelier 2", "Animation : Sophie LAURENT, conseillère", "Conception :", "Julien De Sousa, designer."]],
     "fr", "Julien De Sousa"),                                                       # credited designer
    ([["Atelier 2", "Animation : Sophie LAURENT, conseillère", "Photo : Jean-Luc DURAND"]], "fr", "Jean-Luc Durand"),
    ([["Workshop 1", "Facilitated by Lena FISCHER, Community Lead", "Photo: Marcus Webb"]], "en", "Marcus Webb"),
    ([["Table ronde 3", "Animée par Danièle DEMOUSTIER, Maître de conférences, IEP", "Contacts",
       "Emile BEZA : 04 76 59 58 46"]], "fr", "Emile Beza"),                          # a contact, not a speaker
    ([["Keynote", "Jane DOE, Director, Acme Institute", "« Ce que nous faisons de la ville nous fait »",
       "Henri LEFEBVRE"]], "fr", "Henri Lefebvre"),                                   # author of a quotation
    ([["25ème Entretiens Jacques CARTIER", "21 novembre 2012"],
      ["Accueil", "Ludovic NOEL, Directeur, Cité du design."]], "fr", "Jacques Cartier"),  # event name
    ([["Table ronde 2", "Animée par Bertrand LORDON", "Professeur agrégé, Université Jean MONNET de Saint-Étienne."]],
     "fr", "Jean Monnet"),                                                           # institution
    ([["Table ronde 1", "Michel HALLET EGHAYAN, Directeur de la Cie de Danse HALLET EGHAYAN."]],
     "fr", "Hallet Eghayan"),                                                        # company named after its founder
])
def test_not_people(slides: list[list[str]], language: str, absent: str) -> None:
    found = people(extract(slides, language))
    assert absent not in found
    assert found  # the real speaker of the slide is still there
