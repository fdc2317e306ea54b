"""Every face that shows the engine's record says it in the words the renderers always used.

The renderers as they were before they became one (report/words.py) are kept below, word for
word, as the reference for the two readings: a line of the record, and the engine's cause and
headline. Played games of both shipped scenarios, with a facilitator's changes, injects and
notes, go through each reading twice, once through each renderer, and must come out the same.

Events are said once, as a composition of the two readings (the headline, then the line; the
cause as a cause where it is one, else as a line). Faces used to say an event's text and cause
a second time, which doubled labels ("Kremlin Kremlin escalation") and hid a consequence due
after the end; the reference composition here is built from the old renderers alone. The
reference follows the scenarios' text, so a change of wording in a scenario never breaks this
test; only a change of the rendering does.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from typing import Any

import pytest

from redline.engine import Game, Inject, Note, Override
from redline.report import words
from redline.report.words import condition, num, target_label

# ---- the renderers as they were (report/words.py before they became one) -------------------

_CHANCE = re.compile(r"^chance (?P<p>\S+) when (?P<expr>.+)$", re.S)
_SET = re.compile(r"^Facilitator set (?P<target>\S+) to (?P<value>.+)$", re.S)
_TURNS = re.compile(r"\b(?P<n>\d+) turn\(s\)")
_FOR_TURN = re.compile(r"\b(?P<word>for|after the last) turn (?P<n>\d+)\b")
_ID = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
_CHANCE_CAUSE = re.compile(r"^(chance [<>]?\d+%) when ")
_LATER = re.compile(r"^In (\d+) turn\(s\): ", re.S)


def was_names(scenario) -> dict[str, str]:
    out: dict[str, str] = {}
    for mid, meter in scenario.meters.items():
        out[mid] = meter.label
    for fid, flag in scenario.flags.items():
        out[fid] = f"“{flag.label or fid}”"
    for aid, ally in scenario.allies.items():
        out[aid] = ally.name
    for rl in scenario.red_lines:
        out[rl.id] = f"“{rl.model.label}”"
    for rid, response in scenario.responses.items():
        out[rid] = response.model.label
    for card in scenario.cards:
        out[card.id] = f"“{card.model.title}”"
        for option in card.options:
            out.setdefault(option.id, f"“{option.model.label}”")
    for ev in scenario.events:
        out[ev.id] = f"“{ev.model.title}”"
    for ending in scenario.endings:
        out[ending.id] = f"“{ending.model.title}”"
    for role_id, role in scenario.roles.items():
        out[role_id] = role.name
    return {k: v for k, v in out.items() if "_" in k}


def was_said_text(text, scenario, known=None):
    if not text:
        return text
    known = was_names(scenario) if known is None else known
    turn = scenario.info.turn_label.lower()
    m = _CHANCE.match(text)
    if m:
        text = f"chance {m['p']} when {condition(m['expr'], scenario)}"
    m = _SET.match(text)
    if m:
        try:
            value = num(float(m["value"]))
        except ValueError:
            value = {"True": "yes", "False": "no"}.get(m["value"], m["value"])
        text = f"Facilitator set {target_label(m['target'], scenario)} to {value}"
    text = _TURNS.sub(lambda t: f"{t['n']} {turn}{'' if t['n'] == '1' else 's'}", text)
    text = _FOR_TURN.sub(lambda t: f"{t['word']} {turn} {t['n']}", text)
    return _ID.sub(lambda i: known.get(i.group(0), i.group(0)), text)


def was_when_later(after, scenario):
    label = scenario.info.turn_label.lower()
    if after == 1:
        return f"next {label}"
    return f"in {after} {label}s"


def was_cause(text, scenario):
    if not text:
        return text
    for prefix in ("drawn because ", "because "):
        if text.startswith(prefix):
            return prefix + condition(text[len(prefix) :], scenario)
    m = _CHANCE_CAUSE.match(text)
    if m:
        return f"{m.group(1)} when {condition(text[m.end() :], scenario)}"
    return text


def was_event_text(text, scenario, turn=None):
    m = _LATER.match(text)
    if m:
        after = int(m.group(1))
        rest = text[m.end() :]
        if turn is not None and turn + after > scenario.info.turns:
            return f"Too late to matter (the game ends first): {rest}"
        return f"{was_when_later(after, scenario).capitalize()}: {rest}"
    return text


# ---- the call sites' paths ---------------------------------------------------------------


def was_said_once(events, scenario):
    """An event said once, from the old renderers: its headline then its line; its cause as a
    cause where that says it in words, else as a line."""
    known = was_names(scenario)
    out = []
    for e in events:
        text = was_said_text(was_event_text(e.text, scenario, e.turn), scenario, known) if e.text else e.text
        why = was_cause(e.cause, scenario)
        why = why if why != e.cause else was_said_text(e.cause, scenario, known)
        out.append(e if (text, why) == (e.text, e.cause) else replace(e, text=text, cause=why))
    return out


def sites(events: list[Any], sc, said_events, said_text, cause, event_text) -> dict[str, list[Any]]:
    """What each face makes of `events`, through the given renderers."""
    said = said_events(events, sc)
    return {
        # the news log, a seat's view, the turn report and the after-action report: said once
        "said_events": [(e.text, e.cause, e is raw) for e, raw in zip(said, events, strict=True)],
        # the ending screen, the plain face and the report's moments: the engine's own cause
        "cause, raw": [cause(e.cause, sc) for e in events],
        "event_text, raw": [event_text(e.text, sc, e.turn) for e in events],
        "said_text, raw": [said_text(e.text, sc) for e in events],
    }


def _played(scenario, seed: int) -> list[Any]:
    """A game of `scenario` played at random from `seed`, with the facilitator at work."""
    game = Game.start(scenario, seed)
    rnd = random.Random(seed)
    meter = next(iter(scenario.meters))
    flag = next(iter(scenario.flags), None)
    event = scenario.events[seed % len(scenario.events)].id
    game.apply(Override(meter, 52.0, "a ruling"))
    if flag:
        game.apply(Override(flag, True, f"the room agrees ({flag})"))
    game.apply(Inject(event, 3, "later"))
    game.apply(Note("because stability >= 35 and chance 30% when this", by="white cell"))
    while not game.state.is_over:
        game.apply(rnd.choice(game.state.legal_actions()))
    return game.all_events()


@pytest.mark.parametrize("seed", [1, 5, 9])
def test_every_face_says_the_record_as_before(shipped, seed):
    for sc in shipped:
        events = _played(sc, seed)
        now = sites(events, sc, words.said_events, words.said_text, words.cause, words.event_text)
        was = sites(events, sc, was_said_once, was_said_text, was_cause, was_event_text)
        assert now == was, sc.id
        assert len(events) > 20  # a whole game went through


LINES = [
    "In 1 turn(s): the bill comes",
    "In 2 turn(s): the bill comes",
    "In 40 turn(s): never",
    "chance 50% when escalation >= 40",
    "chance 0.5 when escalation >= 40",
    "chance <1% when rung > 1",
    "chance 30% when ",
    "drawn because turn >= 2 and not ceasefire",
    "because escalation >= 80",
    "because",
    "Facilitator set escalation to 52.0",
    "Facilitator set ally.poland to -3",
    "Facilitator set ceasefire to True",
    "Facilitator set ceasefire to maybe",
    "Scheduled for turn 3: a strike",
    "after the last turn 6",
    "red line crossed in month 2",
    "no other ending applied",
    "",
    None,
]


@pytest.mark.parametrize("line", LINES)
def test_odd_lines_are_said_as_before(shipped, line):
    for sc in shipped:
        assert words.said_text(line, sc) == was_said_text(line, sc)
        assert words.cause(line, sc) == was_cause(line, sc)
        if line is not None:
            for turn in (None, 1, sc.turns):
                assert words.event_text(line, sc, turn) == was_event_text(line, sc, turn)
        assert words.names(sc) == was_names(sc)
