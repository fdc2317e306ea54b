"""The authoring commands: `lsp`, `graph`, `where`, `cards export|import`.

Registered by `cli.py` with `add_parsers`; each runs from `run`. Imports stay inside the
commands, so `redline play` starts no slower for them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def add_parsers(sub: Any, content_opt: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("lsp", help="language server for scenario authors, for your editor (stdio)")
    p.add_argument("--stdio", action="store_true", help="talk over standard input/output (the default)")

    p = sub.add_parser("graph", help="what sets and reads each flag and meter; which cards unlock which")
    p.add_argument("scenario", metavar="SCENARIO")
    p.add_argument("--format", choices=("html", "dot", "svg"), default="html")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    p.add_argument("--force", action="store_true", help="replace FILE even if it is content or a save")
    content_opt(p)

    p = sub.add_parser("cards", help="cards as a spreadsheet: export to CSV, import from CSV")
    cards = p.add_subparsers(dest="cards_command", metavar="export|import", required=True)
    q = cards.add_parser("export", help="write a scenario's cards as CSV, one row per option")
    q.add_argument("scenario", metavar="SCENARIO")
    q.add_argument("-o", "--output", metavar="FILE.csv", help="write to FILE (default: standard output)")
    q.add_argument("--force", action="store_true", help="replace FILE even if it is content or a save")
    content_opt(q)
    q = cards.add_parser("import", help="read cards from CSV and write them as YAML into a folder")
    q.add_argument("csv", metavar="FILE.csv")
    q.add_argument("-o", "--output", metavar="DIR", required=True, help="the folder to write cards.yaml into")
    q.add_argument("--replace", action="store_true", help="overwrite card files that already exist")

    p = sub.add_parser("where", help="every place an id is defined and used (file:line)")
    p.add_argument("id", metavar="ID", help="a meter, flag, ally, card, card.option, event, ending, ... id")
    p.add_argument("scenarios", nargs="*", metavar="SCENARIO", help="ids or folders (default: all installed)")
    content_opt(p)


def run(args: argparse.Namespace, find: Callable[..., Any], listing: Callable[..., Any]) -> int:
    """`find(name, args)` is the CLI's scenario lookup (an Entry); `listing(args)` lists them."""
    if args.command == "lsp":
        from redline.lsp.server import main

        return main()
    if args.command == "graph":
        return _graph(args, find)
    if args.command == "where":
        return _where(args, find, listing)
    if args.command == "cards":
        return _cards(args, find)
    raise SystemExit(f"unknown command {args.command}")  # pragma: no cover


def _write(text: str, output: str | None, what: str, entry: Any = None, force: bool = False) -> int:
    if not output or output == "-":
        sys.stdout.write(text)
        return 0
    from redline.report.commands import ReportError, check_output
    from redline.saves import write_atomic

    # As report and deck: never over the scenario's own files (or a pack's), nor a save,
    # unless --force; then the folder must exist.
    folders = [Path(entry.folder), *map(Path, entry.packs)] if entry is not None else []
    try:
        check_output(output, folders=folders, force=force)
    except ReportError as exc:
        print(f"redline: error: {exc}", file=sys.stderr)
        return exc.code
    path = Path(output)
    try:
        write_atomic(path, text)
    except OSError as exc:
        print(f"redline: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"Wrote {what} to {output}", file=sys.stderr)
    return 0


def _graph(args: argparse.Namespace, find: Callable[..., Any]) -> int:
    from redline.authoring.graph import graph_of, to_dot, to_html, to_svg

    entry = find(args.scenario, args)
    graph = graph_of(entry.folder, entry.packs, entry.title or entry.id)
    if args.format == "dot":
        text = to_dot(graph)
    elif args.format == "svg":
        text, note = to_svg(graph)
        if note:
            print(f"redline: {note}", file=sys.stderr)
    else:
        text = to_html(graph)
    return _write(text, args.output, f"the {args.format} graph of {entry.id}", entry, args.force)


def _where(args: argparse.Namespace, find: Callable[..., Any], listing: Callable[..., Any]) -> int:
    from redline.authoring.index import build_index
    from redline.authoring.where import where

    entries = [find(name, args) for name in args.scenarios] if args.scenarios else listing(args)
    found = False
    for entry in entries:
        lines = where(build_index(entry.folder, list(entry.packs)), args.id)
        if lines:
            found = True
            print(f"{entry.id}:")
            print("\n".join(lines))
    if not found:
        print(f"redline: '{args.id}' is not defined or used in any scenario checked", file=sys.stderr)
        return 1
    return 0


def _cards(args: argparse.Namespace, find: Callable[..., Any]) -> int:
    from redline.authoring.cards_csv import CardsCsvError, export_cards, import_cards, write_cards

    if args.cards_command == "export":
        from redline.content.loader import load_scenario

        entry = find(args.scenario, args)
        text = export_cards(load_scenario(entry.folder, entry.packs))
        return _write(text, args.output, f"the cards of {entry.id}", entry, args.force)
    folder = Path(args.output)
    if not folder.is_dir():
        print(f"redline: error: -o {folder}: no such folder", file=sys.stderr)
        return 2
    try:
        written = write_cards(import_cards(Path(args.csv)), folder, Path(args.csv).name, args.replace)
    except CardsCsvError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("redline: nothing written", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"redline: cannot write into {folder}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"Wrote {path}")
    return 0
