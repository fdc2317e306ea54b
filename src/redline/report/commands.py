"""`redline report` and `redline deck`: files in, files out, clear errors.

The command line calls these; they raise `ReportError` (a one-line message and an exit
code) for anything the user can fix, and let the project's own errors (`SaveError`,
`ContentErrors`, `ScenarioNotFound`) reach the command line's handler.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from redline import safeio
from redline.content import find_scenario, load_scenario


class ReportError(Exception):
    """Something the user can fix; `code` is the exit status (1 failure, 2 usage)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def check_output(
    output: str | None, reads: Sequence[Path] = (), folders: Sequence[Path] = (), force: bool = False
) -> Path | None:
    """Refuse an output path that cannot work before doing any work; and, unless `force`,
    one that would overwrite a file the command reads (`reads`, or a file inside one of
    `folders`) or a save."""
    if output is None or output == "-":
        return None
    path = Path(output)
    if path.is_dir():
        raise ReportError(f"-o {output}: is a folder; give a file name", 2)
    if not force and path.exists():
        if any(_same(path, r) for r in reads) or any(safeio.inside(path, f) for f in folders):
            raise ReportError(f"-o {output}: is a file this command reads; use --force to replace it", 2)
        if _is_save(path):
            raise ReportError(f"-o {output}: is a saved game; use --force to replace it", 2)
    parent = path.parent
    if not parent.exists():
        raise ReportError(f"-o {output}: the folder '{parent}' does not exist", 2)
    if not parent.is_dir():
        raise ReportError(f"-o {output}: '{parent}' is not a folder", 2)
    return path


def _same(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def _is_save(path: Path) -> bool:
    """True when `path` holds a redline save (read as a save is: bounded, a regular file)."""
    from redline.saves import SaveError, read_save

    try:
        read_save(path)
    except SaveError:
        # A damaged save is still somebody's save: judged by its first bytes.
        try:
            head = safeio.read_bytes(path, 64 * 1024 * 1024)[:4096]
        except OSError:
            return False
        return b'"format"' in head and (b'"seed"' in head or b'"actions"' in head)
    return True


def write_output(text: str, path: Path | None) -> None:
    if path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from redline.saves import write_atomic

    try:
        write_atomic(path, text)
    except OSError as exc:
        raise ReportError(f"-o {path}: cannot write: {exc.strerror or exc}") from None
    print(f"redline: wrote {path}", file=sys.stderr)


def report_command(
    save: str,
    fmt: str = "md",
    output: str | None = None,
    content_dirs: Sequence[Path] | None = None,
    summary: bool = False,
    force: bool = False,
) -> int:
    """Write the after-action report of `save`. A save that replays only in part still gets
    its report, with the divergence shown at the top and on stderr."""
    from redline.report import render
    from redline.report.aar import build
    from redline.saves import read_save, restore

    if summary and fmt != "html":
        raise ReportError("--summary is a printable page: use it with --format html", 2)
    path = check_output(output, reads=[Path(save)], force=force)
    data = read_save(save)
    entry = find_scenario(data.scenario, content_dirs)
    scenario = load_scenario(entry.folder, entry.packs)
    restored = restore(data, scenario)
    warnings = []
    message = restored.message(save)
    if message:
        warnings.append(message)
    elif restored.content_changed:
        warnings.append(
            "The scenario's content has changed since this save was made: every action still replays,"
            " but the results may differ from the session's."
        )
    state = restored.game.state
    saved_ending = data.meta.get("ending")
    now = state.ending.id if state.ending else None
    if saved_ending and saved_ending != now:
        warnings.append(
            f"The save recorded the ending '{saved_ending}'; replaying it now gives {repr(now) if now else 'no ending'}."
        )
    record = build(restored.game, meta=data.meta, source=Path(save).name, warnings=warnings)
    if summary:
        text = render.summary_html(record)
    elif fmt in ("csv", "json"):
        from redline.report import export

        text = export.to_csv(record) if fmt == "csv" else export.to_json(record)
    else:
        text = render.html(record) if fmt == "html" else render.markdown(record)
    write_output(text, path)
    if message:
        print(f"redline: warning: {message}", file=sys.stderr)
    return 0


def deck_command(
    scenario_name: str,
    output: str | None = None,
    content_dirs: Sequence[Path] | None = None,
    effects: bool = False,
    force: bool = False,
    plan: Any = None,
) -> int:
    """Write the printable deck of a scenario as one HTML file. With a checked session `plan`,
    its scenario; the scoring card names the team that plays Moscow, and red lines the plan
    keeps from the players are neither printed nor named."""
    from redline.report.deck import faces, render_deck, seating_of, too_long

    seating = None
    if plan is not None:
        scenario = plan.scenario
        folders = [Path(scenario.folder)]
        seating = seating_of(plan.plan)
    else:
        entry = find_scenario(scenario_name, content_dirs)
        folders = [entry.folder, *entry.packs]
        scenario = load_scenario(entry.folder, entry.packs)
    path = check_output(output, folders=folders, force=force)
    write_output(render_deck(scenario, effects=effects, seating=seating), path)
    for card in faces(scenario, show_effects=effects, seating=seating):
        if too_long(card):
            print(
                f"redline: warning: card '{card.id}' is very long and may not fit its page", file=sys.stderr
            )
    return 0
