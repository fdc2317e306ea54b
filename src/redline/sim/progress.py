"""A progress bar on a terminal for long playthrough runs (rich, already a dependency)."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


class ProgressBar:
    def __init__(self, total: int, label: str) -> None:
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            transient=True,
            # The bar's own terminal codes pass; the command line cleans everything else
            # written to stderr (textsafe.CleanStream). The label is cleaned content.
            console=Console(file=getattr(sys.stderr, "unfiltered", sys.stderr)),
        )
        self._progress.start()
        self._task = self._progress.add_task(label, total=total)

    def update(self, done: int, total: int) -> None:
        self._progress.update(self._task, completed=done, total=total)

    def close(self) -> None:
        self._progress.stop()
