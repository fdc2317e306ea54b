"""The printable deck: every card, option, event, red line and ending, card-sized for print."""

from __future__ import annotations

import pytest
from markupsafe import escape
from report_helpers import assert_self_contained

from redline.cli import main
from redline.engine import new_game
from redline.report import words
from redline.report.deck import FITS, Face, faces, fit, render_deck, sheets
from redline.report.words import condition, effects, percent


def e(text: str) -> str:
    return str(escape(text))  # as Jinja escapes it


def test_deck_has_every_card(tutorial, capsys, tmp_path):
    out = tmp_path / "deck.html"
    assert main(["deck", "tutorial", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    for card in tutorial.cards:
        assert f'id="card-{card.id}"' in html and e(card.model.title) in html
        for option in card.options:
            assert f'id="option-{card.id}-{option.id}"' in html and e(option.model.label) in html
    for ev in tutorial.events:
        assert f'id="card-{ev.id}"' in html and e(ev.model.title) in html
    for rl in tutorial.red_lines:
        assert e(rl.model.label) in html and e(rl.model.quote) in html
    for ending in tutorial.endings:
        assert e(ending.model.title) in html
    for ally in tutorial.allies.values():
        assert e(ally.name) in html
    assert_self_contained(html)


def test_deck_shows_odds_locks_later_and_sources(tutorial):
    html = render_deck(tutorial)
    start, _ = new_game(tutorial, 0, quiet=True)
    label = tutorial.info.turn_label.lower()
    seen = {"odds": 0, "varying": 0, "locks": 0, "later": 0}
    for card in tutorial.cards:
        if card.model.when:
            assert "Appears when</dt><dd>" + e(condition(card.model.when, tutorial)) in html
        for option in card.options:
            for oid, p in start.outcome_odds(option):
                outcome = next(o for o in option.outcomes if o.model.id == oid)
                mark = "" if outcome.chance.is_constant else "*"
                assert f'<span class="pct">{percent(p)}{mark}</span>' in html, (card.id, option.id, oid)
                seen["varying" if mark else "odds"] += 1
            if option.model.when:
                assert e(f"Locked unless {condition(option.model.when, tutorial)}") in html
                seen["locks"] += 1
            for later in option.later:
                after = later.model.after
                assert e(f"After {after} {label}{'s' if after != 1 else ''}: {later.model.text}") in html
                seen["later"] += 1
        for source in card.model.sources:
            # The article, as its headline, never the file name (the machine's reference).
            assert e(f"Source: {words.source(source, tutorial)}") in html
            assert source.file not in html
    for ev in tutorial.events:
        assert f'id="card-{ev.id}"' in html and "Fires</dt><dd>" in html
    assert all(seen.values()), f"the tutorial should exercise every kind of line: {seen}"


def test_every_card_cites_a_source(tutorial):
    for face in faces(tutorial):
        assert face.sources, face.id


def test_print_stylesheet(tutorial):
    html = render_deck(tutorial)
    assert "@media print" in html and "break-after: page" in html and "break-inside: avoid" in html
    assert "--card-w: 95mm; --card-h: 130mm" in html


def test_effects_only_in_the_facilitators_copy(tutorial):
    option = tutorial.cards[0].options[-1]
    shown = e("; ".join(effects(option.model.effects, tutorial)))
    assert shown and shown not in render_deck(tutorial)
    assert shown in render_deck(tutorial, effects=True)


def test_every_shipped_scenario_makes_a_deck(shipped):
    for sc in shipped:
        html = render_deck(sc, effects=True)
        for card in sc.cards:
            assert e(card.model.title) in html, card.id
            for option in card.options:
                assert e(option.model.label) in html, f"{card.id}.{option.id}"
        for ev in sc.events:
            assert e(ev.model.title) in html, ev.id
        assert_self_contained(html)


@pytest.mark.parametrize(
    ("lines", "span", "density"), [(10, 1, ""), (26, 1, "dense"), (45, 2, ""), (500, 2, "denser")]
)
def test_long_cards_get_smaller_type_then_a_whole_column(lines, span, density):
    assert fit(lines) == (span, density)


def test_sheets_never_overlap_or_overflow():
    spans = [1, 2, 1, 1, 2, 2, 1, 2, 1, 1, 1]
    cards = [Face("event", "", "#000", f"c{i}", "t", span=s) for i, s in enumerate(spans)]
    laid = sheets(cards)
    assert [c.id for sheet in laid for c in sheet] == [c.id for c in cards]  # order kept
    for sheet in laid:
        cells = [(c.col, c.row + k) for c in sheet for k in range(c.span)]
        assert len(cells) == len(set(cells)) and all(1 <= col <= 2 and 1 <= row <= 2 for col, row in cells)


def test_a_very_long_list_continues_on_more_cards(tutorial):
    face = Face("ally", "Ally", "#000", "x", "Many", items=[(f"tag {i}", "x" * 80) for i in range(60)])
    from redline.report.deck import _split

    parts = _split(face)
    assert len(parts) > 1 and sum(len(p.items) for p in parts) == 60
    assert all(p.lines() <= FITS[-1][2] for p in parts)


def test_unknown_scenario(capsys):
    assert main(["deck", "no_such_scenario"]) == 2
    err = capsys.readouterr().err
    assert "no scenario 'no_such_scenario'" in err and "Traceback" not in err
