"""Benchmark: grouping, method choice, splitting check and KHLCNT sheet for a large plan.

Run: ``.venv/bin/python benchmarks/procurement.py [n_lines]``. The plan is synthetic (random
lines over the real catalog, 3 funding sources, 5 years, 700 centres) so that the measured size
does not depend on a database; prints seconds per step as JSON.
"""

from __future__ import annotations

import json
import random
import sys
import time

import openpyxl

from planner.catalog import load_catalog
from planner.models import Centre, Level, PlanLine
from planner.procurement import (
    GroupingOptions,
    build_plan,
    procurement_json,
    splitting_check,
    write_khlcnt_sheet,
)
from planner.procurement import plan_meta as make_meta


def synthetic_lines(n: int, seed: int = 1) -> tuple[list[PlanLine], list[Centre]]:
    catalog = load_catalog()
    rng = random.Random(seed)
    centres = [
        Centre(code=f"C{i}", name=f"Trung tâm {i}", level=Level.COMMUNE, parent=f"C{i % 30}")
        for i in range(700)
    ]
    items = list(catalog.items.values())
    lines = []
    for _ in range(n):
        item = rng.choice(items)
        quantity = rng.randint(1, 20)
        cost = quantity * item.unit_price
        province = cost * rng.choice((3, 5, 7, 10)) // 10
        funding = {"province": province, "local": cost - province}
        lines.append(
            PlanLine(
                centre=rng.choice(centres).code,
                item=item.code,
                category=item.category,
                procurement_field=item.procurement_field,
                quantity=quantity,
                unit_price=item.unit_price,
                cost=cost,
                year=2025 + rng.randint(0, 4),
                funding=funding,
            )
        )
    return lines, centres


def run(n: int = 20_000) -> dict[str, float]:
    lines, centres = synthetic_lines(n)
    catalog = load_catalog()
    out: dict[str, float] = {"lines": n}
    for label, options in (
        ("plan", GroupingOptions()),
        ("plan_by_parent", GroupingOptions(cluster="parent", clusters_are_owners=True)),
    ):
        start = time.perf_counter()
        plan = build_plan(lines, catalog, centres, options=options)
        out[f"{label}_seconds"] = round(time.perf_counter() - start, 3)
        out[f"{label}_packages"] = len(plan.packages)
    start = time.perf_counter()
    splitting_check(plan)
    procurement_json(plan)
    out["splitting_and_json_seconds"] = round(time.perf_counter() - start, 3)
    start = time.perf_counter()
    write_khlcnt_sheet(openpyxl.Workbook().active, plan.packages, make_meta(plan, "benchmark"))
    out["khlcnt_sheet_seconds"] = round(time.perf_counter() - start, 3)
    return out


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)))
