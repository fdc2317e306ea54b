"""Where scenarios live: `content/scenarios/<id>/` in each content folder."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from redline import safeio
from redline.content.compiled import Scenario
from redline.content.errors import ContentErrors
from redline.content.loader import load_scenario
from redline.content.yamlread import read_yaml


def default_content_dirs() -> list[Path]:
    """The shipped content folder, or the ones named in REDLINE_CONTENT (os.pathsep)."""
    env = os.environ.get("REDLINE_CONTENT")
    if env:
        return [Path(p) for p in env.split(os.pathsep) if p]
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "content" / "scenarios").is_dir():
            return [parent / "content"]
    return [Path.cwd() / "content"]


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


def _peek(folder: Path) -> tuple[str, str, str, int, bool] | None:
    """Read just the scenario header without loading the whole scenario:
    (id, title, summary, turns, is a pack). A pack's `scenario.yaml` says `pack: <id>`."""
    path = folder / "scenario.yaml"
    if not path.is_file():
        return None
    if not safeio.inside(path, folder):  # the loader refuses it too, with where
        return (folder.name, folder.name, "(scenario.yaml links outside its folder)", 0, False)
    try:
        data, _, _ = read_yaml(path)
    except ContentErrors:
        return (folder.name, folder.name, "(scenario.yaml has errors; run `redline validate`)", 0, False)
    info = data.get("scenario") if isinstance(data, dict) else None
    if not isinstance(info, dict):
        pack = data.get("pack") if isinstance(data, dict) else None
        return (pack, f"pack for {pack}", "", 0, True) if isinstance(pack, str) else None
    turns = info.get("turns")
    return (
        str(info.get("id", folder.name)),
        str(info.get("title", folder.name)),
        str(info.get("summary", "")),
        turns if isinstance(turns, int) else 0,
        False,
    )


def list_scenarios(content_dirs: Iterable[Path] | None = None) -> list[Entry]:
    """Every scenario found; a later content folder with the same id becomes a pack."""
    found: dict[str, Entry] = {}
    for content in content_dirs or default_content_dirs():
        for folder in _scenario_dirs(Path(content)):
            head = _peek(folder)
            if head is None:
                continue
            sid, title, summary, turns, is_pack = head
            if is_pack and sid not in found:
                continue  # a pack for a scenario that is not installed: nothing to play
            if sid in found:
                prev = found[sid]
                found[sid] = Entry(
                    prev.id, prev.title, prev.summary, prev.turns, prev.folder, (*prev.packs, folder)
                )
            else:
                found[sid] = Entry(sid, title, summary, turns, folder)
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
            return Entry(base.id, base.title, base.summary, base.turns, base.folder, (*packs, path))
        sid = head[0] if head else path.name
        return Entry(sid, head[1] if head else sid, head[2] if head else "", head[3] if head else 0, path)
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
