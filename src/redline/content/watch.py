"""Hot reload for `redline play --watch`: notice edited content.

The TUI polls `fingerprint` (cheap: one `stat` per file) and, when it changes, reloads the
content and replays the game onto it (tui/reload.py: content never imports the engine).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from redline.content.loader import scenario_files

Fingerprint = tuple[tuple[str, int, int], ...]


def fingerprint(folders: Iterable[str | Path]) -> Fingerprint:
    """(path, mtime in ns, size) of every YAML file under `folders`: changes when any is
    edited, added, removed or renamed."""
    rows = []
    for folder in folders:
        for path in scenario_files(Path(folder)):
            try:
                st = path.stat()
            except OSError:  # removed between listing and stat: the next poll sees it
                continue
            rows.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(rows)
