"""The after-action report, in Markdown and HTML, from a facilitated save."""

from __future__ import annotations

import json

import pytest
from markupsafe import escape
from report_helpers import BRANCH, INJECT_REASON, NOTE_TEXT, OVERRIDE_REASON, VOTE_NOTE, assert_self_contained

from redline.cli import main
from redline.engine import Game, replay
from redline.report import build, render
from redline.report.charts import BLOCKS, sparkline


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_build_reads_the_record(session):
    r = build(session)
    first = r.decisions[0]
    assert (first.title, first.text) == ("When does the force deploy?", "Deploy a limited mission now")
    assert first.who == "Coalition lead (Paris)" and first.role == "Coalition lead (Paris)"
    assert [(v.label, v.count, v.chosen) for v in first.votes] == [
        ("Deploy a limited mission now", 3, True),
        ("Strictly after a ceasefire", 2, False),
    ]
    assert first.note == VOTE_NOTE
    assert [f.kind for f in r.facilitator] == ["inject", "override", "note"]
    assert r.facilitator[1].reason == OVERRIDE_REASON
    # One value per snapshot: the start and the end of every week played.
    assert all(len(s.values) == len(r.x_labels) == session.state.turn + 1 for s in r.meters)
    crossed = {rl.id: rl.crossed_turn for rl in r.red_lines}
    assert crossed == {k: session.state.crossed.get(k) for k in crossed}
    assert session.state.out, "the fixture should see an ally leave"
    for ally in r.allies:
        assert ally.left_turn == session.state.out.get(ally.id)
        if ally.left_turn:
            assert ally.why_left and ally.support[-1] is None
    assert r.result.over and r.result.score == session.state.score


def test_branch_is_replayed_to_its_ending(session):
    r = build(session)
    (branch,) = r.branches
    assert branch.name == BRANCH and branch.from_turn == 4
    turns = [t for t, _ in branch.steps]
    assert turns[0] == 4 and turns == sorted(turns)
    start = session.turn_starts()[4]
    game, failed, _ = replay(
        session.scenario, session.seed, [*session.actions[:start], *session.branches[0].actions]
    )
    assert failed is None
    assert branch.score == game.state.score
    assert branch.ending == game.state.ending.model.title


def crossed_and_left(game: Game) -> list[str]:
    """What the report must say about red lines crossed and allies that left, in its words."""
    said = [
        f"Red line crossed: {rl.model.label}" for rl in game.scenario.red_lines if rl.id in game.state.crossed
    ]
    said += [e.cause for e in game.all_events() if e.kind == "withdrawal" and e.cause]
    assert said, "the fixture should cross a red line and lose an ally"
    return said


def test_markdown_report(capsys, session, save_path):
    code, md, err = run(capsys, "report", str(save_path))
    assert code == 0, err
    for expected in (
        *crossed_and_left(session),
        "# After-action report — Tutorial: First Month of the Reassurance Force",
        "| Seed | 3 |",
        "Thursday table-top",
        "**Decision — When does the force deploy?** Deploy a limited mission now",
        "decided by: Coalition lead (Paris)",
        "Votes (5): Deploy a limited mission now 3 ✓ · Strictly after a ceasefire 2",
        f"Rationale: {VOTE_NOTE}",
        INJECT_REASON,
        f"reason: {OVERRIDE_REASON}",
        NOTE_TEXT,
        "Moscow signalled:",
        f"### {BRANCH} — from week 4",
        "## Meters by week",
    ):
        assert expected in md, expected
    assert any(ch in md for ch in BLOCKS), "no sparkline"
    r = build(session)  # the save replays to the same game
    assert f"| Ending | **{r.result.title}**" in md
    assert f"| Score | **{r.result.score:g}** |" in md


def test_html_report_is_complete_and_self_contained(capsys, tutorial, session, save_path, tmp_path):
    out = tmp_path / "aar.html"
    code, stdout, err = run(capsys, "report", str(save_path), "--format", "html", "-o", str(out))
    assert code == 0 and stdout == "", err
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    for expected in (
        *crossed_and_left(session),
        "When does the force deploy?",
        "Deploy a limited mission now",
        "Coalition lead (Paris)",
        "Votes: 5",
        "Strictly after a ceasefire: 2",
        VOTE_NOTE,
        INJECT_REASON,
        OVERRIDE_REASON,
        NOTE_TEXT,
        BRANCH,
        "@media print",
    ):
        assert str(escape(expected)) in html, expected
    # One chart per meter and cohesion, plus the allies, the ladder and the red lines.
    assert html.count('<svg class="chart"') >= len(tutorial.meters) + 4
    assert "<polyline" in html
    assert_self_contained(html)


def test_report_escapes_what_players_typed(tutorial, tmp_path, capsys):
    from redline.engine import Note
    from redline.saves import write_save

    game = Game.start(tutorial, 1)
    game.apply(Note("<script>alert(1)</script> | *bold*", by="kyiv"))
    path = write_save(tmp_path / "x.json", game)
    _, html, _ = run(capsys, "report", str(path), "--format", "html")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    _, md, _ = run(capsys, "report", str(path))
    assert "\\<script\\>alert(1)\\</script\\> \\| \\*bold\\*" in md


def test_game_in_progress(tutorial, tmp_path, capsys):
    from redline.engine import Decide
    from redline.saves import write_save

    game = Game.start(tutorial, 2)
    game.apply(Decide("tut_timing", "post_ceasefire"))
    path = write_save(tmp_path / "open.json", game)
    for fmt in ("md", "html"):
        code, text, _ = run(capsys, "report", str(path), "--format", fmt)
        assert code == 0 and "Game in progress" in text


def test_report_is_reproducible(capsys, save_path):
    first = run(capsys, "report", str(save_path), "--format", "html")[1]
    assert run(capsys, "report", str(save_path), "--format", "html")[1] == first


def test_diverged_save_still_reports_and_says_where(capsys, save_path):
    doc = json.loads(save_path.read_text())
    doc["actions"][-1]["option"] = "no_such_option"
    save_path.write_text(json.dumps(doc))
    code, md, err = run(capsys, "report", str(save_path))
    assert code == 0
    assert "diverged" in md and "diverged" in err


@pytest.mark.parametrize(
    ("values", "expected"),
    [([0, 50, 100], "▁▅█"), ([None, 12.5], "·▂"), ([], "")],
)
def test_sparkline(values, expected):
    assert sparkline(values) == expected


def test_charts_draw_every_meter(session):
    r = build(session)
    html = render.html(r)
    for s in r.meters:
        assert str(escape(s.label)) in html


def test_report_warns_when_content_changed_since_the_save(capsys, save_path):
    doc = json.loads(save_path.read_text())
    doc["content_hash"] = "an older scenario"
    doc["ending"] = "tut_spiral"
    save_path.write_text(json.dumps(doc))
    code, md, _ = run(capsys, "report", str(save_path))
    assert code == 0
    assert "content has changed since this save was made" in md
    assert "The save recorded the ending 'tut\\_spiral'" in md or "recorded the ending 'tut_spiral'" in md


def test_a_game_played_alone_shows_no_empty_seat_vote_or_rationale_columns(tutorial, session):
    """Decided by, Votes and Rationale show only when a decision recorded one: a facilitated
    session's report has them, a game played alone has none of them to show."""
    from redline.report.render import html, markdown

    alone = Game.start(tutorial, 4)
    while not alone.state.is_over:
        alone.apply(alone.state.legal_actions()[0])
    for page in (markdown(build(alone)), html(build(alone))):
        assert "Card's role" in page
        assert "Decided by" not in page and "Rationale" not in page and ">Votes<" not in page
    for page in (markdown(build(session)), html(build(session))):
        assert "Decided by" in page and "Rationale" in page and "Votes" in page
