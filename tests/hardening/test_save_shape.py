"""A save is data of a known shape: every field typed and bounded, checked before anything
is replayed, with a one-line message naming the field; arbitrary JSON gets a clean refusal
or a clean load, never anything else."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redline.cli import main
from redline.content import load
from redline.engine import Game, Note
from redline.saves import SaveError, read_save, restore, write_save

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def tutorial():
    return load("tutorial", [CONTENT])


@pytest.fixture
def doc(tutorial, tmp_path):
    game = Game.start(tutorial, 3)
    for _ in range(2):
        game.apply(game.state.legal_actions()[0])
    path = write_save(tmp_path / "good.json", game, {"label": "kept"})
    return json.loads(path.read_text())


def decide(**extra):
    return {"kind": "decide", "card": "c", "option": "o", **extra}


# (case, how to spoil the save, the field the message names, what it says)
CASES = [
    (
        "vote-not-a-number",
        lambda d: d["actions"].append(decide(votes={"fr": "3"})),
        "actions[3].votes.fr",
        "whole number",
    ),
    (
        "vote-a-boolean",
        lambda d: d["actions"].append(decide(votes={"fr": True})),
        "actions[3].votes.fr",
        "whole number",
    ),
    (
        "vote-negative",
        lambda d: d["actions"].append(decide(votes={"fr": -1})),
        "actions[3].votes.fr",
        "at least 0",
    ),
    (
        "vote-a-float",
        lambda d: d["actions"].append(decide(votes={"fr": 1.5})),
        "actions[3].votes.fr",
        "whole number",
    ),
    (
        "votes-a-list",
        lambda d: d["actions"].append(decide(votes=[1, 2])),
        "actions[3].votes",
        "must be an object",
    ),
    (
        "too-many-votes",
        lambda d: d["actions"].append(decide(votes={f"r{i}": 1 for i in range(65)})),
        "actions[3].votes",
        "more than 64",
    ),
    ("by-a-number", lambda d: d["actions"].append(decide(by=7)), "actions[3].by", "must be text"),
    ("by-empty", lambda d: d["actions"].append(decide(by="")), "actions[3].by", "must not be empty"),
    (
        "card-missing",
        lambda d: d["actions"].append({"kind": "decide", "option": "o"}),
        "actions[3].card",
        "missing",
    ),
    (
        "override-text-value",
        lambda d: d["actions"].append({"kind": "override", "target": "x", "value": "50", "reason": "r"}),
        "actions[3].value",
        "number",
    ),
    (
        "override-huge",
        lambda d: d["actions"].append({"kind": "override", "target": "x", "value": 1e300, "reason": "r"}),
        "actions[3].value",
        "between",
    ),
    (
        "override-no-reason",
        lambda d: d["actions"].append({"kind": "override", "target": "x", "value": 5}),
        "actions[3].reason",
        "missing",
    ),
    (
        "inject-turn-zero",
        lambda d: d["actions"].append({"kind": "inject", "event": "e", "turn": 0}),
        "actions[3].turn",
        "at least 1",
    ),
    (
        "inject-turn-text",
        lambda d: d["actions"].append({"kind": "inject", "event": "e", "turn": "2"}),
        "actions[3].turn",
        "whole number",
    ),
    (
        "inject-turn-huge",
        lambda d: d["actions"].append({"kind": "inject", "event": "e", "turn": 10**12}),
        "actions[3].turn",
        "at most",
    ),
    (
        "signals-a-string",
        lambda d: d["actions"].append({"kind": "signal", "responses": "abc"}),
        "actions[3].responses",
        "must be a list",
    ),
    (
        "signals-of-numbers",
        lambda d: d["actions"].append({"kind": "signal", "responses": [1]}),
        "actions[3].responses[1]",
        "must be text",
    ),
    (
        "note-too-long",
        lambda d: d["actions"].append({"kind": "note", "text": "x" * 5000}),
        "actions[3].text",
        "longer than 4,000",
    ),
    (
        "unknown-kind",
        lambda d: d["actions"].append({"kind": "teleport"}),
        "actions[3]",
        "unknown action kind",
    ),
    ("no-kind", lambda d: d["actions"].append({"card": "c"}), "actions[3]", "needs a 'kind'"),
    (
        "unknown-field",
        lambda d: d["actions"].append({"kind": "note", "text": "x", "sudo": 1}),
        "actions[3].sudo",
        "unknown field",
    ),
    ("saved-not-a-date", lambda d: d.update(saved="yesterday"), "saved", "date and time"),
    ("saved-a-number", lambda d: d.update(saved=1700000000), "saved", "must be text"),
    ("seed-negative", lambda d: d.update(seed=-5), "seed", "at least 0"),
    ("seed-too-large", lambda d: d.update(seed=2**64), "seed", "less than"),
    ("seed-a-boolean", lambda d: d.update(seed=True), "seed", "whole number"),
    ("red-cell-text", lambda d: d.update(red_cell="yes"), "red_cell", "true or false"),
    ("turn-text", lambda d: d.update(turn="3"), "turn", "whole number"),
    ("label-a-list", lambda d: d["meta"].update(label=["x"]), "meta.label", "must be text"),
    (
        "teams-not-text",
        lambda d: d["meta"].update(facilitation={"teams": {"r": 3}}),
        "meta.facilitation.teams.r",
        "must be text",
    ),
    (
        "timer-negative",
        lambda d: d["meta"].update(facilitation={"timer_minutes": -1}),
        "meta.facilitation.timer_minutes",
        "at least 0",
    ),
    (
        "branch-score-text",
        lambda d: d.update(branches=[{"name": "b", "score": "9"}]),
        "branches[1].score",
        "number",
    ),
    (
        "branch-action-bad",
        lambda d: d.update(branches=[{"name": "b", "actions": [{"kind": "note"}]}]),
        "branches[1].actions[1].text",
        "missing",
    ),
    ("branches-a-dict", lambda d: d.update(branches={"a": 1}), "branches", "must be a list"),
]


@pytest.mark.parametrize("case, spoil, field, says", CASES, ids=[c[0] for c in CASES])
def test_each_field_is_typed_and_bounded_and_named(tmp_path, doc, case, spoil, field, says):
    spoil(doc)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    before = path.read_bytes()
    with pytest.raises(SaveError) as err:
        read_save(path)
    message = str(err.value)
    assert f"'{field}'" in message and says in message, message
    assert "\n" not in message and path.read_bytes() == before


NUMBERS = [
    ("nan", '"seed": NaN'),
    ("infinity", '"seed": Infinity'),
    ("minus-infinity", '"seed": -Infinity'),
    ("overflowing-float", '"seed": 1e999'),
    ("five-thousand-digits", '"seed": ' + "9" * 5000),
]


@pytest.mark.parametrize("case, replacement", NUMBERS, ids=[c[0] for c in NUMBERS])
def test_nan_infinity_and_huge_numbers_are_refused(tmp_path, doc, capsys, case, replacement):
    text = json.dumps(doc).replace(f'"seed": {doc["seed"]}', replacement)
    path = tmp_path / "bad.json"
    path.write_text(text)
    assert main(["replay", str(path)]) == 1
    err = capsys.readouterr().err
    assert "damaged save" in err and "Traceback" not in err and len(err.splitlines()) == 1


def test_a_save_the_game_makes_is_one_it_can_read(tmp_path, tutorial):
    from redline.engine import IllegalAction, Inject, Override

    game = Game.start(tutorial, 1)
    for action in (
        Note("x" * 5000),
        Override("escalation", float("nan"), "r"),
        Override("escalation", 1e12, "r"),
        Override("escalation", 5, "r" * 5000),
        Inject("tut_ryazan", None, "r" * 5000),
    ):
        with pytest.raises(IllegalAction):
            game.apply(action)  # the engine takes nothing a save could not hold
    assert game.actions == []
    with pytest.raises(SaveError, match="cannot save: 'meta.label'"):
        write_save(tmp_path / "s.json", game, {"label": "x" * 5000})
    assert not (tmp_path / "s.json").exists()


def test_well_formed_saves_still_load_and_replay(tmp_path, doc, tutorial):
    doc["meta"]["facilitation"] = {"teams": {"lead": "Blue"}, "timer_minutes": 5, "roles": [], "extra": 1}
    doc["actions"].append({"kind": "note", "text": "a note", "by": "lead"})
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(doc))
    data = read_save(path)
    restored = restore(data, tutorial)
    assert restored.message(path) is None and len(restored.game.actions) == 3
    assert data.meta["facilitation"]["teams"] == {"lead": "Blue"}


# ---- arbitrary JSON -----------------------------------------------------------------------------

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
JSON = st.deferred(
    lambda: SCALARS | st.lists(JSON, max_size=5) | st.dictionaries(st.text(max_size=10), JSON, max_size=5)
)
ACTION_KEYS = st.sampled_from(
    [
        "kind",
        "card",
        "option",
        "by",
        "votes",
        "note",
        "event",
        "turn",
        "reason",
        "target",
        "value",
        "text",
        "responses",
        "response",
    ]
)
KINDS = st.sampled_from(["decide", "inject", "override", "note", "signal", "respond", "x"])
ACTION = st.builds(
    lambda kind, rest: {"kind": kind, **rest},
    KINDS,
    st.dictionaries(ACTION_KEYS, JSON, max_size=5),
)
SAVE = st.fixed_dictionaries(
    {
        "format": st.just(1),
        "scenario": st.just("tutorial"),
        "content_hash": st.text(max_size=5),
        "seed": st.integers(-5, 2**64),
    },
    optional={
        "actions": st.lists(ACTION, max_size=5) | JSON,
        "branches": JSON,
        "meta": JSON,
        "saved": JSON,
        "red_cell": JSON,
        "turn": JSON,
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(doc=st.one_of(JSON, SAVE))
def test_arbitrary_json_is_refused_cleanly_or_loaded(tmp_path_factory, tutorial, doc):
    path = tmp_path_factory.mktemp("json") / "s.json"
    path.write_text(json.dumps(doc))
    started = time.monotonic()
    try:
        data = read_save(path)
    except SaveError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
        return
    restored = restore(data, tutorial)  # a save that loads replays, in part or in whole
    assert restored.game.actions == data.actions[: len(restored.game.actions)]
    assert time.monotonic() - started < 10
