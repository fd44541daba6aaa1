"""``planner demo`` and ``planner needs``."""

from __future__ import annotations

import argparse

from planner import labels
from planner.centres import DATASETS
from planner.cli.common import add_db_option, engine_for, write_json
from planner.demo import load_demo
from planner.needs import report_json
from planner.workspace import load_workspace


def register(subparsers: argparse._SubParsersAction) -> None:
    demo = subparsers.add_parser("demo", help="nạp đơn vị, danh mục và khảo sát minh họa (chạy lại không nhân đôi)")
    demo.add_argument("--dataset", choices=DATASETS, default="thanh-hoa-2017")
    demo.add_argument("--if-empty", action="store_true", help="chỉ nạp khi cơ sở dữ liệu chưa có dữ liệu")
    add_db_option(demo)
    demo.set_defaults(handler=run_demo)

    needs = subparsers.add_parser("needs", help="phân tích nhu cầu của mọi đơn vị")
    needs.add_argument("--json", metavar="PATH", help="ghi kết quả JSON")
    needs.add_argument("--xlsx", metavar="PATH", help="ghi bảng tính Excel")
    add_db_option(needs)
    needs.set_defaults(handler=run_needs)


def run_demo(args: argparse.Namespace) -> int:
    result = load_demo(engine_for(args), args.dataset, if_empty=args.if_empty)
    if result.skipped:
        print(f"Cơ sở dữ liệu đã có bộ dữ liệu '{result.dataset}', không nạp thêm.")
    else:
        print(
            f"Bộ dữ liệu {result.dataset}: thêm {result.centres_added} đơn vị, "
            f"{result.surveys_added} khảo sát ({labels.ILLUSTRATIVE})."
        )
    return 0


def run_needs(args: argparse.Namespace) -> int:
    report = load_workspace(engine_for(args)).needs()
    if args.json:
        write_json(args.json, report_json(report))
    if args.xlsx:
        from planner.excel.needs_export import write_needs_workbook

        write_needs_workbook(report, args.xlsx)
    print(f"{len(report.centres)} đơn vị, tổng kinh phí còn thiếu {labels.money(report.cost)}")
    return 0
