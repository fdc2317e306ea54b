"""Link a merged scenario: cross-check its ids and compile its expressions.

The loader (`loader.py`) reads and validates each file and merges the items by id; the
`Linker` then checks what no single item can check alone (an unknown meter in an effect,
a red line whose floor is off the ladder, a test naming an unknown card) and compiles every
condition and effect into the `Scenario` the engine reads. Every problem is collected, each
placed at its file, line and column, and raised together as `ContentErrors`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from redline.content import models as m
from redline.content.compiled import (
    CCard,
    CEnding,
    CEvent,
    Change,
    CLater,
    COption,
    COutcome,
    CReaction,
    CRedLine,
    CResponse,
    CRung,
    Scenario,
)
from redline.content.errors import ContentError, ContentErrors
from redline.content.expr import ExprError, Expression, Names, _suggest, parse
from redline.content.placement import Place

# The codes of a name unknown to the scenario.
UNKNOWN_NAME_CODES = frozenset({"RL101", "RL102", "RL103", "RL104", "RL108"})


def written(value: Any) -> str:
    """A value read from a file as the author wrote it: `true`, `5` (not True, 5.0)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, int | float):
        return f"{value:g}"
    return repr(value)


def one_line(text: Any) -> Any:
    """An expression written over several lines (a `|` block keeps its line breaks) read as
    one line: each break becomes a space, so the expression's columns stay those of its text.
    Text with a comment or a backslash is left as written, where a break means something."""
    if isinstance(text, str) and ("\n" in text or "\r" in text) and "#" not in text and "\\" not in text:
        return text.replace("\r", " ").replace("\n", " ")
    return text


@dataclass
class Item:
    """One validated item of a section and where it was written."""

    model: Any
    place: Place


@dataclass
class _Moscow:
    """Kremlin's compiled parts."""

    act_chance: Expression
    rungs: tuple[CRung, ...]
    responses: dict[str, CResponse]


class Linker:
    """Cross-checks ids and compiles every expression, collecting every problem."""

    def __init__(
        self,
        merged: dict[str, dict[str, Item]],
        singles: dict[str, Item | None],
        errors: list[ContentError],
        broken: dict[str, set[str]],
    ) -> None:
        self.merged = merged
        self.broken = broken
        self._parsed: dict[tuple[Any, type, int], Expression] = {}
        self.singles = singles
        self.errors = errors
        self.meters = {k: v.model for k, v in merged["meters"].items()}
        self.flags = {k: v.model for k, v in merged["flags"].items()}
        self.allies = {k: v.model for k, v in merged["allies"].items()}
        b = self.broken
        self.names = Names(
            meters=frozenset(self.meters) | b.get("meters", set()),
            flags=frozenset(self.flags) | b.get("flags", set()),
            allies=frozenset(self.allies) | b.get("allies", set()),
            red_lines=frozenset(merged["red_lines"]) | b.get("red_lines", set()),
            flag_order=tuple(sorted(self.flags)),
        )

    # ---- the scenario, section by section ----------------------------------------------

    def link(self, folder: str, files: tuple[str, ...], digest: str) -> Scenario:
        """The compiled scenario; raises `ContentErrors` with every problem found."""
        info_item = self.singles["scenario"]
        kremlin_item = self.singles["kremlin"]
        assert info_item is not None and kremlin_item is not None
        info: m.ScenarioInfo = info_item.model
        roles = {r.id: r for r in info.roles}
        self.check_meters()
        self.check_allies()
        moscow = self.kremlin(kremlin_item)
        red_lines = self.red_lines(kremlin_item.model)
        reactions = self.reactions()
        cards = self.cards(roles)
        events = self.events()
        endings = self.endings(info_item.place)
        score = self.expr(info.score, info_item.place, "score")
        self.check_tests(info, info_item.place, {c.id: c for c in cards}, endings, red_lines)
        if self.broken.get("anything"):
            # A file whose ids could not even be scanned may define any name: an "unknown"
            # name may be one of its, so none is reported; the file's own problem is.
            self.errors[:] = [e for e in self.errors if e.code not in UNKNOWN_NAME_CODES]
        if self.errors:
            raise ContentErrors(self.errors)
        return Scenario(
            info=info,
            folder=folder,
            files=files,
            content_hash=digest,
            meters=dict(self.meters),
            flags=dict(self.flags),
            allies=dict(self.allies),
            ally_weight={aid: a.cohesion_weight for aid, a in self.allies.items()},
            reactions=reactions,
            red_lines=tuple(red_lines),
            kremlin=kremlin_item.model,
            escalation=kremlin_item.model.meter,
            act_chance=moscow.act_chance,
            rungs=moscow.rungs,
            responses=moscow.responses,
            cards=tuple(cards),
            card_by_id={c.id: c for c in cards},
            events=tuple(events),
            event_by_id={e.id: e for e in events},
            endings=tuple(endings),
            score=score,
            roles=roles,
        )

    def check_meters(self) -> None:
        """Every meter starts inside its own range."""
        for mid, item in self.merged["meters"].items():
            mm = item.model
            if not mm.min <= mm.start <= mm.max:
                self.error(item.place, ("start",), "RL107", f"meter '{mid}' starts outside {mm.min}-{mm.max}")

    def check_allies(self) -> None:
        """Every ally weighs something in the coalition (models.Ally.cohesion_weight)."""
        for aid, item in self.merged["allies"].items():
            if item.model.cohesion_weight <= 0:
                self.error(
                    item.place, ("contribution",), "RL107", f"ally '{aid}' needs a contribution or a weight"
                )

    def kremlin(self, item: Item) -> _Moscow:
        """Moscow's escalation meter, its chance to act and its ladder of responses: rungs at
        increasing escalation, response ids unique across the ladder."""
        kremlin: m.Kremlin = item.model
        kp = item.place
        if kremlin.meter not in self.meters and kremlin.meter not in self.broken.get("meters", ()):
            self.error(
                kp,
                ("meter",),
                "RL101",
                f"unknown meter '{kremlin.meter}'{_suggest(kremlin.meter, self.meters)}",
            )
        act_names = Names(
            self.names.meters,
            self.names.flags,
            self.names.allies,
            self.names.red_lines,
            flag_order=self.names.flag_order,
        )
        act_chance = self.chance(kremlin.act_chance, kp, "act_chance", names=act_names)
        rungs: list[CRung] = []
        responses: dict[str, CResponse] = {}
        last_at = -1.0
        for ri, rung in enumerate(kremlin.ladder):
            if rung.at <= last_at:
                self.error(
                    kp, ("ladder", ri, "at"), "RL107", "ladder rungs must start at increasing escalation"
                )
            last_at = rung.at
            crs = []
            for si, resp in enumerate(rung.responses):
                sub = ("ladder", ri, "responses", si)
                if resp.id in responses:
                    self.error(kp, (*sub, "id"), "RL105", f"duplicate response id '{resp.id}'")
                cr = CResponse(
                    resp,
                    ri,
                    self.expr(resp.weight, kp, *sub, "weight"),
                    self.opt_expr(resp.when, kp, *sub, "when"),
                    self.changes(resp.effects, kp, *sub),
                )
                responses[resp.id] = cr
                crs.append(cr)
            rungs.append(CRung(rung, tuple(crs)))
        return _Moscow(act_chance, tuple(rungs), responses)

    def red_lines(self, kremlin: m.Kremlin) -> list[CRedLine]:
        """The red lines, each with a floor on Moscow's ladder."""
        red_lines = []
        for item in self.merged["red_lines"].values():
            rl: m.RedLine = item.model
            p = item.place
            if rl.floor >= len(kremlin.ladder):
                self.error(
                    p,
                    ("floor",),
                    "RL107",
                    f"red line '{rl.id}' has floor {rl.floor}, but the ladder's rungs are numbered"
                    f" 0 to {len(kremlin.ladder) - 1}",
                )
            red_lines.append(
                CRedLine(
                    rl,
                    self.expr(rl.crossed, p, "crossed"),
                    self.opt_expr(rl.proximity, p, "proximity"),
                    self.changes(rl.effects, p),
                    self.changes(rl.lasting, p, key="lasting"),
                )
            )
        return red_lines

    def reactions(self) -> dict[str, tuple[CReaction, ...]]:
        """The allies' reactions, by the option tag they answer."""
        reactions: dict[str, list[CReaction]] = {}
        for aid, item in self.merged["allies"].items():
            for i, r in enumerate(item.model.reactions):
                reactions.setdefault(r.tag, []).append(
                    CReaction(
                        aid, r.delta, self.opt_expr(r.when, item.place, "reactions", i, "when"), r.why or ""
                    )
                )
        return {k: tuple(v) for k, v in reactions.items()}

    def cards(self, roles: dict[str, m.Role]) -> list[CCard]:
        """The cards: a known role, option ids unique in the card, and at least one option
        that can be chosen."""
        cards = []
        for item in self.merged["cards"].values():
            c: m.Card = item.model
            p = item.place
            if c.role is not None and c.role not in roles and "scenario" not in self.broken:
                self.error(p, ("role",), "RL104", f"unknown role '{c.role}'{_suggest(c.role, roles)}")
            options = []
            seen_opts: set[str] = set()
            for oi, o in enumerate(c.options):
                if o.id in seen_opts:
                    self.error(
                        p, ("options", oi, "id"), "RL105", f"duplicate option id '{o.id}' in card '{c.id}'"
                    )
                seen_opts.add(o.id)
                options.append(self.option(o, c.id, p, ("options", oi)))
            if all(o.when is not None and o.when.is_constant and not o.when.constant for o in options):
                self.error(p, ("options",), "RL110", f"card '{c.id}' has no option that can be chosen")
            cards.append(
                CCard(
                    c,
                    self.opt_expr(c.when, p, "when"),
                    self.expr(c.weight, p, "weight"),
                    tuple(options),
                    {o.id: o for o in options},
                )
            )
        return cards

    def option(self, o: m.Option, card_id: str, p: Place, base: tuple[str | int, ...]) -> COption:
        """One option of a card, with its chance outcomes and later consequences."""
        outcomes = tuple(
            COutcome(
                oc,
                self.chance(oc.chance, p, *base, "outcomes", k, "chance"),
                self.changes(oc.effects, p, *base, "outcomes", k),
                self.laters(oc.later, p, *base, "outcomes", k),
            )
            for k, oc in enumerate(o.outcomes)
        )
        return COption(
            o,
            card_id,
            self.opt_expr(o.when, p, *base, "when"),
            self.changes(o.effects, p, *base),
            outcomes,
            self.laters(o.later, p, *base),
        )

    def events(self) -> list[CEvent]:
        """The events: condition, chance, effects and later consequences."""
        events = []
        for item in self.merged["events"].values():
            e: m.Event = item.model
            p = item.place
            events.append(
                CEvent(
                    e,
                    self.opt_expr(e.when, p, "when"),
                    self.chance(e.chance, p, "chance"),
                    self.changes(e.effects, p),
                    self.laters(e.later, p),
                )
            )
        return events

    def endings(self, info_place: Place) -> list[CEnding]:
        """The endings in the scenario's order, with the final one without a condition that
        every game can end on (reported only when nothing else is wrong: a broken file may
        hold it). The order they are tried in is the engine's (engine/endings.py)."""
        endings = []
        for item in self.merged["endings"].values():
            en: m.Ending = item.model
            endings.append(CEnding(en, self.opt_expr(en.when, item.place, "when")))
        if not any(ce.model.final and ce.when is None for ce in endings) and not self.errors:
            self.error(
                info_place,
                (),
                "RL107",
                "endings need one `final: true` ending without `when` (the fallback)",
            )
        return endings

    def check_tests(
        self,
        info: m.ScenarioInfo,
        place: Place,
        cards: dict[str, CCard],
        endings: list[CEnding],
        red_lines: list[CRedLine],
    ) -> None:
        """The scenario's own tests and balance gates name cards, options, endings, meters,
        red lines and allies that exist."""
        ending_ids = {e.id for e in endings}
        line_ids = {r.id for r in red_lines}
        for ti, test in enumerate(info.tests):
            sub = ("tests", ti)
            for ci, choice in enumerate(test.choices):
                card_id, _, option_id = choice.partition(".")
                card = cards.get(card_id)
                if card_id in self.broken.get("cards", ()):
                    continue  # its own definition is broken and already reported
                if card is None:
                    self.error(
                        place,
                        (*sub, "choices", ci),
                        "RL108",
                        f"unknown card '{card_id}'{_suggest(card_id, cards)}",
                    )
                elif option_id not in card.option_by_id:
                    # Placed at the option's id, after `card.`, with a spelling hint.
                    line, col = place.at_offset((*sub, "choices", ci), choice, len(card_id) + 1)
                    hint = _suggest(option_id, card.option_by_id)
                    msg = f"card '{card_id}' has no option '{option_id}'{hint}"
                    self.errors.append(ContentError(place.file, line, col, "RL108", msg))
            exp = test.expect
            if exp.ending is not None and exp.ending not in ending_ids | self.broken.get("endings", set()):
                self.error(
                    place,
                    (*sub, "expect", "ending"),
                    "RL108",
                    f"unknown ending '{exp.ending}'{_suggest(exp.ending, ending_ids)}",
                )
            for mid in exp.meters:
                if mid not in self.meters and mid not in self.broken.get("meters", ()):
                    self.error(
                        place,
                        (*sub, "expect", "meters", mid),
                        "RL101",
                        f"unknown meter '{mid}'{_suggest(mid, self.meters)}",
                        key=True,
                    )
            for key in ("crossed", "not_crossed"):
                for i, rid in enumerate(getattr(exp, key)):
                    if rid not in line_ids | self.broken.get("red_lines", set()):
                        hint = _suggest(rid, line_ids)
                        self.error(
                            place, (*sub, "expect", key, i), "RL103", f"unknown red line '{rid}'{hint}"
                        )
            for key in ("allies_in", "allies_out"):
                for i, aid in enumerate(getattr(exp, key)):
                    if aid not in self.allies and aid not in self.broken.get("allies", ()):
                        hint = _suggest(aid, self.allies)
                        self.error(place, (*sub, "expect", key, i), "RL102", f"unknown ally '{aid}'{hint}")
        for gi, gate in enumerate(info.balance):
            for eid in gate.ending_min:
                if eid not in ending_ids | self.broken.get("endings", set()):
                    self.error(
                        place,
                        ("balance", gi, "ending_min", eid),
                        "RL108",
                        f"unknown ending '{eid}'{_suggest(eid, ending_ids)}",
                        key=True,
                    )

    # ---- the parts every section uses --------------------------------------------------

    def error(self, place: Place, sub: Sequence[str | int], code: str, msg: str, key: bool = False) -> None:
        self.errors.append(place.error(sub, code, msg, key=key))

    def expr(self, text: Any, place: Place, *sub: str | int, names: Names | None = None) -> Expression:
        """`text` compiled; a stand-in 0 (and the problems, placed in the text) if it does not."""
        names = names or self.names
        key = (text, type(text), id(names))
        cached = self._parsed.get(key)  # large scenarios repeat the same conditions often
        if cached is not None:
            return cached
        try:
            self._parsed[key] = parse(one_line(text), names)
            return self._parsed[key]
        except ExprError as exc:
            # Columns count from the expression's first character, over its lines as one.
            lead = len(text) - len(text.lstrip()) if isinstance(text, str) else 0
            for one in exc.all:
                line, col = place.at_offset(sub, text, lead + one.col)
                self.errors.append(ContentError(place.file, line, col, one.code, one.message))
            return parse(0, self.names)

    def chance(self, text: Any, place: Place, *sub: str | int, names: Names | None = None) -> Expression:
        """A probability: an expression, or a constant between 0 and 1."""
        expr = self.expr(text, place, *sub, names=names)
        c = expr.constant
        if expr.is_constant and not isinstance(c, bool) and not 0 <= c <= 1:
            self.error(place, sub, "RL107", f"a chance must be between 0 and 1, not {c:g}")
        return expr

    def opt_expr(self, text: str | None, place: Place, *sub: str | int) -> Expression | None:
        return None if text is None else self.expr(text, place, *sub)

    def changes(
        self, effects: dict[str, Any], place: Place, *sub: str | int, key: str = "effects"
    ) -> tuple[Change, ...]:
        """An item's effects (or `lasting`): each names a meter, a flag or `ally.X`, and
        fits it (true/false or a condition for a flag, a number for the others)."""
        out = []
        for target, value in effects.items():
            at = (*sub, key, target)
            if target.removeprefix("ally.") in self.broken.get(
                "allies" if target.startswith("ally.") else "meters", set()
            ) | self.broken.get("flags", set()):
                continue  # its own definition is broken and already reported
            if target.startswith("ally."):
                ally = target[5:].removesuffix(".support")
                if ally not in self.allies:
                    self.error(
                        place, at, "RL102", f"unknown ally '{ally}'{_suggest(ally, self.allies)}", key=True
                    )
                    continue
                kind, target = "ally", ally
            elif target in self.meters:
                kind = "meter"
            elif target in self.flags:
                kind = "flag"
                if not isinstance(value, bool | str):  # true/false, or a condition
                    self.error(
                        place,
                        at,
                        "RL109",
                        f"flag '{target}' takes true, false or a condition, not {written(value)}",
                    )
                    continue
            else:
                pool = list(self.meters) + list(self.flags)
                self.error(
                    place, at, "RL101", f"unknown meter or flag '{target}'{_suggest(target, pool)}", key=True
                )
                continue
            if kind != "flag" and isinstance(value, bool):
                self.error(
                    place, at, "RL109", f"'{target}' takes a number or an expression, not {written(value)}"
                )
                continue
            out.append(Change(kind, target, self.expr(value, place, *at)))
        return tuple(out)

    def laters(self, laters: list[m.Later], place: Place, *sub: str | int) -> tuple[CLater, ...]:
        """Later consequences: an optional condition and their effects."""
        return tuple(
            CLater(
                lt,
                self.opt_expr(lt.when, place, *sub, "later", i, "when"),
                self.changes(lt.effects, place, *sub, "later", i),
            )
            for i, lt in enumerate(laters)
        )
