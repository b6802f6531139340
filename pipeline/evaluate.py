"""Score extracted records against a hand-made gold file (``tests/gold/<deck>.json``).

``deckpipe eval --gold FILE.json [--run DIR]`` prints what :func:`format_scores` makes of
:func:`evaluate_run`; the tests gate on :func:`evaluate` (floors in tests/gold/baseline.json).

Matching rules (tests/gold/README.md):

* speakers by normalised name (:func:`textnorm.fold`); each field compared after ``fold``
  (web addresses without scheme, ``www.`` and trailing slash);
* sessions by kind + number, else kind + fuzzy title (token-set ratio ≥ 80);
* appearances by (speaker name, matched session, role);
* projects by fuzzy title (token-set ratio ≥ 80), preferring the matched session.

Precision, recall and F1 per record type; accuracy per field, over all gold rows (a row
the extraction missed counts as wrong in every field); event fields 1 or 0; and the
``not_people`` names found as speakers.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any, Iterable

from rapidfuzz import fuzz, utils

from .config import Settings
from .records import Records
from .textnorm import fold, slugify

TITLE_MATCH = 80
SPEAKER_FIELDS = ("job_title", "organisation", "email", "url")
SESSION_FIELDS = ("title", "start_time", "end_time")  # plus "order": gold sessions in programme order
PROJECT_FIELDS = ("session", "presenters", "organisations", "urls")
EVENT_FIELDS = ("title", "edition", "date", "theme", "place")
# Scores the quality gate watches (a floor each in tests/gold/baseline.json).
GATED = ("speakers.f1", "sessions.f1", "appearances.f1", "projects.f1",
         *(f"speaker_fields.{f}" for f in SPEAKER_FIELDS), *(f"session_fields.{f}" for f in (*SESSION_FIELDS, "order")),
         *(f"project_fields.{f}" for f in PROJECT_FIELDS), "event_fields.all", "not_people.clean")


# --- inputs -----------------------------------------------------------------------------

def load_records(source: Records | dict[str, Any] | str | Path, deck: str = "") -> dict[str, Any]:
    """Records as plain dicts, from a Records object, an ``event.json`` dict, the file, or a
    run folder (its ``<deck_id>/event.json`` whose id starts with the slug of ``deck``)."""
    if isinstance(source, Records) or is_dataclass(source):
        return asdict(source)  # type: ignore[arg-type]
    if isinstance(source, dict):
        return source
    path = Path(source)
    if path.is_dir():
        found = deck_event_files(path, deck)
        if not found:
            raise FileNotFoundError(f"{path}: no event.json for deck {deck!r}")
        path = found[0]
    return json.loads(path.read_text(encoding="utf-8"))


def deck_event_files(run_dir: Path, deck: str) -> list[Path]:
    """``event.json`` files of a run folder that belong to ``deck`` (any format of it)."""
    if (run_dir / "event.json").is_file():
        return [run_dir / "event.json"]
    stem = slugify(deck) if deck else ""
    return sorted(p for p in run_dir.glob("*/event.json") if p.parent.name.startswith(stem))


def _list(value: Any) -> list[str]:
    """A list-valued cell: a JSON list, or a CSV cell joined with ' | '."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(" | ") if v.strip()]
    return [str(v) for v in value]


def _url_key(url: str) -> str:
    return fold(re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip().lower()).rstrip("/"))


def _field_key(field: str, value: str) -> str:
    return _url_key(value) if field in ("url", "email") else fold(value)


def _similar(a: str, b: str) -> float:
    return fuzz.token_set_ratio(a, b, processor=utils.default_process)


# --- scores -----------------------------------------------------------------------------

def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    precision = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "tp": tp, "fp": fp, "fn": fn}


def _accuracy(correct: Counter[str], total: int, fields: tuple[str, ...]) -> dict[str, float]:
    return {f: round(correct[f] / total, 4) if total else 1.0 for f in fields}


def evaluate(records: Records | dict[str, Any] | str | Path, gold: dict[str, Any]) -> dict[str, Any]:
    """Scores of ``records`` against ``gold`` (see the module docstring for the rules)."""
    found = load_records(records, gold.get("deck", ""))
    errors: list[str] = []
    speakers = {fold(s["name"]): s for s in found.get("speakers", [])}
    name_of = {s["person_id"]: fold(s["name"]) for s in found.get("speakers", [])}

    # speakers
    gold_speakers = {fold(s["name"]): s for s in gold.get("speakers", [])}
    correct: Counter[str] = Counter()
    for key, expected in gold_speakers.items():
        got = speakers.get(key)
        if got is None:
            errors.append(f"speaker missing: {expected['name']}")
            continue
        for field in SPEAKER_FIELDS:
            if _field_key(field, expected.get(field, "")) == _field_key(field, got.get(field, "") or ""):
                correct[field] += 1
            else:
                errors.append(f"speaker {expected['name']}: {field} {got.get(field)!r} != {expected.get(field)!r}")
    extra = [speakers[k]["name"] for k in speakers if k not in gold_speakers]
    errors += [f"speaker not in gold: {name}" for name in extra]
    tp = len(set(gold_speakers) & set(speakers))
    scores: dict[str, Any] = {"speakers": _prf(tp, len(extra), len(gold_speakers) - tp),
                              "speaker_fields": _accuracy(correct, len(gold_speakers), SPEAKER_FIELDS)}

    # sessions
    session_map, session_scores, session_fields = _match_sessions(gold.get("sessions", []),
                                                                  found.get("sessions", []), errors)
    scores["sessions"], scores["session_fields"] = session_scores, session_fields

    # projects (before appearances: an appearance's project is checked through this map)
    projects = [p if "presenters" in p else
                {**p, "presenters": [a["person_id"] for a in found.get("appearances", [])
                                     if a.get("project_id") == p.get("project_id") and a.get("role") == "presenter"]}
                for p in found.get("projects", [])]
    project_map, project_scores, project_fields = _match_projects(
        gold.get("projects", []), projects, session_map, name_of, errors)
    scores["projects"], scores["project_fields"] = project_scores, project_fields

    # appearances
    expected_links = Counter((fold(a["name"]), session_map.get(a["session"], "?" + a["session"]), a["role"])
                             for a in gold.get("appearances", []))
    found_links = Counter((name_of.get(a["person_id"], a["person_id"]), a["session_id"], a["role"])
                          for a in found.get("appearances", []))
    tp = sum((expected_links & found_links).values())
    errors += [f"appearance missing: {k}" for k in (expected_links - found_links)]
    errors += [f"appearance not in gold: {k}" for k in (found_links - expected_links)]
    scores["appearances"] = _prf(tp, sum(found_links.values()) - tp, sum(expected_links.values()) - tp)
    scores["appearance_fields"] = _appearance_projects(gold, found, session_map, project_map, name_of)

    # event and not-people
    scores["event_fields"] = _event(gold.get("event", {}), found.get("event", {}), errors)
    banned = {fold(n) for n in gold.get("not_people", [])}
    violations = sorted(speakers[k]["name"] for k in speakers if k in banned)
    errors += [f"not a person, found as speaker: {v}" for v in violations]
    scores["not_people"] = {"violations": violations, "clean": 0.0 if violations else 1.0}
    scores["errors"] = errors
    return scores


def _match_sessions(gold_sessions: list[dict], found: list[dict],
                    errors: list[str]) -> tuple[dict[str, str], dict, dict]:
    mapping: dict[str, str] = {}
    used: set[int] = set()
    correct: Counter[str] = Counter()
    for expected in gold_sessions:
        best, best_score = None, -1.0
        for index, got in enumerate(found):
            if index in used or got.get("kind") != expected.get("kind"):
                continue
            if expected.get("number"):
                score = 100.0 if str(got.get("number", "")) == str(expected["number"]) else -1.0
            else:
                score = _similar(expected.get("title", ""), got.get("title", "")) \
                    if not got.get("number") else -1.0
                score = score if score >= TITLE_MATCH else -1.0
            if score > best_score:
                best, best_score = index, score
        if best is None or best_score < 0:
            errors.append(f"session missing: {expected.get('kind')} {expected.get('number', '')} "
                          f"{expected.get('title', '')!r}")
            continue
        used.add(best)
        got = found[best]
        mapping[expected["key"]] = got["session_id"]
        for field in SESSION_FIELDS:
            ok = _similar(expected.get(field, ""), got.get(field, "") or "") >= TITLE_MATCH \
                if field == "title" else (expected.get(field, "") or "") == (got.get(field, "") or "")
            if ok:
                correct[field] += 1
            else:
                errors.append(f"session {expected['key']}: {field} {got.get(field)!r} != {expected.get(field)!r}")
    extra = [found[i] for i in range(len(found)) if i not in used]
    errors += [f"session not in gold: {s.get('kind')} {s.get('title')!r}" for s in extra]
    fields = _accuracy(correct, len(gold_sessions), SESSION_FIELDS)
    fields["order"] = _order(gold_sessions, found, mapping, errors)
    return mapping, _prf(len(used), len(extra), len(gold_sessions) - len(used)), fields


def _order(gold_sessions: list[dict], found: list[dict], mapping: dict[str, str], errors: list[str]) -> float:
    """Share of consecutive gold sessions (both found) that come in the same order."""
    position = {s["session_id"]: int(s.get("position") or 0) for s in found}
    placed = [(g["key"], position[mapping[g["key"]]]) for g in gold_sessions if g["key"] in mapping]
    pairs = list(zip(placed, placed[1:]))
    wrong = [(a[0], b[0]) for a, b in pairs if a[1] > b[1]]
    errors += [f"sessions out of programme order: {a} after {b}" for a, b in wrong]
    return round(1 - len(wrong) / len(pairs), 4) if pairs else 1.0


def _match_projects(gold_projects: list[dict], found: list[dict], session_map: dict[str, str],
                    name_of: dict[str, str], errors: list[str]) -> tuple[dict[str, str], dict, dict]:
    mapping: dict[str, str] = {}
    used: set[int] = set()
    correct: Counter[str] = Counter()
    for expected in gold_projects:
        session = session_map.get(expected.get("session", ""), "")
        # (the projects table has no presenters column: event.json rows take them from appearances)
        candidates = [(got.get("session_id") == session, _similar(expected["title"], got.get("title", "")), i)
                      for i, got in enumerate(found) if i not in used]
        candidates = [c for c in candidates if c[1] >= TITLE_MATCH]
        if not candidates:
            errors.append(f"project missing: {expected['title']!r}")
            continue
        _, _, best = max(candidates)
        used.add(best)
        got = found[best]
        mapping[expected["key"]] = got["project_id"]
        checks = {
            "session": got.get("session_id") == session,
            "presenters": {fold(n) for n in expected.get("presenters", [])}
            == {name_of.get(p, p) for p in _list(got.get("presenters"))},
            "organisations": {fold(o) for o in expected.get("organisations", [])}
            == {fold(o) for o in _list(got.get("organisations"))},
            "urls": {_url_key(u) for u in expected.get("urls", [])} == {_url_key(u) for u in _list(got.get("urls"))},
        }
        for field, ok in checks.items():
            if ok:
                correct[field] += 1
            else:
                errors.append(f"project {expected['title']!r}: {field} differs")
    extra = [found[i] for i in range(len(found)) if i not in used]
    errors += [f"project not in gold: {p.get('title')!r}" for p in extra]
    return (mapping, _prf(len(used), len(extra), len(gold_projects) - len(used)),
            _accuracy(correct, len(gold_projects), PROJECT_FIELDS))


def _appearance_projects(gold: dict, found: dict, session_map: dict[str, str], project_map: dict[str, str],
                         name_of: dict[str, str]) -> dict[str, float]:
    """Share of gold appearances whose project link is right (empty links included)."""
    links = {(name_of.get(a["person_id"], ""), a["session_id"], a["role"]): a.get("project_id", "")
             for a in found.get("appearances", [])}
    expected = gold.get("appearances", [])
    right = sum(1 for a in expected
                if links.get((fold(a["name"]), session_map.get(a["session"], ""), a["role"]))
                == (project_map.get(a["project"], "?") if a.get("project") else ""))
    return {"project": round(right / len(expected), 4) if expected else 1.0}


def _event(expected: dict, got: dict, errors: list[str]) -> dict[str, float]:
    scores = {}
    for field in EVENT_FIELDS:
        ok = fold(str(expected.get(field, ""))) == fold(str(got.get(field, "") or ""))
        scores[field] = 1.0 if ok else 0.0
        if not ok:
            errors.append(f"event {field}: {got.get(field)!r} != {expected.get(field)!r}")
    scores["all"] = round(sum(scores.values()) / len(EVENT_FIELDS), 4)
    return scores


def metric(scores: dict[str, Any], dotted: str) -> float:
    """``metric(scores, "speakers.f1")``."""
    group, name = dotted.split(".", 1)
    return float(scores[group][name])


# --- run folders and printing -------------------------------------------------------------

def evaluate_run(out_dir: Path, gold_path: Path) -> dict[str, Any]:
    """Scores of every deck of a run folder that the gold file is about, by deck id."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    files = deck_event_files(Path(out_dir), gold.get("deck", ""))
    if not files:
        raise FileNotFoundError(f"{out_dir}: no <deck_id>/event.json for deck {gold.get('deck')!r}")
    return {"gold": str(gold_path),
            "decks": {p.parent.name: evaluate(p, gold) for p in files}}


def format_scores(result: dict[str, Any], show_errors: bool = True) -> str:
    """A plain-text report of :func:`evaluate_run` (or of one :func:`evaluate`) result."""
    decks = result.get("decks", {"": result})
    lines = []
    for deck_id, scores in decks.items():
        if deck_id:
            lines.append(deck_id)
        lines.append(f"  {'':12} {'precision':>9} {'recall':>7} {'f1':>6}")
        for kind in ("speakers", "sessions", "appearances", "projects"):
            s = scores[kind]
            lines.append(f"  {kind:12} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.3f}"
                         f"   (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")
        for group in ("speaker_fields", "session_fields", "project_fields", "appearance_fields", "event_fields"):
            values = "  ".join(f"{k} {v:.3f}" for k, v in scores[group].items())
            lines.append(f"  {group.replace('_', ' ')}: {values}")
        if scores["not_people"]["violations"]:
            lines.append(f"  not people found as speakers: {', '.join(scores['not_people']['violations'])}")
        if show_errors and scores["errors"]:
            lines.append("  differences:")
            lines += [f"    - {e}" for e in scores["errors"]]
    return "\n".join(lines)


def records_of_file(path: Path, settings: Settings | None = None) -> Records:
    """Read a deck file and run every stage on it, extraction last: what ``deckpipe run`` does."""
    from .readers import read
    from .stages import DEFAULT_ORDER, run_stages
    from .stages.extract_records import run as extract_stage

    settings = (settings or Settings()).for_deck(path)
    deck = run_stages(read(path, settings), settings, [n for n in DEFAULT_ORDER if n != "extract_records"])
    records = extract_stage(deck, settings).records
    assert records is not None
    return records


def gold_cases(gold_dir: Path, deck_dirs: Iterable[Path],
               formats: tuple[str, ...] = ("txt", "md", "pptx", "pdf")) -> list[tuple[Path, Path]]:
    """(gold file, deck file) for every format of every gold deck found in ``deck_dirs``."""
    cases = []
    for gold in sorted(Path(gold_dir).glob("*.json")):
        if gold.name == "baseline.json" or gold.name.endswith(".removal.json"):
            continue
        stem = json.loads(gold.read_text(encoding="utf-8"))["deck"]
        cases += [(gold, Path(folder) / f"{stem}.{fmt}") for folder in deck_dirs for fmt in formats
                  if (Path(folder) / f"{stem}.{fmt}").is_file()]
    return cases
