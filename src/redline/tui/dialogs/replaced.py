"""What a new game would overwrite: each scenario has one autosave, so a new game of a
scenario replaces the unfinished game autosaved for it (whether or not that game is the one
open now). Said before the new game starts, so no dialog promises a game that can no longer
be continued."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redline.content.compiled import Scenario
    from redline.tui.session import Session


def autosave_replaced(
    saves: Path, scenario: Scenario, session: Session | None, clock: Callable[[], datetime]
) -> str | None:
    """The sentence that says which unfinished game a new game of `scenario` replaces, or
    None when there is none (or it is the open game's, which the quit dialog speaks of)."""
    from redline.tui.session import AUTOSAVE_PREFIX, format_saved, saves_in

    path = saves / f"{AUTOSAVE_PREFIX}{scenario.id}.json"
    open_game = session is not None and session.in_progress and session.kept_in is not None
    if open_game and session.kept_in[0] == path:  # type: ignore[union-attr]
        return None  # the dialog about the open game already says its autosave is replaced
    if not path.is_file():
        return None
    info = next((i for i in saves_in(saves) if i.path == path), None)
    if info is None or info.over or info.turn is None:
        return None  # a finished game (or a damaged file) is no game to continue
    label = scenario.info.turn_label.lower()
    return (
        f"An unfinished game of this scenario ({label} {info.turn}, autosaved "
        f"{format_saved(info.saved, clock)}) is kept in {path.name}; the new game's first autosave "
        "replaces it. To keep it, continue it and save it under a name first (s in the game)."
    )
