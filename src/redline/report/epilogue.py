"""The ending's afterword, for every face (the ending screen, `--plain`, the after-action
report): the epilogue, and the score explained in words.

The epilogue is the ending's own `epilogue:` text, then what this game's state says: where
the force stood, where Moscow ended on its ladder, and who stayed in the coalition and who
left. The score in words is `engine.scoring.score_parts` said in the scenario's labels, with
what it means. Presentation only: every number comes from the engine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from redline.engine.scoring import ScorePart, score_parts, score_span
from redline.report.words import condition, num, percent, signed

if TYPE_CHECKING:
    from redline.content.compiled import Scenario
    from redline.engine.state import State

CONTRIBUTIONS = {
    "troops": "troops",
    "batteries": "air-defense batteries",
    "ships": "ships",
    "aircraft": "aircraft",
    "money": "money",
}


@dataclass(frozen=True)
class ScoreLine:
    label: str  # what the part is, in the scenario's words
    points: float  # what it adds (negative: what it costs)
    best: float | None  # the most it could have added

    @property
    def note(self) -> str:
        """How much it could have added, when that is more than it did."""
        if self.best is None or round(self.best, 2) == self.points:
            return ""
        return f"(at best {signed(self.best)})" if self.best else "(at best nothing)"

    @property
    def said(self) -> str:
        return f"{self.label}: {signed(self.points)}" + (f" {self.note}" if self.note else "")


@dataclass(frozen=True)
class ScoreWords:
    total: float
    lines: list[ScoreLine]
    meaning: str


# ---- the epilogue -------------------------------------------------------------------------------


def epilogue(state: State, events: Iterable[Any] = ()) -> list[str]:
    """The afterword of a finished game, paragraph by paragraph (empty while it goes on).
    `events`, the game's record, let the ladder's paragraph see a rung Moscow stood on within a
    turn (a fresh breach acts from a higher rung, and the turn may end lower)."""
    ending = state.ending
    if ending is None:
        return []
    paragraphs = [" ".join(ending.model.epilogue.split())] if ending.model.epilogue.strip() else []
    force = _force(state)
    if force:
        paragraphs.append(force)
    paragraphs.append(_ladder(state, events))
    if state.scenario.allies:
        paragraphs.append(_coalition(state))
    return paragraphs


def _force(state: State) -> str:
    """The facts the endings turn on that hold at the end (the scenario's flags, by label),
    and what the partners who stayed still bring of what was pledged."""
    sc = state.scenario
    read = set().union(*(e.when.reads for e in sc.endings if e.when is not None))
    held = [sc.flags[f].label or f for f in sc.flags if f in read and state.flags.get(f)]
    said = []
    if held:
        said.append(f"Where things stood at the end: {'; '.join(held)}.")
    if state.out and sc.allies:
        whole, part = [], []
        for key, words in CONTRIBUTIONS.items():
            pledged = sum(getattr(a.contribution, key) for a in sc.allies.values())
            if pledged:
                stays = sum(
                    getattr(a.contribution, key) for aid, a in sc.allies.items() if aid not in state.out
                )
                (whole if stays >= pledged else part).append((words, stays / pledged))
        kept = [f"all of the {_listed([w for w, _ in whole])}"] if whole else []
        kept += [f"{percent(share)} of the {w}" for w, share in part]
        if kept:
            said.append(f"Of what was pledged, the partners who stayed still bring {'; '.join(kept)}.")
    return " ".join(said)


def _ladder(state: State, events: Iterable[Any] = ()) -> str:
    sc = state.scenario
    turn = sc.info.turn_label.lower()
    rungs = sc.rungs
    end = min(int(state.rung), len(rungs) - 1)
    said = f"Moscow ends on “{rungs[end].model.label}”, rung {end + 1} of {len(rungs)} of its ladder."
    # Each rung it stood on and the first turn it stood there: the turns' ends (the history)
    # and every climb within a turn (the record), so the highest is the one the game showed.
    stood: dict[int, int] = {}
    for n, snap in enumerate(state.history[1:], 1):
        stood.setdefault(int(snap.get("rung", 0)), n)
    for e in events:
        if getattr(e, "kind", None) == "rung" and isinstance(e.after, int | float) and e.turn:
            rung = min(int(e.after), len(rungs) - 1)
            stood[rung] = min(stood.get(rung, e.turn), e.turn)
    if stood and max(stood) > end:
        top = max(stood)
        said += f" At its highest it stood on “{rungs[top].model.label}”, in {turn} {stood[top]}."
    crossed = [(t, rl.model.label) for rl in sc.red_lines if (t := state.crossed.get(rl.id)) is not None]
    if crossed:
        said += (
            " Red lines crossed: "
            + "; ".join(f"“{label}” in {turn} {t}" for t, label in sorted(crossed))
            + "."
        )
    elif sc.red_lines:
        said += " No red line of Moscow's was crossed."
    return said


def _coalition(state: State) -> str:
    sc = state.scenario
    turn = sc.info.turn_label.lower()
    total = len(sc.allies)
    cohesion = f"allied cohesion ends at {num(state.cohesion)}"
    if not state.out:
        return f"All {total} partners stayed to the end; {cohesion}."
    left = [
        f"{sc.allies[aid].name} in {turn} {t} ({_grievance(state.grievance.get(aid), sc)})"
        for aid, t in sorted(state.out.items(), key=lambda kv: kv[1])
    ]
    stayed = [a.name for aid, a in sc.allies.items() if aid not in state.out]
    said = f"{len(stayed)} of {total} partners stayed to the end; {cohesion}. Left: {'; '.join(left)}."
    if stayed and len(stayed) <= 6:
        said += f" Still in: {_listed(stayed)}."
    return said


def _grievance(why: str | None, sc: Scenario) -> str:
    """What last cost an ally its support, without the option tag the engine notes with it."""
    if not why:
        return "its support fell too low"
    for tag in sc.reactions:
        why = why.replace(f" ({tag})", "")
    return condition(why, sc) if re.search(r"[<>=]", why) else why


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# ---- the score in words ---------------------------------------------------------------------------


def _label(part: ScorePart, sc: Scenario) -> str:
    if part.ending is not None:
        ending = next((e for e in sc.endings if e.id == part.ending), None)
        return f"The ending, “{ending.model.title}”" if ending else "The ending"
    if part.weight is not None and len(part.reads) == 1:
        name = _name(part.reads[0], sc)
        against = ", counted against" if part.weight < 0 else ""
        return f"{name} {num(part.value)} × {num(abs(part.weight))}{against}"
    if not part.reads:
        return "A fixed amount"
    return condition(part.text, sc)


def _name(read: str, sc: Scenario) -> str:
    if read in sc.meters:
        return sc.meters[read].label
    if read in sc.flags:
        return f"“{sc.flags[read].label or read}”"
    return condition(read, sc)[:1].upper() + condition(read, sc)[1:]


def score_in_words(state: State) -> ScoreWords:
    """The score, part by part, and what it means."""
    sc = state.scenario
    parts = score_parts(state)
    lines = [ScoreLine(_label(p, sc), round(p.points, 2), p.most) for p in parts]
    return ScoreWords(float(state.score), lines, _meaning(state, parts))


def _meaning(state: State, parts: list[ScorePart]) -> str:
    sc = state.scenario
    said = []
    span = score_span(sc)
    score = float(state.score)
    if span is not None and span[1] > span[0]:
        lo, hi = span
        share = min(max((score - lo) / (hi - lo), 0.0), 1.0)
        said.append(
            f"The score runs from {_minus(lo)} (every measure at its worst, the worst ending) to "
            f"{_minus(hi)} (every measure at its best, the best ending): {_minus(score)} is "
            f"{percent(share)} of the way."
        )
    terms = [(p, _label(p, sc)) for p in parts if p.ending is None]
    gains = [(p, label) for p, label in terms if p.points > 0]
    costs = [(p, label) for p, label in terms if p.points < 0]
    if gains:
        p, label = max(gains, key=lambda pl: pl[0].points)
        said.append(f"Most of it came from {_subject(p, label, sc)} ({signed(p.points)}).")
    if costs:
        p, label = min(costs, key=lambda pl: pl[0].points)
        said.append(
            f"{_subject(p, label, sc)[:1].upper()}{_subject(p, label, sc)[1:]} cost the most ({signed(p.points)})."
        )
    short = [
        (p.most - p.points, p, label) for p, label in terms if p.most is not None and p.most - p.points >= 0.5
    ]
    if short:
        gap, p, label = max(short, key=lambda x: x[0])
        said.append(f"The most room left: {_subject(p, label, sc)}, {num(gap)} points short of its best.")
    return " ".join(said)


def _minus(x: float) -> str:
    """A number with a true minus sign, as the rest of the score is written."""
    return num(x).replace("-", "−")


def _subject(part: ScorePart, label: str, sc: Scenario) -> str:
    """A part named for a sentence: the meter's label, lower-cased where it is not a name."""
    if len(part.reads) == 1:
        return _name(part.reads[0], sc)
    return label
