"""The MSEL as a spreadsheet: a plan's injects out to CSV and back.

Facilitators keep their master scenario events list in a spreadsheet, so the columns are the
ones they use. A row's `inject` is an event of the scenario (its id or its title) or, when it
names none, a free-text inject. Import checks every row and writes nothing unless all are good;
a problem is reported as FILE.csv:LINE.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from redline import textsafe
from redline.content.compiled import Scenario
from redline.exercise.model import EVERYONE, Plan, PlannedInject, find_role
from redline.plural import counted

COLUMNS = ("number", "turn", "inject", "from", "to", "expected_action", "notes")
# Headers as spreadsheets write them ("Expected action", "Turn/Time", "No.") map to our columns.
ALIASES = {
    "no": "number",
    "no.": "number",
    "#": "number",
    "n": "number",
    "turn/time": "turn",
    "month": "turn",
    "time": "turn",
    "expected action": "expected_action",
    "expected": "expected_action",
    "to (seat)": "to",
}
MAX_ROWS = 500
MAX_BYTES = 2 * 2**20


class MselError(Exception):
    """A CSV that cannot become a plan's injects; each line is FILE:LINE: problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def _event_label(scenario: Scenario, event_id: str) -> str:
    """An event as a facilitator reads it: its title when no other event shares it."""
    title = scenario.event_by_id[event_id].model.title
    same = [e for e in scenario.events if e.model.title.casefold() == title.casefold()]
    return title if len(same) == 1 else event_id


def export_csv(plan: Plan, scenario: Scenario) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for inj in sorted(plan.injects, key=lambda i: (i.turn, i.number)):
        inject = _event_label(scenario, inj.event) if inj.event else inj.text or ""
        writer.writerow(
            [
                inj.number,
                inj.turn,
                _cell(inject),
                _cell(inj.sender),
                inj.to,
                _cell(inj.expected_action),
                _cell(inj.notes),
            ]
        )
    return out.getvalue()


def _cell(text: str) -> str:
    return textsafe.sheet_cell(text)  # never a formula to a spreadsheet


def _uncell(text: str) -> str:
    return textsafe.sheet_text(text)


@dataclass(frozen=True)
class _Row:
    line: int
    cells: dict[str, str]
    formulas: tuple[str, ...] = ()  # text columns written as a spreadsheet formula, unquoted


# The columns whose text the plan keeps as written (the room, a brief or the console reads it).
TEXT_COLUMNS = ("inject", "from", "expected_action", "notes")


def _looks_like_formula(cell: str) -> bool:
    """A cell a spreadsheet would take for a formula (`=1+1`, `@SUM(A1)`), not quoted with a
    leading ' as `msel export` writes it. A plain number (`-3`) is not one."""
    text = cell.strip()
    if not text.startswith(textsafe.FORMULA_START):
        return False
    try:
        float(text)
    except ValueError:
        return True
    return False


def read_rows(data: bytes, shown: str) -> list[_Row]:
    if len(data) > MAX_BYTES:
        raise MselError([f"{shown}:1: the file is larger than {MAX_BYTES // 2**20} MB"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MselError([f"{shown}:1: not UTF-8 text (save the spreadsheet as CSV UTF-8)"]) from None
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[_Row] = []
    header: list[str] | None = None
    try:
        for cells in reader:
            line = reader.line_num
            if header is None:
                header = [ALIASES.get(c.strip().lower(), c.strip().lower().replace(" ", "_")) for c in cells]
                missing = [c for c in ("turn", "inject") if c not in header]
                unknown = [c for c in header if c and c not in COLUMNS]
                problems = []
                if missing:
                    problems.append(
                        f"{shown}:{line}: missing {'column' if len(missing) == 1 else 'columns'}: {', '.join(missing)}"
                    )
                if unknown:
                    problems.append(
                        f"{shown}:{line}: unknown {'column' if len(unknown) == 1 else 'columns'}: {', '.join(unknown)}"
                        f" (columns: {', '.join(COLUMNS)})"
                    )
                if problems:
                    raise MselError(problems)
                continue
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise MselError([f"{shown}:{line}: more than {MAX_ROWS} injects"])
            if len(cells) > len(header):
                raise MselError(
                    [f"{shown}:{line}: {counted(len(cells), 'cell')}, but the header has {len(header)}"]
                )
            pairs = [(h, c) for h, c in zip(header, cells, strict=False) if h]
            formulas = tuple(h for h, c in pairs if h in TEXT_COLUMNS and _looks_like_formula(c))
            rows.append(_Row(line, {h: _uncell(c.strip()) for h, c in pairs}, formulas))
    except csv.Error as exc:
        raise MselError([f"{shown}:{reader.line_num}: {exc}"]) from None
    if header is None:
        raise MselError([f"{shown}:1: the file is empty (expected a header: {', '.join(COLUMNS)})"])
    return rows


_TURN = re.compile(r"^(?:month|week|turn|m|w|t)?\s*(\d{1,3})\b", re.IGNORECASE)


def import_csv(
    data: bytes, shown: str, plan: Plan, scenario: Scenario, warnings: list[str] | None = None
) -> Plan:
    """The plan with its injects replaced by the CSV's rows; MselError lists every bad row.
    A text cell written as a spreadsheet formula (`=1+1`) is kept as the text written, and
    `warnings` gets a FILE:LINE line for it: the room would read that text as it is."""
    rows = read_rows(data, shown)
    by_title: dict[str, list[str]] = {}
    for ev in scenario.events:
        by_title.setdefault(ev.model.title.casefold(), []).append(ev.id)
    roles = scenario.roles
    problems: list[str] = []
    injects: list[PlannedInject] = []
    used: set[int] = set()
    next_number = 1
    for row in rows:
        where = f"{shown}:{row.line}"
        c = row.cells
        for column in row.formulas:
            if warnings is not None:
                cell = c.get(column, "")
                shown_cell = cell if len(cell) <= 40 else cell[:39] + "…"
                warnings.append(
                    f"{where}: warning: the {column.replace('_', ' ')} cell '{shown_cell}' looks like a "
                    "spreadsheet formula; imported as that text, which is what the room would read"
                )
        turn_text = c.get("turn", "")
        m = _TURN.match(turn_text)
        if not m:
            problems.append(f"{where}: turn '{turn_text}' is not a {scenario.info.turn_label.lower()} number")
            continue
        turn = int(m.group(1))
        if not 1 <= turn <= scenario.info.turns:
            problems.append(f"{where}: turn {turn} is outside 1-{scenario.info.turns}")
            continue
        number_text = c.get("number", "")
        if number_text:
            if not number_text.isdigit() or not 1 <= int(number_text) <= 999:
                problems.append(f"{where}: number '{number_text}' is not a whole number from 1 to 999")
                continue
            number = int(number_text)
        else:
            while next_number in used:
                next_number += 1
            number = next_number
        if number in used:
            problems.append(f"{where}: inject number {number} is used twice")
            continue
        used.add(number)
        inject = c.get("inject", "")
        if not inject:
            problems.append(f"{where}: the inject is empty (an event's title or id, or a text)")
            continue
        to = c.get("to", "") or EVERYONE
        to_id = _role_id(to, roles)
        if to_id is None:
            problems.append(f"{where}: unknown seat '{to}' (use a role: {', '.join(roles)}, or 'all')")
            continue
        event: str | None = None
        if inject in scenario.event_by_id:
            event = inject
        else:
            ids = by_title.get(inject.casefold(), [])
            if len(ids) > 1:
                problems.append(f"{where}: several events are titled '{inject}': use one of {', '.join(ids)}")
                continue
            event = ids[0] if ids else None
        for key, limit in (("from", 80), ("expected_action", 500), ("notes", 1000)):
            if len(c.get(key, "")) > limit:
                problems.append(f"{where}: '{key}' is longer than {limit} characters")
        if event is None and len(inject) > 2000:
            problems.append(f"{where}: the inject text is longer than 2000 characters")
            continue
        injects.append(
            PlannedInject.model_validate(
                {
                    "number": number,
                    "turn": turn,
                    "event": event,
                    "text": None if event else inject,
                    "from": c.get("from", ""),
                    "to": to_id,
                    "expected_action": c.get("expected_action", ""),
                    "notes": c.get("notes", ""),
                }
            )
        )
    if problems:
        raise MselError(problems)
    # Free-text injects keep the changes they had in the plan (a spreadsheet has no column for them).
    kept = {(i.number, i.text): i for i in plan.injects if i.text is not None and i.changes}
    merged = [
        i.model_copy(
            update={"changes": kept[(i.number, i.text)].changes, "reason": kept[(i.number, i.text)].reason}
        )
        if (i.number, i.text) in kept
        else i
        for i in injects
    ]
    return plan.model_copy(update={"injects": merged})


def _role_id(text: str, roles: dict) -> str | None:
    if " ".join(text.split()).casefold() in (EVERYONE, "everyone", "room", "all seats"):
        return EVERYONE
    return find_role(text, roles)


def read_bytes(path: Path) -> bytes:
    """A CSV's bytes: a regular file no larger than a MSEL can be (safeio refuses the rest)."""
    from redline import safeio

    return safeio.read_bytes(path, MAX_BYTES)
