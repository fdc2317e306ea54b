"""Safe YAML reading that remembers where every value came from.

Only plain data is built: mappings, sequences, strings, numbers, booleans and null. Any
other tag (`!!python/object`, `!!binary`, custom tags) is refused, never constructed.
Alias expansion is bounded, in values and in bytes, so an alias bomb is refused instead of
filling memory. Files are read through `safeio` (regular files only, bounded); numbers must
be finite; every string is cleaned of terminal controls (`textsafe`) as it is read, so no
face can show a control sequence that content holds.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from redline import safeio
from redline.content.errors import ContentError, ContentErrors
from redline.textsafe import clean_data, needs_cleaning


class _BracketsOnly(dict):  # type: ignore[type-arg]
    """A `str.translate` table that deletes every character but brackets and braces."""

    def __missing__(self, code: int) -> int | None:
        kept = self[code] = code if chr(code) in "[]{}" else None
        return kept


try:  # The C parser is several times faster; the pure one gives the same nodes.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_NOT_BRACKETS = _BracketsOnly()
MAX_BYTES = 8 * 1024 * 1024
MAX_NODES = 1_000_000  # values in one file, aliases expanded: memory stays bounded
# Text in one file, aliases expanded: one long string aliased a thousand times is small as
# a file and huge as text (every face that shows it, the deck, a report, would copy it).
MAX_EXPANDED_BYTES = 4 * MAX_BYTES
MAX_INT = 2**63  # whole numbers past this are refused: nothing in a scenario is that large
MAX_DEPTH = 64

Path_ = tuple[str | int, ...]
# path -> (line, col) of the value; keys -> (line, col) of the key itself. 1-based.
Marks = dict[Path_, tuple[int, int]]


class MarkTable(dict):  # type: ignore[type-arg]
    """The marks of one file, with the file's text, so that a point inside a value written
    over several lines can be placed on its own line (`locate`)."""

    text: str = ""
    _starts: list[int] | None = None

    def line_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *(m.end() for m in _BREAK.finditer(self.text))]
        return self._starts


_BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")  # what YAML counts as a line break
_SKIPPABLE = frozenset(" \t\r\n\x85\u2028\u2029\\\"'")  # folded breaks, indentation, escapes


def locate(table: Marks, path: Path_, value: str, offset: int) -> tuple[int, int] | None:
    """(line, col) in the file of the character at `offset` in the text `value`, the scalar
    written at `path`; None when that cannot be worked out (no such path, no text).

    A scalar may run over several lines: plain or quoted text folds each line break into a
    space and drops the indentation, a `>` block folds too, a `|` block keeps its breaks.
    The value's characters are followed through the written text in order, skipping what
    YAML leaves out (indentation, folded breaks, the backslash of an escape)."""
    text = getattr(table, "text", "")
    at = table.get(path) if text else None
    if at is None:
        return None
    starts = table.line_starts()  # type: ignore[attr-defined]
    line, col = at
    if not 1 <= line <= len(starts):
        return None
    p = starts[line - 1] + col - 1
    if p >= len(text):
        return None
    if text[p] in "|>":  # a block scalar: its text starts on the line after the header
        brk = _BREAK.search(text, p)
        if brk is None:
            return None
        p = brk.end()
    found = p
    for i in range(min(offset, len(value)) + 1):
        if i == len(value):  # just past the end: after the last character
            found = p
            break
        c = value[i]
        if c.isspace():
            found = p
            if p < len(text) and text[p].isspace():
                p += 1
            continue
        while p < len(text) and text[p] != c:
            if text[p] not in _SKIPPABLE:
                return None  # an escape or a cleaned character: the old way is the best guess
            p += 1
        if p >= len(text):
            return None
        found = p
        p += 1
    line = bisect.bisect_right(starts, found)
    return line, found - starts[line - 1] + 1


PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_scalar = SafeConstructor()


_OMIT = object()  # a value the builder left out: its problem is already noted


def not_finite(value: Any) -> str:
    """Why a number read from a file is refused (see `_finite`)."""
    if value.__class__ is int:
        return f"number too large: a whole number may be at most {MAX_INT:,} either side of 0"
    return "not a finite number (.nan and .inf are not allowed)"


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.values: Marks = MarkTable()
        self.keys: Marks = MarkTable()
        self.count = 0
        # (path, problem) of each value left out, so the file is still checked for the rest.
        self.problems: list[tuple[Path_ | None, ContentError]] = []
        self.left_out: set[Path_] = set()

    def error(self, node: Node, code: str, message: str) -> ContentErrors:
        m = node.start_mark
        return ContentErrors([ContentError(self.file, m.line + 1, m.column + 1, code, message)])

    def problem(self, node: Node, path: Path_ | None, code: str, message: str) -> Any:
        """Note a problem with one value and go on, so the rest of the file is checked too:
        the value is left out (`_OMIT`), and checks of what it should have held are not
        reported again (the loader skips problems under `path`; None: nothing to skip)."""
        m = node.start_mark
        self.problems.append((path, ContentError(self.file, m.line + 1, m.column + 1, code, message)))
        return _OMIT

    def build(self, node: Node, path: Path_, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.error(node, "RL003", "too many values (alias expansion?); refused")
        if depth > MAX_DEPTH:
            raise self.error(node, "RL003", f"nested more than {MAX_DEPTH} levels deep")
        m = node.start_mark
        # For quoted scalars point past the quote, so expression columns line up.
        quoted = isinstance(node, ScalarNode) and node.style in ('"', "'")
        self.values[path] = (m.line + 1, m.column + 1 + quoted)
        if isinstance(node, ScalarNode):
            if node.tag == "tag:yaml.org,2002:timestamp":
                return node.value  # dates stay text: "2025-09-05"
            if node.tag not in PLAIN_TAGS:
                return self.problem(node, path, "RL002", f"tag '{node.tag}' is not allowed in content")
            try:
                build = _SCALARS.get(node.tag)  # not construct_object: it keeps every node
                value = node.value if build is None else build(_scalar, node)
            except (yaml.YAMLError, ValueError, OverflowError) as exc:
                return self.problem(node, path, "RL001", f"cannot read value: {exc}")
            if not _finite(value):
                return self.problem(node, path, "RL001", not_finite(value))
            return value
        if isinstance(node, SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                return self.problem(node, path, "RL002", f"tag '{node.tag}' is not allowed in content")
            items = [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
            return [None if item is _OMIT else item for item in items]  # the indexes stay
        if isinstance(node, MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                return self.problem(node, path, "RL002", f"tag '{node.tag}' is not allowed in content")
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problem(key_node, None, "RL002", "merge keys (<<) are not supported")
                    continue
                if not isinstance(key_node, ScalarNode):
                    self.problem(key_node, None, "RL001", "a key must be plain text")
                    continue
                key = self.build(key_node, (*path, "\0key"), depth + 1)
                if key is _OMIT:
                    continue
                key = str(key)
                if key in out or (*path, key) in self.left_out:
                    # The first one is kept: the rest of the file is checked against it.
                    self.problem(key_node, None, "RL105", f"duplicate key '{key}'")
                    continue
                km = key_node.start_mark
                self.keys[(*path, key)] = (km.line + 1, km.column + 1)
                value = self.build(value_node, (*path, key), depth + 1)
                if value is _OMIT:
                    self.left_out.add((*path, key))
                else:
                    out[key] = value
            return out
        raise self.error(node, "RL001", "unreadable YAML node")  # pragma: no cover


Problems = list[tuple[Path_ | None, ContentError]]


# The parser notices a bracket or quote left open only lines later, where the text goes on:
# the problem is said where the bracket or quote was opened.
_OPENERS = {
    "while parsing a flow sequence": ("[", "]"),
    "while parsing a flow mapping": ("{", "}"),
    "while scanning a quoted scalar": ("quote", "closing quote"),
}


def _unclosed(exc: yaml.MarkedYAMLError) -> tuple[str, int, int] | None:
    """(message, line, col) at the opening of an unclosed [, { or quote; None otherwise."""
    opened, found = exc.context_mark, exc.problem_mark
    pair = _OPENERS.get(exc.context or "")
    if pair is None or opened is None or found is None or found.line <= opened.line:
        return None
    opener, closer = pair
    what = "quote" if opener == "quote" else opener
    return (
        f"unclosed {what} opened at line {opened.line + 1} (no {closer} before line {found.line + 1})",
        opened.line + 1,
        opened.column + 1,
    )


def read_yaml(path: Path, shown: str | None = None) -> tuple[Any, Marks, Marks]:
    """Read one YAML file safely. Returns (data, value marks, key marks); raises
    ContentErrors for any problem."""
    data, values, keys, problems = read_content(path, shown)
    if problems:
        raise ContentErrors([problem for _, problem in problems])
    return data, values, keys


# What YAML refuses to read in a file: control characters but tab and line breaks.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def read_content(path: Path, shown: str | None = None) -> tuple[Any, Marks, Marks, Problems]:
    """Read one YAML file safely: (data, value marks, key marks, problems). ContentErrors
    when the file cannot be read at all; a problem with one value (an unsafe tag, a
    duplicate key, a number out of range) is a problem, with the path of what was left out
    of the data (None: nothing was), so the rest of the file is still checked."""
    file = shown or str(path)

    def fail(code: str, message: str, line: int = 1, col: int = 1) -> ContentErrors:
        return ContentErrors([ContentError(file, line, col, code, message)])

    try:
        raw = safeio.read_bytes(path, MAX_BYTES)
    except safeio.UnsafeRead as exc:
        raise fail("RL003", f"file {exc.strerror}") from None
    except OSError as exc:
        raise fail("RL003", f"cannot read file: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise fail("RL003", "file is not UTF-8 text", line, col) from None
    if not text.strip():
        raise fail("RL003", "file is empty")
    # Cheap pre-check before the recursive composer: flow nesting is the only deep kind.
    depth = deepest = 0
    for ch in text.translate(_NOT_BRACKETS):  # only the brackets are looked at one by one
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    if deepest > MAX_DEPTH:
        raise fail("RL003", f"nested more than {MAX_DEPTH} levels deep")
    # Controls written raw are no YAML (the parser refuses them): each is named where it is.
    # Written as escapes in a quoted string ("\x1b"), they are removed, once, here.
    if needs_cleaning(text) and _NOT_PRINTABLE.search(text):
        raise ContentErrors(_raw_controls(text, file))
    dirty = "\\" in text or needs_cleaning(text)
    data, values, keys = _parse(text, raw, file, fail)
    if data is _OMIT:
        data = None
    problems: Problems = getattr(values, "problems", [])
    return (clean_data(data) if dirty else data), values, keys, problems


def _raw_controls(text: str, file: str, most: int = 20) -> list[ContentError]:
    """A problem at each control character written raw in `text` (the first `most`)."""
    table = MarkTable()
    table.text = text
    starts = table.line_starts()
    out = []
    for found in _NOT_PRINTABLE.finditer(text):
        line = bisect.bisect_right(starts, found.start())
        col = found.start() - starts[line - 1] + 1
        msg = f"a control character (U+{ord(found.group()):04X}) is not allowed in a content file: remove it"
        out.append(ContentError(file, line, col, "RL001", msg))
        if len(out) >= most:
            break
    return out


def _parse(text: str, raw: bytes, file: str, fail: Any) -> tuple[Any, Marks, Marks]:
    if not _ALIAS.search(text):
        # Small files parse faster than a cache file is read.
        digest = hashlib.sha256(raw).hexdigest() if len(raw) >= 32_000 else None
        data = _cache_get(digest) if digest else None
        if data is None:
            try:
                data = _read_plain(text)
            except _TooMany as exc:
                raise fail("RL003", exc.message, exc.line, exc.col) from None
            except _SecondDocument as exc:
                raise fail("RL001", SECOND_DOCUMENT, exc.line, exc.col) from None
            except (yaml.YAMLError, _Refused, RecursionError, ValueError, OverflowError):
                data = None  # the careful path below says exactly what and where
            else:
                if data is None:
                    raise fail("RL003", "file is empty")
                if digest:
                    _cache_put(digest, data)
        if data is not None:
            lazy = _LazyMarks(text)
            return data, lazy.values, lazy.keys
    return _careful(text, file, fail)


# ---- a cache of parsed files, keyed by their bytes -------------------------------------------
# JSON holds exactly the plain data content may contain, and reads many times faster than
# YAML is parsed. A missing or unwritable cache only costs time.

_CACHE_VERSION = "2"  # 2: the fast path refuses deep nesting itself


def cache_dir() -> Path | None:
    if os.environ.get("REDLINE_NO_CACHE"):
        return None
    base = os.environ.get("REDLINE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "redline"
    )
    return Path(base) / "yaml"


def _cache_get(digest: str) -> Any:
    folder = cache_dir()
    if folder is None:
        return None
    try:  # a cache entry is read like any other file: bounded, and only a regular file
        entry = folder / f"{_CACHE_VERSION}-{digest}.json"
        return json.loads(safeio.read_text(entry, 8 * MAX_BYTES), parse_constant=_no_constant)
    except (OSError, ValueError, RecursionError):
        return None


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def _cache_put(digest: str, data: Any) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{_CACHE_VERSION}-{digest}.json"
        safeio.clean_stale_temps(folder)
        tmp = folder / f"{safeio.temp_prefix(target.name)}w{safeio.TEMP_SUFFIX}"
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, target)
    except (OSError, ValueError, TypeError):
        pass


# What the parser's words usually mean in a content file.
_SYNTAX_HINTS = {
    "did not find expected '-' indicator": ": check the indentation of this line and the one above",
    "did not find expected key": ": check the indentation of this line and the one above",
}


def _careful(text: str, file: str, fail: Any) -> tuple[Any, Marks, Marks]:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        msg = exc.problem or exc.context or "syntax error"
        if exc.context == "expected a single document in the stream":
            msg = SECOND_DOCUMENT
        msg += _SYNTAX_HINTS.get(msg, "")
        unclosed = _unclosed(exc)
        if unclosed is not None:
            msg, line, col = unclosed
        raise fail("RL001", msg, line, col) from None
    except yaml.YAMLError as exc:
        raise fail("RL001", str(exc).splitlines()[0]) from None
    except RecursionError:
        raise fail("RL003", "nested too deeply") from None
    if node is None:
        raise fail("RL003", "file is empty")
    too_big = _expands_beyond(node, MAX_NODES)
    if too_big is not None:  # refused before anything is built: an alias bomb costs nothing
        m = too_big.start_mark
        raise fail(
            "RL003",
            f"more than {MAX_NODES:,} values or {MAX_EXPANDED_BYTES // 2**20} MB of text once aliases"
            " are expanded; refused",
            m.line + 1,
            m.column + 1,
        )
    builder = _Builder(file)
    builder.values.text = builder.keys.text = text  # type: ignore[attr-defined]
    builder.values.problems = builder.problems  # type: ignore[attr-defined]
    try:
        data = builder.build(node, (), 0)
    except RecursionError:
        raise fail("RL003", "nested too deeply") from None
    return data, builder.values, builder.keys


def _expands_beyond(root: Node, limit: int, byte_limit: int = MAX_EXPANDED_BYTES) -> Node | None:
    """The deepest node whose value, with aliases expanded, holds more than `limit` values or
    more than `byte_limit` bytes of text, or None. Counted over the composed nodes, where an
    alias is the same node met again, so this costs one visit per distinct node however
    large the expansion."""
    sizes: dict[int, tuple[int, int]] = {}
    worst: list[Node] = []

    def size(node: Node, depth: int) -> tuple[int, int]:
        known = sizes.get(id(node))
        if known is not None:
            return known
        if depth > MAX_DEPTH:
            return 1, 0  # the builder names this spot
        total, text = 1, 8  # a value costs a few bytes however short
        if isinstance(node, ScalarNode):
            text += len(node.value)
        elif isinstance(node, SequenceNode):
            for item in node.value:
                n, b = size(item, depth + 1)
                total, text = total + n, text + b
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                kn, kb = size(key, depth + 1)
                vn, vb = size(value, depth + 1)
                total, text = total + kn + vn, text + kb + vb
        if (total > limit or text > byte_limit) and not worst:
            worst.append(node)  # children are counted first: the first found is the deepest
        sizes[id(node)] = (total, text)
        return total, text

    size(root, 0)
    return worst[0] if worst else None


def _finite(value: Any) -> bool:
    """False for NaN, an infinity, or a whole number too large for any scenario."""
    if value.__class__ is float:
        return math.isfinite(value)
    if value.__class__ is int:
        return -MAX_INT <= value <= MAX_INT
    return True


def _walk_marks(text: str, values: Marks, keys: Marks) -> Iterator[None]:
    """Fill `values` and `keys` from the file's events (the same positions the careful path
    records, without building its nodes), pausing after each one: a message about the
    start of a large file need not wait for, or hold, the positions of all the rest."""
    loader = _FastLoader(text)
    paths: list[Path_] = []  # the path of each open collection
    slots: list[Any] = []  # in each: the next index, or the key whose value comes next
    try:
        while True:
            ev = loader.get_event()
            cls = ev.__class__
            if cls is StreamEndEvent:
                return
            if cls is SequenceEndEvent or cls is MappingEndEvent:
                paths.pop()
                slots.pop()
                _next_slot(paths, slots)
                continue
            if cls is not ScalarEvent and cls is not SequenceStartEvent and cls is not MappingStartEvent:
                continue
            m = ev.start_mark
            quoted = cls is ScalarEvent and ev.style in ('"', "'")
            at = (m.line + 1, m.column + 1 + quoted)
            if not paths:
                path: Path_ = ()
            elif slots[-1].__class__ is int:
                path = (*paths[-1], slots[-1])
            elif slots[-1] is _KEY:  # a key: its own position, and the key's position
                values[(*paths[-1], "\0key")] = at
                keys[(*paths[-1], ev.value)] = (m.line + 1, m.column + 1)
                slots[-1] = ev.value
                yield None
                continue
            else:
                path = (*paths[-1], slots[-1])
            values[path] = at
            yield None
            if cls is ScalarEvent:
                _next_slot(paths, slots)
            else:
                paths.append(path)
                slots.append(0 if cls is SequenceStartEvent else _KEY)
    finally:
        loader.dispose()


_KEY = object()  # in a mapping, waiting for a key


def _next_slot(paths: list[Path_], slots: list[Any]) -> None:
    if slots:
        slot = slots[-1]
        slots[-1] = slot + 1 if slot.__class__ is int else _KEY


# ---- the fast path -------------------------------------------------------------------------
# Most loads are of clean files: build plain data straight from the C loader and work out
# positions only if a problem has to be reported. Files with aliases, odd tags, merge keys
# or duplicate keys take the careful path, which bounds alias expansion and names the spot.

_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s,\]}]")


class _Refused(Exception):
    pass


class _FastLoader(_Loader):  # type: ignore[valid-type,misc]
    """The C parser and composer; only the tag resolution, which the composer asks of Python
    for every value, is remembered: a scenario repeats the same words thousands of times."""

    _resolved: dict[tuple[str, bool], str] = {}

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is not ScalarNode:
            return super().resolve(kind, value, implicit)
        key = (value, implicit[0])
        tag = self._resolved.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(self._resolved) < 100_000:
                self._resolved[key] = tag
        return tag


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_SCALARS = {tag: SafeConstructor.yaml_constructors[tag] for tag in PLAIN_TAGS - {_STR}}


SECOND_DOCUMENT = "a content file holds one YAML document; this is a second one (remove the '---')"


class _SecondDocument(Exception):
    def __init__(self, line: int, col: int) -> None:
        self.line, self.col = line, col


class _TooMany(Exception):
    def __init__(self, line: int, col: int) -> None:
        self.line, self.col = line, col
        self.message = f"more than {MAX_NODES:,} values in one file; refused"


def _read_plain(text: str) -> Any:
    """Plain data from a clean file, or `_Refused` for anything the careful path must judge.

    Built straight from the C parser's events: no tree of nodes is held, so memory follows
    the data, and a file with too many values is stopped as soon as it has them."""
    loader = _FastLoader(text)
    get = loader.get_event
    resolve = loader.resolve
    open_: list[Any] = []  # the collections being filled, innermost last
    pending: list[Any] = []  # in each: for a mapping, the key whose value comes next
    count = 0
    root = None
    documents = 0
    try:
        while True:
            ev = get()
            cls = ev.__class__
            if cls is DocumentStartEvent:
                documents += 1
                if documents > 1:  # never read past: the first document alone is not the file
                    raise _SecondDocument(ev.start_mark.line + 1, ev.start_mark.column + 1)
                continue
            if cls is ScalarEvent:
                tag = ev.tag
                if tag is None or tag == "!":
                    tag = resolve(ScalarNode, ev.value, ev.implicit)
                if tag == _STR:
                    value = ev.value
                elif tag in _SCALARS:
                    value = _SCALARS[tag](_scalar, ScalarNode(tag, ev.value))
                    if not _finite(value):
                        raise _Refused  # the careful path names the spot
                elif tag == "tag:yaml.org,2002:timestamp":
                    value = ev.value  # dates stay text: "2025-09-05"
                else:
                    raise _Refused
            elif cls is SequenceStartEvent or cls is MappingStartEvent:
                if ev.tag not in (None, "!", _SEQ if cls is SequenceStartEvent else _MAP):
                    raise _Refused
                if len(open_) >= MAX_DEPTH:
                    raise _Refused  # the careful path names the spot
                open_.append([] if cls is SequenceStartEvent else {})
                pending.append(_KEY)
                continue
            elif cls is SequenceEndEvent or cls is MappingEndEvent:
                value = open_.pop()
                pending.pop()
            elif cls is StreamEndEvent:
                return root
            elif cls is AliasEvent:
                raise _Refused  # aliases are expanded by the careful path, within a budget
            else:
                continue
            count += 1
            if count > MAX_NODES:
                raise _TooMany(ev.start_mark.line + 1, ev.start_mark.column + 1)
            if not open_:
                root = value
                continue
            into = open_[-1]
            if into.__class__ is list:
                into.append(value)
            elif pending[-1] is _KEY:
                if value.__class__ is not str or tag != _STR or value in into:
                    raise _Refused  # a key that is not text, a merge key, or a duplicate
                pending[-1] = value
            else:
                into[pending[-1]] = value
                pending[-1] = _KEY
    finally:
        loader.dispose()


class _LazyMarks:
    """Positions, worked out on demand from the file's events, only as far as needed."""

    def __init__(self, text: str) -> None:
        self.found: tuple[Marks, Marks] = ({}, {})
        self._walk: Iterator[None] | None = _walk_marks(text, *self.found)
        self.values = _LazyTable(self, 0, text)
        self.keys = _LazyTable(self, 1, text)

    def table(self, which: int, key: Any) -> Marks:
        """The table `which`, read far enough into the file to hold `key` if it is there."""
        table = self.found[which]
        while key not in table and self._walk is not None:
            if next(self._walk, _KEY) is _KEY:  # the end of the file
                self._walk = None
        return table


class _LazyTable(MarkTable):
    def __init__(self, owner: _LazyMarks, which: int, text: str) -> None:
        super().__init__()
        self._owner = owner
        self._which = which
        self.text = text

    def __contains__(self, key: object) -> bool:
        return key in self._owner.table(self._which, key)

    def __getitem__(self, key: Any) -> Any:
        return self._owner.table(self._which, key)[key]

    def get(self, key: Any, default: Any = None) -> Any:
        return self._owner.table(self._which, key).get(key, default)
