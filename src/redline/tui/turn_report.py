"""The turn report's text now lives in `redline.session.report` (no Textual); kept for imports."""

from redline.session.report import (
    ALLIES,
    DECISIONS,
    EVENTS,
    METERS,
    MOSCOW,
    ORDER,
    Line,
    Section,
    arrow,
    build_report,
    decision_text,
    is_good,
    report_for_turn,
    signed,
    target_label,
)

__all__ = [
    "ALLIES",
    "DECISIONS",
    "EVENTS",
    "METERS",
    "MOSCOW",
    "ORDER",
    "Line",
    "Section",
    "arrow",
    "build_report",
    "decision_text",
    "is_good",
    "report_for_turn",
    "signed",
    "target_label",
]
