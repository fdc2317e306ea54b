"""Content: safe YAML reading, validation, expressions and the compiled scenario.

Names are loaded on first use, so `redline play` reaches its first frame without paying
for pydantic and the loader until a scenario is actually opened.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {
    "ContentError": "redline.content.errors",
    "ContentErrors": "redline.content.errors",
    "Entry": "redline.content.catalog",
    "ScenarioNotFound": "redline.content.catalog",
    "find_scenario": "redline.content.catalog",
    "list_scenarios": "redline.content.catalog",
    "load": "redline.content.catalog",
    "Scenario": "redline.content.compiled",
    "load_scenario": "redline.content.loader",
}

__all__ = [
    "ContentError",
    "ContentErrors",
    "Entry",
    "Scenario",
    "ScenarioNotFound",
    "find_scenario",
    "list_scenarios",
    "load",
    "load_scenario",
]

if TYPE_CHECKING:  # pragma: no cover
    from redline.content.catalog import Entry, ScenarioNotFound, find_scenario, list_scenarios, load
    from redline.content.compiled import Scenario
    from redline.content.errors import ContentError, ContentErrors
    from redline.content.loader import load_scenario


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'redline.content' has no attribute '{name}'")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
