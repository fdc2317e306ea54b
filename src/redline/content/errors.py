"""Content problems, each with the file, line and column it is about and a stable code."""

from __future__ import annotations

from dataclasses import asdict, dataclass

# Stable codes; docs/authoring.md lists each with an example.
CODES = {
    "RL001": "YAML syntax error",
    "RL002": "unsafe or unknown YAML tag",
    "RL003": "unreadable file (encoding, size, empty, nesting, too many values), or too many problems",
    "RL004": "scenario folder without a `scenario:` section, or with two",
    "RL101": "unknown meter, flag or name",
    "RL102": "unknown ally",
    "RL103": "unknown red line",
    "RL104": "unknown role",
    "RL105": "duplicate id",
    "RL106": "unknown key",
    "RL107": "wrong type or value, or missing key",
    "RL108": "unknown card or event",
    "RL109": "effect does not fit its target (e.g. true/false on a meter)",
    "RL110": "a card has no option that can ever be chosen",
    "RL111": "a `sources:` file that does not exist",
    "RL200": "expression syntax error",
    "RL201": "expression uses something not allowed",
    "RL202": "expression too long, too deep or out of range",
    "RL203": "a division by a value that can be 0 in play (by the range analysis)",
    "RL204": "a power with no value in play: a fractional power of a value that can be negative, or a negative power of one that can be 0",
    "RL205": "arithmetic that can overflow past the largest number in play",
    "RL501": "a session plan names a scenario that is not installed",
    "RL301": "warning: flag never read",
    "RL302": "warning: flag never set",
    "RL303": "warning: meter never changed",
    "RL304": "warning: card condition can never hold",
    "RL305": "warning: card condition always holds",
    "RL306": "warning: two options of a card are identical",
    "RL307": "warning: ending cannot be reached",
    "RL308": "warning: ally never reacts",
    "RL309": "warning: an ally reacts to a tag that no option carries",
    "RL310": "warning: the scenario's id is already installed in another folder",
    "RL311": "warning: a delayed consequence can never come within the game's length",
    "RL312": "warning: a chance can leave 0 to 1 in play",
}


@dataclass(frozen=True, order=True)
class ContentError:
    file: str
    line: int
    col: int
    code: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        marker = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}:{self.col}: {self.code} {marker}{self.message}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class ContentErrors(Exception):
    """Raised when content cannot be loaded; carries every problem found."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__("\n".join(str(e) for e in self.errors))
