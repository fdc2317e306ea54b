"""The facilitator's console: a full screen, so the players' view is hidden while it is open.

It shows what the players do not see (the red lines' gauges, scheduled injects, the note
kept for the next decision, the record of injects, overrides and branches) and reaches every
facilitator's action in one key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from redline.report.words import counted
from redline.tui.facilitation.clock import in_units
from redline.tui.widgets.footer import KeyFooter
from redline.tui.widgets.kremlin import STATUS_STYLE, status

if TYPE_CHECKING:
    from redline.session.facilitated import FacilitatedSession
    from redline.tui.app import RedlineApp
    from redline.tui.commands import Command

KEYS = [
    ("m", "deliver the first free-text inject the plan has due (the MSEL)"),
    ("b", "a free-text inject: text, to whom, changes with a reason"),
    ("a", "rule on an off-card proposal: arguments, odds, the roll"),
    ("c", "an observation for the hot-wash (strength, improvement…)"),
    ("i", "inject an event, now or for a later {turn}"),
    ("o", "override a meter, flag or ally's support, with a reason"),
    ("n", "a note, or the next decision's rationale"),
    ("w", "rewind to the start of an earlier {turn} (kept as a branch)"),
    ("d", "show or hide the odds on the players' screen"),
    ("h", "show or hide the red lines until the debrief"),
    ("t / space", "set the move's timer / start or pause it"),
    ("↑↓ PgUp PgDn", "scroll this console"),
    ("Esc, f, F2", "back to the players' screen"),
]


def yes(shown: bool) -> tuple[str, str]:
    return ("shown", "bold $text-success") if shown else ("hidden", "bold $text-warning")


class ConsoleScreen(Screen[None]):
    app: RedlineApp
    CSS_PATH = "../styles/facilitation.tcss"
    AUTO_FOCUS = "#console-body"
    BINDINGS = [
        Binding("m", "deliver", "Deliver", tooltip="Deliver the first free-text inject the plan has due"),
        Binding("b", "bulletin", "Free inject", tooltip="A free-text inject, with changes and a reason"),
        Binding("a", "adjudicate", "Rule", tooltip="Rule on an off-card proposal (odds and a roll)"),
        Binding("c", "observe", "Observe", tooltip="An observation for the hot-wash"),
        Binding("i", "inject", "Inject", tooltip="Fire an event now or schedule it"),
        Binding("o", "override", "Override", tooltip="Set a meter, flag or ally's support, with a reason"),
        Binding("n", "note", "Note", tooltip="A note, or the next decision's rationale"),
        Binding("w", "rewind", "Rewind", tooltip="Back to the start of an earlier {turn}"),
        Binding("d", "odds", "Odds", tooltip="Show or hide the odds on the players' screen"),
        Binding("h", "red_lines", "Red lines", tooltip="Show or hide the red lines until the debrief"),
        Binding("t", "timer", "Timer", tooltip="Set the move's timer"),
        Binding("space", "start_pause", "Start/pause", tooltip="Start or pause the move's timer"),
        Binding("escape", "back", "Back", tooltip="Back to the players' screen"),
        Binding("f", "back", show=False),
        Binding("f2", "back", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(classes="console-screen")
        self.said: list[str] = []  # what the console did while open, newest last
        self.rewound = False
        self._asked = False  # the facilitator was asked to close the move

    @property
    def session(self) -> FacilitatedSession:
        return self.app.session  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static("", id="status", markup=False)
        with VerticalScroll(id="console-body"):
            yield Static("", id="console-now", classes="console-section")
            yield Static("", id="console-due", classes="console-section")
            yield Static("", id="console-record", classes="console-section")
            yield Static("", id="console-moscow", classes="console-section")
            yield Static(self._keys(), id="console-keys", classes="console-section")
        yield KeyFooter()

    def on_mount(self) -> None:
        in_units(self, self.session.scenario.info.turn_label)
        self.refresh_view()
        self.set_interval(1, self._tick)

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def _tick(self) -> None:
        if self.session.timer.running:
            self.refresh_view()
            if self.session.timer.asks_to_move_on and not self._asked:
                self._asked = True
                self.notify("Time is up: close the move.", title="Timer", severity="warning")
        else:
            self._asked = False

    # ---- drawing ------------------------------------------------------------------------------

    def refresh_view(self) -> None:
        session = self.session
        where = "game over" if session.state.is_over else session.turn_label()
        self.query_one("#status", Static).update(
            Content.assemble(
                (" Facilitator's console", "bold $text-accent"),
                (" │ ", "$text-muted"),
                where,
                (" │ ", "$text-muted"),
                f"seed {session.seed}",
                (" │ ", "$text-muted"),
                ("hidden from the players", "italic $text-muted"),
            )
        )
        self.query_one("#console-now", Static).update(self._now())
        self.query_one("#console-due", Static).update(self._due())
        self.query_one("#console-moscow", Static).update(self._moscow())
        self.query_one("#console-record", Static).update(self._record())

    def _now(self) -> Content:
        from redline.engine import KREMLIN, SIGNAL

        session = self.session
        state = session.state
        rows: list[Content] = []
        role = session.actor()
        if state.is_over:
            now = Content.styled("the game is over: debrief, or rewind to play on", "bold")
        elif role is None:
            now = Content("nobody is to move")
        else:
            what = {SIGNAL: "Moscow's signals", KREMLIN: "Moscow's response"}.get(state.phase)
            if what is None and state.card is not None:
                what = f"“{state.card.model.title}”"
            now = Content.assemble(
                (what or "", "bold"),
                " — ",
                (session.player(role), "bold $text-accent"),
                f" ({session.role_name(role)})",
            )
        rows.append(Content.assemble(("Now          ", "bold"), now))
        for i, seat in enumerate(session.seats()):
            head = "Seats" if i == 0 else ""
            rows.append(
                Content.assemble(
                    (f"{head:<13}", "bold"), f"{seat.name}: ", (session.player(seat.role), "bold")
                )
            )
        rows.append(
            Content.assemble(
                ("Players see  ", "bold"),
                "odds ",
                yes(self.app.odds_shown()),
                " (d) · red lines ",
                yes(session.show_red_lines),
                " (h)",
            )
        )
        timer = session.timer
        move = timer.move_of(state.turn)
        first, last = timer.months_of(move)
        turns = session.scenario.info.turns
        span = f"{first}" if timer.months == 1 else f"{first}–{min(last, turns)}"
        plural = "" if timer.months == 1 else "s"
        label = session.scenario.info.turn_label
        rows.append(
            Content.assemble(
                ("Move         ", "bold"),
                f"{move} of {timer.move_of(turns)} ({label.lower()}{plural} {span})",
                (f" · when time is up: {timer.when_time_is_up.replace('_', ' ')}", "$text-muted"),
            )
        )
        up = "  CLOSE THE MOVE: take the last decisions now (v votes)" if timer.asks_to_move_on else ""
        rows.append(
            Content.assemble(
                ("Timer        ", "bold"),
                (timer.describe(), "bold $text-error" if timer.expired else ""),
                (up, "bold reverse $text-error"),
                (" (t sets, space starts/pauses)", "$text-muted"),
            )
        )
        note = session.pending_note
        rows.append(
            Content.assemble(
                ("Next note    ", "bold"),
                (f"“{note}”" if note else "none", "" if note else "$text-muted"),
                (" (n)", "$text-muted"),
            )
        )
        label = session.scenario.info.turn_label.lower()
        injects = [f"{session.scenario.event_by_id[e].model.title} ({label} {t})" for t, e in state.injects]
        rows.append(
            Content.assemble(
                ("Scheduled    ", "bold"),
                ("; ".join(injects) if injects else "no injects waiting", "" if injects else "$text-muted"),
            )
        )
        return Content("\n").join(rows)

    def _due(self) -> Content:
        from redline.session.planned import due

        session = self.session
        label = session.scenario.info.turn_label.lower()
        rows = [Content.styled(f"Due this {label} from the plan (m delivers the first)", "bold")]
        waiting = due(session)
        if session.plan is None:
            rows.append(Content.styled("  no session plan (start one with --plan FILE)", "$text-muted"))
        elif not waiting:
            rows.append(Content.styled("  nothing due", "$text-muted"))
        for inj in waiting:
            late = f" (due in {label} {inj.turn})" if inj.turn < session.state.turn else ""
            to = "the room" if inj.to == "all" else session.role_name(inj.to)
            rows.append(
                Content.assemble(
                    (f"  {inj.number:>3}. ", "bold $text-accent"),
                    (inj.text or "", "bold"),
                    (late, "$text-warning"),
                )
            )
            rows.append(Content.assemble("       from ", (inj.sender or "—", "bold"), " to ", (to, "bold")))
            if inj.expected_action:
                rows.append(Content.assemble("       expected: ", inj.expected_action))
            if inj.notes:
                rows.append(Content.assemble("       notes: ", (inj.notes, "italic")))
        return Content("\n").join(rows)

    def _keys(self) -> Content:
        unit = self.session.scenario.info.turn_label.lower()
        return Content("\n").join(
            Content.assemble((f"{k:<13}", "bold $text-accent"), what.replace("{turn}", unit))
            for k, what in KEYS
        )

    def _moscow(self) -> Content:
        session = self.session
        state = session.state
        sc = session.scenario
        rung = sc.rungs[state.rung].model.label
        rows = [
            Content.styled("Moscow — the facilitator's view", "bold"),
            Content.assemble(("Rung         ", "bold"), f"{rung} ({state.rung + 1} of {len(sc.rungs)})"),
        ]
        for rl in sc.red_lines:
            word, near = status(rl, state)
            gauge = f"  {near:3.0f}/100" if near is not None and word != "CROSSED" else ""
            rows.append(
                Content.assemble(
                    (f"{word:<8}", STATUS_STYLE[word]), " ", rl.model.label, (gauge, "$text-muted")
                )
            )
        meters = [f"{m.label} {state.meters[mid]:g}" for mid, m in sc.meters.items()]
        for i, text in enumerate([*meters, f"Allied cohesion {state.cohesion:g}"]):
            rows.append(Content.assemble((f"{'Meters' if i == 0 else '':<13}", "bold"), text))
        return Content("\n").join(rows)

    def _record(self) -> Content:
        from redline.engine import Adjudicate, Bulletin, Inject, Note, Observe, Override
        from redline.session.rulings import changes_words, odds_words

        session = self.session
        game = session.game
        label = session.scenario.info.turn_label
        rows = [Content.styled("The record", "bold")]
        acts = []
        for i, action in enumerate(game.actions):
            turn = game.states[i].turn
            if isinstance(action, Inject):
                title = session.scenario.event_by_id[action.event].model.title
                when = f" for {label.lower()} {action.turn}" if action.turn else ""
                acts.append(
                    f"{label} {turn} · inject {title}{when}"
                    + (f" — {action.reason}" if action.reason else "")
                )
            elif isinstance(action, Override):
                from redline.report.words import num, target_label

                what = target_label(action.target, session.scenario)
                done = game.events[i + 1] if i + 1 < len(game.events) else []
                # The value the target took (held to its range), and the one asked when it differs.
                taken = next(
                    (e.after for e in done if e.kind == "override" and e.after is not None), action.value
                )
                asked = "" if num(taken) == num(action.value) else f" (asked {num(action.value)})"
                acts.append(f"{label} {turn} · override {what} = {num(taken)}{asked} — {action.reason}")
            elif isinstance(action, Bulletin):
                to = session.role_name(action.to)
                from redline.report.words import joined

                done = changes_words(session.scenario, action.changes) if action.changes else ""
                acts.append(joined(f"{label} {turn} · free inject to {to}: {action.text}", done))
            elif isinstance(action, Adjudicate):
                ruled = game.events[i + 1] if i + 1 < len(game.events) else []
                won = next((e.after for e in ruled if e.kind == "adjudication"), None)
                verdict = "succeeded" if won else "failed"
                acts.append(
                    f"{label} {turn} · ruling ({odds_words(action.odds)}, {verdict}): {action.proposal}"
                )
            elif isinstance(action, Observe):
                by = f" — {action.by}" if action.by else ""
                acts.append(f"{label} {turn} · {action.category}: {action.text}{by}")
            elif isinstance(action, Note):
                acts.append(f"{label} {turn} · note: {action.text}")
        for text in acts or ["no injects, rulings, overrides or notes yet"]:
            rows.append(Content.assemble("  ", text))
        for b in game.branches:
            rows.append(
                Content.assemble(
                    ("  branch ", "$text-muted"),
                    (b.name, "bold"),
                    f" from {label.lower()} {b.from_turn}, {counted(len(b.actions), 'action')}",
                )
            )
        for text in self.said[-3:]:
            rows.append(Content.styled(f"✓ {text}", "$text-success"))
        return Content("\n").join(rows)

    # ---- actions ------------------------------------------------------------------------------

    def _open(self, dialog: Any) -> None:
        self.app.push_screen(dialog, self._done)

    def _done(self, said: str | None) -> None:
        if said:
            self.said.append(said)  # shown in the record here, never as a toast the room could see
            if said.startswith("Rewound"):
                self.rewound = True
        self.refresh_view()

    def action_deliver(self) -> None:
        from redline.engine import IllegalAction
        from redline.session.planned import deliver, due

        waiting = due(self.session)
        if not waiting:
            self.notify("Nothing from the plan is due now.")
            return
        try:
            self._done(deliver(self.session, waiting[0].number))
        except IllegalAction as exc:
            self.notify(str(exc), severity="error")

    def action_bulletin(self) -> None:
        from redline.tui.facilitation.rulings import BulletinDialog

        if not self._over("send an inject"):
            self._open(BulletinDialog())

    def action_adjudicate(self) -> None:
        from redline.tui.facilitation.rulings import AdjudicateDialog

        if not self._over("rule on a proposal"):
            self._open(AdjudicateDialog())

    def action_observe(self) -> None:
        from redline.tui.facilitation.rulings import ObserveDialog

        self._open(ObserveDialog())

    def action_inject(self) -> None:
        from redline.tui.facilitation.dialogs import InjectDialog

        if self._over("inject"):
            return
        self._open(InjectDialog())

    def action_override(self) -> None:
        from redline.tui.facilitation.dialogs import OverrideDialog

        if self._over("override"):
            return
        self._open(OverrideDialog())

    def action_note(self) -> None:
        from redline.tui.facilitation.dialogs import NoteDialog

        self._open(NoteDialog())

    def action_rewind(self) -> None:
        from redline.tui.facilitation.dialogs import RewindDialog

        if not self.session.rewindable():
            self.notify("Nothing to rewind: no move has been made yet.")
            return
        self._open(RewindDialog())

    def action_timer(self) -> None:
        from redline.tui.facilitation.dialogs import TimerDialog

        self._open(TimerDialog())

    def _over(self, what: str) -> bool:
        if self.session.state.is_over:
            self.notify(f"The game is over: rewind first to {what}.", severity="warning")
            return True
        return False

    def action_odds(self) -> None:
        # The session's own choice, kept in its save: the player's settings file is left alone
        # (it once kept the odds hidden in every later game played alone).
        session = self.session
        session.show_odds = not self.app.odds_shown()
        self.app.apply_settings(save=False)
        self._done(f"Odds {'shown' if session.show_odds else 'hidden'} on the players' screen")

    def action_red_lines(self) -> None:
        session = self.session
        session.show_red_lines = not session.show_red_lines
        self._done(f"Red lines {'shown' if session.show_red_lines else 'hidden'} on the players' screen")

    def action_start_pause(self) -> None:
        timer = self.session.timer
        if not timer.is_set:
            self.notify("Set the timer first: press t.", severity="warning")
            return
        if timer.expired:
            self.notify("Time is up: press t to set it again.", severity="warning")
            return
        timer.toggle()
        self._done("Timer running" if timer.running else "Timer paused")

    def action_back(self) -> None:
        self.app.clear_notifications()  # nothing said here stays up on the players' screen
        if self.rewound:  # the screens under this one show a line of play that is gone
            self.app.show_game()
        else:
            self.dismiss(None)

    def commands(self) -> list[Command]:
        unit = self.session.scenario.info.turn_label.lower()
        return [
            ("Deliver the plan's inject", "The first free-text inject due", self.action_deliver),
            ("Free-text inject", "Text, to whom, changes with a reason", self.action_bulletin),
            ("Rule on a proposal", "Off-card: arguments, odds, the roll", self.action_adjudicate),
            ("Observation", "For the hot-wash", self.action_observe),
            ("Inject an event", f"Now or for a later {unit}", self.action_inject),
            ("Override", "A meter, flag or ally's support, with a reason", self.action_override),
            ("Note", "A note, or the next decision's rationale", self.action_note),
            ("Rewind", f"Back to the start of an earlier {unit}", self.action_rewind),
            ("Toggle odds", "On the players' screen", self.action_odds),
            ("Toggle red lines", "On the players' screen", self.action_red_lines),
            ("Set the timer", "Minutes for the move", self.action_timer),
            ("Start or pause the timer", "", self.action_start_pause),
            ("Back to the players", "Close the console", self.action_back),
        ]
