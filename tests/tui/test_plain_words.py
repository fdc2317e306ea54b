"""No code text anywhere a player looks: a whole game played through the keyboard, every
screen's text (scrolled into view or not), and the printed deck and report, searched for raw
expressions, content ids and seed file names."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Static
from tui_helpers import CONTENT, flat, make_app

from redline.content import load_scenario
from redline.tui.screens.briefing import BriefingScreen
from redline.tui.screens.ending import EndingScreen
from redline.tui.screens.picker import PickerScreen
from redline.tui.screens.report import ReportScreen
from redline.tui.screens.turn import TurnScreen

SEED_FILE = re.compile(r"\d{3}_[0-9a-f]{16}(\.txt)?")
OPERATOR = r"\s*(>=|<=|==|!=|<|>)\s*[\d(]"


def code_ids(scenario_id: str) -> set[str]:
    """Every id the content declares that a reader could tell from an English word."""
    sc = load_scenario(CONTENT / "scenarios" / scenario_id)
    ids: set[str] = set(sc.meters) | set(sc.flags) | set(sc.allies)
    ids |= {rl.id for rl in sc.red_lines} | {e.id for e in sc.endings}
    ids |= {c.id for c in sc.cards} | {e.id for e in sc.events} | set(sc.responses)
    for card in sc.cards:
        ids |= {o.model.id for o in card.options} | {o.id for o in card.options}
        for o in card.options:
            ids |= set(o.model.tags)
    return {i for i in ids if "_" in i or "." in i}


def names(scenario_id: str) -> list[str]:
    """The names an expression is written in (meters, flags and the engine's own)."""
    sc = load_scenario(CONTENT / "scenarios" / scenario_id)
    return [*sc.meters, *sc.flags, "turn", "rung", "cohesion", "crossed_count", "allies_in"]


def leaks(text: str, ids: set[str], expression: re.Pattern[str]) -> list[str]:
    found = [m.group(0) for m in SEED_FILE.finditer(text)]
    found += [m.group(0) for m in expression.finditer(text)]
    found += sorted(i for i in ids if re.search(rf"(?<![\w.]){re.escape(i)}(?![\w])", text))
    return found


def every_text(app) -> str:  # type: ignore[no-untyped-def]
    """All text the current screen holds, including what is scrolled out of view."""
    parts = []
    for static in app.screen.query(Static):
        content = static.content
        parts.append(getattr(content, "plain", str(content)))
    for widget in app.screen.query("*"):
        tip = getattr(widget, "tooltip", None)
        if tip:
            parts.append(getattr(tip, "plain", str(tip)))
    return flat(" ".join(parts))


@pytest.mark.parametrize("scenario_id", ["tutorial", "reassurance-force"])
async def test_no_code_text_on_any_screen(scenario_id, saves):
    ids = code_ids(scenario_id)
    expression = re.compile(rf"\b({'|'.join(map(re.escape, names(scenario_id)))}){OPERATOR}")
    app = make_app(saves, content_dirs=[CONTENT], seed=5)
    seen: list[tuple[str, str]] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, PickerScreen)
        for _ in range([e.id for e in app.screen.entries].index(scenario_id)):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        seen.append(("briefing", every_text(app)))
        await pilot.press("enter")
        for _ in range(400):  # a bound, not an expectation
            await pilot.pause()
            screen = app.screen
            seen.append((type(screen).__name__, every_text(app)))
            if isinstance(screen, EndingScreen):
                # The afterword is on the screen, so the scan below covers its every word.
                from redline.report.epilogue import epilogue, score_in_words

                shown = seen[-1][1]
                said = score_in_words(app.session.state)
                for part in [
                    *epilogue(app.session.state, app.session.game.all_events()),
                    said.meaning,
                    *(x.label for x in said.lines),
                ]:
                    assert flat(part) in shown, part
                break
            if not isinstance(screen, TurnScreen | ReportScreen):
                await pilot.press("escape" if getattr(screen, "is_modal", False) else "enter")
                continue
            if isinstance(screen, ReportScreen):
                await pilot.press("enter")
                continue
            state = app.session.state
            card = state.card
            open_ = [i for i, o in enumerate(card.options) if state.available(o)]
            # Hawkish on odd turns, restraint on even: both sets of texts get shown.
            index = open_[-1] if state.turn % 2 else open_[0]
            await pilot.press(str(index + 1))
            seen.append(("option", every_text(app)))
            await pilot.press(str(index + 1))
        else:
            pytest.fail("the game did not end")
        await pilot.press("question_mark")
        await pilot.pause()
        seen.append(("help", every_text(app)))
    found = {
        (where, leak, text[max(0, text.find(leak) - 60) : text.find(leak) + 40])
        for where, text in seen
        for leak in leaks(text, ids, expression)
    }
    assert not found, sorted(found)[:40]


@pytest.mark.parametrize("scenario_id", ["tutorial", "reassurance-force"])
def test_no_code_text_in_the_deck_or_the_report(scenario_id):
    """The printed deck and the after-action report of a random game, as a reader sees them."""
    from redline.engine.game import Game
    from redline.report import aar, render
    from redline.report.deck import render_deck
    from redline.sim.policies import PolicyRng, random_policy

    sc = load_scenario(CONTENT / "scenarios" / scenario_id)
    ids = code_ids(scenario_id)
    expression = re.compile(rf"\b({'|'.join(map(re.escape, names(scenario_id)))}){OPERATOR}")
    game = Game.start(sc, 3)
    r = PolicyRng(3)
    while not game.state.is_over:
        game.apply(random_policy(game.state, game.state.legal_actions(), r))
    record = aar.build(game)
    untagged = re.compile(r"<[^>]+>")
    for name, text in [
        ("report.md", render.markdown(record)),
        ("report.html", untagged.sub(" ", render.html(record))),
        ("deck.html", untagged.sub(" ", render_deck(sc))),
    ]:
        found = leaks(flat(text), ids, expression)
        assert not found, (name, found[:20])


@pytest.mark.parametrize("scenario_id", ["tutorial", "reassurance-force"])
def test_every_source_is_described_as_its_article(scenario_id):
    """Each source file cited anywhere has an article entry, and that entry's words are in the
    file it names (the headline as printed, and each outlet it is said to quote)."""
    from redline.report.words import article

    sc = load_scenario(CONTENT / "scenarios" / scenario_id)
    seeds = CONTENT.parent.parent / "shared" / "seeds"
    cited = {s.file for s in sc.info.sources}
    for owner in [*(c.model for c in sc.cards), *(e.model for e in sc.events), *sc.allies.values()]:
        cited |= {s.file for s in owner.sources}
    cited |= {s.file for rl in sc.red_lines for s in rl.model.sources}
    for file in cited:
        assert file in sc.info.articles, file
        shown = article(file, sc)
        assert file not in shown and sc.info.articles[file].headline in shown
        if seeds.is_dir():
            text = (seeds / file).read_text(encoding="utf-8")
            assert sc.info.articles[file].headline in text
            for outlet in sc.info.articles[file].quotes:
                assert outlet in text, (file, outlet)


@pytest.mark.parametrize("scenario_id", ["tutorial", "reassurance-force"])
def test_no_code_text_in_plain_mode(scenario_id, saves):
    """A whole `--plain` game, its ending's epilogue and score in words included."""
    import io

    from redline.plain import Plain
    from redline.session.local import Session

    ids = code_ids(scenario_id)
    expression = re.compile(rf"\b({'|'.join(map(re.escape, names(scenario_id)))}){OPERATOR}")
    session = Session.new(load_scenario(CONTENT / "scenarios" / scenario_id), 5, saves)
    out = io.StringIO()
    assert Plain(session, out, io.StringIO("\n" + "2\n" * 300)).play() == 0
    text = out.getvalue()
    assert "-- Afterwards --" in text and "-- Score: " in text
    printed = text.replace(str(saves), "")  # the save's own path is the player's, not code
    found = leaks(flat(printed), ids, expression)
    assert not found, found[:20]
