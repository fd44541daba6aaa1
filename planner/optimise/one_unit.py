"""After the solve: no single add, remove or swap of one unit improves the plan (else repair it).

A solver stops within its gap, so a planner may still find a one-unit change that is better —
and stop trusting the tool. This module checks every such change exactly and applies the best
improving one until none is left (the adds, removes and swaps between centres, scored at once,
are tried first; swaps inside a centre, each evaluated on the centre, only when none of those
improves — the last pass always checks every change):

- *add*: one more unit bought (in a year of the horizon) or repaired;
- *remove*: one unit fewer;
- *swap*: one unit removed and one added (other line, other year, or repair ↔ purchase).

Value and the rules that mention only one centre (bundles, dependencies, ports, segments,
fairness, need and repair bounds, must-buy) are evaluated on the centre alone (its own
sub-instance: the objective is a sum over centres, so the change of the whole is the change of
the centre). The rows that tie centres — budgets (total, year, source, source × year) and
category caps and floors — are sums of per-unit charges, checked on the plan's totals. A swap
between two centres is then the sum of two independent changes (checked for all pairs at once
with numpy); a swap inside one centre is evaluated jointly on that centre. With go-live first
(most centres open, then value) no change may close an open centre.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from planner.optimise.accounting import (
    Buys,
    Repairs,
    budget_rows,
    buy_charges,
    coverage,
    go_live,
    objective_value,
    repair_charges,
    totals,
)
from planner.optimise.instance import Instance

_EPS = 1e-9  # a change must gain more than this (value units) to count as an improvement
_TOL = 0.5  # đồng: rows are kept to the đồng, as evaluate.violations does
MAX_REPAIRS = 100  # improving changes applied at most (each one strictly improves)
MAX_INNER_PAIRS = 400_000  # same-centre swap evaluations per check at most
MAX_UNITS = 30_000  # unit variables (line × year, repairs) at most: beyond, no check is made


Var = tuple[str, int, int]  # ("buy", line, year) | ("rep", line, 0)
Change = list[tuple[Var, int]]  # one-unit steps made together: an add, a remove or a swap
_Best = tuple[float, Change | None]  # (gain, change) of the best change so far


@dataclass
class Check:
    """What the check found: the repaired plan and how many improving changes it applied."""

    buys: Buys
    repairs: Repairs
    applied: int
    complete: bool  # every swap inside a centre was checked (False: too many, skipped)


def check_and_repair(
    inst: Instance,
    buys: Buys,
    repairs: Repairs,
    deadline: float | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Check:
    """Apply the best improving one-unit change until there is none (module docstring).

    ``deadline`` (a ``time.perf_counter()`` instant): stop there, the changes found so far kept
    (``complete`` is then False). ``should_stop`` (SolveOptions.should_stop) is asked at the
    same points: a user's stop ends the check as the deadline would.
    """
    buys, repairs = dict(buys), dict(repairs)
    units = sum(
        (len(inst.years) if x.need else 0) + (x.repair_max > 0) for x in inst.lines if x.open
    )
    if units > MAX_UNITS:  # national size: seconds per pass; the gap says how far it can be
        return Check(buys, repairs, 0, False)
    local = _Local(inst)
    local.deadline = deadline
    local.should_stop = should_stop
    local.score(buys, repairs, set(local.sub))
    if local.late():
        return Check(buys, repairs, 0, False)
    applied, complete = 0, True
    for _ in range(MAX_REPAIRS):
        change, complete = local.best_change(buys, repairs)
        if change is None:
            break
        for var, step in change:
            _apply(buys, repairs, var, step)
        local.moved(change)
        local.score(buys, repairs, {inst.lines[var[1]].centre for var, _ in change})
        applied += 1
        if local.late():
            complete = False
            break
    return Check(buys, repairs, applied, complete)


def _apply(buys: Buys, repairs: Repairs, var: Var, step: int) -> None:
    kind, i, year = var
    store: dict[Any, int] = buys if kind == "buy" else repairs  # keyed as ``kind`` says
    key = (i, year) if kind == "buy" else i
    q = store.get(key, 0) + step
    if q:
        store[key] = q
    else:
        store.pop(key, None)


class _Local:
    """The instance split by centre, with each unit's charges on the linking rows."""

    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        self.deadline: float | None = None
        self.should_stop: Callable[[], bool] | None = None
        self.centre_id: np.ndarray | None = None  # each unit variable's centre, as a number
        self.room_now: np.ndarray | None = None  # room in the linking rows (see _room)
        self.open_now: dict[str, bool] = {}  # go-live state of each centre in the plan
        self.rows = budget_rows(inst)
        self.caps = list(inst.category_caps.items())
        self.floors = list(inst.category_floors.items())
        self.by_centre: dict[str, list[int]] = defaultdict(list)
        for i, line in enumerate(inst.lines):
            self.by_centre[line.centre].append(i)
        self.sub = {c.code: self._sub_instance(c.code) for c in inst.centres}
        self.vars: list[Var] = []
        for i, line in enumerate(inst.lines):
            if not line.open:
                continue
            if line.need > 0:
                self.vars += [("buy", i, y) for y in inst.years]
            if line.repair_max > 0:
                self.vars.append(("rep", i, 0))
        self.index = {var: k for k, var in enumerate(self.vars)}
        self.charge = np.array([self._charges(v) for v in self.vars]).reshape(
            len(self.vars), len(self.rows) + len(self.caps) + len(self.floors)
        )

    def _sub_instance(self, code: str) -> tuple[Instance, dict[int, int]]:
        """The centre alone, no linking rows; and the map from global to local line index."""
        inst = self.inst
        idx = self.by_centre[code]
        return (
            inst.model_copy(
                update={
                    "centres": [c for c in inst.centres if c.code == code],
                    "lines": [inst.lines[i] for i in idx],
                    "dependencies": [d for d in inst.dependencies if d.centre == code],
                    "must_buy": [r for r in inst.must_buy if r.centre == code],
                    "budget": None,
                    "budget_by_year": {},
                    "budget_by_source": {},
                    "budget_by_source_year": {},
                    "category_caps": {},
                    "category_floors": {},
                }
            ),
            {g: k for k, g in enumerate(idx)},
        )

    def _charges(self, var: Var) -> list[float]:
        """Đồng one unit of ``var`` adds to each budget row, cap and floor (in that order)."""
        kind, i, year = var
        line = self.inst.lines[i]
        charges = (
            list(buy_charges(self.inst, line, year))
            if kind == "buy"
            else list(repair_charges(self.inst, line))
        )
        out = [sum(a for s, y, a in charges if row.covers(s, y)) for row in self.rows]
        spent = sum(a for _, _, a in charges)
        out += [spent if line.category == cat else 0.0 for cat, _ in self.caps]
        out += [spent if line.category == cat else 0.0 for cat, _ in self.floors]
        return out

    def moved(self, change: list[tuple[Var, int]]) -> None:
        """The room after ``change``: each unit's charges taken from (or given back to) it."""
        if self.room_now is not None:
            for var, step in change:
                self.room_now = self.room_now - step * self._signs() * self.charge[self.index[var]]

    def _room(self, buys: Buys, repairs: Repairs) -> np.ndarray:
        """Room left in each ≤ row (limit − use) and each floor (use − floor), in đồng; totalled
        once, then kept up to date by :meth:`moved` (a pass need not total the whole plan)."""
        if self.room_now is None:
            self.room_now = self._room_of(buys, repairs)
        return self.room_now

    def _room_of(self, buys: Buys, repairs: Repairs) -> np.ndarray:
        tot = totals(self.inst, buys, repairs)
        room = [row.limit - tot.row_usage(row) for row in self.rows]
        room += [cap - tot.by_category.get(cat.value, 0.0) for cat, cap in self.caps]
        room += [tot.by_category.get(cat.value, 0.0) - floor for cat, floor in self.floors]
        return np.array(room, dtype=float)

    def _signs(self) -> np.ndarray:
        """+1 for rows a unit uses up (budgets, caps), −1 for floors (a unit adds to them)."""
        return np.array([1.0] * (len(self.rows) + len(self.caps)) + [-1.0] * len(self.floors))

    def late(self) -> bool:
        if self.should_stop is not None and self.should_stop():
            return True
        return self.deadline is not None and time.perf_counter() >= self.deadline

    def split(self, buys: Buys, repairs: Repairs) -> dict[str, tuple[Buys, Repairs]]:
        """The plan by centre, in each centre's own line numbering."""
        out: dict[str, tuple[Buys, Repairs]] = {code: ({}, {}) for code in self.sub}
        for (i, y), q in buys.items():
            code = self.inst.lines[i].centre
            out[code][0][(self.sub[code][1][i], y)] = q
        for i, q in repairs.items():
            code = self.inst.lines[i].centre
            out[code][1][self.sub[code][1][i]] = q
        return out

    def _centre_value(self, code: str, plan: tuple[Buys, Repairs], changes: Change) -> float | None:
        """The centre's value after ``changes``; ``None`` when a rule of the centre breaks."""
        from planner.optimise.evaluate import violations

        sub, local = self.sub[code]
        b, r = dict(plan[0]), dict(plan[1])
        for (kind, i, year), step in changes:
            if kind == "buy":
                key = (local[i], year)
                b[key] = b.get(key, 0) + step
            else:
                r[local[i]] = r.get(local[i], 0) + step
        b = {k: q for k, q in b.items() if q}
        r = {k: q for k, q in r.items() if q}
        if any(q < 0 for q in b.values()) or any(q < 0 for q in r.values()):
            return None
        if violations(sub, b, r):
            return None
        # go-live first: the count of open centres comes before value; never close one
        keep_open = changes and self.inst.go_live_first and self.open_now.get(code)
        if keep_open and not go_live(sub, coverage(b, r))[code]:
            return None
        return objective_value(sub, b, r)

    def score(self, buys: Buys, repairs: Repairs, codes: set[str]) -> None:
        """Each centre's value and the gain of each one-unit change alone, for ``codes`` (the
        centres a change touched; the others' figures do not depend on it)."""
        if not hasattr(self, "gain"):
            n = len(self.vars)
            self.centre = [self.inst.lines[v[1]].centre for v in self.vars]
            self.members: dict[str, list[int]] = defaultdict(list)
            for k, code in enumerate(self.centre):
                self.members[code].append(k)
            self.gain = {+1: np.full(n, -np.inf), -1: np.full(n, -np.inf)}
            self.base: dict[str, float | None] = {}
        held = {("buy", i, y): q for (i, y), q in buys.items()}
        held.update({("rep", i, 0): q for i, q in repairs.items()})
        plans = self.split(buys, repairs)
        room_on_line = self._line_room(buys, repairs)
        for code in codes:
            if self.late():
                break
            sub = self.sub[code][0]
            self.open_now[code] = go_live(sub, coverage(*plans[code]))[code]
            base = self.base[code] = self._centre_value(code, plans[code], [])
            for k in self.members.get(code, []):
                var = self.vars[k]
                for step in (+1, -1):
                    self.gain[step][k] = -np.inf
                    if base is None or (step < 0 and held.get(var, 0) <= 0):
                        continue
                    if step > 0 and not room_on_line[k]:
                        continue
                    after = self._centre_value(code, plans[code], [(var, step)])
                    if after is not None:
                        self.gain[step][k] = after - base

    def best_change(self, buys: Buys, repairs: Repairs) -> tuple[Change | None, bool]:
        """The most improving feasible add, remove or swap (``None`` if none), and whether every
        same-centre swap was checked."""
        room = self._room(buys, repairs)
        signs = self._signs()
        base, gain, centre = self.base, self.gain, self.centre
        held = {("buy", i, y): q for (i, y), q in buys.items()}
        held.update({("rep", i, 0): q for i, q in repairs.items()})
        best: _Best = (_EPS, None)
        for step in (+1, -1):  # single changes
            fits = np.all(room[None, :] - step * signs * self.charge >= -_TOL, axis=1)
            ok = np.where(fits & np.isfinite(gain[step]))[0]
            if len(ok):
                k = ok[np.argmax(gain[step][ok])]
                if gain[step][k] > best[0]:
                    best = (float(gain[step][k]), [(self.vars[k], step)])
        best = self._cross_swaps(best, gain, room, signs, centre)
        if best[1] is not None:
            # an improving add, remove or cross-centre swap (all scored at once with numpy)
            # is applied without the same-centre scan, the pass's dearest part (a centre's
            # rules re-evaluated per pair): the scan runs on the passes that find no cheaper
            # change, so the last pass still checks every change and nothing improving is left
            return best[1], True
        best, complete = self._inner_swaps(
            best, gain, buys, repairs, base, held, room, signs, centre
        )
        return best[1], complete

    def _cross_swaps(
        self,
        best: _Best,
        gain: dict[int, np.ndarray],
        room: np.ndarray,
        signs: np.ndarray,
        centre: list[str],
    ) -> _Best:
        """Remove one unit at one centre, add one at another: independent, so gains add up."""
        removable = np.where(np.isfinite(gain[-1]))[0]
        addable = np.where(np.isfinite(gain[+1]))[0]
        if not len(removable) or not len(addable):
            return best
        if self.centre_id is None or len(self.centre_id) != len(centre):
            ids: dict[str, int] = {}
            self.centre_id = np.array([ids.setdefault(c, len(ids)) for c in centre])
        codes = self.centre_id  # whole numbers: comparing them is what a pass does most
        freed = room[None, :] + signs * self.charge[removable]  # room after each removal
        top_removal = gain[-1][removable].max()
        adds = addable[np.argsort(-gain[+1][addable])]
        # adds in blocks (all pairs of a block at once; a block's array at most ~2M numbers)
        size = max(1, 2_000_000 // max(1, len(removable) * freed.shape[1]))
        for first in range(0, len(adds), size):
            block = adds[first : first + size]
            if gain[+1][block[0]] + top_removal <= best[0]:
                break  # the adds are in falling gain order: no later add can do better
            total = gain[+1][block][:, None] + gain[-1][removable][None, :]
            after = freed[None, :, :] - (signs * self.charge[block])[:, None, :]
            fits = np.all(after >= -_TOL, axis=2)
            fits &= codes[removable][None, :] != codes[block][:, None]
            fits &= total > best[0]
            if fits.any():
                j, i = np.unravel_index(np.argmax(np.where(fits, total, -np.inf)), fits.shape)
                a, b = removable[i], block[j]
                best = (
                    float(gain[+1][b] + gain[-1][a]),
                    [(self.vars[a], -1), (self.vars[b], +1)],
                )
        return best

    def _line_room(self, buys: Buys, repairs: Repairs) -> np.ndarray:
        """Whether each unit variable's line has a unit left to buy (or repair)."""
        bought: dict[int, int] = defaultdict(int)
        for (i, _), q in buys.items():
            bought[i] += q
        out = np.zeros(len(self.vars), dtype=bool)
        for k, (kind, i, _) in enumerate(self.vars):
            line = self.inst.lines[i]
            out[k] = bought[i] < line.need if kind == "buy" else repairs.get(i, 0) < line.repair_max
        return out

    def _optimistic(
        self, gain: dict[int, np.ndarray]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Upper bounds on the two halves of a same-centre swap, to skip hopeless pairs.

        The joint gain of removing a then adding b is ``gain(a) + gain(b | a removed)``. The
        second part is at most one unit's top value (``value × year weight``), plus the
        centre's bonus if b is a go-live line and the centre is closed or a is a go-live line,
        plus the fairness penalty of b's price if the centre is below its floor once a is
        removed (the caller adds those two where they apply). The first
        is ``gain(a)`` when removing a alone keeps the centre's rules, else at most minus its
        least unit value (``tail_value × year weight``): a swap may keep a rule that the
        removal alone breaks (the same unit bought a year earlier).
        """
        inst = self.inst
        bonus = {c.code: c.go_live_bonus for c in inst.centres}
        penalty = (
            inst.fairness_penalty if inst.fairness_floor > 0 and not inst.fairness_hard else 0.0
        )
        removal = np.array(gain[-1])
        n = len(self.vars)
        addition, bonuses, fair = np.zeros(n), np.zeros(n), np.zeros(n)
        for k, (kind, i, year) in enumerate(self.vars):
            line = inst.lines[i]
            weight = inst.year_weight(year) if kind == "buy" else 1.0
            cost = line.unit_price if kind == "buy" else line.repair_unit_cost
            addition[k] = line.value * weight
            fair[k] = penalty * cost
            bonuses[k] = bonus[line.centre] if line.go_live else 0.0
            if not np.isfinite(removal[k]):
                removal[k] = -line.tail_value * weight
        return removal, addition, bonuses, fair

    def _inner_swaps(
        self,
        best: _Best,
        gain: dict[int, np.ndarray],
        buys: Buys,
        repairs: Repairs,
        base: dict[str, float | None],
        held: dict[Var, int],
        room: np.ndarray,
        signs: np.ndarray,
        centre: list[str],
    ) -> tuple[_Best, bool]:
        """Remove one unit and add one at the same centre, evaluated jointly on the centre."""
        by_centre: dict[str, list[int]] = defaultdict(list)
        for k, code in enumerate(centre):
            by_centre[code].append(k)
        pairs = sum(
            sum(1 for k in ks if held.get(self.vars[k], 0) > 0) * len(ks)
            for ks in by_centre.values()
        )
        if pairs > MAX_INNER_PAIRS:
            return best, False
        removal, addition, bonus, fair = self._optimistic(gain)
        line_of = np.array([v[1] for v in self.vars])
        room_on_line = self._line_room(buys, repairs)
        plans = self.split(buys, repairs)
        opened = go_live(self.inst, coverage(buys, repairs))
        spent = totals(self.inst, buys, repairs).by_centre
        floor = {c.code: self.inst.fairness_floor * c.cost for c in self.inst.centres}
        for code, ks in by_centre.items():
            if self.late():
                return best, False
            before = base[code]
            if before is None:
                continue
            for a in ks:
                if held.get(self.vars[a], 0) <= 0:
                    continue
                line_a = self.inst.lines[self.vars[a][1]]
                cost_a = line_a.unit_price if self.vars[a][0] == "buy" else line_a.repair_unit_cost
                may_fall_short = spent.get(code, 0.0) - cost_a < floor[code]
                # a rule of the centre that removing a breaks (a prerequisite, a switch, a
                # must-buy) is kept again only by a unit of the same line (or, with a hard
                # fairness floor, by any spending); an open centre whose bundle loses a unit
                # of a is reopened only by the same line
                same_line_only = not np.isfinite(gain[-1][a]) and not self.inst.fairness_hard
                bs = np.array(ks)
                same = line_of[bs] == self.vars[a][1]
                bound = removal[a] + addition[bs] + (fair[bs] if may_fall_short else 0.0)
                bound += np.where(~opened[code] | (line_a.go_live & same), bonus[bs], 0.0)
                keep = (bs != a) & (same | (not same_line_only))
                keep &= room_on_line[bs] | same  # a full line takes a unit only back
                keep &= np.all(
                    room[None, :] + signs * (self.charge[a] - self.charge[bs]) >= -_TOL, axis=1
                )
                for k in np.argsort(-bound):
                    if bound[k] <= best[0]:
                        break  # falling order: no later pair can do better
                    if not keep[k]:
                        continue
                    change = [(self.vars[a], -1), (self.vars[int(bs[k])], +1)]
                    after = self._centre_value(code, plans[code], change)
                    if after is not None and after - before > best[0]:
                        best = (after - before, change)
        return best, True
