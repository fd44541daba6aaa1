"""Demo accounts, so that `make run` can be tried at once: one of each role, documented passwords.

| user | role | password | centre |
|---|---|---|---|
| ``admin`` | admin | ``quantri-demo`` | — |
| ``kehoach`` | planner | ``kehoach-demo`` | — |
| ``huyen<code>`` (2017) / ``xa<code>`` (2025) | district | ``donvi-demo`` | the first non-provincial centre |

These passwords are public: they are for the illustrative database only. Accounts already
present are left alone (so a changed password survives a second ``planner demo``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from planner import labels
from planner.auth import SYSTEM, Role
from planner.labels import DEMO
from planner.models import Level
from planner.store.accounts import add_user, get_user
from planner.store.centres import list_centres, stored_dataset
from planner.store.db import reading

ADMIN_PASSWORD = "quantri-demo"
PLANNER_PASSWORD = "kehoach-demo"
DISTRICT_PASSWORD = "donvi-demo"


@dataclass(frozen=True)
class DemoAccount:
    name: str
    role: Role
    password: str
    centre: str | None = None


def demo_accounts(engine: Engine) -> list[DemoAccount]:
    """The demo accounts for the dataset stored in ``engine`` (the centre user needs centres)."""
    accounts = [
        DemoAccount("admin", Role.ADMIN, ADMIN_PASSWORD),
        DemoAccount("kehoach", Role.PLANNER, PLANNER_PASSWORD),
    ]
    with reading(engine) as session:
        dataset = stored_dataset(session)
        centres = list_centres(session, dataset) if dataset else []
    local = next((c for c in centres if c.level != Level.PROVINCE), None)
    if local is not None:
        prefix = "xa" if local.level == Level.COMMUNE else "huyen"
        accounts.append(
            DemoAccount(f"{prefix}{local.code}", Role.DISTRICT, DISTRICT_PASSWORD, local.code)
        )
    return accounts


def ensure_demo_accounts(engine: Engine) -> list[DemoAccount]:
    """Create the demo accounts that are missing (as the system); return all of them."""
    accounts = demo_accounts(engine)
    for account in accounts:
        if get_user(engine, account.name) is None:
            add_user(engine, SYSTEM, account.name, account.password, account.role, account.centre)
    return accounts


def describe(accounts: list[DemoAccount]) -> list[str]:
    """One line per account for the terminal: name, password, role (and centre)."""
    from planner.auth import ROLE_LABEL

    return [
        DEMO["account_line"].format(name=a.name, password=a.password, role=ROLE_LABEL[a.role])
        + (DEMO["of_centre"].format(centre=a.centre) if a.centre else "")
        for a in accounts
    ]


def main(argv: list[str] | None = None) -> int:
    """``python -m planner.demo.accounts [--db URL] [--port N] [--lang vi|en]``.

    Creates and prints the accounts, in the language of ``--lang``, else ``PLANNER_LANG``
    (as the ``planner`` command), else Vietnamese.
    """
    import argparse
    import os

    from planner.store.db import database_url, make_engine

    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang", choices=labels.LANGUAGES, default=None)
    chosen = pre.parse_known_args(argv)[0].lang or os.environ.get("PLANNER_LANG")
    with labels.language(chosen if chosen in labels.LANGUAGES else labels.VIETNAMESE):
        parser = argparse.ArgumentParser(
            prog="python -m planner.demo.accounts", description=DEMO["accounts_help"], parents=[pre]
        )
        parser.add_argument("--db", default=None)
        parser.add_argument("--port", type=int, default=8501)
        args = parser.parse_args(argv)
        accounts = ensure_demo_accounts(make_engine(database_url(args.db)))
        print(DEMO["app_address"].format(port=args.port))
        print(DEMO["accounts"])
        print("\n".join(describe(accounts)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
