"""Optimiser benchmark: build + solve time, gap, peak memory, value vs greedy and LP bound.

Run: ``.venv/bin/python benchmarks/optimiser.py`` (or ``make bench``); writes the
"## Optimiser" section of ``benchmarks/RESULTS.md`` and keeps the other sections.

Instances: thanh-hoa-2017 (28 centres), thanh-hoa-2025 (167), a synthetic national instance
(the 2025 lines replicated 20 times with deterministic ±30 % need perturbation, ≈3,340
centres), each at a budget of 30 % of its total need; and a 25-point sweep at 2017 scale.
Peak memory is the process's maximum resident set (``ru_maxrss``) of a fresh subprocess per
case, so HiGHS's C++ allocations are counted.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _results import write_section  # benchmarks/ is on sys.path (script, or __main__)

SHARE = 0.30
NATIONAL_COPIES = 20


def _instance(dataset: str, copies: int = 1):
    from planner.demo import load_demo
    from planner.optimise.optimiser import instance_for
    from planner.optimise.scenario import Scenario
    from planner.store.db import make_engine
    from planner.workspace import load_workspace

    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/b.sqlite3")
        load_demo(engine, dataset)
        inst = instance_for(load_workspace(engine), Scenario(budget=0))
        engine.dispose()
    if copies > 1:
        inst = _replicate(inst, copies)
    need = sum(c.cost for c in inst.centres)
    return inst.with_budget(int(need * SHARE)), need


def _replicate(inst, copies: int):
    """``copies`` perturbed copies of every centre (seeded: the same instance on every machine)."""
    rng = random.Random(2025)
    centres, lines, deps = [], [], []
    for k in range(copies):
        suffix = f"-{k}"
        for c in inst.centres:
            centres.append(c.model_copy(update={"code": c.code + suffix}))
        for line in inst.lines:
            need = max(0, round(line.need * rng.uniform(0.7, 1.3))) if k else line.need
            gap = need + line.repair_max
            lines.append(
                line.model_copy(
                    update={
                        "centre": line.centre + suffix,
                        "need": need,
                        "required": line.good + gap,
                        "head": math.ceil(gap / 2),
                    }
                )
            )
        deps += [d.model_copy(update={"centre": d.centre + suffix}) for d in inst.dependencies]
    cost = {}
    for line in lines:
        if not line.excluded:
            cost[line.centre] = (
                cost.get(line.centre, 0)
                + line.need * line.unit_price
                + line.repair_max * line.repair_unit_cost
            )
    centres = [c.model_copy(update={"cost": cost.get(c.code, 0)}) for c in centres]
    return inst.model_copy(update={"centres": centres, "lines": lines, "dependencies": deps})


def case_solve(
    dataset: str, copies: int, solver: str, time_limit: float, gap: float = 1e-4
) -> dict:
    from planner.optimise.model import build_model
    from planner.optimise.optimiser import solve_instance
    from planner.optimise.solve import SolveOptions, lp_relaxation_bound

    inst, need = _instance(dataset, copies)
    options = SolveOptions(solver=solver, time_limit=time_limit, gap=gap)
    start = time.perf_counter()
    plan = solve_instance(inst, options, marginals=False)  # what `planner solve` runs
    total = time.perf_counter() - start
    peak = (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    )  # before the LP bound's own model
    lp = lp_relaxation_bound(build_model(inst), SolveOptions(solver="highs"))
    return {
        "case": f"{dataset}×{copies}" if copies > 1 else dataset,
        "solver": solver,
        "method": plan.method,
        "centres": len(inst.centres),
        "lines": len(inst.lines),
        "budget": inst.budget,
        "need": need,
        "build_s": plan.build_seconds,
        "solve_s": plan.solve_seconds,
        "total_s": total,
        "status": plan.status,
        "gap": plan.gap,
        "objective": plan.objective,
        "bound": plan.bound,
        "greedy": plan.greedy["objective"],
        "lp_bound": lp,
        "peak_mib": peak,
    }


def case_sweep(dataset: str, points: int = 25) -> dict:
    from planner.optimise.sweep import sweep

    inst, need = _instance(dataset)
    budgets = [round(need * k / points) for k in range(1, points + 1)]
    start = time.perf_counter()
    result = sweep(inst, budgets, workers=2)  # one model per process, the machine's two cores
    seconds = time.perf_counter() - start
    values = [p["objective"] for p in result["points"]]
    return {
        "case": "sweep",
        "dataset": dataset,
        "seconds": seconds,
        "points": points,
        "methods": sorted({p["method"] for p in result["points"]}),
        "statuses": sorted({p["status"] for p in result["points"]}),
        "monotone": all(b >= a * (1 - 1e-4) for a, b in itertools.pairwise(values)),
        "slowest_point_s": max(p["solve_seconds"] for p in result["points"]),
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _run(*args: str) -> dict:
    """One case in a fresh process (clean peak memory)."""
    out = subprocess.run(
        [sys.executable, __file__, "--case", *args], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _machine() -> str:
    model = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines()
            if ln.startswith("Model name")
        ),
        "?",
    )
    ram = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return f"{nproc} CPU(s), {model}, {ram:.0f} GiB RAM, Python {platform.python_version()}"


def _fmt(v, digits=2):
    return "—" if v is None else (f"{v:.{digits}f}" if isinstance(v, float) else str(v))


def main() -> None:
    from planner.optimise.solve import available_solvers

    # The national target is stated at gap 1e-3; the province instances at the default 1e-4.
    cases = [
        ("thanh-hoa-2017", "1", "highs", "60"),
        ("thanh-hoa-2025", "1", "highs", "60"),
        ("thanh-hoa-2025", str(NATIONAL_COPIES), "highs", "60", "1e-3"),
    ]
    if "cbc" in available_solvers():
        cases += [("thanh-hoa-2017", "1", "cbc", "60"), ("thanh-hoa-2025", "1", "cbc", "60")]
    rows = []
    for case in cases:
        r = _run("solve", *case)
        rows.append(r)
        print(json.dumps(r), file=sys.stderr)
    sweeps = [_run("sweep", dataset) for dataset in ("thanh-hoa-2017", "thanh-hoa-2025")]
    print(json.dumps(sweeps), file=sys.stderr)
    lines = [
        "## Optimiser\n",
        f"Measured {dt.date.today().isoformat()} with `benchmarks/optimiser.py` on {_machine()}. "
        f"Budget = {SHARE:.0%} of each instance's total need; gap 1e-4 (national: 1e-3); time limit 60 s; "
        "each case runs `solve_instance` (what `planner solve` runs): *total* = build + greedy baseline + "
        "start plans + solve; peak = max RSS of a fresh process per case, up to the end of the solve "
        "(includes building the demo database). *method*: `milp` = the whole model in HiGHS/CBC, "
        "`decomposition` = by centre with the budget priced (planner/optimise/decompose.py). The LP "
        "relaxation bound is computed afterwards, for the table only. Targets: 2017 ≤ 1 s proven "
        "(gap ≤ 1e-4); 2025 ≤ 3 s; national ≤ 60 s, gap ≤ 1e-3, ≤ 2 GB; 25-point 2017 sweep ≤ 10 s.\n",
        "| instance | solver | method | centres | lines | build | solve | total | status | gap | value | bound | greedy (% of value) | value (% of LP bound) | peak |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        greedy_pct = 100 * r["greedy"] / r["objective"] if r["objective"] else None
        lp_pct = 100 * r["objective"] / r["lp_bound"] if r["objective"] and r["lp_bound"] else None
        lines.append(
            f"| {r['case']} | {r['solver']} | {r['method']} | {r['centres']} | {r['lines']} | "
            f"{r['build_s']:.2f} s | {r['solve_s']:.2f} s | {r['total_s']:.2f} s | {r['status']} | {_fmt(r['gap'], 6)} | "
            f"{_fmt(r['objective'], 2)} | {_fmt(r['bound'], 2)} | {_fmt(greedy_pct, 1)} % | {_fmt(lp_pct, 2)} % | "
            f"{r['peak_mib']:.0f} MiB |"
        )
    lines.append(
        "\n25-point budget sweeps (budgets 4 %–100 % of need, 2 worker processes; whole-model points "
        "re-solve their process's one model in place with HiGHS's lean options (one HiGHS thread each where "
        "no decomposition runs in the process); "
        "target for 2017: ≤ 10 s):\n"
    )
    for sw in sweeps:
        lines.append(
            f"- {sw['dataset']}: {sw['seconds']:.2f} s in all, slowest point {sw['slowest_point_s']:.2f} s, "
            f"methods {sw['methods']}, statuses {sw['statuses']}, monotone: {'yes' if sw['monotone'] else 'NO'}, "
            f"peak {sw['peak_mib']:.0f} MiB."
        )
    section = "\n".join(lines) + "\n"
    write_section("Optimiser", section)
    print(section)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--case":
        if sys.argv[2] == "solve":
            result = case_solve(
                sys.argv[3],
                int(sys.argv[4]),
                sys.argv[5],
                float(sys.argv[6]),
                *map(float, sys.argv[7:8]),
            )
        else:
            result = case_sweep(sys.argv[3])
        print(json.dumps(result))
    else:
        main()
