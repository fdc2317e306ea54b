"""`redline new scenario NAME`: a small scenario that validates clean and plays to an ending.

The files come from `templates/`; the author renames, rewrites and grows them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from redline import safeio
from redline.content.models import SCENARIO_ID_PATTERN

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


SCHEMA_FILE = "redline.schema.json"


def new_scenario(name: str, parent: Path, taken: Iterable[str] = ()) -> Path:
    """Write a new scenario folder `parent/name`; returns it. Never overwrites anything.
    `taken`: the ids of the scenarios installed, which the new one may not reuse.

    The folder gets its own copy of the content schema, and every file's modeline points at
    it by its bare name: yaml-language-server resolves that beside the file, so completion
    keeps working wherever the folder is moved or copied."""
    from redline.content.schema import schema_text

    if not re.match(SCENARIO_ID_PATTERN, name):
        raise ValueError(
            f"'{name}' is not a scenario id: use lowercase letters, digits, _ and - (e.g. border_watch)"
        )
    if name in set(taken):
        raise ScaffoldError(f"a scenario '{name}' is already installed; choose another name")
    folder = parent / name
    if folder.exists():
        raise ScaffoldError(f"{folder} already exists; choose another name or remove it first")
    title = name.replace("_", " ").replace("-", " ").capitalize()
    texts = {}
    for file in FILES:
        text = safeio.read_text(TEMPLATES / file, 1024 * 1024)
        texts[file] = (
            text.replace("__SCHEMA__", SCHEMA_FILE).replace("__ID__", name).replace("__TITLE__", title)
        )
    texts[SCHEMA_FILE] = schema_text()
    try:
        folder.mkdir(parents=True)
        for file, text in texts.items():
            (folder / file).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ScaffoldError(f"cannot write {folder}: {exc.strerror or exc}") from None
    return folder
