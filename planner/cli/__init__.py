"""The ``planner`` command (docs/cli.md: commands, options, JSON shapes, exit codes).

Exit codes: 0 success; 2 bad input (nothing saved; a database error too: its transaction rolled
back); 3 permission denied; 4 infeasible or solver failure. Each subcommand lives in a module of this package with a ``register(subparsers)``.
"""

from __future__ import annotations

import argparse
import os
import sys

from pydantic import ValidationError
from sqlalchemy.exc import DataError, IntegrityError, OperationalError, SQLAlchemyError

from planner import labels
from planner.cli import accounts, app, data, excel, optimise
from planner.errors import BadInput, PlannerError, problems_from_validation

COMMAND_MODULES = [data, app, accounts, excel, optimise]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner",
        description=labels.CLI["description"],
    )
    parser.add_argument(
        "--lang", choices=labels.LANGUAGES, default=labels.current(), help=labels.CLI["lang"]
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar=labels.CLI["command"])
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    with labels.language(_language(argv)):  # before the parser is built: its texts follow it
        return _run(argv)


def _run(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except PlannerError as exc:
        print(labels.CLI["error"].format(message=exc), file=sys.stderr)
        return exc.exit_code
    except ValidationError as exc:  # a model refused something no front check caught: bad input
        problems = problems_from_validation(exc, exc.title, None)
        error = BadInput(labels.SAFETY["invalid_data"], problems)
        print(labels.CLI["error"].format(message=error), file=sys.stderr)
        return BadInput.exit_code
    except SQLAlchemyError as exc:
        print(labels.CLI["error"].format(message=database_message(exc)), file=sys.stderr)
        return BadInput.exit_code


def _language(argv: list[str] | None) -> str:
    """``--lang``, else ``PLANNER_LANG``, else Vietnamese (a wrong ``--lang``: the parser says so)."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang", default=os.environ.get("PLANNER_LANG", labels.VIETNAMESE))
    chosen = pre.parse_known_args(argv)[0].lang
    return chosen if chosen in labels.LANGUAGES else labels.VIETNAMESE


def database_message(exc: SQLAlchemyError) -> str:
    """A Vietnamese sentence for a database error; every one of them means nothing was saved.

    The command line's contract has no code for "the database failed": a locked, unreachable
    or refusing database leaves the data as it was, which is what exit 2 promises (the
    transaction rolled back), and the message says what to check.
    """
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:300]
    if isinstance(exc, OperationalError):
        return labels.SAFETY["database_locked"].format(detail=detail)
    if isinstance(exc, IntegrityError | DataError):
        return labels.SAFETY["database_conflict"].format(detail=detail)
    return labels.SAFETY["database_error"].format(kind=type(exc).__name__, detail=detail)


if __name__ == "__main__":
    sys.exit(main())
