"""The facilitator's files on the command line: `plan new`, `msel export|import`, `brief`.

Each reads what it is given, checks everything, and writes its output atomically; on any
problem it writes nothing, prints one line per problem and exits non-zero (1: a problem in
a file, 2: a usage problem)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

SCHEMA_FILE = Path(__file__).with_name("plan.schema.json")


class ExerciseError(Exception):
    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def plan_schema() -> dict[str, Any]:
    from redline.exercise.model import PlanFile

    schema = PlanFile.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "redline session plan",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def plan_schema_text() -> str:
    return json.dumps(plan_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def add_parsers(sub: Any, content_opt: Any) -> None:
    p = sub.add_parser("plan", help="session plans: `plan new SCENARIO -o FILE`")
    plan_sub = p.add_subparsers(dest="plan_command", metavar="ACTION", parser_class=type(p))
    q = plan_sub.add_parser("new", help="write a plan for SCENARIO that validates as written")
    q.add_argument("scenario", metavar="SCENARIO")
    q.add_argument("-o", "--output", metavar="FILE", required=True, help="the plan file to write")
    q.add_argument("--force", action="store_true", help="replace FILE if it exists")
    content_opt(q)
    q = plan_sub.add_parser("schema", help="print the JSON Schema of plan files")

    p = sub.add_parser("msel", help="the plan's injects as a spreadsheet (CSV): export or import")
    msel_sub = p.add_subparsers(dest="msel_command", metavar="ACTION", parser_class=type(p))
    q = msel_sub.add_parser("export", help="write PLAN's injects as CSV")
    q.add_argument("plan", metavar="PLAN")
    q.add_argument("-o", "--output", metavar="FILE.csv", help="write to FILE.csv (default: standard output)")
    q.add_argument("--force", action="store_true", help="replace FILE.csv if it exists")
    content_opt(q)
    q = msel_sub.add_parser("import", help="a new plan: PLAN with the CSV's injects")
    q.add_argument("csv", metavar="FILE.csv")
    q.add_argument("--plan", required=True, metavar="PLAN", help="the plan the injects go into")
    q.add_argument("-o", "--output", required=True, metavar="NEWPLAN", help="the new plan file")
    q.add_argument("--force", action="store_true", help="replace NEWPLAN if it exists")
    content_opt(q)

    p = sub.add_parser("brief", help="what one seat may know, as a printable page (HTML)")
    p.add_argument("plan", metavar="PLAN")
    p.add_argument(
        "--seat",
        required=True,
        metavar="SEAT",
        help="a role of the scenario, by its id or its name (any case), or 'facilitator'",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    content_opt(p)


def _output(path_text: str | None, force: bool, reads: list[Path]) -> Path | None:
    """Where to write, refused before any work: an existing file needs --force, and the
    files this command reads are never its output."""
    if path_text is None or path_text == "-":
        return None
    path = Path(path_text)
    if path.is_dir():
        raise ExerciseError(f"-o {path_text}: is a folder; give a file name", 2)
    if not path.parent.is_dir():
        raise ExerciseError(f"-o {path_text}: the folder '{path.parent}' does not exist", 2)
    for r in reads:
        if path.exists() and r.exists() and path.resolve() == r.resolve():
            raise ExerciseError(f"-o {path_text}: that is the file being read; write a new file", 2)
    if path.exists() and not force:
        raise ExerciseError(f"-o {path_text}: the file exists; add --force to replace it", 2)
    return path


def _write(text: str, path: Path | None) -> None:
    if path is None:
        sys.stdout.write(text)
        return
    from redline.saves import write_atomic

    try:
        write_atomic(path, text)
    except OSError as exc:
        raise ExerciseError(f"-o {path}: cannot write: {exc.strerror or exc}") from None
    print(f"redline: wrote {path}", file=sys.stderr)


def _content_dirs(args: argparse.Namespace) -> list[Path] | None:
    from redline.cli import _content_dirs as dirs

    return dirs(args)


def _load(path_text: str, args: argparse.Namespace):  # noqa: ANN202
    from redline.exercise.load import load_plan

    path = Path(path_text)
    if not path.is_file():
        raise ExerciseError(f"{path_text}: no such file", 2)
    return load_plan(path, _content_dirs(args), shown=path_text)


def schema_ref() -> str:
    """The modeline's schema: the copy shipped in the package, so a plan may live anywhere."""
    return SCHEMA_FILE.resolve().as_uri()


def plan_yaml(plan: Any) -> str:
    import yaml

    data = {"plan": plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)}
    data["plan"]["scenario"] = plan.scenario  # always said, even though it has no default to differ from
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return f"# yaml-language-server: $schema={schema_ref()}\n{body}"


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except ExerciseError as exc:
        print(f"redline: error: {exc}", file=sys.stderr)
        return exc.code


def _run(args: argparse.Namespace) -> int:
    if args.command == "plan":
        if args.plan_command == "schema":
            sys.stdout.write(plan_schema_text())
            return 0
        if args.plan_command != "new":
            raise ExerciseError("say what to do: `redline plan new SCENARIO -o FILE`", 2)
        from redline.cli import _load as load_scenario_arg
        from redline.exercise.template import plan_text

        out = _output(args.output, args.force, [])
        scenario, _ = load_scenario_arg(args.scenario, args)
        _write(plan_text(scenario, schema_ref()), out)
        return 0
    if args.command == "msel":
        from redline.exercise.msel import MselError, export_csv, import_csv, read_bytes

        if args.msel_command == "export":
            out = _output(args.output, args.force, [Path(args.plan)])
            loaded = _load(args.plan, args)
            _write(export_csv(loaded.plan, loaded.scenario), out)
            return 0
        if args.msel_command == "import":
            out = _output(args.output, args.force, [Path(args.csv), Path(args.plan)])
            loaded = _load(args.plan, args)
            csv_path = Path(args.csv)
            if not csv_path.exists():
                raise ExerciseError(f"{args.csv}: no such file", 2)
            warnings: list[str] = []
            try:
                new = import_csv(read_bytes(csv_path), args.csv, loaded.plan, loaded.scenario, warnings)
            except MselError as exc:
                for line in exc.problems:
                    print(line, file=sys.stderr)
                from redline.report.words import counted  # loaded only on this error path

                print(
                    f"redline: {counted(len(exc.problems), 'problem')} in {args.csv}; nothing written",
                    file=sys.stderr,
                )
                return 1
            except OSError as exc:
                raise ExerciseError(f"{args.csv}: cannot read: {exc.strerror or exc}") from None
            for line in warnings:  # imported all the same: the facilitator checks the text
                print(line, file=sys.stderr)
            _write(plan_yaml(new), out)
            return 0
        raise ExerciseError("say what to do: `redline msel export PLAN` or `redline msel import FILE.csv`", 2)
    if args.command == "brief":
        from redline.exercise.brief import BriefError, build_brief, render_brief

        out = _output(args.output, args.force, [Path(args.plan)])
        loaded = _load(args.plan, args)
        try:
            brief = build_brief(loaded.plan, loaded.scenario, args.seat)
        except BriefError as exc:
            raise ExerciseError(str(exc), 2) from None
        _write(render_brief(brief), out)
        return 0
    raise ExerciseError(f"unknown command {args.command}", 2)  # pragma: no cover


def read_plan(path: Path, content_dirs: list[Path] | None) -> Any:
    """The checked plan for `play --plan` and `host --plan`, or None after printing every
    problem as `validate` does (file:line:col: CODE message): nothing is started."""
    from redline.content.catalog import ScenarioNotFound
    from redline.content.errors import ContentErrors
    from redline.exercise.load import load_plan

    if not path.is_file():
        print(f"redline: error: {path}: no such file", file=sys.stderr)
        return None
    try:
        return load_plan(path, content_dirs, shown=str(path))
    except ContentErrors as exc:
        for error in exc.errors:
            print(str(error), file=sys.stderr)
        from redline.report.words import counted  # loaded only on this error path

        print(f"redline: {counted(len(exc.errors), 'problem')} in {path}; nothing started", file=sys.stderr)
    except (ScenarioNotFound, OSError) as exc:
        print(f"redline: error: {path}: {exc}", file=sys.stderr)
    return None
