"""The facilitator's typed commands in `redline join`, read into the host's messages.

vote | close [OPTION] | inject EVENT [WHEN] [/ REASON] | override TARGET VALUE / REASON
note TEXT | rationale TEXT | rewind MONTH [NAME] | timer MINUTES | timer start|pause
show | hide (the red lines)
say TO TEXT [/ CHANGES / REASON] · deliver NUMBER (the plan's free-text inject)
rule ODDS BY PROPOSAL [/ FOR / AGAINST / IF IT SUCCEEDS / IF IT FAILS / REASON]
observe [strength|improvement|observation] TEXT [/ BY]

The rulings split their parts on " / " (with spaces), so odds may be written 2/3.
"""

from __future__ import annotations

from typing import Any


def usage(unit: str = "month") -> str:
    """Every command in one line, with the scenario's own unit ("month", "week")."""
    return (
        "vote · close [option] · inject EVENT [when] [/ reason] · override TARGET VALUE / reason · "
        f"note TEXT · rationale TEXT · rewind {unit.upper()} · timer MIN|0|start|pause · show|hide · "
        "say TO TEXT [/ changes / reason] · deliver N · "
        "rule ODDS BY PROPOSAL [/ for / against / if success / if failure / reason] · "
        "observe [strength|improvement] TEXT [/ by]"
    )


HELP = usage()
RULINGS = ("say", "deliver", "rule", "observe")


def read_ruling(verb: str, line: str, unit: str = "month") -> dict[str, Any]:
    """A free-text inject, a delivery from the plan, a ruling or an observation."""
    parts = [p.strip() for p in line.split(" / ")]
    words = parts[0].split()[1:]
    more = parts[1:] + [""] * 6
    if verb == "say" and len(words) >= 2:
        return {
            "type": "bulletin",
            "to": words[0],
            "text": " ".join(words[1:]),
            "changes": more[0],
            "reason": more[1],
        }
    if verb == "deliver" and len(words) == 1 and words[0].isdigit():
        return {"type": "deliver", "number": int(words[0])}
    if verb == "rule" and len(words) >= 3:
        by = "" if words[1].lower() in ("room", "all", "-") else words[1]
        return {
            "type": "adjudicate",
            "odds": words[0].replace("-", " ").replace("_", " "),
            "by": by,
            "proposal": " ".join(words[2:]),
            "pro": more[0],
            "con": more[1],
            "success": more[2],
            "failure": more[3],
            "reason": more[4],
        }
    if verb == "observe" and words:
        kinds = ("strength", "improvement", "observation")
        category = words[0].lower() if words[0].lower() in kinds else "observation"
        text = " ".join(words[1:] if words[0].lower() in kinds else words)
        if text:
            return {"type": "observe", "category": category, "text": text, "by": more[0]}
    raise ValueError(f"'{line.strip()}' is not a command: " + usage(unit))


def read_command(line: str, unit: str = "month") -> dict[str, Any]:
    """The message a typed line stands for; raises ValueError with what is wrong."""
    head, _, why = line.partition("/")
    words = head.split()
    if not words:
        raise ValueError("type a command: " + usage(unit))
    verb, rest = words[0].lower(), words[1:]
    if verb in RULINGS:
        return read_ruling(verb, line, unit)
    reason = why.strip()
    if verb == "vote":
        return {"type": "open_vote"}
    if verb == "close":
        return {"type": "close_vote", **({"option": " ".join(rest)} if rest else {})}
    if verb == "inject" and rest:
        # EVENT is its number, its title or its id; a last word that is a number or "now"
        # is WHEN (a title of one word that is a number is its number: give it alone).
        when = rest[-1] if len(rest) > 1 and (rest[-1].isdigit() or rest[-1].lower() == "now") else ""
        event = rest[:-1] if when else rest
        return {"type": "inject", "event": " ".join(event), "when": when, "reason": reason}
    if verb == "override" and len(rest) >= 2:
        return {"type": "override", "target": " ".join(rest[:-1]), "value": rest[-1], "reason": reason}
    if verb in ("note", "rationale") and rest:
        return {"type": "note", "text": line.split(None, 1)[1], "attach": verb == "rationale"}
    if verb == "rewind" and rest and rest[0].lower() in (unit.lower(), "turn"):
        rest = rest[1:]  # "rewind Month 1", as the screen says it
    if verb == "rewind" and rest and rest[0].isdigit():
        return {"type": "rewind", "turn": int(rest[0]), "name": " ".join(rest[1:])}
    if verb == "timer" and rest:
        if rest[0] in ("start", "pause"):
            return {"type": "timer", "run": rest[0] == "start"}
        try:
            return {"type": "timer", "minutes": float(rest[0]), "run": False}
        except ValueError:
            pass
    if verb in ("show", "hide"):
        return {"type": "red_lines", "shown": verb == "show"}
    if verb == "decide" and rest:
        return {"type": "decide", "option": " ".join(rest)}
    raise ValueError(f"'{line.strip()}' is not a command: " + usage(unit))
