"""The turn report wraps between words, never inside one: at every width, each word on the
screen is a whole word of the report's own lines (a word cut in two shows as a fragment)."""

from __future__ import annotations

import re

import pytest
from textual.containers import VerticalScroll
from tui_helpers import make_app, screen_text, settle

from redline.tui.screens.moment import MomentScreen
from redline.tui.screens.report import ReportScreen, render_section

WORD = re.compile(r"[A-Za-z][A-Za-z']+")


def _fragments(app) -> set[str]:  # type: ignore[no-untyped-def]
    """Words on screen that are no whole word of what the screen's widgets hold (their text
    before wrapping)."""
    from textual.widgets import Static

    screen = app.screen
    # The ledger is wrapped before it is drawn: its words are the report's own lines.
    held = [
        getattr(w.content, "plain", str(w.content))
        for w in screen.query(Static)
        if "-ledger" not in w.classes
    ]
    held += [f"{line.text} {line.why or ''}" for section in screen._sections for line in section.lines]
    words = set(WORD.findall(" ".join(held)))
    rows = screen_text(app).splitlines()[1:-1]  # the status line and the footer are not wrapped text
    return {w for row in rows for w in WORD.findall(row) if w not in words}


@pytest.mark.parametrize("width", [44, 80])
async def test_report_lines_wrap_between_words(saves, tutorial_only, width):
    app = make_app(saves, content_dirs=tutorial_only)
    seen = 0
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t", "enter")
        for _ in range(60):  # a bound, not an expectation
            await pilot.pause()
            if app.session.state.is_over:
                break
            if isinstance(app.screen, MomentScreen):
                await pilot.press("space")
                continue
            if isinstance(app.screen, ReportScreen):
                body = app.screen.query_one("#report-body", VerticalScroll)
                for _ in range(20):
                    assert not _fragments(app), (width, _fragments(app))
                    if body.scroll_y >= body.max_scroll_y:
                        break
                    await pilot.press("pagedown")
                seen += 1
                await pilot.press("enter")
                continue
            state = app.session.state
            last = max(i for i, o in enumerate(state.card.options) if state.available(o))
            await pilot.press(str(last + 1), str(last + 1))
    assert seen >= 3


def test_a_long_reason_wraps_under_its_line_at_word_boundaries():
    from redline.session.report import Line, Section

    why = "Accept verbal assurances instead of binding documents for the coalition's legal basis"
    section = Section("Allies", [Line("Ukrainian confidence in the guarantees +4", why, "▲", True, indent=1)])
    rows = render_section(section, 40).plain.splitlines()
    assert len(rows) > 1
    text = " ".join(r.strip() for r in rows)
    assert text == f"▲ Ukrainian confidence in the guarantees +4 — {why}"
    assert all(len(r) <= 40 for r in rows)


@pytest.mark.parametrize("size", [(44, 24), (80, 24), (120, 36)])
async def test_no_wrapped_line_is_wider_than_its_widget(saves, tutorial_only, size):
    """The ledger's lines are wrapped before they are drawn; a line wider than the widget
    (its padding and scroll bar left out) is wrapped again by the widget, leaving a word alone
    on a line at the wrong indent ("...written in the" / "NATO" / "documents.")."""
    from textual.widgets import Static

    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("t", "enter")
        for _ in range(20):
            await pilot.pause()
            if isinstance(app.screen, MomentScreen):
                await pilot.press("space")
            elif isinstance(app.screen, ReportScreen):
                break
            else:
                await pilot.press("1", "enter")
        assert isinstance(app.screen, ReportScreen)
        await settle(pilot)
        ledgers = [w for w in app.screen.query(Static) if "-ledger" in w.classes]
        assert ledgers
        for widget in ledgers:
            room = widget.content_region.width
            widest = max(line.cell_length for line in widget.content.split("\n"))  # type: ignore[union-attr]
            assert widest <= room, (size, widest, room)
