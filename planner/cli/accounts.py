"""``planner users …``, ``planner history``, ``planner backup`` and ``planner restore``.

Who acts (for writes and for the whole-database backup): ``--as NAME`` (alias ``--user``) with
that user's password in the environment variable ``PLANNER_PASSWORD``. While the database has
no usable administrator (a new database, or one restored without passwords) these commands act
as the system instead, so the first administrator can be created:
``echo 'mật-khẩu' | planner users add admin --role admin``. Reading commands (``users list``,
``history``) act as the system unless ``--as`` is given: whoever can open the database file or
URL can read it anyway; with ``--as`` the reading rules of that user apply.

New passwords (``users add``, ``users reset``) are read from stdin (first line; prompted
without echo on a terminal). Exit codes: 2 bad input, 3 permission denied or login failed.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys

from sqlalchemy import Engine

from planner import labels
from planner.auth import ROLE_LABEL, SYSTEM, Actor, Role
from planner.cli.common import add_db_option, engine_for
from planner.errors import BadInput, PermissionDenied
from planner.services.surveys import diff, history
from planner.store import accounts
from planner.store.backup import read_backup, restore, write_backup
from planner.store.migrate import migrate

PASSWORD_ENV = "PLANNER_PASSWORD"


def _add_actor_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as",
        "--user",
        dest="acting",
        metavar="NAME",
        help=labels.CLI["actor_help"].format(env=PASSWORD_ENV),
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    users = subparsers.add_parser("users", help=labels.CLI["users_help"]).add_subparsers(
        dest="users_command", required=True, metavar=labels.CLI["command"]
    )
    add = users.add_parser("add", help=labels.CLI["users_add_help"])
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--centre", metavar="CODE", help=labels.CLI["users_centre_help"])
    add.set_defaults(handler=run_add)
    listing = users.add_parser("list", help=labels.CLI["users_list_help"])
    listing.add_argument("--json", action="store_true", help=labels.CLI["print_json_help"])
    listing.set_defaults(handler=run_list)
    for verb, text, handler in (
        ("disable", labels.CLI["users_disable_help"], run_disable),
        ("enable", labels.CLI["users_enable_help"], run_enable),
        ("reset", labels.CLI["users_reset_help"], run_reset),
    ):
        command = users.add_parser(verb, help=text)
        command.add_argument("name", metavar="NAME")
        command.set_defaults(handler=handler)
    for command in users.choices.values():
        _add_actor_option(command)
        add_db_option(command)

    hist = subparsers.add_parser("history", help=labels.CLI["history_help"])
    hist.add_argument("--centre", required=True, metavar="CODE")
    hist.add_argument("--json", action="store_true", help=labels.CLI["print_json_help"])
    hist.add_argument("--diff", nargs=2, type=int, metavar=("A", "B"), help=labels.CLI["diff_help"])
    _add_actor_option(hist)
    add_db_option(hist)
    hist.set_defaults(handler=run_history)

    back = subparsers.add_parser("backup", help=labels.CLI["backup_help"])
    back.add_argument("--out", required=True, metavar="FILE")
    back.add_argument(
        "--with-passwords", action="store_true", help=labels.CLI["with_passwords_help"]
    )
    _add_actor_option(back)
    add_db_option(back)
    back.set_defaults(handler=run_backup)

    rest = subparsers.add_parser("restore", help=labels.CLI["restore_help"])
    rest.add_argument("file", metavar="FILE")
    _add_actor_option(rest)
    add_db_option(rest)
    rest.set_defaults(handler=run_restore)


def read_secret(prompt: str) -> str:
    """A password from stdin: prompted without echo on a terminal, else the first line."""
    secret = getpass.getpass(prompt) if sys.stdin.isatty() else sys.stdin.readline().rstrip("\r\n")
    if not secret:
        raise BadInput(labels.CLI["no_password"])
    return secret


def acting_user(engine: Engine, name: str | None, *, read_only: bool = False) -> Actor:
    """The actor of a command: ``name`` logged in with ``PLANNER_PASSWORD``, else the system.

    The system may act only for reading commands, or while there is no usable administrator.
    """
    if name:
        password = os.environ.get(PASSWORD_ENV)
        if not password:
            raise BadInput(labels.CLI["no_password_of"].format(name=name, env=PASSWORD_ENV))
        return accounts.authenticate(engine, name, password)
    if read_only or accounts.bootstrap_allowed(engine):
        return SYSTEM
    raise PermissionDenied(labels.CLI["login_needed"].format(env=PASSWORD_ENV))


def _engine(args: argparse.Namespace) -> Engine:
    engine = engine_for(args)
    migrate(engine)
    return engine


def run_add(args: argparse.Namespace) -> int:
    engine = _engine(args)
    actor = acting_user(engine, args.acting)
    if actor is SYSTEM and args.role != Role.ADMIN.value:
        raise PermissionDenied(labels.CLI["first_admin"])
    account = accounts.add_user(
        engine, actor, args.name, read_secret(labels.CLI["password_prompt"]), args.role, args.centre
    )
    where = labels.CLI["of_centre"].format(centre=account.centre) if account.centre else ""
    print(
        labels.CLI["user_added"].format(
            name=account.name, role=ROLE_LABEL[account.role], where=where
        )
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    engine = _engine(args)
    users = accounts.list_users(engine, acting_user(engine, args.acting, read_only=True))
    if args.json:
        print(json.dumps({"users": [u.as_dict() for u in users]}, ensure_ascii=False, indent=2))
        return 0
    for user in users:
        state = labels.CLI[
            "user_locked"
            if user.disabled
            else ("user_no_password" if not user.has_password else "user_active")
        ]
        print(f"{user.name:<24} {ROLE_LABEL[user.role]:<16} {user.centre or '-':<8} {state}")
    return 0


def run_disable(args: argparse.Namespace) -> int:
    engine = _engine(args)
    accounts.set_disabled(engine, acting_user(engine, args.acting), args.name, True)
    print(labels.CLI["user_disabled_done"].format(name=args.name))
    return 0


def run_enable(args: argparse.Namespace) -> int:
    engine = _engine(args)
    accounts.set_disabled(engine, acting_user(engine, args.acting), args.name, False)
    print(labels.CLI["user_enabled_done"].format(name=args.name))
    return 0


def run_reset(args: argparse.Namespace) -> int:
    engine = _engine(args)
    actor = acting_user(engine, args.acting)
    accounts.reset_password(
        engine, actor, args.name, read_secret(labels.CLI["new_password_prompt"])
    )
    print(labels.CLI["password_reset_done"].format(name=args.name))
    return 0


def _version_dict(version) -> dict[str, object]:
    return {
        "version": version.version,
        "by": version.by,
        "at": version.at.isoformat(),
        "source": version.source.value,
        "lines": len(version.survey.lines),
        "illustrative": version.survey.illustrative,
        "original_name": version.original_name,
        "original_sha256": version.original_sha256,
    }


def run_history(args: argparse.Namespace) -> int:
    engine = _engine(args)
    versions = history(engine, acting_user(engine, args.acting, read_only=True), args.centre)
    if args.diff:
        by_number = {v.version: v for v in versions}
        missing = [n for n in args.diff if n not in by_number]
        if missing:
            raise BadInput(labels.CLI["no_version"].format(centre=args.centre, version=missing[0]))
        change = diff(by_number[args.diff[0]].survey, by_number[args.diff[1]].survey)
        print(json.dumps(change.as_dict(), ensure_ascii=False, indent=2))
        return 0
    if args.json:
        payload = {"centre": args.centre, "versions": [_version_dict(v) for v in versions]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not versions:
        print(labels.CLI["no_surveys"].format(centre=args.centre))
    for v in versions:
        print(f"{v.version:>4}  {labels.date(v.at)}  {v.by:<20} {labels.SOURCE[v.source.value]}")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    engine = _engine(args)
    counts = write_backup(
        engine, acting_user(engine, args.acting), args.out, with_passwords=args.with_passwords
    )
    print(
        labels.CLI["backed_up"].format(
            path=args.out, centres=counts["centres"], surveys=counts["surveys"]
        )
    )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    document = read_backup(args.file)
    engine = _engine(args)
    counts = restore(engine, acting_user(engine, args.acting), document)
    print(
        labels.CLI["restored"].format(
            path=args.file, centres=counts["centres"], surveys=counts["surveys"]
        )
    )
    return 0
