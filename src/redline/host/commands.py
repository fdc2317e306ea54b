"""The facilitator's typed commands in `redline join`, read into the host's messages.

vote | close [OPTION] | inject EVENT [WHEN] [/ REASON] | override TARGET VALUE / REASON
note TEXT | rationale TEXT | rewind TURN [NAME] | timer MINUTES | timer start|pause
show | hide (the red lines)
"""

from __future__ import annotations

from typing import Any

HELP = (
    "vote · close [option] · inject EVENT [when] [/ reason] · override TARGET VALUE / reason · "
    "note TEXT · rationale TEXT · rewind TURN · timer MIN|start|pause · show|hide"
)


def read_command(line: str) -> dict[str, Any]:
    """The message a typed line stands for; raises ValueError with what is wrong."""
    head, _, why = line.partition("/")
    words = head.split()
    if not words:
        raise ValueError("type a command: " + HELP)
    verb, rest = words[0].lower(), words[1:]
    reason = why.strip()
    if verb == "vote":
        return {"type": "open_vote"}
    if verb == "close":
        return {"type": "close_vote", **({"option": rest[0]} if rest else {})}
    if verb == "inject" and rest:
        return {
            "type": "inject",
            "event": rest[0],
            "when": rest[1] if len(rest) > 1 else "",
            "reason": reason,
        }
    if verb == "override" and len(rest) == 2:
        return {"type": "override", "target": rest[0], "value": rest[1], "reason": reason}
    if verb in ("note", "rationale") and rest:
        return {"type": "note", "text": line.split(None, 1)[1], "attach": verb == "rationale"}
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
        return {"type": "decide", "option": rest[0]}
    raise ValueError(f"'{line.strip()}' is not a command: " + HELP)
