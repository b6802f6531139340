"""Score runs against a corpus of real decks with hand-made gold (``deckpipe eval --corpus``).

A corpus folder holds ``corpus.json`` (deck file -> gold file, relative to the folder),
``gold/<name>.json`` in the corpus gold format (``GOLD_FORMAT.md`` of the corpus: sessions
with their people, speakers, projects, branding, corrections, must_keep, not_people) and
``decks/`` with the decks that may be redistributed; the others are looked up in a
"fetched" folder (``$EVENTS_FETCHED``, else ``<tmp>/events-fetched``).

:func:`evaluate_corpus` runs the pipeline in this process on each deck (``run_batch``, one
output folder per deck), reads the contract CSVs it wrote by column name, and
:func:`score_deck` scores them with the corpus rules, the same figures as the corpus's own
``score.py``:

* **speakers**: P/R/F1 on names equal after folding accents and case and normalising
  whitespace and hyphens; accuracy of job_title / organisation (token-set ratio >= 85) and
  email / url (exact after lower-casing, without ``mailto:``, scheme and trailing ``/``) on
  matched speakers, over the fields the gold fills (a field listed in a gold speaker's
  ``notes_only`` is not scored for a PDF deck, which has no speaker notes);
* **sessions**: matched 1) by kind + number, 2) by fuzzy title (title and
  ``title_alternatives``, token-set ratio >= 85, best pairs first, ties by plain ratio),
  3) by kind alone when it occurs once in the gold and once in the output; P/R/F1, time
  accuracy (exact ``HH:MM``, empty == null) and kind accuracy on matched sessions;
* **appearances**: (person, matched session, role) F1, the role being the gold role, one of
  its ``alt_roles`` or ``presenter`` for a presenter of a project of that session; also the
  (person, session) pair F1 and the role accuracy on pairs;
* **projects**: P/R/F1 by fuzzy title; presenters F1, url recall, session link accuracy;
* **text**: branding strings absent from every ``text_clean``; corrections applied; must_keep
  strings present; must_vanish; not_people not in speakers.csv.

Gold entries marked ``optional`` count when matched and cost nothing when missed. The mean
line: ``overall_f1`` = mean over scored decks of mean(speaker, session, project F1), then the
means of branding and corrections.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import tempfile
import time
import traceback
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

FUZZ_THRESHOLD = 85
MAPPING_FILE = "corpus.json"
DECKS_DIR = "decks"
FETCHED_ENV = "EVENTS_FETCHED"

# Columns of the output contract the scorer reads (a table may have more; read by name).
CONTRACT = {
    "sessions": ["deck_id", "session_id", "position", "kind", "number", "title", "start_time",
                 "end_time", "slide_first", "slide_last"],
    "speakers": ["deck_id", "person_id", "name", "given_name", "family_name", "job_title",
                 "organisation", "email", "url", "slide_first"],
    "appearances": ["deck_id", "person_id", "session_id", "project_id", "role"],
    "projects": ["deck_id", "project_id", "session_id", "title", "summary", "organisations", "urls",
                 "slide_first", "slide_last"],
    "slides": ["deck_id", "slide_no", "title", "text_raw", "text_clean"],
    "corrections": ["deck_id", "slide_no", "before", "after", "rule", "confidence"],
    "removed": ["deck_id", "slide_no", "text", "reason"],
}
SPEAKER_FIELDS = ("job_title", "organisation", "email", "url")


# --- normalisation ----------------------------------------------------------------------

def fold(text: Any) -> str:
    """Accents off, lower case, typographic apostrophes and no-break spaces made plain."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ").lower()


def norm_name(text: Any) -> str:
    """A display name as compared: folded, hyphens and underscores as spaces, one space."""
    return " ".join(re.sub(r"[-\u2010\u2011\u2012\u2013\u2014_]+", " ", fold(text)).split())


def collapse(text: Any) -> str:
    """NFC, whitespace collapsed to single spaces."""
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split())


def norm_email(text: Any) -> str:
    text = str(text or "").strip().lower()
    return text[7:] if text.startswith("mailto:") else text


def norm_url(text: Any) -> str:
    return re.sub(r"^https?://", "", str(text or "").strip().lower()).rstrip("/")


def split_multi(value: Any) -> list[str]:
    """A multi-valued cell: parts separated by ``|``, ``;`` or whitespace."""
    return [x.strip() for x in re.split(r"\s*\|\s*|\s*;\s*|\s+", str(value or "")) if x.strip()]


def token_set(a: str, b: str) -> float:
    return fuzz.token_set_ratio(a, b, processor=default_process)


def plain_ratio(a: str, b: str) -> float:
    return fuzz.ratio(a, b, processor=default_process)


def similar(a: Any, b: Any) -> float:
    """Token-set ratio of the folded texts; 0 when either is empty."""
    if not a or not b:
        return 0.0
    return token_set(fold(a), fold(b))


def norm_number(value: Any) -> str:
    text = str(value if value is not None else "").strip().upper()
    return text.split(".")[0] if re.fullmatch(r"\d+\.0+", text) else text


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1; both empty is a perfect score."""
    if not n_gold and not n_pred:
        return 1.0, 1.0, 1.0
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def field_ok(name: str, gold_value: Any, value: Any) -> bool:
    """A speaker field as the gold wants it (a cell may hold several addresses)."""
    if name == "email":
        return norm_email(gold_value) in {norm_email(x) for x in split_multi(value)}
    if name == "url":
        return norm_url(gold_value) in {norm_url(x) for x in split_multi(value)}
    return similar(gold_value, value) >= FUZZ_THRESHOLD


def is_corpus_gold(gold: Any) -> bool:
    """True for a gold file in the corpus format (GOLD_FORMAT.md), False for a
    ``tests/gold`` file (sessions with keys, a top-level ``appearances`` list)."""
    if not isinstance(gold, dict) or "appearances" in gold:
        return False
    if any(k in gold for k in ("branding", "corrections", "must_keep", "must_vanish")):
        return True
    sessions = gold.get("sessions") or []
    return any(isinstance(s, dict) and "people" in s for s in sessions) \
        or any(isinstance(p, dict) and "session_number" in p for p in gold.get("projects") or [])


# --- reading a run folder ---------------------------------------------------------------

@dataclass
class Table:
    """One contract table of a run folder: its rows (dicts by column name) and columns."""

    name: str
    rows: list[dict[str, str]] = field(default_factory=list)
    columns: set[str] = field(default_factory=set)
    found: bool = False
    missing_columns: list[str] = field(default_factory=list)

    def has(self, column: str) -> bool:
        return column in self.columns


def cell(row: dict[str, Any], column: str) -> str:
    value = row.get(column)
    if value is None:
        return ""
    if isinstance(value, list):
        value = " ".join(map(str, value))
    return str(value).strip()


def load_table(out: Path, name: str, messages: list[str]) -> Table:
    """``out/<name>.csv`` (a run's combined table), else every ``out/*/<name>.csv``."""
    table = Table(name)
    top = out / f"{name}.csv"
    files = [top] if top.is_file() else sorted(out.glob(f"*/{name}.csv"))
    if not files:
        messages.append(f"{name}.csv: missing (neither {out.name}/{name}.csv nor {out.name}/<deck_id>/{name}.csv)")
        return table
    table.found = True
    for path in files:
        where = path.relative_to(out)
        try:
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("utf-8", errors="replace")
                messages.append(f"{where}: not valid UTF-8")
            reader = csv.DictReader(io.StringIO(text, newline=""))
            if not reader.fieldnames:
                messages.append(f"{where}: empty file (no header row)")
                continue
            table.columns |= {(h or "").strip().lstrip("\ufeff") for h in reader.fieldnames}
            for row in reader:
                table.rows.append({(k or "").strip().lstrip("\ufeff"): v for k, v in row.items() if k is not None})
        except (OSError, csv.Error) as err:
            messages.append(f"{where}: unreadable ({err})")
    table.missing_columns = [c for c in CONTRACT[name] if c not in table.columns]
    if table.missing_columns and table.columns:
        messages.append(f"{name}.csv: missing column(s) {', '.join(table.missing_columns)}")
    return table


# --- matching ---------------------------------------------------------------------------

def gold_titles(item: dict[str, Any]) -> list[str]:
    titles = [item.get("title") or ""]
    for key in ("title_alternatives", "aliases"):
        titles += [t for t in (item.get(key) or []) if t]
    return [t for t in titles if t]


def greedy(candidates: list[tuple[float, float, int, int]]) -> dict[int, int]:
    """(score, tie-break, gold index, output index) -> one-to-one pairs, best first."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, _, gi, pi in sorted(candidates, key=lambda c: (-c[0], -c[1], c[2], c[3])):
        if gi in pairs or pi in used:
            continue
        pairs[gi] = pi
        used.add(pi)
    return pairs


def _title_candidates(gold_items: list[dict], rows: list[dict], skip_gold: set[int] | dict,
                      skip_rows: set[int]) -> list[tuple[float, float, int, int]]:
    candidates = []
    for gi, item in enumerate(gold_items):
        if gi in skip_gold:
            continue
        titles = gold_titles(item)
        for pi, row in enumerate(rows):
            if pi in skip_rows:
                continue
            title = cell(row, "title")
            best = max((similar(t, title) for t in titles), default=0)
            if best >= FUZZ_THRESHOLD:
                candidates.append((best, max(plain_ratio(fold(t), fold(title)) for t in titles), gi, pi))
    return candidates


def match_sessions(gold_sessions: list[dict], rows: list[dict]) -> dict[int, int]:
    """Gold session index -> output row index (kind + number, fuzzy title, unique kind)."""
    pairs: dict[int, int] = {}
    used: set[int] = set()

    def kind(row: dict) -> str:
        return cell(row, "kind").lower()

    for gi, gs in enumerate(gold_sessions):
        if gs.get("number") in (None, ""):
            continue
        for pi, row in enumerate(rows):
            if pi not in used and kind(row) == gs.get("kind") \
                    and norm_number(cell(row, "number")) == norm_number(gs["number"]):
                pairs[gi] = pi
                used.add(pi)
                break
    for gi, pi in greedy(_title_candidates(gold_sessions, rows, pairs, used)).items():
        pairs[gi] = pi
        used.add(pi)
    gold_kinds: dict[Any, int] = {}
    for gs in gold_sessions:
        gold_kinds[gs.get("kind")] = gold_kinds.get(gs.get("kind"), 0) + 1
    row_kinds: dict[str, int] = {}
    for row in rows:
        row_kinds[kind(row)] = row_kinds.get(kind(row), 0) + 1
    for gi, gs in enumerate(gold_sessions):
        if gi in pairs or gs.get("number") not in (None, "") or gold_kinds.get(gs.get("kind")) != 1 \
                or row_kinds.get(gs.get("kind")) != 1:
            continue
        for pi, row in enumerate(rows):
            if pi not in used and kind(row) == gs.get("kind") and not cell(row, "number"):
                pairs[gi] = pi
                used.add(pi)
                break
    return pairs


def match_projects(gold_projects: list[dict], rows: list[dict]) -> dict[int, int]:
    """Gold project index -> output row index, by fuzzy title, best pairs first."""
    return greedy(_title_candidates(gold_projects, rows, set(), set()))


# --- scoring one deck -------------------------------------------------------------------

def score_deck(gold: dict[str, Any], out: Path, deck_name: str, messages: list[str]) -> dict[str, Any]:
    """Every figure of one deck's output folder ``out`` against its corpus gold."""
    out = Path(out)
    has_notes = not deck_name.lower().endswith(".pdf")
    tables = {name: load_table(out, name, messages) for name in CONTRACT}
    result: dict[str, Any] = {"deck": deck_name, "speaker_notes_scored": has_notes}
    speakers, name_of = _score_speakers(gold, tables["speakers"], has_notes, messages, result)
    gold_sessions = gold.get("sessions", [])
    session_pairs = _score_sessions(gold_sessions, tables["sessions"], result)
    sessions = tables["sessions"].rows
    gold_of_session = {cell(sessions[pi], "session_id"): gi for gi, pi in session_pairs.items()
                       if cell(sessions[pi], "session_id")}
    project_session = _score_projects(gold, tables, name_of, gold_of_session, result)
    _score_appearances(gold_sessions, gold.get("projects", []), project_session, tables,
                       name_of, gold_of_session, result)
    _score_text(gold, tables, messages, result)
    banned = gold.get("not_people", [])
    violations = [n for n in banned if norm_name(n) in speakers]
    score = (1 - len(violations) / len(banned) if banned else 1.0) if tables["speakers"].found else None
    result["not_people"] = {"score": score, "violations": violations}
    _event_info(gold, out, messages, result)
    result["f1_mean"] = (result["speakers"]["f1"] + result["sessions"]["f1"] + result["projects"]["f1"]) / 3
    return result


def _score_speakers(gold: dict, table: Table, has_notes: bool, messages: list[str],
                    result: dict) -> tuple[dict[str, dict], dict[str, str]]:
    expected = {norm_name(s["name"]): s for s in gold.get("speakers", [])}
    found: dict[str, dict] = {}
    name_of: dict[str, str] = {}
    duplicates = 0
    if table.found and not (table.has("name") or (table.has("given_name") and table.has("family_name"))):
        messages.append("speakers.csv: no name column, speakers cannot be matched")
    for row in table.rows:
        name = norm_name(cell(row, "name") or f"{cell(row, 'given_name')} {cell(row, 'family_name')}".strip())
        if not name:
            continue
        if cell(row, "person_id"):
            name_of[cell(row, "person_id")] = name
        if name in found:
            duplicates += 1
            continue
        found[name] = row
    matched = set(expected) & set(found)
    p, r, f = prf(len(matched), len(found), len(expected))
    result["speakers"] = {"precision": p, "recall": r, "f1": f, "gold": len(expected), "predicted": len(found),
                          "matched": len(matched), "duplicates": duplicates,
                          "missed": sorted(expected[n]["name"] for n in set(expected) - set(found)),
                          "extra": sorted(cell(found[n], "name") or n for n in set(found) - set(expected))}
    fields = {}
    for name in SPEAKER_FIELDS:
        correct = scored = extra = 0
        wrong = []
        for key in sorted(matched):
            g = expected[key]
            gold_value, value = g.get(name), cell(found[key], name)
            if not gold_value:
                extra += bool(value)
                continue
            if not has_notes and name in (g.get("notes_only") or []):
                continue
            scored += 1
            if value and field_ok(name, gold_value, value):
                correct += 1
            else:
                wrong.append(f"{g['name']}: {value!r} (gold {gold_value!r})")
        gold_has = any(g.get(name) for g in expected.values())
        accuracy = correct / scored if scored else (0.0 if gold_has and not matched else None)
        fields[name] = {"accuracy": accuracy, "correct": correct, "scored": scored,
                        "extra_values_where_gold_null": extra,
                        "column_missing": table.found and not table.has(name), "wrong": wrong}
    result["speaker_fields"] = fields
    return found, name_of


def _score_sessions(gold_sessions: list[dict], table: Table, result: dict) -> dict[int, int]:
    rows = table.rows
    pairs = match_sessions(gold_sessions, rows)
    required = [i for i, s in enumerate(gold_sessions) if not s.get("optional")]
    tp = len(pairs)
    fn = len([i for i in required if i not in pairs])
    p, r, f = prf(tp, len(rows), tp + fn)
    time_ok = time_total = kind_ok = 0
    time_wrong = []
    for gi, pi in pairs.items():
        gs, row = gold_sessions[gi], rows[pi]
        for name in ("start_time", "end_time"):
            time_total += 1
            gold_value, value = gs.get(name) or "", cell(row, name)
            if gold_value == value:
                time_ok += 1
            else:
                time_wrong.append(f"{gs['title']} {name}: {value!r} (gold {gold_value!r})")
        kind_ok += cell(row, "kind").lower() == gs.get("kind")
    result["sessions"] = {
        "precision": p, "recall": r, "f1": f, "gold_required": len(required),
        "gold_optional": len(gold_sessions) - len(required), "predicted": len(rows), "matched": tp,
        "time_accuracy": time_ok / time_total if time_total else 0.0, "time_correct": time_ok,
        "time_scored": time_total, "kind_accuracy": kind_ok / tp if tp else 0.0,
        "missed": [gold_sessions[i]["title"] for i in required if i not in pairs],
        "extra": [cell(rows[i], "title") for i in range(len(rows)) if i not in pairs.values()],
        "time_wrong": time_wrong}
    return pairs


def _gold_session_of_project(project: dict, gold_sessions: list[dict]) -> int | None:
    number = project.get("session_number")
    if number not in (None, ""):
        for gi, gs in enumerate(gold_sessions):
            if gs.get("number") not in (None, "") and norm_number(gs.get("number")) == norm_number(number):
                return gi
    title = project.get("session_title")
    if title and gold_sessions:
        best = max(range(len(gold_sessions)), key=lambda i: similar(title, gold_sessions[i].get("title")))
        if similar(title, gold_sessions[best].get("title")) >= FUZZ_THRESHOLD:
            return best
    return None


def _score_projects(gold: dict, tables: dict[str, Table], name_of: dict[str, str],
                    gold_of_session: dict[str, int], result: dict) -> dict[int, int | None]:
    rows = tables["projects"].rows
    gold_projects = gold.get("projects", [])
    gold_sessions = gold.get("sessions", [])
    pairs = match_projects(gold_projects, rows)
    p, r, f = prf(len(pairs), len(rows), len(gold_projects))
    session_of = {gi: _gold_session_of_project(gp, gold_sessions) for gi, gp in enumerate(gold_projects)}
    presenters: dict[str, set[str]] = {}
    for row in tables["appearances"].rows:
        project = cell(row, "project_id")
        if project and cell(row, "person_id") in name_of:
            presenters.setdefault(project, set()).add(name_of[cell(row, "person_id")])
    tp = fp = fn = urls_ok = urls_total = link_ok = link_total = 0
    for gi, gp in enumerate(gold_projects):
        expected = {norm_name(x) for x in gp.get("presenters", [])}
        gold_urls = [norm_url(u) for u in gp.get("urls", [])]
        urls_total += len(gold_urls)
        if gi not in pairs:
            fn += len(expected)
            continue
        row = rows[pairs[gi]]
        got = presenters.get(cell(row, "project_id"), set())
        tp, fp, fn = tp + len(expected & got), fp + len(got - expected), fn + len(expected - got)
        urls = {norm_url(u) for u in split_multi(cell(row, "urls"))}
        urls_ok += sum(1 for u in gold_urls if u in urls)
        if session_of[gi] is not None:
            link_total += 1
            link_ok += gold_of_session.get(cell(row, "session_id")) == session_of[gi]
    pp, pr, pf = prf(tp, tp + fp, tp + fn)
    result["projects"] = {
        "precision": p, "recall": r, "f1": f, "gold": len(gold_projects), "predicted": len(rows),
        "matched": len(pairs), "presenters_precision": pp, "presenters_recall": pr, "presenters_f1": pf,
        "url_recall": urls_ok / urls_total if urls_total else 1.0, "urls_found": urls_ok, "urls_gold": urls_total,
        "session_link_accuracy": link_ok / link_total if link_total else 0.0,
        "missed": [gp["title"] for gi, gp in enumerate(gold_projects) if gi not in pairs],
        "extra": [cell(rows[i], "title") for i in range(len(rows)) if i not in pairs.values()]}
    return session_of


def _score_appearances(gold_sessions: list[dict], gold_projects: list[dict],
                       project_session: dict[int, int | None], tables: dict[str, Table],
                       name_of: dict[str, str], gold_of_session: dict[str, int], result: dict) -> None:
    presents = {(project_session[gi], norm_name(n)) for gi, gp in enumerate(gold_projects)
                if project_session[gi] is not None for n in gp.get("presenters", [])}
    expected: dict[tuple, tuple[set[str], bool]] = {}  # (gold session, name) -> (roles, optional)
    for gi, gs in enumerate(gold_sessions):
        for person in gs.get("people", []):
            key = (gi, norm_name(person["name"]))
            roles = {person.get("role")} | set(person.get("alt_roles") or [])
            if key in presents:
                roles.add("presenter")
            optional = bool(person.get("optional") or gs.get("optional"))
            if key in expected:
                roles |= expected[key][0]
                optional = optional and expected[key][1]
            expected[key] = (roles, optional)
    session_of_project = {cell(row, "project_id"): cell(row, "session_id")
                          for row in tables["projects"].rows if cell(row, "project_id")}
    found: dict[tuple, set[str]] = {}
    unresolved = 0
    for row in tables["appearances"].rows:
        name = name_of.get(cell(row, "person_id"))
        session = cell(row, "session_id")
        if not session and cell(row, "project_id") in session_of_project:
            session = session_of_project[cell(row, "project_id")]
        gi = gold_of_session.get(session)
        if name is None:
            unresolved += 1
            name = "?" + cell(row, "person_id")
        found.setdefault((gi if gi is not None else "?" + session, name), set()).add(cell(row, "role").lower())
    tp_pair = tp_role = fp_role = 0
    role_wrong = []
    for key, roles in found.items():
        if key in expected:
            tp_pair += 1
            if roles & expected[key][0]:
                tp_role += 1
            else:
                fp_role += 1
                role_wrong.append(f"{key[1]} in {gold_sessions[key[0]]['title']}: {sorted(roles)} "
                                  f"(gold {sorted(expected[key][0])})")
    required = [k for k, v in expected.items() if not v[1]]
    fn_pair = len([k for k in required if k not in found])
    fp_pair = len(found) - tp_pair
    fn_role = len([k for k in required if not (k in found and found[k] & expected[k][0])])
    p, r, f = prf(tp_role, tp_role + fp_pair + fp_role, tp_role + fn_role)
    pp, pr, pf = prf(tp_pair, tp_pair + fp_pair, tp_pair + fn_pair)
    result["appearances"] = {
        "precision": p, "recall": r, "f1": f, "pairs_precision": pp, "pairs_recall": pr, "pairs_f1": pf,
        "role_accuracy": tp_role / tp_pair if tp_pair else 0.0, "gold_required": len(required),
        "predicted": len(found), "unresolved_person_ids": unresolved,
        "missed": sorted(f"{k[1]} in {gold_sessions[k[0]]['title']}" for k in required if k not in found),
        "role_wrong": role_wrong}


def _score_text(gold: dict, tables: dict[str, Table], messages: list[str], result: dict) -> None:
    slides = tables["slides"]
    text_ok = slides.found and slides.has("text_clean")
    if slides.found and not slides.has("text_clean"):
        messages.append("slides.csv: no text_clean column, text checks score 0")
    clean = collapse("\n".join(cell(r, "text_clean") for r in slides.rows))
    present = collapse("\n".join(cell(r, "title") + "\n" + cell(r, "text_clean") for r in slides.rows))
    if text_ok and not clean:
        messages.append("slides.csv: text_clean is empty on every slide, text checks score 0")
        text_ok = False
    clean_lower = clean.lower()
    titles_lower = collapse("\n".join(cell(r, "title") for r in slides.rows)).lower()

    branding = gold.get("branding", [])
    left = [b for b in branding if collapse(b).lower() in clean_lower] if text_ok else list(branding)
    score = (len(branding) - len(left)) / len(branding) if branding and text_ok else \
        (1.0 if not branding and text_ok else 0.0)
    result["branding"] = {"score": score, "strings": len(branding), "still_present": left,
                          "in_titles": [b for b in branding if collapse(b).lower() in titles_lower]}

    corrections = gold.get("corrections", [])
    failed = [f"{c['before']!r} -> {c['after']!r}" for c in corrections
              if not (text_ok and collapse(c["before"]) not in clean
                      and (c.get("removed_as_branding") or collapse(c["after"]) in present))]
    listed_pairs = {(collapse(cell(x, "before")), collapse(cell(x, "after"))) for x in tables["corrections"].rows}
    befores = {collapse(cell(x, "before")) for x in tables["corrections"].rows}
    listed = sum(1 for c in corrections
                 if (collapse(c["before"]), collapse(c["after"])) in listed_pairs
                 or any(collapse(c["before"]) in b for b in befores if b))
    result["corrections"] = {
        "score": (len(corrections) - len(failed)) / len(corrections) if corrections else (1.0 if text_ok else 0.0),
        "gold": len(corrections), "applied": len(corrections) - len(failed), "not_applied": failed,
        "listed_in_corrections_csv": listed}

    keep = gold.get("must_keep", [])
    lost = [k for k in keep if not (text_ok and collapse(k) in present)]
    result["must_keep"] = {"score": (len(keep) - len(lost)) / len(keep) if keep else 1.0, "lost": lost}
    vanish = gold.get("must_vanish", [])
    still = [k for k in vanish if not text_ok or collapse(k) in clean]
    result["must_vanish"] = {"score": (len(vanish) - len(still)) / len(vanish) if vanish else None,
                             "still_present": still}


def _event_info(gold: dict, out: Path, messages: list[str], result: dict) -> None:
    """The event's date and title beside the gold's (information, never scored)."""
    files = [out / "event.json"] if (out / "event.json").is_file() else sorted(out.glob("*/event.json"))
    if not files:
        return
    try:
        document = json.loads(files[0].read_text(encoding="utf-8"))
        event = (document.get("event", document) if isinstance(document, dict) else {}) or {}
        result["event"] = {"date": event.get("date"), "gold_date": (gold.get("event") or {}).get("date"),
                           "title": event.get("title")}
    except (OSError, ValueError, AttributeError) as err:
        messages.append(f"event.json unreadable ({err})")


# --- printing ---------------------------------------------------------------------------

def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


def format_deck(name: str, gold_rel: str, run: dict[str, Any] | None, result: dict[str, Any] | None,
                messages: list[str]) -> str:
    """The table of one deck: the same rows and figures as the corpus's score.py."""
    lines = [f"\n=== {name}   [gold: {gold_rel}]"]
    if run:
        lines.append(f"run: {run['command']}\n     rc={run['rc']} in {run['seconds']}s")
    if result is None:
        return "\n".join(lines + [f"  ! {m}" for m in messages])
    R = result
    rows: list[tuple[str, float | None, str]] = []
    s = R["speakers"]
    rows.append(("speakers F1", s["f1"], f"P={s['precision']:.3f} R={s['recall']:.3f}  gold {s['gold']}, "
                 f"predicted {s['predicted']}, matched {s['matched']}"
                 + (f", {s['duplicates']} duplicate rows" if s["duplicates"] else "")))
    for fld, v in R["speaker_fields"].items():
        detail = f"{v['correct']}/{v['scored']}"
        if v["extra_values_where_gold_null"]:
            detail += f"  (+{v['extra_values_where_gold_null']} value(s) where gold has none)"
        if v["column_missing"]:
            detail += "  [column missing]"
        elif not s["matched"]:
            detail += "  (no speaker matched)"
        rows.append((f"  {fld} acc", v["accuracy"], detail))
    s = R["sessions"]
    rows.append(("sessions F1", s["f1"], f"P={s['precision']:.3f} R={s['recall']:.3f}  gold {s['gold_required']}"
                 + (f"+{s['gold_optional']} optional" if s["gold_optional"] else "")
                 + f", predicted {s['predicted']}, matched {s['matched']}"))
    rows.append(("  time acc", s["time_accuracy"] if s["time_scored"] else None,
                 f"{s['time_correct']}/{s['time_scored']} start/end times"))
    rows.append(("  kind acc", s["kind_accuracy"] if s["matched"] else None, ""))
    a = R["appearances"]
    rows.append(("appearances F1", a["f1"], f"P={a['precision']:.3f} R={a['recall']:.3f}  (person, session, role);"
                 f" gold {a['gold_required']}, predicted {a['predicted']}"))
    rows.append(("  pairs F1", a["pairs_f1"], "(person, session) whatever the role"))
    rows.append(("  role acc", a["role_accuracy"] if a["pairs_f1"] else None, "on matched pairs"))
    p = R["projects"]
    rows.append(("projects F1", p["f1"], f"P={p['precision']:.3f} R={p['recall']:.3f}  gold {p['gold']}, "
                 f"predicted {p['predicted']}, matched {p['matched']}"))
    rows.append(("  presenters F1", p["presenters_f1"], ""))
    rows.append(("  url recall", p["url_recall"], f"{p['urls_found']}/{p['urls_gold']}"))
    rows.append(("  session link acc", p["session_link_accuracy"] if p["matched"] else None, ""))
    b = R["branding"]
    rows.append(("branding", b["score"], f"{b['strings'] - len(b['still_present'])}/{b['strings']} strings absent"
                 + (f"; {len(b['in_titles'])} left in titles" if b["in_titles"] else "")))
    c = R["corrections"]
    rows.append(("corrections", c["score"], f"{c['applied']}/{c['gold']} applied; "
                 f"{c['listed_in_corrections_csv']} listed in corrections.csv"))
    rows.append(("must_keep", R["must_keep"]["score"], f"lost: {R['must_keep']['lost']}" if R["must_keep"]["lost"] else ""))
    if R["must_vanish"]["score"] is not None:
        rows.append(("must_vanish", R["must_vanish"]["score"],
                     f"left: {R['must_vanish']['still_present']}" if R["must_vanish"]["still_present"] else ""))
    n = R["not_people"]
    rows.append(("not_people", n["score"], "speakers.csv missing" if n["score"] is None else
                 f"{len(n['violations'])} violation(s)" + (f": {n['violations']}" if n["violations"] else "")))
    rows.append(("deck F1 mean", R["f1_mean"], "mean of speaker, session, project F1"))
    lines.append(f"  {'metric':<20} {'score':>5}  detail")
    lines += [f"  {m:<20} {_fmt(v)}  {d}" for m, v, d in rows]
    details = [("missed speakers", R["speakers"]["missed"]), ("extra speakers", R["speakers"]["extra"]),
               ("missed sessions", R["sessions"]["missed"]), ("extra sessions", R["sessions"]["extra"]),
               ("missed projects", R["projects"]["missed"]), ("extra projects", R["projects"]["extra"]),
               ("branding left", R["branding"]["still_present"]),
               ("corrections not applied", R["corrections"]["not_applied"])]
    for label, items in details:
        if items:
            shown = ", ".join(map(str, items[:8])) + (f", ... (+{len(items) - 8})" if len(items) > 8 else "")
            lines.append(f"  - {label}: {shown}")
    if "event" in R:
        e = R["event"]
        mark = "ok" if e.get("date") == e.get("gold_date") else "differs"
        lines.append(f"  - event date: {e.get('date')!r} (gold {e.get('gold_date')!r}: {mark})")
    lines += [f"  ! {m}" for m in messages]
    return "\n".join(lines)


def overall(scored: list[dict[str, Any] | None]) -> dict[str, Any]:
    """Means over the decks scored (a deck whose scoring failed counts as 0)."""
    valid = [R for R in scored if R is not None]
    n = len(scored)

    def mean(get: Callable[[dict], float | None]) -> float:
        return sum(get(R) or 0.0 for R in valid) / n if n else 0.0

    return {"overall_f1": mean(lambda R: R["f1_mean"]), "branding": mean(lambda R: R["branding"]["score"]),
            "corrections": mean(lambda R: R["corrections"]["score"]), "decks_scored": n,
            "must_keep": mean(lambda R: R["must_keep"]["score"]),
            "not_people": mean(lambda R: R["not_people"]["score"]),
            "appearances_f1": mean(lambda R: R["appearances"]["f1"])}


def format_overall(results: dict[str, Any]) -> str:
    """The closing lines: decks scored and skipped, then ``overall_f1=… branding=… corrections=…``."""
    o = results["overall"]
    skipped = results.get("skipped") or {}
    head = f"\ndecks scored: {o['decks_scored']}" + (
        f"; skipped: {', '.join(f'{k} ({v})' for k, v in skipped.items())}" if skipped else "")
    return f"{head}\noverall_f1={o['overall_f1']:.3f} branding={o['branding']:.3f} corrections={o['corrections']:.3f}"


# --- the corpus -------------------------------------------------------------------------

class CorpusError(Exception):
    """The corpus folder cannot be read (no mapping, unreadable mapping, nothing selected)."""


def default_fetched_dir() -> Path:
    """``$EVENTS_FETCHED``, else ``<tmp>/events-fetched``."""
    return Path(os.environ.get(FETCHED_ENV) or Path(tempfile.gettempdir()) / "events-fetched")


def read_mapping(corpus: Path, only: str | None = None) -> dict[str, str]:
    """``corpus.json`` (deck file -> gold file), narrowed to names containing ``only``."""
    path = Path(corpus) / MAPPING_FILE
    try:
        mapping = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(f"{corpus}: no {MAPPING_FILE} (not a corpus folder)") from None
    except (OSError, ValueError) as err:
        raise CorpusError(f"cannot read {path}: {err}") from None
    if not isinstance(mapping, dict):
        raise CorpusError(f"{path}: expected an object deck file -> gold file")
    if only:
        o = only.lower()
        mapping = {d: g for d, g in mapping.items() if o in d.lower() or o in str(g).lower()}
        if not mapping:
            raise CorpusError(f"--only {only!r} matches no deck in {path}")
    return mapping


def locate_deck(corpus: Path, deck_name: str, fetched_dir: Path | None) -> Path | None:
    """``corpus/decks/<name>``, else ``fetched_dir/<name>`` (None: look only in decks/)."""
    for folder in (Path(corpus) / DECKS_DIR, fetched_dir):
        if folder is not None and (Path(folder) / deck_name).is_file():
            return Path(folder) / deck_name
    return None


def deck_out_name(deck_name: str) -> str:
    """The folder of a deck's run inside the run folder (the name score.py gives it)."""
    return Path(deck_name).name.replace(".", "_")


def run_deck(deck: Path, out: Path, settings: Any = None) -> dict[str, Any]:
    """Run the pipeline on one deck in this process, into a fresh ``out`` (what
    ``deckpipe run DECK --out OUT`` does with one worker); a summary of the run."""
    from .batch import run_batch
    from .config import Settings

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    started = time.perf_counter()
    results = run_batch([deck], out, settings or Settings(), workers=1, force=True)
    failed = [r for r in results if r.status == "failed"]
    return {"command": f"in-process run of {deck.name} into {out}",
            "rc": 1 if failed else 0, "seconds": round(time.perf_counter() - started, 1),
            "errors": [r.error for r in failed]}


def evaluate_corpus(corpus: str | Path, run_dir: str | Path | None = None, *, only: str | None = None,
                    fetched_dir: str | Path | None = None, settings: Any = None,
                    on_deck: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Run and score every deck of the corpus; the results as score.py's ``--json`` has them.

    Each deck runs into ``run_dir/<deck file with _ for .>`` (a temporary folder, removed
    afterwards, when ``run_dir`` is None). ``fetched_dir`` None looks for decks in
    ``decks/`` only. ``on_deck`` receives each deck's printed table as it is scored.
    """
    corpus = Path(corpus)
    mapping = read_mapping(corpus, only)
    fetched = Path(fetched_dir) if fetched_dir is not None else None
    results: dict[str, Any] = {"corpus": str(corpus.resolve()), "fuzzy": "rapidfuzz",
                               "fetched_dir": str(fetched) if fetched else None, "decks": {}, "skipped": {}}
    temporary = None
    if run_dir is None:
        temporary = tempfile.mkdtemp(prefix="deckpipe-corpus-")
        base = Path(temporary)
    else:
        base = Path(run_dir)
        base.mkdir(parents=True, exist_ok=True)
    scored: list[dict[str, Any] | None] = []
    try:
        for deck_name, gold_rel in mapping.items():
            messages: list[str] = []
            gold_path = corpus / gold_rel
            deck = locate_deck(corpus, deck_name, fetched)
            skip = None
            if not gold_path.is_file():
                skip = (f"gold file {gold_rel} missing", "gold file missing: deck not run, not scored")
            elif deck is None:
                where = f"{corpus / DECKS_DIR}" + (f" nor {fetched}" if fetched else "")
                skip = ("deck file missing (fetch it: SOURCES.md)",
                        f"deck file missing: neither in {where}; fetch it as the corpus README says")
            if skip is not None:
                results["skipped"][deck_name] = skip[0]
                if on_deck:
                    on_deck(f"\n=== {deck_name}   [gold: {gold_rel}]\n  ! {skip[1]}")
                continue
            try:
                gold = json.loads(gold_path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as err:
                results["skipped"][deck_name] = f"gold unreadable: {err}"
                if on_deck:
                    on_deck(f"\n=== {deck_name}\n  ! gold unreadable: {err}")
                continue
            out = base / deck_out_name(deck_name)
            run = score = None
            try:
                run = run_deck(deck, out, settings)
                messages += [f"pipeline failed: {e}" for e in run.pop("errors")]
                if not any(out.iterdir()):
                    messages.append("the pipeline wrote nothing in its output folder")
                score = score_deck(gold, out, deck_name, messages)
            except Exception as err:  # one deck never stops the corpus
                messages.append(f"scorer error: {type(err).__name__}: {err}")
                messages.append(traceback.format_exc(limit=3).strip().splitlines()[-1])
            results["decks"][deck_name] = {"gold": gold_rel, "deck_file": str(deck), "run": run,
                                           "messages": messages, "scores": score}
            scored.append(score)
            if on_deck:
                on_deck(format_deck(deck_name, gold_rel, run, score, messages))
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)
    results["overall"] = overall(scored)
    return results


def deck_folders(run_dir: Path, deck_name: str) -> list[Path]:
    """The folders of a run that hold the deck named by a corpus gold's ``deck``: the run
    folder itself when it holds one deck, else its ``<deck_id>/`` folders of that deck."""
    from .textnorm import slugify

    run_dir = Path(run_dir)
    if (run_dir / "event.json").is_file():
        return [run_dir]
    exact, stem = slugify(Path(deck_name).name), slugify(Path(deck_name).stem)
    folders = sorted(p for p in run_dir.iterdir() if p.is_dir() and (p / "speakers.csv").is_file()) \
        if run_dir.is_dir() else []
    for wanted in (lambda p: p.name == exact, lambda p: p.name.startswith(stem)):
        chosen = [p for p in folders if wanted(p)]
        if chosen:
            return chosen
    return [run_dir] if any((run_dir / f"{t}.csv").is_file() for t in CONTRACT) else []


def evaluate_gold_run(run_dir: str | Path, gold: dict[str, Any], gold_label: str) -> dict[str, Any]:
    """Scores of a run folder against one corpus-format gold file, per deck folder."""
    deck_name = str(gold.get("deck") or "")
    folders = deck_folders(Path(run_dir), deck_name)
    if not folders:
        raise FileNotFoundError(f"{run_dir}: no output of deck {deck_name!r} (no <deck_id>/ folder, no tables)")
    results: dict[str, Any] = {"gold": gold_label, "decks": {}, "skipped": {}}
    scored = []
    for folder in folders:
        messages: list[str] = []
        score = score_deck(gold, folder, deck_name or folder.name, messages)
        results["decks"][folder.name] = {"gold": gold_label, "messages": messages, "scores": score}
        scored.append(score)
    results["overall"] = overall(scored)
    return results


def format_results(results: dict[str, Any]) -> str:
    """Every deck's table of :func:`evaluate_gold_run` or :func:`evaluate_corpus`, then the mean line."""
    parts = [format_deck(name, entry["gold"], entry.get("run"), entry["scores"], entry["messages"])
             for name, entry in results["decks"].items()]
    return "\n".join(parts + [format_overall(results)])
