"""Every quoted source in the shipped scenarios is the seed article's own wording.

A `sources:` quote is the machine-checkable reference behind a card, event, ally or red
line: it must appear, word for word, in the seed file it names. Only whitespace and the
shape of quotation marks and apostrophes (curly or straight) are normalised. A red line's
own `quote:` is shown to players as the speaker's words, so it must be in a seed it names
too, unless the line is marked `reading: true` (the analysts' reading, shown as such).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from redline.content import models as m

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"

pytestmark = pytest.mark.skipif(
    not SEEDS.is_dir(),
    reason=f"the seed articles are not at {SEEDS} (../shared/seeds from the repository root)",
)

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def normalise(text: str) -> str:
    """Curly quotes made straight, every run of whitespace one space."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()


def seed_text(name: str) -> str:
    path = SEEDS / name
    assert path.is_file(), f"{name} is not a seed file in {SEEDS}"
    return normalise(path.read_text(encoding="utf-8"))


def sources_in(node: object, where: str) -> Iterator[tuple[str, m.Source]]:
    """Every Source under a loaded scenario, with a readable path to it."""
    if isinstance(node, m.Source):
        yield where, node
    elif isinstance(node, BaseModel):
        label = getattr(node, "id", None)
        here = f"{where}/{label}" if isinstance(label, str) else where
        for name in type(node).model_fields:
            yield from sources_in(getattr(node, name), f"{here}.{name}")
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        # The compiled wrappers keep the authored item as `model`; the rest is derived.
        if hasattr(node, "model"):
            yield from sources_in(node.model, where)
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from sources_in(value, f"{where}[{key}]")
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from sources_in(value, where)


def all_sources(sc) -> list[tuple[str, m.Source]]:
    found = list(sources_in(sc.info, sc.id))
    for section in ("allies", "red_lines", "cards", "events", "endings"):
        found += sources_in(getattr(sc, section), f"{sc.id}:{section}")
    found += sources_in(sc.kremlin, f"{sc.id}:kremlin")
    return found


def test_the_walk_finds_the_sources(shipped):
    # Guards the test itself: the main scenario cites its seeds in many places.
    counts = {sc.id: sum(1 for _, s in all_sources(sc) if s.quote) for sc in shipped}
    assert counts.get("reassurance-force", 0) >= 60, counts


def test_every_source_quote_is_verbatim_in_its_seed(shipped):
    missing = []
    for sc in shipped:
        for where, source in all_sources(sc):
            if source.quote and normalise(source.quote) not in seed_text(source.file):
                missing.append(f"{where}: {source.file} does not contain {source.quote!r}")
    assert not missing, "\n".join(missing)


def test_red_line_quotes_are_the_speakers_words_or_marked_as_a_reading(shipped):
    wrong = []
    for sc in shipped:
        for rl in sc.red_lines:
            line = rl.model
            if line.reading:
                continue
            seeds = {s.file for s in line.sources}
            if not any(normalise(line.quote) in seed_text(f) for f in seeds):
                wrong.append(f"{sc.id}:red_lines/{line.id}: {line.quote!r} is in none of {sorted(seeds)}")
    assert not wrong, "\n".join(wrong)


def test_normalise_only_touches_whitespace_and_quote_marks():
    assert normalise("it\u2019s  \u201cfine\u201d\n ok") == 'it\'s "fine" ok'
    assert normalise("a \u2014 b") == "a \u2014 b"


def test_a_reading_is_shown_without_quotation_marks():
    said = m.RedLine(id="said", label="L", quote="We will do it.", crossed="true")
    read = m.RedLine(id="read", label="L", quote="Moscow wants it written", crossed="true", reading=True)
    assert said.shown_quote() == "\u201cWe will do it.\u201d"
    assert read.shown_quote() == "Moscow wants it written (the analysts' reading)"
    assert "\u201c" not in read.shown_quote() and '"' not in read.shown_quote()
