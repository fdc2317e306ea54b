"""What the loader does for speed must not leak out of it."""

from __future__ import annotations

import gc

import pytest

from redline.content import load_scenario
from redline.content.errors import ContentErrors


def test_the_collector_is_running_again_after_a_load(tmp_path, shipped):
    load_scenario(shipped[0].folder)
    assert gc.isenabled()
    (tmp_path / "scenario.yaml").write_text("scenario: [unclosed\n")
    with pytest.raises(ContentErrors):
        load_scenario(tmp_path)
    assert gc.isenabled()


def test_a_load_leaves_the_collector_off_if_it_was_off(shipped):
    gc.disable()
    try:
        load_scenario(shipped[0].folder)
        assert not gc.isenabled()
    finally:
        gc.enable()
