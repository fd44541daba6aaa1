"""When each package's selection starts and when its contract ends.

Every package: selection starts on the first day of ``start_month``; its contract starts when
selection is done and runs ``duration_months``::

    end_date = add_months(start + selection_days, duration_months) − 1 day

An ordinary package starts in the first month of its planning quarter. The packages of one
centre's works investment follow the order of a construction investment (survey and design
before the works, appraisal of the design before the works, supervision with the works), so
their starts are chained (``investment_schedule`` in ``procurement_rules.yaml``)::

    start(survey_design) = first_month of the plan year
    start(next step)     = first day of the month after end(previous step)
    start(supervision)   = start(works),  end(supervision) = end(works)

A step's ``selection_days`` is that of the method the regime chooses automatically for the
step's own price (a pure function of the plan's lines), so every package of the investment gets
the same chain whichever package is re-assembled first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.models import ProcurementField
from planner.procurement.methods import package_price
from planner.procurement.model import ProcurementPlan
from planner.procurement.rules import Basis

WORKS = "works"
SUPERVISION = "supervision"


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved ``months`` calendar months on (the day clipped to the month's length)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for clip in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, clip))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def end_of(start: dt.date, selection_days: int, duration_months: int) -> dt.date:
    """The day the contract of a package selected from ``start`` ends (module docstring)."""
    return add_months(start + dt.timedelta(days=selection_days), duration_months) - dt.timedelta(
        days=1
    )


def month_after(day: dt.date) -> dt.date:
    """First day of the month after ``day``."""
    return add_months(dt.date(day.year, day.month, 1), 1)


@dataclass(frozen=True)
class Step:
    """One step of a works investment: when its selection starts, how long, when it ends."""

    start: dt.date
    selection_days: int
    duration_months: int
    end: dt.date


def investment_steps(plan: ProcurementPlan, centre: str, year: int) -> dict[str, Step]:
    """The chained steps of ``centre``'s works investment in ``year`` (module docstring)."""
    book = plan.rules
    schedule = book.investment_schedule
    first_month = schedule.first_month if schedule else 1
    durations = dict(schedule.duration_months) if schedule else {}
    chain = [lot for lot in book.consulting_lots if lot not in (SUPERVISION, WORKS)] + [WORKS]
    members: dict[str, list[int]] = {}
    for index, (line, fact) in enumerate(zip(plan.lines, plan.facts, strict=True)):
        if line.centre == centre and line.year == year and fact.lot is not None:
            members.setdefault(fact.lot, []).append(index)
    steps: dict[str, Step] = {}
    start = dt.date(year, first_month, 1)
    for lot in chain:
        if lot not in members:
            continue
        indices = members[lot]
        lines = [plan.lines[i] for i in indices]
        field = lines[0].procurement_field
        basis = Basis.RECURRENT if plan.facts[indices[0]].recurrent else Basis.PROJECT
        standard = all(plan.facts[i].standard for i in indices)
        regime = plan.regime_on(start)
        rule = regime.choose(field, package_price(book, lines).total, basis, standard)
        days = book.schedule.selection_days[rule.method]
        months = durations.get(lot, book.schedule.duration_months[field])
        end = end_of(start, days, months)
        steps[lot] = Step(start, days, months, end)
        start = month_after(end)
    if SUPERVISION in members:
        works = steps.get(WORKS)
        if works is not None:
            steps[SUPERVISION] = works
        else:
            months = durations.get(WORKS, book.schedule.duration_months[ProcurementField.WORKS])
            steps[SUPERVISION] = Step(start, 0, months, end_of(start, 0, months))
    return steps
