"""Where a problem is: an item's file, line and column, for every message an author reads.

The YAML reader (`yamlread.py`) records the line and column of every value and key it
reads, by their path in the file (`("cards", 3, "options", 0, "when")`). A `Place` is one
item's file, its path and those records, so any check can point at a value inside the item.
Pydantic's validation errors name a path too; `pydantic_errors` turns them into
`ContentError`s placed the same way, with a spelling hint for an unknown key.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from redline.content import models as m
from redline.content.errors import ContentError
from redline.content.expr import _suggest
from redline.content.yamlread import Marks, locate

# Problems reported from one file before the rest of it is left unchecked: enough to fix
# at a sitting, and a bound on time, memory and output for a file that is wrong throughout.
MAX_PROBLEMS = 100


@dataclass
class Place:
    """Where an item came from, so later checks can point at it."""

    file: str
    path: tuple[str | int, ...]
    values: Marks
    keys: Marks

    def at(self, *sub: str | int, key: bool = False) -> tuple[int, int]:
        """(line, col) of the value (or with `key`, the key) at `sub` inside the item; the
        nearest enclosing one that was written when it was not (a missing key, a default)."""
        full = (*self.path, *sub)
        table = self.keys if key else self.values
        while full:
            if full in table:
                return table[full]
            if not key and full in self.keys:
                return self.keys[full]
            full = full[:-1]
        return (1, 1)

    def at_offset(self, sub: Sequence[str | int], value: Any, offset: int) -> tuple[int, int]:
        """(line, col) of the character at `offset` in `value`, the text at `sub` inside the
        item: on its own line when the text was written over several lines."""
        if isinstance(value, str):
            found = locate(self.values, (*self.path, *sub), value, offset)
            if found is not None:
                return found
        line, col = self.at(*sub)
        return line, col + offset

    def error(self, sub: Sequence[str | int], code: str, msg: str, key: bool = False) -> ContentError:
        """The problem `msg` placed at `sub` inside the item."""
        line, col = self.at(*sub, key=key)
        return ContentError(self.file, line, col, code, msg)


def shown_path(path: Path, root: Path) -> str:
    """A path as the user should read it: relative to where they stand, when it can be."""
    try:  # a link is named by its own path, not its target's
        return str((path.parent.resolve() / path.name).relative_to(root.resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(path)


# The names pydantic adds to an error's location for the members of a union and for
# validators; not keys of the file.
TYPE_WORDS = {
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


def real_path(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """A pydantic error location without the type names: the path of keys in the file."""
    return tuple(p for p in loc if not (isinstance(p, str) and p in TYPE_WORDS))


def pydantic_errors(
    file: str,
    exc: ValidationError,
    values: Marks,
    keys: Marks,
    prefix: tuple[str | int, ...] = (),
    left_out: Sequence[tuple[Any, ...]] = (),
    item: Any = None,
) -> list[ContentError]:
    """`exc`'s problems as RL106 (unknown key) and RL107 (wrong value, missing key) errors,
    each at its place in `file`; at most MAX_PROBLEMS of them. None at or under a path in
    `left_out`: values the reader left out, whose own problem is already reported."""
    place = Place(file, (), values, keys)
    out: list[ContentError] = []
    seen: set[tuple[Any, ...]] = set()
    for err in exc.errors(include_url=False)[:MAX_PROBLEMS]:
        loc = (*prefix, *err["loc"])
        if left_out and any(real_path(loc)[: len(p)] == p for p in left_out):
            continue
        kind = err["type"]
        if kind == "extra_forbidden":
            line, col = place.at(*loc, key=True)
            out.append(ContentError(file, line, col, "RL106", f"unknown key '{loc[-1]}'" + _key_hint(loc)))
            continue
        # Union members add their type names to the location; keep the real path, and one
        # problem per place (the first member's: a number's, for `number | bool | text`).
        real = real_path(loc)
        if real in seen:
            continue
        seen.add(real)
        line, col = place.at(*real)
        msg = err["msg"]
        if kind == "missing":
            msg = f"missing key '{real[-1]}'" if real else "missing key"
            line, col = place.at(*real[:-1])
        else:
            msg = said_where(real, prefix, item) + _phrase(kind, err.get("ctx") or {}, msg)
            if isinstance(err.get("input"), bool) and kind == "string_type":
                msg += " (YAML reads yes/no/on/off as true/false: quote it)"
        out.append(ContentError(file, line, col, "RL107", msg))
    return out


# Pydantic's kinds of problem, in plain words ({...}: from the problem's context).
_PHRASES = {
    "less_than_equal": "must be at most {le}",
    "greater_than_equal": "must be at least {ge}",
    "less_than": "must be less than {lt}",
    "greater_than": "must be more than {gt}",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": "must be a list",
    "dict_type": "must be a mapping of keys to values",
    "model_type": "must be a mapping of keys to values",
    "model_attributes_type": "must be a mapping of keys to values",
    "string_too_long": "must be at most {max_length} characters long",
    "string_too_short": "must be at least {min_length} characters long",
    "too_long": "must have at most {max_length} items",
    "too_short": "must have at least {min_length} items",
    "literal_error": "must be {expected}",
    "enum": "must be {expected}",
}


def _phrase(kind: str, ctx: dict[str, Any], msg: str) -> str:
    """What is wrong with a value, in plain words; pydantic's own words when there are none."""
    phrase = _PHRASES.get(kind)
    if phrase is None:
        return " " + msg.removeprefix("Value error, ")
    shown = {k: f"{v:g}" if isinstance(v, float) else v for k, v in ctx.items()}
    try:
        return " " + phrase.format(**shown)
    except (KeyError, IndexError, ValueError):
        return " " + msg


def said_where(real: tuple[Any, ...], prefix: tuple[Any, ...], item: Any) -> str:
    """The value at `real` as an author names it: `meter 'calm': start`, `card 'deploy',
    option 'now': label` (items by their id, not by their place in a list)."""
    parts: list[str] = []
    node: Any = item
    rest = real
    if len(prefix) == 2 and isinstance(prefix[1], int) and real[:2] == prefix:
        ident = item.get("id") if isinstance(item, dict) else None
        what = str(prefix[0]).removesuffix("s").replace("_", " ")
        parts.append(f"{what} '{ident}'" if isinstance(ident, str) else f"{what} {prefix[1] + 1}")
        rest = real[2:]
    elif len(prefix) == 1 and real[:1] == prefix:
        node = {prefix[0]: item}
    else:
        node = None
    field = ""
    for k, step in enumerate(rest):
        last = k == len(rest) - 1
        child = node[step] if _has(node, step) else None
        if isinstance(step, int):
            ident = child.get("id") if isinstance(child, dict) else None
            name = str(parts.pop()) if parts and not parts[-1].endswith("'") else "item"
            name = name.removesuffix("s").replace("_", " ")
            parts.append(f"{name} '{ident}'" if isinstance(ident, str) else f"{name} {step + 1}")
        elif last:
            field = str(step)
        else:
            parts.append(str(step))
        node = child
    if not field and parts:
        field = parts.pop()
    head = ", ".join(parts)
    return f"{head}: {field}" if head and field else head or field or "the file"


def _has(node: Any, step: Any) -> bool:
    if isinstance(node, dict):
        return step in node
    return isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)


def _key_hint(loc: tuple[Any, ...]) -> str:
    parent_fields = fields_at(loc[:-1])
    if not parent_fields:
        return ""
    return _suggest(str(loc[-1]), parent_fields)


def fields_at(loc: tuple[Any, ...]) -> list[str]:
    """The keys a content file allows at path `loc` (list indexes skipped); [] if none."""
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
    if isinstance(annotation, type) and issubclass(annotation, m.Model):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
