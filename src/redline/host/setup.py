"""A host's session: a new one for a scenario, or one resumed from a hosted session's save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from redline.host.codes import new_codes
from redline.host.server import META_KEY, Host
from redline.session.seats import Table, Vote


class HostError(Exception):
    code = 2


def new_host(
    scenario_id: str,
    seed: int | None,
    save_path: Path,
    content_dirs: list[Path] | None,
    red_cell: bool = True,
) -> Host:
    from redline.session.facilitated import FacilitatedSession
    from redline.session.local import find_entry, load_entry

    scenario = load_entry(find_entry(scenario_id, content_dirs))
    teams = {r.id: r.name for r in scenario.roles.values()}
    session = FacilitatedSession.start(scenario, seed, save_path.parent, teams, red_cell=red_cell)
    table = Table(session)
    return Host(table, new_codes(table.seats), save_path)


def resumed_host(path: Path, saves: Path, content_dirs: list[Path] | None) -> Host:
    """The session a hosted save holds, with its codes (so every seat rejoins as it was)."""
    from redline.saves import read_save, restore
    from redline.session.facilitated import META_KEY as SEATS_KEY
    from redline.session.facilitated import FacilitatedSession
    from redline.session.local import find_entry, load_entry

    data = read_save(path)
    hosted = data.meta.get(META_KEY)
    seats = data.meta.get(SEATS_KEY)
    if not isinstance(hosted, dict) or not isinstance(seats, dict):
        raise HostError(f"{path}: not a hosted session's save (start one with redline host SCENARIO)")
    scenario = load_entry(find_entry(data.scenario, content_dirs))
    restored = restore(data, scenario)
    if restored.diverged_at is not None:
        raise HostError(restored.message(path) or f"{path}: the save does not replay")
    session = FacilitatedSession.from_meta(scenario, restored.game, path.parent, seats)
    table = Table(session)
    codes = _codes(hosted.get("codes"), table, path)
    table.vote = _vote(hosted.get("vote"), session)
    return Host(table, codes, path)


def _codes(codes: Any, table: Table, path: Path) -> dict[str, str]:
    if not isinstance(codes, dict) or set(codes) != set(table.seats):
        raise HostError(f"{path}: the save's join codes do not match its seats")
    if not all(isinstance(c, str) and c for c in codes.values()):
        raise HostError(f"{path}: a join code in the save is not text")
    return dict(codes)


def _vote(vote: Any, session: Any) -> Vote | None:
    card = session.state.card
    if not isinstance(vote, dict) or card is None or vote.get("card") != card.id:
        return None
    ballots = vote.get("ballots")
    ok = {str(k): str(v) for k, v in ballots.items()} if isinstance(ballots, dict) else {}
    return Vote(card.id, {k: v for k, v in ok.items() if v in card.option_by_id})
