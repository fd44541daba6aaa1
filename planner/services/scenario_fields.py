"""The web form of a budget scenario, both ways: form fields → :class:`Scenario`, and back.

The form speaks tỷ đồng (10⁹ đồng) and tables; a scenario speaks whole đồng and mappings. A
budget of 0 or an empty cell means "no limit at that level" and is left out of the scenario.
:func:`scenario_from_form` checks the table inputs itself first so that every problem names
the Vietnamese table, row and column the planner typed in; whatever passes goes through
``scenario_from_data`` (the same validation as a scenario file). :func:`form_values` is the
inverse, used to load a saved scenario back into the form: for every scenario the form can
express, ``scenario_from_form(**form_values(s, year), base=s) == s``.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from typing import SupportsFloat, cast

from planner import labels
from planner.errors import BadInput, Problem
from planner.optimise.scenario import Scenario, Weights, scenario_from_data

BILLION = 1_000_000_000
# The app's first values, in one place (the CLI has no default budget: it asks for one). The year,
# regime, solver, time limit and gap are the library's own defaults, shared with the CLI
# (optimiser.default_year, procurement by date, solve.DEFAULT_*).
FORM_BUDGET_BN = 25.0  # the what-if form's budget when nothing was run or loaded yet
SWEEP_FROM_BN, SWEEP_TO_BN, SWEEP_POINTS = 5.0, 60.0, 8  # the budget curve's first range
A = labels.APP


def billions(amount: float | None) -> int | None:
    """Tỷ đồng as typed in a form → whole đồng; 0 or empty means "no limit" (None)."""
    if _blank(amount) or not amount:
        return None
    return round(float(amount) * BILLION)


def _blank(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


def _to_bn(amount: int | None) -> float:
    return 0.0 if amount is None else amount / BILLION


def _amount_problems(where: str, row: int | None, column: str, value: object) -> list[Problem]:
    """A money cell must be empty or a number ≥ 0 (in tỷ đồng)."""
    if _blank(value):
        return []
    try:
        number = float(cast(SupportsFloat, value))  # anything else raises, caught below
    except (TypeError, ValueError):
        return [Problem(where, row, column, value, A["expected_amount"])]
    if math.isnan(number) or number < 0:
        return [Problem(where, row, column, value, A["expected_amount"])]
    return []


def _check_amounts(
    budget_bn, source_bn, caps_bn, floors_bn, year_bn, source_year_bn, years
) -> list[Problem]:
    """Every amount of the form: a number ≥ 0, years inside the horizon."""
    problems = _amount_problems(A["scenario_form"], None, A["budget_total"], budget_bn)
    for group, values in (
        (A["budget_sources"], source_bn),
        (A["category_caps"], caps_bn),
        (A["category_floors"], floors_bn),
    ):
        for key, value in values.items():
            problems += _amount_problems(group, None, labels.CATEGORY.get(key, key), value)
    for year, value in year_bn.items():
        problems += _amount_problems(A["year_budgets"], int(year), A["year_total"], value)
    for source, by_year in source_year_bn.items():
        for year, value in by_year.items():
            problems += _amount_problems(A["year_budgets"], int(year), source, value)
    outside = sorted(
        ({int(y) for y in year_bn} | {int(y) for v in source_year_bn.values() for y in v})
        - set(years)
    )
    problems += [
        Problem(
            A["year_budgets"],
            y,
            A["year"],
            y,
            A["year_outside"].format(first=years[0], last=years[-1]),
        )
        for y in outside
        if _any_amount(y, year_bn, source_year_bn)
    ]
    return problems


def _any_amount(year: int, year_bn: Mapping, source_year_bn: Mapping) -> bool:
    values = [year_bn.get(year)] + [v.get(year) for v in source_year_bn.values()]
    return any(not _blank(v) and v for v in values)


def _must_buy(
    rows: Sequence[Mapping], centres: Collection[str] | None, items: Collection[str] | None
) -> tuple[list[dict], list[Problem]]:
    """The must-buy table's filled rows as scenario data; blank rows are skipped."""
    where, out, problems = A["must_buy"], [], []
    for number, row in enumerate(rows, start=1):
        centre, item, quantity = row.get("centre"), row.get("item"), row.get("quantity")
        if all(_blank(v) for v in (centre, item, quantity)):
            continue
        if _blank(centre) or (centres is not None and str(centre) not in centres):
            problems.append(
                Problem(where, number, A["must_buy_centre"], centre, A["expected_centre"])
            )
        if _blank(item) or (items is not None and str(item) not in items):
            problems.append(Problem(where, number, A["must_buy_item"], item, A["expected_item"]))
        whole = None
        if not _blank(quantity):
            try:
                whole = float(cast(SupportsFloat, quantity))
            except (TypeError, ValueError):
                whole = -1.0
            if not whole.is_integer() or whole < 1:
                problems.append(
                    Problem(where, number, A["must_buy_quantity"], quantity, A["expected_quantity"])
                )
        line: dict[str, str | int] = {"centre": str(centre), "item": str(item)}
        if whole is not None and whole.is_integer() and whole >= 1:
            line["quantity"] = int(whole)
        out.append(line)
    return out, problems


def scenario_from_form(
    *,
    name: str,
    description: str = "",
    first_year: int,
    n_years: int,
    budget_bn: float | None,
    source_bn: Mapping[str, float | None],
    caps_bn: Mapping[str, float | None],
    mountainous_bonus: float,
    go_live_bonus: float,
    go_live_first: bool,
    fairness_pct: float,
    price_multiplier: float,
    floors_bn: Mapping[str, float | None] | None = None,
    year_bn: Mapping[int, float | None] | None = None,
    source_year_bn: Mapping[str, Mapping[int, float | None]] | None = None,
    excluded_items: Sequence[str] = (),
    must_buy_rows: Sequence[Mapping] = (),
    known_centres: Collection[str] | None = None,
    known_items: Collection[str] | None = None,
    base: Scenario | None = None,
    budget_covers: str = "estimate",
) -> Scenario:
    """A validated :class:`Scenario` from the web form's fields (amounts in tỷ đồng).

    ``year_bn`` is the total of every source in one year, ``source_year_bn[source][year]`` one
    source in one year; ``must_buy_rows`` are ``{centre, item, quantity}`` (quantity blank: the
    whole gap). ``budget_covers`` is ``estimate`` or ``package_price`` (what the budget pays,
    see :mod:`planner.optimise.scenario`). ``base`` is the scenario the form was loaded from:
    what the form does not show (other weights, centre weights, cost-share override, ...) is
    kept from it. Refused as a whole with Vietnamese located problems; nothing is half-built.
    """
    floors_bn, year_bn, source_year_bn = floors_bn or {}, year_bn or {}, source_year_bn or {}
    years = list(range(int(first_year), int(first_year) + int(n_years)))
    problems = _check_amounts(
        budget_bn, source_bn, caps_bn, floors_bn, year_bn, source_year_bn, years
    )
    must_buy, must_problems = _must_buy(must_buy_rows, known_centres, known_items)
    problems += must_problems
    if known_items is not None:
        problems += [
            Problem(A["excluded_items"], None, None, code, A["expected_item"])
            for code in excluded_items
            if code not in known_items
        ]
    if problems:
        raise BadInput(A["scenario_invalid"], problems)
    data = base.model_dump(mode="json") if base is not None else {}
    weights = Weights.model_validate(data.get("weights", {})).model_copy(
        update={
            "mountainous_bonus": float(mountainous_bonus),
            "go_live_bonus": float(go_live_bonus),
        }
    )
    data.update(
        {
            "name": name.strip() or "phuong-an",
            "description": description or data.get("description", ""),
            "years": years,
            "budget": billions(budget_bn),
            "budget_by_year": {y: billions(v) for y, v in year_bn.items() if billions(v)},
            "budget_by_source": {k: billions(v) for k, v in source_bn.items() if billions(v)},
            "budget_by_source_year": {
                s: {y: billions(v) for y, v in by_year.items() if billions(v)}
                for s, by_year in source_year_bn.items()
                if any(billions(v) for v in by_year.values())
            },
            "category_caps": {k: billions(v) for k, v in caps_bn.items() if billions(v)},
            "category_floors": {k: billions(v) for k, v in floors_bn.items() if billions(v)},
            "weights": weights.model_dump(mode="json"),
            "go_live_first": bool(go_live_first),
            "fairness_floor": float(fairness_pct) / 100,
            "price_multiplier": float(price_multiplier),
            "excluded_items": list(excluded_items),
            "must_buy": must_buy,
            "budget_covers": budget_covers,
        }
    )
    return scenario_from_data(data, A["scenario_form"])


def form_values(
    scenario: Scenario, default_first_year: int, sources: Sequence[str], categories: Sequence[str]
) -> dict:
    """The form's fields for ``scenario`` (the keyword arguments of :func:`scenario_from_form`).

    A scenario without years gets ``default_first_year`` and one year; a non-contiguous
    horizon is shown as the span from its first to its last year.
    """
    years = scenario.years or (default_first_year,)
    caps = {c.value: v for c, v in scenario.category_caps.items()}
    floors = {c.value: v for c, v in scenario.category_floors.items()}
    return {
        "name": scenario.name,
        "description": scenario.description,
        "first_year": years[0],
        "n_years": years[-1] - years[0] + 1,
        "budget_bn": _to_bn(scenario.budget),
        "source_bn": {s: _to_bn(scenario.budget_by_source.get(s)) for s in sources},
        "caps_bn": {c: _to_bn(caps.get(c)) for c in categories},
        "floors_bn": {c: _to_bn(floors.get(c)) for c in categories},
        "year_bn": {y: _to_bn(v) for y, v in scenario.budget_by_year.items()},
        "source_year_bn": {
            s: {y: _to_bn(v) for y, v in by_year.items()}
            for s, by_year in scenario.budget_by_source_year.items()
        },
        "mountainous_bonus": scenario.weights.mountainous_bonus,
        "go_live_bonus": scenario.weights.go_live_bonus,
        "go_live_first": scenario.go_live_first,
        "fairness_pct": round(scenario.fairness_floor * 100, 6),
        "price_multiplier": scenario.price_multiplier,
        "budget_covers": scenario.budget_covers,
        "excluded_items": list(scenario.excluded_items),
        "must_buy_rows": [
            {"centre": m.centre, "item": m.item, "quantity": m.quantity} for m in scenario.must_buy
        ],
    }
