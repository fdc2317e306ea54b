"""Render the after-action record and the deck through the package's Jinja templates."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from redline import __version__
from redline.report import charts
from redline.report.aar import AfterAction
from redline.report.words import colon, num, percent, signed
from redline.textsafe import clean, clean_line

_MD_SPECIAL = re.compile(r"([\\|*`<>\[\]~&#!])|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


def _md(text: Any) -> str:
    """Text safe inside a Markdown table cell, heading or list item: one line, no terminal
    controls, every character that Markdown (or HTML inside it) would read escaped."""
    s = " ".join(clean_line(str(text if text is not None else "")).split())
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), s)


def _code(text: Any) -> str:
    """Text as an inline code span whatever backticks it holds: the fence is one backtick
    longer than its longest run of them."""
    s = " ".join(clean_line(str(text if text is not None else "")).split())
    runs = re.findall(r"`+", s)
    fence = "`" * (max(map(len, runs), default=0) + 1)
    pad = " " if s.startswith("`") or s.endswith("`") or runs else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def _finalize(value: Any) -> Any:
    return clean(value) if isinstance(value, str) else value


def _gauge(value: float, crossed: Any = None) -> Markup:
    return Markup(charts.bar(value, css="crossed" if crossed else ""))


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("redline.report", "templates"),
        autoescape=lambda name: bool(name) and name.endswith(".html.j2"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Every value a template prints is cleaned of terminal controls, whatever its source:
        # content and saves are cleaned as they are read, this is the second lock.
        finalize=_finalize,
    )
    env.filters.update(num=num, signed=signed, percent=percent, md=_md, code=_code, colon=colon)
    env.globals.update(version=__version__, spark=charts.sparkline, gauge=_gauge)
    return env


def markdown(record: AfterAction) -> str:
    return environment().get_template("report.md.j2").render(r=record)


def html(record: AfterAction) -> str:
    return environment().get_template("report.html.j2").render(r=record, charts=_charts(record))


def summary_html(record: AfterAction) -> str:
    """The participants' two-page summary (see `report.summary`)."""
    from redline.report.summary import build_summary

    return environment().get_template("summary.html.j2").render(s=build_summary(record))


def _charts(r: AfterAction) -> dict[str, Any]:
    label = r.turn_label
    meters = []
    for s in r.meters:
        bad = ("below" if s.good == "high" else "above") if s.warn is not None else None
        good = "high is good" if s.good == "high" else "low is good"
        meters.append(
            Markup(
                charts.line_chart(
                    [charts.Line(s.label, tuple(s.values))],
                    r.x_labels,
                    title=f"{s.label} — {good}" + (" (derived from the allies)" if s.derived else ""),
                    lo=s.lo,
                    hi=s.hi,
                    warn=s.warn,
                    bad=bad,
                )
            )
        )
    out: dict[str, Any] = {"meters": meters}
    if r.allies:
        out["allies"] = Markup(
            charts.line_chart(
                charts.styled([(a.name, tuple(a.support)) for a in r.allies]),
                r.x_labels,
                title=f"Allied support by {label.lower()} (× = left the coalition)",
                width=760,
                height=260,
            )
        )
    if len(r.rung_labels) > 1:
        out["rungs"] = Markup(
            charts.line_chart(
                [charts.Line("Rung", tuple(r.rungs.values), charts.PALETTE[1])],
                r.x_labels,
                title=f"Moscow's rung on the escalation ladder, end of each {label.lower()}",
                lo=1,
                hi=len(r.rung_labels),
                y_ticks=list(enumerate(r.rung_labels, start=1)),
                step=True,
                point_labels=False,
                width=760,
                height=200,
            )
        )
    lines = [(rl.label, tuple(rl.by_turn)) for rl in r.red_lines if rl.peak is not None]
    if lines:
        out["red_lines"] = Markup(
            charts.line_chart(
                charts.styled(lines),
                [str(t) for t in range(1, r.reached + 1)],
                title=f"How near each red line came, by {label.lower()} (0-100)",
                width=760,
                height=220,
                point_labels=len(lines) == 1,
            )
        )
    return out
