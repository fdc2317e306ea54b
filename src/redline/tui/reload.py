"""`redline play --watch`: load the edited content and replay the game onto it.

Called by the watcher beside it (tui/watcher.py) when `content.watch.fingerprint` changes.
Nothing here raises on bad content: the errors come back as text and the old game goes on.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from redline.content.errors import ContentErrors
from redline.content.loader import load_scenario
from redline.engine import Game, replay
from redline.engine.actions import describe


def reload_game(game: Game, folder: str | Path, packs: Iterable[str | Path] = ()) -> tuple[Game | None, str]:
    """Load the content again and replay `game`'s actions on it.

    Returns (new game, message). The new game is None when the content has errors; the
    message then lists them with file:line:col. When the content changed so that an action
    no longer applies, the new game stops just before it and the message says where and why.
    """
    try:
        scenario = load_scenario(folder, tuple(packs))
    except ContentErrors as exc:
        n = len(exc.errors)
        lines = [f"Content has {n} error{'s' if n != 1 else ''}; still playing the previous version:"]
        lines += [str(e) for e in exc.errors]
        return None, "\n".join(lines)
    try:
        new, failed, reason = replay(scenario, game.seed, list(game.actions), game.red_cell)
    except (ArithmeticError, TypeError, ValueError) as exc:  # content that misbehaves in play
        return (
            None,
            f"The new content fails in play ({type(exc).__name__}: {exc}); still playing the previous version.",
        )
    new.branches = list(game.branches)
    if failed is not None:
        action = game.actions[failed]
        return new, (
            f"Reloaded {scenario.id}; replayed {failed} of {len(game.actions)} actions. "
            f"Stopped at action {failed + 1} ({describe(action)}): {reason}"
        )
    return new, f"Reloaded {scenario.id}; replayed all {len(game.actions)} actions."
