"""`redline join`: the Textual client of one seat (a face, so it lives with the TUI). It shows
the view the host sends and sends the seat's moves. It holds no game: every rule and every
secret stays with the host.

A team answers its own cards (and votes when the facilitator opens a vote); the red cell
picks Moscow's signals and response; the facilitator types commands; the projector watches.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Input, Static

from redline.engine.ladder import status_word
from redline.host.client import JoinError, SeatClient
from redline.host.commands import read_command, usage
from redline.plural import counted
from redline.session.report import Line, Section
from redline.tui import themes
from redline.tui.prefs import Settings, load_settings
from redline.tui.screens.report import render_section
from redline.tui.widgets.gauge import gauge
from redline.tui.widgets.kremlin import NEAR_AT, STATUS_STYLE
from redline.tui.widgets.panel import hanging

RETRY_SECONDS = 2.0
ROOM_TEXT = 40  # the room's pane: 44 columns less its padding and scroll bar
# Tries before the first connection is given up: a host still starting gets a few seconds, a
# wrong address gets a message and an exit, not a screen that waits for ever.
FIRST_TRIES = 3


class JoinApp(App[None]):
    CSS = """
    #status { background: $panel; height: 1; }
    #body { height: 1fr; }
    #room { width: 44; border-right: solid $panel-lighten-2; padding: 0 1; }
    #main { padding: 0 1; }
    #room:focus, #main:focus { background: $boost; }
    #command { dock: bottom; }
    #hint { color: $text-muted; height: auto; }
    """
    AUTO_FOCUS = None  # keys go to the seat's moves; only the facilitator types
    BINDINGS = [
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
        Binding("0", "hold", "Hold", show=False),
        Binding("enter", "send", "Send", show=False),
        # Every pane scrolls from the keyboard, as the game's own panels do: Tab into a pane,
        # then ↑↓ PgUp PgDn Home End; PgUp/PgDn scroll the main pane from anywhere.
        Binding(
            "tab",
            "next_panel(1)",
            "Panels",
            tooltip="Into the next pane: ↑↓ PgUp PgDn Home End scroll it",
            priority=True,
        ),
        Binding("shift+tab", "next_panel(-1)", show=False, priority=True),
        Binding("pagedown", "scroll_main(1)", "Scroll", key_display="PgUp/PgDn", priority=True),
        Binding("pageup", "scroll_main(-1)", show=False, priority=True),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, url: str, code: str, settings_file: Path | None = None) -> None:
        super().__init__()
        # The player's theme, as `redline play` shows it; a choice from the palette is kept.
        self.settings_file = settings_file
        self.settings, self.settings_notice = (
            load_settings(settings_file) if settings_file is not None else (Settings(), None)
        )
        themes.install(self, self.settings.theme)
        self.url = url
        self.code = code
        self.client: SeatClient | None = None
        self.failure: str | None = None
        self.ticked: list[str] = []  # the red cell's signals, before they are sent
        self._drawn = False  # the latest view has been drawn (see `view`)

    def compose(self) -> ComposeResult:
        yield Static("Connecting…", id="status", markup=False)
        with Horizontal(id="body"):
            yield VerticalScroll(Static("", id="room-text"), id="room")
            with VerticalScroll(id="main"):
                yield Static("", id="main-text")
                yield Static("", id="hint")
        yield Input(placeholder="join code", id="command")
        yield Footer()

    def watch_theme(self, name: str) -> None:
        themes.keep(self, self.settings, self.settings_file, name)

    def on_mount(self) -> None:
        if self.settings_notice:
            self.notify(self.settings_notice, severity="warning", timeout=8, markup=False)
        field = self.query_one("#command", Input)
        if self.code:
            field.display = False
            self.set_focus(None)
            self.connect()
        else:
            field.focus()

    # ---- the connection ----------------------------------------------------------------------

    @work(exclusive=True, group="connection")
    async def connect(self) -> None:
        try:
            await self._stay_connected()
        finally:  # the app is closing, or the code was refused
            if self.client is not None:
                await self.client.close()

    async def _stay_connected(self) -> None:
        first = True
        tries = 0
        while True:
            client = SeatClient(self.url, self.code)
            try:
                await client.connect()
            except JoinError as exc:
                tries += 1
                if first and ("code" in str(exc) or tries >= FIRST_TRIES):
                    self.failure = str(exc)
                    self.exit()
                    return
                where = client.where
                lost = f"Lost the host at {where}" if not first else f"Cannot reach the host at {where} yet"
                self._status(f"{lost}; trying again every {RETRY_SECONDS:g} seconds…")
                await asyncio.sleep(RETRY_SECONDS)
                continue
            first = False
            self.client = client
            self.draw()
            if self.view and self.view["seat"]["kind"] != "facilitator" and self.focused is None:
                self.set_focus(self.query_one("#main"))  # ↑↓ PgUp PgDn scroll it; numbers pick
            while await client.receive() is not None:
                if client.errors:
                    self.notify(client.errors.pop(), title="Not allowed", severity="warning", markup=False)
                if client.said:
                    self.notify(client.said.pop(), timeout=3, markup=False)
                self.draw()
            self.client = None
            await client.close()
            self._status(f"Lost the host at {client.where}; rejoining with the same code…")
            await asyncio.sleep(RETRY_SECONDS)

    def _status(self, text: str) -> None:
        self.query_one("#status", Static).update(text)

    async def _send(self, message: dict[str, Any]) -> None:
        if self.client is None:
            self.notify("Not connected to the host.", severity="warning")
            return
        await self.client.send(message)

    # ---- drawing -----------------------------------------------------------------------------

    @property
    def view(self) -> dict[str, Any] | None:
        """The host's latest view, once it has been drawn (a view that cannot be is None)."""
        return self.client.view if self.client and self._drawn else None

    def draw(self) -> None:
        self._drawn = False
        try:
            self._draw(self.client.view if self.client else None)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            # A view of a shape this screen does not know (another version's host, or not a
            # redline host at all): said, never a crash; the keys wait for the next view.
            self._status("The host sent a view this screen cannot show; waiting for the next one…")
            return
        self._drawn = True

    def _draw(self, view: dict[str, Any] | None) -> None:
        if view is None:
            return
        seat = view["seat"]
        sc = view["scenario"]
        whose = view["whose"]
        turn = f"{sc['turn_label']} {view['turn']} of {sc['turns']}"
        who = (
            ""
            if not whose
            else whose["name"]
            if whose["player"] == whose["name"]
            else f"{whose['player']} ({whose['name']})"
        )
        doing = f" · next: {who}" if who and not view["over"] else ""
        timer = f" · ⏱ {view['timer']}" if view.get("timer") else ""
        move = view.get("move")
        if move:
            timer = f" · move {move['number']} of {move['of']}{timer}"
            if move.get("close_the_move"):
                timer += " — close the move"
        self._status(f" {seat['name']} · {sc['title']} · {turn}{doing}{timer}")
        self.query_one("#room-text", Static).update(room_text(view))
        width = max(self.size.width - 50, 30)
        odds = view.get("show_odds")
        shown = self.settings.show_odds if odds is None else bool(odds)
        self.query_one("#main-text", Static).update(main_text(view, self.ticked, width, shown))
        self.query_one("#hint", Static).update(hint_text(view))
        command = self.query_one("#command", Input)
        if seat["kind"] == "facilitator":
            if not command.display:
                command.display = True
                command.focus()
            command.placeholder = usage(sc["turn_label"].lower())
        else:
            command.display = False

    # ---- scrolling ---------------------------------------------------------------------------

    def _panes(self) -> list[Any]:
        panes: list[Any] = [self.query_one("#main"), self.query_one("#room")]
        command = self.query_one("#command", Input)
        if command.display:
            panes.append(command)
        return panes

    def action_next_panel(self, step: int) -> None:
        """Tab: the main pane, the room's pane, then the command line (the facilitator's)."""
        panes = self._panes()
        at = panes.index(self.focused) if self.focused in panes else -1 if step > 0 else 0
        self.set_focus(panes[(at + step) % len(panes)])

    def action_scroll_main(self, pages: int) -> None:
        focused = self.focused
        pane = focused if focused is not None and focused.id == "room" else self.query_one("#main")
        if pages > 0:
            pane.scroll_page_down(animate=False)
        else:
            pane.scroll_page_up(animate=False)

    # ---- moves -------------------------------------------------------------------------------

    async def action_pick(self, n: int) -> None:
        view = self.view
        if view is None or self.query_one("#command", Input).has_focus:
            return
        kind = view["seat"]["kind"]
        card = view.get("card")
        if kind == "red_cell":
            moscow = view["red_cell"]
            if moscow["signal"] and n <= len(moscow["signal"]):
                rid = moscow["signal"][n - 1]["id"]
                self.ticked.remove(rid) if rid in self.ticked else self.ticked.append(rid)
                self.draw()
            elif moscow["respond"] and n <= len(moscow["respond"]):
                await self._send({"type": "respond", "response": moscow["respond"][n - 1]["id"]})
            return
        if card is None or n > len(card["options"]):
            return
        if not card["options"][n - 1]["open"]:
            self.notify("That option is locked.", severity="warning")
            return
        option = card["options"][n - 1]["id"]
        if view.get("vote") and kind == "team":
            await self._send({"type": "vote", "option": option})
        elif view.get("yours"):
            await self._send({"type": "decide", "option": option})
        elif kind == "team":
            self.notify("This decision is not yours: wait for your card or a vote.", severity="warning")

    async def action_hold(self) -> None:
        view = self.view
        if view and view["seat"]["kind"] == "red_cell" and view["red_cell"]["respond"]:
            await self._send({"type": "respond", "response": None})

    async def action_send(self) -> None:
        view = self.view
        if view and view["seat"]["kind"] == "red_cell" and view["red_cell"]["signal"]:
            chosen, self.ticked = self.ticked, []
            await self._send({"type": "signal", "responses": chosen})

    @on(Input.Submitted, "#command")
    async def _typed(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.value = ""
        if not self.code:  # the first thing typed is the join code
            if text:
                self.code = text
                event.input.placeholder = usage()
                event.input.display = False
                self.set_focus(None)
                self.connect()
            return
        try:
            unit = self.view["scenario"]["turn_label"].lower() if self.view else "month"
            message = read_command(text, unit)
        except ValueError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        await self._send(message)


# ---- the view, in words ------------------------------------------------------------------------------


def room_text(view: dict[str, Any]) -> Content:
    rows: list[Content] = [Content.styled("Meters", "bold")]
    meters = [(m["label"], m["value"]) for m in view["meters"]] + [("Allied cohesion", view["cohesion"])]
    for label, value in meters:
        rows.append(Content(f"  {label}"))
        rows.append(Content.assemble("  ", gauge(value, 30), f" {value:g}"))
    rows.append(Content.styled("Allies", "bold"))
    for a in view["allies"]:
        if a["left"]:
            rows.append(Content.assemble(f"  {a['name']:<10} ", ("left the coalition", "$text-error")))
        else:
            rows.append(
                Content.assemble(f"  {a['name']:<10} ", gauge(a["support"], 20), f" {a['support']:g}")
            )
    rows.append(Content.styled("Moscow", "bold"))
    rows.append(Content(f"  stands on: {view['rung']}"))
    for s in view["signals"]:
        rows.append(Content.assemble("  ⚠ ", (s["label"], "bold"), f" — {s['signal']}"))
    if view["red_lines"]:
        rows.append(Content.styled("Red lines", "bold"))
        label = view["scenario"]["turn_label"].lower()
        for r in view["red_lines"]:
            rows += red_line_rows(r, label)
    return Content("\n").join(rows)


def red_line_rows(line: dict[str, Any], unit: str) -> list[Content]:
    """SAFE, NEAR or CROSSED, the line's name, and its gauge with the number, as the game's
    own Moscow panel shows them."""
    near = line.get("near")
    word = status_word(bool(line["crossed"]), near)
    tag = Content.assemble("  ", (f"{word:<7}", STATUS_STYLE[word]), " ")
    rows = hanging(tag, line["label"], ROOM_TEXT, 10)
    if line["crossed"]:
        rows.append(Content.styled(f"          crossed in {unit} {line['crossed']}", "$text-muted"))
    elif near is not None:
        style = "$warning" if word == "NEAR" else "$success"
        rows.append(
            Content.assemble("          ", gauge(near, 20, mark=NEAR_AT, style=style), f" {near:3.0f}/100")
        )
    return rows


def main_text(view: dict[str, Any], ticked: list[str], width: int = 70, show_odds: bool = True) -> Content:
    rows: list[Content] = []
    if view["over"] and view["ending"]:
        end = view["ending"]
        rows += [
            Content.styled(end["title"], "bold"),
            Content(end["text"]),
            Content(f"Score: {end['score']}"),
        ]
    card = view.get("card")
    moscow = view.get("red_cell")
    if moscow and moscow["signal"]:
        rows.append(
            Content.styled(
                f"Signal up to {counted(moscow['limit'], 'threat')} (number ticks, Enter sends)", "bold"
            )
        )
        for i, r in enumerate(moscow["signal"], 1):
            mark = "[x]" if r["id"] in ticked else "[ ]"
            rows.append(Content.assemble(f"{i} {mark} ", (r["label"], "bold"), f" — {r['signal']}"))
            rows.append(Content.styled(f"      if carried out: {r['text']}", "$text-muted"))
    elif moscow and moscow["respond"]:
        rows.append(Content.styled("Carry out one response (number), or hold (0)", "bold"))
        for i, r in enumerate(moscow["respond"], 1):
            how = "signalled" if r["signalled"] else "without warning"
            rows.append(Content.assemble(f"{i} ", (r["label"], "bold"), f" ({how}) — {r['text']}"))
    elif card:
        rows.append(Content.styled(card["title"], "bold"))
        rows.append(Content(card["text"]))
        vote = view.get("vote")
        for i, o in enumerate(card["options"], 1):
            tally = f"  [{counted(vote['tally'].get(o['id'], 0), 'vote')}]" if vote else ""
            mine = " ← your vote" if vote and vote.get("mine") == o["id"] else ""
            style = "bold" if o["open"] else "$text-muted"
            rows.append(
                Content.styled(f"{i}. {o['label']}{'' if o['open'] else ' (locked)'}{tally}{mine}", style)
            )
            if o.get("text"):
                rows.append(Content.styled(f"   {o['text']}", "" if o["open"] else "$text-muted"))
            if o.get("odds") and show_odds:
                rows.append(Content.styled(f"   Odds: {o['odds']}", "$text-accent"))
            elif o.get("chance"):
                rows.append(Content.styled("   Chance involved (odds hidden)", "$text-accent"))
    facilitator = view.get("facilitator")
    if facilitator:  # the facilitator's tools first: the month's report and the record follow
        rows += facilitator_rows(view, facilitator)
    report = view.get("report") or []
    if report:
        label = view["scenario"]["turn_label"]
        rows.append(Content.styled(f"Report — {label} {report[0]['turn']}", "bold reverse"))
    for section in report:
        rows.append(Content.styled(section["title"], "bold $text-accent"))
        lines = [Line(**line) for line in section["lines"]]
        rows.append(render_section(Section(section["title"], lines), width))
    if view["log"]:
        rows.append(Content.styled("Record", "bold"))
        rows += record_rows(view["log"][-12:], view["scenario"]["turn_label"])
    if facilitator:
        rows += reference_rows(view, facilitator)
    return Content("\n").join(rows)


def record_rows(lines: list[str], label: str) -> list[Content]:
    """The record's lines under their month ("Month 1"), never a list where each is item 1."""
    import re

    rows: list[Content] = []
    shown = None
    for line in lines:
        found = re.match(r"(\d+)\. (.*)", line, re.DOTALL)
        turn, text = (found.group(1), found.group(2)) if found else (None, line)
        if turn is not None and turn != shown:
            rows.append(Content.styled(f"  {label} {turn}", "$text-muted"))
            shown = turn
        rows.append(Content(f"    {text}" if turn is not None else f"  {text}"))
    return rows


def facilitator_rows(view: dict[str, Any], f: dict[str, Any]) -> list[Content]:
    """The facilitator's block: the timer, the red lines, injects scheduled and due, ballots."""
    label = view["scenario"]["turn_label"]
    unit = label.lower()
    rows = [Content.styled("Facilitator", "bold $text-accent")]
    shown = "shown" if f["show_red_lines"] else "hidden"
    rows.append(Content(f"  timer: {f['timer']} · red lines: {shown} to the room"))
    for inj in f["injects"]:
        rows.append(Content(f"  scheduled: {inj['title']} ({unit} {inj['turn']})"))
    for inj in f.get("due", []):
        rows.append(
            Content.assemble(
                ("  due: ", "bold"),
                f"{inj['number']}. {inj['text']} — from {inj['from'] or '—'} to {inj['to']}",
                (f" (expected: {inj['expected_action']})" if inj["expected_action"] else "", ""),
                (f" notes: {inj['notes']}" if inj["notes"] else "", "italic"),
                ("  → deliver " + str(inj["number"]), "$text-muted"),
            )
        )
    if f.get("ballots"):
        card = view.get("card") or {"options": []}
        numbers = {o["id"]: f"{i}. {o['label']}" for i, o in enumerate(card["options"], 1)}
        cast = [numbers.get(option, option) for option in f["ballots"].values()]
        rows.append(Content(f"  ballots: {counted(len(cast), 'ballot')} cast — " + "; ".join(cast)))
    for obs in f.get("observations", [])[-5:]:
        by = f" — {obs['by']}" if obs["by"] else ""
        rows.append(Content(f"  {obs['category']}: {obs['text']}{by}"))
    return rows


def reference_rows(view: dict[str, Any], f: dict[str, Any]) -> list[Content]:
    """What the facilitator's commands take, numbered as the commands accept them (below the
    report and the record: long lists in a long scenario)."""
    label = view["scenario"]["turn_label"]
    rows = [Content.styled("For the commands", "bold $text-accent")]
    events = " · ".join(f"{i} {e['title']}" for i, e in enumerate(f["events"], 1))
    rows.append(Content(f"  inject (number or title): {events}"))
    targets = " · ".join(f"{i} {t['label']} ({t['now']})" for i, t in enumerate(f.get("targets", []), 1))
    if targets:
        rows.append(Content(f"  override (number or name): {targets}"))
    if f.get("odds"):
        odds = " · ".join(f"{o['name']} {o['share']}" for o in f["odds"])
        rows.append(Content(f"  odds for `rule`: {odds}"))
    turns = ", ".join(str(t) for t in f["rewindable"])
    rows.append(Content(f"  rewind to: {label} {turns}" if turns else "  rewind: nothing to go back to yet"))
    return rows


def hint_text(view: dict[str, Any]) -> Content:
    kind = view["seat"]["kind"]
    if view["over"]:
        return Content("The game is over.")
    if kind == "projector":
        return Content("The room's screen.")
    if kind == "team":
        if view.get("vote"):
            return Content.styled("A vote is open: press an option's number to vote.", "bold")
        if view.get("yours"):
            return Content.styled("Your decision: press an option's number.", "bold")
        return Content("Waiting for another seat.")
    if kind == "red_cell":
        return Content("" if view["red_cell"]["signal"] or view["red_cell"]["respond"] else "Waiting.")
    return Content("Type a command below and press Enter; `decide OPTION` answers a card that names no role.")
