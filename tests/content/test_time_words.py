"""Texts that speak of time are true whenever they can show: a card that says it is the last
week or month can only come up in the last turn, and a season named in a card or event
can only come up in that season or the one before it ("winter is coming" in autumn, never
in May). The turns a card can show in are read from its condition (engine/plan.turn_window)."""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from redline.content import load_scenario
from redline.engine.plan import turn_window

CONTENT = Path(__file__).resolve().parents[2] / "content" / "scenarios"
SEASONS = {"winter": (12, 1, 2), "spring": (3, 4, 5), "summer": (6, 7, 8), "autumn": (9, 10, 11)}
BEFORE = {"winter": "autumn", "spring": "winter", "summer": "spring", "autumn": "summer"}


def _turns(sc, expr, fixed: int | None = None) -> range:  # type: ignore[no-untyped-def]
    if fixed is not None:
        return range(fixed, fixed + 1)
    lo, hi = turn_window(expr)
    return range(
        max(1, int(lo) if lo != -math.inf else 1), min(sc.turns, int(hi) if hi != math.inf else sc.turns) + 1
    )


def _month(sc, turn: int) -> int:  # type: ignore[no-untyped-def]
    start = date.fromisoformat(sc.info.start_date)
    label = sc.info.turn_label.lower()
    if label == "week":
        return (start + timedelta(days=7 * (turn - 1))).month
    assert label == "month", label
    return (start.month - 1 + turn - 1) % 12 + 1


def _texts(sc):  # type: ignore[no-untyped-def]
    for card in sc.cards:
        yield card.id, card.model.text, _turns(sc, card.when)
    for event in sc.events:
        yield event.id, event.model.text, _turns(sc, event.when, event.model.turn)


@pytest.mark.parametrize("scenario_id", ["tutorial", "reassurance-force"])
def test_a_text_that_says_last_turn_shows_only_in_the_last_turn(scenario_id):
    sc = load_scenario(CONTENT / scenario_id)
    label = sc.info.turn_label.lower()
    last = re.compile(rf"\b(this is the )?(last|final) {label}\b", re.I)
    for item, text, turns in _texts(sc):
        if last.search(text):
            assert list(turns) == [sc.turns], (item, list(turns))


@pytest.mark.parametrize("scenario_id", ["tutorial", "reassurance-force"])
def test_a_season_named_is_the_season_of_every_turn_it_can_show_in(scenario_id):
    sc = load_scenario(CONTENT / scenario_id)
    for item, text, turns in _texts(sc):
        for season in re.findall(r"\b(winter|spring|summer|autumn)\b", text, re.I):
            season = season.lower()
            allowed = set(SEASONS[season]) | set(SEASONS[BEFORE[season]])
            wrong = [t for t in turns if _month(sc, t) not in allowed]
            assert not wrong, (
                f"{item} speaks of {season} but can show in {sc.info.turn_label.lower()}s {wrong}"
            )


def test_the_check_would_catch_winter_in_may():
    sc = load_scenario(CONTENT / "reassurance-force")
    may = next(t for t in range(1, sc.turns + 1) if _month(sc, t) == 5)
    assert may == 9  # September 2025 is month 1
    assert _month(sc, may) not in set(SEASONS["winter"]) | set(SEASONS["autumn"])
