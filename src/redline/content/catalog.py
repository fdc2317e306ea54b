"""Where scenarios live: `content/scenarios/<id>/` (or `<id>/`) in each content folder.

The folders, in the order read, are in `content_sources`; a later folder's scenario with an id
already found becomes a pack for it."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from redline import places, safeio
from redline.content.compiled import Scenario
from redline.content.errors import ContentErrors
from redline.content.loader import load_scenario
from redline.content.yamlread import read_yaml

# Where a content folder came from, as `redline scenarios` says it.
CHECKOUT = "checkout"
SHIPPED = "shipped"
USER = "user folder"
ENV = "REDLINE_CONTENT"
EXTRA = "--content"


@dataclass(frozen=True)
class Source:
    folder: Path
    origin: str  # one of the names above


def content_sources(extra: Iterable[str | Path] = ()) -> list[Source]:
    """Every content folder in the order read, with where it came from (redline/places.py):
    the ones in REDLINE_CONTENT (os.pathsep) alone if it is set, else the checkout's
    `content/` or the scenarios shipped in the package, then the user folder's scenarios and
    packs (listed even while they do not exist); then the `--content` folders."""
    env = os.environ.get("REDLINE_CONTENT")
    if env:
        sources = [Source(Path(p), ENV) for p in env.split(os.pathsep) if p]
    else:
        root = places.checkout()
        shipped = places.shipped()
        if root is not None:
            sources = [Source(root / "content", CHECKOUT)]
        elif shipped is not None:
            sources = [Source(shipped, SHIPPED)]
        else:
            sources = []
        sources += [Source(places.user_scenarios(), USER), Source(places.user_packs(), USER)]
    return sources + [Source(Path(p), EXTRA) for p in extra]


def default_content_dirs() -> list[Path]:
    """The content folders read when no others are named: see `content_sources`. A user
    folder that does not exist yet, or holds nothing, is left out (`redline validate` with no
    path checks each of these, and would call an empty folder an error)."""
    return [s.folder for s in content_sources() if s.origin != USER or _holds_something(s.folder)]


def _holds_something(folder: Path) -> bool:
    try:
        return any(True for _ in folder.iterdir())
    except OSError:  # missing, or not a folder
        return False


def origin(folder: Path, sources: Iterable[Source]) -> str:
    """Where a scenario or pack folder came from: the source that holds it (or "")."""
    target = Path(folder).resolve()
    for source in sources:
        if target.is_relative_to(source.folder.resolve()):
            return source.origin
    return ""


def _scenario_dirs(content: Path) -> list[Path]:
    base = content / "scenarios" if (content / "scenarios").is_dir() else content
    if (base / "scenario.yaml").is_file():
        return [base]
    return sorted(p for p in base.iterdir() if p.is_dir() and any(p.glob("*.y*ml"))) if base.is_dir() else []


class ScenarioNotFound(LookupError):
    """No installed scenario has this id; the message lists the ones that exist."""


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    summary: str
    turns: int
    folder: Path
    packs: tuple[Path, ...] = ()
    turn_label: str = "Turn"  # what the scenario calls a turn ("Month"), for menus and saves

    def length(self) -> str:
        """The scenario's length in its own unit: "12 months" ("" when unknown)."""
        if not self.turns:
            return ""
        unit = self.turn_label.lower()
        return f"{self.turns} {unit if self.turns == 1 else unit + 's'}"


def _peek(folder: Path) -> tuple[str, str, str, int, bool, str] | None:
    """Read just the scenario header without loading the whole scenario:
    (id, title, summary, turns, is a pack, turn label). A pack's `scenario.yaml` says `pack: <id>`."""
    path = folder / "scenario.yaml"
    if not path.is_file():
        return None
    if not safeio.inside(path, folder):  # the loader refuses it too, with where
        return (folder.name, folder.name, "(scenario.yaml links outside its folder)", 0, False, "Turn")
    try:
        data, _, _ = read_yaml(path)
    except ContentErrors:
        return (
            folder.name,
            folder.name,
            "(scenario.yaml has errors; run `redline validate`)",
            0,
            False,
            "Turn",
        )
    info = data.get("scenario") if isinstance(data, dict) else None
    if not isinstance(info, dict):
        pack = data.get("pack") if isinstance(data, dict) else None
        return (pack, f"pack for {pack}", "", 0, True, "Turn") if isinstance(pack, str) else None
    turns = info.get("turns")
    label = info.get("turn_label")
    return (
        str(info.get("id", folder.name)),
        str(info.get("title", folder.name)),
        str(info.get("summary", "")),
        turns if isinstance(turns, int) else 0,
        False,
        label.strip() if isinstance(label, str) and label.strip() else "Turn",
    )


def list_scenarios(content_dirs: Iterable[Path] | None = None) -> list[Entry]:
    """Every scenario found; a later content folder with the same id becomes a pack."""
    found: dict[str, Entry] = {}
    for content in content_dirs or default_content_dirs():
        for folder in _scenario_dirs(Path(content)):
            head = _peek(folder)
            if head is None:
                continue
            sid, title, summary, turns, is_pack, label = head
            if is_pack and sid not in found:
                continue  # a pack for a scenario that is not installed: nothing to play
            if sid in found:
                prev = found[sid]
                found[sid] = replace(prev, packs=(*prev.packs, folder))
            else:
                found[sid] = Entry(sid, title, summary, turns, folder, turn_label=label)
    return sorted(found.values(), key=lambda e: (e.id != "tutorial", e.id))


def find_scenario(name: str, content_dirs: Iterable[Path] | None = None) -> Entry:
    """A scenario by id, or by folder path."""
    path = Path(name)
    if path.is_dir() and (path / "scenario.yaml").is_file():
        head = _peek(path)
        if head and head[4]:  # a pack folder: its scenario with it
            try:
                base = find_scenario(head[0], content_dirs)
            except ScenarioNotFound as exc:
                raise ScenarioNotFound(f"{path} is a pack for '{head[0]}': {exc}") from None
            packs = tuple(p for p in base.packs if p.resolve() != path.resolve())
            return replace(base, packs=(*packs, path))
        sid = head[0] if head else path.name
        # Named by its folder, an installed scenario still gets its packs.
        packs = next((e.packs for e in list_scenarios(content_dirs) if e.id == sid), ())
        packs = tuple(p for p in packs if p.resolve() != path.resolve())
        return Entry(
            sid,
            head[1] if head else sid,
            head[2] if head else "",
            head[3] if head else 0,
            path,
            packs,
            head[5] if head else "Turn",
        )
    entries = list_scenarios(content_dirs)
    for e in entries:
        if e.id == name:
            return e
    for e in entries:
        if e.folder.name == name:
            return e
    known = ", ".join(e.id for e in entries) or "none installed"
    raise ScenarioNotFound(f"no scenario '{name}' (installed: {known})")


def load(name: str, content_dirs: Iterable[Path] | None = None) -> Scenario:
    entry = find_scenario(name, content_dirs)
    return load_scenario(entry.folder, entry.packs)
