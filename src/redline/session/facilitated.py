"""A facilitated session: the game plus who sits at which seat, what the room may see, the
timer of each move, the session plan it started from, and the facilitator's record. No
Textual here.

Every change still goes through the engine as an action (`Decide` with `by`, `votes` and
`note`; `Inject`, `Override`, `Note`, `Signal`, `Respond`), so the save replays it and the
after-action report lists it. The seats and the room's settings go in the save's meta.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redline.session.local import AUTOSAVE_PREFIX, Decided, Session, new_seed
from redline.session.naming import pick
from redline.session.timer import Timer

if TYPE_CHECKING:
    from redline.content import Scenario
    from redline.content.compiled import CResponse
    from redline.engine import Action, Branch, Game
    from redline.exercise.model import Plan
    from redline.session.report import Section

META_KEY = "facilitation"
FACILITATOR = "the facilitator"
AUTOMATIC = "the game"  # Moscow without a human red cell
NO_ROLE = ""  # a card that names no role: the facilitator puts it to the room
TRUE_WORDS = {"yes", "y", "true", "on", "1"}
FALSE_WORDS = {"no", "n", "false", "off", "0"}


@dataclass(frozen=True)
class Seat:
    """One role of the scenario and who plays it (None: the facilitator, or for Moscow
    without a red cell, the game)."""

    role: str
    name: str
    description: str
    team: str | None
    red_cell: bool


class FacilitatedSession(Session):
    facilitated = True

    def __init__(
        self,
        scenario: Scenario,
        game: Game,
        saves: Path,
        teams: Mapping[str, str] | None = None,
        *,
        show_red_lines: bool = True,
        timer_minutes: float = 0,
    ) -> None:
        super().__init__(scenario, game, saves)
        roles = scenario.roles
        self.teams = {r: t.strip() for r, t in (teams or {}).items() if r in roles and t and t.strip()}
        self.show_red_lines = show_red_lines
        self.timer = Timer()
        self.timer.set(timer_minutes)
        self.timer.follow(game.state.turn)
        self.plan: Plan | None = None  # the session plan it started from, if any
        self.show_odds: bool | None = None  # the plan's choice; None: the screen's own setting
        self.pending_note: str | None = None  # the next decision's rationale
        self.pending_votes: tuple[tuple[str, int], ...] | None = None
        self.handed_to: str | None = None  # the role that has the keyboard now
        # A host keeps the session in its own file, with its own meta (the join codes).
        self.kept_at: Path | None = None
        self.label = "facilitated session (autosave)"
        self.more_meta: Callable[[], dict[str, Any]] | None = None
        # The red cell's screen is private: it was handed the keyboard for this (turn, phase)
        # only. A new turn opens on the shared screen (the month report), so it asks again.
        self.red_cell_since: tuple[int, str] | None = None

    # ---- starting and loading -------------------------------------------------------------

    @classmethod
    def start(
        cls,
        scenario: Scenario,
        seed: int | None,
        saves: Path,
        teams: Mapping[str, str],
        red_cell: bool,
    ) -> FacilitatedSession:
        from redline.engine import Game

        red_cell = red_cell and any(r.red_cell for r in scenario.roles.values())
        game = Game.start(scenario, new_seed() if seed is None else seed, red_cell=red_cell)
        return cls(scenario, game, saves, teams)

    @classmethod
    def from_meta(
        cls, scenario: Scenario, game: Game, saves: Path, meta: Mapping[str, Any]
    ) -> FacilitatedSession:
        """The session a save's meta describes; anything missing or malformed is left out."""
        teams = meta.get("teams")
        teams = {str(k): str(v) for k, v in teams.items()} if isinstance(teams, dict) else {}
        minutes = meta.get("timer_minutes")
        session = cls(
            scenario,
            game,
            saves,
            teams,
            show_red_lines=meta.get("show_red_lines") is not False,
            timer_minutes=float(minutes) if isinstance(minutes, int | float) else 0,
        )
        from redline.session.planned import PLAN_KEY, apply_plan, plan_from_meta

        plan = plan_from_meta(meta.get(PLAN_KEY))
        if plan is not None and plan.scenario == scenario.id:
            apply_plan(session, plan)
            session.show_red_lines = meta.get("show_red_lines") is not False
            if isinstance(minutes, int | float):
                session.timer.set(float(minutes))
        odds = meta.get("show_odds")
        session.show_odds = odds if isinstance(odds, bool) else session.show_odds
        return session

    def meta(self) -> dict[str, Any]:
        """What the save keeps of the session besides the actions: seats and settings."""
        from redline.session.planned import plan_meta

        return {
            "teams": dict(self.teams),
            "roles": [
                {
                    "id": s.role,
                    "name": s.name,
                    "played_by": self.player(s.role),
                }
                for s in self.seats()
            ],
            "red_cell": self.game.red_cell,
            "show_red_lines": self.show_red_lines,
            "timer_minutes": self.timer.minutes,
            **({"show_odds": self.show_odds} if self.show_odds is not None else {}),
            **({"plan": plan_meta(self.plan)} if self.plan is not None else {}),
        }

    def report(self, turn: int) -> list[Section]:
        """The shared screen's report: the room's, never the facilitator's record."""
        from redline.session.report import report_for_turn

        return report_for_turn(self.game, turn, public=True)

    # ---- seats -----------------------------------------------------------------------------

    def seats(self) -> list[Seat]:
        return [
            Seat(r.id, r.name, r.description, self.teams.get(r.id), r.red_cell)
            for r in self.scenario.roles.values()
        ]

    @property
    def red_cell_role(self) -> str | None:
        return next((r.id for r in self.scenario.roles.values() if r.red_cell), None)

    def player(self, role: str | None) -> str:
        """Who plays `role`: a team's name, the facilitator, or (Moscow, no red cell) the game."""
        if not role:
            return FACILITATOR
        if role == self.red_cell_role and not self.game.red_cell:
            return AUTOMATIC
        return self.teams.get(role) or FACILITATOR

    def role_name(self, role: str | None) -> str:
        if not role:
            return "the room"
        found = self.scenario.roles.get(role)
        return found.name if found else role

    def actor(self) -> str | None:
        """The role whose move it is: the current card's, Moscow's for a red cell's signal or
        response, NO_ROLE for a card without one; None when nobody is to move."""
        from redline.engine import KREMLIN, SIGNAL

        state = self.state
        if state.phase in (SIGNAL, KREMLIN):
            return self.red_cell_role or NO_ROLE
        card = state.card
        if card is None:
            return None
        return card.model.role or NO_ROLE

    def needs_handover(self) -> bool:
        actor = self.actor()
        if actor is None:
            return False
        if actor == self.red_cell_role and self.game.red_cell:
            return self.red_cell_since != (self.state.turn, self.state.phase)
        return actor != self.handed_to

    def hand_over(self) -> None:
        """The next role has the keyboard (the hand-over screen was confirmed)."""
        self.handed_to = self.actor()
        if self.handed_to == self.red_cell_role:
            self.red_cell_since = (self.state.turn, self.state.phase)

    # ---- playing ---------------------------------------------------------------------------

    def decide(self, option_id: str, by: str | None = None) -> Decided:
        """Decide the current card for its role (or for `by`: the facilitator who closed a vote
        against the count), with the votes and the note waiting for it."""
        from redline.engine import Decide, IllegalAction

        votes, self.pending_votes = self.pending_votes, None
        card = self.state.card
        if card is None:
            raise IllegalAction("no decision is due now")
        action = Decide(
            card.id, option_id, by=by or card.model.role or "facilitator", votes=votes, note=self.pending_note
        )
        decided = self._play(action)
        self.pending_note = None
        return decided

    def can_undo(self) -> bool:
        """The players take back their own last decision, never a facilitator's action."""
        from redline.engine import Decide

        return self.game.can_undo() and isinstance(self.game.actions[-1], Decide)

    def signal(self, responses: tuple[str, ...]) -> Decided:
        from redline.engine import Signal

        return self._play(Signal(tuple(responses)))

    def respond(self, response: str | None) -> Decided:
        from redline.engine import Respond

        return self._play(Respond(response))

    def _play(self, action: Action) -> Decided:
        """Apply a move of the players; autosave when it closed a turn."""
        before = self.state.turn
        events = self.game.apply(action)
        after = self.state
        ended = after.turn != before or after.is_over
        self.timer.follow(after.turn)
        error = self.autosave() if ended else None
        last = after.turn if after.is_over else after.turn - 1
        return Decided(
            events, before, ended, after.is_over, error, tuple(range(before, last + 1)) if ended else ()
        )

    # ---- the facilitator -------------------------------------------------------------------

    def inject(self, event_id: str, when: str = "", reason: str = "") -> str:
        """Fire `event_id` now, or schedule it (`when` is a turn number, "" or "now").
        Returns what happened, in words; raises IllegalAction (nothing changes)."""
        from redline.engine import Inject

        event_id = pick(event_id, event_choices(self.scenario), "event")
        event = self.scenario.event_by_id[event_id]
        turn = parse_turn(when, self.state.turn, self.scenario.info.turn_label)
        self.game.apply(Inject(event_id, turn, reason.strip() or None))
        if turn is None:
            return f"{event.model.title}: fired now"
        return f"{event.model.title}: scheduled for {self.scenario.info.turn_label.lower()} {turn}"

    def override(self, target: str, value: str, reason: str) -> str:
        """Set a meter, flag or ally's support. A reason is required. Raises IllegalAction
        (nothing changes) with a message for the facilitator."""
        from redline.engine import IllegalAction, Override

        if not reason.strip():
            raise IllegalAction(
                "An override needs a reason: write why, for the record and the debrief. Nothing was changed."
            )
        choices = targets(self)
        target = pick(
            target, [(t, (label, label.removesuffix(" (support)"))) for t, label, _ in choices], "target"
        )
        parsed = parse_value(self.scenario, target, value)
        events = self.game.apply(Override(target, parsed, reason.strip()))
        # The value the target took: the engine holds a number to the target's range.
        taken = next((e.after for e in events if e.kind == "override" and e.after is not None), parsed)
        shown = ("yes" if taken else "no") if isinstance(taken, bool) else f"{taken:g}"
        if not isinstance(parsed, bool) and f"{taken:g}" != f"{round(parsed, 2):g}":
            shown += f" (asked {parsed:g}, the {'top' if taken < parsed else 'bottom'} of its range)"
        label = next(label for t, label, _ in choices if t == target)
        return f"{label} set to {shown}"

    def note(self, text: str, attach_to_next: bool) -> str:
        """A note for the record: the next decision's rationale, or a note now after the last."""
        from redline.engine import IllegalAction, Note

        text = text.strip()
        if not text:
            raise IllegalAction("The note is empty.")
        if attach_to_next:
            self.pending_note = text
            return "kept for the next decision"
        # A note written now is the facilitator's own: never credit it to the last team to decide.
        self.game.apply(Note(text, "facilitator"))
        return "recorded"

    def rewindable(self) -> list[tuple[int, int]]:
        """(turn, actions that a rewind to its start would cut off), for each turn that can
        be gone back to: every earlier turn, and this one when something was done in it."""
        game = self.game
        starts = sorted(game.turn_starts().items())
        return [(turn, len(game.actions) - index) for turn, index in starts if len(game.actions) > index]

    def rewind(self, turn: int, name: str = "") -> Branch:
        """Back to the start of `turn`; the line cut off is kept as a branch. Autosaves."""
        branch = self.game.rewind(turn, name.strip() or None)
        self.handed_to = None
        self.red_cell_since = None
        self.pending_votes = None
        self.timer.move = None  # the move rewound to starts with a full timer
        self.timer.set(self.timer.minutes)
        self.timer.follow(self.state.turn)
        self.autosave()
        return branch

    # ---- saving ----------------------------------------------------------------------------

    @property
    def autosave_path(self) -> Path:
        if self.kept_at is not None:
            return self.kept_at
        return self.saves / f"{AUTOSAVE_PREFIX}facilitated-{self.scenario.id}.json"

    def autosave(self) -> str | None:
        """Write the session's autosave; returns the error message instead of raising. A
        written one is where the game is kept (`kept_in`), as for a game played alone, so that
        the questions before quitting or starting anew say what is true of it."""
        return self.save_to(self.autosave_path, {"label": self.label})

    def save_to(self, path: Path, meta: dict[str, Any]) -> str | None:
        extra = self.more_meta() if self.more_meta is not None else {}
        return super().save_to(path, {**meta, **extra, META_KEY: self.meta()})


# ---- reading the facilitator's typing ------------------------------------------------------------


def parse_turn(text: str, current: int, unit: str = "turn") -> int | None:
    """None (fire now) for "", "now" or the current turn; else the turn number typed. `unit` is
    the scenario's word for a turn ("month"), as the message says it."""
    from redline.engine import IllegalAction

    text = text.strip().lower()
    if text in ("", "now"):
        return None
    try:
        turn = int(text)
    except ValueError:
        raise IllegalAction(
            f"'{text}' is not a {unit.lower()}'s number: leave it empty (now) or give a number"
        ) from None
    return None if turn == current else turn


def parse_value(scenario: Scenario, target: str, text: str) -> float | bool:
    """The value typed for `target`: yes/no for a flag, a number otherwise."""
    from redline.engine import IllegalAction

    word = text.strip().lower()
    if target in scenario.flags:
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise IllegalAction(f"'{text.strip()}': a flag takes yes or no")
    try:
        return float(word)
    except ValueError:
        raise IllegalAction(f"'{text.strip()}' is not a number") from None


def targets(session: Session) -> list[tuple[str, str, str]]:
    """(target id, label, current value) of everything an override can set."""
    sc = session.scenario
    state = session.state
    out = []
    for mid, meter in sc.meters.items():
        out.append((mid, meter.label, f"{state.meters[mid]:g}"))
    for fid, flag in sc.flags.items():
        out.append((fid, flag.label or fid, "yes" if state.flags[fid] else "no"))
    for aid, ally in sc.allies.items():
        now = "left" if aid in state.out else f"{state.support[aid]:g}"
        out.append((f"ally.{aid}", f"{ally.name} (support)", now))
    return out


def event_choices(scenario: Scenario) -> list[tuple[str, tuple[str]]]:
    """The events an inject may fire, in the order the facilitator's screen numbers them."""
    return [(e, (ev.model.title,)) for e, ev in scenario.event_by_id.items()]


def signal_choices(session: FacilitatedSession) -> list[CResponse]:
    """What Moscow may signal now: its reachable responses and those of the next rung up."""
    state = session.state
    sc = session.scenario
    out = list(state.reachable_responses())
    nxt = sc.rungs[min(state.rung + 1, len(sc.rungs) - 1)]
    out += [r for r in nxt.responses if r not in out]
    return out
