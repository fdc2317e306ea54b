"""`redline play --watch`: reload the content when a file changes and keep the game where it
was by replaying its actions. A load error is shown in the interface; the game goes on."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:  # pragma: no cover
    from redline.tui.app import RedlineApp

POLL_SECONDS = 1.0


class ContentWatcher:
    """Polls the files of the scenario being played (one `stat` per file per second)."""

    def __init__(self, app: RedlineApp) -> None:
        self.app = app
        self.folders: tuple[str, ...] = ()
        self.seen: tuple = ()
        self.held: tuple = ()  # the moves a stopped replay holds back (content/watch.py)

    def start(self) -> None:
        self.app.set_interval(POLL_SECONDS, self.poll, name="content-watch")

    def _folders(self) -> tuple[str, ...]:
        from redline.content.catalog import find_scenario

        session = self.app.session
        assert session is not None
        played = session.scenario.folder
        try:
            entry = find_scenario(session.scenario.id, self.app.content_dirs)
        except LookupError:
            return (played,)
        # A folder given on the command line may share its id with an installed scenario:
        # watch the folder the game was loaded from, with packs only when it is that one.
        if Path(entry.folder).resolve() != Path(played).resolve():
            return (played,)
        return (str(entry.folder), *(str(p) for p in entry.packs))

    def poll(self) -> None:
        from redline.content.watch import fingerprint
        from redline.tui.reload import reload_keeping

        session = self.app.session
        if session is None:
            self.folders, self.seen = (), ()
            return
        folders = self._folders()
        now = fingerprint(folders)
        if folders != self.folders:  # a new game or scenario: start watching from here
            self.folders, self.seen, self.held = folders, now, ()
            return
        if now == self.seen:
            return
        self.seen = now
        new, message, self.held = reload_keeping(session.game, folders[0], folders[1:], self.held)
        if new is None:
            self.app.notify(message, title="Content not reloaded", severity="error", timeout=15)
            return
        session.game = new
        session.scenario = new.scenario
        self.app.notify(message, title="Content reloaded", timeout=6)
        if _in_game(self.app.screen):
            self.app.show_game()


def _in_game(screen: Screen) -> bool:
    from redline.tui.screens.ending import EndingScreen
    from redline.tui.screens.turn import TurnScreen

    return isinstance(screen, TurnScreen | EndingScreen)
