"""The local session now lives in `redline.session` (no Textual there); kept for imports."""

from redline.session.local import (
    AUTOSAVE_PREFIX,
    Decided,
    Session,
    find_entry,
    format_saved,
    latest_autosave,
    load_entry,
    local_now,
    new_seed,
    saves_in,
    scenarios,
    slug,
)

__all__ = [
    "AUTOSAVE_PREFIX",
    "Decided",
    "Session",
    "find_entry",
    "format_saved",
    "latest_autosave",
    "load_entry",
    "local_now",
    "new_seed",
    "saves_in",
    "scenarios",
    "slug",
]
