"""Text from content and saves is shown as text, never obeyed by a terminal.

A card title holding `ESC ] 52 ; c ; ... BEL` would write the player's clipboard; one holding
`ESC ] 2 ; ...` renames the terminal window; a right-to-left override makes a line read
backwards. Content and saves are cleaned once, where they are read (`clean_data`), and every
command-line output passes through `clean` again (see `CleanStream`), so nothing a file holds
can reach the terminal as a control sequence.

What goes: whole escape sequences (CSI, OSC, DCS, APC, PM, SOS, and two-byte ESC forms, in
their 7-bit and 8-bit spellings); every other C0 control but tab and newline (a carriage
return becomes a newline when it ends a line, else it goes); DEL; the C1 controls; the
bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and U+061C.
Ordinary text, including every printable Unicode character, passes unchanged; text without
anything to remove is returned as the very same object, so cleaning clean text costs a scan.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

# An escape sequence: ESC or an 8-bit introducer, and what the terminal would read with it.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI ... final byte
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"  # OSC, DCS, ...
    r"|\x1b[ -/]*[0-~]?",  # two-byte forms (ESC 7, ESC c, ESC ( B ...), or a lone ESC
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u061c]")
_ANY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u061c]")


def clean(text: str) -> str:
    """`text` without control characters or escape sequences; newlines and tabs kept."""
    if _ANY.search(text) is None:
        return text
    text = text.replace("\r\n", "\n")
    text = _SEQUENCE.sub("", text)
    text = text.replace("\r", "")
    return _CONTROL.sub("", text)


def clean_line(text: str) -> str:
    """`clean`, on one line: newlines and tabs become spaces."""
    text = clean(text)
    if "\n" in text or "\t" in text:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


def needs_cleaning(text: str) -> bool:
    return _ANY.search(text) is not None


def clean_data(value: Any) -> Any:
    """Plain data (dicts, lists, strings, numbers) with every string cleaned, keys included.
    Containers with nothing to clean are returned as they were."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean(k) if isinstance(k, str) else k: clean_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_data(v) for v in value]
    return value


class CleanStream:
    """A text stream that cleans everything written to it before it reaches the terminal:
    the command line's stdout and stderr, so a message quoting a file or a value is safe
    whatever it quotes. Carriage returns of a progress bar are kept when `keep_cr`."""

    def __init__(self, stream: TextIO, keep_cr: bool = False) -> None:
        self._stream = stream
        self._keep_cr = keep_cr
        # What writes its own terminal codes of fixed, known text (a progress bar) writes here.
        self.unfiltered = stream

    def write(self, text: str) -> int:
        if self._keep_cr and "\r" in text:
            out = "\r".join(clean(part) for part in text.split("\r"))
        else:
            out = clean(text)
        self._stream.write(out)
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, fileno, isatty, encoding, buffer ...
        return getattr(self._stream, name)


# ---- cells of a spreadsheet -----------------------------------------------------------------

# A spreadsheet reads a cell that starts with one of these as a formula (`=HYPERLINK(...)`,
# `@SUM(...)`, `-2+3`), and may run it when the file is opened: every CSV the game writes
# (report, MSEL, cards) puts a quote mark before it, which keeps the cell text, and every
# CSV it reads takes that mark off again, so a round trip changes nothing.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def sheet_cell(value: Any) -> Any:
    """`value` as a spreadsheet keeps it as text: a string that would start a formula gets a
    leading quote mark (so does one that already starts with quote marks before a formula,
    so that `sheet_text` gives back exactly what was written). Anything that is not a string
    is returned as it is."""
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_START):
        return "'" + value
    return value


def sheet_text(cell: str) -> str:
    """A cell read back: the quote mark `sheet_cell` added is taken off."""
    if cell[:1] == "'" and cell.lstrip("'").startswith(FORMULA_START):
        return cell[1:]
    return cell
