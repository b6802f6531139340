"""Projects presented in a session: the cue forms, titles, presenters, organisations, sites."""

from __future__ import annotations

import pytest

from pipeline.extract.lexicon import lexicon
from pipeline.extract.projects import ProjectReader
from pipeline.nlp import LazyFacts
from synthetic import extract

FR = ProjectReader(lexicon("fr"), LazyFacts("fr"))


@pytest.mark.parametrize("paragraph, title, needs_title", [
    ("Présentation du projet « Le Mixeur » : expérimentation conduite par Saint-Etienne Métropole.", "Le Mixeur", False),
    ("Présentation du dispositif CREAFIL Loire Sud : dispositif partenarial.", "CREAFIL Loire Sud", False),
    ("Présentation de l'entrepreneuriat coopératif : des entreprises.", "entrepreneuriat coopératif", False),
    ("Présentation d'ARTisanat et Innovation Sociale. Un hôtel d'activité.", "ARTisanat et Innovation Sociale", False),
    ("Présentation du « Pôle Sud » (Pôle Territorial de Coopération Economique) : une mobilisation.", "Pôle Sud", False),
    ("Présentation : « Artisans connectés »", "Artisans connectés", False),
    ("Présentation d'un organisme de développement immobilier.", "", True),
])
def test_project_cues(paragraph: str, title: str, needs_title: bool) -> None:
    cue = FR.cue(paragraph)
    assert cue is not None and (cue.title, cue.needs_title) == (title, needs_title)


@pytest.mark.parametrize("paragraph", ["Un projet multipartenarial porté par une société coopérative",
                                       "Projet de loi sur l'économie sociale", "Présentation"])
def test_not_project_cues(paragraph: str) -> None:
    assert FR.cue(paragraph) is None


def test_organisations_named_in_the_description() -> None:
    assert FR.run_by("Un hôtel d'activité, géré par l'association « La Baie », réunissant des associations") \
        == ["La Baie"]
    assert FR.run_by("expérimentation conduite par Saint-Etienne Métropole d'un « activateur »") \
        == ["Saint-Etienne Métropole"]


def test_projects_of_a_round_table() -> None:
    records = extract([
        ["Journée test", "14 mars 2024"],
        ["Table ronde 1 : L'innovation", "Animée par Eric DACHEUX, Professeur, Clermont Université"],
        ["Présentation du projet « Le Mixeur » : expérimentation conduite par Saint-Etienne Métropole.",
         "Dominique PARET, Directeur, Saint-Etienne Métropole", "d.paret@agglo.fr", "http://www.agglo.fr/"],
        ["Colin LEMAITRE, Coordinateur de l'association « Cluster Culture »"],
        ["Enjeux", "Développer des vecteurs de liens sociaux et de démocratisation de l'innovation."],
        ["Présentation d'un organisme de développement immobilier pour des projets culturels.",
         "Gilles RENAUD, Directeur Général des Ateliers Créatifs à Montréal."],
        ["Une mobilisation citoyenne et solidaire autour d'initiatives économiques et sociales.",
         "Carole TIMSTIT, Présidente de la foncière « Crêt de Liens »"],
    ], "fr")
    projects = {p.title: p for p in records.projects}
    assert set(projects) == {"Le Mixeur", "Ateliers Créatifs",
                             "mobilisation citoyenne et solidaire autour d'initiatives économiques et sociales"}
    mixeur = projects["Le Mixeur"]
    assert mixeur.presenters == ("p-dominique-paret", "p-colin-lemaitre")
    assert mixeur.organisations == ("Saint-Etienne Métropole", "Cluster Culture")
    assert mixeur.urls == ("http://www.agglo.fr/",)
    assert {p.session_id for p in records.projects} == {records.sessions[0].session_id}
    presenters = {(a.person_id, a.project_id) for a in records.appearances if a.role == "presenter"}
    assert ("p-gilles-renaud", projects["Ateliers Créatifs"].project_id) in presenters
    assert not any(a.project_id for a in records.appearances if a.role == "moderator")


def test_project_presented_by_its_slide_title() -> None:
    records = extract([
        ["Open Mobility Forum", "14 September 2023"],
        ["Panel 1: Who owns the kerb?", "Moderated by Samuel OKAFOR, Transport Editor, The Northern Ledger"],
        ["GreenWay Cargo Hubs", "Micro-hubs for zero-emission last-mile delivery", "Presented by Sophie Turner",
         "Co-founder and Chief Executive at GreenWay Labs", "www.greenwaylabs.co.uk"],
        ["OpenKerb", "An open data standard for kerbside rules",
         "Tom Becker, Head of Data, Kerbside Data Co-operative", "https://openkerb.org"],
        ["Bus Stop Census", "Volunteers counting who waits where", "Presented by Dr. Amara Osei, Urban Futures Trust,",
         "with the Leeds Civic Data Club"],
    ])
    assert [(p.title, p.presenters, p.organisations, p.urls) for p in records.projects] == [
        ("GreenWay Cargo Hubs", ("p-sophie-turner",), ("GreenWay Labs",), ("http://www.greenwaylabs.co.uk",)),
        ("OpenKerb", ("p-tom-becker",), ("Kerbside Data Co-operative",), ("https://openkerb.org",)),
        ("Bus Stop Census", ("p-amara-osei",), ("Urban Futures Trust", "Leeds Civic Data Club"), ()),
    ]
    assert records.projects[0].summary == "Micro-hubs for zero-emission last-mile delivery"
