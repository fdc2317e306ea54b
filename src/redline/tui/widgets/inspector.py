"""The author's inspector (`redline play --watch`, key i): the flags, the meters, the
consequences still to come, and why each card is or is not in the hand.

The reasons come from the engine (`State.ineligible_because`), with conditions put in
plain words (`authoring.words`), never shown as raw expressions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen

from redline.report.words import counted
from redline.tui.widgets.panel import Panel, hanging

if TYPE_CHECKING:
    from redline.engine import Game


def _labels(game: Game) -> dict[str, str]:
    sc = game.scenario
    out = {mid: m.label for mid, m in sc.meters.items()}
    out.update({fid: f.label or fid for fid, f in sc.flags.items()})
    out.update({f"ally.{aid}": a.name for aid, a in sc.allies.items()})
    out.update({f"crossed.{rl.id}": rl.model.label for rl in sc.red_lines})
    return out


def card_reasons(game: Game) -> list[tuple[str, str, str]]:
    """(card id, title, why it is or is not in the hand) for every card of the scenario."""
    from redline.authoring.words import in_words

    state, sc = game.state, game.scenario
    labels = _labels(game)
    per_turn = sc.info.cards_per_turn
    out = []
    for card in sc.cards:
        if card.id in state.hand:
            why = "in the hand" + (" — to decide now" if state.hand[0] == card.id else "")
        else:
            reason = state.ineligible_because(card)
            if reason is None:
                why = (
                    f"can be drawn now, but is not in this turn's hand (the hand is drawn at the start "
                    f"of the turn: {counted(per_turn, 'card')}, highest priority first ({card.priority} here), then by weight)"
                )
            elif card.when is not None and reason.startswith("its condition does not hold"):
                why = f"its condition does not hold: {in_words(card.when.text, labels)}"
            else:
                why = reason
        out.append((card.id, card.model.title, why))
    return out


def inspect_lines(game: Game) -> list[tuple[str, str]]:
    """The inspector's text as (heading or "", line) pairs."""
    state, sc = game.state, game.scenario
    rows: list[tuple[str, str]] = [
        ("", f"{sc.info.turn_label} {state.turn} of {sc.turns} — phase: {state.phase}")
    ]
    rows.append(("Meters", ""))
    for mid, meter in sc.meters.items():
        rows.append(("", f"{meter.label} ({mid}): {state.meters[mid]:g}"))
    rows.append(("", f"Allied cohesion: {state.cohesion:g}"))
    rows.append(("Flags", ""))
    for fid, flag in sc.flags.items():
        rows.append(("", f"{flag.label or fid} ({fid}): {'yes' if state.flags[fid] else 'no'}"))
    if not sc.flags:
        rows.append(("", "none"))
    rows.append(("Consequences to come", ""))
    for due, later, cause in sorted(state.pending, key=lambda p: p[0]):
        rows.append(("", f"{sc.info.turn_label} {due}: {later.model.text} (from: {cause})"))
    if not state.pending:
        rows.append(("", "none"))
    rows.append(("Cards", ""))
    for cid, title, why in card_reasons(game):
        rows.append(("", f"{title} ({cid}) — {why}"))
    return rows


class Inspector(Panel):
    """The inspector's text, wrapped to the width it is given."""

    def build(self, game: Game, width: int) -> Content:
        lines: list[Content] = []
        for heading, text in inspect_lines(game):
            if heading:
                lines.append(Content.styled(heading, "bold"))
            else:
                lines.extend(hanging(Content("  "), text, width, 4))
        return Content("\n").join(lines)


class InspectorScreen(ModalScreen[None]):
    """The inspector over the game; i or Escape closes it."""

    DEFAULT_CSS = """
    InspectorScreen { align: center middle; }
    InspectorScreen > VerticalScroll { width: 90%; height: 90%; border: round $accent; padding: 0 1;
        background: $surface; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("i", "close", "Close", show=False),
    ]

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = "Inspector"
            yield Inspector(id="inspector")

    def on_mount(self) -> None:
        self.query_one(Inspector).show(self.game)

    def action_close(self) -> None:
        self.dismiss(None)
