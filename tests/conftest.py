"""Shared fixtures: where ../shared lives (skip cleanly when it is absent), the repo root."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DECKPIPE_SHARED", REPO.parent / "shared"))
REAL_WORLD = SHARED / "corpora" / "real-world"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED} (set DECKPIPE_SHARED to point at it)")
    return SHARED


@pytest.fixture(scope="session")
def real_world_dir(shared_dir: Path) -> Path:
    if not REAL_WORLD.is_dir():
        pytest.skip(f"real-world corpus not found at {REAL_WORLD}")
    return REAL_WORLD
