"""The card to decide now: its title, text, sources and numbered options."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from redline.report.words import article, condition
from redline.sim.touches import Touches, touches
from redline.tui.widgets.phrases import Phrases

if TYPE_CHECKING:
    from redline.content.compiled import CCard, COption, Scenario
    from redline.engine import State

MAX_OPTIONS = 4


def pretty(tag: str) -> str:
    return tag.replace("_", " ")


def tag_line(option: COption) -> str:
    return " · ".join(f"#{pretty(t)}" for t in option.model.tags)


def hint(card: CCard | None, selected: int | None, overflow: bool = False) -> Content:
    """What to press next: kept in view below the card, however far it scrolls."""
    if card is None:
        return Content("")
    n = len(card.options)
    keys = "1" if n == 1 else f"1–{n}"
    if selected is None:
        more = " PgDn scrolls the card." if overflow else ""
        return Content.styled(f"Press {keys} or ↓ (or click) to pick an option.{more}", "$text-muted")
    # One line even beside the panels: every row it takes is a row the options lose.
    return Content.assemble(
        (f"Option {selected + 1} picked: ", "bold"),
        (f"{selected + 1} again or Enter decides.", "$text-muted"),
    )


def meta_phrases(scenario: Scenario, card: CCard) -> list[str]:
    """The card's topic and who decides it, each kept whole when the line wraps.

    (How many cards are left this turn is on the status line.)"""
    model = card.model
    role = scenario.roles.get(model.role) if model.role else None
    from redline.report.words import topic_words

    bits = [topic_words(model.topic)]
    if role is not None:
        bits.append(f"decided by {role.name}")
    return bits


def odds_text(state: State, option: COption) -> str | None:
    """ "The mandate passes 20% · Russia vetoes 80%", or None when no chance is involved."""
    from redline.report.words import odds_words

    return odds_words(state, option)


def touches_lines(t: Touches, most: int = 5) -> list[Content]:
    """'Allies: Germany ▲7 · Italy ▼9 …' and 'Nearer: Deployment without consent (crosses it)'."""
    out = []
    if t.allies:
        shown = [f"{a.name} {'▲' if a.delta > 0 else '▼'}{abs(a.delta):g}" for a in t.allies[:most]]
        more = f" · {len(t.allies) - most} more" if len(t.allies) > most else ""
        out.append(Content.assemble(("Allies: ", "bold"), (" · ".join(shown) + more, "")))
    if t.red_lines:
        said = []
        for rl in t.red_lines:
            if rl.crosses:
                said.append(f"{rl.label} (crosses it)")
            else:
                said.append(f"{rl.label} ({rl.before:g}→{rl.after:g})")
        out.append(Content.assemble(("Red lines nearer: ", "bold $text-warning"), "; ".join(said)))
    if not out:
        out.append(Content.styled("Moves no ally and no red line for certain.", "$text-muted"))
    return out


class OptionRow(Horizontal):
    """One numbered option. Click it (or press its number) to pick it; again to decide."""

    class Picked(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, index: int, touches_inline: bool = True) -> None:
        super().__init__(id=f"option-{index + 1}", classes="option")
        self.index = index
        # Beside the panels, what the picked option touches has its own panel (PickedPanel).
        self.touches_inline = touches_inline

    def compose(self) -> ComposeResult:
        # The number in its own column, so that a long label wraps under the label.
        yield Static("", classes="option-number", markup=False)
        with Vertical(classes="option-main"):
            yield Static("", classes="option-head", markup=False)
            yield Static("", classes="option-body", markup=False)

    def show(
        self,
        state: State,
        option: COption,
        selected: bool,
        show_odds: bool,
        hidden: str = "odds hidden in settings",
    ) -> None:
        locked = not state.available(option)
        self.set_class(locked, "-locked")
        self.set_class(selected and not locked, "-selected")
        number = f"{self.index + 1}"
        marker = "▶ " if selected and not locked else "  "
        self.query_one(".option-number", Static).update(
            Content.assemble((marker, "bold $accent"), (f"[{number}]", "bold"))
        )
        head: list[str | tuple[str, str]] = [(option.model.label, "bold" if not locked else "")]
        if locked:
            head.append(("  LOCKED", "bold $text-warning"))
        lines = []
        if option.model.text:
            lines.append(Content(option.model.text))
        details = []
        if option.model.tags and self.touches_inline:
            details.append((tag_line(option), "$text-muted"))
        odds = odds_text(state, option)
        if odds is not None:
            shown = f"Odds: {odds}" if show_odds else f"Chance involved ({hidden})"
            details.append((("  " if details else "") + shown, "$text-accent"))
        if details:
            lines.append(Content.assemble(*details))
        if selected and not locked and self.touches_inline:
            lines.extend(touches_lines(touches(state, option)))
        if locked:
            why = option.model.locked_text or (
                f"needs {condition(option.when.text, state.scenario)}" if option.when else "not available"
            )
            lines.append(Content.assemble(("Locked: ", "bold"), why))
        self.query_one(".option-head", Static).update(Content.assemble(*head))
        body = self.query_one(".option-body", Static)
        body.update(Content("\n").join(lines))
        body.display = bool(lines)
        self.tooltip = "Locked" if locked else f"Press {number} to pick, then {number} or Enter to decide"

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Picked(self.index))


class PickedPanel(Static):
    """Beside the card: what the picked option touches, so that the option itself stays short."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def show(self, state: State, card: CCard | None, selected: int | None) -> None:
        if card is None or selected is None or not state.available(card.options[selected]):
            self.display = False
            return
        option = card.options[selected]
        lines = [Content.styled(f"If you choose {selected + 1}: {option.model.label}", "bold")]
        if option.model.tags:
            lines.append(Content.styled(tag_line(option), "$text-muted"))
        lines += touches_lines(touches(state, option))
        self.update(Content("\n").join(lines))
        self.display = True


class CardView(VerticalScroll, can_focus=False):
    """The card, scrollable so that it stays readable at 80×24."""

    def __init__(self, *, id: str | None = None, touches_inline: bool = True) -> None:
        super().__init__(id=id)
        self.touches_inline = touches_inline

    def compose(self) -> ComposeResult:
        yield Static("", id="card-title", markup=False)
        yield Phrases(id="card-meta")
        yield Static("", id="card-text", markup=False)
        for i in range(MAX_OPTIONS):
            yield OptionRow(i, self.touches_inline)
        # The sources after the options: the choice first, its grounding a PgDn away.
        yield Static("", id="card-source", markup=False)

    def show(
        self,
        scenario: Scenario,
        state: State,
        card: CCard | None,
        selected: int | None,
        show_odds: bool,
        hidden: str = "odds hidden in settings",
    ) -> None:
        """`hidden` says who hid the odds when `show_odds` is off."""
        title = self.query_one("#card-title", Static)
        meta = self.query_one("#card-meta", Phrases)
        text = self.query_one("#card-text", Static)
        source = self.query_one("#card-source", Static)
        rows = list(self.query(OptionRow))
        if card is None:
            title.update("No decision is due")
            meta.show([])
            for widget in (text, source):
                widget.update("")
            for row in rows:
                row.display = False
            return
        model = card.model
        title.update(Content.styled(model.title, "bold"))
        meta.show(meta_phrases(scenario, card), "$text-muted")
        text.update(model.text)
        quotes = []
        for src in model.sources:
            if src.quote:
                where = article(src.file, scenario)
                quotes.append(Content.assemble((f"“{src.quote}”", "italic"), (f"  — {where}", "$text-muted")))
        source.update(Content("\n").join(quotes))
        source.display = bool(quotes)
        for i, row in enumerate(rows):
            if i < len(card.options):
                row.display = True
                row.show(state, card.options[i], selected == i, show_odds, hidden)
            else:
                row.display = False

    def reveal(self, index: int) -> None:
        rows = list(self.query(OptionRow))
        if 0 <= index < len(rows):  # once the picked option's new content is laid out
            self.call_after_refresh(self.scroll_to_widget, rows[index], animate=False)
