"""`redline new scenario NAME`: a small scenario that validates clean and plays to an ending.

The files come from `templates/`; the author renames, rewrites and grows them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from redline import safeio
from redline.content.models import ID_PATTERN

TEMPLATES = Path(__file__).parent / "templates"
FILES = (
    "scenario.yaml",
    "meters.yaml",
    "allies.yaml",
    "kremlin.yaml",
    "cards.yaml",
    "events.yaml",
    "endings.yaml",
)


class ScaffoldError(Exception):
    """The scenario cannot be created; the message says why."""


def schema_path() -> Path | None:
    """The repository's `docs/redline.schema.json`, when running from a checkout."""
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "docs" / "redline.schema.json"
        if candidate.is_file():
            return candidate
    return None


def new_scenario(name: str, parent: Path, schema: Path | None = None) -> Path:
    """Write a new scenario folder `parent/name`; returns it. Never overwrites anything."""
    if not re.match(ID_PATTERN, name):
        raise ValueError(
            f"'{name}' is not a scenario id: use lowercase letters, digits and _ (e.g. border_watch)"
        )
    folder = parent / name
    if folder.exists():
        raise ScaffoldError(f"{folder} already exists; choose another name or remove it first")
    schema = schema or schema_path()
    ref = os.path.relpath(schema, parent / name) if schema else "../../../docs/redline.schema.json"
    title = name.replace("_", " ").capitalize()
    texts = {}
    for file in FILES:
        text = safeio.read_text(TEMPLATES / file, 1024 * 1024)
        texts[file] = (
            text.replace("__SCHEMA__", ref.replace(os.sep, "/"))
            .replace("__ID__", name)
            .replace("__TITLE__", title)
        )
    try:
        folder.mkdir(parents=True)
        for file, text in texts.items():
            (folder / file).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ScaffoldError(f"cannot write {folder}: {exc.strerror or exc}") from None
    return folder
