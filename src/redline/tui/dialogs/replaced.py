"""What a new game would overwrite: each scenario has one autosave, so a new game of a scenario
replaces the unfinished game autosaved for it in an earlier sitting. The question says so
before the new game starts, and offers to keep both: the old game is moved to a save with a
name of its own, where Load… finds it.

The open game's own autosave is not spoken of here: the question about the game in progress
(`RedlineApp.losing_progress`) already says that a new game of its scenario replaces it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

if TYPE_CHECKING:
    from redline.content.compiled import Scenario
    from redline.tui.session import Session

Answer = Literal["keep", "start"]


@dataclass(frozen=True)
class Unfinished:
    """An unfinished game autosaved in an earlier sitting."""

    path: Path
    turn: int
    saved: str | None
    where: str  # "Month 3 of 12"
    when: str  # the time it was saved, on the player's clock: "2025-09-05 14:00"
    name: str  # the name it is kept under if the player keeps both: "Month 3 · 2025-09-05 14:00"
    facilitated: bool = False  # a facilitated session's autosave


def earlier_autosave(
    saves: Path,
    scenario: Scenario,
    session: Session | None,
    clock: Callable[[], datetime],
    *,
    facilitated: bool = False,
) -> Unfinished | None:
    """The unfinished game autosaved for `scenario` that a new game of it would replace, or
    None: no autosave, a finished game's, a damaged file, or the open game's own.
    `facilitated`: a facilitated session's, which has an autosave of its own per scenario."""
    from redline.saves import SaveError, read_save
    from redline.tui.session import AUTOSAVE_PREFIX, format_saved

    kind = "facilitated-" if facilitated else ""
    path = saves / f"{AUTOSAVE_PREFIX}{kind}{scenario.id}.json"
    kept = session.kept_in if session is not None and session.in_progress else None
    if kept is not None and kept.path == path:
        return None  # the open game's: the question about the open game says it
    if not path.is_file():
        return None
    try:
        data = read_save(path)
    except SaveError:
        return None  # a damaged file holds no game to continue
    turn = data.meta.get("turn")
    if data.scenario != scenario.id or data.meta.get("over") or not isinstance(turn, int) or not data.actions:
        return None  # a finished game (or one not yet begun) is no game to lose
    info = scenario.info
    saved = data.meta.get("saved")
    when = format_saved(saved, clock)
    return Unfinished(
        path,
        turn,
        saved,
        f"{info.turn_label} {turn} of {info.turns}",
        when,
        ("Facilitated · " if facilitated else "") + f"{info.turn_label} {turn} · {when}",
        facilitated,
    )


def replaced_words(old: Unfinished, clock: Callable[[], datetime]) -> str:
    from redline.tui.savewords import saved_ago

    game, kept = (
        ("session", "one autosave of a facilitated session") if old.facilitated else ("game", "one autosave")
    )
    return (
        f"This replaces the unfinished {game} autosaved {saved_ago(old.saved, clock)} ({old.where}):"
        f" each scenario keeps {kept}. Keep both, and the old {game} waits under Load… as"
        f" “{old.name}”; or start anyway."
    )


def keep_under_a_name(old: Unfinished, scenario_id: str) -> Path:
    """Move the autosave to a save with a name of its own (`<scenario>-<date>.json`), byte for
    byte but for its label, so the new game's autosave cannot replace it. The copy is written
    atomically and read back before the autosave is removed: a failure leaves the autosave as
    it was. Raises SaveError or OSError."""
    from redline import safeio
    from redline.saves import SaveError, read_save, write_atomic
    from redline.saves.schema import MAX_SAVE_BYTES
    from redline.tui.session import slug

    raw = safeio.read_bytes(old.path, MAX_SAVE_BYTES)
    try:
        doc = json.loads(raw.decode("utf-8"))
    except ValueError:
        raise SaveError(f"{old.path.name}: damaged save; left as it is") from None
    if not isinstance(doc, dict):
        raise SaveError(f"{old.path.name}: damaged save; left as it is")
    meta = doc.get("meta")
    doc["meta"] = {**(meta if isinstance(meta, dict) else {}), "label": old.name}
    stem = slug(("facilitated " if old.facilitated else "") + f"{scenario_id} {old.when}") or "kept"
    target = old.path.parent / f"{stem}.json"
    n = 2
    while target.exists():
        target = old.path.parent / f"{stem}-{n}.json"
        n += 1
    write_atomic(target, json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    try:
        read_save(target)
    except SaveError:
        target.unlink(missing_ok=True)
        raise
    os.unlink(old.path)
    return target


class ReplaceDialog(ModalScreen[Answer | None]):
    """Start a new game over an unfinished autosave: keep both, start anyway, or go back.
    Dismisses "keep", "start", or None for back."""

    BINDINGS = [
        Binding("k", "answer('keep')", "Keep both", tooltip="Keep the old game under Load…, then start"),
        Binding("y", "answer('start')", "Start anyway", tooltip="Start; the old game's autosave is replaced"),
        Binding("n", "answer(None)", "Back", tooltip="Change nothing"),
        Binding("escape", "answer(None)", "Back", show=False),
    ]

    def __init__(self, detail: str, question: str = "Start a new game?") -> None:
        super().__init__(classes="dialog")
        self.detail = detail
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.question, classes="dialog-title", markup=False)
            yield Static(self.detail, classes="dialog-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep both (k)", id="keep", variant="primary")
                yield Button("Start anyway (y)", id="start", variant="warning")
                yield Button("Back (n)", id="back")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()  # the answer that loses nothing

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        answer = event.button.id
        self.dismiss(answer if answer in ("keep", "start") else None)  # type: ignore[arg-type]

    def action_answer(self, answer: Answer | None) -> None:
        self.dismiss(answer)
