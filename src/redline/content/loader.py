"""Load a scenario folder: read YAML safely, validate, cross-check and compile.

This module reads the files and merges their items by id; `linker.py` cross-checks the
merged items and compiles their expressions; `placement.py` places every problem at its
file, line and column. Every problem is collected and raised together as `ContentErrors`,
each with its file, line, column and code. A scenario folder holds any number of `*.yaml` files; each file is
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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from redline import safeio
from redline.content import models as m
from redline.content.compiled import Scenario
from redline.content.errors import ContentError, ContentErrors
from redline.content.expr import _suggest
from redline.content.linker import Item, Linker
from redline.content.numbers import refuse_hazards
from redline.content.placement import MAX_PROBLEMS, Place, pydantic_errors, real_path, shown_path
from redline.content.sources import find_source, have_sources
from redline.content.yamlread import Marks, Problems, read_content

LIST_SECTIONS = ("meters", "flags", "allies", "red_lines", "cards", "events", "endings")
SINGLE_SECTIONS = ("scenario", "kremlin")


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
    left_out: tuple[tuple[Any, ...], ...] = (),
) -> Any:
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        errors.extend(pydantic_errors(file, exc, values, keys, prefix, left_out, value))
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
            loc = real_path(err["loc"])
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


class _TooManyProblems(Exception):
    pass


def _read_layer(
    folder: Path, root: Path, errors: list[ContentError], broken: dict[str, set[str]]
) -> list[_Part]:
    parts = []
    for path in scenario_files(folder):
        shown = shown_path(path, root)
        if not safeio.inside(path, folder):  # a symlink to a file elsewhere is never read
            dangling = path.is_symlink() and not path.exists()
            msg = (
                "a link to a file that does not exist"
                if dangling
                else "a link to a file outside the scenario folder"
            )
            errors.append(ContentError(shown, 1, 1, "RL003", msg))
            broken.setdefault("unreadable", set()).add(shown)
            _anything_may_be_defined(broken)  # what it would define is not known
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
            _names_in_unreadable(path, broken)  # its items were not all read
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
        data, values, keys, problems = _read_overlaid_content(path, shown)
    except ContentErrors as exc:
        errors.extend(exc.errors)
        broken.setdefault("unreadable", set()).add(shown)
        _names_in_unreadable(path, broken)
        return None
    # Values left out for a problem of their own (an unsafe tag, a number out of range):
    # what they should have held is not reported again.
    errors.extend(problem for _, problem in problems)
    left_out = tuple(p for p, _ in problems if p is not None)
    if not isinstance(data, dict):
        if () not in left_out:
            errors.append(ContentError(shown, 1, 1, "RL107", "a content file must be a mapping of sections"))
        return None
    part = _Part(shown, values, keys, data, {}, {})
    for name, value in data.items():
        if name == "pack":  # `pack: <scenario id>`: this folder extends that scenario
            if _validate(m.ContentFile, {"pack": value}, (), shown, values, keys, errors, left_out):
                part.pack = value
            continue
        model = SECTION_MODELS.get(name)
        if model is None:
            line, col = keys.get((name,), (1, 1))
            hint = _suggest(name, SECTION_MODELS)
            errors.append(ContentError(shown, line, col, "RL106", f"unknown section '{name}'{hint}"))
            continue
        if name in SINGLE_SECTIONS:
            item = _validate(model, value, (name,), shown, values, keys, errors, left_out)
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
            item = _validate(model, raw, (name, i), shown, values, keys, errors, left_out)
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
    data, values, keys, problems = _read_overlaid_content(path, shown)
    if problems:
        raise ContentErrors([problem for _, problem in problems])
    return data, values, keys


def _read_overlaid_content(path: Path, shown: str) -> tuple[Any, Marks, Marks, Problems]:
    overlay = OVERLAY.get()
    text = overlay.get(path.resolve()) if overlay else None
    if text is None:
        return read_content(path, shown)
    # The buffer goes through the same reader (limits, safe loading) as a file would.
    with tempfile.TemporaryDirectory(prefix="redline-buffer-") as tmp:
        copy = Path(tmp) / path.name
        copy.write_text(text, encoding="utf-8")
        return read_content(copy, shown)


_ID_IN_TEXT = re.compile(r"""\bid:\s*["']?([A-Za-z0-9_-]+)""")


def _names_in_unreadable(path: Path, broken: dict[str, set[str]]) -> None:
    """A file that cannot be read may define names that other files use. Every `id:` its
    text mentions counts as known, so the other files' own mistakes are still reported but
    not the cascade of unknown names this file causes."""
    if not safeio.is_regular(path):  # a pipe or a device named *.yaml is never opened
        _anything_may_be_defined(broken)
        return
    try:  # non-blocking: a pipe swapped in after the look is not waited on either
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            data = os.read(fd, MAX_SCAN + 1)
        finally:
            os.close(fd)
    except OSError:
        _anything_may_be_defined(broken)
        return
    if len(data) > MAX_SCAN or b"\0" in data:  # not all scanned, or not 8-bit text (UTF-16)
        _anything_may_be_defined(broken)
        return
    found = set(_ID_IN_TEXT.findall(data.decode("utf-8", "replace")))
    for name in LIST_SECTIONS:  # every section whose ids others may name
        broken.setdefault(name, set()).update(found)


MAX_SCAN = 4 * 2**20  # bytes of an unreadable file scanned for ids


def _anything_may_be_defined(broken: dict[str, set[str]]) -> None:
    """A file not read, whose text cannot be scanned for ids either (a link out of the
    folder, a pipe, UTF-16, too large): any name may be one it defines, so no name is
    reported as unknown in this load (see `Linker.link`)."""
    broken.setdefault("anything", set()).add("*")


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
    if not base.is_dir():
        raise ContentErrors([ContentError(str(base), 1, 1, "RL003", "no such scenario folder")])
    root = root or Path.cwd()
    errors: list[ContentError] = []
    broken: dict[str, set[str]] = {}
    read = _merge([base, *[Path(p) for p in packs]], root, errors, broken)
    _stand_in_singles(read, shown_path(base, root), errors, broken)
    _check_sources(base, read.merged, read.singles, errors)
    digest = hashlib.sha256(json.dumps(read.hashed, sort_keys=True, default=str).encode()).hexdigest()[:16]
    scenario = Linker(read.merged, read.singles, errors, broken).link(str(base), tuple(read.files), digest)
    places = {(name, i): item.place for name, items in read.merged.items() for i, item in items.items()}
    places.update({(name, ""): item.place for name, item in read.singles.items() if item is not None})
    scenario.places.update(places)
    refuse_hazards(scenario)  # arithmetic the ranges show can have no value in play (RL203-RL205)
    return scenario


@dataclass
class _Merged:
    """Every layer's items, merged by id: the base folder's, then each pack's over them."""

    merged: dict[str, dict[str, Item]] = field(default_factory=lambda: {n: {} for n in LIST_SECTIONS})
    singles: dict[str, Item | None] = field(default_factory=lambda: dict.fromkeys(SINGLE_SECTIONS))
    files: list[str] = field(default_factory=list)
    hashed: list[Any] = field(default_factory=list)  # every file's data, for the content hash
    pack_of: str = ""  # the scenario the base folder is a pack for, if it is one


def _merge(
    layers: list[Path], root: Path, errors: list[ContentError], broken: dict[str, set[str]]
) -> _Merged:
    """Read every layer and merge its items: a pack replaces an item of the same id, or a
    single section whole; the same id twice in one layer is a duplicate (RL105, RL004)."""
    read = _Merged()
    single_layer: dict[str, int] = {}
    for index, layer in enumerate(layers):
        before = len(errors)
        parts = _read_layer(layer, root, errors, broken)
        if not parts and len(errors) == before:
            errors.append(
                ContentError(shown_path(layer, root), 1, 1, "RL003", "no YAML files in this folder")
            )
        seen_here: dict[tuple[str, str], Place] = {}
        for part in parts:
            shown, values, keys = part.file, part.values, part.keys
            read.files.append(shown)
            read.hashed.append(part.data)
            if index == 0 and part.pack:
                read.pack_of = part.pack
            for name, value in part.singles.items():
                place = Place(shown, (name,), values, keys)
                previous = read.singles[name]
                if previous is not None and single_layer[name] == index:
                    msg = f"a second '{name}:' section (the first is in {previous.place.file})"
                    errors.append(place.error((), "RL004", msg, key=True))
                    continue  # keep the first, so the rest is checked against one header
                read.singles[name] = Item(value, place)  # a pack may replace it whole
                single_layer[name] = index
            for name, items in part.items.items():
                for i, item in items:
                    place = Place(shown, (name, i), values, keys)
                    key = (name, item.id)
                    if key in seen_here:
                        first = seen_here[key]
                        what = name[:-1].replace("_", " ")
                        msg = f"duplicate {what} id '{item.id}' (first in {first.file}:{first.at('id')[0]})"
                        errors.append(place.error(("id",), "RL105", msg))
                        continue
                    seen_here[key] = place
                    read.merged[name][item.id] = Item(item, place)  # a pack replaces by id
    return read


def _stand_in_singles(
    read: _Merged, shown: str, errors: list[ContentError], broken: dict[str, set[str]]
) -> None:
    """A missing `scenario:` or `kremlin:` section is reported (RL004), and a stand-in takes
    its place, so the other files' own mistakes are still reported in this pass."""
    singles = read.singles
    for name in SINGLE_SECTIONS:
        if singles[name] is None and name not in broken and not broken.get("unreadable"):
            msg = f"no file has a '{name}:' section"
            if read.pack_of:
                msg += f" (this folder is a pack for '{read.pack_of}': check it with that scenario installed)"
            errors.append(ContentError(shown, 1, 1, "RL004", msg))
    if singles["scenario"] is not None and singles["kremlin"] is not None:
        return
    if not errors:  # pragma: no cover - a missing section is always reported above
        raise ContentErrors([ContentError(shown, 1, 1, "RL004", "no scenario")])
    stand_in = Place(shown, (), {}, {})
    if singles["scenario"] is None:
        info = m.ScenarioInfo.model_construct(id="", title="", summary="", turns=1, score="0")
        singles["scenario"] = Item(info, stand_in)
        broken.setdefault("scenario", set()).add("scenario")
    if singles["kremlin"] is None:
        kremlin = m.Kremlin.model_construct(meter="", signals=0, act_chance=0, ladder=[])
        singles["kremlin"] = Item(kremlin, stand_in)
        broken.setdefault("meters", set()).add("")


def _check_sources(
    base: Path,
    merged: dict[str, dict[str, Item]],
    singles: dict[str, Item | None],
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
                msg = f"source file '{src.file}' not found (looked in the scenario folder and shared/seeds)"
                errors.append(item.place.error(("sources", i, "file"), "RL111", msg))
