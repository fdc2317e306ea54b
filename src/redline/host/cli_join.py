"""`redline join URL --code CODE`: a seat's screen of a hosted session."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(sub: Any) -> None:
    p = sub.add_parser("join", help="join a hosted session as one seat (the code the host printed)")
    p.add_argument("url", metavar="URL", help="the host's address, e.g. http://192.168.1.20:8765")
    p.add_argument("--code", default="", help="the seat's join code (asked for when left out)")


def run(args: argparse.Namespace) -> int:
    from redline.host.client import JoinError, ws_url

    try:
        ws_url(args.url)
    except JoinError as exc:
        print(f"redline: error: {exc}", file=sys.stderr)
        return 2
    from redline.tui.join import JoinApp
    from redline.tui.prefs import settings_path

    app = JoinApp(args.url, args.code, settings_file=settings_path())
    app.run()
    if app.failure:
        print(f"redline: error: {app.failure}", file=sys.stderr)
        return 1
    return 0
