"""Names and checks shared by the report tests."""

from __future__ import annotations

import re

VOTE_NOTE = "Demining cannot wait for the diplomats"
INJECT_REASON = "Test the talks track early"
OVERRIDE_REASON = "Umpire ruling: the front is quieter than modelled"
NOTE_TEXT = "Germany objects to the timing"
BRANCH = "What if we stayed cautious"


EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)""", re.I)


def assert_self_contained(html: str) -> None:
    """No network: no external src/href, no @import, no scripts, no stylesheet links."""
    assert "http://" not in html and "https://" not in html
    assert not EXTERNAL.search(html), EXTERNAL.search(html)
    assert "@import" not in html and "url(" not in html
    assert "<script" not in html.lower() and "<link" not in html.lower()
    assert "@font-face" not in html
