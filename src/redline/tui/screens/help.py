"""Help (?): how a month (the scenario's unit) works, what the marks mean, and every key."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from redline.tui.widgets.footer import KeyFooter

NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def how(signals: int | None, turn: str = "turn") -> str:
    """The rules in a few lines, as engine/kremlin.py plays them; the number of threats Moscow
    signals is the scenario's."""
    if signals is None:
        said = "its threats"
    elif signals == 1:
        said = "one threat"
    else:
        said = f"up to {NUMBERS.get(signals, str(signals))} threats"
    return HOW.format(signals=said, turn=turn.lower())


HOW = (
    "Each {turn} you decide one card at a time. A card has two to four numbered options. "
    "Press an option's number to pick it, then press the same number again or Enter to "
    "decide. Clicking works the same way: click to pick, click again to decide. Up and down "
    "move between options. Locked options are greyed, marked LOCKED, and say why.\n\n"
    "At the start of each {turn} Moscow signals {signals}, taken from its rung of the "
    "escalation ladder and the rung above. After your decisions it may act: it carries out "
    "one of the threats it signalled, or, if a red line has just been crossed, it acts from "
    "the rung it now stands on, with or without warning. Crossing a red line "
    "makes it likelier that Moscow acts, and climbs the ladder. After the last card of a "
    "{turn}, the report lists every change and why; then the next {turn} begins. The game "
    "autosaves at the end of every {turn}."
)

MARKS = [
    ("▲ ▼", "the change since the start of the last {turn} (a number always follows)"),
    ("┃", "on a bar: the danger line of a meter, or the point where an ally leaves"),
    ("⚠ DANGER", "a meter past its danger line; ⚠ beside an ally: close to leaving"),
    ("SAFE NEAR CROSSED", "a red line; NEAR when its gauge reads 50 or more"),
    ("■■□□□", "Moscow's rung on the escalation ladder"),
    ("LEFT", "an ally that has withdrawn, and why"),
    ("Odds", "the chance of each outcome of an option (hide them in Settings)"),
    (
        "score",
        "how the game stands now, from the meters (the ending adds its bonus; its screen explains every term)",
    ),
]

KEYS = [
    ("1–4", "pick an option; the same number again decides"),
    ("Enter", "decide the picked option; continue on reports and the briefing"),
    ("↑ ↓", "move between options"),
    ("u", "undo the last decision of this {turn}"),
    ("s / l", "save the game under a name / load a saved game"),
    ("Tab", "into the next panel; then ↑ ↓ PgUp PgDn scroll it and Esc goes back to the card"),
    ("m k a n f", "into the meters, Moscow, the coalition, the news, the forecast"),
    ("r", "reread the earlier reports"),
    ("PgUp PgDn", "scroll the card or report"),
    ("Esc", "back: out of a panel, a dialog, or to the title menu (the game is kept; r resumes)"),
    ("ctrl+p", "the command palette: every command of the current screen"),
    ("?", "this help"),
    ("q, ctrl+q", "quit (asks first when a game is in progress, and offers to save it)"),
]

FACILITATION = [
    ("f (title)", "set up a facilitated session: teams for each role, a red cell for Moscow"),
    ("v", "put the card to a vote of the teams; the tally is kept with the decision"),
    ("f, F2", "the facilitator's console; the players' view is hidden while it is open"),
    ("i / o", "console: inject an event now or later / override a value, with a reason"),
    ("n / w", "console: a note or rationale / rewind to an earlier {turn} (kept as a branch)"),
    ("d / h", "console: odds on or off / hide the red lines until the debrief"),
    ("t, space", "console: set the move's timer / start or pause it"),
    ("m / b", "console: deliver the plan's free-text inject that is due / write one on the spot"),
    ("a / c", "console: rule on an off-card proposal (odds, a roll) / an observation for the hot-wash"),
]


PANELS = {
    "meters": "the meters",
    "moscow": "Moscow",
    "allies": "the coalition",
    "news": "the news",
    "forecast": "the forecast",
}


def keys_for(screen: Screen[Any] | None) -> list[tuple[str, str]]:
    """KEYS as they work on `screen`: the panels' letters and the reports' key as the screen
    binds them (in a facilitated session `f` opens the console, not the forecast). From a
    screen that is not a game's, the game screen's keys."""
    from redline.tui.screens.turn import TurnScreen

    bound = screen._bindings if isinstance(screen, TurnScreen) else TurnScreen._merged_bindings
    chain = bound.key_to_bindings if bound is not None else {}
    actions = {key: bindings[0].action for key, bindings in chain.items() if bindings}
    panels = [
        (key, action[len("panel('") : -2]) for key, action in actions.items() if action.startswith("panel(")
    ]
    rows = []
    for key, what in KEYS:
        if key == "m k a n f":
            if not panels:
                continue
            key = " ".join(k for k, _ in panels)
            what = "into " + ", ".join(PANELS.get(name, name) for _, name in panels)
        elif key == "r":
            key = ", ".join(k for k, action in actions.items() if action == "reports")
            if not key:
                continue
        rows.append((key, what))
    return rows


def table(rows: list[tuple[str, str]], turn: str = "turn") -> Content:
    """The rows, keys in a column; `{turn}` said in the scenario's own unit ("month")."""
    width = max(len(k) for k, _ in rows) + 2
    return Content("\n").join(
        Content.assemble((f"{k:<{width}}", "bold $text-accent"), v.format(turn=turn.lower())) for k, v in rows
    )


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close", tooltip="Back to the game"),
        Binding("question_mark", "close", "Close", key_display="?", show=False),
        Binding("q", "close", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog help-screen")

    def origin(self) -> Screen[Any] | None:
        """The screen help was opened from: its keys are the ones listed."""
        stack = self.app.screen_stack
        below = stack[: stack.index(self)] if self in stack else stack
        return below[-1] if below else None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box help-box"):
            yield Static("Help", classes="dialog-title", markup=False)
            with VerticalScroll(id="help-body"):
                session = getattr(self.app, "session", None)
                signals = session.scenario.kremlin.signals if session is not None else None
                # The scenario's own unit once a game is open ("How a month works"); before, the
                # game's general word.
                turn = session.scenario.info.turn_label if session is not None else "turn"
                yield Static(Content.styled(f"How a {turn.lower()} works", "bold"), classes="section-title")
                yield Static(how(signals, turn), markup=False)
                yield Static(Content.styled("Marks", "bold"), classes="section-title")
                yield Static(table(MARKS, turn))
                yield Static(Content.styled("Keys", "bold"), classes="section-title")
                yield Static(table(keys_for(self.origin()), turn))
                yield Static(Content.styled("Facilitated sessions", "bold"), classes="section-title")
                yield Static(table(FACILITATION, turn))
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
