"""Helpers for the interface tests: what the screen says, and a fixed clock."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from textual.widget import Widget
from textual.widgets import Static

from redline.tui.app import RedlineApp, create_app

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"

FIXED_NOW = datetime(2025, 9, 5, 14, 30, tzinfo=UTC)
FIXED_SAVED = "2025-09-05T12:00:00+00:00"


def fixed_clock() -> datetime:
    return FIXED_NOW


def make_app(saves: Path, **kw: object) -> RedlineApp:
    """The app as the tests run it: fixed clock, no animation, no blinking cursor."""
    kw.setdefault("seed", 7)
    return create_app(saves=saves, clock=fixed_clock, animations=False, cursor_blink=False, **kw)


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let background work finish (the title screen looks for an autosave in a thread)."""
    from textual.worker import WorkerCancelled

    for _ in range(5):  # a newer look cancels an older one: wait for whichever is last
        await pilot.pause()
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        break
    await pilot.pause()


def screen_text(app: RedlineApp) -> str:
    """The text of what is on screen now (the current screen over those below it)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def widget_text(widget: Widget) -> str:
    """The text of every Static inside `widget`, flattened, whether scrolled into view or not."""
    parts = []
    for static in widget.query(Static):
        content = static.content
        parts.append(getattr(content, "plain", str(content)))
    return flat(" ".join(parts))


def flat(text: str) -> str:
    """Screen text with line breaks and runs of spaces collapsed, for phrases that wrap."""
    return " ".join(text.split())


def pin_saved_dates(folder: Path, when: str = FIXED_SAVED) -> None:
    """Saves carry the real time they were written; snapshots need a fixed one."""
    for path in folder.glob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["saved"] = when
        path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
