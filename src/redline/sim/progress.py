"""A progress bar on a terminal for long playthrough runs (rich, already a dependency)."""

from __future__ import annotations

import sys
from collections.abc import Callable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


class ProgressBar:
    """One bar per task of work: `label` first, more with `add`."""

    def __init__(self, total: int, label: str) -> None:
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            transient=True,
            # On stderr, which the callers checked is a terminal: stdout is the report's, often a
            # file or a pipe, and must get nothing from the bar. The bar's own terminal codes pass;
            # the command line cleans everything else written to stderr (textsafe.CleanStream).
            console=Console(file=getattr(sys.stderr, "unfiltered", sys.stderr)),
        )
        self._progress.start()
        self._task = self._progress.add_task(label, total=total)

    def update(self, done: int, total: int) -> None:
        self._progress.update(self._task, completed=done, total=total)

    def add(self, label: str, total: int) -> Callable[[int, int], None]:
        """Another bar below the others; returns its `update(done, total)`."""
        task = self._progress.add_task(label, total=total)

        def update(done: int, total: int) -> None:
            self._progress.update(task, completed=done, total=total)

        return update

    def close(self) -> None:
        self._progress.stop()
