"""The facilitator's rulings, read from what was typed: a free-text inject, an off-card
adjudication, a hot-wash observation. No Textual here: the TUI's dialogs and the host's
commands both come through these functions, and the engine checks and records each action.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from redline.engine import IllegalAction

if TYPE_CHECKING:
    from redline.content import Scenario
    from redline.session.facilitated import FacilitatedSession

Changes = tuple[tuple[str, float | bool], ...]

# The matrix game's usual odds, most likely first (Engle; Curry and Perla).
ODDS: tuple[tuple[str, float, str], ...] = (
    ("very likely", 5 / 6, "5/6"),
    ("likely", 2 / 3, "2/3"),
    ("even", 1 / 2, "1/2"),
    ("unlikely", 1 / 3, "1/3"),
    ("very unlikely", 1 / 6, "1/6"),
)
CATEGORIES = ("strength", "improvement", "observation")
EVERYONE = ("", "all", "everyone", "room", "the room")


def parse_odds(text: str) -> float:
    """ "likely", "2/3", "0.66", "66%" -> a share from 0 to 1; raises IllegalAction."""
    word = " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
    for name, odds, share in ODDS:
        if word in (name, share):
            return odds
    try:
        if word.endswith("%"):
            value = float(word[:-1]) / 100
        elif "/" in word:
            value = float(Fraction(word))
        else:
            value = float(word)
    except (ValueError, ZeroDivisionError):
        names = ", ".join(f"{n} {s}" for n, _, s in ODDS)
        raise IllegalAction(f"'{text.strip()}' is not odds: give {names}, or a share such as 0.4") from None
    if not 0 <= value <= 1:
        raise IllegalAction(f"odds of {text.strip()} are not between 0 and 1")
    return value


def odds_words(odds: float) -> str:
    """ "likely (2/3)" for a default, "40%" otherwise."""
    for name, value, share in ODDS:
        if abs(odds - value) < 1e-9:
            return f"{name} ({share})"
    return f"{odds:.0%}"


def parse_changes(scenario: Scenario, text: str) -> Changes:
    """ "public -3, ally.de +2, mandate yes" -> ((target, value), ...); a target may be named
    by its id or its label. Raises IllegalAction saying which part is wrong."""
    out: list[tuple[str, float | bool]] = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        name, _, value = part.rpartition(" ")
        if not name:
            raise IllegalAction(f"'{part}': write what changes and by how much, e.g. 'public -3'")
        target = find_target(scenario, name.strip())
        if target in scenario.flags:
            from redline.session.facilitated import parse_value

            out.append((target, parse_value(scenario, target, value)))
            continue
        try:
            out.append((target, float(value)))
        except ValueError:
            raise IllegalAction(f"'{part}': '{value}' is not a change (+5, -3)") from None
    return tuple(out)


def find_target(scenario: Scenario, name: str) -> str:
    """A meter, flag or ally by id (`ally.<id>` or the ally's id) or by its label."""
    low = name.lower()
    for mid, meter in scenario.meters.items():
        if low in (mid, meter.label.lower()):
            return mid
    for fid, flag in scenario.flags.items():
        if low in (fid, (flag.label or fid).lower()):
            return fid
    for aid, ally in scenario.allies.items():
        if low in (aid, f"ally.{aid}", ally.name.lower()):
            return f"ally.{aid}"
    raise IllegalAction(f"nothing called '{name}' to change (a meter, a flag or an ally)")


def changes_words(scenario: Scenario, changes: Changes) -> str:
    """The changes in the scenario's words: "Public support -3, Germany +2"."""
    bits = []
    for target, value in changes:
        if target.startswith("ally."):
            ally = scenario.allies.get(target[5:])
            label = ally.name if ally else target
        elif target in scenario.meters:
            label = scenario.meters[target].label
        else:
            flag = scenario.flags.get(target)
            label = (flag.label or target) if flag else target
        shown = ("yes" if value else "no") if isinstance(value, bool) else f"{value:+g}"
        bits.append(f"{label} {shown}")
    return ", ".join(bits)


def role_of(session: FacilitatedSession, text: str) -> str | None:
    """A role by id, by name or by its team's name; None for the whole room."""
    low = text.strip().lower()
    if low in EVERYONE:
        return None
    said = " ".join(low.replace("-", " ").replace("_", " ").split())
    for rid, role in session.scenario.roles.items():
        name = role.name.lower()
        short = name.split("(")[0].strip()  # "coalition lead" of "Coalition lead (Paris and London)"
        if low == rid or said in (name, short, (session.teams.get(rid) or "").lower()):
            return rid
    # A role by the name the screens show, its words joined by "-" when typed as one word.
    names = ", ".join(role.name.split("(")[0].strip() for role in session.scenario.roles.values())
    raise IllegalAction(f"no seat '{text.strip()}' (give a role: {names}; or all)")


def bulletin(
    session: FacilitatedSession,
    text: str,
    to: str = "",
    changes: str | Changes = "",
    reason: str = "",
    sender: str = "",
) -> str:
    """A free-text inject; returns what happened, in words. Raises IllegalAction (nothing changes)."""
    from redline.engine import Bulletin

    role = role_of(session, to)
    parsed = parse_changes(session.scenario, changes) if isinstance(changes, str) else changes
    session.game.apply(Bulletin(text.strip(), role, parsed, reason.strip() or None, sender.strip() or None))
    said = f"Inject to {session.role_name(role)}"
    return said + (f": {changes_words(session.scenario, parsed)}" if parsed else "")


def adjudicate(
    session: FacilitatedSession,
    proposal: str,
    odds: str | float,
    by: str = "",
    pro: str = "",
    con: str = "",
    success: str | Changes = "",
    failure: str | Changes = "",
    reason: str = "",
) -> str:
    """Rule on an off-card proposal: roll with the game's generator, apply the changes of the
    result. Returns the result in words ("succeeds: roll 41 against likely (2/3)")."""
    from redline.engine import Adjudicate

    share = parse_odds(odds) if isinstance(odds, str) else float(odds)
    sc = session.scenario
    won_changes = parse_changes(sc, success) if isinstance(success, str) else success
    lost_changes = parse_changes(sc, failure) if isinstance(failure, str) else failure
    role = role_of(session, by) if by.strip() else None
    events = session.game.apply(
        Adjudicate(
            proposal.strip(),
            share,
            role or (by.strip() or None),
            pro.strip() or None,
            con.strip() or None,
            won_changes,
            lost_changes,
            reason.strip() or None,
        )
    )
    ruling = next((e for e in events if e.kind == "adjudication"), None)
    won = bool(ruling and ruling.after)
    roll = ruling.text.rsplit("roll ", 1)[-1].rstrip(")") if ruling else "?"
    applied = won_changes if won else lost_changes
    said = f"{'Succeeds' if won else 'Fails'}: roll {roll} against {odds_words(share)}"
    return said + (f"; {changes_words(sc, applied)}" if applied else "")


def observe(session: FacilitatedSession, text: str, category: str = "observation", by: str = "") -> str:
    from redline.engine import Observe

    kind = category.strip().lower() or "observation"
    matches = [c for c in CATEGORIES if c.startswith(kind)]
    if len(matches) != 1:
        raise IllegalAction("an observation is a strength, an improvement or an observation")
    session.game.apply(Observe(text.strip(), matches[0], by.strip() or None))
    if session.state.is_over:  # the hot-wash after the ending: no turn end will save it
        error = session.autosave()
        if error:
            return f"{matches[0].capitalize()} recorded, but not saved: {error}"
    return f"{matches[0].capitalize()} recorded"
