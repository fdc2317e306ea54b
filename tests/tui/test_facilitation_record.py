"""The console's record: the value an override took, and a free-text inject's changes after
its text without doubled punctuation."""

from __future__ import annotations

from types import SimpleNamespace

from redline.engine import Bulletin
from redline.session.facilitated import FacilitatedSession
from redline.tui.facilitation.console import ConsoleScreen


def test_the_record_says_the_value_taken_and_keeps_its_punctuation(tutorial, tmp_path) -> None:  # noqa: ANN001
    session = FacilitatedSession.start(tutorial, 3, tmp_path, {}, red_cell=False)
    toast = session.override("confidence", "500", "the umpire's call")
    session.game.apply(
        Bulletin("The soldiers should come home.", None, (("ceasefire", -3.0),), "a bad night")
    )
    record = ConsoleScreen._record(SimpleNamespace(session=session, said=[toast])).plain
    assert "✓ Ukrainian confidence set to 100 (asked 500, the top of its range)" in record
    assert "override Ukrainian confidence = 100 (asked 500)" in record
    assert "= 500" not in record
    assert "come home. — Ceasefire stability -3" in record
    assert ".;" not in record
