"""`redline play --watch`: load the edited content and replay the game onto it.

Called by the watcher beside it (tui/watcher.py) when `content.watch.fingerprint` changes.
Nothing here raises on bad content: the errors come back as text and the old game goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from redline.content.errors import ContentErrors
from redline.content.loader import load_scenario
from redline.engine import Game, replay
from redline.engine.actions import Action, describe
from redline.plural import counted


def reload_game(game: Game, folder: str | Path, packs: Iterable[str | Path] = ()) -> tuple[Game | None, str]:
    """Load the content again and replay `game`'s actions on it.

    Returns (new game, message). The new game is None when the content has errors; the
    message then lists them with file:line:col. When the content changed so that an action
    no longer applies, the new game stops just before it and the message says where and why.
    """
    new, message, _ = reload_keeping(game, folder, packs)
    return new, message


def reload_keeping(
    game: Game, folder: str | Path, packs: Iterable[str | Path] = (), held: Sequence[Action] = ()
) -> tuple[Game | None, str, tuple[Action, ...]]:
    """`reload_game`, remembering the moves a stopped replay could not make.

    `held` is what the previous call returned: the whole line of play that was being
    replayed when it stopped. While the game has not left that line (no other move was
    made since), the next reload replays all of it, so fixing the content brings the moves
    back. Returns (new game, message, what to hold for the next call)."""
    actions = list(game.actions)
    if held and list(held[: len(actions)]) == actions and len(held) > len(actions):
        actions = list(held)
    try:
        scenario = load_scenario(folder, tuple(packs))
    except ContentErrors as exc:
        lines = [f"Content has {counted(len(exc.errors), 'error')}; still playing the previous version:"]
        lines += [str(e) for e in exc.errors]
        return None, "\n".join(lines), tuple(held)
    try:
        new, failed, reason = replay(scenario, game.seed, actions, game.red_cell)
    except (ArithmeticError, TypeError, ValueError) as exc:  # content that misbehaves in play
        return (
            None,
            f"The new content fails in play ({type(exc).__name__}: {exc}); still playing the previous version.",
            tuple(held),
        )
    new.branches = list(game.branches)
    if failed is not None:
        action = actions[failed]
        return (
            new,
            f"Reloaded {scenario.id}; replayed {failed} of {counted(len(actions), 'move')}. "
            f"Stopped at move {failed + 1} ({describe(action)}): {reason}. "
            "Fix the content and the moves after it come back.",
            tuple(actions),
        )
    back = len(actions) - len(game.actions)
    restored = f" ({counted(back, 'move')} held since the last reload {'is' if back == 1 else 'are'} back)"
    return new, f"Reloaded {scenario.id}; {_replayed(len(actions))}{restored if back else ''}.", ()


def _replayed(n: int) -> str:
    """'replayed the one move', 'replayed all 3 moves', 'no moves to replay'."""
    if n == 0:
        return "no moves to replay"
    return "replayed the one move" if n == 1 else f"replayed all {counted(n, 'move')}"
