"""Pieces every subcommand shares: the ``--db`` option and writing JSON files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sqlalchemy import Engine

from planner import labels
from planner.store.db import database_url, make_engine
from planner.store.migrate import migrate


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        default=None,
        help=labels.CLI["db_help"],
    )


def engine_for(args: argparse.Namespace) -> Engine:
    """The engine for ``--db``, migrated to the newest schema (a no-op when it already is)."""
    engine = make_engine(database_url(args.db))
    migrate(engine)
    return engine


def write_json(path: str | Path, payload: object) -> None:
    Path(path).write_text(
        json.dumps(payload, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
    )
