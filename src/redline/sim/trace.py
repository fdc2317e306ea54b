"""`redline simulate --trace SEED`: one game, turn by turn, with the why of everything.

Each turn shows the cards that could be drawn (their condition and its value then), what
the policy chose among the options open to it, every change with its cause (the engine's
events), Moscow's signals and response, the events that fired and the endings checked.
"""

from __future__ import annotations

from dataclasses import replace

from redline.content.compiled import CCard, Scenario
from redline.engine import Decide, Event, State, new_game
from redline.engine.endings import in_order
from redline.report.words import Said
from redline.sim.policies import PolicyRng, policy_by_name


def _value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


class _Trace:
    def __init__(self, sc: Scenario, seed: int, policy: str) -> None:
        self.sc = sc
        self.seed = seed
        self.policy = policy
        self.lines: list[str] = []
        self.turn_label = sc.info.turn_label
        self.said = Said(sc)
        self.played_at: dict[str, int] = {}

    def out(self, text: str = "", indent: int = 0) -> None:
        self.lines.append("  " * indent + text)

    def cards(self, state: State, drawn: list[str]) -> None:
        """Why each card was or was not drawn, read from the state it was drawn in."""
        self.out("Cards", 1)
        width = max(len(c.id) for c in self.sc.cards)
        for card in self.sc.cards:
            mark, status = self._card_status(card, state, drawn)
            self.out(f"{mark} {card.id:<{width}}  {status}", 2)

    def _card_status(self, card: CCard, state: State, drawn: list[str]) -> tuple[str, str]:
        when = f"when {card.when.text} → {_value(bool(card.when.fn(state)))}" if card.when else "no condition"
        if card.id in drawn:
            return "✓", f"drawn ({when})"
        why_not = state.ineligible_because(card)
        if why_not == "already decided":
            return "·", f"decided in {self.turn_label.lower()} {self.played_at.get(card.id, '?')}"
        if why_not is not None:
            return (
                "✗",
                f"not eligible: {when if card.when is not None and not card.when.fn(state) else why_not}",
            )
        return (
            "○",
            f"eligible, not drawn ({when}; weight {_value(card.weight(state))}, priority {card.model.priority})",
        )

    def decision(self, state: State, action: Decide) -> None:
        card = self.sc.card_by_id[action.card]
        self.played_at[card.id] = state.turn
        opts = []
        for o in card.options:
            if state.available(o):
                odds = state.outcome_odds(o)
                chances = ", ".join(f"{oid} {p:.0%}" for oid, p in odds)
                opts.append(o.id + (f" [{chances}]" if chances else ""))
            else:
                opts.append(f"{o.id} (locked: {o.model.locked_text or o.when.text if o.when else ''})")
        self.out(f"Decide {card.id}: {' | '.join(opts)}", 1)
        self.out(f"→ {self.policy} chooses {action.option}", 2)

    def events(self, events: list[Event]) -> None:
        for e in events:
            self.event(e)

    def event(self, e: Event) -> None:
        k = e.kind
        if e.text:  # 'In 2 turn(s): …' -> 'In 2 months: …', 'Next month: …'
            e = replace(e, text=self.said.turn_words(self.said.headline(e.text, e.turn)))
        if k == "outcome":  # the engine's cause says which kind of outcome: only a partial one is news
            cause = "  (partial success)" if e.cause == "partial" else ""
        else:
            cause = f"  ({self.said.turn_words(e.cause)})" if e.cause else ""
        if k in ("turn_start", "draw"):
            pass  # shown as the turn's header and card table
        elif k == "signal":
            self.out(f"Moscow signals: {e.text}  [{e.target}]", 1)
        elif k == "decision":
            pass  # shown with the options
        elif k in ("change", "reaction"):
            self.out(f"{e.target}: {_value(e.before)} → {_value(e.after)}  because {e.cause}", 2)
        elif k == "kremlin":
            self.out(f"{e.text}{cause}", 1)
        elif k == "red_line":
            self.out(f"RED LINE crossed: {e.text.removeprefix('Red line crossed: ')}  {e.cause or ''}", 1)
        elif k == "rung":
            self.out(f"{e.text}  ({e.cause}: rung {e.before} → {e.after})", 1)
        elif k in ("outcome", "event", "later", "scheduled", "withdrawal", "inject", "override", "note"):
            self.out(f"{k}: {e.text}{cause}", 1)
        elif k == "ending":
            pass  # shown with the endings checked
        else:
            self.out(f"{k}: {e.text}{cause}", 1)

    def endings(self, state: State, turn: int) -> None:
        """The engine checks every non-final ending at each turn's end, in priority order,
        and the final ones after the last turn; the first that holds ends the game."""
        reached = state.ending.id if state.is_over and state.ending and state.turn == turn else None
        snap = state.history[turn] if turn < len(state.history) else None
        if snap is not None:
            meters = ", ".join(f"{k} {v:g}" for k, v in snap.items() if not k.startswith("ally."))
            self.out(f"At the end of {self.turn_label.lower()} {turn}: {meters}", 1)
        self.out("Endings checked", 1)
        last = turn >= self.sc.turns
        for final in (False, True):
            if final and not last:
                break
            for ending in (e for e in in_order(self.sc.endings) if e.model.final == final):
                when = ending.when.text if ending.when else "(always)"
                if ending.id == reached:
                    self.out(f"✓ {ending.id}: {when} → true — ENDING: {ending.model.title}", 2)
                    return
                self.out(f"✗ {ending.id}: {when} → false", 2)
        if not last:
            self.out(f"(final endings are classified after {self.turn_label.lower()} {self.sc.turns})", 2)

    def batch(self, events: list[Event], state: State, prev_turn: int | None) -> None:
        """Events of one `apply`: the end of the turn being played, then any turns begun
        (a turn with nothing to decide is played out whole inside the same `apply`)."""
        groups: list[list[Event]] = []
        for e in events:
            if groups and groups[-1][0].turn == e.turn:
                groups[-1].append(e)
            else:
                groups.append([e])
        for chunk in groups:
            turn = chunk[0].turn
            if turn == prev_turn:
                self.events(chunk)
                if state.is_over or state.turn > turn:
                    self.endings(state, turn)
                continue
            start = next((e for e in chunk if e.kind == "turn_start"), None)
            self.out()
            self.out(f"── {start.text if start else f'{self.turn_label} {turn}'} ──")
            drawn = [e.target for e in chunk if e.kind == "draw" and e.target]
            if turn == state.turn and not state.is_over:
                self.cards(state, drawn)  # the state the hand was drawn in
            elif not drawn:
                self.out("Cards: none could be drawn", 1)
            self.events(chunk)
            if turn < state.turn or state.is_over:
                self.endings(state, turn)


def trace(scenario: Scenario, seed: int, policy: str = "random") -> str:
    """Play one game with `policy` from `seed` and explain it, turn by turn."""
    choose = policy_by_name(policy)
    r = PolicyRng(seed)
    t = _Trace(scenario, seed, policy)
    t.out(f"{scenario.title} — seed {seed}, policy {policy}")
    state, events = new_game(scenario, seed)
    t.batch(events, state, None)
    while not state.is_over:
        action = choose(state, state.legal_actions(), r)
        if isinstance(action, Decide):
            t.decision(state, action)
        turn = state.turn
        state, events = state.apply(action)
        t.batch(events, state, turn)
    ending = state.ending
    assert ending is not None
    why = f"because {ending.when.text}" if ending.when else "no other ending applied"
    t.out()
    t.out(f"Ending: {ending.model.title} ({ending.id}) at {t.turn_label.lower()} {state.turn}, {why}")
    t.out(f"Score: {state.score:g}")
    return "\n".join(t.lines)
