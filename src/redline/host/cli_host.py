"""`redline host SCENARIO [--port N] [--bind ADDR] [--saves DIR] [--resume SAVE]`."""

from __future__ import annotations

import argparse
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from redline.serve import LOOPBACK, ServeError, check_port, url_host

DEFAULT_PORT = 8765


# Each connection is a socket and a view sent at every change: a room of screens, not a
# crowd. More than this is a typing slip, said so, never a host without a cap.
MOST_CLIENTS = 1_000


def _seed(value: str) -> int:
    from redline.cli import _seed as seed  # one reading of a seed: what a save can hold

    return seed(value)


def _clients(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if not 1 <= n <= MOST_CLIENTS:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MOST_CLIENTS:,}")
    return n


def add_parser(sub: Any, port_type: Any, content_opt: Any) -> None:
    p = sub.add_parser("host", help="host one facilitated session for many screens (join codes)")
    p.add_argument("scenario", nargs="?", metavar="SCENARIO", help="scenario id (not with --resume)")
    p.add_argument("--port", type=port_type, default=DEFAULT_PORT)
    p.add_argument(
        "--bind",
        default="127.0.0.1",
        metavar="ADDR",
        help="address to listen on (default: this machine only)",
    )
    p.add_argument(
        "--saves", metavar="DIR", help="folder for the session's save (default ./saves or $REDLINE_SAVES)"
    )
    p.add_argument("--resume", metavar="SAVE", help="continue a hosted session from its save")
    p.add_argument(
        "--plan", metavar="FILE", help="start from a session plan (scenario, seats, MSEL, time box)"
    )
    p.add_argument("--no-red-cell", action="store_true", help="Moscow plays itself (no red cell seat)")
    p.add_argument(
        "--seed", type=_seed, default=None, help="the game's seed, 0 to 2**63-1 (default: a fresh one)"
    )
    p.add_argument(
        "--max-clients",
        type=_clients,
        default=64,
        metavar="N",
        help=f"most connections at once (1 to {MOST_CLIENTS:,}; default 64)",
    )
    content_opt(p)


def run(args: argparse.Namespace, content_dirs: list[Path] | None) -> int:
    from redline.host.setup import HostError, new_host, resumed_host
    from redline.saves import saves_dir

    if (bool(args.scenario) + bool(args.resume) + bool(args.plan)) != 1:
        print(
            "redline: error: host needs a SCENARIO, or --resume SAVE, or --plan FILE (one of them, not both)",
            file=sys.stderr,
        )
        return 2
    loaded = None
    if args.plan:
        from redline.exercise.cli import read_plan

        loaded = read_plan(Path(args.plan), content_dirs)
        if loaded is None:
            return 1
    try:
        check_port(args.bind, args.port)
        saves = saves_dir(args.saves)
        if args.resume:
            host = resumed_host(Path(args.resume), saves, content_dirs)
        elif loaded is not None:
            from redline.host.setup import planned_host

            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            path = saves / f"host-{loaded.plan.scenario}-{stamp}.json"
            host = planned_host(loaded, args.seed, path)
        else:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            path = saves / f"host-{args.scenario}-{stamp}.json"
            host = new_host(args.scenario, args.seed, path, content_dirs, red_cell=not args.no_red_cell)
        host.max_clients = args.max_clients
    except (ServeError, HostError) as exc:
        print(f"redline: error: {exc}", file=sys.stderr)
        return getattr(exc, "code", 2)
    host.save()
    if host.save_error:
        print(f"redline: error: {host.save_error}", file=sys.stderr)
        return 1
    url = public_url(args.bind, args.port)
    print_codes(host, url)
    if args.bind not in LOOPBACK:
        print(
            f"redline: warning: listening on {args.bind}: anyone who can reach it can try a code",
            file=sys.stderr,
        )
    from aiohttp import web

    try:
        web.run_app(host.app(), host=args.bind, port=args.port, print=None, handle_signals=True)
    except OSError as exc:
        print(
            f"redline: error: cannot host on {args.bind}:{args.port}: {exc.strerror or exc}", file=sys.stderr
        )
        return 2
    print(stopped_line(host))
    return 0


def stopped_line(host: Any) -> str:
    """What the host says as it stops (Ctrl+C): where the session is kept, and how to go on."""
    host.save()  # every action is saved already: this keeps the timer's last reading too
    if host.save_error:
        return f"redline host: stopped; the last save could not be written: {host.save_error}"
    return (
        f"redline host: stopped; the session is saved in {host.save_path} — "
        f"continue it with: redline host --resume {host.save_path}"
    )


def public_url(bind: str, port: int) -> str:
    """The address other machines use: the bound one, or for "all addresses" this machine's
    address on the network it would route through (no packet is sent to find it)."""
    if bind in ("0.0.0.0", "::", ""):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
                probe.connect(("192.0.2.1", 9))  # a documentation address: nothing is sent
                bind = probe.getsockname()[0]
        except OSError:
            bind = socket.gethostname()
    return f"http://{url_host(bind)}:{port}"


def print_codes(host: Any, url: str) -> None:
    session = host.table.session
    print(f"redline host: {session.scenario.info.title} — {session.turn_label()}")
    print(f"saving every action to {host.save_path} (continue with --resume {host.save_path})")
    print(f"join at {url} with one code per seat:")
    width = max(len(s.name) for s in host.table.seats.values())
    for seat_id, seat in host.table.seats.items():
        code = host.codes[seat_id]
        print(f"  {seat.name:<{width}}  {code}   redline join {url} --code {code}")
    sys.stdout.flush()
