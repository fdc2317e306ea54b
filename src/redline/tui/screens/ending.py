"""The ending: the outcome, why it happened, the score and each meter over the turns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from redline.engine.endings import in_order
from redline.report.epilogue import epilogue, score_in_words
from redline.report.mattered import decisions_that_mattered
from redline.report.words import num, signed
from redline.report.words import why as said_why
from redline.tui.turn_report import target_label
from redline.tui.widgets.footer import KeyFooter
from redline.tui.widgets.gauge import spark

if TYPE_CHECKING:
    from redline.tui.app import RedlineApp
    from redline.tui.commands import Command
    from redline.tui.session import Session


def history_rows(session: Session, width: int) -> list[Content]:
    """Each meter by turn: a table of level marks and values when it fits, else a chart."""
    sc = session.scenario
    history = session.state.history
    keys = [*sc.meters, "cohesion"]
    label_w = max(len(target_label(sc, k)) for k in keys) + 2
    cell = 8  # a mark and a value as the game says it everywhere ("60.75", never "60.8")
    table = label_w + cell * len(history) <= width
    rows = []
    if table:
        short = sc.info.turn_label[:1].upper()
        heads = ["start", *(f"{short}{t}" for t in range(1, len(history)))]
        rows.append(
            Content.styled(" " * label_w + "".join(f"{h:>{cell - 1}} " for h in heads), "$text-muted")
        )
    for key in keys:
        values = [snap[key] for snap in history if key in snap]
        if not values:
            continue
        lo, hi = (sc.meters[key].min, sc.meters[key].max) if key in sc.meters else (0.0, 100.0)
        parts: list[str | tuple[str, str]] = [(f"{target_label(sc, key):<{label_w}}", "bold")]
        if table:
            for v in values:
                number = num(v)
                parts += [" " * (cell - 2 - len(number)), (spark([v], lo, hi, 1), "$accent"), f"{number} "]
        else:
            per = max(1, min(3, (width - label_w - 30) // max(len(values), 1)))
            chart = spark(values, lo, hi, per)
            summary = f"  {num(values[0])} → {num(values[-1])}"
            extremes = f"  (low {num(min(values))}, high {num(max(values))})"
            if label_w + len(chart) + len(summary) + len(extremes) <= width:
                summary += extremes
            parts += [(chart, "$accent"), (summary, "$text-muted")]
        rows.append(Content.assemble(*parts))
    return rows


class EndingScreen(Screen[None]):
    app: RedlineApp
    BINDINGS = [
        Binding("n", "new", "New game", tooltip="Choose a scenario and play again"),
        Binding("r", "report", "Last report", tooltip="Reread the last report"),
        Binding("escape", "title", "Title", tooltip="Back to the title screen"),
        Binding("pageup", "scroll(-1)", show=False),
        Binding("pagedown", "scroll(1)", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(classes="ending-screen")

    def compose(self) -> ComposeResult:
        session = self.app.session
        assert session is not None
        state = session.state
        sc = session.scenario
        ending = state.ending
        assert ending is not None
        why = said_why(
            next((e.cause for e in reversed(session.game.all_events()) if e.kind == "ending"), None),
            session.scenario,
        )
        label = sc.info.turn_label.lower()
        kind = "FAILURE" if ending.model.kind == "failure" else "OUTCOME"
        yield Static(
            Content.assemble(
                (f" Game over after {label} {state.turn}", "bold $text-accent"),
                (" │ ", "$text-muted"),
                f"seed {session.seed}",
                (" │ ", "$text-muted"),
                (sc.title, "bold"),
            ),
            id="status",
        )
        with VerticalScroll(id="ending-body"):
            yield Static(
                Content.assemble(
                    (f"{kind}: ", "bold $text-warning" if kind == "FAILURE" else "bold $text-success"),
                    (ending.model.title, "bold"),
                ),
                id="ending-title",
            )
            yield Static(ending.model.text, id="ending-text", markup=False)
            if why:
                yield Static(Content.assemble(("Why: ", "bold"), why), id="ending-why")
            yield Static(Content.styled("Afterwards", "bold $text-accent"), classes="section-title")
            yield Static(
                "\n\n".join(epilogue(state, session.game.all_events())), id="ending-epilogue", markup=False
            )
            explained = score_in_words(state)
            yield Static(
                Content.assemble(("Score: ", "bold"), (f"{explained.total:g}", "bold $text-accent")),
                id="ending-score",
            )
            yield Static(
                Content("\n").join(
                    Content.assemble(
                        (
                            f"{signed(line.points):>8} ",
                            "bold $text-success" if line.points > 0 else "bold $text-error",
                        ),
                        line.label,
                        (f"  {line.note}" if line.note else "", "$text-muted"),
                    )
                    for line in explained.lines
                ),
                id="ending-score-parts",
            )
            yield Static(
                Content.assemble(("What it means: ", "bold"), explained.meaning), id="ending-score-meaning"
            )
            yield Static(
                Content.styled("The decisions that mattered most", "bold $text-accent"),
                classes="section-title",
            )
            rows = [
                Content.assemble(
                    (f"{signed(m.change)} ", "bold $text-success" if m.change > 0 else "bold $text-error"),
                    (f"{label.capitalize()} {m.turn}: ", "$text-muted"),
                    (m.card, ""),
                    (" → ", "$text-muted"),
                    (m.option, "bold"),
                )
                for m in decisions_that_mattered(session.game)
            ]
            yield Static(Content("\n").join(rows) if rows else Content("No decisions."), id="ending-mattered")
            found = self.app.record_ending(sc.id, ending.id)
            titles = [e.model.title for e in in_order(sc.endings) if e.id in found]
            missing = len(sc.endings) - len(titles)
            yield Static(Content.styled("Endings found so far", "bold $text-accent"), classes="section-title")
            yield Static(
                Content.assemble(
                    ("; ".join(titles), ""),
                    (f"  ({len(titles)} of {len(sc.endings)}; {missing} still to find)", "$text-muted"),
                ),
                id="ending-gallery",
            )
            gone = [
                Content.assemble(
                    ("⚑ ", "$text-warning"),
                    (sc.allies[a].name, "bold"),
                    f" left in {label} {t}: {state.grievance.get(a, 'support fell too low')}",
                )
                for a, t in state.out.items()
            ]
            yield Static(Content.styled("The coalition", "bold $text-accent"), classes="section-title")
            yield Static(
                Content("\n").join(gone) if gone else Content("Every ally stayed in."), id="ending-allies"
            )
            crossed = [
                Content.assemble(
                    ("✖ ", "$text-error"),
                    (rl.model.label, "bold"),
                    f" — crossed in {label} {state.crossed[rl.id]}",
                )
                for rl in sc.red_lines
                if rl.id in state.crossed
            ]
            yield Static(Content.styled("Red lines", "bold $text-accent"), classes="section-title")
            yield Static(
                Content("\n").join(crossed) if crossed else Content("No red line was crossed."),
                id="ending-red-lines",
            )
            yield Static(
                Content.styled(f"Meters by {label} (start, then each {label}'s end)", "bold $text-accent"),
                classes="section-title",
            )
            yield Static("", id="ending-history", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._draw_history()

    def on_resize(self) -> None:
        self.call_after_refresh(self._draw_history)

    def _draw_history(self) -> None:
        session = self.app.session
        if session is None or session.state.ending is None:
            return
        history = self.query_one("#ending-history", Static)
        width = max(40, history.content_region.width or self.size.width - 5)
        history.update(Content("\n").join(history_rows(session, width)))

    def action_new(self) -> None:
        from redline.tui.screens.picker import PickerScreen

        self.app.push_screen(PickerScreen())

    def action_report(self) -> None:
        from redline.tui.screens.report import ReportScreen

        session = self.app.session
        if session is not None:
            self.app.push_screen(ReportScreen((session.state.turn,)))

    def action_title(self) -> None:
        self.app.show_title()

    def action_scroll(self, pages: int) -> None:
        body = self.query_one("#ending-body", VerticalScroll)
        body.scroll_page_down(animate=False) if pages > 0 else body.scroll_page_up(animate=False)

    def commands(self) -> list[Command]:
        return [
            ("New game", "Choose a scenario and play again", self.action_new),
            ("Last report", "Reread the last report", self.action_report),
            ("Title screen", "Back to the title screen", self.action_title),
        ]
