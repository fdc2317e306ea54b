"""Saves: a small JSON document holding the seed and the ordered actions. Loading replays.

Writes are atomic (temporary file, fsync, rename), so an interrupted save leaves the
previous one intact. A damaged save, or one whose content has changed, gets a clear
message and is never modified.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from redline.content.compiled import Scenario
from redline.engine import actions as act
from redline.engine.game import Branch, Game, replay
from redline.places import default_saves

FORMAT = 1  # this build writes
OLDEST = 1  # the oldest format this build still loads
MAX_SAVE_BYTES = 16 * 1024 * 1024


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
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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
    path = Path(path)
    text = json.dumps(to_document(game, meta), indent=1, ensure_ascii=False) + "\n"
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise SaveError(f"{path}: cannot save: {exc.strerror or exc}") from None
    return path


def read_save(path: str | Path) -> SaveData:
    """Read and check a save without replaying it."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SAVE_BYTES:
            raise SaveError(f"{path}: {size / 1e6:.1f} MB is too large for a save")
        raw = path.read_bytes()
    except OSError as exc:
        raise SaveError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SaveError(f"{path}: not a redline save (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise SaveError(
            f"{path}:{exc.lineno}:{exc.colno}: damaged save (not valid JSON: {exc.msg})"
        ) from None
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
    for key, kind in (("scenario", str), ("content_hash", str), ("seed", int), ("actions", list)):
        value = doc.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise SaveError(f"{path}: damaged save ('{key}' is missing or not a {kind.__name__})")
    actions = _actions(path, doc["actions"], "actions")
    branches = []
    for bi, b in enumerate(doc.get("branches") or []):
        if not isinstance(b, dict):
            raise SaveError(f"{path}: damaged save (branch {bi + 1} is not an object)")
        branches.append(
            Branch(
                str(b.get("name", f"branch {bi + 1}")),
                int(b.get("from_turn", 1)) if isinstance(b.get("from_turn", 1), int) else 1,
                tuple(_actions(path, b.get("actions") or [], f"branch {bi + 1}")),
                b.get("ending") if isinstance(b.get("ending"), str) else None,
                b.get("score") if isinstance(b.get("score"), int | float) else None,
            )
        )
    meta = doc.get("meta") if isinstance(doc.get("meta"), dict) else {}
    meta = {
        **meta,
        "saved": doc.get("saved"),
        "turn": doc.get("turn"),
        "over": doc.get("over"),
        "ending": doc.get("ending"),
    }
    return SaveData(
        doc["scenario"],
        doc["content_hash"],
        doc["seed"],
        actions,
        bool(doc.get("red_cell")),
        branches,
        meta,
        path,
    )


def _actions(path: Path, items: list[Any], where: str) -> list[act.Action]:
    out = []
    for i, item in enumerate(items):
        try:
            out.append(act.from_dict(item))
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
        return (
            f"{path}: replay diverged at action {kept + 1} (turn {self.game.state.turn}): {a}.{changed}"
            f" Replayed the first {kept} action(s); the save file is unchanged."
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
    out = []
    if not folder.is_dir():
        return out
    for path in folder.glob("*.json"):
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
                    str(m.get("label") or path.stem),
                )
            )
        except SaveError:
            out.append(SaveInfo(path, "?", None, None, False, None, f"{path.stem} (damaged)"))
    out.sort(key=lambda s: (s.saved or "", s.path.name), reverse=True)
    return out
