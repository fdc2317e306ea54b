"""Where redline's files live: the scenarios it ships, the player's own folder, the saves.

Run from a checkout (an editable install, or `python -m redline` in the source tree), the
repository's `content/` is the one source of the scenarios, so an edited YAML file counts at
once, and saves go to `./saves` as they always have. Installed from a wheel (`pip install`,
`pipx install`), the scenarios are the copy the build put inside the package
(`redline/scenarios/`, setup.py), read through importlib.resources; the player's own
scenarios, packs and saves live in the user data folder that platformdirs names for this
system (`~/.local/share/redline` on Linux, or under `$XDG_DATA_HOME`). Settings stay where
they are (tui/prefs.py). Nothing here reads or writes a file's contents.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

APP = "redline"
# The package folder that the build fills from content/scenarios (setup.py).
SHIPPED = "scenarios"


def checkout() -> Path | None:
    """The repository this package runs from, or None when it runs installed.

    A checkout is recognised by its layout: this package in `src/redline/`, with the
    project's `pyproject.toml` and `content/scenarios/` beside `src/`."""
    package = Path(__file__).resolve().parent
    root = package.parent.parent
    if package.parent.name != "src":
        return None
    if (root / "pyproject.toml").is_file() and (root / "content" / "scenarios").is_dir():
        return root
    return None


def shipped() -> Path | None:
    """The scenarios inside the installed package, or None (a checkout has no copy)."""
    folder = resources.files(APP) / SHIPPED
    # An unpacked install (every wheel installer does that) gives a real folder; the loader
    # reads files by path, so a package inside a zip would have no shipped scenarios.
    if isinstance(folder, Path) and folder.is_dir():
        return folder
    return None


def user_data() -> Path:
    """The player's data folder (platformdirs); it may not exist yet."""
    from platformdirs import user_data_path

    return user_data_path(APP, appauthor=False)


def user_scenarios() -> Path:
    """Where a player's own scenarios go."""
    return user_data() / "scenarios"


def user_packs() -> Path:
    """Where a player's packs go: read after the shipped and the player's scenarios, so a
    pack finds the scenario it extends."""
    return user_data() / "packs"


def default_saves() -> Path:
    """`./saves` in a checkout, else `saves` in the user data folder."""
    return Path.cwd() / "saves" if checkout() else user_data() / "saves"
