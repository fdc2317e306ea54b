"""After-action reports and the printable deck.

These read the engine's events and states and the scenario's content; they decide nothing.
"""

from redline.report.aar import AfterAction, build
from redline.report.commands import ReportError, deck_command, report_command

__all__ = ["AfterAction", "ReportError", "build", "deck_command", "report_command"]
