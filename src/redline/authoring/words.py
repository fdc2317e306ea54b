"""A condition in plain words, for an author's hover: `escalation >= 60 and not deployed`
becomes "Kremlin escalation is at least 60 and not: Troops deployed".

Walks the same checked tree the loader builds; names it does not know are shown as written.
"""

from __future__ import annotations

import ast
from typing import Any

from redline.content.expr import _ALLY_IN, SPECIALS, dotted_parts
from redline.plural import possessive

_CMP = {
    ast.Lt: "is below",
    ast.LtE: "is at most",
    ast.Gt: "is above",
    ast.GtE: "is at least",
    ast.Eq: "is",
    ast.NotEq: "is not",
}
_OPS = {
    ast.Add: "plus",
    ast.Sub: "minus",
    ast.Mult: "times",
    ast.Div: "divided by",
    ast.FloorDiv: "divided by",
    ast.Mod: "modulo",
    ast.Pow: "to the power",
}


def in_words(text: str, labels: dict[str, str] | None = None) -> str:
    """`text` read aloud; `labels` gives names their labels ("escalation" -> "Kremlin escalation")."""
    labels = labels or {}
    try:
        tree = ast.parse(_ALLY_IN.sub(".in_", text.strip()), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return text
    try:
        return _say(tree.body, labels)
    except RecursionError:
        return text


def _say(node: ast.AST, labels: dict[str, str]) -> str:
    say = lambda n: _say(n, labels)  # noqa: E731
    if isinstance(node, ast.Constant):
        return _value(node.value)
    if isinstance(node, ast.Name):
        if node.id in ("true", "True", "false", "False"):
            return node.id.lower()
        if node.id in SPECIALS:
            return SPECIALS[node.id].split(",")[0].split(" (")[0]
        return labels.get(node.id, node.id)
    if isinstance(node, ast.Attribute):
        parts = dotted_parts(node) or []
        if len(parts) >= 2 and parts[0] == "ally":
            name = labels.get(f"ally.{parts[1]}", parts[1])
            attr = parts[2] if len(parts) == 3 else "support"
            return {"in": f"{name} is still in", "out": f"{name} has left"}.get(
                attr, f"{possessive(name)} support"
            )
        if len(parts) == 2 and parts[0] == "crossed":
            return f"the red line “{labels.get(f'crossed.{parts[1]}', parts[1])}” has been crossed"
        return ".".join(parts)
    if isinstance(node, ast.BoolOp):
        joiner = " and " if isinstance(node.op, ast.And) else " or "
        return joiner.join(_group(v, labels) for v in node.values)
    if isinstance(node, ast.UnaryOp):
        if isinstance(node.op, ast.Not):
            return f"not: {_group(node.operand, labels)}"
        return f"minus {say(node.operand)}" if isinstance(node.op, ast.USub) else say(node.operand)
    if isinstance(node, ast.Compare):
        values = [node.left, *node.comparators]
        return " and ".join(
            f"{say(values[i])} {_CMP.get(type(op), '?')} {say(values[i + 1])}"
            for i, op in enumerate(node.ops)
        )
    if isinstance(node, ast.BinOp):
        return f"{say(node.left)} {_OPS.get(type(node.op), '?')} {say(node.right)}"
    if isinstance(node, ast.IfExp):
        return f"{say(node.body)} if {say(node.test)}, else {say(node.orelse)}"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        args = ", ".join(say(a) for a in node.args)
        words = {
            "min": "the least of",
            "max": "the most of",
            "abs": "the size of",
            "round": "rounded",
            "clamp": "kept within bounds:",
        }
        return f"{words.get(node.func.id, node.func.id)} ({args})"
    return ast.unparse(node)


def _group(node: ast.AST, labels: dict[str, str]) -> str:
    text = _say(node, labels)
    return f"({text})" if isinstance(node, ast.BoolOp) else text


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)
