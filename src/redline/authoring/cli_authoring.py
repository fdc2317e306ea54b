"""The authoring commands: `lsp`, `graph`, `where`, `cards export|import`.

Registered by `cli.py` with `add_parsers`; each runs from `run`. Imports stay inside the
commands, so `redline play` starts no slower for them.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any


def add_parsers(sub: Any, content_opt: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("lsp", help="language server for scenario authors, for your editor (stdio)")
    p.add_argument("--stdio", action="store_true", help="talk over standard input/output (the default)")


def run(args: argparse.Namespace, load: Callable[..., Any]) -> int:
    if args.command == "lsp":
        from redline.lsp.server import main

        return main()
    raise SystemExit(f"unknown command {args.command}")  # pragma: no cover
