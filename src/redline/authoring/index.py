"""Every id of a scenario folder: where it is defined and every place it is used.

Built from the YAML itself (not the compiled scenario), so it works on content that does not
load yet — the language server indexes what the author is typing. Expressions are parsed
with the same parser as the loader (`ast`, with `ally.X.in` read as the game reads it) and
only walked, never compiled or run.

A use is a `Use`: where it is, which id it names, and what the item around it does with
it — `reads` (a condition, chance or formula), `sets` (an effect), or `refers` (a role, a
tag, a test's choice). `redline where`, `redline graph` and `redline lsp` all read this.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redline.content.errors import ContentErrors
from redline.content.expr import _ALLY_IN, SPECIALS, dotted_parts
from redline.content.linker import one_line
from redline.content.loader import _read_overlaid, scenario_files
from redline.content.yamlread import Marks, locate

# Keys whose text values are expressions.
EXPR_KEYS = frozenset({"when", "chance", "weight", "crossed", "proximity", "score", "act_chance"})
# The kind of id each list section defines.
KIND_OF = {
    "meters": "meter",
    "flags": "flag",
    "allies": "ally",
    "red_lines": "red_line",
    "cards": "card",
    "events": "event",
    "endings": "ending",
}
KINDS = (*KIND_OF.values(), "option", "role", "tag", "rung", "response")


@dataclass(frozen=True, order=True)
class Spot:
    """A place in a file: 1-based line and column, and how many characters it spans."""

    file: Path
    line: int
    col: int
    length: int

    def contains(self, line: int, col: int) -> bool:
        return self.line == line and self.col <= col <= self.col + self.length

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Owner:
    """The item a use sits in: ("cards", "deploy"), ("events", "storm"), ("scenario", "")."""

    section: str
    id: str

    def __str__(self) -> str:
        if self.section in ("scenario", "kremlin"):
            return {"scenario": "the scenario", "kremlin": "Moscow's ladder"}[self.section]
        what = {"allies": "ally", "red_lines": "red line"}.get(self.section, self.section[:-1])
        return f"{what} '{self.id}'"


@dataclass(frozen=True)
class Use:
    spot: Spot
    kind: str
    id: str
    how: str  # reads | sets | refers
    owner: Owner
    where: str = ""  # the key it sits under: when, effects, choices, ...


@dataclass
class Definition:
    spot: Spot
    kind: str
    id: str
    data: dict[str, Any]  # the item as written
    owner: Owner


@dataclass
class Index:
    folder: Path
    definitions: dict[tuple[str, str], list[Definition]] = field(default_factory=dict)
    uses: list[Use] = field(default_factory=list)
    expressions: list[tuple[Spot, str, Owner, str]] = field(default_factory=list)  # spot, text, owner, key

    def ids(self, kind: str) -> list[str]:
        return sorted(i for k, i in self.definitions if k == kind)

    def defined(self, kind: str, id_: str) -> list[Definition]:
        return self.definitions.get((kind, id_), [])

    def uses_of(self, kind: str, id_: str) -> list[Use]:
        return [u for u in self.uses if u.kind == kind and u.id == id_]

    def at(self, file: Path, line: int, col: int) -> tuple[str, str] | None:
        """The id under a position (a definition or a use), if any."""
        file = file.resolve()
        for defs in self.definitions.values():
            for d in defs:
                if d.spot.file == file and d.spot.contains(line, col):
                    return d.kind, d.id
        for u in self.uses:
            if u.spot.file == file and u.spot.contains(line, col):
                return u.kind, u.id
        return None


def build_index(folder: Path, extra: list[Path] | None = None) -> Index:
    """The index of the scenario in `folder` (and of pack folders in `extra`)."""
    index = Index(folder.resolve())
    for layer in [folder, *(extra or [])]:
        for path in scenario_files(layer):
            try:
                data, values, keys = _read_overlaid(path, str(path))
            except ContentErrors:
                continue  # unreadable: its problems are the loader's to report
            if isinstance(data, dict):
                _File(index, path.resolve(), values, keys).walk(data)
    _resolve_names(index)
    return index


class _File:
    def __init__(self, index: Index, path: Path, values: Marks, keys: Marks) -> None:
        self.index, self.path, self.values, self.keys = index, path, values, keys

    def spot(self, at: tuple[Any, ...], text: str, key: bool = False) -> Spot:
        line, col = (self.keys if key else self.values).get(at, (0, 0))
        return Spot(self.path, line, col, len(text))

    def define(self, kind: str, id_: str, at: tuple[Any, ...], data: dict[str, Any], owner: Owner) -> None:
        d = Definition(self.spot((*at, "id"), id_), kind, id_, data, owner)
        self.index.definitions.setdefault((kind, id_), []).append(d)

    def use(self, kind: str, id_: str, spot: Spot, how: str, owner: Owner, where: str) -> None:
        self.index.uses.append(Use(spot, kind, id_, how, owner, where))

    def walk(self, data: dict[str, Any]) -> None:
        for section, value in data.items():
            if section in KIND_OF and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, dict) and isinstance(item.get("id"), str):
                        owner = Owner(section, item["id"])
                        self.define(KIND_OF[section], item["id"], (section, i), item, owner)
                        self.item(item, (section, i), owner, section)
            elif section == "scenario" and isinstance(value, dict):
                owner = Owner("scenario", "")
                for i, role in enumerate(_list(value.get("roles"))):
                    if isinstance(role, dict) and isinstance(role.get("id"), str):
                        self.define("role", role["id"], ("scenario", "roles", i), role, owner)
                self.item(value, ("scenario",), owner, "scenario")
                self.tests(value, owner)
            elif section == "kremlin" and isinstance(value, dict):
                owner = Owner("kremlin", "")
                if isinstance(value.get("meter"), str):
                    spot = self.spot(("kremlin", "meter"), value["meter"])
                    self.use("meter", value["meter"], spot, "refers", owner, "meter")
                self.expressions(value, ("kremlin",), owner, skip={"ladder"})
                for ri, rung in enumerate(_list(value.get("ladder"))):
                    if not isinstance(rung, dict):
                        continue
                    if isinstance(rung.get("id"), str):
                        self.define("rung", rung["id"], ("kremlin", "ladder", ri), rung, owner)
                    for si, resp in enumerate(_list(rung.get("responses"))):
                        if isinstance(resp, dict) and isinstance(resp.get("id"), str):
                            at = ("kremlin", "ladder", ri, "responses", si)
                            r_owner = Owner("responses", resp["id"])
                            self.define("response", resp["id"], at, resp, r_owner)
                            self.item(resp, at, r_owner, "responses")

    def item(self, item: dict[str, Any], at: tuple[Any, ...], owner: Owner, section: str) -> None:
        if section == "cards":
            if isinstance(item.get("role"), str):
                self.use(
                    "role", item["role"], self.spot((*at, "role"), item["role"]), "refers", owner, "role"
                )
            for oi, option in enumerate(_list(item.get("options"))):
                if isinstance(option, dict) and isinstance(option.get("id"), str):
                    full = f"{item['id']}.{option['id']}"
                    d = Definition(
                        self.spot((*at, "options", oi, "id"), option["id"]), "option", full, option, owner
                    )
                    self.index.definitions.setdefault(("option", full), []).append(d)
                if isinstance(option, dict):
                    for ti, tag in enumerate(_list(option.get("tags"))):
                        if isinstance(tag, str):
                            spot = self.spot((*at, "options", oi, "tags", ti), tag)
                            self.use("tag", tag, spot, "refers", owner, "tags")
        if section == "allies":
            for ri, r in enumerate(_list(item.get("reactions"))):
                if isinstance(r, dict) and isinstance(r.get("tag"), str):
                    spot = self.spot((*at, "reactions", ri, "tag"), r["tag"])
                    self.use("tag", r["tag"], spot, "refers", owner, "reactions")
        self.expressions(item, at, owner)

    def expressions(
        self,
        value: Any,
        at: tuple[Any, ...],
        owner: Owner,
        key: str = "",
        skip: frozenset[str] | set[str] = frozenset(),
    ) -> None:
        """Every expression and effect under `value`, recursively."""
        if isinstance(value, dict):
            for k, v in value.items():
                if k in skip or k in ("sources", "tests", "balance", "roles"):
                    continue
                if k == "effects" and isinstance(v, dict):
                    for target, amount in v.items():
                        self.effect(str(target), amount, (*at, k, target), owner)
                elif k in EXPR_KEYS and isinstance(v, str):
                    self.expression(v, (*at, k), owner, k)
                else:
                    self.expressions(v, (*at, k), owner, k)
        elif isinstance(value, list):
            for i, v in enumerate(value):
                self.expressions(v, (*at, i), owner, key)

    def effect(self, target: str, amount: Any, at: tuple[Any, ...], owner: Owner) -> None:
        spot = self.spot(at, target, key=True)
        if target.startswith("ally."):
            ally = target[5:].removesuffix(".support")
            spot = Spot(spot.file, spot.line, spot.col + 5, len(ally))
            self.use("ally", ally, spot, "sets", owner, "effects")
        else:
            self.use("name", target, spot, "sets", owner, "effects")
        if isinstance(amount, str):
            self.expression(amount, at, owner, "effects")

    def expression(self, text: str, at: tuple[Any, ...], owner: Owner, key: str) -> None:
        line, col = self.values.get(at, (0, 0))
        start = Spot(self.path, line, col, len(text))
        self.index.expressions.append((start, text, owner, key))
        # An expression may run over several lines (a `>` or `|` block, quoted text that
        # wraps): each name is placed through the written text, not at the first line's column.
        for kind, name, offset in names_in(one_line(text)):
            at_line, at_col = locate(self.values, at, text, offset) or (line, col + offset)
            self.use(kind, name, Spot(self.path, at_line, at_col, len(name)), "reads", owner, key)

    def tests(self, info: dict[str, Any], owner: Owner) -> None:
        for ti, test in enumerate(_list(info.get("tests"))):
            if not isinstance(test, dict):
                continue
            at = ("scenario", "tests", ti)
            for ci, choice in enumerate(_list(test.get("choices"))):
                if isinstance(choice, str):
                    card, _, _ = choice.partition(".")
                    spot = self.spot((*at, "choices", ci), choice)
                    self.use(
                        "card",
                        card,
                        Spot(spot.file, spot.line, spot.col, len(card)),
                        "refers",
                        owner,
                        "tests",
                    )
                    self.use("option", choice, spot, "refers", owner, "tests")
            expect = test.get("expect")
            if not isinstance(expect, dict):
                continue
            if isinstance(expect.get("ending"), str):
                spot = self.spot((*at, "expect", "ending"), expect["ending"])
                self.use("ending", expect["ending"], spot, "refers", owner, "tests")
            for mid in expect.get("meters") or {}:
                if isinstance(mid, str):
                    self.use(
                        "meter",
                        mid,
                        self.spot((*at, "expect", "meters", mid), mid, key=True),
                        "refers",
                        owner,
                        "tests",
                    )
            for key, kind in (
                ("crossed", "red_line"),
                ("not_crossed", "red_line"),
                ("allies_in", "ally"),
                ("allies_out", "ally"),
            ):
                for i, x in enumerate(_list(expect.get(key))):
                    if isinstance(x, str):
                        self.use(kind, x, self.spot((*at, "expect", key, i), x), "refers", owner, "tests")
        for gi, gate in enumerate(_list(info.get("balance"))):
            if isinstance(gate, dict):
                for eid in gate.get("ending_min") or {}:
                    if isinstance(eid, str):
                        spot = self.spot(("scenario", "balance", gi, "ending_min", eid), eid, key=True)
                        self.use("ending", eid, spot, "refers", owner, "balance")


def names_in(text: str) -> Iterator[tuple[str, str, int]]:
    """(kind, id, column offset) of every id an expression names; `kind` is "name" for a
    plain name (a meter or a flag: resolved against the index later). Nothing on error."""
    source = text.strip()
    lead = len(text) - len(text.lstrip())
    try:
        tree = ast.parse(_ALLY_IN.sub(".in_", source), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return
    inner = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}  # a.b of a.b.c
    for node in ast.walk(tree):
        if id(node) in inner:
            continue
        if isinstance(node, ast.Attribute):
            parts = dotted_parts(node)
            if not parts or len(parts) < 2:
                continue
            if parts[0] == "ally" and len(parts) in (2, 3):
                yield "ally", parts[1], lead + node.col_offset + 5
            elif parts[0] == "crossed" and len(parts) == 2:
                yield "red_line", parts[1], lead + node.col_offset + 8
        elif (
            isinstance(node, ast.Name)
            and node.id not in SPECIALS
            and node.id not in ("true", "false", "True", "False")
        ):
            if node.id in ("ally", "crossed", "min", "max", "abs", "clamp", "round"):
                continue
            yield "name", node.id, lead + node.col_offset


def _resolve_names(index: Index) -> None:
    """A plain name is a meter or a flag: whichever the scenario defines (unknown: left as
    "name", for the loader to report)."""
    resolved = []
    for u in index.uses:
        if u.kind == "name":
            kind = (
                "meter"
                if ("meter", u.id) in index.definitions
                else "flag"
                if ("flag", u.id) in index.definitions
                else "name"
            )
            u = Use(u.spot, kind, u.id, u.how, u.owner, u.where)
        resolved.append(u)
    index.uses = resolved


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
