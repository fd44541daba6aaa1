"""``planner app``: start the Streamlit web app."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from planner import labels
from planner.cli.common import add_db_option
from planner.store.db import database_url

APP = Path(__file__).resolve().parents[2] / "streamlit_app.py"


def register(subparsers: argparse._SubParsersAction) -> None:
    app = subparsers.add_parser("app", help=labels.CLI["app_help"])
    app.add_argument("--port", type=int, default=8501)
    add_db_option(app)
    app.set_defaults(handler=run_app)


def run_app(args: argparse.Namespace) -> NoReturn:
    env = dict(os.environ, PLANNER_DATABASE_URL=database_url(args.db))
    print(labels.CLI["app_url"].format(url=f"http://localhost:{args.port}"), flush=True)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.port",
        str(args.port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    # The command becomes Streamlit (no child left behind): a signal to stop `planner app`
    # reaches the server itself, and the exit code is the server's. Streamlit reads its
    # configuration (.streamlit/config.toml) from the folder it starts in.
    os.chdir(APP.parent)
    os.execve(sys.executable, command, env)
