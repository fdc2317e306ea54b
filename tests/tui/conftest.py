"""Fixtures for the interface tests: a temporary saves folder and the shipped content."""

from __future__ import annotations

from pathlib import Path

import pytest

FROZEN = Path(__file__).resolve().parent / "fixtures" / "content"


@pytest.fixture
def saves(tmp_path: Path) -> Path:
    folder = tmp_path / "saves"
    folder.mkdir()
    return folder


@pytest.fixture
def tutorial_only() -> list[Path]:
    """A content folder holding only a frozen copy of the tutorial, so that snapshots do not
    move when the shipped scenarios are added to or edited."""
    return [FROZEN]


@pytest.fixture
def frozen_save_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Saves stamp the time they were written; pin it so that snapshots never show today."""
    from datetime import datetime

    from tui_helpers import FIXED_SAVED

    import redline.saves

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[override]
            return datetime.fromisoformat(FIXED_SAVED).astimezone(tz)

    monkeypatch.setattr(redline.saves, "datetime", Frozen)
