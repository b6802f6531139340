"""The records evaluation: matching rules, precision/recall/F1, field accuracy, run folders."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from pathlib import Path

from pipeline.evaluate import evaluate, evaluate_run, format_scores
from pipeline.records import Appearance, Event, Project, Records, Session, Speaker

GOLD = {
    "deck": "demo-2024",
    "event": {"title": "Demo Day", "edition": "2", "date": "2024-05-02", "theme": "Open data", "place": "Lyon"},
    "sessions": [
        {"key": "s1", "kind": "welcome", "number": "", "title": "Accueil", "start_time": "09:00", "end_time": ""},
        {"key": "s2", "kind": "round_table", "number": "1", "title": "Les communs", "start_time": "10:00",
         "end_time": "11:00"},
    ],
    "speakers": [
        {"name": "Claire Martin", "job_title": "Directrice", "organisation": "OLC", "email": "c.martin@olc.fr",
         "url": "www.olc.fr"},
        {"name": "Éric Dacheux", "job_title": "Professeur", "organisation": "Clermont Université", "email": "",
         "url": ""},
    ],
    "appearances": [
        {"name": "Claire Martin", "session": "s1", "role": "host", "project": ""},
        {"name": "Éric Dacheux", "session": "s2", "role": "presenter", "project": "p1"},
    ],
    "projects": [{"key": "p1", "title": "Le Mixeur", "session": "s2", "presenters": ["Éric Dacheux"],
                  "organisations": ["Clermont Université"], "urls": ["http://mixeur.org"]}],
    "not_people": ["Jacques Cartier"],
}

RECORDS = Records(
    Event("Demo Day", "2", "2024-05-02", "Open data", "Lyon"),
    (Session("d-s1", 1, "welcome", "", "Accueil des participants", "09:00"),
     Session("d-s2", 2, "round_table", "1", "Table ronde 1 : Les communs numériques", "10:00", "11:00")),
    (Speaker("p-claire-martin", "Claire Martin", "Claire", "Martin", "directrice", "OLC", "c.martin@olc.fr",
             "http://www.olc.fr/"),
     Speaker("p-eric-dacheux", "Eric Dacheux", "Eric", "Dacheux", "Professeur", "Clermont Université")),
    (Appearance("p-claire-martin", "d-s1", "host"), Appearance("p-eric-dacheux", "d-s2", "presenter", "d-p1")),
    (Project("d-p1", "d-s2", "Présentation du projet Le Mixeur", urls=("http://mixeur.org/",),
             organisations=("Clermont Université",), presenters=("p-eric-dacheux",)),),
)


def test_perfect_records_score_one_everywhere() -> None:
    scores = evaluate(RECORDS, GOLD)
    for kind in ("speakers", "sessions", "appearances", "projects"):
        assert scores[kind]["f1"] == 1.0, scores["errors"]
    for group in ("speaker_fields", "session_fields", "project_fields", "appearance_fields", "event_fields"):
        assert set(scores[group].values()) == {1.0}, (group, scores["errors"])
    assert scores["errors"] == []


def test_a_missing_speaker_lowers_recall_and_every_field() -> None:
    records = replace(RECORDS, speakers=RECORDS.speakers[:1])
    scores = evaluate(records, GOLD)
    assert (scores["speakers"]["precision"], scores["speakers"]["recall"]) == (1.0, 0.5)
    assert scores["speaker_fields"]["job_title"] == 0.5
    assert "speaker missing: Éric Dacheux" in scores["errors"]


def test_a_wrong_field_and_an_extra_person() -> None:
    wrong = replace(RECORDS.speakers[0], organisation="Observatoire")
    extra = Speaker("p-jacques-cartier", "Jacques Cartier")
    scores = evaluate(replace(RECORDS, speakers=(wrong, RECORDS.speakers[1], extra)), GOLD)
    assert scores["speaker_fields"]["organisation"] == 0.5
    assert scores["speakers"]["precision"] == round(2 / 3, 4)
    assert scores["not_people"] == {"violations": ["Jacques Cartier"], "clean": 0.0}


def test_sessions_match_by_number_else_by_title() -> None:
    gold = copy.deepcopy(GOLD)
    gold["sessions"][0]["title"] = "Cocktail dînatoire"
    scores = evaluate(RECORDS, gold)
    assert (scores["sessions"]["tp"], scores["sessions"]["fp"], scores["sessions"]["fn"]) == (1, 1, 1)
    assert scores["appearances"]["recall"] == 0.5  # the host's session is no longer matched


def test_event_json_with_csv_style_list_cells(tmp_path: Path) -> None:
    document = RECORDS.to_dict()
    document["projects"][0].update(organisations="Clermont Université", urls="http://mixeur.org/",
                                   presenters="p-eric-dacheux")
    deck_dir = tmp_path / "demo-2024-pptx"
    deck_dir.mkdir()
    (deck_dir / "event.json").write_text(json.dumps(document), encoding="utf-8")
    (tmp_path / "other-deck-txt").mkdir()
    gold_path = tmp_path / "demo-2024.json"
    gold_path.write_text(json.dumps(GOLD), encoding="utf-8")
    result = evaluate_run(tmp_path, gold_path)
    assert list(result["decks"]) == ["demo-2024-pptx"]
    assert result["decks"]["demo-2024-pptx"]["project_fields"]["organisations"] == 1.0
    report = format_scores(result)
    assert "demo-2024-pptx" in report and "speakers" in report


def test_sessions_out_of_programme_order() -> None:
    swapped = (replace(RECORDS.sessions[0], position=2), replace(RECORDS.sessions[1], position=1))
    scores = evaluate(replace(RECORDS, sessions=swapped), GOLD)
    assert scores["session_fields"]["order"] == 0.0
    assert scores["sessions"]["f1"] == 1.0
