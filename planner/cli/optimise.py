"""``planner solve``, ``planner evaluate`` and ``planner sweep`` (docs/cli.md).

``solve --keep`` also keeps the run in the database, as the web app does, so that it can be
listed, reopened and compared there; the user is ``--as NAME`` with ``PLANNER_PASSWORD``
(planner.cli.accounts.acting_user), checked before the solve so a refusal costs no solve time.
The JSON document and the summary on stdout are the same with or without ``--keep``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from planner import labels, limits
from planner.cli.common import add_db_option, engine_for, write_json
from planner.cli.numbers import number, sweep_budgets, whole
from planner.errors import BadInput, Infeasible
from planner.excel.proposal import write_proposal_workbook
from planner.optimise.evaluate import evaluate
from planner.optimise.instance import dump_instance, load_instance
from planner.optimise.optimiser import instance_for, solve_instance
from planner.optimise.plan import plan_json
from planner.optimise.scenario import Scenario, load_scenario
from planner.optimise.solve import (
    DEFAULT_GAP,
    DEFAULT_TIME_LIMIT,
    PLAN_STATUSES,
    SolveOptions,
)
from planner.optimise.solvers import DEFAULT_SOLVER, SOLVERS
from planner.optimise.sweep import parse_budgets, sweep
from planner.procurement import (
    Basis,
    default_rules,
    plan_meta,
    procurement_json,
    write_khlcnt_sheet,
)
from planner.services.scenario_run import procurement_for
from planner.services.workspace import load_workspace
from planner.store.runs import MAX_RUNS_PER_USER

_budget = whole(limits.BUDGET, "--budget")


def _solver_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--solver", choices=SOLVERS, default=DEFAULT_SOLVER, help=labels.CLI["solver_help"]
    )
    parser.add_argument(
        "--time-limit",
        type=number(limits.TIME_LIMIT, "--time-limit"),
        default=DEFAULT_TIME_LIMIT,
        metavar="S",
        help=labels.CLI["time_limit_help"].format(default=f"{DEFAULT_TIME_LIMIT:g}"),
    )
    parser.add_argument(
        "--gap",
        type=number(limits.GAP, "--gap"),
        default=DEFAULT_GAP,
        metavar="G",
        help=labels.CLI["gap_help"],
    )


def _budget_covers_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--budget-covers",
        choices=["estimate", "package_price"],
        default=None,
        help=labels.CLI["budget_covers_help"],
    )


def _scenario_of(args: argparse.Namespace, budget: int | None = None) -> Scenario:
    """The scenario file's (or a bare budget's) scenario, with ``--budget-covers`` applied."""
    scenario = load_scenario(args.scenario) if args.scenario else Scenario(budget=budget)
    if args.budget_covers is not None:
        scenario = scenario.model_copy(update={"budget_covers": args.budget_covers})
    return scenario


def register(subparsers: argparse._SubParsersAction) -> None:
    solve = subparsers.add_parser("solve", help=labels.CLI["solve_help"])
    source = solve.add_mutually_exclusive_group(required=True)
    source.add_argument("--budget", type=_budget, metavar="VND", help=labels.CLI["budget_help"])
    source.add_argument("--scenario", metavar="PATH.yaml", help=labels.CLI["scenario_help"])
    solve.add_argument("--json", metavar="PATH", help=labels.CLI["json_help"])
    solve.add_argument("--xlsx", metavar="PATH", help=labels.CLI["proposal_help"])
    solve.add_argument("--instance-json", metavar="PATH", help=labels.CLI["instance_help"])
    solve.add_argument("--write-lp", metavar="PATH", help=labels.CLI["write_lp_help"])
    solve.add_argument(
        "--regime",
        choices=sorted(default_rules().regimes),
        default=None,
        help=labels.CLI["regime_help"],
    )
    solve.add_argument(
        "--funding-basis",
        choices=[b.value for b in Basis],
        default=None,
        help=labels.CLI["funding_basis_help"],
    )
    solve.add_argument("--keep", action="store_true", help=labels.RUNS["cli_keep_help"])
    solve.add_argument(
        "--as",
        "--user",
        dest="acting",
        metavar="NAME",
        help=labels.CLI["actor_help"].format(env="PLANNER_PASSWORD"),
    )
    _budget_covers_option(solve)
    _solver_options(solve)
    add_db_option(solve)
    solve.set_defaults(handler=run_solve)

    ev = subparsers.add_parser("evaluate", help=labels.CLI["evaluate_help"])
    ev.add_argument("--instance", required=True, metavar="PATH")
    ev.add_argument("--plan", required=True, metavar="PATH")
    ev.set_defaults(handler=run_evaluate)

    sw = subparsers.add_parser("sweep", help=labels.CLI["sweep_help"])
    sw.add_argument("--budgets", required=True, metavar="START:STOP:N", type=sweep_budgets)
    sw.add_argument(
        "--scenario",
        metavar="PATH.yaml",
        help=labels.CLI["sweep_scenario_help"],
    )
    sw.add_argument("--json", metavar="PATH", help=labels.CLI["json_help"])
    sw.add_argument(
        "--workers",
        type=whole(limits.WORKERS, "--workers"),
        default=min(2, os.cpu_count() or 1),
        metavar="N",
        help=labels.CLI["workers_help"],
    )
    _budget_covers_option(sw)
    _solver_options(sw)
    add_db_option(sw)
    sw.set_defaults(handler=run_sweep)


def _options(args: argparse.Namespace) -> SolveOptions:
    return SolveOptions(solver=args.solver, time_limit=args.time_limit, gap=args.gap)


def run_solve(args: argparse.Namespace) -> int:
    scenario = _scenario_of(args, args.budget)
    engine = engine_for(args)
    keeper = _keeper(engine, args.acting) if args.keep else None
    workspace = load_workspace(engine)
    inst = instance_for(workspace, scenario)
    if args.instance_json:
        dump_instance(inst, args.instance_json)
    plan = solve_instance(inst, _options(args), lp_path=args.write_lp)
    document = plan_json(plan)
    packages = None
    if plan.status in PLAN_STATUSES:
        packages = procurement_for(
            plan.plan_lines(), workspace, regime=args.regime, basis=args.funding_basis
        )
    if packages is not None:
        document.update(procurement_json(packages))
    if args.json:
        write_json(args.json, document)
    if keeper is not None:
        _keep(engine, keeper, workspace, scenario, plan, packages, document)
    if plan.status == "infeasible":
        raise Infeasible((plan.infeasibility or {}).get("message", ""))
    if plan.status not in PLAN_STATUSES:
        raise Infeasible(labels.OPTIMISE["solver_failed"].format(status=plan.status))
    if args.xlsx:
        khlcnt = None
        if packages is not None:
            meta = plan_meta(packages, scenario.name)
            khlcnt = lambda ws: write_khlcnt_sheet(ws, packages.packages, meta)  # noqa: E731
        write_proposal_workbook(
            plan, args.xlsx, workspace=workspace, scenario=scenario, packages=khlcnt
        )
    _print_summary(document)
    return 0


def _keeper(engine, name: str | None):
    """The user the run is kept for (refused before solving when they may not keep runs)."""
    from planner.auth import Action, require
    from planner.cli.accounts import acting_user

    actor = acting_user(engine, name)
    require(actor, Action.RUN_SCENARIO)
    return actor


def _keep(engine, actor, workspace, scenario, plan, packages, document: dict) -> None:
    """Keep the run with its proposal workbook (built here, as the app builds it); say so on
    stderr so that stdout stays the summary."""
    import datetime as dt

    from planner.services.run_history import stamp_text
    from planner.services.scenario_run import proposal_bytes
    from planner.store.runs import keep_run

    proposal = None
    if packages is not None:
        proposal = proposal_bytes(plan, packages, workspace, scenario, dt.date.today())
    kept = keep_run(
        engine,
        actor,
        scenario=scenario,
        document=document,
        proposal=proposal,
        dataset=workspace.dataset or "",
        data_stamp=stamp_text(engine),
    )
    print(labels.RUNS["kept"].format(id=kept.id), file=sys.stderr)
    if kept.pruned:
        print(
            labels.RUNS["pruned"].format(limit=MAX_RUNS_PER_USER, count=kept.pruned),
            file=sys.stderr,
        )


def _print_summary(doc: dict) -> None:
    budget = doc["budget"]["total"]
    met = doc.get("need_met") or {}
    print(
        labels.OPTIMISE["solved"].format(
            status=labels.OPTIMISE_STATUS.get(doc["status"], doc["status"]),
            method=labels.OPTIMISE_METHOD.get(doc.get("method", "milp"), doc.get("method", "")),
            gap=f"{labels.number(100 * doc['gap'], 4)} %" if doc.get("gap") is not None else "—",
            score=labels.points(met.get("score")),
            objective=labels.number(doc["objective"] or 0, 3),
            spent=labels.money(doc["spent"]["total"]),
            budget=labels.money(budget) if budget is not None else labels.OPTIMISE["no_budget"],
            lines=len(doc["lines"]),
            opened=sum(c["go_live"] for c in doc["centres"]),
            centres=len(doc["centres"]),
            greedy=labels.points(met.get("greedy_score")),
        )
    )


def _read_json(path: str) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BadInput(labels.OPTIMISE["plan_invalid"].format(name=path, error=exc)) from exc
    if not isinstance(data, dict):
        raise BadInput(
            labels.OPTIMISE["plan_invalid"].format(name=path, error=labels.CLI["not_json_object"])
        )
    return data


def run_evaluate(args: argparse.Namespace) -> int:
    inst = load_instance(args.instance)
    result = evaluate(inst, _read_json(args.plan))
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def run_sweep(args: argparse.Namespace) -> int:
    budgets = parse_budgets(args.budgets)
    scenario = _scenario_of(args)
    inst = instance_for(load_workspace(engine_for(args)), scenario.with_budget(budgets[0]))

    def progress(k: int, n: int, point: dict) -> None:
        print(
            labels.OPTIMISE["sweep_point"].format(
                k=k,
                n=n,
                budget=labels.money(point["budget"]),
                score=labels.points(point.get("need_met_score")),
                status=labels.OPTIMISE_STATUS.get(point["status"], point["status"]),
            ),
            file=sys.stderr,
            flush=True,
        )

    result = sweep(inst, budgets, _options(args), progress, workers=args.workers)
    if args.json:
        write_json(args.json, result)
    return 0
