"""`redline lsp`: a language server for scenario authors, over stdio (pygls).

Diagnostics come from the same checks as `redline validate` (`validate_paths`, errors and
warnings with their RL codes), run on the scenario folder with the editor's unsaved
buffers read in place of the files (`loader.OVERLAY`). Ids come from `authoring.index`,
built from the YAML as typed. Rename is deliberately not offered: an edit across files the
author does not see is a silent edit.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lsprotocol import types as t
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from redline import __version__, safeio
from redline.authoring.index import EXPR_KEYS, Index, build_index
from redline.authoring.words import in_words
from redline.content.errors import ContentError, ContentErrors
from redline.content.expr import FUNCTIONS, SPECIALS
from redline.content.loader import OVERLAY, load_scenario, scenario_files
from redline.content.placement import fields_at
from redline.content.validate import validate_paths
from redline.content.yamlread import MAX_BYTES

SUGGESTION = re.compile(r"did you mean '([^']+)'")
QUOTED = re.compile(r"'([^']+)'")
WORD = re.compile(r"[A-Za-z0-9_.\-]+")
KEY_LINE = re.compile(r"^(\s*)(-\s+)?([A-Za-z_][\w-]*)\s*:")
EXPR_CONTEXT = re.compile(r"\b(" + "|".join(sorted(EXPR_KEYS)) + r")\s*:\s*[\"']?([^\"'#]*)$")
VALUE_CONTEXTS = [
    (re.compile(r"\brole\s*:\s*[\w-]*$"), "role"),
    (re.compile(r"\bmeter\s*:\s*[\w-]*$"), "meter"),
    (re.compile(r"\btag\s*:\s*[\w-]*$|\btags\s*:\s*\[[^\]]*$"), "tag"),
    (re.compile(r"\bchoices\s*:\s*\[[^\]]*$"), "option"),
    (re.compile(r"\bending\s*:\s*[\w-]*$"), "ending"),
    (re.compile(r"\b(?:not_)?crossed\s*:\s*\[[^\]]*$"), "red_line"),
    (re.compile(r"\ballies_(?:in|out)\s*:\s*\[[^\]]*$"), "ally"),
]
EFFECTS_INLINE = re.compile(r"\beffects\s*:\s*\{[^}]*$")

server = LanguageServer("redline", __version__, text_document_sync_kind=t.TextDocumentSyncKind.Full)


# ---- the scenario of a file -----------------------------------------------------------


def scenario_folder(path: Path) -> Path | None:
    """The scenario (or pack) folder a content file belongs to: the nearest folder above it
    with a `scenario.yaml`."""
    for folder in [path.parent, *path.parent.parents]:
        if (folder / "scenario.yaml").is_file():
            return folder
    return None


def _overlay(ls: LanguageServer) -> dict[Path, str]:
    docs = ls.workspace.text_documents.values()
    return {Path(to_fs_path(d.uri) or d.uri).resolve(): d.source for d in docs}


def _index(ls: LanguageServer, folder: Path) -> Index:
    token = OVERLAY.set(_overlay(ls))
    try:
        return build_index(folder)
    finally:
        OVERLAY.reset(token)


def _lines(ls: LanguageServer, path: Path) -> list[str]:
    uri = from_fs_path(str(path))
    doc = ls.workspace.text_documents.get(uri) if uri else None
    if doc is not None:
        return doc.source.splitlines()
    try:  # bounded, and only a regular file: a pipe named *.yaml would hang the server
        return safeio.read_text(path, MAX_BYTES).splitlines()
    except (OSError, UnicodeDecodeError):
        return []


# ---- diagnostics ----------------------------------------------------------------------


def check(ls: LanguageServer, folder: Path) -> dict[Path, list[t.Diagnostic]]:
    """Every problem of the scenario in `folder`, by file, as `validate` finds them."""
    token = OVERLAY.set(_overlay(ls))
    try:
        result = validate_paths([folder.resolve()])
    finally:
        OVERLAY.reset(token)
    by_file: dict[Path, list[t.Diagnostic]] = {p.resolve(): [] for p in scenario_files(folder)}
    for problem in result.problems:
        path = Path(problem.file)
        path = (path if path.is_absolute() else Path.cwd() / path).resolve()
        by_file.setdefault(path, []).append(_diagnostic(problem, _lines(ls, path)))
    return by_file


def _diagnostic(problem: ContentError, lines: list[str]) -> t.Diagnostic:
    line, col = max(problem.line - 1, 0), max(problem.col - 1, 0)
    text = lines[line] if line < len(lines) else ""
    length = 0
    for name in QUOTED.findall(problem.message)[:1]:
        if text[col : col + len(name)] == name:
            length = len(name)
    if not length:
        m = WORD.match(text, col)
        length = len(m.group(0)) if m else max(len(text) - col, 1)
    severity = t.DiagnosticSeverity.Warning if problem.severity == "warning" else t.DiagnosticSeverity.Error
    rng = t.Range(t.Position(line, col), t.Position(line, col + length))
    suggestion = SUGGESTION.search(problem.message)
    return t.Diagnostic(
        rng,
        problem.message,
        severity=severity,
        code=problem.code,
        source="redline",
        data={"suggestion": suggestion.group(1)} if suggestion else None,
    )


def publish(ls: LanguageServer, uri: str) -> None:
    path = Path(to_fs_path(uri) or uri)
    folder = scenario_folder(path)
    if folder is None:
        return
    for file, diagnostics in check(ls, folder).items():
        target = from_fs_path(str(file))
        if target:
            ls.text_document_publish_diagnostics(
                t.PublishDiagnosticsParams(uri=target, diagnostics=diagnostics)
            )


@server.feature(t.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: LanguageServer, params: t.DidOpenTextDocumentParams) -> None:
    publish(ls, params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: LanguageServer, params: t.DidChangeTextDocumentParams) -> None:
    publish(ls, params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: LanguageServer, params: t.DidSaveTextDocumentParams) -> None:
    publish(ls, params.text_document.uri)


# ---- quick fixes ----------------------------------------------------------------------


@server.feature(
    t.TEXT_DOCUMENT_CODE_ACTION, t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix])
)
def code_actions(ls: LanguageServer, params: t.CodeActionParams) -> list[t.CodeAction]:
    """Did-you-mean: replace the unknown name with the one suggested. Shown, never applied
    without the author choosing it."""
    actions = []
    for diag in params.context.diagnostics:
        m = SUGGESTION.search(diag.message)
        if not m:
            continue
        edit = t.TextEdit(diag.range, m.group(1))
        actions.append(
            t.CodeAction(
                title=f"Change to '{m.group(1)}'",
                kind=t.CodeActionKind.QuickFix,
                diagnostics=[diag],
                is_preferred=True,
                edit=t.WorkspaceEdit(changes={params.text_document.uri: [edit]}),
            )
        )
    return actions


# ---- where an id is defined and used --------------------------------------------------


def _symbol_at(ls: LanguageServer, uri: str, pos: t.Position) -> tuple[Index, tuple[str, str] | None]:
    path = Path(to_fs_path(uri) or uri)
    folder = scenario_folder(path)
    if folder is None:
        return Index(path.parent), None
    index = _index(ls, folder)
    return index, index.at(path, pos.line + 1, pos.character + 1)


def _location(spot: Any) -> t.Location:
    line, col = max(spot.line - 1, 0), max(spot.col - 1, 0)  # (0, 0) marks: the file's top
    start = t.Position(line, col)
    end = t.Position(line, col + spot.length)
    return t.Location(from_fs_path(str(spot.file)) or str(spot.file), t.Range(start, end))


@server.feature(t.TEXT_DOCUMENT_DEFINITION)
def definition(ls: LanguageServer, params: t.DefinitionParams) -> list[t.Location] | None:
    index, symbol = _symbol_at(ls, params.text_document.uri, params.position)
    if symbol is None:
        return None
    return [_location(d.spot) for d in index.defined(*symbol)] or None


@server.feature(t.TEXT_DOCUMENT_REFERENCES)
def references(ls: LanguageServer, params: t.ReferenceParams) -> list[t.Location] | None:
    index, symbol = _symbol_at(ls, params.text_document.uri, params.position)
    if symbol is None:
        return None
    spots = [u.spot for u in index.uses_of(*symbol)]
    if params.context.include_declaration:
        spots = [d.spot for d in index.defined(*symbol)] + spots
    return [_location(s) for s in spots]


# ---- hover ----------------------------------------------------------------------------


def labels(index: Index) -> dict[str, str]:
    out = {}
    for (kind, id_), defs in index.definitions.items():
        data = defs[0].data
        if kind in ("meter", "flag") and data.get("label"):
            out[id_] = str(data["label"])
        elif kind == "ally" and data.get("name"):
            out[f"ally.{id_}"] = str(data["name"])
        elif kind == "red_line" and data.get("label"):
            out[f"crossed.{id_}"] = str(data["label"])
    return out


def _owners(index: Index, kind: str, id_: str, how: str) -> str:
    owners = list(dict.fromkeys(str(u.owner) for u in index.uses_of(kind, id_) if u.how == how))
    return ", ".join(owners) if owners else "nothing"


def describe(index: Index, kind: str, id_: str, folder: Path | None = None) -> str:
    """What an author wants to know about an id, in Markdown."""
    defs = index.defined(kind, id_)
    data = defs[0].data if defs else {}
    words = labels(index)
    head = f"**{kind.replace('_', ' ')}** `{id_}`"
    lines = [
        head
        + (f" — {data.get('label') or data.get('name') or data.get('title')}" if data else " (not defined)")
    ]
    if kind == "meter" and data:
        lines.append(f"range {data.get('min', 0)}–{data.get('max', 100)}, starts at {data.get('start')}")
        reached = _reach(folder, id_) if folder else None
        if reached:
            lines.append(f"can reach {reached} in play")
        lines.append(f"changed by: {_owners(index, kind, id_, 'sets')}")
        lines.append(f"read by: {_owners(index, kind, id_, 'reads')}")
    elif kind == "flag":
        lines.append(f"starts {str(data.get('start', False)).lower()}")
        lines.append(f"set by: {_owners(index, kind, id_, 'sets')}")
        lines.append(f"read by: {_owners(index, kind, id_, 'reads')}")
    elif kind == "ally" and data:
        lines.append(f"support {data.get('support')}, leaves below {data.get('threshold', 0)}")
        lines.append(f"changed by: {_owners(index, kind, id_, 'sets')}")
        tags = [str(r.get("tag")) for r in data.get("reactions", []) if isinstance(r, dict)]
        if tags:
            lines.append("reacts to: " + ", ".join(tags))
    elif kind == "tag":
        lines.append(f"carried by: {_owners(index, kind, id_, 'refers')}")
    for key in ("when", "crossed"):
        if isinstance(data.get(key), str):
            lines.append(f"{key}: {in_words(data[key], words)}")
    if data.get("text") and kind in ("card", "event", "ending"):
        lines.append(str(data["text"]).strip()[:300])
    return "\n\n".join(lines)


def _reach(folder: Path, meter: str) -> str | None:
    try:
        from redline.content.ranges import reach

        return str(reach(load_scenario(folder)).meters[meter])
    except (ContentErrors, KeyError):
        return None


@server.feature(t.TEXT_DOCUMENT_HOVER)
def hover(ls: LanguageServer, params: t.HoverParams) -> t.Hover | None:
    index, symbol = _symbol_at(ls, params.text_document.uri, params.position)
    path = Path(to_fs_path(params.text_document.uri) or "")
    if symbol is not None:
        text = describe(index, *symbol, folder=scenario_folder(path))
        return t.Hover(t.MarkupContent(t.MarkupKind.Markdown, text))
    line, col = params.position.line + 1, params.position.character + 1
    for spot, expr, _, key in index.expressions:
        if (
            spot.file == path.resolve()
            and spot.line == line
            and spot.col - 8 <= col <= spot.col + spot.length
        ):
            return t.Hover(t.MarkupContent(t.MarkupKind.Markdown, f"{key}: {in_words(expr, labels(index))}"))
    return None


# ---- completion -----------------------------------------------------------------------


def _items(names: list[str], kind: t.CompletionItemKind, detail: str) -> list[t.CompletionItem]:
    return [t.CompletionItem(label=n, kind=kind, detail=detail) for n in names]


def _expression_items(index: Index, typed: str) -> list[t.CompletionItem]:
    word = re.search(r"[\w.]*$", typed)
    prefix = word.group(0) if word else ""
    if prefix.startswith("ally."):
        rest = prefix[5:]
        if "." in rest:
            return _items(["support", "in", "out"], t.CompletionItemKind.Property, "ally")
        return _items(index.ids("ally"), t.CompletionItemKind.Variable, "ally")
    if prefix.startswith("crossed."):
        return _items(index.ids("red_line"), t.CompletionItemKind.Variable, "red line")
    return [
        *_items(index.ids("meter"), t.CompletionItemKind.Variable, "meter"),
        *_items(index.ids("flag"), t.CompletionItemKind.Variable, "flag"),
        *_items(sorted(SPECIALS), t.CompletionItemKind.Constant, "game value"),
        *_items(list(FUNCTIONS), t.CompletionItemKind.Function, "function"),
        *_items(["ally.", "crossed.", "and", "or", "not"], t.CompletionItemKind.Keyword, ""),
    ]


def _parents(lines: list[str], row: int, col: int) -> list[str]:
    """The chain of keys above a position (`cards`, `options`, ...), read by indentation."""
    chain: list[str] = []
    for i in range(row - 1, -1, -1):
        m = KEY_LINE.match(lines[i])
        if not m:
            continue
        key_col = len(m.group(1)) + len(m.group(2) or "")
        if key_col < col and lines[i].rstrip().endswith(":"):
            chain.append(m.group(3))
            col = key_col
            if col == 0:
                break
    return list(reversed(chain))


@server.feature(t.TEXT_DOCUMENT_COMPLETION, t.CompletionOptions(trigger_characters=[".", " ", "[", ","]))
def completion(ls: LanguageServer, params: t.CompletionParams) -> t.CompletionList:
    path = Path(to_fs_path(params.text_document.uri) or "")
    folder = scenario_folder(path)
    index = _index(ls, folder) if folder else Index(path.parent)
    lines = _lines(ls, path)
    row, col = params.position.line, params.position.character
    typed = lines[row][:col] if row < len(lines) else ""
    m = EXPR_CONTEXT.search(typed)
    if m:
        return t.CompletionList(is_incomplete=False, items=_expression_items(index, m.group(2)))
    for pattern, kind in VALUE_CONTEXTS:
        if pattern.search(typed):
            return t.CompletionList(
                is_incomplete=False, items=_items(_ids_of(index, kind), t.CompletionItemKind.Value, kind)
            )
    parents = _parents(lines, row, len(typed) - len(typed.lstrip(" -")))
    if EFFECTS_INLINE.search(typed) or (parents and parents[-1] == "effects"):
        targets = index.ids("meter") + index.ids("flag") + [f"ally.{a}" for a in index.ids("ally")]
        return t.CompletionList(
            is_incomplete=False, items=_items(targets, t.CompletionItemKind.Field, "effect target")
        )
    if re.fullmatch(r"\s*(-\s+)?[\w]*", typed):
        fields = (
            fields_at(tuple(parents))
            if parents
            else [
                "pack",
                "scenario",
                "kremlin",
                "meters",
                "flags",
                "allies",
                "red_lines",
                "cards",
                "events",
                "endings",
            ]
        )
        return t.CompletionList(
            is_incomplete=False, items=_items(list(fields), t.CompletionItemKind.Property, "key")
        )
    return t.CompletionList(is_incomplete=False, items=[])


def _ids_of(index: Index, kind: str) -> list[str]:
    if kind == "tag":
        return sorted({u.id for u in index.uses if u.kind == "tag"})
    if kind == "role":
        return index.ids("role")
    return index.ids(kind)


def main() -> int:
    server.start_io()
    return 0
