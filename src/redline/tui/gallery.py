"""The endings found so far, kept between games in `endings.json` beside `settings.json`.

A bounded read (a damaged or huge file costs the gallery, never the game): anything that is
not a small JSON object of scenario id -> list of ending ids gives an empty gallery.
"""

from __future__ import annotations

import json
from pathlib import Path

MOST_BYTES = 64 * 1024


def gallery_path(settings_file: Path) -> Path:
    return settings_file.parent / "endings.json"


def read_gallery(path: Path) -> dict[str, list[str]]:
    from redline import safeio

    try:  # bounded, regular files only: a pipe planted as endings.json is never opened
        doc = json.loads(safeio.read_text(path, MOST_BYTES))
    except (OSError, ValueError):
        return {}
    if not isinstance(doc, dict):
        return {}
    return {
        str(k): [str(x) for x in v if isinstance(x, str)][:200]
        for k, v in doc.items()
        if isinstance(k, str) and isinstance(v, list)
    }


def record(path: Path | None, found: dict[str, list[str]], scenario: str, ending: str) -> str | None:
    """Add an ending to the gallery (in memory, and on disk when there is a file); the error
    message instead of raising."""
    kept = found.setdefault(scenario, [])
    if ending not in kept:
        kept.append(ending)
    if path is None:
        return None
    from redline.saves import write_atomic

    try:
        write_atomic(path, json.dumps(found, indent=1, ensure_ascii=False) + "\n")
    except OSError as exc:
        return f"{path}: endings found not kept ({exc.strerror or exc})"
    return None
