"""Text gauges: a bar, a marked danger line and a number, so no reading relies on colour."""

from __future__ import annotations

from textual.content import Content

FULL, EMPTY, MARK = "█", "░", "┃"
SPARK = "▁▂▃▄▅▆▇█"


def bar(value: float, width: int, lo: float = 0.0, hi: float = 100.0, mark: float | None = None) -> str:
    """A bar `width` cells wide, filled to `value`, with `mark` drawn as a ┃ on its cell."""
    width = max(width, 4)
    span = (hi - lo) or 1.0
    filled = round(max(0.0, min(1.0, (value - lo) / span)) * width)
    cells = [FULL] * filled + [EMPTY] * (width - filled)
    if mark is not None:
        at = min(width - 1, max(0, round((mark - lo) / span * width)))
        cells[at] = MARK
    return "".join(cells)


def gauge(
    value: float,
    width: int,
    *,
    mark: float | None = None,
    style: str = "$accent",
    lo: float = 0.0,
    hi: float = 100.0,
) -> Content:
    """The bar as styled content: filled cells in `style`, the danger mark in `$warning`."""
    text = bar(value, width, lo, hi, mark)
    parts: list[tuple[str, str]] = []
    for ch in text:
        s = style if ch == FULL else "$warning bold" if ch == MARK else "$text-disabled"
        if parts and parts[-1][1] == s:
            parts[-1] = (parts[-1][0] + ch, s)
        else:
            parts.append((ch, s))
    return Content.assemble(*parts)


def spark(values: list[float], lo: float = 0.0, hi: float = 100.0, per: int = 2) -> str:
    """A small chart on an absolute scale: `per` cells for each value."""
    out = []
    span = (hi - lo) or 1.0
    for v in values:
        i = round(max(0.0, min(1.0, (v - lo) / span)) * (len(SPARK) - 1))
        out.append(SPARK[i] * per)
    return "".join(out)


def tone(good: bool | None) -> str:
    """The theme colour for a change that is good, bad or neither."""
    return "$text-success" if good else "$text-error" if good is False else "$text-muted"
