"""Authoring warnings: content that loads but cannot do what its author meant.

`lint(scenario)` returns warnings (RL301-RL309), each with the file, line and column it is
about. A warning is given only when it is certain: conditions are judged over the ranges
`ranges.reach` proves, never by guessing from names (ChoiceScript's quicktest ignores values
and reports false bugs; this does not).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from redline.content.compiled import Scenario
from redline.content.errors import ContentError
from redline.content.expr import Expression, _suggest
from redline.content.numbers import located
from redline.content.ranges import Env, Interval, Reach, evaluate, reach


def lint(scenario: Scenario) -> list[ContentError]:
    """Every warning about `scenario`, sorted by file and position."""
    return sorted(_Lint(scenario).run())


def _stays(i: Interval) -> str:
    """'stays between −42 and 58', 'is always 40'."""
    return f"is {i.said()}" if i.lo == i.hi else f"stays {i.said()}"


class _Lint:
    def __init__(self, sc: Scenario) -> None:
        self.sc = sc
        self.reach: Reach = reach(sc)
        self.out: list[ContentError] = []

    def warn(self, at: tuple[str, int, int], code: str, message: str) -> None:
        self.out.append(ContentError(*at, code, message, "warning"))

    def run(self) -> list[ContentError]:
        self.flags()
        self.meters()
        self.cards()
        self.events()
        self.endings()
        self.allies()
        from redline.content.lint_later import too_late  # RL311, in its own module

        self.out += too_late(self.sc, self.reach.env)
        from redline.content.numbers import chance_problems  # RL312 (always outside: RL107 at load)

        self.out += [w for w in chance_problems(self.sc, self.reach.env) if w.severity == "warning"]
        return self.out

    def why(self, expr: Expression, final_turn: bool = False) -> str:
        """The ranges of what an expression reads, as the reason for a verdict."""
        env = self.env(final_turn)
        parts = []
        for name in sorted(expr.reads):
            if name in self.sc.meters:
                parts.append(f"{name} {_stays(env.names[name])}")
            elif name in self.sc.flags:
                values = self.reach.flag_values[name]
                if len(values) == 1:
                    parts.append(f"{name} is always {str(next(iter(values))).lower()}")
            elif name.startswith("ally.") and name[5:] in env.allies:
                aid = name[5:]
                stays = "" if env.ally_in[aid].can_be_false else ", never leaves"
                parts.append(f"{name}.support {_stays(env.allies[aid])}{stays}")
            elif name.startswith("crossed.") and not env.crossed.get(name[8:], Interval(0, 1)).can_be_true:
                parts.append(f"{name} is never crossed")
            elif name in env.names:
                parts.append(f"{name} is {env.names[name]}")
        return "; ".join(parts)

    def env(self, final_turn: bool = False) -> Env:
        env = self.reach.env
        if final_turn:  # final endings are classified after the last turn only
            last = Interval(self.sc.turns, self.sc.turns)
            env = replace(env, names={**env.names, "turn": last})
        return env

    def verdict(self, expr: Expression, final_turn: bool = False) -> Interval:
        return evaluate(expr, self.env(final_turn))

    # ---- flags and meters ---------------------------------------------------------------

    def flags(self) -> None:
        read = set().union(*(e.reads for e in _expressions(self.sc)))
        for fid, flag in self.sc.flags.items():
            at = self.sc.where("flags", fid, "id")
            if fid not in read:
                self.warn(at, "RL301", f"flag '{fid}' is never read: no condition, chance or formula uses it")
            set_to = self.reach.flag_setters.get(fid, set())
            start = str(flag.start).lower()
            if not set_to:
                self.warn(
                    at, "RL302", f"flag '{fid}' is never set: no effect changes it, so it stays {start}"
                )
            elif set_to == {flag.start}:
                self.warn(at, "RL302", f"flag '{fid}' is only ever set to {start}, its start value")

    def meters(self) -> None:
        for mid in self.sc.meters:
            if mid not in self.reach.changed:
                self.warn(
                    self.sc.where("meters", mid, "id"),
                    "RL303",
                    f"meter '{mid}' never changes: no effect or drift moves it",
                )

    # ---- cards ---------------------------------------------------------------------------

    def cards(self) -> None:
        sc = self.sc
        for card in sc.cards:
            cid = card.id
            never_drawn = False
            if card.when is not None:
                v = self.verdict(card.when)
                at = sc.where("cards", cid, "when")
                if not v.can_be_true:
                    never_drawn = True
                    self.warn(
                        at,
                        "RL304",
                        f"card '{cid}' can never be drawn: `{card.when.text}` never holds ({self.why(card.when)})",
                    )
                elif not v.can_be_false:
                    self.warn(
                        at,
                        "RL305",
                        f"card '{cid}': `{card.when.text}` always holds; drop the condition or make it depend on play",
                    )
            locked = []
            for i, o in enumerate(card.options):
                if o.when is None or (o.when.is_constant and not o.when.constant):
                    continue  # constant false is the loader's RL110 when all are
                v = self.verdict(o.when)
                at = sc.where("cards", cid, "options", i, "when")
                if not v.can_be_true:
                    locked.append(o.id)
                    self.warn(
                        at,
                        "RL304",
                        f"option '{cid}.{o.id}' is always locked: `{o.when.text}` never holds ({self.why(o.when)})",
                    )
                elif not v.can_be_false:
                    self.warn(
                        at,
                        "RL305",
                        f"option '{cid}.{o.id}': `{o.when.text}` always holds, so it is never locked",
                    )
            if not never_drawn and len(locked) == len(card.options):
                self.warn(
                    sc.where("cards", cid, "id"),
                    "RL304",
                    f"card '{cid}' can never be drawn: every option is always locked",
                )
            seen: dict[object, str] = {}
            for i, o in enumerate(card.options):
                key = _consequences(o.model)
                if key in seen:
                    self.warn(
                        sc.where("cards", cid, "options", i, "id"),
                        "RL306",
                        f"options '{seen[key]}' and '{o.id}' of card '{cid}' are identical in play: same tags, condition, effects, outcomes and consequences",
                    )
                else:
                    seen[key] = o.id

    # ---- endings -------------------------------------------------------------------------

    def endings(self) -> None:
        # At each turn's end the engine takes the first non-final ending that holds; after
        # the last turn, the first final one. An ending that always holds hides the rest.
        # Tried by priority, highest first, ties in the scenario's order: engine/endings.py
        # `in_order`, which content may not import (tests/content/test_ending_order.py).
        sc = self.sc
        tried = sorted(sc.endings, key=lambda e: -e.model.priority)
        blocker = None
        for final in (False, True):
            for ending in (e for e in tried if e.model.final == final):
                eid = ending.id
                if blocker is not None:
                    self.warn(
                        sc.where("endings", eid, "id"),
                        "RL307",
                        f"ending '{eid}' can never be reached: ending '{blocker}' always holds and is checked first",
                    )
                    continue
                if ending.when is None:
                    blocker = eid
                    continue
                v = self.verdict(ending.when, final_turn=final)
                if not v.can_be_true:
                    self.warn(
                        sc.where("endings", eid, "when"),
                        "RL307",
                        f"ending '{eid}' can never be reached: `{ending.when.text}` never holds ({self.why(ending.when, final)})",
                    )
                elif not v.can_be_false:
                    blocker = eid

    def events(self) -> None:
        sc = self.sc
        for ev in sc.events:
            eid = ev.id
            if ev.model.turn is not None and ev.model.turn > sc.turns:
                self.warn(
                    sc.where("events", eid, "turn"),
                    "RL304",
                    f"event '{eid}' can never fire on its own: turn {ev.model.turn} is after the last turn ({sc.turns})",
                )
            elif ev.when is not None and not self.verdict(ev.when).can_be_true:
                self.warn(
                    sc.where("events", eid, "when"),
                    "RL304",
                    f"event '{eid}' can never fire: `{ev.when.text}` never holds ({self.why(ev.when)})",
                )

    # ---- allies ----------------------------------------------------------------------------

    def allies(self) -> None:
        sc = self.sc
        option_tags = sorted({t for c in sc.cards for o in c.options for t in o.model.tags})
        for aid, ally in sc.allies.items():
            live = [r for r in ally.reactions if r.tag in option_tags]
            if not ally.reactions:
                self.warn(
                    sc.where("allies", aid, "id"), "RL308", f"ally '{aid}' never reacts: it has no reactions"
                )
                continue
            if not live:
                tags = ", ".join(f"'{r.tag}'{_suggest(r.tag, option_tags)}" for r in ally.reactions)
                self.warn(
                    sc.where("allies", aid, "reactions", key=True),
                    "RL308",
                    f"ally '{aid}' never reacts: no option carries {tags}",
                )
                continue
            for i, r in enumerate(ally.reactions):
                if r.tag not in option_tags:
                    self.warn(
                        sc.where("allies", aid, "reactions", i, "tag"),
                        "RL309",
                        f"ally '{aid}' reacts to '{r.tag}', which no option carries{_suggest(r.tag, option_tags)}",
                    )


def _consequences(option: object) -> object:
    """What an option does in play, without its id and words: equal means identical."""
    data = option.model_dump(  # type: ignore[attr-defined]
        exclude={
            "id": True,
            "label": True,
            "text": True,
            "locked_text": True,
            "outcomes": {"__all__": {"id", "label", "text"}},
            "later": {"__all__": {"text"}},
        }
    )
    data["tags"] = sorted(data["tags"])
    for oc in data["outcomes"]:
        for lt in oc["later"]:
            lt.pop("text", None)
    return repr(data)


def _expressions(sc: Scenario) -> Iterator[Expression]:
    """Every compiled expression of a scenario (red lines' lasting costs too)."""
    for _, expr in located(sc):
        yield expr
