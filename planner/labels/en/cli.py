"""English words of the command line's frame (see ``planner.labels.cli``)."""

from __future__ import annotations

CLI = {
    "description": (
        "Plan the equipment, software, network and renovation of the Public Administration Centres."
    ),
    "command": "COMMAND",
    "error": "Error: {message}",
    "name": "NAME",
    "db_help": "SQLAlchemy URL (default: PLANNER_DATABASE_URL, else sqlite:///planner.sqlite3)",
    # planner demo, planner needs
    "demo_help": "load the illustrative centres, catalogue and surveys (running it again adds nothing twice)",
    "if_empty_help": "load only when the database has no data yet",
    "as_help": (
        "the administrator doing it (password in PLANNER_PASSWORD); needed once there is an administrator"
    ),
    "dataset_present": "The database already holds the dataset '{dataset}'; nothing loaded.",
    "demo_loaded": "Dataset {dataset}: {centres} centres, {surveys} surveys added ({illustrative}).",
    "needs_help": "analyse the needs of every centre",
    "json_help": "write the result as JSON",
    "xlsx_help": "write an Excel workbook",
    "counters_help": (
        "counters used for the per-counter norms: as surveyed (surveyed) or sized from the dossiers (sized)"
    ),
    "wait_minutes_help": "target waiting time (minutes)",
    "wait_share_help": "share of citizens waiting less than the target",
    "pool_below_help": "pool the fields whose load is below this (Erlang)",
    "needs_done": "{centres} centres, total cost of the shortfall {cost}",
    "lang": (
        "language of the messages: vi (Vietnamese) or en (English); default: the environment "
        "variable PLANNER_LANG, else vi"
    ),
}
