"""The participants' summary is the room's: every reason there is the facilitator's (an event
inject's MSEL note, an override's, a free-text inject's, a ruling's) and stays out of it, as it
stayed off the players' screens; the full report, the facilitator's archive, keeps them."""

from __future__ import annotations

from redline.engine import Adjudicate, Bulletin, Game, Inject, Override
from redline.report import render
from redline.report.aar import build

REASONS = {
    "inject": "INJECTREASON MSEL 4: press the room",
    "override": "OVERRIDEREASON the umpire's ruling",
    "bulletin": "BULLETINREASON a bad week at home",
    "ruling": "RULINGREASON the corridor was plausible",
}


def test_the_summary_shows_the_acts_and_never_the_facilitators_reasons(tutorial) -> None:  # noqa: ANN001
    game = Game.start(tutorial, 5)
    game.apply(Inject("tut_talks", None, REASONS["inject"]))
    game.apply(Override("escalation", 40.0, REASONS["override"]))
    game.apply(Bulletin("The press asks for a date", None, (("confidence", -2.0),), REASONS["bulletin"]))
    game.apply(
        Adjudicate(
            "Open a humanitarian corridor",
            1.0,
            "kyiv",
            success=(("confidence", 3.0),),
            reason=REASONS["ruling"],
        )
    )
    while not game.state.is_over:
        game.apply(game.state.legal_actions()[0])
    record = build(game)
    summary = render.summary_html(record)
    for text in ("The press asks for a date", "Open a humanitarian corridor", "Override: Kremlin escalation"):
        assert text in summary, text
    for reason in REASONS.values():
        assert reason not in summary, reason
    archive = render.html(record) + render.markdown(record)
    for reason in REASONS.values():  # the facilitator's archive keeps every one
        assert reason in archive, reason
