"""`redline play --plain`: the game as lines of plain text, for screen readers, scripts and
pipes. Numbered choices, Enter to go on, no escape codes; the same session layer and the
same saves as the terminal interface. End of input quits cleanly after an autosave.

Only the open options get numbers (a locked one is listed, with why, but has none), so any
number the game offers can be chosen: `yes 1 | redline play tutorial --plain` plays to an
ending.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from redline.report import words
from redline.report.epilogue import epilogue, score_in_words
from redline.report.mattered import decisions_that_mattered
from redline.report.moments import moments


class EndOfInput(Exception):
    """The input ran out: save and leave."""


class Plain:
    def __init__(self, session, out: TextIO, inp: TextIO) -> None:  # type: ignore[no-untyped-def]
        self.session = session
        self.out = out
        self.inp = inp
        self.autosave_error: str | None = None  # the last autosave's, if it failed

    # ---- lines in, lines out -------------------------------------------------------------

    def say(self, text: str = "") -> None:
        self.out.write(_plain(text) + "\n")

    def ask(self, prompt: str) -> str:
        self.out.write(_plain(prompt))
        self.out.flush()
        line = self.inp.readline()
        if not line:
            self.out.write("\n")
            raise EndOfInput
        return line.strip()

    # ---- the game ------------------------------------------------------------------------

    def play(self) -> int:
        session = self.session
        sc = session.scenario
        try:
            if not session.game.actions:
                self.say(sc.title)
                self.say(sc.info.briefing)
                self.ask("Press Enter to begin. ")
            while not session.state.is_over:
                self.card()
            self.ending()
            return 0
        except EndOfInput:
            if session.state.is_over:
                return 0
            error = session.autosave()
            if error:
                self.say(f"The game could not be saved: {error}")
                return 1
            self.say(f"Input ended. The game is saved in {session.autosave_path}; continue it with --load.")
            return 0

    def card(self) -> None:
        session = self.session
        state = session.state
        sc = session.scenario
        card = state.card
        self.say()
        self.say(f"== {session.turn_label()} · score {state.score:g} ==")
        for mid, meter in sc.meters.items():
            self.say(f"  {meter.label}: {words.num(state.meters[mid])}")
        if sc.allies:
            self.say(
                f"  Allied cohesion: {words.num(state.cohesion)}; {len(sc.allies) - len(state.out)} of {len(sc.allies)} allies in"
            )
        signalled = [sc.responses[r].model for r in state.signals if r in sc.responses]
        for r in signalled:
            self.say(f"  Moscow signals: {r.label} — {r.signal}")
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
            if option.outcomes:
                odds = state.outcome_odds(option)
                said = "; ".join(
                    f"{oc.model.label or oc.model.text or 'outcome'} {words.percent(p)}"
                    for oc, (_, p) in zip(option.outcomes, odds, strict=True)
                )
                self.say(f"     Odds: {said}")
        while True:
            answer = self.ask(f"Choose 1-{len(numbered)}: " if len(numbered) > 1 else "Choose 1: ")
            if answer.isdigit() and 1 <= int(answer) <= len(numbered):
                break
            self.say(f"Type a number from 1 to {len(numbered)}, then Enter.")
        decided = session.decide(numbered[int(answer) - 1].id)
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
            self.ask("Press Enter to go on. ")

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
        for paragraph in epilogue(state):
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
