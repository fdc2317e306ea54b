"""Automatic players for playthroughs. Each picks one of `state.legal_actions()`.

Their chance comes from their own seeded stream, never from the game's, so a policy's
choice never changes what the game's dice say.
"""

from __future__ import annotations

from collections.abc import Callable

from redline.engine import Action, Decide, State
from redline.engine import rng as rngmod

Policy = Callable[[State, list[Action], "PolicyRng"], Action]

HAWK_TAGS = {"robust": 2.0, "escalatory": 1.0, "boots_on_ground": 1.0, "deterrence": 1.0}
DOVE_TAGS = {"restraint": 2.0, "legal": 1.0, "multilateral": 1.0, "diplomatic": 1.0, "escalatory": -2.0}


class PolicyRng:
    __slots__ = ("state",)

    def __init__(self, seed: int) -> None:
        self.state = rngmod.seed_state(seed ^ 0x5DEECE66D)

    def random(self) -> float:
        self.state, x = rngmod.draw(self.state)
        return x

    def choice(self, items: list[Action]) -> Action:
        return items[int(self.random() * len(items))]


def random_policy(state: State, legal: list[Action], r: PolicyRng) -> Action:
    return r.choice(legal)


def _lookahead(state: State, legal: list[Action], value: Callable[[State], float], r: PolicyRng) -> Action:
    # The trial games roll the policy's own dice, the same for every option: a copy of the
    # state would otherwise roll the game's coming dice and let the policy see its future.
    dice = rngmod.seed_state(int(r.random() * (1 << 53)))
    best, best_v = legal[0], float("-inf")
    for a in legal:
        trial = state.clone()
        trial.rng = dice
        trial.apply_quiet(a)
        v = value(trial)
        if v > best_v:
            best, best_v = a, v
    return best


def greedy_policy(state: State, legal: list[Action], r: PolicyRng) -> Action:
    """Maximise the scenario's score formula one step ahead."""
    return _lookahead(state, legal, lambda s: s.score, r)


def cautious_policy(state: State, legal: list[Action], r: PolicyRng) -> Action:
    """Keep Kremlin escalation as low as possible one step ahead."""
    esc = state.scenario.escalation
    return _lookahead(state, legal, lambda s: -s.meters[esc], r)


def _tag_policy(weights: dict[str, float]) -> Policy:
    def policy(state: State, legal: list[Action], r: PolicyRng) -> Action:
        card = state.card
        if card is None:
            return r.choice(legal)
        best: list[Action] = []
        best_v = float("-inf")
        for a in legal:
            assert isinstance(a, Decide)
            tags = card.option_by_id[a.option].model.tags
            v = sum(weights.get(t, 0.0) for t in tags)
            if v > best_v:
                best, best_v = [a], v
            elif v == best_v:
                best.append(a)
        return r.choice(best)

    return policy


POLICIES: dict[str, Policy] = {
    "random": random_policy,
    "greedy": greedy_policy,
    "cautious": cautious_policy,
    "hawk": _tag_policy(HAWK_TAGS),
    "dove": _tag_policy(DOVE_TAGS),
}


def policy_names() -> str:
    return ", ".join([*POLICIES, "rollout:N"])


class PolicyError(ValueError):
    """A policy name that names none."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"policy '{name}': {reason}")
        self.name = name
        self.reason = reason


def policy_by_name(name: str) -> Policy:
    """A named policy, or `rollout:N` (redline.sim.rollout); PolicyError for any other name."""
    policy = POLICIES.get(name)
    if policy is not None:
        return policy
    from redline.sim.rollout import parse_rollout, rollout_policy

    try:
        n = parse_rollout(name)
    except ValueError as exc:
        raise PolicyError(name, str(exc)) from None
    if n is None:
        raise PolicyError(name, f"invalid choice (choose from {policy_names()})")
    return rollout_policy(n)
