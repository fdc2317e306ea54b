"""The command line. Every command prints a clear message and exits non-zero on bad input.

Exit codes: 0 success, 1 content, save or check failure, 2 usage error.
Textual is imported only by the commands that show the interface.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from redline import __version__
from redline.plural import counted

# Heavy modules (pydantic, the loader, the engine) are imported by the commands that use
# them, so `redline play` shows its first frame sooner.


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"redline: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def default_content_dirs() -> list[Path]:
    from redline.content.catalog import default_content_dirs as dirs

    return dirs()


def find_scenario(name: str, dirs: list[Path] | None):  # noqa: ANN201
    from redline.content.catalog import find_scenario as find

    return find(name, dirs)


def list_scenarios(dirs: list[Path] | None):  # noqa: ANN201
    from redline.content.catalog import list_scenarios as listing

    return listing(dirs)


def load_scenario(folder: Path, packs: tuple[Path, ...] = ()):  # noqa: ANN201
    from redline.content.loader import load_scenario as load

    return load(folder, packs)


def _content_dirs(args: argparse.Namespace) -> list[Path] | None:
    extra = [Path(p) for p in getattr(args, "content", None) or []]
    for p in extra:
        if not p.is_dir():
            raise UsageError(f"--content {p}: no such folder")
    return [*default_content_dirs(), *extra] if extra else None


def _load(name: str, args: argparse.Namespace):
    entry = find_scenario(name, _content_dirs(args))
    return load_scenario(entry.folder, entry.packs), entry


def _seed(value: str) -> int:
    try:
        seed = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if not 0 <= seed < 2**63:
        raise argparse.ArgumentTypeError("a seed must be between 0 and 2**63-1")
    return seed


def _tabs(value: str) -> int:
    """serve's cap on browser tabs: each is a process of its own, so 64 at most."""
    n = _positive(value)
    if n > 64:
        raise argparse.ArgumentTypeError("at most 64 (each tab is a game process)")
    return n


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


MAX_RUNS = 1_000_000  # games in one `simulate`: some minutes on two cores, tens of MB


def _runs(value: str) -> int:
    n = _positive(value)
    if n > MAX_RUNS:
        raise argparse.ArgumentTypeError(f"at most {MAX_RUNS:,} games in one run")
    return n


def _workers(value: str) -> int:
    """A number of processes, or `auto` (0: as many as there are cores)."""
    if value == "auto":
        return 0
    try:
        return _positive(value)
    except argparse.ArgumentTypeError as exc:
        raise argparse.ArgumentTypeError(f"{exc} (or 'auto' for every core)") from None


# ---- commands ----------------------------------------------------------------------------


def cmd_scenarios(args: argparse.Namespace) -> int:
    from redline.content.catalog import content_sources, origin

    entries = list_scenarios(_content_dirs(args))
    sources = content_sources(args.content or ())
    if not entries:
        print("No scenarios installed.")
    else:
        wid = max(len(e.id) for e in entries)
        wtitle = max(len(e.title) for e in entries)
        wlen = max(len(e.length()) for e in entries)
        for e in entries:
            where = origin(e.folder, sources)
            packs = sorted({origin(p, sources) for p in e.packs} - {""})
            if e.packs:
                n = len(e.packs)
                where += f", +{counted(n, 'pack')}" + (f" ({', '.join(packs)})" if packs else "")
            # the id is what `redline play ID` takes; the length in the scenario's own unit
            print(f"{e.id:<{wid}}  {e.length():>{wlen}}  {e.title:<{wtitle}}  {where}".rstrip())
    # Where they came from, and where a player's own scenarios and packs go.
    print("\nFolders, in the order read:")
    wsource = max((len(s.origin) for s in sources), default=0)
    for s in sources:
        note = "" if s.folder.is_dir() else "  (not created yet)"
        print(f"  {s.origin:<{wsource}}  {s.folder}{note}")
    return 0 if entries else 1


def cmd_validate(args: argparse.Namespace) -> int:
    from redline.content.validate import validate_paths

    # `validate --content DIR` checks DIR (with what is installed, for its packs).
    paths = args.paths or args.content or [str(d) for d in default_content_dirs()]
    for p in paths:
        if not Path(p).exists():
            print(f"redline: error: {p}: no such file or folder", file=sys.stderr)
            return 2
    from redline.content.validate import Result
    from redline.exercise.load import check_plan_files, is_plan_file, plan_files_in

    plans = [Path(p) for p in paths if Path(p).is_file() and is_plan_file(Path(p))]
    others = [Path(p) for p in paths if Path(p) not in plans]
    # A folder of session plans (no scenario in it) is checked as plans.
    for folder in [p for p in others if p.is_dir()]:
        found = plan_files_in(folder)
        if found is not None:
            plans += found
            others.remove(folder)
    dirs = _content_dirs(args)
    result = validate_paths(others, warnings=not args.no_warnings, content_dirs=dirs) if others else Result()
    result.plans = [str(p) for p in plans]
    result.errors.extend(check_plan_files(plans, dirs))
    stats = {}
    if args.stats:  # words players read, per file (authoring/stats.py)
        from redline.authoring.stats import format_stats, word_counts

        stats = {folder: word_counts(Path(folder)) for folder in result.scenarios}
    if args.format == "json":
        print(json.dumps({**result.as_json(), **({"stats": stats} if args.stats else {})}, indent=1))
    else:
        for problem in result.problems:
            print(problem)
        print(result.summary())
        for folder, counts in stats.items():
            print("\n".join(format_stats(Path(folder), counts)))
    if result.errors or (args.strict and result.warnings):
        return 1
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from redline.sim import simulate
    from redline.sim.policies import PolicyError, policy_by_name
    from redline.sim.text import format_report

    try:
        policy_by_name(args.policy)
    except PolicyError as exc:
        raise UsageError(f"--policy {exc.name}: {exc.reason}") from None
    scenario, entry = _load(args.scenario, args)
    if args.trace is not None:
        from redline.sim.trace import trace

        print(trace(scenario, args.trace, args.policy))
        return 0
    progress = None
    bar = None
    if sys.stderr.isatty() and not args.quiet:
        from redline.sim.progress import ProgressBar

        bar = ProgressBar(args.runs, f"{scenario.id} × {args.runs}")
        progress = bar.update
    try:
        result = simulate(
            scenario,
            args.runs,
            args.seed,
            args.policy,
            args.workers,
            progress,
            tuple(str(p) for p in entry.packs),
            scheduler=args.scheduler,
        )
    finally:
        if bar:
            bar.close()
    if args.save:
        from redline.engine.game import Game
        from redline.saves import write_save
        from redline.sim import game_seed, play

        seed = game_seed(args.seed, 0)
        _, decisions = play(scenario, seed, args.policy)
        game = Game.start(scenario, seed)
        from redline.engine import Decide

        for card, option, _ in decisions:
            game.apply(Decide(card, option))
        write_save(args.save, game, {"label": f"simulated {args.policy} game"})
    if args.format == "json":
        print(json.dumps(result, indent=1, sort_keys=False))
    else:
        print(format_report(result, scenario.info.turn_label))
    if args.assert_balance:
        from redline.sim.balance import check_gates

        failures = check_gates(scenario, args.seed, args.workers, packs=tuple(str(p) for p in entry.packs))
        for f in failures:
            print(f"balance: FAIL {f}", file=sys.stderr)
        if failures:
            return 1
        print("balance: all gates pass", file=sys.stderr)
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    from redline.saves import read_save, restore

    data = read_save(args.save)
    scenario, _ = _load(data.scenario, args)
    restored = restore(data, scenario)
    msg = restored.message(args.save)
    state = restored.game.state
    sc = scenario
    print(f"{sc.title} — seed {data.seed}, {counted(len(data.actions), 'move')}")
    print(f"{sc.info.turn_label} {state.turn} of {sc.turns}")
    from redline.report.words import num

    rows: list[tuple[str, float]] = []
    for mid, meter in sc.meters.items():
        rows.append((meter.label, state.meters[mid]))
    rows.append(("Allied cohesion", state.cohesion))
    wide = max(len(label) for label, _ in rows)
    for label, value in rows:  # as the game shows them (40, 78.13), in one column
        print(f"  {label:<{wide}}  {num(value):>6}")
    gone = [sc.allies[a].name for a in state.out]
    if gone:
        print(f"Left the coalition: {', '.join(gone)}")
    if state.crossed:
        print("Red lines crossed: " + ", ".join(r.model.label for r in sc.red_lines if r.id in state.crossed))
    if state.ending:
        print(f"Ending: {state.ending.model.title} — score {state.score:g}")
    else:
        print(f"In progress — score so far {state.score:g}")
    if msg:
        print(msg, file=sys.stderr)
        return 1
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    plain = getattr(args, "plain", False)
    if plain and (args.watch or args.facilitate or args.plan):  # never silently left out
        raise UsageError("--plain plays one game alone: not with --watch, --facilitate or --plan")
    load = args.load
    if args.from_save or args.turn is not None:  # test from here (authoring/from_here.py)
        from redline.authoring.from_here import FromError, save_from
        from redline.saves import saves_dir

        if not args.from_save or args.turn is None or args.load:
            raise UsageError("--from SAVE and --turn N go together, without --load")
        try:
            path, note = save_from(
                Path(args.from_save), args.turn, saves_dir(args.saves), _content_dirs(args)
            )
        except FromError as exc:
            print(f"redline: error: {exc}", file=sys.stderr)
            return 1
        print(f"Playing from turn {args.turn}: {path}" + (f"\n{note}" if note else ""), file=sys.stderr)
        load = str(path)
    if plain:  # line mode: screen readers, scripts, pipes (plain.py)
        from redline.plain import run_plain

        return run_plain(args.scenario, args.seed, load, _content_dirs(args), args.saves)
    from redline.tui.app import run_app

    return run_app(
        scenario=args.scenario,
        seed=args.seed,
        load=load,
        content_dirs=_content_dirs(args),
        saves=args.saves,
        watch=args.watch,
        facilitate=args.facilitate,
        plan=args.plan,
    )


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {port} is out of range (1-65535)")
    return port


def cmd_report(args: argparse.Namespace) -> int:
    from redline.report import ReportError, report_command

    try:
        return report_command(
            args.save, args.format, args.output, _content_dirs(args), summary=args.summary, force=args.force
        )
    except ReportError as exc:
        print(f"redline: error: {exc}", file=sys.stderr)
        return exc.code


def cmd_deck(args: argparse.Namespace) -> int:
    from redline.report import ReportError, deck_command

    plan = None
    if bool(args.scenario) == bool(args.plan):
        print("redline: error: deck needs a SCENARIO or --plan FILE (one of them)", file=sys.stderr)
        return 2
    if args.plan:
        from redline.exercise.cli import read_plan

        plan = read_plan(Path(args.plan), _content_dirs(args))
        if plan is None:
            return 1
    try:
        return deck_command(
            args.scenario, args.output, _content_dirs(args), effects=args.effects, plan=plan, force=args.force
        )
    except ReportError as exc:
        print(f"redline: error: {exc}", file=sys.stderr)
        return exc.code


def cmd_serve(args: argparse.Namespace) -> int:
    from redline.serve import ServeError, serve

    play: list[str] = []
    if args.scenario:
        find_scenario(args.scenario, _content_dirs(args))  # a typo fails here, not in the browser
        play.append(args.scenario)
    for folder in args.content or []:
        play += ["--content", str(Path(folder).resolve())]
    if args.saves:
        play += ["--saves", str(Path(args.saves).resolve())]
    if args.facilitate:
        play.append("--facilitate")
    command = None
    if args.join:  # every browser tab is a seat's client of one hosted session
        from redline.host.client import JoinError, ws_url

        try:
            ws_url(args.join)
        except JoinError as exc:
            raise UsageError(str(exc)) from None
        command = shlex.join([sys.executable, "-m", "redline", "join", args.join])
    try:
        return serve(args.host, args.port, play, args.public_url, args.max_connections, command)
    except ServeError as exc:
        print(f"redline: error: {exc}", file=sys.stderr)
        return exc.code


def cmd_test(args: argparse.Namespace) -> int:
    from redline.content.errors import ContentErrors
    from redline.sim.scenario_tests import run_tests

    names = args.scenarios or [e.id for e in list_scenarios(_content_dirs(args))]
    passed = failed = 0
    for name in names:
        try:
            scenario, _ = _load(name, args)
        except ContentErrors as exc:
            for e in exc.errors:
                print(e)
            from redline.report.words import counted  # loaded only on this error path

            print(f"FAIL {name}: {counted(len(exc.errors), 'content error')}; run `redline validate`")
            failed += 1
            continue
        results = run_tests(scenario)
        if not results:
            print(f"{scenario.id}: no tests (add them under `scenario:` as `tests:`)")
        for r in results:
            print(r.report(verbose=args.verbose))
            passed += r.passed
            failed += not r.passed
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from redline.content.schema import schema_text

    text = schema_text()
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return 0
    from redline.saves import write_atomic

    parent = Path(args.output).parent
    if not parent.is_dir():  # like `report -o`: a typo in the path creates no folders
        print(f"redline: error: -o {args.output}: the folder '{parent}' does not exist", file=sys.stderr)
        return 2
    try:
        write_atomic(Path(args.output), text)
    except OSError as exc:
        print(f"redline: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"Wrote the content schema to {args.output}", file=sys.stderr)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from redline.content.scaffold import FILES, ScaffoldError, new_scenario

    name = _new_name(args.kind, args.name)
    parent = Path(args.dir) if args.dir else _new_scenario_parent()
    try:
        taken = [e.id for e in list_scenarios(None)]  # an id that clashes would hide one of them
        folder = new_scenario(name, parent, taken)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    except ScaffoldError as exc:
        print(f"redline: {exc}", file=sys.stderr)
        return 1
    print(f"Created {folder}/ with {', '.join(FILES)}.")
    print("Next:")
    for step in ("validate", "test", "simulate --trace 1", "play"):
        cmd, _, rest = step.partition(" ")
        print(f"  redline {cmd} {folder}{' ' + rest if rest else ''}")
    return 0


def _new_name(kind: str | None, name: str | None) -> str:
    """The NAME of `redline new scenario NAME`, or of `redline new NAME` for short."""
    form = "give it as `redline new scenario NAME` (or `redline new NAME`)"
    if name is None:
        if kind is None or kind == "scenario":
            raise UsageError(f"new: the new scenario's id is missing: {form}")
        return kind
    if kind != "scenario":
        raise UsageError(f"new: '{kind}' is not something `new` creates (only a scenario): {form}")
    return name


def _new_scenario_parent() -> Path:
    """`content/scenarios` in a checkout, else the user folder, where `redline scenarios`
    finds it by id."""
    from redline import places

    return Path("content/scenarios") if places.checkout() else places.user_scenarios()


COMMANDS = {
    "scenarios": cmd_scenarios,
    "validate": cmd_validate,
    "simulate": cmd_simulate,
    "replay": cmd_replay,
    "play": cmd_play,
    "test": cmd_test,
    "schema": cmd_schema,
    "new": cmd_new,
}
COMMANDS.update(report=cmd_report, deck=cmd_deck, serve=cmd_serve)


def cmd_forecast(args: argparse.Namespace) -> int:  # the odds of each option (sim/cli_forecast.py)
    from redline import cli_forecast

    return cli_forecast.run(args, _load)


COMMANDS.update(forecast=cmd_forecast)


def cmd_exercise(args: argparse.Namespace) -> int:
    from redline.exercise.cli import run

    return run(args)


# ---- one session, many screens (redline.host) ----------------------------------------------------


def cmd_host(args: argparse.Namespace) -> int:
    from redline.host.cli_host import run

    return run(args, _content_dirs(args))


def cmd_join(args: argparse.Namespace) -> int:
    from redline.host.cli_join import run

    return run(args)


def cmd_analyze(args: argparse.Namespace) -> int:
    from redline.cli_analyze import run

    return run(args)


COMMANDS.update(plan=cmd_exercise, msel=cmd_exercise, brief=cmd_exercise)
COMMANDS["analyze"] = cmd_analyze
COMMANDS.update(host=cmd_host, join=cmd_join)


def _authoring(args: argparse.Namespace) -> int:
    from redline.authoring.cli_authoring import run

    return run(
        args,
        lambda name, a: find_scenario(name, _content_dirs(a)),
        lambda a: list_scenarios(_content_dirs(a)),
    )


COMMANDS.update(lsp=_authoring, graph=_authoring, where=_authoring, cards=_authoring)


class _Version(argparse.Action):
    """`--version`, with whether the engine is compiled (redline/native.py): worked out only
    when asked, as it imports the engine."""

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kw: Any) -> None:
        from redline import native

        print(f"redline {__version__} (engine: {native.build()})")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="redline", description="A reassurance force for Ukraine, under Moscow's red lines.")
    parser.add_argument(
        "--version", action=_Version, nargs=0, help="show the version and how the engine runs"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def content_opt(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--content", action="append", metavar="DIR", help="extra content folder (pack); repeatable"
        )

    p = sub.add_parser("play", help="play in the terminal (the default)")
    p.add_argument("scenario", nargs="?", help="scenario id (default: choose on the title screen)")
    p.add_argument("--seed", type=_seed, default=None)
    p.add_argument("--load", metavar="SAVE", help="continue a saved game")
    p.add_argument(
        "--saves",
        metavar="DIR",
        help="folder for saves (default $REDLINE_SAVES, else ./saves in a checkout or the user data folder)",
    )
    p.add_argument("--watch", action="store_true", help="reload content when a file changes")
    p.add_argument("--facilitate", action="store_true", help="run a facilitated tabletop session")
    p.add_argument("--from", dest="from_save", metavar="SAVE", help="test from here: a save, replayed ...")
    p.add_argument("--turn", type=_positive, metavar="N", help="... up to the start of turn N, then play on")
    p.add_argument("--plan", metavar="FILE", help="with --facilitate: start the session a plan sets up")
    p.add_argument("--plain", action="store_true", help="plain lines: numbered choices, no escape codes")
    content_opt(p)

    p = sub.add_parser("scenarios", help="list installed scenarios")
    content_opt(p)

    p = sub.add_parser("validate", help="check content: exit 0 clean, 1 errors, 2 usage")
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="scenario or content folders (default: shipped content)"
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--no-warnings", action="store_true", help="report errors only")
    p.add_argument("--strict", action="store_true", help="warnings fail too")
    p.add_argument("--stats", action="store_true", help="also count the words players read, file by file")
    content_opt(p)

    p = sub.add_parser("simulate", help="play many headless games and report balance and coverage")
    p.add_argument("scenario")
    p.add_argument("--runs", type=_runs, default=1000, help=f"games to play (1 to {MAX_RUNS:,})")
    p.add_argument("--seed", type=_seed, default=1)
    p.add_argument(
        "--policy",
        default="random",
        metavar="POLICY",
        help="random (default), greedy, cautious, hawk, dove, or rollout:N (N random games per option)",
    )
    p.add_argument(
        "--workers",
        type=_workers,
        default=0,
        metavar="N",
        help="processes to play in (default: every core); the report is the same for any N",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="play on the Dask cluster at ADDRESS (pip install 'redline[cluster]'); the same report",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--save", metavar="FILE", help="write the first game as a save")
    p.add_argument(
        "--assert", dest="assert_balance", action="store_true", help="check the scenario's balance gates"
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument(
        "--trace", type=_seed, metavar="SEED", help="play one game from SEED and explain it turn by turn"
    )
    content_opt(p)

    from redline.cli_analyze import add_parser as add_analyze

    add_analyze(sub)

    p = sub.add_parser("test", help="run the scenarios' own YAML tests (scenario.tests)")
    p.add_argument("scenarios", nargs="*", metavar="SCENARIO", help="ids or folders (default: all installed)")
    p.add_argument("--verbose", "-v", action="store_true", help="show what each test played")
    content_opt(p)

    p = sub.add_parser("schema", help="print the JSON Schema of content files")
    p.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead (atomically)")

    p = sub.add_parser(
        "new",
        help="create a new scenario that validates and plays",
        usage="redline new scenario NAME [--dir DIR]   (or: redline new NAME)",
    )
    # `new scenario NAME`, or `new NAME` for short: a scenario is all `new` creates.
    p.add_argument("kind", nargs="?", metavar="scenario", help="what to create (a scenario; may be left out)")
    p.add_argument("name", nargs="?", metavar="NAME", help="the scenario id, e.g. border_watch")
    p.add_argument(
        "--dir",
        help="parent folder (default: content/scenarios in a checkout, else the user scenario folder)",
    )

    p = sub.add_parser("replay", help="re-run a save and print the summary")
    p.add_argument("save")
    content_opt(p)

    p = sub.add_parser("report", help="after-action report of a save (Markdown or HTML; CSV or JSON data)")
    p.add_argument("save", metavar="SAVE")
    p.add_argument("--format", choices=("md", "html", "csv", "json"), default="md")
    p.add_argument(
        "--summary", action="store_true", help="the participants' two-page summary (with --format html)"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    p.add_argument("--force", action="store_true", help="-o may replace the save it reads, or a save")
    content_opt(p)

    p = sub.add_parser("deck", help="printable cards of a scenario (HTML with a print stylesheet)")
    p.add_argument("scenario", metavar="SCENARIO", nargs="?")
    p.add_argument(
        "--plan", metavar="FILE", help="the plan's scenario; the scoring card names who plays Moscow"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    p.add_argument("--effects", action="store_true", help="the facilitator's copy: show every effect")
    p.add_argument("--force", action="store_true", help="-o may replace a content file or a save")
    content_opt(p)

    p = sub.add_parser("serve", help="play in a browser (textual-serve)")
    p.add_argument("scenario", nargs="?", help="scenario id (default: choose on the title screen)")
    p.add_argument("--port", type=_port, default=8000)
    p.add_argument(
        "--host", "--bind", default="127.0.0.1", help="address to listen on (default: this machine only)"
    )
    p.add_argument("--public-url", metavar="URL", help="only behind a proxy: the address browsers use")
    p.add_argument("--join", metavar="URL", help="serve the seat client of the session hosted at URL")
    p.add_argument(
        "--max-connections",
        type=_tabs,
        default=16,
        metavar="N",
        help="most browser tabs at once, each a game process (1 to 64)",
    )
    p.add_argument(
        "--saves",
        metavar="DIR",
        help="folder for saves (default $REDLINE_SAVES, else ./saves in a checkout or the user data folder)",
    )
    p.add_argument("--facilitate", action="store_true", help="run a facilitated tabletop session")
    content_opt(p)

    from redline import cli_forecast  # `redline forecast SAVE`

    cli_forecast.add_parser(sub, content_opt)

    from redline.exercise.cli import add_parsers as exercise_parsers
    from redline.host.cli_host import add_parser as add_host
    from redline.host.cli_join import add_parser as add_join

    exercise_parsers(sub, content_opt)
    add_host(sub, _port, content_opt)
    add_join(sub)

    # Authoring tools: lsp, graph, where, cards (src/redline/authoring/cli_authoring.py)
    from redline.authoring.cli_authoring import add_parsers

    add_parsers(sub, content_opt)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv or argv[0].startswith("--") and argv[0] not in ("--help", "--version"):
        argv = ["play", *argv]
    # Everything a command prints is cleaned of terminal controls: a message may quote a
    # file name, an argument, a value or a line of content, and none of it may drive the
    # terminal. The interface draws its screen on sys.__stderr__, which stays as it was;
    # `serve` (the browser view) is left with the streams as they were.
    from redline.textsafe import CleanStream

    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = CleanStream(out), CleanStream(err, keep_cr=True)  # type: ignore[assignment]
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            args = parser.parse_args(["play"])
        if args.command == "serve":
            sys.stdout, sys.stderr = out, err
        return _run(args)
    finally:
        sys.stdout, sys.stderr = out, err


def _run(args: argparse.Namespace) -> int:
    from redline.native import stale_on_disk

    stale = stale_on_disk()
    if stale:  # an edited engine file over its old compiled build: old rules, or a crash
        print(
            f"redline: the compiled engine is older than its source ({', '.join(stale)}): "
            "run `make` (or `pip install -e .`) to rebuild it",
            file=sys.stderr,
        )
        return 1
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"redline: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("redline: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:
        code = _known_failure(exc)
        if code is None:
            raise
        return code


def _known_failure(exc: Exception) -> int | None:
    """Print a content, save or lookup failure as a message; its module is loaded by now."""
    errors = sys.modules.get("redline.content.errors")
    catalog = sys.modules.get("redline.content.catalog")
    saves = sys.modules.get("redline.saves")
    workers = sys.modules.get("redline.sim.workers")
    if workers is not None and isinstance(exc, workers.ClusterError):
        print(f"redline: error: {exc}", file=sys.stderr)
        return exc.code
    if errors is not None and isinstance(exc, errors.ContentErrors):
        for e in exc.errors:
            print(e, file=sys.stderr)
        from redline.report.words import counted  # loaded only on this error path

        print(f"redline: {counted(len(exc.errors), 'content error')}", file=sys.stderr)
        return 1
    if saves is not None and isinstance(exc, saves.SaveError):
        print(f"redline: {exc}", file=sys.stderr)
        return 1
    if catalog is not None and isinstance(exc, catalog.ScenarioNotFound):
        print(f"redline: error: {exc}", file=sys.stderr)
        return 2
    return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
