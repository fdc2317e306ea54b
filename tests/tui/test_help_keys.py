"""The help screen lists every key a player or a facilitator can press, as bound."""

from __future__ import annotations

from redline.tui.facilitation.console import ConsoleScreen
from redline.tui.facilitation.screens import FacilitatedTurnScreen
from redline.tui.screens.help import FACILITATION, KEYS


def listed(rows: list[tuple[str, str]]) -> set[str]:
    keys = set()
    for key, _ in rows:
        for part in key.replace("/", ",").replace("(title)", "").split(","):
            keys.update(k.lower() for k in part.split())
    return keys


def test_every_facilitator_key_is_in_the_help():
    shown = listed(FACILITATION)
    bound = [b for b in ConsoleScreen.BINDINGS if b.show and b.key != "escape"]
    bound += list(FacilitatedTurnScreen.BINDINGS)
    assert bound
    for binding in bound:
        assert binding.key.lower() in shown, binding.key


def test_the_players_keys_are_in_the_help():
    shown = listed(KEYS)
    for key in ("u", "s", "l", "m", "k", "a", "n", "?", "q", "ctrl+p", "esc", "enter"):
        assert key in shown, key
