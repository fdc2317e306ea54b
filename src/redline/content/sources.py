"""Where the files a scenario's `sources:` name are found.

A source is the file name of an article (e.g. `004_47cd3fdc4f5073bb.txt`). It is looked up,
in order, in the scenario folder and its `sources/` and `seeds/` subfolders, in the folders
of `REDLINE_SEEDS` (separated like PATH), and in a `shared/seeds` folder beside the scenario
folder or any folder above it, or beside the redline checkout (`../shared/seeds` from the
repository). A name that is found nowhere is an error (RL111) when the scenario loads —
where there is a library of sources to look in at all. An installed copy of redline ships the
scenarios without their articles, and a check that cannot see any source cannot be certain a
name is wrong, so it says nothing then.
"""

from __future__ import annotations

import os
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[3]  # src/redline/content -> the repository


def seed_dirs(folder: Path) -> list[Path]:
    """Every folder a source of the scenario in `folder` may be in, first match wins."""
    folder = folder.resolve()
    dirs = [folder, folder / "sources", folder / "seeds"]
    dirs += [Path(p) for p in os.environ.get("REDLINE_SEEDS", "").split(os.pathsep) if p]
    dirs += [up / "shared" / "seeds" for up in folder.parents]
    dirs.append(_CHECKOUT.parent / "shared" / "seeds")
    return list(dict.fromkeys(dirs))


def have_sources(folder: Path) -> bool:
    """Whether any folder sources are looked up in exists, besides the scenario folder."""
    base = folder.resolve()
    return any(d != base and d.is_dir() for d in seed_dirs(folder))


def find_source(name: str, folder: Path) -> Path | None:
    """The file a source names, or None. Only a plain file name or a relative path that
    stays inside the folder it is looked up in is accepted."""
    if not name or Path(name).is_absolute() or ".." in Path(name).parts:
        return None
    for d in seed_dirs(folder):
        path = d / name
        if path.is_file():
            return path
    return None
