"""``planner demo`` and ``planner needs``."""

from __future__ import annotations

import argparse

from planner import labels, limits
from planner.centres import DATASETS
from planner.cli.common import add_db_option, engine_for, write_json
from planner.cli.numbers import number
from planner.counters import CounterSource, SizingOptions
from planner.demo import load_demo
from planner.needs import report_json
from planner.queueing import ServiceTarget
from planner.workspace import load_workspace


def register(subparsers: argparse._SubParsersAction) -> None:
    demo = subparsers.add_parser(
        "demo", help="nạp đơn vị, danh mục và khảo sát minh họa (chạy lại không nhân đôi)"
    )
    demo.add_argument("--dataset", choices=DATASETS, default="thanh-hoa-2017")
    demo.add_argument(
        "--if-empty", action="store_true", help="chỉ nạp khi cơ sở dữ liệu chưa có dữ liệu"
    )
    demo.add_argument(
        "--as",
        dest="acting",
        metavar="TÊN",
        help="quản trị viên thực hiện (mật khẩu trong PLANNER_PASSWORD); cần khi đã có quản trị viên",
    )
    add_db_option(demo)
    demo.set_defaults(handler=run_demo)

    needs = subparsers.add_parser("needs", help="phân tích nhu cầu của mọi đơn vị")
    needs.add_argument("--json", metavar="PATH", help="ghi kết quả JSON")
    needs.add_argument("--xlsx", metavar="PATH", help="ghi bảng tính Excel")
    needs.add_argument(
        "--counters",
        choices=[c.value for c in CounterSource],
        default=CounterSource.SURVEYED.value,
        help="số quầy dùng cho định mức theo quầy: theo khảo sát (surveyed) hay tính từ số hồ sơ (sized)",
    )
    needs.add_argument(
        "--wait-minutes",
        type=number(limits.WAIT_MINUTES, "--wait-minutes"),
        default=15.0,
        help="thời gian chờ mục tiêu (phút)",
    )
    needs.add_argument(
        "--wait-share",
        type=number(limits.WAIT_SHARE, "--wait-share"),
        default=0.8,
        help="tỷ lệ người dân chờ dưới mức mục tiêu",
    )
    needs.add_argument(
        "--pool-below",
        type=number(limits.POOL_BELOW, "--pool-below"),
        default=None,
        help="gộp các lĩnh vực có tải dưới mức này (Erlang)",
    )
    add_db_option(needs)
    needs.set_defaults(handler=run_needs)


def run_demo(args: argparse.Namespace) -> int:
    """Load the demo; a database with an administrator needs one logged in (``--as``)."""
    from planner.cli.accounts import acting_user
    from planner.store.centres import stored_dataset
    from planner.store.db import reading

    engine = engine_for(args)
    with reading(engine) as session:
        present = stored_dataset(session)
    if present and args.if_empty:  # nothing will be written: no login needed
        print(f"Cơ sở dữ liệu đã có bộ dữ liệu '{present}', không nạp thêm.")
        return 0
    actor = acting_user(engine, args.acting)
    result = load_demo(engine, args.dataset, if_empty=args.if_empty, actor=actor)
    if result.skipped:
        print(f"Cơ sở dữ liệu đã có bộ dữ liệu '{result.dataset}', không nạp thêm.")
    else:
        print(
            f"Bộ dữ liệu {result.dataset}: thêm {result.centres_added} đơn vị, "
            f"{result.surveys_added} khảo sát ({labels.ILLUSTRATIVE})."
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
    print(f"{len(report.centres)} đơn vị, tổng kinh phí còn thiếu {labels.money(report.cost)}")
    return 0
