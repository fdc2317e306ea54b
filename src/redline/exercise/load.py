"""Reading a session plan: the same safe YAML reader and the same file:line:col problems as
content, then every name in the plan checked against its scenario."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from redline.content.catalog import ScenarioNotFound, find_scenario
from redline.content.compiled import Scenario
from redline.content.errors import ContentError, ContentErrors
from redline.content.expr import _suggest
from redline.content.loader import load_scenario
from redline.content.placement import MAX_PROBLEMS, Place, real_path
from redline.content.yamlread import Marks, read_yaml
from redline.exercise.model import EVERYONE, Plan, PlannedInject, Seat


@dataclass(frozen=True)
class LoadedPlan:
    """A plan that checked clean, with the scenario it names."""

    plan: Plan
    scenario: Scenario
    path: Path


def is_plan_file(path: Path) -> bool:
    """Whether a YAML file is a session plan (its top key is `plan:`), judged from its text
    without parsing, so `validate` can route it before reading."""
    from redline import safeio
    from redline.content.yamlread import MAX_BYTES

    try:  # through safeio: a pipe or a device named *.yaml is not opened, a huge file not read
        head = safeio.read_bytes(path, MAX_BYTES)[:4096].decode("utf-8", "replace")
    except OSError:
        return False
    for line in head.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped == "---":
            continue
        return stripped.startswith("plan:")
    return False


def load_plan(path: Path, content_dirs: Iterable[Path] | None = None, shown: str | None = None) -> LoadedPlan:
    """Read and check a plan; raises ContentErrors with every problem found. Seats and injects
    are checked one by one, so a bad row hides neither the others nor the names they use."""
    file = shown or str(path)
    data, values, keys = read_yaml(path, file)
    at = _At(file, values, keys)
    raw = data.get("plan") if isinstance(data, dict) else None
    if not isinstance(raw, dict):
        raise ContentErrors([at.error(("plan",), "RL107", "a plan file holds one `plan:` mapping")])
    extra = [k for k in data if k != "plan"]
    problems: list[ContentError] = [
        ContentError(
            file, *keys.get((k,), (1, 1)), "RL106", f"unknown section '{k}' (a plan file holds `plan:`)"
        )
        for k in extra
    ]

    def check(model: Any, value: Any, prefix: tuple[str | int, ...], partly: bool = False) -> Any:
        """The checked item; or, with `partly`, what of it is sound (for the checks against
        the scenario, so one bad value hides none of the row's other problems); else None."""
        try:
            return model.model_validate(value)
        except ValidationError as exc:
            problems.extend(_with_hints(plan_errors(file, exc, values, keys, prefix, value)))
            return _sound_part(model, value, exc) if partly else None

    lists = {"seats": Seat, "injects": PlannedInject}
    head = check(Plan, {k: ([] if k in lists else v) for k, v in raw.items()}, ("plan",))
    items: dict[str, list[tuple[int, Any]]] = {}
    for name, model in lists.items():
        value = raw.get(name, [])
        if not isinstance(value, list):
            problems.append(at.error(("plan", name), "RL107", f"'{name}' must be a list"))
            continue
        for i, item in enumerate(value[:MAX_ITEMS]):
            checked = check(model, item, ("plan", name, i), partly=True)
            if checked is not None:
                items.setdefault(name, []).append((i, checked))
        if len(value) > MAX_ITEMS:
            problems.append(at.error(("plan", name, MAX_ITEMS), "RL107", f"more than {MAX_ITEMS} {name}"))
    name = raw.get("scenario")
    if not isinstance(name, str) or not name.strip():
        raise ContentErrors(problems or [at.error(("plan",), "RL107", "missing key 'scenario'")])
    try:
        entry = find_scenario(name.strip(), list(content_dirs) if content_dirs is not None else None)
    except ScenarioNotFound as exc:
        raise ContentErrors([*problems, at.error(("plan", "scenario"), "RL501", str(exc))]) from None
    scenario = load_scenario(entry.folder, entry.packs)
    problems += check_against(items.get("seats", []), items.get("injects", []), scenario, at)
    problems.sort(key=lambda e: (e.line, e.col))
    if problems or head is None:
        raise ContentErrors(problems)
    plan = head.model_copy(
        update={
            "seats": [s for _, s in items.get("seats", [])],
            "injects": [i for _, i in items.get("injects", [])],
        }
    )
    return LoadedPlan(plan, scenario, path)


# More rows than a room can use: checking stops there, so a huge file costs bounded time.
MAX_ITEMS = 500


def plan_files_in(folder: Path) -> list[Path] | None:
    """The session plans in a folder that holds no scenario, or None when it holds one (or no plan)."""
    if (folder / "scenario.yaml").exists() or (folder / "scenarios").is_dir():
        return None
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    except OSError:
        return None
    plans = [p for p in files if is_plan_file(p)]
    return plans if plans and len(plans) == len(files) else None


def check_plan_files(paths: Iterable[Path], content_dirs: Iterable[Path] | None = None) -> list[ContentError]:
    """Every problem of every plan file, for `redline validate`."""
    dirs = list(content_dirs) if content_dirs is not None else None
    out: list[ContentError] = []
    for path in paths:
        try:
            load_plan(path, dirs, shown=str(path))
        except ContentErrors as exc:
            out.extend(exc.errors)
    return out


# ---- the schema's problems in words -------------------------------------------------------------

_ORDINAL = {1: "first", 2: "second", 3: "third"}


def _which(kind: str, index: int, item: Any) -> str:
    """How a row is named: an inject by its own number, a seat by its role, else its place."""
    if isinstance(item, dict):
        own = item.get("number" if kind == "inject" else "role")
        if isinstance(own, bool) or not isinstance(own, int if kind == "inject" else str):
            own = None
        if own is not None and str(own).strip():
            return f"{kind} {str(own).strip()}"
    place = index + 1
    return f"the {_ORDINAL.get(place, f'{place}th')} {kind} in the list"


def _words(err: Any) -> str:
    """What is wrong with one value, in plain words (not the validator's)."""
    kind, ctx = err["type"], err.get("ctx") or {}

    def bound(key: str) -> str:
        value = ctx.get(key)
        return f"{value:g}" if isinstance(value, float) else str(value)

    said = {
        "greater_than_equal": f"must be at least {bound('ge')}",
        "greater_than": f"must be more than {bound('gt')}",
        "less_than_equal": f"must be at most {bound('le')}",
        "less_than": f"must be less than {bound('lt')}",
        "int_parsing": "must be a whole number",
        "int_type": "must be a whole number",
        "int_from_float": "must be a whole number",
        "float_parsing": "must be a number",
        "float_type": "must be a number",
        "bool_parsing": "must be true or false",
        "bool_type": "must be true or false",
        "string_type": "must be text",
        "string_too_short": "must not be empty",
        "string_too_long": f"must be at most {bound('max_length')} characters",
        "string_pattern_mismatch": "must be an id: lowercase letters, digits and underscores",
        "too_long": f"may hold at most {bound('max_length')}",
        "list_type": "must be a list",
        "dict_type": "must be a mapping (key: value lines)",
        "model_type": "must be a mapping (key: value lines)",
        "model_attributes_type": "must be a mapping (key: value lines)",
        "literal_error": f"must be one of {ctx.get('expected', '')}".replace("'", "").replace(" or ", ", "),
    }.get(kind)
    if said is not None:
        return said
    msg = str(err["msg"])
    return msg.removeprefix("Value error, ")


def plan_errors(
    file: str, exc: ValidationError, values: Marks, keys: Marks, prefix: tuple[str | int, ...], item: Any
) -> list[ContentError]:
    """`exc`'s problems at their places, in a facilitator's words: "inject 2: turn must be at
    least 1" (RL107), "unknown key 'x'" (RL106). Rows are named by their own number or role,
    list positions counted from 1."""
    place = Place(file, (), values, keys)
    out: list[ContentError] = []
    seen: set[tuple[Any, ...]] = set()
    rows = {"injects": "inject", "seats": "seat"}
    head = ""
    if len(prefix) == 3 and prefix[1] in rows and isinstance(prefix[2], int):
        head = _which(rows[str(prefix[1])], prefix[2], item) + ": "
    for err in exc.errors(include_url=False)[:MAX_PROBLEMS]:
        loc = real_path((*prefix, *err["loc"]))
        if err["type"] == "extra_forbidden":
            line, col = place.at(*loc, key=True)
            out.append(ContentError(file, line, col, "RL106", f"{head}unknown key '{loc[-1]}'"))
            continue
        if loc in seen:  # one problem per place: a union's members each add one
            continue
        seen.add(loc)
        named: list[str] = []
        for part in loc[len(prefix) :]:
            if isinstance(part, int) and named:
                named[-1] = f"{named[-1].removesuffix('s')} {part + 1}"
            else:
                named.append(str(part))
        if err["type"] == "missing":
            line, col = place.at(*loc[:-1])
            inside = f"in {', '.join(named[:-1])}, " if named[:-1] else ""
            message = f"{head}{inside}missing key '{loc[-1]}'"
        else:
            line, col = place.at(*loc)
            inside = f"in {', '.join(named[:-1])}, " if named[:-1] else ""
            what = f"{named[-1]} " if named else ""
            message = f"{head}{inside}{what}{_words(err)}"
        out.append(ContentError(file, line, col, "RL107", message))
    return out


def _sound_part(model: Any, item: Any, exc: ValidationError) -> Any:
    """A row that failed its check, built from its fields that are sound (each checked on its
    own; a bad one left out), so the checks against the scenario still see them. None when
    the row is not a mapping."""
    if not isinstance(item, dict):
        return None
    bad = {e["loc"][0] for e in exc.errors(include_url=False) if e["loc"]}
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key in bad or key not in item:
            continue
        try:
            adapter: TypeAdapter[Any] = TypeAdapter(info.annotation)
            fields[name] = adapter.validate_python(item[key])
        except ValidationError:
            continue
    return model.model_construct(**fields)


class _At:
    def __init__(self, file: str, values: Marks, keys: Marks) -> None:
        self.file, self.values, self.keys = file, values, keys

    def error(self, path: tuple[str | int, ...], code: str, message: str) -> ContentError:
        full = path
        while full and full not in self.values and full not in self.keys:
            full = full[:-1]
        line, col = self.values.get(full) or self.keys.get(full) or (1, 1)
        return ContentError(self.file, line, col, code, message)


def check_against(
    seats: list[tuple[int, Seat]], injects: list[tuple[int, PlannedInject]], scenario: Scenario, at: _At
) -> list[ContentError]:
    """Every role, event, meter, flag and ally the plan names exists; turns are in range.
    A row that failed its own check comes with its sound fields only: a field it lacks is
    not checked here (its problem is already said)."""
    out: list[ContentError] = []
    roles = scenario.roles
    seen: set[str] = set()
    for i, seat in seats:
        where = ("plan", "seats", i)
        if getattr(seat, "role", None) is None:
            continue
        if seat.role not in roles:
            hint = _suggest(seat.role, roles) or f" (roles: {', '.join(roles) or 'none'})"
            out.append(at.error((*where, "role"), "RL104", f"unknown role '{seat.role}'{hint}"))
            continue
        if seat.role in seen:
            out.append(at.error((*where, "role"), "RL105", f"the seat '{seat.role}' is planned twice"))
        seen.add(seat.role)
        if seat.red_cell and not roles[seat.role].red_cell:
            out.append(
                at.error((*where, "red_cell"), "RL107", f"'{seat.role}' is not the scenario's red cell")
            )
    numbers: set[int] = set()
    turns = scenario.info.turns
    for i, inj in injects:
        where = ("plan", "injects", i)
        number, turn = getattr(inj, "number", None), getattr(inj, "turn", None)
        if number in numbers:
            out.append(at.error((*where, "number"), "RL105", f"inject number {number} is used twice"))
        if number is not None:
            numbers.add(number)
        if turn is not None and turn > turns:
            label = scenario.info.turn_label.lower()
            out.append(at.error((*where, "turn"), "RL107", f"{label} {turn} is after the last ({turns})"))
        if inj.event is not None and inj.event not in scenario.event_by_id:
            hint = _suggest(inj.event, scenario.event_by_id)
            out.append(at.error((*where, "event"), "RL108", f"unknown event '{inj.event}'{hint}"))
        if inj.to != EVERYONE and inj.to not in roles:
            hint = _suggest(inj.to, [*roles, EVERYONE])
            out.append(at.error((*where, "to"), "RL104", f"unknown role '{inj.to}'{hint}"))
        for j, change in enumerate(inj.changes):
            problem = change_problem(change.target, change.value, scenario)
            if problem:
                code, message = problem
                out.append(at.error((*where, "changes", j, "target"), code, message))
    return out


def _too_large(target: str, value: float) -> tuple[str, str] | None:
    from redline.engine.rulings import MAX_CHANGE

    if -MAX_CHANGE <= value <= MAX_CHANGE:
        return None
    return "RL107", f"a change of {value:g} to '{target}' is outside -{MAX_CHANGE} to +{MAX_CHANGE}"


def change_problem(target: str, value: float | bool, scenario: Scenario) -> tuple[str, str] | None:
    """Why a free-text change cannot apply (code, message), or None. The engine checks the same
    when the inject is played; this says it at load, where the plan can be fixed."""
    if target.startswith("ally."):
        ally = target[5:]
        if ally not in scenario.allies:
            return "RL102", f"unknown ally '{ally}'{_suggest(ally, scenario.allies)}"
        if isinstance(value, bool):
            return "RL109", f"'{target}' takes a change of support (a number), not {str(value).lower()}"
        return _too_large(target, value)
    if target in scenario.meters:
        if isinstance(value, bool):
            return "RL109", f"'{target}' is a meter: give a change (+5, -3), not {str(value).lower()}"
        return _too_large(target, value)
    if target in scenario.flags:
        if not isinstance(value, bool):
            return "RL109", f"'{target}' is a flag: give true or false"
        return None
    names = [*scenario.meters, *scenario.flags, *(f"ally.{a}" for a in scenario.allies)]
    return "RL101", f"unknown meter, flag or ally '{target}'{_suggest(target, names)}"


def _with_hints(errors: list[ContentError]) -> list[ContentError]:
    """Unknown keys get a did-you-mean from the plan's own fields."""
    fields: dict[str, Any] = {}
    from redline.exercise import model as pm

    for cls in (pm.Plan, pm.Seat, pm.Moves, pm.PlannedInject, pm.Change):
        for name, info in cls.model_fields.items():
            fields[info.alias or name] = True
    out = []
    for e in errors:
        if e.code == "RL106" and "did you mean" not in e.message:
            key = e.message.split("'")[1] if "'" in e.message else ""
            e = ContentError(e.file, e.line, e.col, e.code, e.message + _suggest(key, fields))
        out.append(e)
    return out
