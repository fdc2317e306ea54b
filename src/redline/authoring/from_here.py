"""`redline play --from SAVE --turn N`: test from here.

The save is replayed up to the start of turn N (on the content as it is now) and that game
is written as a new save beside the others, `<save>-from-turn-<N>.json`, which `play`
then opens: the author plays on from turn N, with `--watch` if they like, and the original
save is never changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from redline.content.catalog import find_scenario
from redline.content.loader import load_scenario
from redline.engine.game import Game, replay
from redline.saves import SaveError, read_save, restore, write_save


class FromError(Exception):
    """The save cannot be played from that turn; the message says why."""


def game_from(save: Path, turn: int, content_dirs: Iterable[Path] | None) -> tuple[Game, str | None]:
    """The save's game as it stood at the start of `turn`, and a note if the replay of the
    save itself stopped early (the content changed since it was made)."""
    data = read_save(save)
    entry = find_scenario(data.scenario, content_dirs)
    scenario = load_scenario(entry.folder, entry.packs)
    restored = restore(data, scenario)
    starts = restored.game.turn_starts()
    last = max(starts)
    if turn not in starts:
        raise FromError(f"{save}: the save reaches turn {last}; --turn must be between 1 and {last}")
    game, failed, reason = replay(
        scenario, data.seed, list(restored.game.actions[: starts[turn]]), data.red_cell
    )
    if failed is not None:  # pragma: no cover - a prefix of a replay that worked replays
        raise FromError(f"{save}: cannot replay to turn {turn}: {reason}")
    return game, restored.message(save)


def save_from(
    save: Path, turn: int, saves: Path, content_dirs: Iterable[Path] | None
) -> tuple[Path, str | None]:
    """Write the game at the start of `turn` as a new save in `saves`; returns its path."""
    game, note = game_from(save, turn, content_dirs)
    saves.mkdir(parents=True, exist_ok=True)
    stem = f"{save.stem}-from-turn-{turn}"
    path = saves / f"{stem}.json"
    n = 2
    while path.exists():  # never overwrite: each try from here is its own save
        path = saves / f"{stem}-{n}.json"
        n += 1
    try:
        write_save(path, game, {"name": f"{save.stem} from turn {turn}"})
    except SaveError as exc:
        raise FromError(str(exc)) from None
    return path, note
