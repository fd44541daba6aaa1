"""``planner demo`` and ``planner needs``."""

from __future__ import annotations

import argparse

from planner import labels, limits
from planner.centres import DATASETS
from planner.cli.common import add_db_option, engine_for, write_json
from planner.cli.numbers import number
from planner.demo.data import load_demo
from planner.needs import report_json
from planner.needs.counters import CounterSource, SizingOptions
from planner.needs.queueing import ServiceTarget
from planner.services.workspace import load_workspace


def register(subparsers: argparse._SubParsersAction) -> None:
    demo = subparsers.add_parser("demo", help=labels.CLI["demo_help"])
    demo.add_argument("--dataset", choices=DATASETS, default="thanh-hoa-2017")
    demo.add_argument("--if-empty", action="store_true", help=labels.CLI["if_empty_help"])
    demo.add_argument(
        "--as",
        dest="acting",
        metavar=labels.CLI["name"],
        help=labels.CLI["as_help"],
    )
    add_db_option(demo)
    demo.set_defaults(handler=run_demo)

    needs = subparsers.add_parser("needs", help=labels.CLI["needs_help"])
    needs.add_argument("--json", metavar="PATH", help=labels.CLI["json_help"])
    needs.add_argument("--xlsx", metavar="PATH", help=labels.CLI["xlsx_help"])
    needs.add_argument(
        "--counters",
        choices=[c.value for c in CounterSource],
        default=CounterSource.SURVEYED.value,
        help=labels.CLI["counters_help"],
    )
    needs.add_argument(
        "--wait-minutes",
        type=number(limits.WAIT_MINUTES, "--wait-minutes"),
        default=15.0,
        help=labels.CLI["wait_minutes_help"],
    )
    needs.add_argument(
        "--wait-share",
        type=number(limits.WAIT_SHARE, "--wait-share"),
        default=0.8,
        help=labels.CLI["wait_share_help"],
    )
    needs.add_argument(
        "--pool-below",
        type=number(limits.POOL_BELOW, "--pool-below"),
        default=None,
        help=labels.CLI["pool_below_help"],
    )
    add_db_option(needs)
    needs.set_defaults(handler=run_needs)


def run_demo(args: argparse.Namespace) -> int:
    """Load the demo; a database with an administrator needs one logged in (``--as``)."""
    from planner.auth import Action
    from planner.cli.accounts import acting_user
    from planner.errors import PermissionDenied
    from planner.store.audit import record_refusal
    from planner.store.centres import stored_dataset
    from planner.store.db import reading

    engine = engine_for(args)
    with reading(engine) as session:
        present = stored_dataset(session)
    if present and args.if_empty:  # nothing will be written: no login needed
        print(labels.CLI["dataset_present"].format(dataset=present))
        return 0
    try:
        actor = acting_user(engine, args.acting)
    except PermissionDenied as refused:  # refused before any write: still in the audit log
        record_refusal(engine, args.acting or "", Action.LOAD_DATA, f"demo:{args.dataset}", refused)
        raise
    result = load_demo(engine, args.dataset, if_empty=args.if_empty, actor=actor)
    if result.skipped:
        print(labels.CLI["dataset_present"].format(dataset=result.dataset))
    else:
        print(
            labels.CLI["demo_loaded"].format(
                dataset=result.dataset,
                centres=result.centres_added,
                surveys=result.surveys_added,
                illustrative=labels.ILLUSTRATIVE,
            )
        )
    return 0


def run_needs(args: argparse.Namespace) -> int:
    options = SizingOptions(
        target=ServiceTarget(wait_minutes=args.wait_minutes, share=args.wait_share),
        pool_below=args.pool_below,
    )
    report = load_workspace(engine_for(args)).needs(CounterSource(args.counters), options)
    if args.json:
        write_json(args.json, report_json(report))
    if args.xlsx:
        from planner.excel.needs_export import write_needs_workbook

        write_needs_workbook(report, args.xlsx)
    print(
        labels.CLI["needs_done"].format(centres=len(report.centres), cost=labels.money(report.cost))
    )
    return 0
