"""`validate --stats`: how many words players read, file by file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from redline.content.errors import ContentErrors
from redline.content.loader import scenario_files
from redline.content.yamlread import read_yaml

# The keys whose text players read (see docs/authoring.md: every "Shown to players").
TEXT_KEYS = frozenset(
    {
        "title",
        "text",
        "label",
        "quote",
        "signal",
        "summary",
        "briefing",
        "locked_text",
        "name",
        "description",
        "why",
        "epilogue",
    }
)
WORD = re.compile(r"[\w'’-]+")


def _words(value: Any, key: str = "") -> int:
    if isinstance(value, dict):
        return sum(_words(v, str(k)) for k, v in value.items())
    if isinstance(value, list):
        return sum(_words(v, key) for v in value)
    if isinstance(value, str) and key in TEXT_KEYS:
        return len(WORD.findall(value))
    return 0


def word_counts(folder: Path) -> dict[str, int]:
    """Words of player-facing text in each YAML file of a scenario folder (None: unreadable)."""
    counts: dict[str, int] = {}
    for path in scenario_files(folder):
        try:
            data, _, _ = read_yaml(path)
        except ContentErrors:
            continue
        counts[str(path.relative_to(folder))] = _words(data)
    return counts


def format_stats(folder: Path, counts: dict[str, int]) -> list[str]:
    width = max((len(f) for f in counts), default=4)
    lines = [f"{folder}: words players read"]
    lines += [f"  {f:<{width}}  {n:>7,}" for f, n in counts.items()]
    lines.append(f"  {'total':<{width}}  {sum(counts.values()):>7,}")
    return lines
