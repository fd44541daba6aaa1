"""The ``planner`` command (design.md's contract: commands, options, JSON shapes, exit codes).

Exit codes: 0 success; 2 bad input (nothing saved); 3 permission denied; 4 infeasible or solver
failure. Each subcommand lives in a module of this package with a ``register(subparsers)``.
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import OperationalError

from planner.cli import accounts, app, data, excel, optimise
from planner.errors import PlannerError

COMMAND_MODULES = [data, app, accounts, excel, optimise]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Lập kế hoạch trang bị, phần mềm, mạng và cải tạo cho các Trung tâm Hành chính công.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except PlannerError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return exc.exit_code
    except OperationalError as exc:
        print(
            f"Lỗi cơ sở dữ liệu (đang bị khóa hoặc không truy cập được): {exc.orig}",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
