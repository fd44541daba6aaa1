"""``planner template`` and ``planner import`` (docs/cli.md: exit 2 bad file, 3 not allowed)."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy import Engine

from planner import labels
from planner.auth import Actor
from planner.cli.common import add_db_option, engine_for
from planner.errors import BadInput, NotFound, PermissionDenied, Problem
from planner.labels import EXCEL


def register(subparsers: argparse._SubParsersAction) -> None:
    template = subparsers.add_parser("template", help=labels.CLI["template_help"])
    template.add_argument(
        "--centre", required=True, metavar=labels.CLI["code"], help=labels.CLI["centre_help"]
    )
    template.add_argument("--out", required=True, metavar="PATH.xlsx", help=labels.CLI["out_help"])
    add_db_option(template)
    template.set_defaults(handler=run_template)

    upload = subparsers.add_parser("import", help=labels.CLI["import_help"])
    upload.add_argument("path", metavar="PATH.xlsx", help=labels.CLI["path_help"])
    upload.add_argument(
        "--centre", required=True, metavar=labels.CLI["code"], help=labels.CLI["centre_help"]
    )
    upload.add_argument(
        "--user", required=True, metavar=labels.CLI["name"], help=labels.CLI["user_help"]
    )
    upload.add_argument("--confirm-date", action="store_true", help=labels.CLI["confirm_date_help"])
    add_db_option(upload)
    upload.set_defaults(handler=run_import)


def run_template(args: argparse.Namespace) -> int:
    from planner.services.survey_files import write_template

    path = write_template(engine_for(args), args.centre, args.out)
    print(labels.CLI["template_written"].format(centre=args.centre, path=path))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from planner.services.survey_files import RedateUnconfirmed, import_survey_report

    path = Path(args.path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(
            EXCEL["bad_file"].format(name=path.name),
            [Problem(path.name, None, None, None, exc.strerror or str(exc))],
        ) from None
    engine = engine_for(args)
    actor = resolve_actor(engine, args.user)
    try:
        result = import_survey_report(
            engine, actor, data, path.name, args.centre, confirm_redate=args.confirm_date
        )
    except RedateUnconfirmed as refused:  # exit 2, with how to go on
        before = labels.date(refused.redating.before)
        hint = labels.CLI["redate_hint"].format(before=before)
        raise BadInput(f"{refused}\n{hint}") from None
    print(
        labels.CLI["survey_saved"].format(
            centre=args.centre, version=result.version, user=actor.name
        )
    )
    print(result.date_line())
    if result.merged:
        print(labels.SAFETY["merged_rows"])
        for m in result.merged:
            print(
                labels.SAFETY["merged_row"].format(
                    item=m.item,
                    condition=labels.CONDITION[m.condition],
                    year=m.year_acquired or labels.SAFETY["no_year"],
                    rows=", ".join(str(r) for r in m.rows),
                    quantity=m.quantity,
                )
            )
    return 0


def resolve_actor(engine: Engine, name: str) -> Actor:
    """The account ``name`` as an :class:`Actor` (NOTE for the lead: no password is asked).

    The CLI contract's ``planner import … --user NAME`` names the user without a password, so this
    looks the account up (``planner.store.accounts.get_user``) and refuses unknown (exit 2) and
    disabled (exit 3) accounts; what the user may write is decided by ``save_survey``'s check.
    """
    from planner.store.accounts import get_user

    account = get_user(engine, name)
    if account is None:
        raise NotFound(labels.CLI["no_user"].format(name=name))
    if account.disabled:
        raise PermissionDenied(labels.CLI["user_disabled"].format(name=name))
    return Actor(account.name, account.role, account.centre)
