"""Starting the terminal's facilitated session from a session plan (`play --facilitate --plan`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redline.exercise.load import LoadedPlan
    from redline.tui.app import RedlineApp


def start_planned(app: RedlineApp, loaded: LoadedPlan) -> None:
    """The session the plan sets up, opened on its briefing (the seats, then play)."""
    from redline.session.planned import start_from_plan
    from redline.tui.facilitation.screens import FacilitatedBriefing

    session = start_from_plan(loaded, app.saves, app.seed)
    if session.show_odds is not None:  # for this session only: the player's own setting is kept
        app.settings.show_odds = session.show_odds
    app.session = session
    app.show_main(FacilitatedBriefing())
