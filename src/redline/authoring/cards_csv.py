"""Cards as a spreadsheet: `redline cards export` and `redline cards import`.

One row per option. The card's own columns (file, card, topic, title, text, role, when,
weight, priority, repeatable, card_more) are filled on its first row and left empty on the
rows of its other options; the option's columns (option, label, option_text, option_when,
tags, effects, option_more) are on every row. `tags` are separated by spaces; `effects` is
`target: amount` pairs separated by commas (`escalation: 5, deployed: true`); `card_more`
and `option_more` hold whatever else a card or option has (sources, outcomes, delayed
consequences, ...) as a YAML flow mapping, so a round trip loses nothing.

Import checks every row — with the same models the loader uses — then the scenario as it
would be after the import (loaded in a temporary copy), before it writes anything; each
problem is reported as `FILE.csv:LINE: message`, at the row of its card or option.
"""

from __future__ import annotations

import csv
import io
import itertools
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from redline.content import models as m
from redline.content.compiled import Scenario
from redline.content.errors import ContentErrors
from redline.content.yamlread import read_yaml
from redline.plural import counted
from redline.textsafe import sheet_cell, sheet_text

CARD_COLUMNS = [
    "file",
    "card",
    "topic",
    "title",
    "text",
    "role",
    "when",
    "weight",
    "priority",
    "repeatable",
    "card_more",
]
OPTION_COLUMNS = ["option", "label", "option_text", "option_when", "tags", "effects", "option_more"]
COLUMNS = CARD_COLUMNS + OPTION_COLUMNS
CARD_PLAIN = ("topic", "title", "text", "role", "when", "weight", "priority", "repeatable")
OPTION_PLAIN = {"label": "label", "option_text": "text", "option_when": "when"}
MAX_CELL = 100_000  # characters: a bound on what one cell may hold
MAX_ROWS = 20_000  # options, one a row: a few thousand cards, in bounded time and memory
MAX_PROBLEMS = 100  # reported; the rest of a sheet that wrong is not listed


class CardsCsvError(Exception):
    """Problems with a spreadsheet, one `FILE.csv:LINE: message` a line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


# ---- export ---------------------------------------------------------------------------------


def _whole(value: Any) -> Any:
    """Whole numbers as integers (`-4`, not the model's `-4.0`), at any depth."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dict):
        return {k: _whole(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole(v) for v in value]
    return value


def _flow(data: dict[str, Any]) -> str:
    """A one-line YAML flow mapping without its braces (`a: 1, b: x`)."""
    if not data:
        return ""
    text = yaml.safe_dump(
        _whole(data), default_flow_style=True, allow_unicode=True, width=1_000_000, sort_keys=False
    )
    return text.strip()[1:-1].strip()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(_whole(value))


def export_cards(scenario: Scenario) -> str:
    """The scenario's cards as CSV text."""
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    folder = Path(scenario.folder).resolve()
    for card in scenario.cards:
        place = scenario.places.get(("cards", card.id))
        file = Path(place.file).resolve() if place else folder / "cards.yaml"
        try:
            file_name = str(file.relative_to(folder))
        except ValueError:
            file_name = file.name  # a pack's file
        data = card.model.model_dump(exclude_defaults=True)
        options = data.pop("options")
        first = {"file": file_name, "card": data.pop("id")}
        for key in CARD_PLAIN:
            if key in data:
                first[key] = _cell(data.pop(key))
        first["card_more"] = _flow(data)
        for i, option in enumerate(options):
            row = dict(first) if i == 0 else {"card": first["card"]}
            row["option"] = option.pop("id")
            for column, key in OPTION_PLAIN.items():
                if key in option:
                    row[column] = _cell(option.pop(key))
            row["tags"] = " ".join(option.pop("tags", []))
            row["effects"] = _flow(option.pop("effects", {}))
            row["option_more"] = _flow(option)
            writer.writerow({k: sheet_cell(v) for k, v in row.items()})  # never a formula
    return out.getvalue()


# ---- import ---------------------------------------------------------------------------------


@dataclass
class _Card:
    line: int
    file: str
    data: dict[str, Any]
    options: list[tuple[int, dict[str, Any]]]


def _parse_flow(text: str, where: str, problems: list[str]) -> dict[str, Any]:
    """A YAML flow mapping cell, read by the content reader itself (safe, bounded)."""
    if not text.strip():
        return {}
    with tempfile.TemporaryDirectory(prefix="redline-cell-") as tmp:
        path = Path(tmp) / "cell.yaml"
        path.write_text("{" + text.replace("\n", " ") + "}\n", encoding="utf-8")
        try:
            data, _, _ = read_yaml(path)
        except ContentErrors as exc:
            problems.append(f"{where}: cannot read '{text[:60]}': {exc.errors[0].message}")
            return {}
    if not isinstance(data, dict):  # pragma: no cover - braces always make a mapping
        problems.append(f"{where}: expected `key: value` pairs")
        return {}
    return data


def _scalar(column: str, text: str) -> Any:
    if column == "priority":
        return int(text)
    if column == "repeatable":
        if text.lower() not in ("true", "false"):
            raise ValueError("must be true or false")
        return text.lower() == "true"
    if column == "weight":
        try:
            return float(text) if "." in text or "e" in text.lower() else int(text)
        except ValueError:
            return text  # an expression
    return text


def import_cards(csv_path: Path) -> dict[str, list[dict[str, Any]]]:
    """The cards of a spreadsheet, by target file: {"cards.yaml": [card, ...]}. Raises
    CardsCsvError with every problem found."""
    name = str(csv_path)
    from redline import safeio

    try:  # a regular file of at most 16 MB: a pipe, a device or a huge file is refused unread
        raw = safeio.read_bytes(csv_path, 16 * 2**20)
    except OSError as exc:
        raise CardsCsvError([f"{name}: cannot read: {exc.strerror or exc}"]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CardsCsvError([f"{name}:1: not UTF-8 text (save the sheet as CSV UTF-8)"]) from None
    problems: list[str] = []
    # strict: a quote left open is an error, not a cell that swallows the rest of the sheet
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        raise CardsCsvError([f"{name}:1: {_csv_problem(exc)}"]) from None
    missing = [c for c in ("card", "option", "label") if c not in (fieldnames or [])]
    if missing:
        raise CardsCsvError(
            [f"{name}:1: missing {'column' if len(missing) == 1 else 'columns'}: {', '.join(missing)}"]
        )
    unknown = [c for c in reader.fieldnames or [] if c not in COLUMNS]
    if unknown:
        problems.append(
            f"{name}:1: unknown {'column' if len(unknown) == 1 else 'columns'}: {', '.join(unknown)} (known: {', '.join(COLUMNS)})"
        )
    cards: dict[str, _Card] = {}
    order: list[str] = []
    started = [reader.line_num + 1]  # the line the row being read starts on
    try:
        rows = list(itertools.islice(_rows(reader, started), MAX_ROWS + 1))
    except csv.Error as exc:
        raise CardsCsvError([f"{name}:{started[0]}: {_csv_problem(exc)}"]) from None
    if len(rows) > MAX_ROWS:
        raise CardsCsvError([f"{name}:{rows[-1][0]}: more than {MAX_ROWS:,} rows; split the sheet"])
    for line, row in rows:
        where = f"{name}:{line}"
        if any(len(v or "") > MAX_CELL for v in row.values()):
            problems.append(f"{where}: a cell is over {MAX_CELL} characters")
            continue
        cid = (row.get("card") or "").strip()
        if not cid:
            problems.append(f"{where}: no card id")
            continue
        card_cells = {c: (row.get(c) or "").strip() for c in CARD_COLUMNS if c not in ("card",)}
        if cid not in cards:
            data: dict[str, Any] = {"id": cid}
            for column in CARD_PLAIN:
                if card_cells.get(column):
                    try:
                        data[column] = _scalar(column, card_cells[column])
                    except ValueError as exc:
                        problems.append(f"{where}: {column}: {exc}")
            data.update(_parse_flow(card_cells.get("card_more", ""), f"{where}: card_more", problems))
            cards[cid] = _Card(line, card_cells.get("file") or "cards.yaml", data, [])
            order.append(cid)
        elif any(card_cells.get(c) for c in CARD_COLUMNS if c not in ("card",)):
            first = cards[cid].line
            problems.append(
                f"{where}: card '{cid}' already started on line {first}: leave its card columns empty here"
            )
        option: dict[str, Any] = {"id": (row.get("option") or "").strip()}
        for column, key in OPTION_PLAIN.items():
            if (row.get(column) or "").strip():
                option[key] = row[column].strip()
        tags = (row.get("tags") or "").split()
        if tags:
            option["tags"] = tags
        effects = _parse_flow(row.get("effects") or "", f"{where}: effects", problems)
        if effects:
            option["effects"] = effects
        option.update(_parse_flow(row.get("option_more") or "", f"{where}: option_more", problems))
        cards[cid].options.append((line, option))
    by_file = CardsByFile()
    by_file.sheet = name
    for cid in order:
        card = cards[cid]
        options = [_ordered(o, m.Option) for _, o in card.options]
        data = _ordered({**card.data, "options": options}, m.Card)
        try:
            m.Card.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors(include_url=False)[:10]:
                loc = err["loc"]
                line = card.line
                if (
                    len(loc) >= 2
                    and loc[0] == "options"
                    and isinstance(loc[1], int)
                    and loc[1] < len(card.options)
                ):
                    line = card.options[loc[1]][0]
                what = ".".join(str(p) for p in loc if not str(p).startswith(("constrained", "function")))
                problems.append(f"{name}:{line}: card '{cid}': {what}: {err['msg']}")
            continue
        if (
            Path(card.file).is_absolute()
            or ".." in Path(card.file).parts
            or not card.file.endswith((".yaml", ".yml"))
        ):
            problems.append(f"{name}:{card.line}: file '{card.file}' must be a .yaml file inside the folder")
            continue
        by_file.setdefault(card.file, []).append(data)
        by_file.lines.setdefault(card.file, []).append((card.line, [line for line, _ in card.options]))
    if problems:
        problems = sorted(problems, key=_line_of)
        if len(problems) > MAX_PROBLEMS:
            rest = len(problems) - MAX_PROBLEMS
            problems = [*problems[:MAX_PROBLEMS], f"{name}: and {counted(rest, 'more problem')}, not listed"]
        raise CardsCsvError(problems)
    if not by_file:
        raise CardsCsvError([f"{name}: no cards"])
    return by_file


class CardsByFile(dict[str, list[dict[str, Any]]]):
    """The cards of a sheet by target file, and where each came from: for each file, per
    card in order, (the line of its first row, [the line of each option's row])."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[str, list[tuple[int, list[int]]]] = {}
        self.sheet = ""  # the sheet as its problems name it


def _csv_problem(exc: csv.Error) -> str:
    """The csv module's complaint in words."""
    text = str(exc)
    if "unexpected end of data" in text or "EOF inside string" in text:
        return "a quote opened on this row is not closed (it runs to the end of the sheet)"
    if "expected after" in text:
        return f'a quoted cell goes on after its closing quote ({text}); double a quote inside a cell ("")'
    return f"not readable as CSV: {text}"


def _line_of(problem: str) -> int:
    head = problem.split(": ", 1)[0]
    number = head.rsplit(":", 1)[-1]
    return int(number) if number.isdigit() else 0


def _ordered(data: dict[str, Any], model: type[m.Model]) -> dict[str, Any]:
    """Keys in the order the reference lists them (unknown keys last, for the error)."""
    order = list(model.model_fields)
    return dict(sorted(data.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))


def _rows(reader: csv.DictReader, started: list[int]) -> Iterable[tuple[int, dict[str, str]]]:
    """Each row with the line it starts on (a cell may span lines); `started[0]` is kept
    at the line of the row being read, for an error in it."""
    started[0] = reader.line_num + 1
    for row in reader:
        if any((v or "").strip() for k, v in row.items() if k is not None):
            # A cell the export kept from being a formula ('=...) reads as it was written.
            yield started[0], {k: sheet_text(v) if isinstance(v, str) else v for k, v in row.items()}
        started[0] = reader.line_num + 1


MODELINE = "# yaml-language-server: $schema="


def cards_yaml(cards: list[dict[str, Any]], source: str, modeline: str = "") -> str:
    body = yaml.safe_dump({"cards": cards}, allow_unicode=True, sort_keys=False, width=100)
    head = f"{modeline}\n" if modeline else ""
    return f"{head}# Imported from {source} by `redline cards import`.\n{body}"


def _modeline(path: Path) -> str:
    """The editor's schema line for a file written at `path`: the one it has now, else the
    one its neighbours have, else one for a `redline.schema.json` beside it (as `redline
    new` writes); empty if none of these is there."""
    candidates = [path, *sorted(path.parent.glob("*.yaml")), *sorted(path.parent.glob("*.yml"))]
    for file in candidates:
        try:
            with file.open(encoding="utf-8") as f:
                first = f.readline(4096).rstrip("\r\n")
        except (OSError, UnicodeDecodeError):
            continue
        if first.startswith(MODELINE):
            return first
    if (path.parent / "redline.schema.json").is_file():
        return f"{MODELINE}redline.schema.json"
    return ""


def _yaml_files(folder: Path) -> list[Path]:
    from redline.content.loader import scenario_files

    return [p for p in scenario_files(folder) if p.is_file()]


def check_scenario(targets: dict[Path, str], by_file: CardsByFile, folder: Path, source: str) -> None:
    """Load the scenario in `folder` as it would be with `targets` written, in a temporary
    copy of its YAML files, and raise CardsCsvError with every error it would have: in a
    written file as `SHEET.csv:LINE` (the row of the card or option), elsewhere as the
    file's own `file:line:col`. A folder with no other YAML file holds no scenario yet:
    only the rows are checked."""
    import os
    import shutil

    from redline.content.catalog import ScenarioNotFound, find_scenario
    from redline.content.errors import ContentErrors
    from redline.content.loader import load_scenario
    from redline.content.sources import seed_dirs

    folder_real = folder.resolve()
    written = {p.parent.resolve() / p.name for p in targets}
    if not any(p.resolve() not in written for p in _yaml_files(folder)):
        return
    with tempfile.TemporaryDirectory(prefix="redline-import-") as tmp:
        copy = Path(tmp) / "scenario"
        for file in _yaml_files(folder):
            rel = (
                file.resolve().relative_to(folder_real)
                if file.resolve().is_relative_to(folder_real)
                else None
            )
            if rel is None:  # a link out of the folder: the loader refuses it where it is
                continue
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, copy / rel)
        for path, text in targets.items():
            rel = (path.parent.resolve() / path.name).relative_to(folder_real)
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            (copy / rel).write_text(text, encoding="utf-8")
        # Sources are looked for around the real folder, not the copy.
        saved = os.environ.get("REDLINE_SEEDS")
        os.environ["REDLINE_SEEDS"] = os.pathsep.join(
            [*(str(d) for d in seed_dirs(folder)), *([saved] if saved else [])]
        )
        try:
            try:  # a pack is loaded over the installed scenario it extends, as `validate` does
                entry = find_scenario(str(copy))
                base, packs = entry.folder, [p for p in entry.packs if p.resolve() != folder_real]
            except ScenarioNotFound:
                base, packs = copy, []
            load_scenario(base, packs, root=copy)
        except ContentErrors as exc:
            errors = [e for e in exc.errors if e.severity == "error"]
        else:
            errors = []
        finally:
            if saved is None:
                os.environ.pop("REDLINE_SEEDS", None)
            else:
                os.environ["REDLINE_SEEDS"] = saved
    if any(e.code == "RL004" and "is a pack for" in e.message for e in errors):
        return  # a pack for a scenario not installed: there is nothing to check it against
    if not errors:
        return
    sheet = by_file.sheet or source
    spans = {name: _spans(targets[folder / name]) for name in by_file}
    problems = []
    for e in errors:
        name = next((n for n in by_file if Path(n) == Path(e.file)), None)
        if name is None:
            problems.append(f"{folder / e.file}:{e.line}:{e.col}: {e.code} {e.message}")
            continue
        line = _sheet_line(spans[name], by_file.lines[name], e.line)
        problems.append(f"{sheet}:{line}: {e.code} {e.message}")
    problems = list(dict.fromkeys(problems))
    if len(problems) > MAX_PROBLEMS:
        rest = len(problems) - MAX_PROBLEMS
        problems = [*problems[:MAX_PROBLEMS], f"{sheet}: and {counted(rest, 'more problem')}, not listed"]
    raise CardsCsvError(problems)


Span = tuple[int, int]


def _spans(text: str) -> list[tuple[Span, list[Span]]]:
    """The lines (1-based, first and last) of each card in a written file, and of each of its options."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    out: list[tuple[Span, list[Span]]] = []
    cards = next((v for k, v in root.value if k.value == "cards"), None) if root is not None else None
    for card in getattr(cards, "value", []):
        options = next((v for k, v in card.value if k.value == "options"), None)
        spans = [(o.start_mark.line + 1, o.end_mark.line + 1) for o in getattr(options, "value", [])]
        out.append(((card.start_mark.line + 1, card.end_mark.line + 1), spans))
    return out


def _sheet_line(spans: list[tuple[Span, list[Span]]], lines: list[tuple[int, list[int]]], at: int) -> int:
    """The sheet's line for a line of a written file: the option's row, else the card's
    first row. A node ends where the next begins, so the last that holds the line wins."""
    pairs = list(zip(spans, lines, strict=False))
    for (card_span, option_spans), (card_line, option_lines) in reversed(pairs):
        if card_span[0] <= at <= card_span[1]:
            for (first, last), line in reversed(list(zip(option_spans, option_lines, strict=False))):
                if first <= at <= last:
                    return line
            return card_line
    return 1


def write_cards(
    by_file: dict[str, list[dict[str, Any]]], folder: Path, source: str, replace: bool
) -> list[Path]:
    """Write every file, or none: the scenario as it would be is checked, then every
    target, before the first is written."""
    from redline import safeio
    from redline.saves import write_atomic

    for path in (folder / name for name in by_file):
        if not path.parent.is_dir():
            raise CardsCsvError([f"{path.parent}: no such folder"])
        if not safeio.inside(path.parent, folder):  # a link to a folder elsewhere
            raise CardsCsvError([f"{path.parent}: leads out of {folder}; nothing written"])
    targets = {
        folder / name: cards_yaml(cards, source, _modeline(folder / name)) for name, cards in by_file.items()
    }
    if isinstance(by_file, CardsByFile):
        check_scenario(targets, by_file, folder, source)
    taken = [p for p in targets if p.exists()]
    if taken and not replace:
        names = ", ".join(str(p) for p in taken)
        verb = "already exists" if len(taken) == 1 else "already exist"
        raise CardsCsvError([f"{names} {verb}: add --replace to overwrite"])
    for path, text in targets.items():
        write_atomic(path, text)
    return list(targets)
