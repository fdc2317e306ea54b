"""The state of one game: its data, the public game API, and the changes every rule makes.

A `State` is a small slotted object, copied (shallowly, dict by dict) on every `apply`:
the simulator and the odds forecasts play thousands of games a second on it. Content is
read from the compiled `Scenario`, never changed.

The rules live one family to a module, each stating its rule: the turn's course and its end
(engine/turn.py), the hand draw (draw.py), decisions (decisions.py), allies and cohesion
(coalition.py), red lines and the ladder (ladder.py), Moscow's response (kremlin.py),
events (happenings.py), the ending choice (endings.py), the facilitator's actions
(facilitator.py, rulings.py). Here are only the changes they all make — a meter, a flag, an
ally's support, a consequence scheduled — each with the event that explains it. `apply`
runs the automatic phases until a player has to act again.
"""

from __future__ import annotations

from typing import Any

from mypy_extensions import i64

from redline.content.compiled import (
    CCard,
    CEnding,
    Change,
    CLater,
    COption,
    CResponse,
    Scenario,
)
from redline.engine import coalition, decisions, draw, facilitator, kremlin, ladder, rng, rulings, turn
from redline.engine.actions import (
    MAX_TEXT,
    Action,
    Adjudicate,
    Bulletin,
    Decide,
    IllegalAction,
    Inject,
    Note,
    Observe,
    Override,
    Respond,
    Signal,
    check_text,
)
from redline.engine.amounts import amount
from redline.engine.events import Event, EventKind, Ref, RefKind, ally_target
from redline.engine.phases import DECISIONS, KREMLIN, OVER, SIGNAL
from redline.engine.plan import Plan, plan_for
from redline.numeric import round2, running_sum

__all__ = ["DECISIONS", "KREMLIN", "MAX_TEXT", "OVER", "SIGNAL", "State", "bare_state", "new_game"]


class State:
    __slots__ = (
        "scenario",
        "plan",
        "seed",
        "red_cell",
        "turn",
        "phase",
        "meters",
        "flags",
        "fbits",
        "support",
        "out",
        "grievance",
        "crossed",
        "crossed_now",
        "rung",
        "signals",
        "hand",
        "played",
        "fired",
        "pending",
        "injects",
        "rng",
        "history",
        "cohesion",
        "ending",
        "final_score",
        "log",
    )

    scenario: Scenario
    plan: Plan  # the scenario's precomputed indexes (engine/plan.py)
    seed: int
    red_cell: bool
    turn: int
    phase: str
    meters: dict[str, float]
    flags: dict[str, bool]
    fbits: int  # the flags as one integer, for memoised conditions: change both via _set_flag
    support: dict[str, float]
    out: dict[str, int]  # ally -> turn it left
    grievance: dict[str, str]  # ally -> the last thing that cost its support
    crossed: dict[str, int]  # red line -> turn first crossed
    crossed_now: int
    rung: int
    signals: tuple[str, ...]
    hand: tuple[str, ...]  # card ids still to decide this turn, in order
    played: dict[str, int]
    fired: dict[str, int]
    pending: tuple[tuple[int, CLater, str], ...]  # (due turn, consequence, cause)
    injects: tuple[tuple[int, str], ...]  # facilitator-scheduled (turn, event id)
    rng: i64  # the generator's word (engine/rng.py)
    history: tuple[dict[str, float], ...]  # one snapshot per completed turn (and the start)
    cohesion: float
    ending: CEnding | None
    final_score: float | None
    log: list[Event] | None  # None: quiet play for the simulator

    # ---- the public game API -------------------------------------------------------

    @property
    def is_over(self) -> bool:
        return self.phase == OVER

    @property
    def score(self) -> float:
        """The scenario's score formula now, or the final score once the game is over."""
        if self.final_score is not None:
            return self.final_score
        return round(float(self.scenario.score(self)), 2)

    @property
    def card(self) -> CCard | None:
        """The card waiting for a decision, if any."""
        if self.phase != DECISIONS or not self.hand:
            return None
        return self.scenario.card_by_id[self.hand[0]]

    def available(self, option: COption) -> bool:
        return option.when is None or bool(option.when.fn(self))

    def legal_actions(self) -> list[Action]:
        """The players' moves now. Facilitator actions (inject, override, note) are always
        allowed while the game is on and are not listed."""
        if self.phase == DECISIONS:
            card = self.card
            assert card is not None
            options = self.plan.options
            return [options[o].action for o in card.options if o.when is None or o.when.fn(self)]
        if self.phase == SIGNAL:
            signals: list[Action] = [Signal(())]
            return signals + [Signal((r.id,)) for r in self.reachable_responses()]
        if self.phase == KREMLIN:
            responses: list[Action] = [Respond(None)]
            return responses + [Respond(r.id) for r in self.reachable_responses()]
        return []

    def ineligible_because(self, card: CCard) -> str | None:
        """Why `card` cannot be drawn now, or None when it can (engine/draw.py)."""
        return draw.ineligible_because(self, card)

    def reachable_responses(self) -> list[CResponse]:
        """Responses on the current rung and below, whose condition holds."""
        return kremlin.reachable_responses(self)

    def outcome_odds(self, option: COption) -> list[tuple[str, float]]:
        """The chance of each outcome of `option` now, as the UI shows it."""
        return decisions.outcome_odds(self, option)

    def apply(self, action: Action) -> tuple[State, list[Event]]:
        """Return the state after `action` and the events that explain it."""
        new = self.clone()
        new.log = []
        new._apply(action)
        events = new.log
        new.log = self.log if self.log is None else []
        return new, events

    def apply_quiet(self, action: Action) -> None:
        """Apply in place without events: the simulator's fast path on a state it owns."""
        self.log = None
        self._apply(action)

    def clone(self) -> State:
        new = State.__new__(State)
        new.scenario = self.scenario
        new.plan = self.plan
        new.seed = self.seed
        new.red_cell = self.red_cell
        new.turn = self.turn
        new.phase = self.phase
        new.meters = self.meters.copy()
        new.flags = self.flags.copy()
        new.fbits = self.fbits
        new.support = self.support.copy()
        new.out = self.out.copy()
        new.grievance = self.grievance.copy()
        new.crossed = self.crossed.copy()
        new.crossed_now = self.crossed_now
        new.rung = self.rung
        new.signals = self.signals
        new.hand = self.hand
        new.played = self.played.copy()
        new.fired = self.fired.copy()
        new.pending = self.pending
        new.injects = self.injects
        new.rng = self.rng
        new.history = self.history
        new.cohesion = self.cohesion
        new.ending = self.ending
        new.final_score = self.final_score
        new.log = self.log
        return new

    def fingerprint(self) -> tuple[Any, ...]:
        """Everything that defines the state, for equality checks in tests and replays."""
        return (
            self.turn,
            self.phase,
            sorted(self.meters.items()),
            sorted(self.flags.items()),
            sorted(self.support.items()),
            sorted(self.out.items()),
            sorted(self.crossed.items()),
            self.rung,
            self.signals,
            self.hand,
            sorted(self.played.items()),
            sorted(self.fired.items()),
            [(d, c.model.text, why) for d, c, why in self.pending],
            self.injects,
            self.rng,
            self.history,
            self.cohesion,
            self.ending.id if self.ending else None,
            self.final_score,
        )

    # ---- the changes every rule makes, each with the event that explains it -------

    def _emit(self, *args: Any, **kw: Any) -> None:
        if self.log is not None:
            self.log.append(Event(self.turn, *args, **kw))

    def _random(self) -> float:
        self.rng, x = rng.draw(self.rng)
        return x

    def _pick_index(self, weights: list[float]) -> int:
        total = running_sum(weights)
        if total <= 0:
            return 0
        x = self._random() * total
        for i, w in enumerate(weights):
            x -= w
            if x < 0:
                return i
        return len(weights) - 1

    def _set_meter(self, mid: str, value: float, cause: str, ref: Ref | None) -> None:
        lo, hi = self.plan.meter_bounds[mid]
        before = self.meters[mid]
        after = round2(lo if value < lo else hi if value > hi else value)
        if after != before:
            self.meters[mid] = after
            if self.log is not None:
                label = self.scenario.meters[mid].label
                self._emit(EventKind.CHANGE, f"{label} {after - before:+g}", mid, before, after, cause, ref)

    def _set_flag(self, fid: str, value: bool) -> None:
        self.flags[fid] = value
        bit = self.plan.flag_bit[fid]
        self.fbits = self.fbits | bit if value else self.fbits & ~bit

    def _set_support(
        self, aid: str, value: float, cause: str, ref: Ref | None, reaction: bool = False
    ) -> None:
        before = self.support[aid]
        after = round2(0.0 if value < 0.0 else 100.0 if value > 100.0 else value)
        if after == before:
            return
        self.support[aid] = after
        if after < before:
            self.grievance[aid] = cause
        if self.log is not None:
            # The kind is looked up only here: an enum member costs a class attribute lookup,
            # which quiet games (the simulator's) do not pay.
            kind = EventKind.REACTION if reaction else EventKind.CHANGE
            name = self.scenario.allies[aid].name
            self._emit(kind, f"{name} {after - before:+g}", ally_target(aid), before, after, cause, ref)

    def _change(self, changes: tuple[Change, ...], cause: str, ref: Ref | None) -> None:
        touched_allies = False
        meters = self.meters
        bounds = self.plan.meter_bounds
        for ch in changes:
            value = ch.value
            by = amount(value, self)
            kind = ch.kind
            target = ch.target
            if kind == "meter":
                # _set_meter, written out: this is the commonest effect of all.
                lo, hi = bounds[target]
                before = meters[target]
                after = before + by
                after = round2(lo if after < lo else hi if after > hi else after)
                if after != before:
                    meters[target] = after
                    if self.log is not None:
                        label = self.scenario.meters[target].label
                        self._emit(
                            EventKind.CHANGE,
                            f"{label} {after - before:+g}",
                            target,
                            before,
                            after,
                            cause,
                            ref,
                        )
            elif kind == "flag":
                was = self.flags[target]
                now = bool(by)
                if was != now:
                    self._set_flag(target, now)
                    if self.log is not None:
                        label = self.scenario.flags[target].label or target
                        self._emit(
                            EventKind.CHANGE,
                            f"{label}: {'yes' if now else 'no'}",
                            target,
                            was,
                            now,
                            cause,
                            ref,
                        )
            elif target not in self.out:
                self._set_support(target, self.support[target] + by, cause, ref)
                touched_allies = True
        if touched_allies:
            coalition.recompute_cohesion(self)

    def _schedule(self, laters: tuple[CLater, ...], cause: str, ref: Ref | None = None) -> None:
        if laters:
            self.pending = self.pending + tuple((self.turn + lt.model.after, lt, cause) for lt in laters)
            if self.log is not None:
                for lt in laters:
                    self._emit(
                        EventKind.SCHEDULED,
                        f"In {lt.model.after} turn(s): {lt.model.text}",
                        cause=cause,
                        ref=ref,
                    )

    # ---- the action, to the rule family that takes it --------------------------------

    def _apply(self, action: Action) -> None:
        if self.phase == OVER and not isinstance(action, (Note, Observe)):
            raise IllegalAction("the game is over")
        if isinstance(action, Decide):
            decisions.decide(self, action)
            if not self.hand:
                turn.after_decisions(self)
        elif isinstance(action, Inject):
            facilitator.inject(self, action)
        elif isinstance(action, Override):
            facilitator.override(self, action)
        elif isinstance(action, Note):
            check_text("a note", action.text)
            self._emit(EventKind.NOTE, action.text, cause=action.by)
        elif isinstance(action, Signal):
            kremlin.signal(self, action)
            turn.advance_if_idle(self)
        elif isinstance(action, Respond):
            kremlin.check_response(self, action)
            kremlin.act(self, action.response, human=True)
            turn.finish_turn(self)
        elif isinstance(action, Bulletin):
            rulings.bulletin(self, action)
        elif isinstance(action, Adjudicate):
            rulings.adjudicate(self, action)
        elif isinstance(action, Observe):
            rulings.observe(self, action)
        else:
            raise IllegalAction(f"unknown action {action!r}")

    def preview(self, option: COption) -> State:
        """The state just after `option`'s certain effects and the allies' reactions to its
        tags, before any chance is rolled or the turn moves on: what a player can know before
        choosing. Nothing random is drawn, so the game's dice stay unseen and unspent."""
        new = self.clone()
        new.log = None
        ref = Ref(RefKind.CARD, option.card_id, option.id)
        new._change(option.changes, option.model.label, ref)
        coalition.react(new, option, ref)
        return new


def bare_state(**fields: Any) -> State:
    """A state holding only `fields` (the rest empty or zero), to evaluate an expression away
    from a game, as tests and tools do. Expressions are typed on State, and the compiled
    engine holds them to it, so a stand-in object would not do."""
    s = State.__new__(State)
    blank: dict[str, Any] = {
        "turn": 1,
        "meters": {},
        "flags": {},
        "fbits": 0,
        "support": {},
        "out": {},
        "crossed": {},
        "crossed_now": 0,
        "rung": 0,
        "cohesion": 0.0,
    }
    for name, value in {**blank, **fields}.items():
        setattr(s, name, value)
    return s


def new_game(
    scenario: Scenario, seed: int, red_cell: bool = False, quiet: bool = False
) -> tuple[State, list[Event]]:
    """Start a game: the first turn's briefing is done and a decision is due."""
    s = State.__new__(State)
    s.scenario = scenario
    s.plan = plan_for(scenario)
    s.seed = seed
    s.red_cell = red_cell
    s.turn = 1
    s.phase = DECISIONS
    plan = s.plan
    s.meters = plan.start_meters.copy()
    s.flags = plan.start_flags.copy()
    s.fbits = plan.start_fbits
    s.support = plan.start_support.copy()
    s.out = {}
    s.grievance = {}
    s.crossed = {}
    s.crossed_now = 0
    s.rung = 0
    s.signals = ()
    s.hand = ()
    s.played = {}
    s.fired = {}
    s.pending = ()
    s.injects = ()
    s.rng = rng.seed_state(seed)
    s.history = ()
    s.cohesion = 0.0
    s.ending = None
    s.final_score = None
    s.log = None if quiet else []
    coalition.recompute_cohesion(s)
    s.rung = ladder.base_rung(s)  # the start's snapshot holds the rung the first turn begins on
    turn.snapshot(s)
    turn.begin_turn(s)
    turn.advance_if_idle(s)
    events = s.log or []
    s.log = None if quiet else []
    return s, events
