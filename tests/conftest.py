"""Shared fixtures: the shipped scenarios, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.content import list_scenarios, load, load_scenario

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"


@pytest.fixture(scope="session")
def tutorial():
    return load("tutorial", [CONTENT])


@pytest.fixture(scope="session")
def shipped():
    """Every shipped scenario, loaded."""
    return [load_scenario(e.folder, e.packs) for e in list_scenarios([CONTENT])]


@pytest.fixture(autouse=True)
def _isolated_saves(tmp_path, monkeypatch):
    # Tests never write to the repository's saves/ folder.
    monkeypatch.setenv("REDLINE_SAVES", str(tmp_path / "saves"))
    # Nor read or write the player's own scenarios, packs and saves (redline/places.py).
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
