"""`redline graph`: what sets and reads each flag, meter and ally, and which cards unlock which.

Built from `authoring.index` (the YAML as written). Three drawings of the same graph:
DOT text (for Graphviz and other tools), a self-contained HTML page (inline CSS and SVG, no
network), and SVG — Graphviz's own layout when `dot` is installed, else the page's.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, select_autoescape

from redline.authoring.index import Index, Owner
from redline.plural import counted, possessive

STATE_KINDS = ("flag", "meter", "ally")
ITEM_KIND = {
    "cards": "card",
    "events": "event",
    "responses": "response",
    "red_lines": "red_line",
    "endings": "ending",
    "allies": "reactions",  # an ally's reactions read conditions; the ally itself is state
    "scenario": "scenario",
    "kremlin": "kremlin",
}


@dataclass(frozen=True)
class Node:
    key: str  # "card:deploy"
    kind: str
    id: str
    label: str


@dataclass
class Graph:
    title: str
    items: dict[str, Node] = field(default_factory=dict)  # cards, events, ... that act
    state: dict[str, Node] = field(default_factory=dict)  # flags, meters, allies
    sets: set[tuple[str, str]] = field(default_factory=set)  # (item, state)
    reads: set[tuple[str, str]] = field(default_factory=set)  # (state, item)
    unlocks: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (card, card) -> via

    def setters(self, state: str) -> list[str]:
        return sorted(i for i, s in self.sets if s == state)

    def readers(self, state: str) -> list[str]:
        return sorted(i for s, i in self.reads if s == state)


def _label(index: Index, kind: str, id_: str) -> str:
    defs = index.defined(kind, id_)
    data = defs[0].data if defs else {}
    for key in ("title", "label", "name"):
        if data.get(key):
            return str(data[key])
    return id_


def _item(index: Index, graph: Graph, owner: Owner) -> str:
    kind = ITEM_KIND.get(owner.section, owner.section)
    key = f"{kind}:{owner.id}" if owner.id else kind
    if key not in graph.items:
        if kind == "reactions":
            label = f"{possessive(_label(index, 'ally', owner.id))} reactions"
        elif owner.id:
            label = _label(index, kind, owner.id)
        else:
            label = {"scenario": "score", "kremlin": "Moscow"}.get(kind, kind)
        graph.items[key] = Node(key, kind, owner.id, label)
    return key


def build_graph(index: Index, title: str) -> Graph:
    graph = Graph(title)
    for kind in STATE_KINDS:
        for id_ in index.ids(kind):
            graph.state[f"{kind}:{id_}"] = Node(f"{kind}:{id_}", kind, id_, _label(index, kind, id_))
    when_reads: dict[str, set[str]] = {}  # card -> state its conditions read
    for use in index.uses:
        state = f"{use.kind}:{use.id}"
        if use.kind not in STATE_KINDS or state not in graph.state or use.how == "refers":
            continue
        if use.owner.section == "allies" and use.kind == "ally" and use.owner.id == use.id:
            continue  # an ally's own reactions
        item = _item(index, graph, use.owner)
        if use.how == "sets":
            graph.sets.add((item, state))
        else:
            graph.reads.add((state, item))
            if item.startswith("card:") and use.where == "when":
                when_reads.setdefault(item, set()).add(state)
    # Allies react to the tags of the options chosen: a card with a tag moves them too.
    reacting: dict[str, set[str]] = {}
    for use in index.uses:
        if use.kind == "tag" and use.owner.section == "allies":
            reacting.setdefault(use.id, set()).add(f"ally:{use.owner.id}")
    for use in index.uses:
        if use.kind == "tag" and use.owner.section == "cards":
            for ally in reacting.get(use.id, ()):
                if ally in graph.state:
                    graph.sets.add((_item(index, graph, use.owner), ally))
    for reader, states in when_reads.items():
        for state in states:
            for setter in graph.setters(state):
                if setter.startswith("card:") and setter != reader:
                    graph.unlocks.setdefault((setter, reader), set()).add(state)
    return graph


# ---- DOT ----------------------------------------------------------------------------------

SHAPES = {
    "card": "box",
    "event": "note",
    "response": "hexagon",
    "red_line": "octagon",
    "ending": "doubleoctagon",
    "flag": "diamond",
    "meter": "ellipse",
    "ally": "house",
    "scenario": "plaintext",
    "reactions": "invhouse",
    "kremlin": "hexagon",
}


def _q(text: str) -> str:
    """A DOT quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def to_dot(graph: Graph) -> str:
    out = [f"digraph {_q(graph.title)} {{", "  rankdir=LR;", '  node [fontname="Helvetica", fontsize=10];']
    for node in [*graph.items.values(), *graph.state.values()]:
        out.append(f"  {_q(node.key)} [label={_q(node.label)}, shape={SHAPES.get(node.kind, 'box')}];")
    for item, state in sorted(graph.sets):
        out.append(f"  {_q(item)} -> {_q(state)} [label=sets, color=firebrick];")
    for state, item in sorted(graph.reads):
        out.append(f"  {_q(state)} -> {_q(item)} [label=reads, style=dashed, color=steelblue];")
    for (a, b), via in sorted(graph.unlocks.items()):
        out.append(f"  {_q(a)} -> {_q(b)} [label={_q('unlocks via ' + ', '.join(sorted(via)))}, penwidth=2];")
    out.append("}")
    return "\n".join(out) + "\n"


# ---- SVG and HTML ---------------------------------------------------------------------------

ROW = 22
COL_W = 250


def layout_svg(graph: Graph) -> str:
    """Three columns, hand-laid: what sets (left), the state (middle), what reads (right)."""
    from xml.sax.saxutils import escape, quoteattr

    setters = sorted({i for i, _ in graph.sets}, key=lambda k: (graph.items[k].kind, k))
    readers = sorted({i for _, i in graph.reads}, key=lambda k: (graph.items[k].kind, k))
    state = sorted(graph.state, key=lambda k: (graph.state[k].kind, k))
    y = {}
    for col, keys in enumerate((setters, state, readers)):
        for row, key in enumerate(keys):
            y[(col, key)] = 40 + row * ROW
    height = 60 + ROW * max(len(setters), len(state), len(readers), 1)
    width = COL_W * 3 + 200
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="11">',
        '<text x="10" y="20" font-weight="bold">sets</text>',
        f'<text x="{COL_W + 110}" y="20" font-weight="bold">flags, meters, allies</text>',
        f'<text x="{2 * COL_W + 200}" y="20" font-weight="bold">reads</text>',
    ]
    x = (10, COL_W + 110, 2 * COL_W + 200)
    for item, st in sorted(graph.sets):
        parts.append(
            f'<line x1="{x[0] + COL_W - 20}" y1="{y[(0, item)] - 4}" x2="{x[1] - 4}" y2="{y[(1, st)] - 4}" '
            f'stroke="firebrick" stroke-opacity="0.35"><title>{escape(item)} sets {escape(st)}</title></line>'
        )
    for st, item in sorted(graph.reads):
        parts.append(
            f'<line x1="{x[1] + COL_W - 70}" y1="{y[(1, st)] - 4}" x2="{x[2] - 4}" y2="{y[(2, item)] - 4}" '
            f'stroke="steelblue" stroke-dasharray="3 2" stroke-opacity="0.35">'
            f"<title>{escape(item)} reads {escape(st)}</title></line>"
        )
    for col, keys, nodes in ((0, setters, graph.items), (1, state, graph.state), (2, readers, graph.items)):
        for key in keys:
            node = nodes[key]
            text = f"{node.kind.replace('_', ' ')}: {node.label}"[:40]
            parts.append(
                f'<text x="{x[col]}" y="{y[(col, key)]}" id={quoteattr(f"{col}-{key}")}>'
                f"<title>{escape(key)}</title>{escape(text)}</text>"
            )
    parts.append("</svg>")
    return "\n".join(parts)


def to_svg(graph: Graph) -> tuple[str, str | None]:
    """(svg, note): Graphviz's layout when `dot` is installed, else the built-in one and a note."""
    dot = shutil.which("dot")
    if dot:
        try:
            done = subprocess.run(
                [dot, "-Tsvg"], input=to_dot(graph), capture_output=True, text=True, timeout=120
            )
            if done.returncode == 0:
                return done.stdout, None
        except (OSError, subprocess.TimeoutExpired):
            pass
    note = "Graphviz's `dot` is not installed (or failed): drawn with redline's own three-column layout"
    return layout_svg(graph), note


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{{ g.title }} — content graph</title>
<style>
body { font-family: Helvetica, Arial, sans-serif; margin: 2em; color: #222; max-width: 1200px; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 2em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } code { background: #f6f6f6; padding: 0 3px; }
.kind { color: #777; font-size: 0.85em; } .none { color: #b00; }
.svg { overflow-x: auto; border: 1px solid #ddd; padding: 8px; }
</style></head>
<body>
<h1>{{ g.title }}: what sets and reads what</h1>
<p>{{ summary }}.</p>
<h2>Flags, meters and allies</h2>
<table><tr><th>what</th><th>set or changed by</th><th>read by</th></tr>
{% for key, node in state %}
<tr id="{{ key }}"><td><span class="kind">{{ node.kind }}</span> <code>{{ node.id }}</code><br>{{ node.label }}</td>
<td>{% for i in g.setters(key) %}{{ name(i) }}{% if not loop.last %}, {% endif %}{% else %}<span class="none">nothing</span>{% endfor %}</td>
<td>{% for i in g.readers(key) %}{{ name(i) }}{% if not loop.last %}, {% endif %}{% else %}<span class="none">nothing</span>{% endfor %}</td></tr>
{% endfor %}
</table>
<h2>Cards that unlock cards</h2>
<table><tr><th>card</th><th>unlocks</th><th>through</th></tr>
{% for (a, b), via in unlocks %}
<tr><td>{{ name(a) }}</td><td>{{ name(b) }}</td><td>{% for v in via|sort %}{{ name(v) }}{% if not loop.last %}, {% endif %}{% endfor %}</td></tr>
{% else %}<tr><td colspan="3">none</td></tr>{% endfor %}
</table>
<h2>The map</h2>
<div class="svg">{{ svg|safe }}</div>
</body></html>
"""


def to_html(graph: Graph) -> str:
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    nodes = {**graph.items, **graph.state}

    def name(key: str) -> str:
        node = nodes[key]
        return f"{node.kind.replace('_', ' ')} “{node.label}”" if node.id else node.label

    state = sorted(graph.state.items(), key=lambda kv: (kv[1].kind, kv[0]))
    return env.from_string(PAGE).render(
        g=graph,
        summary=summary(graph),
        state=state,
        unlocks=sorted(graph.unlocks.items()),
        name=name,
        svg=layout_svg(graph),
    )


def summary(graph: Graph) -> str:
    """'120 items that act, 40 flags, meters and allies, …, 197 links between cards (45 cards
    unlocked by another card)': every count with its noun in the number it takes."""
    unlocked = len({b for _, b in graph.unlocks})
    return (
        f"{counted(len(graph.items), 'item')} that act, {len(graph.state):,} flags, meters and allies, "
        f"{counted(len(graph.sets), 'effect')}, {counted(len(graph.reads), 'read')}, "
        f"{counted(len(graph.unlocks), 'link')} between cards "
        f"({counted(unlocked, 'card')} unlocked by another card)"
    )


def graph_of(folder: Path, packs: tuple[Path, ...], title: str) -> Graph:
    from redline.authoring.index import build_index

    return build_graph(build_index(folder, list(packs)), title)
