"""Only a speaker's own words go in quotation marks. A red line that stands on the analysts'
reading of Moscow's line (`reading: true`) is shown as that reading, without quotation marks,
on every face that shows it: the big moment, the seat's brief, the deck, the after-action
report and Moscow's panel."""

from __future__ import annotations

import html

import pytest

from redline.engine import Event
from redline.exercise.brief import build_brief, render_brief
from redline.exercise.model import Plan
from redline.report.deck import render_deck
from redline.report.moments import moments


def _readings(shipped):
    found = [(sc, rl) for sc in shipped for rl in sc.red_lines if rl.model.reading]
    assert found, "the shipped scenarios should hold red lines that stand on a reading"
    return found


def test_a_moment_shows_a_reading_as_a_reading_and_names_its_article(shipped):
    for sc, rl in _readings(shipped):
        (moment,) = moments(sc, [Event(kind="red_line", text="x", target=rl.id, turn=2)])
        assert f"“{rl.model.quote}”" not in moment.text
        assert rl.model.shown_quote() in moment.text
        assert "(the analysts' reading)" in moment.text
        headline = sc.info.articles[rl.model.sources[0].file].headline
        assert f"— “{headline}”" in moment.text  # the article itself, never its file
        assert ".txt" not in moment.text
    spoken = [(sc, rl) for sc in shipped for rl in sc.red_lines if not rl.model.reading]
    for sc, rl in spoken:
        (moment,) = moments(sc, [Event(kind="red_line", text="x", target=rl.id, turn=2)])
        assert moment.text.startswith(f"“{rl.model.quote}”")


@pytest.mark.parametrize("face", ["brief", "deck"])
def test_printed_pages_show_a_reading_as_a_reading(shipped, face):
    for sc in {id(sc): sc for sc, _ in _readings(shipped)}.values():
        if face == "brief":
            page = render_brief(build_brief(Plan(scenario=sc.id), sc, "facilitator"))
        else:
            page = render_deck(sc)
        page = html.unescape(page)
        for rl in sc.red_lines:
            assert rl.model.shown_quote() in page, rl.id
            if rl.model.reading and face == "brief":  # the deck also lists the article's words as a source
                assert f"“{rl.model.quote}" not in page, rl.id
