"""Content: safe YAML reading, validation, expressions and the compiled scenario."""

from redline.content.catalog import Entry, ScenarioNotFound, find_scenario, list_scenarios, load
from redline.content.compiled import Scenario
from redline.content.errors import ContentError, ContentErrors
from redline.content.loader import load_scenario

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
