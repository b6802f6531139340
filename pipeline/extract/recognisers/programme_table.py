"""A programme laid out as a table: a header row names the columns (Time | Module | Topic |
Speaker), each row below is a session.

Header cells are mapped to fields by the cue data (``sessions.table_headers``); a table
needs a title column and one more known column. A row that repeats the header (a table
continued over pages) is skipped; a cell over two lines is one value.
"""

from __future__ import annotations

from collections import defaultdict

from ..lexicon import tokens
from ..lines import Line
from ..people import role_for
from ..times import find_time_range
from .candidate import Candidate, Context, Listing, People, read_entry, session_draft

NAME = "programme_table"
SCORE = 0.9
MAX_TITLE_WORDS = 16
MAX_NUMBER_CHARS = 4


def _tables(ctx: Context) -> list[list[Line]]:
    """Runs of consecutive table-cell lines on one slide: one table each."""
    tables: list[list[Line]] = []
    for line in ctx.lines:
        if line.row is None or line.col is None:
            continue
        current = tables[-1] if tables else None
        if current and current[-1].slide_no == line.slide_no and current[-1].index == line.index - 1:
            current.append(line)
        else:
            tables.append([line])
    return tables


def _grid(lines: list[Line]) -> dict[int, dict[int, list[str]]]:
    """Row -> column -> the cell's lines."""
    cells: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for line in lines:
        cells[line.row][line.col].append(line.text)  # type: ignore[index]
    return {row: dict(cols) for row, cols in sorted(cells.items())}


def _title(cell: list[str]) -> str:
    """A title cell's title: its lines up to the first that reads as a sentence of
    description (ends with a full stop), joined (a title wrapped over two lines is one)."""
    kept: list[str] = []
    for text in cell:
        if kept and (text.endswith(".") or len(" ".join(kept + [text]).split()) > MAX_TITLE_WORDS):
            break
        kept.append(text)
    return " ".join(kept)


def _people(ctx: Context, cell: list[str]) -> People:
    """The people of a people cell: each line a list of people, else the affiliation of the
    person on the line above ("David E. Bernholdt, ORNL" / "Jane Doe" + "Acme Lab")."""
    people: People = []
    for text in cell:
        found = ctx.people.listed_people(text, first_names=True)
        if found:
            people.extend(found)
        elif people and not people[-1][1]:
            name, _affiliation, score = people[-1]
            people[-1] = (name, text, score)
    return people


def header_fields(ctx: Context, cells: dict[int, list[str]]) -> dict[int, str]:
    """Column -> field for a header row (only the columns whose header is a cue)."""
    fields: dict[int, str] = {}
    for col, texts in cells.items():
        words = tokens(" ".join(texts))
        best, size = "", 0
        for field_name, phrases in ctx.lex.table_headers.items():
            matched = phrases.match(words)
            # the cue must be the whole header, give or take a bracket ("Time (EDT)") or plural
            if matched > size and len(words) <= matched + 2:
                best, size = field_name, matched
        if best and best not in fields.values():
            fields[col] = best
    return fields


def propose(ctx: Context) -> list[Candidate]:
    candidates = []
    for lines in _tables(ctx):
        grid = _grid(lines)
        if len(grid) < 2:
            continue
        header_row, *rows = grid
        fields = header_fields(ctx, grid[header_row])
        if "title" not in fields.values() or len(fields) < 2:
            continue
        candidates.append(_read(ctx, lines, grid, header_row, rows, fields))
    return candidates


def _read(ctx: Context, lines: list[Line], grid: dict[int, dict[int, list[str]]], header_row: int,
          rows: list[int], fields: dict[int, str]) -> Candidate:
    header = {col: " ".join(texts) for col, texts in grid[header_row].items()}
    evidence = "table header " + " | ".join(header[c] for c in sorted(fields))
    candidate = Candidate(NAME, frozenset(line.index for line in lines), SCORE, evidence, competes=True)
    first_line = {line.row: line for line in reversed(lines)}
    for row in rows:
        cells = grid[row]
        if cells == grid[header_row]:
            continue  # the header again, on the next page of the table
        value = {name: cells.get(col, []) for col, name in fields.items()}
        title = _title(value.get("title", []))
        if not title:
            continue
        time = find_time_range(" ".join(value.get("time", [])))
        kind, number, title, people = read_entry(ctx, title, _people(ctx, value.get("people", [])))
        kind_cell = ctx.lex.match_kind(tokens(" ".join(value.get("kind", []))))[0]
        if kind_cell and kind in ("talk", "other"):
            kind = kind_cell
        own = " ".join(value.get("number", []))
        number = number or (own.lstrip("0") or own[:1] if len(own) <= MAX_NUMBER_CHARS else "")
        draft = session_draft(kind, title, time.start if time else "", time.end if time else "",
                              first_line[row], number=number, confidence=SCORE, evidence=evidence)
        candidate.sessions.append(draft)
        column = next((header[col] for col, name in fields.items() if name == "people"), "")
        for name, affiliation, score in people:
            candidate.people.append(Listing(ctx.people.mention(name, affiliation), draft,
                                            role_for(kind, "", False), draft.slide_first,
                                            round(SCORE * score, 2), f"{NAME}: {column} column"))
    return candidate
