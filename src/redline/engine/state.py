"""The state of one game and the rules that move it from turn to turn.

A `State` is a small slotted object, copied (shallowly, dict by dict) on every `apply`:
the simulator and the odds forecasts play thousands of games a second on it. Content is
read from the compiled `Scenario`, never changed.

Turn phases: briefing (draw cards, signal threats) → decisions (one card at a time) →
adjudication (effects, chance, ally reactions, each applied as a card is decided) →
Kremlin response (red lines, ladder rung, carry out a threat or hold) → events → turn end
(delayed consequences, drift, withdrawals, endings). `apply` runs the automatic phases
until a player has to act again.
"""

from __future__ import annotations

from typing import Any

from mypy_extensions import i64

from redline.content.compiled import (
    CCard,
    CEnding,
    CEvent,
    Change,
    CLater,
    COption,
    CResponse,
    Scenario,
)
from redline.engine import rng
from redline.engine.actions import (
    Action,
    Decide,
    IllegalAction,
    Inject,
    Note,
    Override,
    Respond,
    Signal,
)
from redline.engine.events import Event
from redline.engine.plan import Plan, net_reactions, plan_for
from redline.numeric import round2, running_sum

DECISIONS = "decisions"
SIGNAL = "signal"  # a human red cell is choosing this turn's signals
KREMLIN = "kremlin"  # a human red cell is choosing Moscow's response
OVER = "over"


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
        """Why `card` cannot be drawn now, or None when it can. The draw applies the same rule
        inline (it is the hottest loop of a game); a test holds the two together."""
        if card.once and card.id in self.played:
            return "already decided"
        if card.when is not None and not card.when.fn(self):
            return f"its condition does not hold: {card.when.text}"
        if card.gated and not any(o.when is None or o.when.fn(self) for o in card.options):
            return "every option is locked"
        return None

    def reachable_responses(self) -> list[CResponse]:
        """Responses on the current rung and below, whose condition holds."""
        out = []
        for rung in self.scenario.rungs[: self.rung + 1]:
            for r in rung.responses:
                if r.when is None or r.when.fn(self):
                    out.append(r)
        return out

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

    # ---- helpers ---------------------------------------------------------------------

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

    def _pick(self, items: list[Any], weights: list[float]) -> Any:
        return items[self._pick_index(weights)]

    def _recompute_cohesion(self) -> None:
        # Summed left to right from 0.0, as redline.numeric explains. A plain loop: compiled,
        # it is machine arithmetic on floats.
        plan = self.plan
        if not plan.total_weight:
            self.cohesion = 0.0
            return
        out = self.out
        kept = 0.0
        # `support` is in the scenario's ally order, as the weights are, and as long. (zip
        # without strict=: with a keyword, the compiled loop goes through the interpreter.)
        if out:
            for (aid, w), v in zip(plan.weights, self.support.values()):  # noqa: B905
                if aid not in out:
                    kept += w * v
        else:
            for w, v in zip(plan.weight_values, self.support.values()):  # noqa: B905
                kept += w * v
        self.cohesion = round2(kept / plan.total_weight)

    def _set_meter(self, mid: str, value: float, cause: str, ref: str | None) -> None:
        lo, hi = self.plan.meter_bounds[mid]
        before = self.meters[mid]
        after = round2(lo if value < lo else hi if value > hi else value)
        if after != before:
            self.meters[mid] = after
            if self.log is not None:
                label = self.scenario.meters[mid].label
                self._emit("change", f"{label} {after - before:+g}", mid, before, after, cause, ref)

    def _set_flag(self, fid: str, value: bool) -> None:
        self.flags[fid] = value
        bit = self.plan.flag_bit[fid]
        self.fbits = self.fbits | bit if value else self.fbits & ~bit

    def _set_support(self, aid: str, value: float, cause: str, ref: str | None, kind: str = "change") -> None:
        before = self.support[aid]
        after = round2(0.0 if value < 0.0 else 100.0 if value > 100.0 else value)
        if after == before:
            return
        self.support[aid] = after
        if after < before:
            self.grievance[aid] = cause
        if self.log is not None:
            name = self.scenario.allies[aid].name
            self._emit(kind, f"{name} {after - before:+g}", f"ally.{aid}", before, after, cause, ref)

    def _change(self, changes: tuple[Change, ...], cause: str, ref: str | None) -> None:
        touched_allies = False
        meters = self.meters
        bounds = self.plan.meter_bounds
        for ch in changes:
            value = ch.value
            amount = value.constant if value.is_constant else value.fn(self)
            kind = ch.kind
            target = ch.target
            if kind == "meter":
                # _set_meter, written out: this is the commonest effect of all.
                lo, hi = bounds[target]
                before = meters[target]
                after = before + amount
                after = round2(lo if after < lo else hi if after > hi else after)
                if after != before:
                    meters[target] = after
                    if self.log is not None:
                        label = self.scenario.meters[target].label
                        self._emit(
                            "change", f"{label} {after - before:+g}", target, before, after, cause, ref
                        )
            elif kind == "flag":
                was = self.flags[target]
                now = bool(amount)
                if was != now:
                    self._set_flag(target, now)
                    if self.log is not None:
                        label = self.scenario.flags[target].label or target
                        self._emit(
                            "change",
                            f"{label}: {'yes' if now else 'no'}",
                            target,
                            was,
                            now,
                            cause,
                            ref,
                        )
            elif target not in self.out:
                self._set_support(target, self.support[target] + amount, cause, ref)
                touched_allies = True
        if touched_allies:
            self._recompute_cohesion()

    def _schedule(self, laters: tuple[CLater, ...], cause: str, ref: str | None = None) -> None:
        if laters:
            self.pending = self.pending + tuple((self.turn + lt.model.after, lt, cause) for lt in laters)
            if self.log is not None:
                for lt in laters:
                    self._emit(
                        "scheduled", f"In {lt.model.after} turn(s): {lt.model.text}", cause=cause, ref=ref
                    )

    # ---- phases -----------------------------------------------------------------------

    def _apply(self, action: Action) -> None:
        if self.phase == OVER and not isinstance(action, Note):
            raise IllegalAction("the game is over")
        if isinstance(action, Decide):
            self._decide(action)
        elif isinstance(action, Inject):
            self._inject(action)
        elif isinstance(action, Override):
            self._override(action)
        elif isinstance(action, Note):
            self._emit("note", action.text, cause=action.by)
        elif isinstance(action, Signal):
            self._signal(action)
        elif isinstance(action, Respond):
            self._respond(action)
        else:
            raise IllegalAction(f"unknown action {action!r}")

    def _decide(self, action: Decide) -> None:
        if self.phase != DECISIONS:
            raise IllegalAction(f"no decision is due now (phase: {self.phase})")
        card = self.scenario.card_by_id[self.hand[0]]
        if action.card != card.id:
            raise IllegalAction(f"the card to decide is '{card.id}', not '{action.card}'")
        option = card.option_by_id.get(action.option)
        if option is None:
            raise IllegalAction(f"card '{card.id}' has no option '{action.option}'")
        if not self.available(option):
            why = option.model.locked_text or f"needs {option.when.text if option.when else ''}"
            raise IllegalAction(f"option '{option.id}' is locked: {why}")
        label = option.model.label
        ref = f"card:{card.id}/option:{option.id}"
        if self.log is not None:
            votes = ""
            if action.votes:
                votes = " (vote: " + ", ".join(f"{k} {v}" for k, v in action.votes) + ")"
            self._emit("decision", f"{card.model.title}: {label}{votes}", card.id, cause=action.by, ref=ref)
            if action.note:
                self._emit("note", action.note, cause=action.by, ref=ref)
        self._change(option.changes, label, ref)
        self._schedule(option.later, label, ref)
        if option.outcomes:
            self._roll_outcome(option, label, ref)
        self._react(option, label, ref)
        self.played[card.id] = self.played.get(card.id, 0) + 1
        self.hand = self._still_relevant(self.hand[1:])
        if not self.hand:
            self._after_decisions()

    def preview(self, option: COption) -> State:
        """The state just after `option`'s certain effects and the allies' reactions to its
        tags, before any chance is rolled or the turn moves on: what a player can know before
        choosing. Nothing random is drawn, so the game's dice stay unseen and unspent."""
        new = self.clone()
        new.log = None
        ref = f"card:{option.card_id}/option:{option.id}"
        new._change(option.changes, option.model.label, ref)
        new._react(option, option.model.label, ref)
        return new

    def _still_relevant(self, hand: tuple[str, ...]) -> tuple[str, ...]:
        """Cards drawn this turn that an earlier decision made moot are set aside, so no card
        contradicts what was just decided and no card is left with nothing to choose."""
        if not hand:
            return hand
        kept = []
        drawable_now = self.plan.drawable
        for cid in hand:
            card = self.scenario.card_by_id[cid]
            drawable = drawable_now[card]
            if drawable is None or drawable(self):
                kept.append(cid)
            elif self.log is not None:
                self._emit(
                    "discard",
                    f"{card.model.title} — set aside",
                    cid,
                    cause="no longer relevant after this decision",
                )
        return tuple(kept)

    def outcome_odds(self, option: COption) -> list[tuple[str, float]]:
        """The chance of each outcome of `option` now, as the UI shows it."""
        odds = []
        for oc in option.outcomes:
            p = oc.chance.constant if oc.chance.is_constant else oc.chance.fn(self)
            odds.append((oc.model.id, min(max(float(p), 0.0), 1.0)))
        total = running_sum(p for _, p in odds)
        if total > 1:  # more than certain: scale to a distribution
            odds = [(k, p / total) for k, p in odds]
        return odds

    def _roll_outcome(self, option: COption, label: str, ref: str) -> None:
        x = self._random()
        for (oid, p), oc in zip(self.outcome_odds(option), option.outcomes, strict=True):
            if x < p:
                cause = f"{label} — {oc.model.label or oid}"
                if self.log is not None:
                    kind = "partial" if oc.model.partial else "outcome"
                    self._emit(
                        "outcome",
                        oc.model.text or oc.model.label or oid,
                        option.card_id,
                        cause=kind,
                        ref=f"{ref}/outcome:{oid}",
                    )
                self._change(oc.changes, cause, f"{ref}/outcome:{oid}")
                self._schedule(oc.later, cause, f"{ref}/outcome:{oid}")
                return
            x -= p

    def _react(self, option: COption, label: str, ref: str) -> None:
        """Each ally reacts to the tags of what was decided, at most `max_swing` at once."""
        plan = self.plan.options[option]
        out = self.out
        fixed = plan.fixed
        if fixed is None:  # some reactions have conditions: sum those that hold now
            holding = (
                (aid, delta, why, size)
                for aid, delta, when, why, size in plan.reactions
                if aid not in out and (when is None or when.fn(self))
            )
            fixed = tuple(net_reactions(holding, self.plan.max_swing))
        moved = False
        support = self.support
        for aid, delta, why in fixed:
            if aid not in out:
                self._set_support(aid, support[aid] + delta, why, ref, kind="reaction")
                moved = True
        if moved:
            self._recompute_cohesion()

    def _after_decisions(self) -> None:
        self._cross_red_lines()
        if self.red_cell:
            self.phase = KREMLIN
            return
        self._kremlin_acts(None, human=False)
        self._finish_turn()

    def _cross_red_lines(self) -> None:
        bump = 0
        for rl in self.scenario.red_lines:
            if rl.id in self.crossed or not rl.crossed.fn(self):
                continue
            self.crossed[rl.id] = self.turn
            self.crossed_now += 1
            bump += rl.model.bump
            if self.log is not None:
                self._emit(
                    "red_line",
                    f"Red line crossed: {rl.model.label}",
                    rl.id,
                    cause=f"“{rl.model.quote}”",
                    ref=f"redline:{rl.id}",
                )
            self._change(rl.changes, f"red line: {rl.model.label}", f"redline:{rl.id}")
        self._set_rung(self._base_rung() + bump, "red line crossed" if bump else "escalation")

    def _base_rung(self) -> int:
        level = self.meters[self.scenario.escalation]
        rung = 0
        for i, at in enumerate(self.plan.rung_at):
            if level >= at:
                rung = i
        return rung

    def _set_rung(self, rung: int, cause: str) -> None:
        rung = min(rung, len(self.scenario.rungs) - 1)
        if rung != self.rung:
            if self.log is not None:
                label = self.scenario.rungs[rung].model.label
                verb = "climbs to" if rung > self.rung else "steps down to"
                self._emit("rung", f"Moscow {verb} “{label}”", cause=cause, before=self.rung, after=rung)
            self.rung = rung

    def _signal(self, action: Signal) -> None:
        if self.phase != SIGNAL:
            raise IllegalAction("Moscow's signals are not due now")
        reachable = {
            r.id for r in self.scenario.rungs[min(self.rung + 1, len(self.scenario.rungs) - 1)].responses
        }
        reachable |= {r.id for r in self.reachable_responses()}
        for rid in action.responses:
            if rid not in reachable:
                raise IllegalAction(f"'{rid}' is not a response Moscow can signal now")
        if len(action.responses) > self.scenario.kremlin.signals:
            raise IllegalAction(f"at most {self.scenario.kremlin.signals} signals")
        self.signals = tuple(action.responses)
        self._emit_signals()
        self.phase = DECISIONS
        self._advance_if_idle()

    def _respond(self, action: Respond) -> None:
        if self.phase != KREMLIN:
            raise IllegalAction("Moscow's response is not due now")
        if action.response is not None:
            allowed = {r.id for r in self.reachable_responses()} | set(self.signals)
            if action.response not in allowed:
                raise IllegalAction(f"'{action.response}' is not a response Moscow can make now")
        self._kremlin_acts(action.response, human=True)
        self._finish_turn()

    def _kremlin_acts(self, chosen: str | None, human: bool) -> None:
        sc = self.scenario
        response: CResponse | None = None
        if human:
            response = sc.responses[chosen] if chosen else None
        else:
            p = sc.act_chance.constant if sc.act_chance.is_constant else sc.act_chance.fn(self)
            if self._random() < p:
                if self.crossed_now:  # a fresh breach: Moscow acts from the rung it now stands on
                    pool = [r for r in sc.rungs[self.rung].responses if r.when is None or r.when.fn(self)]
                else:
                    pool = [sc.responses[r] for r in self.signals]
                if pool:
                    response = self._pick(pool, [_num(r.weight, self) for r in pool])
        if response is None:
            if self.log is not None:
                held = " — the signalled threats were not carried out" if self.signals else ""
                self._emit("kremlin", f"Moscow holds{held}", cause="red cell" if human else "chance")
            return
        signalled = response.id in self.signals
        if self.log is not None:
            how = "as signalled" if signalled else "without warning"
            self._emit(
                "kremlin",
                f"Moscow acts ({how}): {response.model.text}",
                response.id,
                cause=response.model.label,
                ref=f"response:{response.id}",
            )
        self._change(response.changes, f"Moscow: {response.model.label}", f"response:{response.id}")

    def _finish_turn(self) -> None:
        while True:
            self._events_phase()
            self._turn_end()
            if self.phase == OVER:
                return
            self.turn += 1
            self._begin_turn()
            if self.phase != DECISIONS or self.hand:
                return
            # A turn with nothing to decide still runs its Kremlin, events and end phases.
            self._cross_red_lines()
            if self.red_cell:
                self.phase = KREMLIN
                return
            self._kremlin_acts(None, human=False)

    def _fire(self, event: CEvent, cause: str) -> None:
        self.fired[event.id] = self.fired.get(event.id, 0) + 1
        if self.log is not None:
            self._emit(
                "event",
                f"{event.model.title}: {event.model.text}",
                event.id,
                cause=cause,
                ref=f"event:{event.id}",
            )
        self._change(event.changes, event.model.title, f"event:{event.id}")
        self._schedule(event.later, event.model.title, f"event:{event.id}")

    def _events_phase(self) -> None:
        sc = self.scenario
        if self.injects:
            due = [e for t, e in self.injects if t == self.turn]
            self.injects = tuple((t, e) for t, e in self.injects if t != self.turn)
            for eid in due:
                self._fire(sc.event_by_id[eid], "inject (scheduled by the facilitator)")
        budget = sc.info.events_per_turn
        fired = self.fired
        for ev in self.plan.events_on[self.turn]:
            if ev.once and ev.id in fired:
                continue
            if ev.turn is not None:
                if ev.turn == self.turn and (ev.when is None or ev.when.fn(self)):
                    why = (
                        f"scheduled for {sc.info.turn_label.lower()} {self.turn}"
                        if self.log is not None
                        else ""
                    )
                    self._fire(ev, why)
                continue
            if budget <= 0 or (ev.chance.is_constant and not ev.chance.constant):
                continue
            if ev.when is not None and not ev.when.fn(self):
                continue
            p = ev.chance.constant if ev.chance.is_constant else ev.chance.fn(self)
            if self._random() < p:
                budget -= 1
                why = ""
                if self.log is not None:  # the simulator's quiet games skip the wording
                    why = f"chance {min(max(p, 0), 1):.0%}" + (f" when {ev.when.text}" if ev.when else "")
                self._fire(ev, why)

    def _turn_end(self) -> None:
        sc = self.scenario
        if self.pending:
            due = [p for p in self.pending if p[0] <= self.turn]
            self.pending = tuple(p for p in self.pending if p[0] > self.turn)
            for _, later, cause in due:
                if later.when is not None and not later.when.fn(self):
                    continue
                if self.log is not None:
                    self._emit("later", later.model.text, cause=f"consequence of: {cause}")
                self._change(later.changes, f"later: {cause}", None)
        for mid, baseline, drift in self.plan.drifting:
            v = self.meters[mid]
            step = min(drift, abs(baseline - v))
            if step:
                self._set_meter(mid, v + (step if v < baseline else -step), "drift toward baseline", None)
        left = False
        support = self.support
        for aid, threshold in self.plan.thresholds:
            if support[aid] < threshold and aid not in self.out:
                ally = sc.allies[aid]
                self.out[aid] = self.turn
                left = True
                if self.log is not None:
                    why = self.grievance.get(aid, "support fell too low")
                    self._emit(
                        "withdrawal",
                        f"{ally.name} leaves the coalition",
                        f"ally.{aid}",
                        cause=why,
                        ref=f"ally:{aid}",
                    )
        if left:
            self._recompute_cohesion()
        self._snapshot()
        for ending in self.plan.endings_on[self.turn]:
            if ending.when is None or ending.when.fn(self):
                self._end(ending)
                return
        if self.turn >= sc.turns:
            for ending in sc.endings:
                if ending.model.final and (ending.when is None or ending.when.fn(self)):
                    self._end(ending)
                    return

    def _snapshot(self) -> None:
        snap = self.plan.snapshot.copy()
        snap.update(self.meters)
        snap["cohesion"] = self.cohesion
        snap["rung"] = float(self.rung)
        support = self.support
        out = self.out
        for aid, key in self.plan.history_keys:
            snap[key] = -1.0 if aid in out else support[aid]
        self.history = (*self.history, snap)

    def _end(self, ending: CEnding) -> None:
        self.ending = ending
        self.phase = OVER
        self.hand = ()
        base = float(self.scenario.score(self))
        self.final_score = round(base + ending.model.bonus, 2)
        if self.log is not None:
            why = f"because {ending.when.text}" if ending.when else "no other ending applied"
            self._emit("ending", ending.model.title, ending.id, cause=why, ref=f"ending:{ending.id}")

    def _begin_turn(self) -> None:
        self.crossed_now = 0
        self._set_rung(self._base_rung(), "escalation")
        sc = self.scenario
        if self.log is not None:
            self._emit("turn_start", f"{sc.info.turn_label} {self.turn} of {sc.turns}")
        self._draw_hand()
        if self.red_cell:
            self.signals = ()
            self.phase = SIGNAL
            return
        self._draw_signals()
        self.phase = DECISIONS

    def _advance_if_idle(self) -> None:
        if self.phase == DECISIONS and not self.hand:
            self._after_decisions()

    def _draw_hand(self) -> None:
        """Draw up to `cards_per_turn` eligible cards, the highest priority first, by weight
        and without replacement within a priority."""
        played = self.played
        log = self.log
        need = self.scenario.info.cards_per_turn
        hand: list[str] = []
        # The plan lists this turn's candidates in priority groups, highest first, each in
        # the scenario's order; a lower group is only looked at if the hand is not full.
        for group in self.plan.cards_on[self.turn]:
            eligible: list[CCard] = []
            for card, drawable in group:
                if card.once and card.id in played:
                    continue
                if drawable is not None and not drawable(self):
                    continue
                eligible.append(card)
            if not eligible:
                continue
            weights = [c.weight.constant if c.weight.is_constant else c.weight.fn(self) for c in eligible]
            weights = [w if w > 0.0 else 0.0 for w in weights]
            while eligible and len(hand) < need:
                i = 0 if len(eligible) == 1 else self._pick_index(weights)
                card = eligible.pop(i)
                weights.pop(i)
                hand.append(card.id)
                if log is not None:
                    self._emit(
                        "draw",
                        card.model.title,
                        card.id,
                        cause=f"drawn because {card.when.text}" if card.when else "drawn",
                    )
            if len(hand) >= need:
                break
        self.hand = tuple(hand)

    def _draw_signals(self) -> None:
        sc = self.scenario
        count = sc.kremlin.signals
        if not count:
            self.signals = ()
            return
        # This rung's responses and the next rung's: Moscow threatens a step further.
        pool = [r for r in self.plan.signal_pool[self.rung] if r.when is None or r.when.fn(self)]
        chosen: list[str] = []
        weights = [r.weight.constant if r.weight.is_constant else r.weight.fn(self) for r in pool]
        weights = [w if w > 0.0 else 0.0 for w in weights]
        while pool and len(chosen) < count:
            i = self._pick_index(weights)
            chosen.append(pool.pop(i).id)
            weights.pop(i)
        self.signals = tuple(chosen)
        self._emit_signals()

    def _emit_signals(self) -> None:
        if self.log is not None:
            for rid in self.signals:
                r = self.scenario.responses[rid]
                self._emit("signal", r.model.signal, rid, cause=r.model.label, ref=f"response:{rid}")

    # ---- facilitator actions ---------------------------------------------------------

    def _inject(self, action: Inject) -> None:
        event = self.scenario.event_by_id.get(action.event)
        if event is None:
            raise IllegalAction(f"no event '{action.event}'")
        if action.turn is not None and action.turn > self.turn:
            if action.turn > self.scenario.turns:
                raise IllegalAction(f"turn {action.turn} is after the last turn")
            self.injects = (*self.injects, (action.turn, event.id))
            self._emit(
                "inject",
                f"Scheduled for turn {action.turn}: {event.model.title}",
                event.id,
                cause=action.reason,
            )
            return
        if action.turn is not None and action.turn < self.turn:
            raise IllegalAction(f"turn {action.turn} has passed")
        self._fire(event, "inject by the facilitator" + (f": {action.reason}" if action.reason else ""))

    def _override(self, action: Override) -> None:
        if not action.reason or not action.reason.strip():
            raise IllegalAction("an override needs a reason")
        sc = self.scenario
        cause = f"override: {action.reason}"
        target = action.target
        if target in sc.meters:
            if isinstance(action.value, bool):
                raise IllegalAction(f"meter '{target}' takes a number")
            self._set_meter(target, float(action.value), cause, "override")
        elif target in sc.flags:
            if not isinstance(action.value, bool):
                raise IllegalAction(f"flag '{target}' takes true or false")
            before = self.flags[target]
            self._set_flag(target, action.value)
            self._emit(
                "change",
                f"{sc.flags[target].label or target}: {'yes' if action.value else 'no'}",
                target,
                before,
                action.value,
                cause,
                "override",
            )
        elif target.startswith("ally.") and target[5:] in sc.allies:
            if isinstance(action.value, bool):
                raise IllegalAction(f"'{target}' takes a number")
            self._set_support(target[5:], float(action.value), cause, "override")
            self._recompute_cohesion()
        else:
            raise IllegalAction(f"nothing called '{target}' to override")
        self._emit("override", f"Facilitator set {target} to {action.value}", target, cause=action.reason)


def _num(expr: Any, s: State) -> float:
    return float(expr.constant if expr.is_constant else expr.fn(s))


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
    s._recompute_cohesion()
    s._snapshot()
    s._begin_turn()
    s._advance_if_idle()
    events = s.log or []
    s.log = None if quiet else []
    return s, events
