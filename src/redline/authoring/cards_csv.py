"""Cards as a spreadsheet: `redline cards export` and `redline cards import`.

One row per option. The card's own columns (file, card, topic, title, text, role, when,
weight, priority, repeatable, card_more) are filled on its first row and left empty on the
rows of its other options; the option's columns (option, label, option_text, option_when,
tags, effects, option_more) are on every row. `tags` are separated by spaces; `effects` is
`target: amount` pairs separated by commas (`escalation: 5, deployed: true`); `card_more`
and `option_more` hold whatever else a card or option has (sources, outcomes, delayed
consequences, ...) as a YAML flow mapping, so a round trip loses nothing.

Import checks every row — with the same models the loader uses — before it writes
anything; each problem is reported as `FILE.csv:LINE: message`.
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


def _flow(data: dict[str, Any]) -> str:
    """A one-line YAML flow mapping without its braces (`a: 1, b: x`)."""
    if not data:
        return ""
    text = yaml.safe_dump(data, default_flow_style=True, allow_unicode=True, width=1_000_000, sort_keys=False)
    return text.strip()[1:-1].strip()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


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
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in ("card", "option", "label") if c not in (reader.fieldnames or [])]
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
    try:
        rows = list(itertools.islice(_rows(reader), MAX_ROWS + 1))
    except csv.Error as exc:
        raise CardsCsvError([f"{name}:{reader.line_num}: {exc}"]) from None
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
    by_file: dict[str, list[dict[str, Any]]] = {}
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
    if problems:
        problems = sorted(problems, key=_line_of)
        if len(problems) > MAX_PROBLEMS:
            rest = len(problems) - MAX_PROBLEMS
            problems = [*problems[:MAX_PROBLEMS], f"{name}: and {counted(rest, 'more problem')}, not listed"]
        raise CardsCsvError(problems)
    if not by_file:
        raise CardsCsvError([f"{name}: no cards"])
    return by_file


def _line_of(problem: str) -> int:
    head = problem.split(": ", 1)[0]
    number = head.rsplit(":", 1)[-1]
    return int(number) if number.isdigit() else 0


def _ordered(data: dict[str, Any], model: type[m.Model]) -> dict[str, Any]:
    """Keys in the order the reference lists them (unknown keys last, for the error)."""
    order = list(model.model_fields)
    return dict(sorted(data.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))


def _rows(reader: csv.DictReader) -> Iterable[tuple[int, dict[str, str]]]:
    """Each row with the line it starts on (a cell may span lines)."""
    start = reader.line_num + 1
    for row in reader:
        if any((v or "").strip() for k, v in row.items() if k is not None):
            # A cell the export kept from being a formula ('=...) reads as it was written.
            yield start, {k: sheet_text(v) if isinstance(v, str) else v for k, v in row.items()}
        start = reader.line_num + 1


def cards_yaml(cards: list[dict[str, Any]], source: str) -> str:
    body = yaml.safe_dump({"cards": cards}, allow_unicode=True, sort_keys=False, width=100)
    return f"# Imported from {source} by `redline cards import`.\n{body}"


def write_cards(
    by_file: dict[str, list[dict[str, Any]]], folder: Path, source: str, replace: bool
) -> list[Path]:
    """Write every file, or none: all targets are checked before the first is written."""
    from redline.saves import write_atomic

    targets = {folder / name: cards_yaml(cards, source) for name, cards in by_file.items()}
    taken = [p for p in targets if p.exists()]
    if taken and not replace:
        names = ", ".join(str(p) for p in taken)
        raise CardsCsvError([f"{names} already exist(s): add --replace to overwrite"])
    from redline import safeio

    for path in targets:
        if not path.parent.is_dir():
            raise CardsCsvError([f"{path.parent}: no such folder"])
        if not safeio.inside(path.parent, folder):  # a link to a folder elsewhere
            raise CardsCsvError([f"{path.parent}: leads out of {folder}; nothing written"])
    for path, text in targets.items():
        write_atomic(path, text)
    return list(targets)
