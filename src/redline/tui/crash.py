"""When the interface itself fails: keep the details in a file, tell the player their game
is safe in the autosave of the last completed turn, and how to get it back.

The game is never written from here: an autosave is only ever a whole, completed turn, so
a crash in the middle of a turn cannot leave a half-played one behind.
"""

from __future__ import annotations

import platform
import tempfile
import traceback
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class CrashReport:
    error: str  # "KeyError: 'x'"
    details: Path | None  # the file with the traceback, if it could be written
    safe: str  # what became of the game in progress


def record_crash(app: Any, error: BaseException, when: datetime) -> CrashReport:
    """Write the details of `error` next to the saves (or to the temporary folder)."""
    from redline import __version__

    session = getattr(app, "session", None)
    safe = _what_is_safe(session)
    lines = [
        f"redline {__version__} stopped on an internal error at {when:%Y-%m-%d %H:%M:%S}.",
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}",
        "",
        safe,
    ]
    if session is not None:
        lines += [
            f"scenario: {session.scenario.id}  seed: {session.game.seed}  turn: {session.state.turn}",
            f"actions taken: {len(session.game.actions)}",
        ]
    lines += ["", *traceback.format_exception(type(error), error, error.__traceback__)]
    text = "\n".join(line.rstrip("\n") for line in lines) + "\n"
    name = f"crash-{when:%Y%m%d-%H%M%S}.txt"
    details = None
    for folder in _places(app):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
        except OSError:
            continue
        details = folder / name
        break
    return CrashReport(f"{type(error).__name__}: {error}"[:300], details, safe)


def crash_message(report: CrashReport) -> str:
    """What the player reads in the terminal once the interface has closed."""
    lines = [f"redline stopped on an internal error ({report.error}).", report.safe]
    if report.details is not None:
        lines.append(f"The details are in {report.details}; please include that file when reporting it.")
    return "\n".join(lines)


def _what_is_safe(session: Any) -> str:
    if session is None:
        return "No game was in progress."
    label = session.scenario.info.turn_label.lower()
    kept = session.kept_in
    if kept is None:
        return f"The game had not been saved yet: it was in {label} {session.state.turn}."
    path = kept.path
    if session.state.is_over and session.is_saved_as_is():
        return f"The finished game is in {path}."
    if path != session.autosave_path:
        where = f"as it was saved in {label} {kept.turn}, in {path}"
    elif not session.kept_at_turn_start():
        where = f"autosaved during {label} {kept.turn} in {path}"
    elif kept.turn > 1:
        where = f"autosaved at the end of {label} {kept.turn - 1} in {path}"
    else:  # a facilitated session rewound to its start autosaves there
        where = f"autosaved at the start of {label} 1 in {path}"
    return f"Your game is safe: it was {where}. Start redline again and choose Continue or Load."


def _places(app: Any) -> list[Path]:
    places = []
    try:
        places.append(Path(app.saves))
    except Exception:  # the saves folder itself may be what failed
        pass
    places.append(Path(tempfile.gettempdir()) / "redline")
    return places
