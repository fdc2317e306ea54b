"""`redline validate`: load every scenario under the given paths and collect problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redline.content.catalog import Entry, _peek, _scenario_dirs, list_scenarios
from redline.content.errors import ContentError, ContentErrors
from redline.content.loader import load_scenario
from redline.content.yamlread import read_yaml
from redline.plural import counted


@dataclass
class Result:
    scenarios: list[str] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)  # session plans checked (redline.exercise)
    warnings_checked: bool = True  # False with --no-warnings: "clean" would claim too much

    @property
    def problems(self) -> list[ContentError]:
        return sorted(self.errors) + sorted(self.warnings)

    def summary(self) -> str:
        n = len(self.scenarios)
        what = counted(n, "scenario")
        if self.plans:
            plans = counted(len(self.plans), "session plan")
            what = plans if not n else f"{what} and {plans}"
        if not self.errors and not self.warnings:
            return (
                f"{what} checked: clean"
                if self.warnings_checked
                else f"{what} checked: no errors (warnings not checked)"
            )
        return (
            f"{what} checked: {counted(len(self.errors), 'error')}, {counted(len(self.warnings), 'warning')}"
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "scenarios": self.scenarios,
            "plans": self.plans,
            "errors": [e.as_dict() for e in sorted(self.errors)],
            "warnings": [w.as_dict() for w in sorted(self.warnings)],
        }


def _targets(path: Path) -> list[tuple[Path, tuple[Path, ...]]]:
    """(scenario folder, packs) for a path that is a scenario, a file in one, or a content folder."""
    if path.is_file():
        path = path.parent
    if any(path.glob("scenario.y*ml")):
        return [(path, ())]
    dirs = _scenario_dirs(path)
    if dirs:
        return [(d, ()) for d in dirs]
    # a folder of YAML without scenario.yaml: a pack, or a scenario missing its header
    if any(path.rglob("*.y*ml")):
        return [(path, ())]
    return []


def _as_pack(folder: Path, installed: list[Entry]) -> tuple[Path, tuple[Path, ...]] | ContentError | None:
    """A pack (its `scenario.yaml` says `pack: <id>`) is checked on top of the installed
    scenario it extends: (base folder, (pack,)). None for anything else."""
    head = _peek(folder)
    if head is None or not head[4]:
        return None
    sid = head[0]
    for entry in installed:
        if entry.id == sid and entry.folder.resolve() != folder.resolve():
            return entry.folder, (folder,)
    known = ", ".join(e.id for e in installed) or "none"
    marks = read_yaml(folder / "scenario.yaml")[1]
    line, col = marks.get(("pack",), (1, 1))
    msg = f"a pack for '{sid}', which is not installed (installed: {known}); add its folder with --content"
    return ContentError(str(folder / "scenario.yaml"), line, col, "RL004", msg)


def _id_clash(folder: Path, installed: list[Entry]) -> ContentError | None:
    """A scenario whose id an installed scenario in another folder already has: `play ID`
    would find only one of them, and `--content` would merge the other in as a pack."""
    head = _peek(folder)
    if head is None or head[4]:
        return None
    for entry in installed:
        if entry.id == head[0] and entry.folder.resolve() != folder.resolve():
            try:
                line, col = read_yaml(folder / "scenario.yaml")[1].get(("scenario", "id"), (1, 1))
            except ContentErrors:
                line, col = 1, 1
            msg = f"scenario id '{head[0]}' is already installed at {entry.folder}; give this one another id"
            return ContentError(str(folder / "scenario.yaml"), line, col, "RL310", msg, "warning")
    return None


def validate_paths(
    paths: list[Path], warnings: bool = True, content_dirs: list[Path] | None = None
) -> Result:
    """Check every scenario under `paths`; packs are checked with the scenario they extend,
    found among the installed ones (`content_dirs`, by default the shipped content)."""
    result = Result(warnings_checked=warnings)
    seen: set[Path] = set()
    installed: list[Entry] | None = None
    for path in paths:
        targets = _targets(path)
        if not targets and (path / "scenarios").is_dir():
            targets = [(e.folder, e.packs) for e in list_scenarios([path])]
        if not targets:
            result.errors.append(ContentError(str(path), 1, 1, "RL003", "no scenario or YAML files here"))
        for folder, packs in targets:
            key = folder.resolve()
            if key in seen:
                continue
            seen.add(key)
            result.scenarios.append(str(folder))
            if not packs:
                if installed is None:
                    installed = list_scenarios(content_dirs)
                as_pack = _as_pack(folder, installed)
                if isinstance(as_pack, ContentError):
                    result.errors.append(as_pack)
                    continue
                if as_pack is not None:
                    folder, packs = as_pack
                else:
                    clash = _id_clash(folder, installed)
                    if clash is not None:
                        result.warnings.append(clash)
            try:
                scenario = load_scenario(folder, packs)
            except ContentErrors as exc:
                result.errors.extend(exc.errors)
                continue
            if warnings:
                try:
                    from redline.content.lint import lint
                except ImportError:  # pragma: no cover
                    continue
                result.warnings.extend(lint(scenario))
    return result
