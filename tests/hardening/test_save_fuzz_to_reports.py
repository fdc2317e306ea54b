"""Arbitrary JSON to the save loader, of every action kind the engine has (bulletins,
rulings and observations too, with their pairs and odds) and with ids the tutorial knows,
so that many saves get past the shape and replay: each is refused cleanly (one line, the
file named) or replays, and its after-action report renders as text, whatever it holds."""

from __future__ import annotations

import json
import math
import time

from hostile import assert_clean
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redline.engine.actions import KINDS
from redline.report import render
from redline.report.aar import build
from redline.report.export import to_csv, to_json
from redline.saves import SaveError, read_save, restore

TEXTS = st.text(max_size=30) | st.sampled_from(["[/x] \x1b]2;t\x07", "=cmd|' /C calc'!A0", "\u202e\x9b31m"])
NUMBERS = (
    st.integers(-(2**70), 2**70)
    | st.floats()  # NaN and the infinities too: json.dumps writes them as NaN/Infinity
    | st.sampled_from([0, 1, 0.5, 100, -100, 1e9, 1e10])
)
IDS = st.sampled_from(
    [
        "tut_timing",
        "tut_roe",
        "now",
        "wait",
        "tut_ryazan",
        "tut_talks",
        "escalation",
        "ceasefire",
        "troops_deployed",
        "ally.france",
        "france",
        "coalition_lead",
        "facilitator",
        "",
    ]
)
SCALARS = st.none() | st.booleans() | NUMBERS | TEXTS | IDS
JSON = st.deferred(
    lambda: SCALARS | st.lists(JSON, max_size=4) | st.dictionaries(st.text(max_size=8), JSON, max_size=4)
)
PAIRS = st.lists(st.tuples(IDS, st.booleans() | NUMBERS).map(list), max_size=4) | JSON
ID = IDS | st.text(min_size=1, max_size=12)
TEXT = TEXTS | st.just("")
CHANGE = st.sampled_from(["escalation", "ceasefire", "ally.france"]).flatmap(
    lambda t: st.tuples(st.just(t), st.integers(-100, 100) | st.floats(-100, 100)).map(list)
) | st.tuples(st.just("troops_deployed"), st.booleans()).map(list)
PAIRS = st.lists(CHANGE, max_size=3) | st.lists(st.tuples(IDS, st.booleans() | NUMBERS).map(list), max_size=2)
# Each kind with the fields of its shape (saves/schema.py), values mostly of the right
# type and now and then not: most saves pass the shape, and many replay some way.
SHAPES = {
    "decide": (
        {"card": ID, "option": ID},
        {"by": ID, "votes": st.dictionaries(ID, st.integers(0, 50), max_size=3), "note": TEXT},
    ),
    "inject": ({"event": ID}, {"turn": st.integers(1, 8), "reason": TEXT}),
    "override": ({"target": ID, "value": st.booleans() | NUMBERS, "reason": TEXT}, {}),
    "note": ({"text": TEXT}, {"by": ID}),
    "signal": ({}, {"responses": st.lists(ID, max_size=3)}),
    "respond": ({}, {"response": ID | st.none()}),
    "bulletin": ({"text": TEXT}, {"to": ID, "changes": PAIRS, "reason": TEXT, "sender": TEXT}),
    "adjudicate": (
        {"proposal": TEXT, "odds": st.floats(0, 1) | NUMBERS},
        {"by": ID, "pro": TEXT, "con": TEXT, "success": PAIRS, "failure": PAIRS, "reason": TEXT},
    ),
    "observe": (
        {"text": TEXT},
        {"category": st.sampled_from(["strength", "improvement", "observation", "x"]), "by": ID},
    ),
}
assert set(SHAPES) == set(KINDS)  # every kind the engine has
ACTION = st.one_of(
    *(
        st.fixed_dictionaries({"kind": st.just(kind), **required}, optional=optional)
        for kind, (required, optional) in SHAPES.items()
    ),
    st.fixed_dictionaries(
        {"kind": st.sampled_from([*KINDS, "x"])}, optional={"card": JSON, "text": JSON, "value": JSON}
    ),
)


def _played() -> dict:
    """A real save of the tutorial (seed 7, first open option each time, a few notes)."""
    import tempfile
    from pathlib import Path

    from redline.content import load
    from redline.engine import Game, Note
    from redline.saves import write_save

    game = Game.start(load("tutorial", [Path(__file__).resolve().parents[2] / "content"]), 7)
    while not game.state.is_over:
        game.apply(game.state.legal_actions()[0])
        game.apply(Note("a note", by="facilitator"))
    with tempfile.TemporaryDirectory() as tmp:
        return json.loads(write_save(Path(tmp) / "s.json", game, {"label": "played"}).read_text())


PLAYED = _played()
OPTIONAL = {
    "branches": st.lists(
        st.fixed_dictionaries({"name": TEXT}, optional={"actions": st.lists(ACTION, max_size=3)}), max_size=2
    )
    | JSON,
    "meta": st.fixed_dictionaries(
        {},
        optional={
            "label": TEXTS,
            "facilitation": st.fixed_dictionaries(
                {},
                optional={
                    "teams": st.dictionaries(IDS, TEXTS, max_size=3),
                    "timer_minutes": st.integers(0, 60) | NUMBERS,
                },
            ),
        },
    )
    | JSON,
    "saved": st.just(PLAYED.get("saved")) | TEXTS,
    "red_cell": st.booleans(),
    "turn": st.integers(0, 20),
    "over": st.booleans(),
    "ending": IDS,
}
# A save: the real game's first k actions (so the replay goes deep), then actions of any
# kind and shape; now and then a key of the wrong kind.
SAVE = st.builds(
    lambda k, rest, extra, spoil: {
        **{key: PLAYED[key] for key in ("format", "scenario", "content_hash", "seed")},
        "actions": PLAYED["actions"][:k] + rest,
        **extra,
        **spoil,
    },
    st.integers(0, len(PLAYED["actions"])),
    st.lists(ACTION, max_size=6),
    st.fixed_dictionaries({}, optional=OPTIONAL),
    st.dictionaries(st.sampled_from(["seed", "format", "actions", "meta", "turn"]), JSON, max_size=1)
    | st.just({}),
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(doc=SAVE)
def test_any_save_is_refused_cleanly_or_replays_and_reports_as_text(tmp_path_factory, tutorial, doc):
    path = tmp_path_factory.mktemp("save") / "s.json"
    path.write_text(json.dumps(doc))
    started = time.monotonic()
    try:
        data = read_save(path)
    except SaveError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
        assert_clean(str(exc))
        return
    restored = restore(data, tutorial)
    assert restored.game.actions == data.actions[: len(restored.game.actions)]
    message = restored.message(path)
    assert message is None or "\n" not in message
    record = build(restored.game, meta=data.meta, source=str(path))
    for text in (render.markdown(record), render.html(record), to_csv(record), to_json(record)):
        assert_clean(text)
    assert not any(
        isinstance(v, float) and not math.isfinite(v) for v in json.loads(to_json(record)).values()
    )
    assert time.monotonic() - started < 10
