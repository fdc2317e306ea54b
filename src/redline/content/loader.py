"""Load a scenario folder: read YAML safely, validate, cross-check and compile.

Every problem is collected and raised together as `ContentErrors`, each with its file,
line, column and code. A scenario folder holds any number of `*.yaml` files; each file is
a mapping of sections (`scenario`, `meters`, `flags`, `allies`, `kremlin`, `red_lines`,
`cards`, `events`, `endings`). Pack folders given after the base add items or replace
items of the same id.
"""

from __future__ import annotations

import contextvars
import gc
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from redline import safeio
from redline.content import models as m
from redline.content.compiled import (
    CCard,
    CEnding,
    CEvent,
    Change,
    CLater,
    COption,
    COutcome,
    CReaction,
    CRedLine,
    CResponse,
    CRung,
    Scenario,
)
from redline.content.errors import ContentError, ContentErrors
from redline.content.expr import ExprError, Expression, Names, _suggest, parse
from redline.content.numbers import refuse_hazards
from redline.content.sources import find_source, have_sources
from redline.content.yamlread import Marks, read_yaml

LIST_SECTIONS = ("meters", "flags", "allies", "red_lines", "cards", "events", "endings")
SINGLE_SECTIONS = ("scenario", "kremlin")


@dataclass
class _Place:
    """Where an item came from, so later checks can point at it."""

    file: str
    path: tuple[str | int, ...]
    values: Marks
    keys: Marks

    def at(self, *sub: str | int, key: bool = False) -> tuple[int, int]:
        full = (*self.path, *sub)
        table = self.keys if key else self.values
        while full:
            if full in table:
                return table[full]
            if not key and full in self.keys:
                return self.keys[full]
            full = full[:-1]
        return (1, 1)


Place = _Place  # public name: `Scenario.places` holds these for authoring checks


@dataclass
class _Item:
    model: Any
    place: _Place


class _Collector:
    def __init__(self) -> None:
        self.errors: list[ContentError] = []

    def add(self, place: _Place, sub: Sequence[str | int], code: str, msg: str, key=False) -> None:
        line, col = place.at(*sub, key=key)
        self.errors.append(ContentError(place.file, line, col, code, msg))


def _pydantic_errors(
    file: str, exc: ValidationError, values: Marks, keys: Marks, prefix: tuple[str | int, ...] = ()
) -> list[ContentError]:
    place = _Place(file, (), values, keys)
    out: list[ContentError] = []
    seen: set[tuple[Any, ...]] = set()
    for err in exc.errors(include_url=False)[:MAX_PROBLEMS]:
        loc = (*prefix, *err["loc"])
        kind = err["type"]
        if kind == "extra_forbidden":
            line, col = place.at(*loc, key=True)
            out.append(ContentError(file, line, col, "RL106", f"unknown key '{loc[-1]}'" + _key_hint(loc)))
            continue
        # Union members add their type names to the location; keep the real path, and one
        # problem per place (the first member's: a number's, for `number | bool | text`).
        real = tuple(p for p in loc if not (isinstance(p, str) and p in _TYPE_WORDS))
        if real in seen:
            continue
        seen.add(real)
        line, col = place.at(*real)
        where = ".".join(str(p) for p in real) or "file"
        msg = err["msg"]
        if kind == "missing":
            msg = f"missing key '{real[-1]}'" if real else "missing key"
            line, col = place.at(*real[:-1])
        else:
            msg = f"{where}: {msg}"
            if isinstance(err.get("input"), bool) and kind == "string_type":
                msg += " (YAML reads yes/no/on/off as true/false: quote it)"
        out.append(ContentError(file, line, col, "RL107", msg))
    return out


_TYPE_WORDS = {
    "float",
    "int",
    "str",
    "bool",
    "function-after",
    "list[...]",
    "dict[str,union[float,bool,str]]",
    "constrained-str",
    "constrained-float",
    "constrained-int",
}


def _key_hint(loc: tuple[Any, ...]) -> str:
    parent_fields = _fields_at(loc[:-1])
    if not parent_fields:
        return ""
    return _suggest(str(loc[-1]), parent_fields)


def _fields_at(loc: tuple[Any, ...]) -> list[str]:
    model: Any = m.ContentFile
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(model, "model_fields", {}).get(part)
        if field is None:
            return []
        model = _inner_model(field.annotation)
        if model is None:
            return []
    return list(getattr(model, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, m.Model):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _shown(path: Path, root: Path) -> str:
    """A path as the user should read it: relative to where they stand, when it can be."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def scenario_files(folder: Path) -> list[Path]:
    # Not only regular files: a pipe or a device named .yaml is reported (safeio refuses it),
    # not passed over in silence.
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and not p.is_dir())


SECTION_MODELS: dict[str, type[m.Model]] = {
    "scenario": m.ScenarioInfo,
    "kremlin": m.Kremlin,
    "meters": m.Meter,
    "flags": m.Flag,
    "allies": m.Ally,
    "red_lines": m.RedLine,
    "cards": m.Card,
    "events": m.Event,
    "endings": m.Ending,
}


@dataclass
class _Part:
    """One file, validated item by item so one bad item does not hide the others."""

    file: str
    values: Marks
    keys: Marks
    data: Any
    singles: dict[str, Any]
    items: dict[str, list[tuple[int, Any]]]
    pack: str | None = None


def _validate(
    model: type[m.Model],
    value: Any,
    prefix: tuple[str | int, ...],
    file: str,
    values: Marks,
    keys: Marks,
    errors: list[ContentError],
) -> Any:
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        errors.extend(_pydantic_errors(file, exc, values, keys, prefix))
        return _salvage(model, value, exc)


def _salvage(model: type[m.Model], value: Any, exc: ValidationError) -> Any:
    """The item without the keys that failed, if that validates: its other parts (its
    conditions above all) are then still checked, so one misspelt key does not hide a wrong
    name two lines below. Its own errors are already reported, so no scenario is built from
    it. None when a required key is missing or wrong."""
    import copy

    value = copy.deepcopy(value)
    for _ in range(5):
        for err in exc.errors(include_url=False):
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p in _TYPE_WORDS))
            if not loc or err["type"] == "missing" or not _drop(value, loc):
                return None
        try:
            return model.model_validate(value)
        except ValidationError as again:
            exc = again
    return None


def _drop(value: Any, loc: tuple[Any, ...]) -> bool:
    """Remove the key at `loc` from nested data; False if it is not there or is required."""
    *head, last = loc
    for part in head:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return False
    if isinstance(value, dict) and last in value and last != "id":
        del value[last]
        return True
    return False


# Problems reported from one file before the rest of it is left unchecked: enough to fix
# at a sitting, and a bound on time, memory and output for a file that is wrong throughout.
MAX_PROBLEMS = 100


class _TooManyProblems(Exception):
    pass


def _read_layer(
    folder: Path, root: Path, errors: list[ContentError], broken: dict[str, set[str]]
) -> list[_Part]:
    parts = []
    for path in scenario_files(folder):
        shown = _shown(path, root)
        if not safeio.inside(path, folder):  # a symlink to a file elsewhere is never read
            errors.append(ContentError(shown, 1, 1, "RL003", "a link to a file outside the scenario folder"))
            broken.setdefault("unreadable", set()).add(shown)
            continue
        before = len(errors)
        try:
            part = _read_file(path, shown, errors, broken, before + MAX_PROBLEMS)
        except _TooManyProblems as stop:
            del errors[before + MAX_PROBLEMS :]
            line, col = stop.args
            msg = f"more than {MAX_PROBLEMS} problems in this file; the rest of it was not checked"
            errors.append(ContentError(shown, line, col, "RL003", msg))
            broken.setdefault("unreadable", set()).add(shown)
            continue
        if part is not None:
            parts.append(part)
    return parts


def _read_file(
    path: Path, shown: str, errors: list[ContentError], broken: dict[str, set[str]], stop_at: int
) -> _Part | None:
    """One content file's sections, validated item by item; None if it cannot be read.
    Raises _TooManyProblems (with the line and column reached) once `errors` holds
    `stop_at` problems."""
    try:
        data, values, keys = _read_overlaid(path, shown)
    except ContentErrors as exc:
        errors.extend(exc.errors)
        broken.setdefault("unreadable", set()).add(shown)
        _names_in_unreadable(path, broken)
        return None
    if not isinstance(data, dict):
        errors.append(ContentError(shown, 1, 1, "RL107", "a content file must be a mapping of sections"))
        return None
    part = _Part(shown, values, keys, data, {}, {})
    for name, value in data.items():
        if name == "pack":  # `pack: <scenario id>`: this folder extends that scenario
            if _validate(m.ContentFile, {"pack": value}, (), shown, values, keys, errors):
                part.pack = value
            continue
        model = SECTION_MODELS.get(name)
        if model is None:
            line, col = keys.get((name,), (1, 1))
            hint = _suggest(name, SECTION_MODELS)
            errors.append(ContentError(shown, line, col, "RL106", f"unknown section '{name}'{hint}"))
            continue
        if name in SINGLE_SECTIONS:
            item = _validate(model, value, (name,), shown, values, keys, errors)
            if item is not None:
                part.singles[name] = item
            else:
                broken.setdefault(name, set()).add(name)
            continue
        if not isinstance(value, list):
            line, col = values.get((name,), (1, 1))
            errors.append(ContentError(shown, line, col, "RL107", f"'{name}' must be a list"))
            continue
        for i, raw in enumerate(value):
            item = _validate(model, raw, (name, i), shown, values, keys, errors)
            if item is not None:
                part.items.setdefault(name, []).append((i, item))
            else:
                if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                    # Known to exist, so references to it are not reported a second time.
                    broken.setdefault(name, set()).add(raw["id"])
                if len(errors) > stop_at:
                    raise _TooManyProblems(*values.get((name, i), (1, 1)))
    return part


# Unsaved editor buffers (absolute path -> text) read instead of the files on disk: the
# language server checks what the author is typing with the very same loader.
OVERLAY: contextvars.ContextVar[dict[Path, str] | None] = contextvars.ContextVar("overlay", default=None)


def _read_overlaid(path: Path, shown: str) -> tuple[Any, Marks, Marks]:
    overlay = OVERLAY.get()
    text = overlay.get(path.resolve()) if overlay else None
    if text is None:
        return read_yaml(path, shown)
    # The buffer goes through the same reader (limits, safe loading) as a file would.
    with tempfile.TemporaryDirectory(prefix="redline-buffer-") as tmp:
        copy = Path(tmp) / path.name
        copy.write_text(text, encoding="utf-8")
        return read_yaml(copy, shown)


_ID_IN_TEXT = re.compile(r"""\bid:\s*["']?([A-Za-z0-9_-]+)""")
# Sections whose ids others refer to: the ids an unreadable file may define.
_REFERRED = ("meters", "flags", "allies", "red_lines", "cards", "events", "endings")


def _names_in_unreadable(path: Path, broken: dict[str, set[str]]) -> None:
    """A file that cannot be read may define names that other files use. Every `id:` its
    text mentions counts as known, so the other files' own mistakes are still reported but
    not the cascade of unknown names this file causes."""
    if not safeio.is_regular(path):  # a pipe or a device named *.yaml is never opened
        return
    try:  # non-blocking: a pipe swapped in after the look is not waited on either
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            text = os.read(fd, MAX_SCAN).decode("utf-8", "replace")
        finally:
            os.close(fd)
    except OSError:
        return
    found = set(_ID_IN_TEXT.findall(text))
    for name in _REFERRED:
        broken.setdefault(name, set()).update(found)


MAX_SCAN = 4 * 2**20  # bytes of an unreadable file scanned for ids


def load_scenario(folder: str | Path, packs: Iterable[str | Path] = (), root: Path | None = None) -> Scenario:
    """Load the scenario in `folder`, with `packs` folders adding or replacing items by id."""
    # A load builds hundreds of thousands of small objects (YAML nodes above all) that all
    # live until it ends; the cyclic collector would walk them again and again to find no
    # garbage. Paused, a 5,000-card scenario loads in about half the time.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_scenario(folder, packs, root)
    finally:
        if was_enabled:
            gc.enable()


def _load_scenario(folder: str | Path, packs: Iterable[str | Path], root: Path | None) -> Scenario:
    base = Path(folder)
    errors: list[ContentError] = []
    if not base.is_dir():
        raise ContentErrors([ContentError(str(base), 1, 1, "RL003", "no such scenario folder")])
    root = root or Path.cwd()
    layers = [base, *[Path(p) for p in packs]]
    merged: dict[str, dict[str, _Item]] = {name: {} for name in LIST_SECTIONS}
    singles: dict[str, _Item | None] = {name: None for name in SINGLE_SECTIONS}
    single_layer: dict[str, int] = {}
    broken: dict[str, set[str]] = {}
    files: list[str] = []
    hashed: list[Any] = []
    pack_of = ""
    for index, layer in enumerate(layers):
        before = len(errors)
        parts = _read_layer(layer, root, errors, broken)
        if not parts and len(errors) == before:
            errors.append(ContentError(_shown(layer, root), 1, 1, "RL003", "no YAML files in this folder"))
        seen_here: dict[tuple[str, str], _Place] = {}
        for part in parts:
            shown, values, keys = part.file, part.values, part.keys
            files.append(shown)
            hashed.append(part.data)
            if index == 0 and part.pack:
                pack_of = part.pack
            for name, value in part.singles.items():
                place = _Place(shown, (name,), values, keys)
                previous = singles[name]
                if previous is not None and single_layer[name] == index:
                    msg = f"a second '{name}:' section (the first is in {previous.place.file})"
                    errors.append(ContentError(shown, *place.at(key=True), "RL004", msg))
                    continue  # keep the first, so the rest is checked against one header
                singles[name] = _Item(value, place)  # a pack may replace it whole
                single_layer[name] = index
            for name, items in part.items.items():
                for i, item in items:
                    place = _Place(shown, (name, i), values, keys)
                    key = (name, item.id)
                    if key in seen_here:
                        first = seen_here[key]
                        what = name[:-1].replace("_", " ")
                        msg = f"duplicate {what} id '{item.id}' (first in {first.file}:{first.at('id')[0]})"
                        errors.append(ContentError(shown, *place.at("id"), "RL105", msg))
                        continue
                    seen_here[key] = place
                    merged[name][item.id] = _Item(item, place)  # a pack replaces by id
    for name in SINGLE_SECTIONS:
        if singles[name] is None and name not in broken and not broken.get("unreadable"):
            msg = f"no file has a '{name}:' section"
            if pack_of:
                msg += f" (this folder is a pack for '{pack_of}': check it with that scenario installed)"
            errors.append(ContentError(_shown(base, root), 1, 1, "RL004", msg))
    if singles["scenario"] is None or singles["kremlin"] is None:
        if not errors:  # pragma: no cover - a missing section is always reported above
            raise ContentErrors([ContentError(_shown(base, root), 1, 1, "RL004", "no scenario")])
        # Go on with stand-ins, so the other files' own mistakes are reported in this pass.
        stand_in = _Place(_shown(base, root), (), {}, {})
        if singles["scenario"] is None:
            info = m.ScenarioInfo.model_construct(id="", title="", summary="", turns=1, score="0")
            singles["scenario"] = _Item(info, stand_in)
            broken.setdefault("scenario", set()).add("scenario")
        if singles["kremlin"] is None:
            kremlin = m.Kremlin.model_construct(meter="", signals=0, act_chance=0, ladder=[])
            singles["kremlin"] = _Item(kremlin, stand_in)
            broken.setdefault("meters", set()).add("")
    _check_sources(base, merged, singles, errors)
    digest = hashlib.sha256(json.dumps(hashed, sort_keys=True, default=str).encode()).hexdigest()[:16]
    scenario = _Linker(merged, singles, errors, broken).link(str(base), tuple(files), digest)
    places = {(name, i): item.place for name, items in merged.items() for i, item in items.items()}
    places.update({(name, ""): item.place for name, item in singles.items() if item is not None})
    scenario.places.update(places)
    refuse_hazards(scenario)  # arithmetic the ranges show can have no value in play (RL203-RL205)
    return scenario


def _check_sources(
    base: Path,
    merged: dict[str, dict[str, _Item]],
    singles: dict[str, _Item | None],
    errors: list[ContentError],
) -> None:
    """Every `sources:` file must exist (see `content/sources.py` for where it is looked for)."""
    if not have_sources(base):
        return
    items = [item for section in merged.values() for item in section.values()]
    items += [item for item in singles.values() if item is not None]
    found: dict[str, bool] = {}
    for item in items:
        for i, src in enumerate(getattr(item.model, "sources", None) or ()):
            if src.file not in found:
                found[src.file] = find_source(src.file, base) is not None
            if not found[src.file]:
                line, col = item.place.at("sources", i, "file")
                msg = f"source file '{src.file}' not found (looked in the scenario folder and shared/seeds)"
                errors.append(ContentError(item.place.file, line, col, "RL111", msg))


class _Linker:
    """Cross-checks ids and compiles every expression, collecting every problem."""

    def __init__(
        self,
        merged: dict[str, dict[str, _Item]],
        singles: dict[str, _Item | None],
        errors: list[ContentError],
        broken: dict[str, set[str]] | None = None,
    ) -> None:
        self.merged = merged
        self.broken = broken or {}
        self._parsed: dict[tuple[Any, type, int], Expression] = {}
        self.singles = singles
        self.errors = errors
        self.meters = {k: v.model for k, v in merged["meters"].items()}
        self.flags = {k: v.model for k, v in merged["flags"].items()}
        self.allies = {k: v.model for k, v in merged["allies"].items()}
        b = self.broken
        self.names = Names(
            meters=frozenset(self.meters) | b.get("meters", set()),
            flags=frozenset(self.flags) | b.get("flags", set()),
            allies=frozenset(self.allies) | b.get("allies", set()),
            red_lines=frozenset(merged["red_lines"]) | b.get("red_lines", set()),
            flag_order=tuple(sorted(self.flags)),
        )

    def error(self, place: _Place, sub: Sequence[str | int], code: str, msg: str, key: bool = False) -> None:
        line, col = place.at(*sub, key=key)
        self.errors.append(ContentError(place.file, line, col, code, msg))

    def expr(self, text: Any, place: _Place, *sub: str | int, names: Names | None = None) -> Expression:
        names = names or self.names
        key = (text, type(text), id(names))
        cached = self._parsed.get(key)  # large scenarios repeat the same conditions often
        if cached is not None:
            return cached
        try:
            self._parsed[key] = parse(text, names)
            return self._parsed[key]
        except ExprError as exc:
            line, col = place.at(*sub)
            for one in exc.all:
                self.errors.append(ContentError(place.file, line, col + one.col, one.code, one.message))
            return parse(0, self.names)

    def chance(self, text: Any, place: _Place, *sub: str | int, names: Names | None = None) -> Expression:
        """A probability: an expression, or a constant between 0 and 1."""
        expr = self.expr(text, place, *sub, names=names)
        c = expr.constant
        if expr.is_constant and not isinstance(c, bool) and not 0 <= c <= 1:
            self.error(place, sub, "RL107", f"a chance must be between 0 and 1, not {c:g}")
        return expr

    def opt_expr(self, text: str | None, place: _Place, *sub: str | int) -> Expression | None:
        return None if text is None else self.expr(text, place, *sub)

    def changes(
        self, effects: dict[str, Any], place: _Place, *sub: str | int, key: str = "effects"
    ) -> tuple[Change, ...]:
        out = []
        for target, value in effects.items():
            at = (*sub, key, target)
            if target.removeprefix("ally.") in self.broken.get(
                "allies" if target.startswith("ally.") else "meters", set()
            ) | self.broken.get("flags", set()):
                continue  # its own definition is broken and already reported
            if target.startswith("ally."):
                ally = target[5:].removesuffix(".support")
                if ally not in self.allies:
                    self.error(
                        place, at, "RL102", f"unknown ally '{ally}'{_suggest(ally, self.allies)}", key=True
                    )
                    continue
                kind, target = "ally", ally
            elif target in self.meters:
                kind = "meter"
            elif target in self.flags:
                kind = "flag"
                if not isinstance(value, bool | str):  # true/false, or a condition
                    self.error(
                        place, at, "RL109", f"flag '{target}' takes true, false or a condition, not {value!r}"
                    )
                    continue
            else:
                pool = list(self.meters) + list(self.flags)
                self.error(
                    place, at, "RL101", f"unknown meter or flag '{target}'{_suggest(target, pool)}", key=True
                )
                continue
            if kind != "flag" and isinstance(value, bool):
                self.error(place, at, "RL109", f"'{target}' takes a number or an expression, not {value}")
                continue
            out.append(Change(kind, target, self.expr(value, place, *at)))
        return tuple(out)

    def laters(self, laters: list[m.Later], place: _Place, *sub: str | int) -> tuple[CLater, ...]:
        return tuple(
            CLater(
                lt,
                self.opt_expr(lt.when, place, *sub, "later", i, "when"),
                self.changes(lt.effects, place, *sub, "later", i),
            )
            for i, lt in enumerate(laters)
        )

    def link(self, folder: str, files: tuple[str, ...], digest: str) -> Scenario:
        info_item = self.singles["scenario"]
        kremlin_item = self.singles["kremlin"]
        assert info_item is not None and kremlin_item is not None
        info: m.ScenarioInfo = info_item.model
        kremlin: m.Kremlin = kremlin_item.model
        roles = {r.id: r for r in info.roles}
        kp = kremlin_item.place

        for mid, item in self.merged["meters"].items():
            mm = item.model
            if not mm.min <= mm.start <= mm.max:
                self.error(item.place, ("start",), "RL107", f"meter '{mid}' starts outside {mm.min}-{mm.max}")
        for aid, item in self.merged["allies"].items():
            if item.model.cohesion_weight <= 0:
                self.error(
                    item.place, ("contribution",), "RL107", f"ally '{aid}' needs a contribution or a weight"
                )

        if kremlin.meter not in self.meters and kremlin.meter not in self.broken.get("meters", ()):
            self.error(
                kp,
                ("meter",),
                "RL101",
                f"unknown meter '{kremlin.meter}'{_suggest(kremlin.meter, self.meters)}",
            )
        act_names = Names(
            self.names.meters,
            self.names.flags,
            self.names.allies,
            self.names.red_lines,
            flag_order=self.names.flag_order,
        )
        act_chance = self.chance(kremlin.act_chance, kp, "act_chance", names=act_names)
        rungs: list[CRung] = []
        responses: dict[str, CResponse] = {}
        last_at = -1.0
        for ri, rung in enumerate(kremlin.ladder):
            if rung.at <= last_at:
                self.error(
                    kp, ("ladder", ri, "at"), "RL107", "ladder rungs must start at increasing escalation"
                )
            last_at = rung.at
            crs = []
            for si, resp in enumerate(rung.responses):
                sub = ("ladder", ri, "responses", si)
                if resp.id in responses:
                    self.error(kp, (*sub, "id"), "RL105", f"duplicate response id '{resp.id}'")
                cr = CResponse(
                    resp,
                    ri,
                    self.expr(resp.weight, kp, *sub, "weight"),
                    self.opt_expr(resp.when, kp, *sub, "when"),
                    self.changes(resp.effects, kp, *sub),
                )
                responses[resp.id] = cr
                crs.append(cr)
            rungs.append(CRung(rung, tuple(crs)))

        red_lines = []
        for item in self.merged["red_lines"].values():
            rl: m.RedLine = item.model
            p = item.place
            if rl.floor >= len(kremlin.ladder):
                self.error(
                    p,
                    ("floor",),
                    "RL107",
                    f"red line '{rl.id}' has floor {rl.floor}, but the ladder's rungs are numbered"
                    f" 0 to {len(kremlin.ladder) - 1}",
                )
            red_lines.append(
                CRedLine(
                    rl,
                    self.expr(rl.crossed, p, "crossed"),
                    self.opt_expr(rl.proximity, p, "proximity"),
                    self.changes(rl.effects, p),
                    self.changes(rl.lasting, p, key="lasting"),
                )
            )

        reactions: dict[str, list[CReaction]] = {}
        for aid, item in self.merged["allies"].items():
            for i, r in enumerate(item.model.reactions):
                reactions.setdefault(r.tag, []).append(
                    CReaction(
                        aid, r.delta, self.opt_expr(r.when, item.place, "reactions", i, "when"), r.why or ""
                    )
                )

        cards = []
        for item in self.merged["cards"].values():
            c: m.Card = item.model
            p = item.place
            if c.role is not None and c.role not in roles and "scenario" not in self.broken:
                self.error(p, ("role",), "RL104", f"unknown role '{c.role}'{_suggest(c.role, roles)}")
            options = []
            seen_opts: set[str] = set()
            for oi, o in enumerate(c.options):
                if o.id in seen_opts:
                    self.error(
                        p, ("options", oi, "id"), "RL105", f"duplicate option id '{o.id}' in card '{c.id}'"
                    )
                seen_opts.add(o.id)
                base = ("options", oi)
                outcomes = tuple(
                    COutcome(
                        oc,
                        self.chance(oc.chance, p, *base, "outcomes", k, "chance"),
                        self.changes(oc.effects, p, *base, "outcomes", k),
                        self.laters(oc.later, p, *base, "outcomes", k),
                    )
                    for k, oc in enumerate(o.outcomes)
                )
                options.append(
                    COption(
                        o,
                        c.id,
                        self.opt_expr(o.when, p, *base, "when"),
                        self.changes(o.effects, p, *base),
                        outcomes,
                        self.laters(o.later, p, *base),
                    )
                )
            if all(o.when is not None and o.when.is_constant and not o.when.constant for o in options):
                self.error(p, ("options",), "RL110", f"card '{c.id}' has no option that can be chosen")
            cards.append(
                CCard(
                    c,
                    self.opt_expr(c.when, p, "when"),
                    self.expr(c.weight, p, "weight"),
                    tuple(options),
                    {o.id: o for o in options},
                )
            )

        events = []
        for item in self.merged["events"].values():
            e: m.Event = item.model
            p = item.place
            events.append(
                CEvent(
                    e,
                    self.opt_expr(e.when, p, "when"),
                    self.chance(e.chance, p, "chance"),
                    self.changes(e.effects, p),
                    self.laters(e.later, p),
                )
            )

        endings = []
        for item in self.merged["endings"].values():
            en: m.Ending = item.model
            endings.append(CEnding(en, self.opt_expr(en.when, item.place, "when")))
        endings.sort(key=lambda ce: -ce.model.priority)
        if not any(ce.model.final and ce.when is None for ce in endings) and not self.errors:
            self.error(
                info_item.place,
                (),
                "RL107",
                "endings need one `final: true` ending without `when` (the fallback)",
            )

        ip = info_item.place
        score = self.expr(info.score, ip, "score")
        self._check_tests(info, ip, {c.id: c for c in cards}, endings, red_lines)
        if self.errors:
            raise ContentErrors(self.errors)

        weights = {aid: a.cohesion_weight for aid, a in self.allies.items()}
        return Scenario(
            info=info,
            folder=folder,
            files=files,
            content_hash=digest,
            meters=dict(self.meters),
            flags=dict(self.flags),
            allies=dict(self.allies),
            ally_weight=weights,
            reactions={k: tuple(v) for k, v in reactions.items()},
            red_lines=tuple(red_lines),
            kremlin=kremlin,
            escalation=kremlin.meter,
            act_chance=act_chance,
            rungs=tuple(rungs),
            responses=responses,
            cards=tuple(cards),
            card_by_id={c.id: c for c in cards},
            events=tuple(events),
            event_by_id={e.id: e for e in events},
            endings=tuple(endings),
            score=score,
            roles=roles,
        )

    def _check_tests(
        self,
        info: m.ScenarioInfo,
        place: _Place,
        cards: dict[str, CCard],
        endings: list[CEnding],
        red_lines: list[CRedLine],
    ) -> None:
        ending_ids = {e.id for e in endings}
        line_ids = {r.id for r in red_lines}
        for ti, test in enumerate(info.tests):
            sub = ("tests", ti)
            for ci, choice in enumerate(test.choices):
                card_id, _, option_id = choice.partition(".")
                card = cards.get(card_id)
                if card_id in self.broken.get("cards", ()):
                    continue  # its own definition is broken and already reported
                if card is None:
                    self.error(
                        place,
                        (*sub, "choices", ci),
                        "RL108",
                        f"unknown card '{card_id}'{_suggest(card_id, cards)}",
                    )
                elif option_id not in card.option_by_id:
                    self.error(
                        place, (*sub, "choices", ci), "RL108", f"card '{card_id}' has no option '{option_id}'"
                    )
            exp = test.expect
            if exp.ending is not None and exp.ending not in ending_ids | self.broken.get("endings", set()):
                self.error(
                    place,
                    (*sub, "expect", "ending"),
                    "RL108",
                    f"unknown ending '{exp.ending}'{_suggest(exp.ending, ending_ids)}",
                )
            for mid in exp.meters:
                if mid not in self.meters and mid not in self.broken.get("meters", ()):
                    self.error(
                        place,
                        (*sub, "expect", "meters", mid),
                        "RL101",
                        f"unknown meter '{mid}'{_suggest(mid, self.meters)}",
                        key=True,
                    )
            for key in ("crossed", "not_crossed"):
                for i, rid in enumerate(getattr(exp, key)):
                    if rid not in line_ids | self.broken.get("red_lines", set()):
                        hint = _suggest(rid, line_ids)
                        self.error(
                            place, (*sub, "expect", key, i), "RL103", f"unknown red line '{rid}'{hint}"
                        )
            for key in ("allies_in", "allies_out"):
                for i, aid in enumerate(getattr(exp, key)):
                    if aid not in self.allies and aid not in self.broken.get("allies", ()):
                        hint = _suggest(aid, self.allies)
                        self.error(place, (*sub, "expect", key, i), "RL102", f"unknown ally '{aid}'{hint}")
        for gi, gate in enumerate(info.balance):
            for eid in gate.ending_min:
                if eid not in ending_ids:
                    self.error(
                        place,
                        ("balance", gi, "ending_min", eid),
                        "RL108",
                        f"unknown ending '{eid}'",
                        key=True,
                    )
