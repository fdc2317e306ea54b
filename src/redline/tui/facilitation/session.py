"""The facilitated session now lives in `redline.session` (no Textual there); kept for imports."""

from redline.session.facilitated import (
    AUTOMATIC,
    FACILITATOR,
    META_KEY,
    NO_ROLE,
    FacilitatedSession,
    Seat,
    parse_turn,
    parse_value,
    targets,
)
from redline.session.timer import Timer

__all__ = [
    "AUTOMATIC",
    "FACILITATOR",
    "META_KEY",
    "NO_ROLE",
    "FacilitatedSession",
    "Seat",
    "Timer",
    "parse_turn",
    "parse_value",
    "targets",
]
