"""Render the HTML report and the deck in headless Chromium, when it is installed.

Screenshots must be real pictures; in the printed deck every card must fit its frame and
every sheet of four must land on one page. Skipped cleanly where Chromium is absent (CI).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from redline.report import build, render
from redline.report.deck import faces, render_deck, sheets

CHROMIUM = next(
    (
        p
        for p in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser"))
        if p and Path(p).exists()
    ),
    None,
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")

# Marks every card whose contents run past its footer or its frame.
OVERFLOW_PROBE = """<script>
const bad = [];
document.querySelectorAll('.card').forEach(c => {
  const b = c.querySelector('.body'), foot = c.querySelector('.foot'), last = b.lastElementChild;
  const box = c.getBoundingClientRect(), f = foot.getBoundingClientRect();
  if ((last && last.getBoundingClientRect().bottom > f.top + 1) || f.bottom > box.bottom + 1) bad.push(c.id);
});
document.body.setAttribute('data-overflow', bad.join(' ') || 'none');
</script>"""


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def screenshot(tmp_path: Path, page: Path, name: str) -> Path:
    png = tmp_path / f"{name}.png"
    chromium(tmp_path, f"--screenshot={png}", "--window-size=1200,1600", page.as_uri())
    assert png.exists(), f"Chromium wrote no screenshot of {page.name}"
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    # A blank 1200x1600 page compresses to a few KB; charts, tables and text do not.
    assert len(data) > 40_000, f"{name}.png is only {len(data)} bytes: is the page empty?"
    return png


def test_report_renders(session, tmp_path):
    page = tmp_path / "aar.html"
    page.write_text(render.html(build(session)), encoding="utf-8")
    screenshot(tmp_path, page, "aar")


def test_deck_renders_and_every_card_fits(shipped, tmp_path):
    for sc in shipped:
        for effects in (False, True):
            page = tmp_path / f"{sc.id}-deck.html"
            html = render_deck(sc, effects=effects)
            page.write_text(html, encoding="utf-8")
            if not effects:
                screenshot(tmp_path, page, f"{sc.id}-deck")
            probe = tmp_path / f"{sc.id}-probe.html"
            probe.write_text(html.replace("</body>", OVERFLOW_PROBE + "</body>"), encoding="utf-8")
            dom = chromium(tmp_path, "--dump-dom", probe.as_uri()).stdout
            found = re.search(r'data-overflow="([^"]*)"', dom)
            assert found, "the probe did not run"
            assert found.group(1) == "none", f"{sc.id}: cards overflow their frame: {found.group(1)}"


def test_deck_prints_one_sheet_per_page(tutorial, tmp_path):
    page = tmp_path / "deck.html"
    page.write_text(render_deck(tutorial), encoding="utf-8")
    pdf = tmp_path / "deck.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert pdf.exists() and pdf.stat().st_size > 10_000
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))
    assert pages == len(sheets(faces(tutorial))), "a sheet of cards was split across pages"
