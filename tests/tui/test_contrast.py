"""Text reads at 4.5:1 or more (WCAG 2.x contrast) in both of redline's themes.

Not a table of colours that ought to be used, but what is drawn: the app runs at a fixed size
through the screens a game shows, and every cell of each screen is read from the compositor —
the glyph, its foreground and its background after Textual has blended transparency, the
screens underneath a dialog and `dim` (kept as the 50% blend Textual's own dim filter uses) —
then each cell that shows a character is measured. Letters, digits, punctuation and symbols
need 4.5:1 (success criterion 1.4.3). Lines and blocks (box drawing and block elements:
borders, lines, the bars of a gauge) are graphics, held to the 3:1 of non-text contrast
(1.4.11). Left out: the partial blocks that draw a widget's edge (`is_edge`) and the screens
seen through a dialog's shaded backdrop (`behind`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from test_facilitation import set_up
from tui_helpers import make_app, settle

from redline.tui import themes
from redline.tui.app import RedlineApp
from redline.tui.prefs import Settings

TEXT, GRAPHIC = 4.5, 3.0
THEMES = [pytest.param(name, id=name) for name in themes.THEMES]

RGB = tuple[int, int, int]


def luminance(rgb: RGB) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: RGB, b: RGB) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def is_graphic(ch: str) -> bool:
    return "\u2500" <= ch <= "\u259f"  # box drawing and block elements


def is_edge(ch: str) -> bool:
    """A partial block (▔ ▁ ▊ ▎ ▐ …): Textual draws the edges of its widgets with them (tall
    borders, a button's bevel, a scrollbar's ends), one colour meeting the next. Such an edge
    does not identify anything, so neither bar applies; the full and shaded blocks of a gauge
    (█ ░ ▒ ▓) are graphics."""
    return "\u2580" <= ch <= "\u259f" and ch not in "█░▒▓"


@dataclass(frozen=True)
class Cell:
    x: int
    y: int
    glyph: str
    fg: RGB | None
    bg: RGB | None


def cells(app: RedlineApp) -> Iterator[Cell]:
    """Every cell of the screen as drawn, the screens under a dialog included."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    for y, line in enumerate(update.strips):  # type: ignore[attr-defined]
        x = 0
        for strip in line:
            for segment in strip:
                if segment.control:
                    continue
                style = segment.style
                fg = style.color.get_truecolor() if style and style.color else None
                bg = style.bgcolor.get_truecolor() if style and style.bgcolor else None
                fg_rgb = tuple(fg) if fg is not None else None
                bg_rgb = tuple(bg) if bg is not None else None
                if style is not None and style.reverse:
                    fg_rgb, bg_rgb = bg_rgb, fg_rgb
                if style is not None and style.dim and fg_rgb and bg_rgb:
                    fg_rgb = tuple(int(b + (f - b) * 0.5) for f, b in zip(fg_rgb, bg_rgb, strict=True))
                for glyph in segment.text:
                    yield Cell(x, y, glyph, fg_rgb, bg_rgb)  # type: ignore[arg-type]
                    x += 1


def behind(app: RedlineApp, x: int, y: int) -> bool:
    """True when the cell shows a screen under a dialog through the dialog's shaded backdrop:
    text of a screen that cannot be used now, faded on purpose (1.4.3 leaves it out)."""
    screen = app.screen
    if screen is app.screen_stack[0] or not screen.is_modal:
        return False
    try:
        widget, _ = screen.get_widget_at(x, y)
    except Exception:  # no widget of the dialog there: its backdrop
        return True
    return widget is screen


def faults(app: RedlineApp, where: str) -> list[str]:
    """Each colour pair on this screen that reads below its bar, with the text it shows."""
    found: dict[tuple[RGB | None, RGB | None, bool], list[Cell]] = {}
    for cell in cells(app):
        if cell.glyph.isspace() or is_edge(cell.glyph) or behind(app, cell.x, cell.y):
            continue
        graphic = is_graphic(cell.glyph)
        if cell.fg is None or cell.bg is None:  # the terminal's own colours: not ours to know
            found.setdefault((cell.fg, cell.bg, graphic), []).append(cell)
            continue
        if contrast(cell.fg, cell.bg) < (GRAPHIC if graphic else TEXT):
            found.setdefault((cell.fg, cell.bg, graphic), []).append(cell)
    out = []
    for (fg, bg, graphic), bad in found.items():
        ratio = f"{contrast(fg, bg):.2f}:1" if fg and bg else "no colour"
        sample = "".join(c.glyph for c in bad[:30])
        out.append(
            f"{where} [{app.theme}]: {ratio} fg {fg} on bg {bg} ({'graphic' if graphic else 'text'}) "
            f"at {bad[0].x},{bad[0].y}: {sample!r}"
        )
    return out


# ---- the screens -----------------------------------------------------------------------------


async def _past_moments(pilot) -> None:  # type: ignore[no-untyped-def]
    from redline.tui.screens.moment import MomentScreen

    seen = []
    while isinstance(pilot.app.screen, MomentScreen):
        seen.append(faults(pilot.app, "a big moment"))
        await pilot.press("space")
    return seen


async def _a_whole_game(theme: str, saves, content, size) -> list[str]:  # type: ignore[no-untyped-def]
    from redline.tui.screens.ending import EndingScreen
    from redline.tui.screens.report import ReportScreen

    app = make_app(saves, content_dirs=content, settings=Settings(theme=theme))
    out: list[str] = []
    async with app.run_test(size=size) as pilot:
        look = lambda where: out.extend(faults(app, where))  # noqa: E731
        await settle(pilot)
        look("title")
        await pilot.press("s")
        await pilot.pause()
        look("settings")
        await pilot.press("escape", "t")
        await pilot.pause()
        look("briefing")
        await pilot.press("enter", "2")
        await settle(pilot)  # the forecast beside the card, played out
        look("turn, a card with its forecast")
        await pilot.press("f")
        await pilot.pause()
        look("turn, the forecast's tab")
        for tab in ("m", "k", "a", "n"):  # meters, Moscow, the allies, the news: tabs when narrow
            await pilot.press(tab)
            await pilot.pause()
            look(f"turn, panel {tab}")
        await pilot.press("question_mark")
        await pilot.pause()
        look("help")
        await pilot.press("escape", "s")
        await pilot.pause()
        look("a dialog (save as)")
        await pilot.press("escape")
        app.notify("A notice", title="Saved")
        app.notify("A warning", severity="warning")
        app.notify("An error", severity="error")
        await pilot.pause()
        look("toasts")
        app.clear_notifications()
        state = app.session.state
        state.hand = ("tut_roe",)
        state.meters["escalation"] = 85.0  # option 2 of this card is locked up here
        app.screen.refresh_view()
        await pilot.pause()
        look("turn, a locked option")
        asked = False
        for _ in range(40):  # the tutorial is five weeks of a card or two
            if app.session.state.is_over:
                break
            state = app.session.state
            last = max(i for i, o in enumerate(state.card.options) if state.available(o))
            await pilot.press(str(last + 1), str(last + 1))
            await pilot.pause()
            for seen in await _past_moments(pilot):
                out.extend(seen)
            if isinstance(app.screen, ReportScreen):
                look("a week's report")
                await pilot.press("enter")
                await pilot.pause()
                if not asked:  # a game in progress: quitting asks first
                    asked = True
                    await pilot.press("q")
                    await pilot.pause()
                    look("a dialog (quit?)")
                    await pilot.press("escape")
                    await pilot.pause()
        await settle(pilot)
        assert isinstance(app.screen, EndingScreen)
        look("the ending")
        await pilot.press("end")
        await pilot.pause()
        look("the ending, scrolled down")
    return out


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
async def test_every_screen_of_a_game_reads(theme, size, saves, tutorial_only):
    problems = await _a_whole_game(theme, saves, tutorial_only, size)
    assert not problems, "\n".join(dict.fromkeys(problems))


@pytest.mark.parametrize("theme", THEMES)
async def test_the_facilitators_screens_read(theme, saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only, settings=Settings(theme=theme))
    problems: list[str] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        problems += faults(app, "facilitated setup")
        await set_up(pilot, ["Blue", "Gold"])
        problems += faults(app, "pass to")
        await pilot.press("enter")
        await pilot.pause()
        problems += faults(app, "a team's turn")
        await pilot.press("f")
        await pilot.pause()
        problems += faults(app, "the facilitator's console")
    assert not problems, "\n".join(dict.fromkeys(problems))
