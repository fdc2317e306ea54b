"""The Monte Carlo rollout policy, `rollout:N`: foresight by sampling.

For each legal option of the decision at hand it plays N random games on from a copy of
the state, and picks the option whose games end with the best mean score (on a tie, the
first in the card's order).

Each continuation has its own dice: a word derived from the game's seed, the decision's
position in the game (turn, cards still in hand, phase) and the continuation's number. So:
- the look-ahead never touches the game's own stream: it plays copies, reseeded;
- it does not peek at the game's coming dice either: a copy's chance is its own, as a
  player's imagination would be;
- continuation j of every option rolls the same dice (common random numbers), so options
  are compared on the same futures and fewer samples tell them apart;
- the choice is the same for a seed however the games are split between workers.
"""

from __future__ import annotations

from redline.engine import OVER, Action, State
from redline.engine import rng as rngmod
from redline.numeric import running_sum
from redline.sim.policies import Policy, PolicyRng

PREFIX = "rollout:"
_PHASES = {"decisions": 0, "signal": 1, "kremlin": 2}


def derive(*parts: int) -> int:
    """A well-mixed 53-bit word from whole numbers: the same parts, the same word."""
    h = 0x2545F491
    for p in parts:
        _, x = rngmod.draw(rngmod.seed_state(h * 1_000_003 + p))
        h = int(x * 2**53)
    return h


def continuation_seeds(state: State, n: int) -> list[int]:
    """The seeds of the `n` continuations looked at from `state`'s decision."""
    here = derive(state.seed, state.turn, len(state.hand), _PHASES.get(state.phase, 3))
    return [derive(here, j) for j in range(n)]


def play_out(state: State, action: Action, seed: int) -> float:
    """The final score of one random continuation: `action` on a copy of `state`, then
    random play to the end, every roll of dice from `seed`."""
    trial = state.clone()
    trial.rng = rngmod.seed_state(seed)
    trial.apply_quiet(action)
    r = PolicyRng(seed)
    while trial.phase != OVER:
        trial.apply_quiet(r.choice(trial.legal_actions()))
    return trial.score


def rollout_policy(n: int) -> Policy:
    """The policy `rollout:n`."""
    if n < 1:
        raise ValueError("N in rollout:N must be at least 1")

    def policy(state: State, legal: list[Action], r: PolicyRng) -> Action:
        if len(legal) == 1:
            return legal[0]
        seeds = continuation_seeds(state, n)
        best, best_mean = legal[0], float("-inf")
        for action in legal:
            mean = running_sum(play_out(state, action, s) for s in seeds) / n
            if mean > best_mean:  # strictly better: a tie keeps the earlier option
                best, best_mean = action, mean
        return best

    return policy


def parse_rollout(name: str) -> int | None:
    """N of a policy named `rollout:N`; None for another name; ValueError (the reason) when
    N is not a whole number from 1 to 10000."""
    if not name.startswith(PREFIX):
        return None
    tail = name[len(PREFIX) :]
    if not tail.isdigit() or not tail.isascii():
        raise ValueError(f"N in rollout:N must be a whole number, not {repr(tail) if tail else 'empty'}")
    n = int(tail)
    if not 1 <= n <= 10_000:
        raise ValueError("N in rollout:N must be from 1 to 10000 (random games per option)")
    return n
