"""Writers: files only, never logic. Every file goes to a temporary name and is renamed
into place, and a deck's folder is built aside and swapped in whole, so a run killed at
any moment leaves each deck folder either its old complete set or its new one.

Crash safety, step by step (``recover`` finishes or undoes whatever a kill interrupted):

1. the deck's files are written into ``.staging-<id>-XXXX/``, fsynced, then the folder;
2. the old ``<id>/`` (if any) is renamed to ``.retired-<id>``;
3. the staging folder is renamed to ``<id>/`` and the parent folder fsynced;
4. ``.retired-<id>`` is deleted.

Killed before 2: the old folder is untouched, the staging folder is junk. Killed between 2
and 3: ``recover`` renames ``.retired-<id>`` back. Killed after 3: the new set is in place.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Iterable, Iterator

from .datapackage import descriptor
from .model import Deck
from .schema import TABLES, column_names
from .tables import deck_tables, event_document

EVENT_FILE = "event.json"
PACKAGE_FILE = "datapackage.json"
REPORT_FILE = "run_report.json"
_STAGING_PREFIX = ".staging-"
_RETIRED_PREFIX = ".retired-"
_COPY_CHUNK = 1 << 20


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# mkstemp/mkdtemp create private (0600/0700) entries; outputs get the usual permissions.
_UMASK = _umask()
_FILE_MODE = 0o666 & ~_UMASK
_DIR_MODE = 0o777 & ~_UMASK


def _atomic_write(path: Path, data: str | Iterable[str]) -> None:
    """Write ``data`` (one string or chunks of one) next to ``path`` under a temporary
    name, fsync, then rename over it."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, _FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            for chunk in [data] if isinstance(data, str) else data:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def csv_text(table: str, rows: Iterable[dict[str, Any]]) -> str:
    """RFC 4180 CSV (CRLF, minimal quoting) with the contract's header row."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=column_names(table), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
    return buffer.getvalue()


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


_ONE_LINE = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def json_text(data: Any) -> str:
    """JSON laid out two spaces per level, except that a flat value (a record of scalars,
    a list of strings) stays on one line: one row per line reads and diffs like a table,
    and those lines come from json's C encoder (``indent=`` would use the slow Python one)."""
    return _layout(data, 0) + "\n"


def _layout(value: Any, depth: int) -> str:
    nested = [v for v in (value.values() if isinstance(value, dict) else value if isinstance(value, list) else ())
              if isinstance(v, (dict, list)) and v]
    if not nested:
        return _ONE_LINE.encode(value)
    pad, inner = "  " * depth, "  " * (depth + 1)
    if isinstance(value, dict):
        items = [f"{inner}{_ONE_LINE.encode(str(k))}: {_layout(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    return "[\n" + ",\n".join(inner + _layout(v, depth + 1) for v in value) + f"\n{pad}]"


def write_json(path: Path, data: Any) -> None:
    _atomic_write(path, json_text(data))


def deck_dir(out_dir: Path, deck_id: str) -> Path:
    """The deck's folder, which can never leave ``out_dir`` whatever the deck id."""
    target = (out_dir / deck_id).resolve()
    if target.parent != out_dir.resolve() or deck_id.startswith("."):
        raise ValueError(f"deck id {deck_id!r} would write outside {out_dir}")
    return target


def write_deck(deck: Deck, out_dir: Path, settings_fingerprint: str = "") -> Path:
    """Write the deck's tables and event.json as one unit: staged aside, then swapped in.

    ``settings_fingerprint`` goes into event.json (see ``tables.event_document``).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    final = deck_dir(out_dir, deck.deck_id)
    staging = Path(tempfile.mkdtemp(dir=out_dir, prefix=f"{_STAGING_PREFIX}{deck.deck_id}-"))
    try:
        os.chmod(staging, _DIR_MODE)
        tables = deck_tables(deck)
        files = {f"{table}.csv": csv_text(table, rows) for table, rows in tables.items()}
        files[EVENT_FILE] = json_text(event_document(deck, settings_fingerprint, tables))
        for name, text in files.items():  # the folder is private until swapped in: no temp names
            with open(staging / name, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        _fsync_together([staging / name for name in files])
        _fsync_dir(staging)
        _swap_in(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return final


def _swap_in(staging: Path, final: Path) -> None:
    retired = final.with_name(f"{_RETIRED_PREFIX}{final.name}")
    shutil.rmtree(retired, ignore_errors=True)
    if final.exists():
        os.replace(final, retired)
    os.replace(staging, final)
    _fsync_dir(final.parent)
    shutil.rmtree(retired, ignore_errors=True)


def _fsync_together(paths: list[Path]) -> None:
    """fsync the files at once: the file system commits them in one journal transaction
    rather than one after another (each fsync alone costs a disk round trip)."""
    with ThreadPoolExecutor(max_workers=len(paths)) as pool:
        list(pool.map(_fsync_file, paths))


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def recover(out_dir: Path) -> None:
    """Tidy what a killed run left: drop half-built folders, put back a retired complete one."""
    if not out_dir.is_dir():
        return
    for entry in out_dir.iterdir():
        if entry.name.startswith(_STAGING_PREFIX) or (entry.name.startswith(".") and entry.name.endswith(".tmp")):
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)
        elif entry.name.startswith(_RETIRED_PREFIX):
            live = entry.with_name(entry.name[len(_RETIRED_PREFIX):])
            if live.exists():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                os.replace(entry, live)


def deck_folders(out_dir: Path) -> list[Path]:
    """Complete deck folders under ``out_dir`` (those with an event.json), by name."""
    return sorted(p.parent for p in out_dir.glob(f"*/{EVENT_FILE}") if not p.parent.name.startswith("."))


def write_combined(out_dir: Path, deck_ids: Iterable[str] | None = None) -> None:
    """Rebuild ``out_dir/<table>.csv`` from the per-deck folders (all, or those named),
    and the ``datapackage.json`` that describes them.

    Streamed deck by deck, so memory does not grow with the number of decks; a folder
    written with other columns (an older version) is re-mapped to today's header.
    """
    wanted = None if deck_ids is None else set(deck_ids)
    folders = [f for f in deck_folders(out_dir) if wanted is None or f.name in wanted]
    for table in TABLES:
        header = csv_text(table, [])
        _atomic_write(out_dir / f"{table}.csv", _combined_chunks(table, header, folders))
    write_json(out_dir / PACKAGE_FILE, descriptor())


def _combined_chunks(table: str, header: str, folders: list[Path]) -> Iterator[str]:
    yield header
    for folder in folders:
        path = folder / f"{table}.csv"
        if not path.is_file():
            continue
        with open(path, encoding="utf-8", newline="") as handle:
            if handle.readline() == header:
                while chunk := handle.read(_COPY_CHUNK):
                    yield chunk
                continue
            handle.seek(0)
            rows = csv.DictReader(handle)
            yield csv_text(table, ({name: row.get(name) or "" for name in column_names(table)}
                                   for row in rows))[len(header):]
