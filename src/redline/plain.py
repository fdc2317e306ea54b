"""`redline play --plain`: the game as lines of plain text, for screen readers, scripts and
pipes. Numbered choices, Enter to go on, no escape codes; the same session layer and the
same saves as the terminal interface. End of input, `quit` or Ctrl+C leave cleanly after an
autosave; `help` says the commands.

A number typed where the game only asks for Enter is kept for the next choice, so a script
written without the pauses in mind (`printf '1\n2\n'`) still chooses what it says.

Only the open options get numbers (a locked one is listed, with why, but has none), so any
number the game offers can be chosen: `yes 1 | redline play tutorial --plain` plays to an
ending.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from redline.engine.ladder import red_line_status
from redline.report import words
from redline.report.epilogue import epilogue, score_in_words
from redline.report.mattered import decisions_that_mattered
from redline.report.moments import moments


class EndOfInput(Exception):
    """The input ran out, or the player typed quit (`asked`): save and leave."""

    def __init__(self, asked: bool = False) -> None:
        super().__init__()
        self.asked = asked


HELP = (
    "Type the number of an option, then Enter, to decide it. Where the game waits, Enter goes on."
    " Commands: help (this), status (the meters, Moscow and the red lines again), quit (saves"
    " the game and leaves; continue it with --load)."
)
QUIT = {"q", "quit", "exit"}
HELPS = {"?", "h", "help"}


class Plain:
    def __init__(self, session, out: TextIO, inp: TextIO) -> None:  # type: ignore[no-untyped-def]
        self.session = session
        self.out = out
        self.inp = inp
        self.autosave_error: str | None = None  # the last autosave's, if it failed
        self.ahead: str | None = None  # an answer typed where only Enter was asked for
        self.width = _width(out)  # wrap at the terminal's width; never in a pipe

    # ---- lines in, lines out -------------------------------------------------------------

    def say(self, text: str = "") -> None:
        self.out.write(_wrap(_plain(text), self.width) + "\n")

    def ask(self, prompt: str) -> str:
        self.out.write(_plain(prompt))
        self.out.flush()
        line = self.inp.readline()
        if not line:
            self.out.write("\n")
            raise EndOfInput
        answer = line.strip()
        if answer.lower() in QUIT:
            raise EndOfInput(asked=True)
        return answer

    def wait(self, prompt: str) -> None:
        """Enter to go on; what else is typed is kept for the next choice (or is a command)."""
        while True:
            answer = self.ask(prompt)
            if answer.lower() in HELPS:
                self.say(HELP)
                continue
            self.ahead = answer or None
            return

    def choose(self, count: int) -> int:
        """The number of an open option, 1 to `count`."""
        while True:
            prompt = f"Choose 1-{count}: " if count > 1 else "Choose 1: "
            if self.ahead is not None:  # said as if typed here, so the transcript reads in order
                answer, self.ahead = self.ahead, None
                self.out.write(f"{prompt}{_plain(answer)}\n")
            else:
                answer = self.ask(prompt)
            if answer.isdigit() and 1 <= int(answer) <= count:
                return int(answer)
            if answer.lower() in HELPS:
                self.say(HELP)
            elif answer.lower() == "status":
                self.status()
            else:
                self.say(f"Type a number from 1 to {count}, then Enter (or help).")

    # ---- the game ------------------------------------------------------------------------

    def play(self) -> int:
        session = self.session
        sc = session.scenario
        try:
            if not session.game.actions:
                self.say(sc.title)
                self.say(sc.info.briefing)
                self.say("Type help at any prompt for the commands.")
                self.wait("Press Enter to begin. ")
            while not session.state.is_over:
                self.card()
            self.ending()
            return 0
        except EndOfInput as end:
            return self.leave("The game" if end.asked else "Input ended. The game", 0)
        except KeyboardInterrupt:  # Ctrl+C: the month's decisions are kept all the same
            self.out.write("\n")
            return self.leave("Interrupted. The game", 130)

    def leave(self, what: str, code: int) -> int:
        """Save the game in progress and say where; `code` unless the save failed."""
        session = self.session
        if session.state.is_over or not session.game.actions:
            return code
        error = session.autosave()
        if error:
            self.say(f"The game could not be saved: {error}")
            return 1
        self.say(f"{what} is saved in {session.autosave_path}; continue it with --load.")
        return code

    def status(self) -> None:
        session = self.session
        state = session.state
        sc = session.scenario
        self.say(f"== {session.turn_label()} · score {state.score:g} ==")
        for mid, meter in sc.meters.items():
            self.say(f"  {meter.label}: {words.num(state.meters[mid])}")
        if sc.allies:
            inside = len(sc.allies) - len(state.out)
            self.say(
                f"  Allied cohesion: {words.num(state.cohesion)}; {inside} of {len(sc.allies)} allies in"
            )
        if sc.rungs:
            rung = min(int(state.rung), len(sc.rungs) - 1)
            self.say(f"  Moscow's ladder: {sc.rungs[rung].model.label} (rung {rung + 1} of {len(sc.rungs)})")
        signalled = [sc.responses[r].model for r in state.signals if r in sc.responses]
        for r in signalled:
            self.say(f"  Moscow signals: {r.label} — {r.signal}")
        for line in sc.red_lines:  # as the Moscow panel reads them
            word, near = red_line_status(state, line)
            reading = f", {near:.0f} of 100" if near is not None and word != "CROSSED" else ""
            self.say(f"  Red line {word}{reading}: {line.model.label}")

    def card(self) -> None:
        session = self.session
        state = session.state
        sc = session.scenario
        card = state.card
        self.say()
        self.status()
        self.say()
        self.say(card.model.title)
        self.say(card.model.text)
        for src in card.model.sources:
            self.say(f"  Source: {words.source(src, sc)}")
        numbered = []
        for option in card.options:
            if not state.available(option):
                why = option.model.locked_text or (
                    f"needs {words.condition(option.when.text, sc)}" if option.when else "not available"
                )
                self.say(f"  (locked) {option.model.label} — {why}")
                continue
            numbered.append(option)
            self.say(f"  {len(numbered)}. {option.model.label}")
            if option.model.text:
                self.say(f"     {option.model.text}")
            if option.model.tags:
                self.say(f"     Tags: {', '.join(t.replace('_', ' ') for t in option.model.tags)}")
            if option.outcomes:
                odds = state.outcome_odds(option)
                said = "; ".join(
                    f"{oc.model.label or oc.model.text or 'outcome'} {words.percent(p)}"
                    for oc, (_, p) in zip(option.outcomes, odds, strict=True)
                )
                self.say(f"     Odds: {said}")
        decided = session.decide(numbered[self.choose(len(numbered)) - 1].id)
        self.autosave_error = decided.autosave_error
        if decided.autosave_error:
            self.say(f"Autosave failed: {decided.autosave_error}")
        if decided.turn_ended:
            self.report(decided.turns)

    def report(self, turns: tuple[int, ...]) -> None:
        session = self.session
        every = [e for batch in session.game.events[1:] for e in batch]
        for turn in turns:
            self.say()
            self.say(f"-- Report: {session.turn_label(turn)} --")
            for m in moments(
                session.scenario, [e for e in every if e.turn == turn], [e for e in every if e.turn < turn]
            ):
                self.say(f"!! {m.title}" + (f" — {m.text}" if m.text else ""))
            for section in session.report(turn):
                self.say(section.title)
                for line in section.lines:
                    why = f" — {line.why}" if line.why else ""
                    self.say(f"{'  ' * (line.indent + 1)}{line.arrow or '-'} {line.text}{why}")
        if not session.state.is_over:
            self.wait("Press Enter to go on. ")

    def ending(self) -> None:
        session = self.session
        state = session.state
        ending = state.ending
        self.say()
        self.say(f"== The end: {ending.model.title} ==")
        self.say(ending.model.text)
        why = next((e.cause for e in reversed(session.game.all_events()) if e.kind == "ending"), None)
        if why:
            self.say(f"Why: {words.why(why, session.scenario)}")
        self.say()
        self.say("-- Afterwards --")
        for paragraph in epilogue(state, session.game.all_events()):
            self.say(paragraph)
        explained = score_in_words(state)
        self.say()
        self.say(f"-- Score: {explained.total:g} --")
        for line in explained.lines:
            self.say(f"  {line.said}")
        self.say(explained.meaning)
        mattered = decisions_that_mattered(session.game)
        if mattered:
            self.say()
            self.say("-- The decisions that mattered most --")
            label = session.scenario.info.turn_label
            for m in mattered:
                self.say(f"  {words.signed(m.change)}  {label} {m.turn}: {m.card} → {m.option}")
        self.say()
        if self.autosave_error:  # never claim a save that was not written
            self.say(f"The finished game could not be saved: {self.autosave_error}")
        else:
            self.say(f"Saved in {session.autosave_path}")


def _plain(text: str) -> str:
    """No escape codes, whatever the content holds: control characters other than line
    breaks and tabs are dropped."""
    return "".join(
        ch for ch in str(text) if ch in "\n\t" or (ch >= " " and ch != "\x7f" and not 0x80 <= ord(ch) < 0xA0)
    )


_MARKER = re.compile(r"\d+\. |[-•▲▼!]+ ")


def _width(out: TextIO) -> int | None:
    """The terminal's width when the output is one, else None (a pipe gets whole lines)."""
    try:
        if not out.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    import shutil

    return max(20, shutil.get_terminal_size().columns - 1)


def _wrap(text: str, width: int | None) -> str:
    """Each line wrapped between words at `width`, its continuation under its own indent."""
    if width is None:
        return text
    import textwrap

    out = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        body = line.lstrip(" ")
        indent = " " * (len(line) - len(body))
        marker = _MARKER.match(body)  # a numbered option or a bullet: its lines hang under the text
        hang = indent + " " * (len(marker.group(0)) if marker else 0)
        out.append(
            textwrap.fill(body, width, initial_indent=indent, subsequent_indent=hang, break_on_hyphens=False)
        )
    return "\n".join(out)


def run_plain(
    scenario: str | None,
    seed: int | None,
    load: str | None,
    content_dirs: Iterable[Path] | None,
    saves: str | None,
    out: TextIO | None = None,
    inp: TextIO | None = None,
) -> int:
    from redline.saves import saves_dir
    from redline.session.local import Session, find_entry, load_entry, scenarios

    out = out or sys.stdout
    inp = inp or sys.stdin
    folder = saves_dir(saves)
    if load:
        session, message = Session.load(Path(load), folder, content_dirs)
        if message:
            out.write(_plain(message) + "\n")
    else:
        if scenario is None:
            entries = scenarios(content_dirs)
            for n, entry in enumerate(entries, 1):
                out.write(_plain(f"{n}. {entry.title}") + "\n")
            pick = Plain(None, out, inp)
            try:
                while True:
                    answer = pick.ask(f"Choose a scenario 1-{len(entries)}: ")
                    if answer.isdigit() and 1 <= int(answer) <= len(entries):
                        break
            except EndOfInput:
                return 0
            entry = entries[int(answer) - 1]
        else:
            entry = find_entry(scenario, content_dirs)
        session = Session.new(load_entry(entry), seed, folder)
    return Plain(session, out, inp).play()
