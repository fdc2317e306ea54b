"""Charts drawn by hand: inline SVG for the HTML report, block sparklines for Markdown.

No JavaScript, no fonts, no network: a printed report must look like the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from redline.report.words import num

BLOCKS = "▁▂▃▄▅▆▇█"
# Distinct in colour and, for grey printers, in dash pattern.
PALETTE = ("#1f5fa8", "#b03a2e", "#1e8449", "#7d3c98", "#b9770e", "#117a65", "#566573", "#a04000")
DASHES = ("", "7 3", "2 3", "9 3 2 3", "4 4", "1 2", "12 4", "6 2 2 2")


@dataclass(frozen=True)
class Line:
    label: str
    values: tuple[float | None, ...]  # None: no value (an ally that has left)
    color: str = PALETTE[0]
    dash: str = ""


def styled(labels_values: list[tuple[str, tuple[float | None, ...]]]) -> list[Line]:
    """Give each series its own colour and dash pattern: the dash steps on once the colours
    come round, so up to len(PALETTE) * len(DASHES) series never share a style."""
    n = len(PALETTE)
    return [
        Line(label, values, PALETTE[i % n], DASHES[(i + i // n) % len(DASHES)])
        for i, (label, values) in enumerate(labels_values)
    ]


def sparkline(values: list[float | None], lo: float = 0, hi: float = 100) -> str:
    """`▃▅▅▅▄▄`; a gap (·) where there is no value."""
    out = []
    span = (hi - lo) or 1
    for v in values:
        if v is None:
            out.append("·")
            continue
        i = int((min(max(v, lo), hi) - lo) / span * len(BLOCKS))
        out.append(BLOCKS[min(i, len(BLOCKS) - 1)])
    return "".join(out)


def line_chart(
    lines: list[Line],
    x_labels: list[str],
    *,
    title: str,
    lo: float = 0,
    hi: float = 100,
    warn: float | None = None,
    bad: str | None = None,  # "above" or "below" the warn line
    y_ticks: list[tuple[float, str]] | None = None,
    step: bool = False,
    point_labels: bool | None = None,
    width: int = 520,
    height: int = 210,
) -> str:
    """One chart as `<figure>` with an inline SVG and, for several lines, a legend."""
    left, right, top, bottom = 34, (40 if warn is not None else 12), 14, 26
    pw, ph = width - left - right, height - top - bottom
    n = max(len(x_labels), 1)
    span = (hi - lo) or 1

    pad = 16  # keep the first and last points (and their labels) clear of the frame

    def x(i: int) -> float:
        return left + pad + ((pw - 2 * pad) * i / (n - 1) if n > 1 else (pw - 2 * pad) / 2)

    def y(v: float) -> float:
        return top + ph * (1 - (min(max(v, lo), hi) - lo) / span)

    svg: list[str] = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" class="plot"/>',
    ]
    if warn is not None and bad in ("above", "below"):
        wy = y(warn)
        zy, zh = (top, wy - top) if bad == "above" else (wy, top + ph - wy)
        svg.append(f'<rect x="{left}" y="{zy:.1f}" width="{pw}" height="{max(zh, 0):.1f}" class="danger"/>')
    ticks = (
        y_ticks if y_ticks is not None else [(lo + span * k / 4, num(lo + span * k / 4)) for k in range(5)]
    )
    inside = y_ticks is not None  # long labels (ladder rungs) sit inside the plot
    for value, label in ticks:
        ty = y(value)
        svg.append(f'<line x1="{left}" x2="{left + pw}" y1="{ty:.1f}" y2="{ty:.1f}" class="grid"/>')
        if inside:
            svg.append(f'<text x="{left + 4}" y="{ty - 3:.1f}" class="tick">{escape(label)}</text>')
        else:
            svg.append(
                f'<text x="{left - 5}" y="{ty + 3.5:.1f}" class="tick" text-anchor="end">{escape(label)}</text>'
            )
    every = max(1, -(-n // 14))  # at most ~14 labels on the x axis
    for i, label in enumerate(x_labels):
        if i % every == 0 or i == n - 1:
            svg.append(
                f'<text x="{x(i):.1f}" y="{height - 8}" class="tick" text-anchor="middle">{escape(label)}</text>'
            )
    if warn is not None:
        wy = y(warn)
        svg.append(f'<line x1="{left}" x2="{left + pw}" y1="{wy:.1f}" y2="{wy:.1f}" class="warn"/>')
        svg.append(
            f'<text x="{left + pw + 4}" y="{wy - 2:.1f}" class="tick warnlabel">warn</text>'
            f'<text x="{left + pw + 4}" y="{wy + 9:.1f}" class="tick warnlabel">{num(warn)}</text>'
        )
    labels = point_labels if point_labels is not None else len(lines) == 1 and n <= 16
    for line in lines:
        dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
        for run in _runs(line.values):
            pts: list[str] = []
            for i in run:
                v = line.values[i]
                assert v is not None
                if step and pts:
                    pts.append(f"{x(i):.1f},{y(line.values[i - 1] or 0):.1f}")
                pts.append(f"{x(i):.1f},{y(v):.1f}")
            if len(pts) > 1:
                svg.append(
                    f'<polyline points="{" ".join(pts)}" fill="none" stroke="{line.color}" '
                    f'stroke-width="2.2" stroke-linejoin="round"{dash}/>'
                )
            for i in run:
                v = line.values[i]
                assert v is not None
                svg.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.6" fill="{line.color}"/>')
                if labels:
                    svg.append(
                        f'<text x="{x(i):.1f}" y="{y(v) - 6:.1f}" class="val" text-anchor="middle">{num(round(v, 1))}</text>'
                    )
        gone = _first_gap_after_value(line.values)
        if gone is not None:  # mark where the series stops (an ally leaving)
            gx, gy = x(gone), y(line.values[gone - 1] or 0)
            svg.append(
                f'<path d="M{gx - 4:.1f},{gy - 4:.1f} L{gx + 4:.1f},{gy + 4:.1f} M{gx - 4:.1f},{gy + 4:.1f} '
                f'L{gx + 4:.1f},{gy - 4:.1f}" stroke="{line.color}" stroke-width="2"/>'
            )
    svg.append("</svg>")
    legend = ""
    if len(lines) > 1:
        items = "".join(
            f'<li><svg width="26" height="8" aria-hidden="true"><line x1="1" x2="25" y1="4" y2="4" '
            f'stroke="{ln.color}" stroke-width="2.4"'
            + (f' stroke-dasharray="{ln.dash}"' if ln.dash else "")
            + f"/></svg>{escape(ln.label)}</li>"
            for ln in lines
        )
        legend = f'<ul class="legend">{items}</ul>'
    return f'<figure class="chartbox"><figcaption>{escape(title)}</figcaption>{"".join(svg)}{legend}</figure>'


def _runs(values: tuple[float | None, ...]) -> list[list[int]]:
    runs: list[list[int]] = []
    current: list[int] = []
    for i, v in enumerate(values):
        if v is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(i)
    if current:
        runs.append(current)
    return runs


def _first_gap_after_value(values: tuple[float | None, ...]) -> int | None:
    for i in range(1, len(values)):
        if values[i] is None and values[i - 1] is not None:
            return i
    return None


def bar(value: float, lo: float = 0, hi: float = 100, css: str = "") -> str:
    """A small horizontal gauge for tables (proximity, support)."""
    share = (min(max(value, lo), hi) - lo) / ((hi - lo) or 1)
    return (
        f'<span class="gauge {escape(css)}" role="img" aria-label="{num(value)} of {num(hi)}">'
        f'<span style="width:{share * 100:.0f}%"></span></span>'
    )
