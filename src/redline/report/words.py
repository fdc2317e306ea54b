"""Content written for the engine, said in the players' words: numbers, conditions, effects.

Presentation only: nothing here decides anything; it renames what the scenario declares.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from redline.content.compiled import Scenario
from redline.plural import counted as counted  # re-exported: the faces say counts through words

_TOKEN = re.compile(
    r"(?P<dotted>(?:ally|crossed)\.[a-z][a-z0-9_]*(?:\.[a-z]+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>>=|<=|==|!=|\*\*|//)"
    r"|(?P<other>.)",
    re.S,
)
_OPS = {">=": "≥", "<=": "≤", "==": "=", "!=": "≠", "*": "×", "**": "^", "//": "÷"}
_SPECIAL = {
    "cohesion": "allied cohesion",
    "rung": "the ladder rung",
    "crossed_now": "red lines crossed this {turn}",  # in the scenario's unit
    "crossed_count": "red lines crossed",
    "allies_in": "allies still in",
    "True": "yes",
    "False": "no",
    "true": "yes",
    "false": "no",
}


def num(value: Any) -> str:
    """35.0 -> '35', 60.25 -> '60.25', True -> 'yes'."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "—"
    if isinstance(value, int | float):
        rounded = round(float(value), 2)
        if rounded == int(rounded):
            return str(int(rounded))
        return f"{rounded:.2f}".rstrip("0").rstrip(".")
    return str(value)


def signed(value: float) -> str:
    text = num(abs(value))
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else "±0")


def colon(title: str) -> str:
    """A title that leads what follows it: 'On whose consent?' stays as it is, 'Demining'
    becomes 'Demining:' (never '?:' or '.:')."""
    title = title.rstrip()
    return title if title.endswith(("?", "!", ":", ".", "…")) else f"{title}:"


def joined(text: str, more: str, sep: str = "; ") -> str:
    """`text` then `more`: after a sentence's own end (. ? !) a dash, never '.;'."""
    text = text.rstrip()
    if not more:
        return text
    if not text:
        return more
    return f"{text} — {more}" if text.endswith((".", "?", "!", "…")) else f"{text}{sep}{more}"


def percent(p: float) -> str:
    p = min(max(float(p), 0.0), 1.0) * 100
    if 0 < p < 1:
        return "<1%"
    if 99 < p < 100:
        return ">99%"
    return f"{round(p):d}%"


def target_label(target: str | None, scenario: Scenario) -> str:
    """A meter, flag or `ally.<id>` target, by the name players see."""
    if not target:
        return ""
    if target in scenario.meters:
        return scenario.meters[target].label
    if target in scenario.flags:
        return scenario.flags[target].label or target
    if target == "cohesion":
        return "Allied cohesion"
    if target.startswith("ally."):
        ally = scenario.allies.get(target[5:])
        if ally:
            return f"{ally.name} support"
    return target


def role_name(role: str | None, scenario: Scenario) -> str | None:
    if not role:
        return None
    found = scenario.roles.get(role)
    return found.name if found else role


_RUNG = re.compile(r"the ladder rung ?(?P<op>≥|≤|=|≠|<|>) ?(?P<n>\d+)\b")


# A red line kept from the players (a plan's `hide_red_lines`), where a condition names it.
HIDDEN_CONDITION = "a hidden condition"
_HIDDEN_TWICE = re.compile(rf"{HIDDEN_CONDITION}(?: (?:or|and) {HIDDEN_CONDITION})+")


def condition(text: str | None, scenario: Scenario, hide_red_lines: bool = False) -> str:
    """`escalation < 80 and not us_backstop` -> `Kremlin escalation < 80 and not “US backstop agreed”`.

    `hide_red_lines`: for a page the players read while the red lines are kept from them, a red
    line the condition names is said as "a hidden condition", never by its label."""
    if text is None:
        return ""
    text = str(text)
    turn = scenario.info.turn_label.lower()
    red_lines = {rl.id: rl.model.label for rl in scenario.red_lines}
    out: list[str] = []
    for m in _TOKEN.finditer(text):
        if m.group("dotted"):
            parts = m.group("dotted").split(".")
            if parts[0] == "ally":
                ally = scenario.allies.get(parts[1])
                name = ally.name if ally else parts[1]
                attr = parts[2] if len(parts) == 3 else "support"
                out.append({"in": f"{name} is in", "out": f"{name} has left"}.get(attr, f"{name} support"))
            else:
                label = red_lines.get(parts[1], parts[1])
                out.append(HIDDEN_CONDITION if hide_red_lines else f"red line “{label}” crossed")
        elif m.group("name"):
            name = m.group("name")
            if name in scenario.meters:
                out.append(scenario.meters[name].label)
            elif name in scenario.flags:
                out.append(f"“{scenario.flags[name].label or name}”")
            elif name == "turn":
                out.append(turn)
            else:
                out.append(_SPECIAL.get(name, name).replace("{turn}", turn))
        elif m.group("op"):
            out.append(_OPS[m.group("op")])
        else:
            ch = m.group("other")
            out.append(_OPS.get(ch, ch))
    said = re.sub(r"\s+", " ", "".join(out)).strip()
    if hide_red_lines:  # "a hidden condition or a hidden condition" says no more than once
        said = _HIDDEN_TWICE.sub(HIDDEN_CONDITION, said)
    # The engine counts rungs from 0; people count them from 1 ("rung 2 of 5"), as the game shows.
    return _RUNG.sub(lambda m: f"the ladder rung {m['op']} {int(m['n']) + 1}", said)


def effects(items: Mapping[str, Any], scenario: Scenario, hide_red_lines: bool = False) -> list[str]:
    """An effects mapping, one phrase per target: `Kremlin escalation +8`, `Troops in Ukraine: yes`."""
    phrases = []
    for target, value in items.items():
        label = target_label(target, scenario)
        if isinstance(value, bool):
            phrases.append(f"{label}: {num(value)}")
        elif isinstance(value, int | float):
            phrases.append(f"{label} {signed(value)}")
        else:
            phrases.append(f"{label} + ({condition(value, scenario, hide_red_lines)})")
    return phrases


def contribution(ally: Any) -> str:
    """`troops 5 · aircraft 3`, from an ally's declared contribution."""
    parts = [f"{k} {num(v)}" for k, v in ally.contribution.model_dump().items() if v]
    return " · ".join(parts) or "political support"


# ---- the engine's record, in the scenario's words ------------------------------------------------
# The engine writes its record with ids, raw conditions and its own word for a turn ("Facilitator
# set legitimacy to 52.0", "chance 50% when ryazan_hit", "In 2 turn(s): …", "drawn because turn
# <= 2"). `Said` is the one renderer that puts it in a scenario's words, so no id and no raw
# expression reaches people. It has two readings, and one composition of them for events:
# - a line as the log shows it (`line`; `said_text`): every id named, every "N turn(s)" and
#   "turn N" in the scenario's word, a chance's condition and a facilitator's change in words;
# - the engine's cause and an event's headline (`cause`, `headline`; `cause`, `event_text`): a
#   condition after "because" or a chance said in words, a later consequence said by when it
#   comes, or said never to come when the game ends first;
# - an event, once (`events`; `said_events`): its headline then its line, its cause read as a
#   cause or else as a line. Faces show said events as they are and never say them again.

_CHANCE = re.compile(r"^chance (?P<p>\S+) when (?P<expr>.*)$", re.S)
_PERCENT = re.compile(r"[<>]?\d+%")  # an event's chance as the engine writes it: "30%", "<1%"
_BECAUSE = ("drawn because ", "because ")
# The value an override set, then (when the value asked was outside the range) what was asked.
_SET = re.compile(r"^Facilitator set (?P<target>\S+) to (?P<value>\S+)(?P<asked> \(asked .*)?$", re.S)
_TURNS = re.compile(r"\b(?P<n>\d+) turn\(s\)")
_LATER = re.compile(rf"^In {_TURNS.pattern}: ", re.S)
_FOR_TURN = re.compile(r"\b(?P<word>for|after the last) turn (?P<n>\d+)\b")
_ID = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def names(scenario: Scenario) -> dict[str, str]:
    """Every id of the scenario (with an underscore, so never a plain word) -> the name people see."""
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


class Said:
    """The engine's record in one scenario's words (see above for the two readings)."""

    def __init__(self, scenario: Scenario, known: dict[str, str] | None = None) -> None:
        self.scenario = scenario
        self.turn = scenario.info.turn_label.lower()
        self._known = known

    @property
    def known(self) -> dict[str, str]:
        """The scenario's ids and their names; made on first use (a cause needs none)."""
        if self._known is None:
            self._known = names(self.scenario)
        return self._known

    def chance(self, text: str, percent_only: bool) -> str | None:
        """'chance 30% when <condition>' with the condition said in words; None if `text` is
        not a chance (with `percent_only`, not one as the engine writes an event's)."""
        m = _CHANCE.match(text)
        if m is None or not (_PERCENT.fullmatch(m["p"]) if percent_only else m["expr"]):
            return None
        return f"chance {m['p']} when {condition(m['expr'], self.scenario)}"

    def turns(self, n: str) -> str:
        """'2 turn(s)' -> '2 months', '1 month'."""
        return f"{n} {self.turn}{'' if n == '1' else 's'}"

    def when_later(self, after: int) -> str:
        """'next month', 'in 3 months'."""
        return f"next {self.turn}" if after == 1 else f"in {after} {self.turn}s"

    def turn_words(self, text: str) -> str:
        """Every 'N turn(s)' and 'for turn N' of the engine in the scenario's word, ids kept
        (for an author's tools, which name ids)."""
        text = _TURNS.sub(lambda t: self.turns(t["n"]), text)
        return _FOR_TURN.sub(lambda t: f"{t['word']} {self.turn} {t['n']}", text)

    # ---- a line as the log shows it ----

    def line(self, text: str | None) -> str | None:
        """A line of the record with its ids, expressions and turn words put in the scenario's words."""
        if not text:
            return text
        text = self.chance(text, percent_only=False) or text
        m = _SET.match(text)
        if m:
            try:
                value = num(float(m["value"]))
            except ValueError:
                value = {"True": "yes", "False": "no"}.get(m["value"], m["value"])
            text = f"Facilitator set {target_label(m['target'], self.scenario)} to {value}{m['asked'] or ''}"
        text = self.turn_words(text)
        known = self.known
        return _ID.sub(lambda i: known.get(i.group(0), i.group(0)), text)

    def events(self, events: list[Any]) -> list[Any]:
        """The events said once, for every face (ids and refs kept): the text with a later
        consequence said by when it comes (`headline`), then as a line; the cause as the
        engine's cause where it is one (`cause`), else as a line.

        Said text is never said again: a name said twice doubles its label ("Kremlin Kremlin
        escalation"), and a consequence already said by its month is no longer seen to come
        too late. A face that shows said events shows their text and cause as they are."""
        out = []
        for e in events:
            text = self.line(self.headline(e.text, e.turn)) if e.text else e.text
            why = self.why(e.cause)
            out.append(e if (text, why) == (e.text, e.cause) else replace(e, text=text, cause=why))
        return out

    def why(self, text: str | None) -> str | None:
        """A cause as people read it: the engine's cause said in words when it is one
        (`cause`), any other line of the record with its ids named (`line`)."""
        said = self.cause(text)
        return said if said != text else self.line(text)

    # ---- the engine's cause, an event's headline ----

    def cause(self, text: str | None) -> str | None:
        """An engine cause ('because ceasefire and stability >= 35') with its condition said in words."""
        if not text:
            return text
        for prefix in _BECAUSE:
            if text.startswith(prefix):
                return prefix + condition(text[len(prefix) :], self.scenario)
        return self.chance(text, percent_only=True) or text

    def headline(self, text: str, turn: int | None = None) -> str:
        """An event's text ('In 2 turn(s): …') in the scenario's words ('In 2 months: …'). A
        consequence due after the last turn is said never to come: the game ends first."""
        m = _LATER.match(text)
        if m is None:
            return text
        after, rest = int(m["n"]), text[m.end() :]
        if turn is not None and turn + after > self.scenario.info.turns:
            return f"Too late to matter (the game ends first): {rest}"
        return f"{self.when_later(after).capitalize()}: {rest}"


def said_text(text: str | None, scenario: Scenario, known: dict[str, str] | None = None) -> str | None:
    """A line of the record in the scenario's words (`Said.line`)."""
    return Said(scenario, known).line(text)


def said_events(events: list[Any], scenario: Scenario) -> list[Any]:
    """The events with their text and cause in the scenario's words (`Said.events`)."""
    return Said(scenario).events(events)


def cause(text: str | None, scenario: Scenario) -> str | None:
    """An engine cause with its condition said in words (`Said.cause`)."""
    return Said(scenario).cause(text)


def why(text: str | None, scenario: Scenario) -> str | None:
    """A cause of the record as people read it (`Said.why`)."""
    return Said(scenario).why(text)


def event_text(text: str, scenario: Scenario, turn: int | None = None) -> str:
    """An engine event's text in the scenario's words (`Said.headline`)."""
    return Said(scenario).headline(text, turn)


# ---- sources: the article, never the file -------------------------------------------------

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def date_words(iso: str | None) -> str:
    """'2025-09-06' -> '6 September 2025'; anything else as it is."""
    if not iso:
        return ""
    try:
        year, month, day = (int(x) for x in iso.split("-"))
        return f"{day} {_MONTHS[month - 1]} {year}"
    except (ValueError, IndexError):
        return iso


def article(file: str, scenario: Scenario) -> str:
    """A source file as the article it is: headline, outlet (or section), date, whom it quotes.

    The file name itself is never returned: a source the scenario does not describe is
    'an article the scenario cites'."""
    found = scenario.info.articles.get(file)
    if found is None:
        return "an article the scenario cites"
    where = found.outlet or (
        f"{found.section} section, outlet not named" if found.section else "outlet not named"
    )
    when = date_words(found.date) or "undated"
    text = f"“{found.headline}” ({where}, {when})"
    if found.quotes:
        text += ", citing " + ", ".join(found.quotes)
    return text


def source(item: Any, scenario: Scenario) -> str:
    """One `sources:` entry: the words quoted, then the article they come from."""
    quote = getattr(item, "quote", None)
    where = article(item.file, scenario)
    return f"“{quote}” — {where}" if quote else where


def odds_words(state: Any, option: Any) -> str | None:
    """ "The mandate passes 20% · Russia vetoes 80%", or None when no chance is involved: the
    odds of an option's outcomes as every face says them."""
    if not option.outcomes:
        return None
    odds = state.outcome_odds(option)
    parts = []
    for oc, (oid, p) in zip(option.outcomes, odds, strict=True):
        label = oc.model.label or oc.model.text or oid
        partial = " (partial)" if oc.model.partial else ""
        parts.append(f"{label}{partial} {p:.0%}")
    rest = 1.0 - sum(p for _, p in odds)
    if rest > 0.005:
        parts.append(f"nothing happens {rest:.0%}")
    return " · ".join(parts)


# The questions the sources name, in their words; a scenario's own topics read as written.
TOPIC_WORDS = {
    "mandate": "mandate and timing",
    "roe": "rules of engagement",
    "air_defense": "air defense",
    "exit": "exit strategy",
}


def topic_words(topic: str) -> str:
    """A card's topic as people say it ('roe' -> 'rules of engagement')."""
    return TOPIC_WORDS.get(topic) or topic.replace("_", " ")
