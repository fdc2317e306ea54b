"""Hostile text for every text field of content, and checks that none of it comes out raw.

The payloads are what a planted scenario would hold: terminal escape sequences (OSC 52
writes the clipboard, OSC 2 renames the window), C0 and C1 controls, bidirectional
overrides, Textual and Rich markup (an unmatched closing tag crashed the interface, an
`@click` link would run an action), Markdown and HTML.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

TUTORIAL = Path(__file__).resolve().parents[2] / "content" / "scenarios" / "tutorial"

# Fields shown to people (content/models.py: "Shown to players", "for players", ...).
TEXT_KEYS = {
    "title",
    "text",
    "label",
    "quote",
    "name",
    "description",
    "position",
    "why",
    "signal",
    "locked_text",
    "turn_label",
    "briefing",
    "summary",
    "intro",
}

PAYLOADS = [
    "clip\x1b]52;c;cHduZWQ=\x07board",
    "title\x1b]2;pwned\x1b\\bar",
    "[/x] closes nothing [@click=app.quit]quit[/] [b]bold",
    "bidi \u202eevil\u202c and \x9b31m C1 \x07 bell \x00 nul \x7f del",
    "<script>alert(1)</script> | *md* `code` [link](http://x) # head _u_",
    "\x1b[2J\x1b[H cleared \x1b[31m red \r overwrite",
]

# What may never come out: ESC, BEL, NUL, other C0 but tab/newline/CR, DEL, C1, bidi overrides.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def retext(data: Any, text: Callable[[str, str], str]) -> Any:
    """`data` with every text field (TEXT_KEYS) replaced by `text(key, old value)`."""
    if isinstance(data, dict):
        out = {}
        for k, v in data.items():
            if k in TEXT_KEYS and isinstance(v, str):
                out[k] = text(k, v)
            else:
                out[k] = retext(v, text)
        return out
    if isinstance(data, list):
        return [retext(v, text) for v in data]
    return data


def hostile_tutorial(dest: Path, text: Callable[[str, str], str], sid: str = "tutorial") -> Path:
    """A copy of the tutorial, with the id `sid`, whose every text field says
    `text(key, old)`. Written with yaml's escapes for controls, so the file itself is plain
    text."""
    folder = dest / sid
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(TUTORIAL, folder)
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name == "scenario.yaml":
            data["scenario"]["id"] = sid
        path.write_text(yaml.safe_dump(retext(data, text), allow_unicode=False, sort_keys=False))
    return folder


def payload_text(payload: str) -> Callable[[str, str], str]:
    return lambda key, old: f"{old[:20]} {payload}"


def assert_clean(output: str) -> None:
    """No control character of the payloads in `output` (tab, newline and CR allowed)."""
    bad = CONTROL.search(output)
    assert bad is None, (
        f"control character {bad.group(0)!r} in output near {output[max(0, bad.start() - 40) : bad.end() + 40]!r}"
    )
