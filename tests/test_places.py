"""Where files live: the checkout's content or the shipped copy, the user folder, the saves.

The installed case (a wheel, outside any checkout) is played for real by .ci/installed; here
it is the same functions with `checkout()` saying no.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from redline import places
from redline.content import catalog
from redline.content.scaffold import new_scenario
from redline.saves import saves_dir

ROOT = Path(__file__).resolve().parents[1]
PACKS = ROOT / "tests" / "authoring" / "packs"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "redline", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture
def installed(monkeypatch, tmp_path):
    """As if run from a wheel: no checkout, the shipped scenarios in the package."""
    shipped = tmp_path / "site-packages" / "redline" / "scenarios"
    shutil.copytree(ROOT / "content" / "scenarios", shipped)
    monkeypatch.setattr(places, "checkout", lambda: None)
    monkeypatch.setattr(places, "shipped", lambda: shipped)
    monkeypatch.delenv("REDLINE_SAVES", raising=False)
    monkeypatch.chdir(tmp_path)
    return shipped


def test_a_checkout_reads_its_own_content():
    assert places.checkout() == ROOT
    assert places.shipped() is None  # an editable install copies nothing into the package
    origins = [(s.origin, s.folder) for s in catalog.content_sources()]
    assert origins[0] == (catalog.CHECKOUT, ROOT / "content")
    assert origins[1:] == [(catalog.USER, places.user_scenarios()), (catalog.USER, places.user_packs())]


def test_the_user_folder_is_the_platform_data_folder(tmp_path):
    # conftest points XDG_DATA_HOME at a temporary folder, as platformdirs reads it on Linux.
    if sys.platform.startswith("linux"):
        assert places.user_data() == tmp_path / "user-data" / "redline"
    assert places.user_scenarios().parent == places.user_packs().parent == places.user_data()


def test_redline_content_replaces_the_defaults_and_content_adds(monkeypatch, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    monkeypatch.setenv("REDLINE_CONTENT", os.pathsep.join([str(a), str(b)]))
    sources = catalog.content_sources([PACKS])
    assert [(s.origin, s.folder) for s in sources] == [
        (catalog.ENV, a),
        (catalog.ENV, b),
        (catalog.EXTRA, PACKS),
    ]


def test_installed_reads_the_shipped_copy_then_the_user_folder(installed):
    sources = catalog.content_sources()
    assert [s.origin for s in sources] == [catalog.SHIPPED, catalog.USER, catalog.USER]
    assert catalog.default_content_dirs() == [installed]  # user folders not there yet
    ids = [e.id for e in catalog.list_scenarios()]
    assert ids == ["tutorial", "reassurance-force"]

    new_scenario("border_watch", places.user_scenarios())
    entries = {e.id: e for e in catalog.list_scenarios()}
    assert catalog.origin(entries["border_watch"].folder, sources) == catalog.USER
    assert catalog.origin(entries["tutorial"].folder, sources) == catalog.SHIPPED


def test_an_empty_user_folder_is_not_read(installed):
    places.user_scenarios().mkdir(parents=True)
    assert catalog.default_content_dirs() == [installed]


def test_a_pack_in_the_user_folder_extends_a_shipped_scenario(installed):
    shutil.copytree(PACKS / "extra", places.user_packs() / "extra")
    tutorial = catalog.find_scenario("tutorial")
    assert tutorial.folder == installed / "tutorial"
    assert tutorial.packs == (places.user_packs() / "extra",)


def test_saves_go_to_the_user_folder_when_installed(installed, tmp_path):
    assert saves_dir() == places.user_data() / "saves"
    assert saves_dir(tmp_path / "mine") == tmp_path / "mine"


def test_saves_stay_in_the_current_folder_in_a_checkout(monkeypatch, tmp_path):
    monkeypatch.delenv("REDLINE_SAVES")
    monkeypatch.chdir(tmp_path)
    assert saves_dir() == tmp_path / "saves"
    monkeypatch.setenv("REDLINE_SAVES", str(tmp_path / "elsewhere"))
    assert saves_dir() == tmp_path / "elsewhere"


def test_new_scenario_goes_to_the_user_folder_when_installed(installed):
    from redline.cli import _new_scenario_parent

    assert _new_scenario_parent() == places.user_scenarios()


def test_scenarios_says_where_each_came_from():
    user = places.user_scenarios()
    new_scenario("border_watch", user)
    proc = run("scenarios", "--content", str(PACKS))
    assert proc.returncode == 0, proc.stderr
    rows = {line.split()[0]: line for line in proc.stdout.splitlines() if line and not line.startswith(" ")}
    assert rows["tutorial"].endswith("checkout, +2 packs (--content)")
    assert rows["reassurance-force"].endswith("checkout")
    assert rows["border_watch"].endswith("user folder")
    assert f"  checkout     {ROOT / 'content'}\n" in proc.stdout
    assert f"  user folder  {user}\n" in proc.stdout
    assert f"  user folder  {places.user_packs()}  (not created yet)\n" in proc.stdout
    assert f"  --content    {PACKS}\n" in proc.stdout


def test_no_scenarios_names_the_folders_read(monkeypatch, tmp_path):
    monkeypatch.setenv("REDLINE_CONTENT", str(tmp_path / "nothing"))
    proc = run("scenarios")
    assert proc.returncode == 1
    assert proc.stdout.startswith("No scenarios installed.\n")
    assert f"REDLINE_CONTENT  {tmp_path / 'nothing'}  (not created yet)" in proc.stdout
