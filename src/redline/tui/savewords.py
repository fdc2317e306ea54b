"""A save said in the player's words: the scenario's title and its own unit of time ("Month 3
of 12"), never the scenario's id, a file name or the word "turn".

The title and the unit come from the scenario catalogue (each scenario's header, read without
loading the scenario), so the title screen and the Load dialog can say them from a worker
thread without paying for a whole scenario.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from redline.tui.session import format_saved, scenarios

if TYPE_CHECKING:
    from redline.content import Entry
    from redline.saves import SaveInfo

NOT_INSTALLED = "no longer installed"
GONE = f"a scenario that is {NOT_INSTALLED}"


def catalogue(content_dirs: Iterable[Path] | None) -> dict[str, Entry]:
    """The installed scenarios by id; empty when the content folders cannot be read."""
    try:
        return {e.id: e for e in scenarios(content_dirs)}
    except OSError:
        return {}


def reached(info: SaveInfo, entry: Entry | None, *, of: bool = True) -> str:
    """How far the saved game went, in the scenario's unit: "Month 3 of 12" ("Month 3"
    without `of`); "" when the unit is unknown (the scenario is not installed)."""
    if entry is None or info.turn is None:
        return ""
    where = f"{entry.turn_label} {info.turn}"
    return f"{where} of {entry.turns}" if of and entry.turns else where


def saved_ago(saved: str | None, clock: Callable[[], datetime]) -> str:
    """When a save was written, as a player says it: "just now", "5 min ago", "2 h ago";
    older (or from a clock that disagrees) as the date and time."""
    if saved:
        try:
            then = datetime.fromisoformat(saved)
            seconds = (clock() - then).total_seconds()
        except (ValueError, TypeError):  # not a date, or one without a time zone
            seconds = -1.0
        if 0 <= seconds < 60:
            return "just now"
        if 0 <= seconds < 3600:
            return f"{int(seconds // 60)} min ago"
        if 0 <= seconds < 86400:
            return f"{int(seconds // 3600)} h ago"
    return format_saved(saved, clock)


def continue_line(
    info: SaveInfo, entry: Entry | None, clock: Callable[[], datetime], indent: str = " — "
) -> str:
    """The title screen's Continue line, after "Continue": the game the autosave holds. The
    title screen breaks it after the scenario's title (`indent`: a line break and the
    menu's indent), so a long title never wraps the line mid-phrase."""
    when = saved_ago(info.saved, clock)
    if entry is None:
        return f"{GONE} (autosaved {when})"
    return f"{entry.title}{indent}{reached(info, entry)} (autosaved {when})"
