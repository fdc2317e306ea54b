"""Starting the terminal's facilitated session from a session plan (`play --facilitate --plan`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redline.exercise.load import LoadedPlan
    from redline.tui.app import RedlineApp


def start_planned(app: RedlineApp, loaded: LoadedPlan) -> None:
    """The session the plan sets up, opened on its briefing (the seats, then play). Its
    autosave is the scenario's one facilitated autosave, so an unfinished session of an
    earlier sitting there is asked about first (keep both, start anyway, back to the title),
    as the setup screen does."""

    def start() -> None:
        from redline.session.planned import start_from_plan
        from redline.tui.facilitation.screens import FacilitatedBriefing

        session = start_from_plan(loaded, app.saves, app.seed)
        app.session = session  # the plan's show_odds is the session's own (RedlineApp.odds_shown)
        app.show_main(FacilitatedBriefing())

    asked = app.ask_before_replacing(
        loaded.scenario, start, facilitated=True, question="Start the planned session?", yes="Start"
    )
    if not asked:
        start()
