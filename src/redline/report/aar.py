"""The after-action record: what happened in a game, read from its events and states.

Nothing here plays the game. It walks `Game.events` (each batch next to the action that
caused it), `Game.states` and the final state's per-turn `history`, and arranges them for
a debrief. Branches kept by rewinds are replayed through the engine to recover their turns.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from redline.content.compiled import Scenario
from redline.engine import (
    Adjudicate,
    Bulletin,
    Decide,
    Game,
    Inject,
    Note,
    Observe,
    Override,
    Respond,
    Signal,
    replay,
)
from redline.engine.actions import Action
from redline.engine.events import Event, EventKind, Ref, RefKind, ally_of
from redline.engine.ladder import gauge
from redline.report import words
from redline.report.epilogue import epilogue, score_in_words
from redline.report.words import num, signed, source, target_label


@dataclass
class ChangeLine:
    label: str
    before: Any
    after: Any
    cause: str | None = None

    @property
    def text(self) -> str:
        if isinstance(self.after, bool) or isinstance(self.before, bool):
            return f"{self.label}: {num(self.before)} → {num(self.after)}"
        delta = (self.after or 0) - (self.before or 0)
        return f"{self.label} {num(self.before)} → {num(self.after)} ({signed(delta)})"


@dataclass
class Vote:
    label: str
    count: int
    chosen: bool


@dataclass
class Entry:
    """One line of the timeline: a decision, an event, Moscow's move, a facilitator's act..."""

    kind: str
    turn: int
    title: str
    text: str = ""
    who: str | None = None  # who decided or wrote it
    role: str | None = None  # the role that owns the card
    why: str | None = None  # the engine's reason, or the facilitator's
    ref: Ref | None = None  # where it came from: the changes it explains have the same origin
    votes: list[Vote] = field(default_factory=list)
    note: str | None = None
    outcome: str | None = None
    partial: bool = False
    later: list[str] = field(default_factory=list)
    changes: list[ChangeLine] = field(default_factory=list)

    @property
    def votes_total(self) -> int:
        return sum(v.count for v in self.votes)


@dataclass
class SignalLine:
    response: str | None
    label: str
    text: str
    carried_out: bool = False


@dataclass
class TurnRecord:
    turn: int
    label: str
    drawn: list[str] = field(default_factory=list)
    signals: list[SignalLine] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    response: Entry | None = None  # what Moscow did (or that it held)
    crossed: list[str] = field(default_factory=list)
    rung: str | None = None  # the ladder rung at the turn's end

    @property
    def decisions(self) -> list[Entry]:
        return [e for e in self.entries if e.kind == "decision"]


@dataclass
class Series:
    id: str
    label: str
    values: list[float | None]
    lo: float = 0
    hi: float = 100
    good: str = "high"
    warn: float | None = None
    derived: bool = False

    @property
    def known(self) -> list[float]:
        return [v for v in self.values if v is not None]

    @property
    def start(self) -> float | None:
        return self.known[0] if self.known else None

    @property
    def end(self) -> float | None:
        return self.known[-1] if self.known else None


@dataclass
class RedLineRecord:
    id: str
    label: str
    quote: str  # as shown: in quotation marks, or marked as the analysts' reading
    text: str
    sources: list[str]
    by_turn: list[float | None]  # highest proximity seen in each turn (index 0 = turn 1)
    peak: float | None
    peak_turn: int | None
    crossed_turn: int | None


@dataclass
class AllyRecord:
    id: str
    name: str
    contribution: str
    position: str
    threshold: float
    support: list[float | None]  # per snapshot; None once the ally has left
    left_turn: int | None
    why_left: str | None


@dataclass
class FacilitatorAct:
    turn: int
    kind: str  # inject, override, note, signal, respond
    text: str
    reason: str | None = None
    who: str | None = None


@dataclass
class BranchRecord:
    name: str
    from_turn: int
    steps: list[tuple[int | None, str]]
    ending: str | None
    ending_kind: str | None
    score: float | None
    reached: int | None
    final: list[tuple[str, str]]  # (meter label, value) where the branch ended
    problem: str | None = None
    crossed: list[str] = field(default_factory=list)  # red lines this branch crossed, by label


@dataclass
class Observation:
    """A hot-wash observation: a strength, an improvement or an observation, and by whom."""

    turn: int
    kind: str
    text: str
    by: str | None


@dataclass
class Result:
    over: bool
    title: str
    text: str
    kind: str | None
    why: str | None
    score: float
    bonus: float
    formula: str
    inputs: list[tuple[str, str]]
    left: list[tuple[str, str]]  # (ally, why) for every ally that left
    # The afterword the ending screen and --plain show (report/epilogue.py): empty until the end.
    epilogue: list[str] = field(default_factory=list)
    score_parts: list[str] = field(default_factory=list)  # "Ceasefire stability 60 × 0.4: +24 (at best +40)"
    score_meaning: str = ""

    @property
    def base(self) -> float:
        return round(self.score - self.bonus, 2)


@dataclass
class AfterAction:
    scenario: Scenario
    title: str
    scenario_id: str
    seed: int
    saved: str | None
    label: str | None
    source: str | None
    turn_label: str
    turns: int
    reached: int
    x_labels: list[str]
    result: Result
    timeline: list[TurnRecord]
    meters: list[Series]
    rungs: Series
    rung_labels: list[str]
    red_lines: list[RedLineRecord]
    allies: list[AllyRecord]
    facilitator: list[FacilitatorAct]
    branches: list[BranchRecord]
    warnings: list[str]
    observations: list[Observation] = field(default_factory=list)

    @property
    def decisions(self) -> list[Entry]:
        return [e for t in self.timeline for e in t.decisions]


# ---- building -----------------------------------------------------------------------------


def build(
    game: Game,
    *,
    meta: dict[str, Any] | None = None,
    source: str | None = None,
    warnings: list[str] | None = None,
) -> AfterAction:
    meta = meta or {}
    seats = meta.get("facilitation")
    teams = seats.get("teams") if isinstance(seats, dict) else None
    token = _TEAMS.set({str(k): str(v) for k, v in teams.items() if v} if isinstance(teams, dict) else {})
    try:
        return _build(game, meta, source, warnings)
    finally:
        _TEAMS.reset(token)


def _build(game: Game, meta: dict[str, Any], source: str | None, warnings: list[str] | None) -> AfterAction:
    sc = game.scenario
    state = game.state
    history = list(state.history)
    label = sc.info.turn_label
    x_labels = ["Start"] + [str(i) for i in range(1, len(history))]
    return AfterAction(
        scenario=sc,
        title=sc.title,
        scenario_id=sc.id,
        seed=game.seed,
        saved=_when(meta.get("saved")),
        label=str(meta["label"]) if meta.get("label") else None,
        source=source,
        turn_label=label,
        turns=sc.turns,
        reached=state.turn,
        x_labels=x_labels,
        result=_result(game),
        timeline=_timeline(game),
        meters=_meters(sc, history),
        # Rungs counted from 1, as the game and the deck show them ("rung 2 of 5").
        rungs=Series(
            "rung", "Escalation ladder", [_from_one(h.get("rung")) for h in history], 1, len(sc.rungs)
        ),
        rung_labels=[r.model.label for r in sc.rungs],
        red_lines=_red_lines(game),
        allies=_allies(game, history),
        facilitator=_facilitator(game),
        branches=[_branch(game, b) for b in game.branches],
        warnings=list(warnings or []),
        observations=[
            Observation(game.states[i].turn, a.category, a.text, _who(a.by, sc) if a.by else None)
            for i, a in enumerate(game.actions)
            if isinstance(a, Observe)
        ],
    )


def _when(saved: Any) -> str | None:
    if not isinstance(saved, str) or not saved:
        return None
    try:
        moment = datetime.fromisoformat(saved)
    except ValueError:
        return saved
    zone = moment.strftime(" %Z") if moment.tzinfo else ""
    return moment.strftime("%Y-%m-%d %H:%M") + zone


def _from_one(rung: Any) -> Any:
    return rung + 1 if isinstance(rung, int | float) and not isinstance(rung, bool) else rung


def _batches(game: Game) -> list[tuple[Action | None, list[Event]]]:
    """Each batch of events beside the action that caused it (the first: the game's start),
    said in the scenario's words (no id, no raw expression)."""
    from redline.report.words import said_events

    sc = game.scenario
    batches = [said_events(b, sc) for b in game.events]
    return [(None, batches[0])] + list(zip(game.actions, batches[1:], strict=True))


def _timeline(game: Game) -> list[TurnRecord]:
    sc = game.scenario
    turns: dict[int, TurnRecord] = {}
    turn_end: dict[int, Entry] = {}

    def record(turn: int) -> TurnRecord:
        if turn not in turns:
            turns[turn] = TurnRecord(turn, f"{sc.info.turn_label} {turn}")
        return turns[turn]

    def change(e: Event) -> ChangeLine:
        return ChangeLine(target_label(e.target, sc), e.before, e.after, e.cause)

    def add(entry: Entry) -> Entry:
        record(entry.turn).entries.append(entry)
        return entry

    for action, batch in _batches(game):
        current: Entry | None = None
        for e in batch:  # said once in the players' words (_batches): shown as they are
            t = record(e.turn)
            k = e.kind
            if k == "turn_start":
                current = None
            elif k == "draw":
                t.drawn.append(e.text)
            elif k == "signal":
                t.signals.append(SignalLine(e.target, e.cause or e.target or "", e.text))
            elif k == "decision":
                current = add(_decision(e, action, sc))
            elif k == "note":
                if current is not None and current.kind == "decision" and e.ref and e.ref == current.ref:
                    current.note = current.note or e.text
                else:
                    current = add(Entry("note", e.turn, "Note", e.text, who=_who(e.cause, sc)))
            elif k in ("change", "reaction"):
                line = change(e)
                if current is not None and current.turn == e.turn and _belongs(current, e):
                    if current.kind in OWN_CAUSE:
                        line.cause = line.cause if k == "reaction" else None
                    current.changes.append(line)
                else:
                    if e.turn not in turn_end:
                        turn_end[e.turn] = Entry("turn_end", e.turn, f"End of {t.label.lower()}")
                    turn_end[e.turn].changes.append(line)
            elif k == "outcome":
                if current is not None and current.kind == "decision":
                    current.outcome = e.text
                    current.partial = e.cause == "partial"
            elif k == "scheduled":
                if current is not None:
                    current.later.append(e.text)
            elif k == "red_line":
                line = next((x for x in sc.red_lines if x.id == e.target), None)
                t.crossed.append(line.model.label if line else e.text)
                current = add(Entry("red_line", e.turn, e.text, why=e.cause, ref=e.ref))
            elif k == "rung":
                add(Entry("rung", e.turn, e.text, why=e.cause))
            elif k == "kremlin":
                current = add(Entry("kremlin", e.turn, e.text, why=e.cause, ref=e.ref))
                t.response = current
                for s in t.signals:
                    s.carried_out = s.carried_out or (e.target is not None and s.response == e.target)
            elif k == "event":
                ev = sc.event_by_id.get(e.target or "")
                title, text = (ev.model.title, ev.model.text) if ev else (e.text, "")
                current = add(Entry("event", e.turn, title, text, why=e.cause, ref=e.ref))
            elif k == "inject":
                add(Entry("inject", e.turn, e.text, why=e.cause, ref=e.ref))
            elif k == "later":
                current = add(Entry("later", e.turn, e.text, why=e.cause))
            elif k == "withdrawal":
                add(Entry("withdrawal", e.turn, e.text, why=e.cause, ref=e.ref))
            elif k in ("override", "bulletin", "adjudication"):
                # A facilitator's act, then the changes it makes, where it was made.
                current = add(Entry(k, e.turn, e.text, why=e.cause, ref=e.ref))
            elif k == "ending":
                add(Entry("ending", e.turn, e.text, why=e.cause, ref=e.ref))
            else:  # a kind this report does not know yet: show it as it is
                add(Entry(k, e.turn, e.text, why=e.cause, ref=e.ref))
    history = game.state.history
    for turn, entry in turn_end.items():
        t = record(turn)
        at = next((i for i, x in enumerate(t.entries) if x.kind in ("withdrawal", "ending")), len(t.entries))
        t.entries.insert(at, entry)
    for t in turns.values():
        if t.turn < len(history):
            t.rung = sc.rungs[int(history[t.turn].get("rung", 0))].model.label
    return [turns[k] for k in sorted(turns)]


# Entries whose changes need not repeat the cause: the entry says it.
OWN_CAUSE = frozenset(
    {"event", "kremlin", "red_line", "later", "decision", "override", "bulletin", "adjudication"}
)


def _belongs(current: Entry, e: Event) -> bool:
    """Does change `e` follow from the timeline entry before it?"""
    if e.ref is None:
        return False
    if e.ref.kind == RefKind.LATER:  # a later consequence come due: the entry it follows
        return current.kind == EventKind.LATER
    return e.ref.within(current.ref)


# The teams of a facilitated session (role id -> team name), read from the save while one
# report is built, so every "decided by" names the team as well as its role.
_TEAMS: ContextVar[dict[str, str] | None] = ContextVar("teams", default=None)


def _who(by: str | None, sc: Scenario) -> str | None:
    name = words.role_name(by, sc)
    team = (_TEAMS.get() or {}).get(by or "")
    return f"{team} — {name}" if team and name else name


def _decision(e: Event, action: Action | None, sc: Scenario) -> Entry:
    card = sc.card_by_id.get(e.target or "")
    decide = action if isinstance(action, Decide) and action.card == e.target else None
    option_id = decide.option if decide else ((e.ref.option if e.ref else None) or "")
    option = card.option_by_id.get(option_id) if card else None
    title = card.model.title if card else (e.target or "")
    label = option.model.label if option else option_id
    votes: list[Vote] = []
    if decide and decide.votes:
        labels = {o.id: o.model.label for o in card.options} if card else {}
        for key, count in sorted(decide.votes, key=lambda kv: -kv[1]):
            votes.append(Vote(labels.get(key, key), count, key == option_id or labels.get(key) == label))
    who = _who(decide.by if decide else e.cause, sc)
    counts = dict(decide.votes or ()) if decide else {}
    if decide and decide.by == "facilitator" and counts and counts.get(option_id, 0) < max(counts.values()):
        who = "facilitator (closed the vote against the count)"
    return Entry(
        "decision",
        e.turn,
        title,
        label,
        who=who,
        role=words.role_name(card.model.role, sc) if card else None,
        ref=e.ref,
        votes=votes,
        note=decide.note if decide else None,
    )


def _meters(sc: Scenario, history: list[dict[str, float]]) -> list[Series]:
    out = [
        Series(mid, m.label, [h.get(mid) for h in history], m.min, m.max, m.good, m.warn)
        for mid, m in sc.meters.items()
    ]
    if sc.allies:
        out.append(Series("cohesion", "Allied cohesion", [h.get("cohesion") for h in history], derived=True))
    return out


def _red_lines(game: Game) -> list[RedLineRecord]:
    sc = game.scenario
    crossed = game.state.crossed
    out = []
    for rl in sc.red_lines:
        by_turn: dict[int, float] = {}
        if rl.proximity is not None:
            for s in game.states:
                p = gauge(s, rl)
                if p is not None:
                    by_turn[s.turn] = max(p, by_turn.get(s.turn, 0.0))
        series: list[float | None] = [by_turn.get(t) for t in range(1, game.state.turn + 1)]
        peak = max(by_turn.values()) if by_turn else None
        peak_turn = min((t for t, p in by_turn.items() if p == peak), default=None)
        out.append(
            RedLineRecord(
                rl.id,
                rl.model.label,
                rl.model.shown_quote(),
                rl.model.text,
                [source(s, sc) for s in rl.model.sources],
                series,
                peak,
                peak_turn,
                crossed.get(rl.id),
            )
        )
    return out


def _allies(game: Game, history: list[dict[str, float]]) -> list[AllyRecord]:
    sc = game.scenario
    why = {e.ally: e.cause for e in game.all_events() if e.kind == EventKind.WITHDRAWAL}
    out = []
    for aid, ally in sc.allies.items():
        values = [h.get(f"ally.{aid}") for h in history]
        out.append(
            AllyRecord(
                aid,
                ally.name,
                words.contribution(ally),
                ally.position,
                ally.threshold,
                [None if v is None or v < 0 else v for v in values],
                game.state.out.get(aid),
                why.get(aid),
            )
        )
    return out


def _facilitator(game: Game) -> list[FacilitatorAct]:
    sc = game.scenario
    out = []
    for i, a in enumerate(game.actions):
        turn = game.states[i].turn
        if isinstance(a, Inject):
            ev = sc.event_by_id.get(a.event)
            name = ev.model.title if ev else a.event
            when = f" (for {sc.info.turn_label.lower()} {a.turn})" if a.turn and a.turn > turn else ""
            out.append(FacilitatorAct(turn, "inject", f"Inject: {name}{when}", a.reason))
        elif isinstance(a, Override):
            out.append(FacilitatorAct(turn, "override", _override(a, _batch(game, i), sc), a.reason))
        elif isinstance(a, Note):
            out.append(FacilitatorAct(turn, "note", a.text, who=_who(a.by, sc)))
        elif isinstance(a, Signal):
            out.append(FacilitatorAct(turn, "signal", _signals(a, sc)))
        elif isinstance(a, Respond):
            r = sc.responses.get(a.response or "")
            out.append(FacilitatorAct(turn, "respond", "Red cell: " + (r.model.label if r else "holds")))
        elif isinstance(a, Bulletin):
            out.append(FacilitatorAct(turn, "bulletin", describe(a, sc), a.reason, a.sender))
        elif isinstance(a, Adjudicate):
            verdict = _verdict(game, i)
            out.append(
                FacilitatorAct(turn, "adjudication", describe(a, sc) + verdict, a.reason, _who(a.by, sc))
            )
    return out


def _batch(game: Game, index: int) -> list[Event]:
    """The events action `index` caused (events[i+1] came of actions[i])."""
    return game.events[index + 1] if index + 1 < len(game.events) else []


def _override(action: Override, batch: list[Event], sc: Scenario) -> str:
    """An override in words, with the value the target took (the engine holds it to the
    target's range) and, when that differs, the value asked."""
    taken = next((e.after for e in batch if e.kind == "override" and e.after is not None), action.value)
    asked = "" if num(taken) == num(action.value) else f" (asked {num(action.value)})"
    return f"Override: {target_label(action.target, sc)} = {num(taken)}{asked}"


def _signals(action: Signal, sc: Scenario) -> str:
    names = [sc.responses[r].model.label for r in action.responses if r in sc.responses]
    return "Red cell signals: " + ", ".join(names) if names else "Red cell signals nothing"


def _verdict(game: Game, index: int) -> str:
    """How the ruling at action `index` came out, from the event the engine recorded."""
    for e in _batch(game, index):
        if e.kind == "adjudication":
            return " — it succeeds" if e.after else " — it fails"
    return ""


def _changes_text(changes: tuple[tuple[str, float | bool], ...], sc: Scenario) -> str:
    parts = [
        f"{target_label(t, sc)}: {num(v)}" if isinstance(v, bool) else f"{target_label(t, sc)} {signed(v)}"
        for t, v in changes
    ]
    return "; ".join(parts)


def describe(action: Action, sc: Scenario) -> str:
    """An action in words, for a branch's list of steps."""
    if isinstance(action, Decide):
        card = sc.card_by_id.get(action.card)
        option = card.option_by_id.get(action.option) if card else None
        by = f" — {_who(action.by, sc)}" if action.by else ""
        title = words.colon(card.model.title if card else action.card)
        return f"{title} {option.model.label if option else action.option}{by}"
    if isinstance(action, Inject):
        ev = sc.event_by_id.get(action.event)
        why = f" ({action.reason})" if action.reason else ""
        return f"Inject: {ev.model.title if ev else action.event}{why}"
    if isinstance(action, Override):
        return f"Override: {target_label(action.target, sc)} = {num(action.value)} ({action.reason})"
    if isinstance(action, Note):
        return f"Note: {action.text}"
    if isinstance(action, Signal):
        return _signals(action, sc)
    if isinstance(action, Bulletin):
        to = f" (to {_who(action.to, sc)})" if action.to else ""
        changes = f" — {_changes_text(action.changes, sc)}" if action.changes else ""
        return f"Inject: {action.text}{to}{changes}"
    if isinstance(action, Adjudicate):
        return f"Ruling: {action.proposal} (odds {words.percent(action.odds)})"
    if isinstance(action, Observe):
        return f"{action.category.capitalize()}: {action.text}"
    response = sc.responses.get(action.response or "") if isinstance(action, Respond) else None
    return "Red cell: " + (response.model.label if response else "holds")


def _branch(game: Game, branch: Any) -> BranchRecord:
    sc = game.scenario
    start = game.turn_starts().get(branch.from_turn)
    steps: list[tuple[int | None, str]] = [(None, describe(a, sc)) for a in branch.actions]
    problem = None
    crossed: list[str] = []
    ending_id, score, reached, final = branch.ending, branch.score, None, []
    if start is None:
        problem = f"the line played no longer reaches {sc.info.turn_label.lower()} {branch.from_turn}"
    else:
        prefix = game.actions[:start]
        played, failed, reason = replay(sc, game.seed, [*prefix, *branch.actions], game.red_cell)
        for j, action in enumerate(branch.actions):
            if start + j < len(played.actions):
                said = steps[j][1]
                if isinstance(action, Override):  # with the value the replay gave it
                    said = f"{_override(action, _batch(played, start + j), sc)} ({action.reason})"
                steps[j] = (played.states[start + j].turn, said)
        if failed is not None:
            problem = f"replay stopped at step {failed - start + 1}: {reason}"
        end = played.state
        reached = end.turn
        if ending_id is None and end.ending is not None:
            ending_id = end.ending.id
        if score is None:
            score = end.score
        final = [(m.label, num(end.meters[mid])) for mid, m in sc.meters.items()]
        labels = {rl.id: rl.model.label for rl in sc.red_lines}
        crossed = [labels.get(rid, rid) for rid in end.crossed]
        if sc.allies:
            final.append(("Allied cohesion", num(end.cohesion)))
    ending = next((e for e in sc.endings if e.id == ending_id), None)
    return BranchRecord(
        branch.name,
        branch.from_turn,
        steps,
        ending.model.title if ending else ending_id,
        ending.model.kind if ending else None,
        score,
        reached,
        final,
        problem,
        crossed if start is not None else [],
    )


def _result(game: Game) -> Result:
    sc = game.scenario
    state = game.state
    ending = state.ending
    why = next((e.cause for e in reversed(game.all_events()) if e.kind == "ending"), None)
    inputs = []
    for name in sorted(sc.score.reads):
        if name in state.meters:
            inputs.append((sc.meters[name].label, num(state.meters[name])))
        elif name in state.flags:
            inputs.append((sc.flags[name].label or name, num(state.flags[name])))
        elif name == "cohesion":
            inputs.append(("Allied cohesion", num(state.cohesion)))
        elif (aid := ally_of(name)) is not None and aid in state.support:
            inputs.append((f"{sc.allies[aid].name} support", num(state.support[aid])))
    if not inputs:  # the formula reads names this report does not list: show every meter
        inputs = [(m.label, num(state.meters[mid])) for mid, m in sc.meters.items()]
    explained = score_in_words(state)
    left = []
    for e in game.all_events():
        if e.kind == EventKind.WITHDRAWAL and e.target:
            ally = sc.allies.get(e.ally or "")
            left.append((ally.name if ally else e.target, f"{sc.info.turn_label} {e.turn}: {e.cause or ''}"))
    return Result(
        over=state.is_over,
        title=ending.model.title if ending else "Game in progress",
        text=ending.model.text
        if ending
        else f"Stopped in {sc.info.turn_label.lower()} {state.turn} of {sc.turns}.",
        kind=ending.model.kind if ending else None,
        why=(f"because {words.condition(ending.model.when, sc)}" if ending and ending.model.when else why)
        if ending
        else None,
        score=state.score,
        bonus=ending.model.bonus if ending else 0.0,
        formula=words.condition(sc.score.text, sc),
        inputs=inputs,
        left=left,
        epilogue=epilogue(state, game.all_events()),
        score_parts=[line.said for line in explained.lines] if ending else [],
        score_meaning=explained.meaning if ending else "",
    )
