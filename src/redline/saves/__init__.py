"""Saves: a small JSON document holding the seed and the ordered actions. Loading replays.

Writes are atomic (temporary file, fsync, rename), so an interrupted save leaves the
previous one intact. A damaged save, or one whose content has changed, gets a clear
message and is never modified.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from redline import safeio
from redline.content.compiled import Scenario
from redline.engine import actions as act
from redline.engine.game import Branch, Game, replay
from redline.places import default_saves
from redline.plural import counted
from redline.saves.schema import MAX_SAVE_BYTES
from redline.textsafe import clean_data, clean_line

FORMAT = 1  # this build writes
OLDEST = 1  # the oldest format this build still loads
MAX_LISTED = 500  # saves listed for loading: the newest, by the file's time


class SaveError(Exception):
    """A save that cannot be read or written; the message names the file and the problem."""


@dataclass
class SaveData:
    scenario: str
    content_hash: str
    seed: int
    actions: list[act.Action]
    red_cell: bool = False
    branches: list[Branch] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None


def saves_dir(override: str | Path | None = None) -> Path:
    """`--saves DIR`, else $REDLINE_SAVES, else ./saves in a checkout or the user data
    folder's `saves` when installed (redline/places.py)."""
    if override:
        return Path(override)
    env = os.environ.get("REDLINE_SAVES")
    return Path(env) if env else default_saves()


def to_document(game: Game, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    state = game.state
    return {
        "format": FORMAT,
        "oldest": OLDEST,
        "scenario": game.scenario.id,
        "content_hash": game.scenario.content_hash,
        "seed": game.seed,
        "red_cell": game.red_cell,
        "saved": datetime.now(UTC).isoformat(timespec="seconds"),
        "turn": state.turn,
        "over": state.is_over,
        "ending": state.ending.id if state.ending else None,
        "meta": meta or {},
        "actions": [act.to_dict(a) for a in game.actions],
        "branches": [
            {
                "name": b.name,
                "from_turn": b.from_turn,
                "ending": b.ending,
                "score": b.score,
                "actions": [act.to_dict(a) for a in b.actions],
            }
            for b in game.branches
        ],
    }


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that a crash at any point leaves the old file or the new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # The temporary name carries this process's id: a later start removes it if we crash.
    fd, tmp = tempfile.mkstemp(
        prefix=safeio.temp_prefix(path.name), suffix=safeio.TEMP_SUFFIX, dir=path.parent
    )
    try:
        os.fchmod(fd, 0o644)  # mkstemp makes it private; a save or report is an ordinary file
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def write_save(path: str | Path, game: Game, meta: dict[str, Any] | None = None) -> Path:
    """Write a save atomically. A game that would make a save this build cannot read back
    (past the limits of saves/schema.py) is refused with a message, the old save kept."""
    from pydantic import ValidationError

    from redline.saves import schema

    path = Path(path)
    doc = to_document(game, meta)
    try:
        schema.check(doc)
    except ValidationError as exc:
        raise SaveError(f"{path}: cannot save: {schema.first_problem(exc)}") from None
    text = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
    if len(text) > MAX_SAVE_BYTES // 4 and len(text.encode("utf-8")) > MAX_SAVE_BYTES:
        raise SaveError(
            f"{path}: cannot save: the game is larger than a save may be ({MAX_SAVE_BYTES // 2**20} MB)"
        )
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise SaveError(f"{path}: cannot save: {exc.strerror or exc}") from None
    return path


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a save may hold")


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:20]} is out of range")
    return value


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > 20:
        raise ValueError(f"{text[:20]}… is out of range")
    return int(text)


def read_save(path: str | Path) -> SaveData:
    """Read and check a save without replaying it: a bounded read of a regular file, strict
    JSON (no NaN or infinity), every field of a known type and within its bounds
    (saves/schema.py), and every text cleaned of terminal controls (textsafe.py)."""
    from pydantic import ValidationError

    from redline.saves import schema

    path = Path(path)
    try:
        raw = safeio.read_bytes(path, MAX_SAVE_BYTES)
    except OSError as exc:
        raise SaveError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        doc = json.loads(
            raw.decode("utf-8"),
            parse_constant=_refuse_constant,
            parse_float=_parse_float,
            parse_int=_parse_int,
        )
    except UnicodeDecodeError:
        raise SaveError(f"{path}: not a redline save (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise SaveError(
            f"{path}:{exc.lineno}:{exc.colno}: damaged save (not valid JSON: {exc.msg})"
        ) from None
    except ValueError as exc:
        raise SaveError(f"{path}: damaged save ({exc})") from None
    except RecursionError:
        raise SaveError(f"{path}: damaged save (nested too deeply)") from None
    if not isinstance(doc, dict) or "format" not in doc:
        raise SaveError(f"{path}: not a redline save (no format version)")
    fmt = doc.get("format")
    if not isinstance(fmt, int) or isinstance(fmt, bool):
        raise SaveError(f"{path}: damaged save (format is not a number)")
    oldest = doc.get("oldest", fmt)
    if fmt > FORMAT and (not isinstance(oldest, int) or oldest > FORMAT):
        raise SaveError(f"{path}: save format {fmt} needs a newer redline (this one reads {OLDEST}-{FORMAT})")
    if fmt < OLDEST:
        raise SaveError(f"{path}: save format {fmt} is too old (this build reads {OLDEST}-{FORMAT})")
    try:
        checked = schema.check(clean_data(doc))
    except ValidationError as exc:
        raise SaveError(f"{path}: damaged save ({schema.first_problem(exc)})") from None
    total = len(checked.actions) + sum(len(b.actions) for b in checked.branches)
    if total > schema.MAX_ACTIONS:
        raise SaveError(
            f"{path}: damaged save ({total:,} actions with its branches; a save holds at most"
            f" {schema.MAX_ACTIONS:,})"
        )
    actions = _actions(path, checked.actions, "actions")
    branches = [
        Branch(
            b.name or f"branch {bi + 1}",
            b.from_turn,
            tuple(_actions(path, b.actions, f"branch {bi + 1}")),
            b.ending,
            b.score,
        )
        for bi, b in enumerate(checked.branches)
    ]
    meta = checked.meta.model_dump(exclude_none=True, exclude_unset=True)
    meta = {
        **meta,
        "saved": checked.saved,
        "turn": checked.turn,
        "over": checked.over,
        "ending": checked.ending,
    }
    return SaveData(
        checked.scenario,
        checked.content_hash,
        checked.seed,
        actions,
        checked.red_cell,
        branches,
        meta,
        path,
    )


def _actions(path: Path, items: Sequence[Any], where: str) -> list[act.Action]:
    out = []
    for i, item in enumerate(items):
        try:
            out.append(act.from_dict(item.model_dump(exclude_none=True)))
        except ValueError as exc:
            raise SaveError(f"{path}: damaged save ({where}, action {i + 1}: {exc})") from None
    return out


@dataclass
class Restored:
    game: Game
    diverged_at: int | None = None  # index of the first action that could not be replayed
    reason: str | None = None
    content_changed: bool = False

    def message(self, path: Path | str) -> str | None:
        """What a player needs to hear about this load, or None when it went cleanly."""
        if self.diverged_at is None:
            return None
        a = self.reason or "?"
        changed = (
            " The scenario's content has changed since this save was made." if self.content_changed else ""
        )
        kept = self.diverged_at
        first = "none of its actions" if kept == 0 else f"the first {counted(kept, 'action')}"
        return clean_line(  # one line, whatever the save's text holds
            f"{path}: replay diverged at action {kept + 1}"
            f" ({self.game.scenario.info.turn_label.lower()} {self.game.state.turn}): {a}.{changed}"
            f" Replayed {first}; the save file is unchanged."
        )


def restore(data: SaveData, scenario: Scenario) -> Restored:
    """Replay a save on `scenario` as far as it goes."""
    if data.scenario != scenario.id:
        raise SaveError(f"{data.path}: this save is for scenario '{data.scenario}', not '{scenario.id}'")
    game, failed, reason = replay(scenario, data.seed, data.actions, data.red_cell)
    game.branches = list(data.branches)
    return Restored(game, failed, reason, data.content_hash != scenario.content_hash)


@dataclass(frozen=True)
class SaveInfo:
    path: Path
    scenario: str
    turn: int | None
    saved: str | None
    over: bool
    ending: str | None
    label: str


def list_saves(folder: Path) -> list[SaveInfo]:
    """Saves in `folder`, newest first; unreadable files are listed as damaged."""
    out: list[SaveInfo] = []
    if not folder.is_dir():
        return out
    safeio.clean_stale_temps(folder)  # what a crashed write left behind
    found = []
    for entry in os.scandir(folder):
        if entry.name.endswith(".json") and not entry.name.startswith("."):
            try:
                # lstat only: a FIFO or a device is listed as damaged, never opened here
                found.append((entry.stat(follow_symlinks=False).st_mtime, Path(entry.path)))
            except OSError:
                continue
    found.sort(reverse=True)
    for _, path in found[:MAX_LISTED]:
        try:
            data = read_save(path)
            m = data.meta
            out.append(
                SaveInfo(
                    path,
                    data.scenario,
                    m.get("turn"),
                    m.get("saved"),
                    bool(m.get("over")),
                    m.get("ending"),
                    clean_line(str(m.get("label") or path.stem)),
                )
            )
        except SaveError:
            out.append(SaveInfo(path, "?", None, None, False, None, f"{clean_line(path.stem)} (damaged)"))
    out.sort(key=lambda s: (s.saved or "", s.path.name), reverse=True)
    return out
