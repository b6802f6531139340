"""Load a run's tables with pandas and answer what an analyst asks first.

The notebook calls these; it holds no logic of its own. Every table is read with
``dtype=str`` and empty cells as ``""`` (ids stay text, "09:30" stays a time).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from .schema import TABLES

LIST_SEPARATOR = " | "


def load_tables(run_dir: str | Path = "processed") -> dict[str, pd.DataFrame]:
    """Every combined table of a run folder, keyed by table name."""
    run_dir = Path(run_dir)
    return {table: pd.read_csv(run_dir / f"{table}.csv", dtype=str, keep_default_na=False)
            for table in TABLES}


def _minutes(hhmm: str) -> float | None:
    if not hhmm:
        return None
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def programme(tables: dict[str, pd.DataFrame], deck_id: str) -> pd.DataFrame:
    """One deck's sessions in programme order, with start/end as minutes since midnight."""
    sessions = tables["sessions"]
    frame = sessions[sessions["deck_id"] == deck_id].copy()
    frame["position"] = frame["position"].astype(int)
    frame["start"] = frame["start_time"].map(_minutes)
    frame["end"] = frame["end_time"].map(_minutes)
    return frame.sort_values("position").reset_index(drop=True)


def plot_timeline(tables: dict[str, pd.DataFrame], deck_id: str, ax: Any = None) -> Any:
    """The timed sessions of a deck as horizontal bars on a clock axis (matplotlib)."""
    import matplotlib.pyplot as plt

    frame = programme(tables, deck_id).dropna(subset=["start"])
    frame["end"] = frame["end"].fillna(frame["start"] + 15)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.45 * max(len(frame), 2) + 1))
    labels = [f"{k}: {t[:50]}" for k, t in zip(frame["kind"], frame["title"])]
    ax.barh(range(len(frame)), frame["end"] - frame["start"], left=frame["start"])
    ax.set_yticks(range(len(frame)), labels)
    ax.invert_yaxis()
    ticks = range(int(frame["start"].min() // 60 * 60), int(frame["end"].max()) + 60, 60) if len(frame) else []
    ax.set_xticks(list(ticks), [f"{t // 60:02d}:00" for t in ticks])
    ax.set_title(f"Programme of {deck_id}")
    return ax


def speakers_per_session(tables: dict[str, pd.DataFrame], deck_id: str) -> pd.DataFrame:
    """Who appears in each session, with their role, in programme order."""
    merged = (tables["appearances"][tables["appearances"]["deck_id"] == deck_id]
              .merge(tables["speakers"], on=["deck_id", "person_id"])
              .merge(programme(tables, deck_id)[["session_id", "position", "kind", "title"]], on="session_id"))
    return merged.sort_values(["position", "role", "name"])[["position", "kind", "title", "role", "name", "organisation"]]


def organisations(tables: dict[str, pd.DataFrame], deck_id: str) -> pd.DataFrame:
    """Organisations represented, by speakers and by projects, with how often."""
    speakers = tables["speakers"][tables["speakers"]["deck_id"] == deck_id]["organisation"]
    projects = tables["projects"][tables["projects"]["deck_id"] == deck_id]["organisations"]
    names = list(speakers) + [o for cell in projects for o in cell.split(LIST_SEPARATOR)]
    series = pd.Series([n.strip() for n in names if n.strip()], dtype=str)
    return series.value_counts().rename_axis("organisation").reset_index(name="mentions")


def projects_by_session(tables: dict[str, pd.DataFrame], deck_id: str) -> pd.DataFrame:
    """Projects with the session they were presented in."""
    projects = tables["projects"][tables["projects"]["deck_id"] == deck_id]
    merged = projects.merge(programme(tables, deck_id)[["session_id", "position", "title"]],
                            on="session_id", suffixes=("", "_session"), how="left")
    return merged.sort_values(["position", "slide_first"])[["position", "title_session", "title", "organisations", "urls"]]
