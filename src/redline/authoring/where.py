"""`redline where ID`: every place an id is defined and used, as file:line."""

from __future__ import annotations

import os
from pathlib import Path

from redline.authoring.index import KINDS, Index


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive, on Windows
        return str(path)


def where(index: Index, name: str) -> list[str]:
    """Lines of text: for each kind of id called `name`, its definitions then its uses."""
    lines: list[str] = []
    for kind in KINDS:
        defs = index.defined(kind, name)
        uses = index.uses_of(kind, name)
        if not defs and not uses:
            continue
        what = kind.replace("_", " ")
        lines.append(f"{what} '{name}':" + ("" if defs else " (used, but defined nowhere)"))
        for d in defs:
            lines.append(f"  {_shown(d.spot.file)}:{d.spot.line}: defined")
        for u in sorted(uses, key=lambda u: u.spot):
            verb = {"sets": "set by", "reads": "read by", "refers": "named by"}[u.how]
            key = f" ({u.where})" if u.where else ""
            lines.append(f"  {_shown(u.spot.file)}:{u.spot.line}: {verb} {u.owner}{key}")
    return lines
