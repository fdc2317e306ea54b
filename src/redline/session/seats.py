"""The seats of a hosted session and who may act now: a team acts only on its own role's
cards, the red cell only on Moscow's moves, the facilitator on the rest; the projector never.

No Textual and no network here: the host calls `play(seat, message)` for every message a
client sends, and this module alone decides whether it is allowed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from redline.engine import IllegalAction

if TYPE_CHECKING:
    from redline.session.facilitated import FacilitatedSession

FACILITATOR, TEAM, RED_CELL, PROJECTOR = "facilitator", "team", "red_cell", "projector"


@dataclass(frozen=True)
class Seat:
    """A place at the table: `id` is what the join code stands for."""

    id: str
    kind: str  # facilitator, team, red_cell or projector
    role: str | None = None  # the scenario's role, for a team and the red cell
    name: str = ""


def seats_of(session: FacilitatedSession) -> list[Seat]:
    """The facilitator, one team per role (not Moscow's), the red cell if any, the projector."""
    out = [Seat(FACILITATOR, FACILITATOR, None, "Facilitator")]
    for seat in session.seats():
        if seat.red_cell:
            if session.game.red_cell:
                out.append(Seat(RED_CELL, RED_CELL, seat.role, seat.name))
            continue
        out.append(Seat(f"team:{seat.role}", TEAM, seat.role, session.player(seat.role)))
    out.append(Seat(PROJECTOR, PROJECTOR, None, "Projector"))
    return out


@dataclass
class Vote:
    """A vote the facilitator opened on the current card: each team's choice, by seat."""

    card: str
    ballots: dict[str, str] = field(default_factory=dict)  # seat id -> option id

    def tally(self, options: list[str]) -> tuple[tuple[str, int], ...]:
        counts = {o: 0 for o in options}
        for option in self.ballots.values():
            counts[option] = counts.get(option, 0) + 1
        return tuple(counts.items())

    def winner(self, options: list[str]) -> str:
        """The option with most votes; a tie goes to the one listed first on the card."""
        tally = self.tally(options)
        return max(tally, key=lambda kv: (kv[1], -options.index(kv[0])))[0]


class Table:
    """A facilitated session and its seats: the one place that says who may do what."""

    def __init__(self, session: FacilitatedSession) -> None:
        self.session = session
        self.seats = {s.id: s for s in seats_of(session)}
        self.vote: Vote | None = None

    def may_decide(self, seat: Seat) -> bool:
        """The current card is this seat's: its team's role, or no role and the facilitator."""
        card = self.session.state.card
        if card is None or self.vote is not None:
            return False
        role = card.model.role or None
        if seat.kind == TEAM:
            return role is not None and role == seat.role
        return seat.kind == FACILITATOR and role is None

    def play(self, seat: Seat, message: Mapping[str, Any]) -> str:
        """Carry out one message of `seat`; returns what happened, in words. Raises
        IllegalAction (nothing changes) when the seat may not do it now."""
        kind = message.get("type")
        if seat.kind == PROJECTOR:
            raise IllegalAction("the projector only watches")
        handler = {
            TEAM: {"decide": self._decide, "vote": self._ballot},
            RED_CELL: {"signal": self._signal, "respond": self._respond},
            FACILITATOR: {
                "decide": self._decide,
                "open_vote": self._open_vote,
                "close_vote": self._close_vote,
                "inject": self._inject,
                "override": self._override,
                "note": self._note,
                "rewind": self._rewind,
                "timer": self._timer,
                "red_lines": self._red_lines,
                "bulletin": self._bulletin,
                "deliver": self._deliver,
                "adjudicate": self._adjudicate,
                "observe": self._observe,
            },
        }[seat.kind].get(kind if isinstance(kind, str) else "")
        if handler is None:
            raise IllegalAction(f"a {seat.kind.replace('_', ' ')} cannot '{kind}'")
        return handler(seat, message)

    # ---- the players -----------------------------------------------------------------------

    def _decide(self, seat: Seat, message: Mapping[str, Any]) -> str:
        if not self.may_decide(seat):
            raise IllegalAction("it is not your decision now")
        self.session.decide(self._check_option(_text(message, "option")))
        return "decided"

    def _option(self, typed: str) -> str:
        """The option of the current card that `typed` names: its id, the number every screen
        shows it under (1 for the first), or its label in any case."""
        from redline.session.naming import pick

        card = self.session.state.card
        choices = [(o.id, (o.model.label,)) for o in card.options] if card else []
        return pick(typed, choices, "option", "on this card")

    def _check_option(self, typed: str) -> str:
        """The option's id; a plain refusal for an option that is not there or is locked (never
        the raw condition that locks it: a seat reads the scenario's own words or nothing)."""
        state = self.session.state
        card = state.card
        option_id = self._option(typed)
        option = card.option_by_id[option_id] if card else None
        if option is not None and not state.available(option):
            raise IllegalAction(option.model.locked_text or "that option is locked now")
        return option_id

    def _ballot(self, seat: Seat, message: Mapping[str, Any]) -> str:
        card = self.session.state.card
        if self.vote is None or card is None or card.id != self.vote.card:
            raise IllegalAction("no vote is open")
        self.vote.ballots[seat.id] = self._option(_text(message, "option"))
        return "vote cast"

    def _signal(self, seat: Seat, message: Mapping[str, Any]) -> str:
        from redline.engine import SIGNAL

        if self.session.state.phase != SIGNAL:
            raise IllegalAction("Moscow's signals are not due now")
        chosen = message.get("responses")
        if not isinstance(chosen, list) or not all(isinstance(r, str) for r in chosen):
            raise IllegalAction("'responses' must be a list of response ids")
        self.session.signal(tuple(chosen))
        return "signalled"

    def _respond(self, seat: Seat, message: Mapping[str, Any]) -> str:
        from redline.engine import KREMLIN

        if self.session.state.phase != KREMLIN:
            raise IllegalAction("Moscow's response is not due now")
        response = message.get("response")
        if response is not None and not isinstance(response, str):
            raise IllegalAction("'response' must be a response id or null")
        self.session.respond(response or None)
        return "responded"

    # ---- the facilitator -------------------------------------------------------------------

    def _open_vote(self, seat: Seat, message: Mapping[str, Any]) -> str:
        card = self.session.state.card
        if card is None:
            raise IllegalAction("no decision is due: nothing to vote on")
        self.vote = Vote(card.id)
        return "vote open"

    def _close_vote(self, seat: Seat, message: Mapping[str, Any]) -> str:
        card = self.session.state.card
        vote = self.vote
        if vote is None or card is None:
            raise IllegalAction("no vote is open")
        options = [o.id for o in card.options]
        counted = vote.winner(options)
        named = message.get("option")
        chosen = self._check_option(str(named)) if named else counted
        # The count decides for the card's role; an option the facilitator names against the
        # count, or a vote nobody cast, is the facilitator's decision, never credited to a team
        # that did not choose it (or never joined).
        counts = dict(vote.tally(options))
        against = bool(vote.ballots) and counts[chosen] < counts[counted]  # a tie broken is not
        facilitators = against or not vote.ballots
        self.vote = None
        self.session.pending_votes = vote.tally(options)
        try:
            self.session.decide(chosen, by=FACILITATOR if facilitators else None)
        except IllegalAction:
            self.vote = vote  # nothing changed: the vote stays open
            raise
        finally:
            self.session.pending_votes = None
        return "vote closed: the facilitator decided against the count" if against else "vote closed"

    def _inject(self, seat: Seat, message: Mapping[str, Any]) -> str:
        return self.session.inject(
            _text(message, "event"), str(message.get("when") or ""), str(message.get("reason") or "")
        )

    def _override(self, seat: Seat, message: Mapping[str, Any]) -> str:
        return self.session.override(
            _text(message, "target"), str(message.get("value", "")), str(message.get("reason") or "")
        )

    def _note(self, seat: Seat, message: Mapping[str, Any]) -> str:
        return self.session.note(_text(message, "text"), bool(message.get("attach")))

    def _rewind(self, seat: Seat, message: Mapping[str, Any]) -> str:
        turn = message.get("turn")
        if not isinstance(turn, int) or isinstance(turn, bool):
            raise IllegalAction("'turn' must be a number")
        label = self.session.scenario.info.turn_label.lower()
        if turn not in dict(self.session.rewindable()):
            raise IllegalAction(f"{label} {turn} cannot be gone back to")
        self.vote = None
        self.session.rewind(turn, str(message.get("name") or ""))
        return f"rewound to the start of {label} {turn}"

    def _timer(self, seat: Seat, message: Mapping[str, Any]) -> str:
        minutes = message.get("minutes")
        if isinstance(minutes, int | float) and not isinstance(minutes, bool):
            self.session.timer.set(min(float(minutes), 24 * 60))
            if not self.session.timer.is_set:  # 0 (or less) takes the timer away
                return "timer removed"
        if message.get("run") is not None:
            self.session.timer.start() if message.get("run") else self.session.timer.pause()
        return self.session.timer.describe()

    def _red_lines(self, seat: Seat, message: Mapping[str, Any]) -> str:
        self.session.show_red_lines = bool(message.get("shown"))
        return "red lines shown" if self.session.show_red_lines else "red lines hidden"

    # ---- rulings: free-text injects, off-card proposals, the hot-wash -----------------------

    def _bulletin(self, seat: Seat, message: Mapping[str, Any]) -> str:
        from redline.session.rulings import bulletin

        self._playing("send an inject")
        return bulletin(
            self.session,
            _text(message, "text"),
            _opt(message, "to"),
            _opt(message, "changes"),
            _opt(message, "reason"),
            _opt(message, "from"),
        )

    def _deliver(self, seat: Seat, message: Mapping[str, Any]) -> str:
        from redline.session.planned import deliver

        number = message.get("number")
        if not isinstance(number, int) or isinstance(number, bool):
            raise IllegalAction("'number' must be the MSEL number")
        self._playing("deliver an inject")
        return deliver(self.session, number)

    def _adjudicate(self, seat: Seat, message: Mapping[str, Any]) -> str:
        from redline.session.rulings import adjudicate

        self._playing("rule on a proposal")
        odds = message.get("odds")
        return adjudicate(
            self.session,
            _text(message, "proposal"),
            odds if isinstance(odds, int | float) and not isinstance(odds, bool) else _text(message, "odds"),
            _opt(message, "by"),
            _opt(message, "pro"),
            _opt(message, "con"),
            _opt(message, "success"),
            _opt(message, "failure"),
            _opt(message, "reason"),
        )

    def _observe(self, seat: Seat, message: Mapping[str, Any]) -> str:
        from redline.session.rulings import observe

        return observe(self.session, _text(message, "text"), _opt(message, "category"), _opt(message, "by"))

    def _playing(self, what: str) -> None:
        if self.session.state.is_over:
            raise IllegalAction(f"the game is over: rewind first to {what}")


def _opt(message: Mapping[str, Any], key: str) -> str:
    value = message.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise IllegalAction(f"'{key}' must be text")
    return value


def _text(message: Mapping[str, Any], key: str) -> str:
    value = message.get(key)
    if not isinstance(value, str) or not value:
        raise IllegalAction(f"'{key}' must be given as text")
    return value
