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
    # planner solve, evaluate, sweep
    "solve_help": "allocate the budget optimally",
    "budget_help": "total budget of every source (VND)",
    "budget_covers_help": "what the budget pays: estimate = estimated prices (default), package_price = package prices (with contingency and VAT)",
    "scenario_help": "budget scenario file",
    "proposal_help": "write the Excel proposal",
    "instance_help": "write the model data (for planner evaluate)",
    "write_lp_help": "write the model as an LP file",
    "regime_help": (
        "procurement legal regime for every package (default: the regime in force on each "
        "package's contractor selection start date)"
    ),
    "funding_basis_help": (
        "force one funding basis on every package: recurrent = procurement estimate not "
        "forming a project, project = packages of a project (default: a renovation and its "
        "consulting are a project, the rest a procurement estimate)"
    ),
    "solver_help": "solver (default highs)",
    "time_limit_help": "time limit of the whole command (seconds, default {default})",
    "gap_help": "relative optimality gap allowed (default 1e-4)",
    "evaluate_help": "score a plan against the model data; JSON on the screen",
    "not_json_object": "not a JSON object",
    "sweep_help": "budget – value curve",
    "sweep_scenario_help": "base scenario (its total budget replaced at each point)",
    "workers_help": "number of parallel solver processes (default: at most 2)",
    # planner template, import, app
    "code": "CODE",
    "template_help": "download a centre's Excel survey template (pre-filled with its latest survey)",
    "centre_help": "centre code",
    "out_help": "template file to write",
    "template_written": "Survey template of centre {centre} written: {path}",
    "confirm_date_help": (
        "save even when the file's stock count date differs from the previous version's "
        "(a deliberate change of date)"
    ),
    "redate_hint": (
        "If the date was changed on purpose, run the command again with --confirm-date; if "
        "not, set the cell Ngày kiểm kê thiết bị in the file back to {before}."
    ),
    "import_help": "check and save a survey from an Excel file",
    "path_help": "the completed survey file",
    "user_help": "user saving the survey",
    "survey_saved": "Survey of centre {centre} saved: version {version} (saved by: {user})",
    "no_user": "No user '{name}'",
    "user_disabled": "Account '{name}' is locked",
    "app_help": "run the web app",
    "app_url": "App: {url}",
    # planner users, history, backup, restore
    "actor_help": "the user doing it (password in the environment variable {env})",
    "users_help": "manage users",
    "users_add_help": "add a user (password read from stdin)",
    "users_centre_help": "centre code (required for the district role)",
    "users_list_help": "list the users",
    "print_json_help": "print JSON",
    "users_disable_help": "lock an account",
    "users_enable_help": "unlock an account",
    "users_reset_help": "reset a password (new password read from stdin)",
    "history_help": "the survey versions of a centre",
    "diff_help": "compare two versions",
    "backup_help": "back up all the data to a JSON file",
    "with_passwords_help": "include the password hashes",
    "restore_help": "restore from a backup file into an empty database",
    "no_password": "Password missing: enter the password on stdin",
    "no_password_of": "Password of '{name}' missing: set the environment variable {env}",
    "login_needed": (
        "Login needed: add --as ADMIN_NAME and put the password in the environment variable {env}"
    ),
    "first_admin": "The database has no administrator yet: the first account must have the admin role",
    "password_prompt": "Password: ",
    "new_password_prompt": "New password: ",
    "of_centre": ", centre {centre}",
    "user_added": "User '{name}' added ({role}{where}).",
    "user_locked": "locked",
    "user_no_password": "no password yet",
    "user_active": "active",
    "user_disabled_done": "Account '{name}' locked.",
    "user_enabled_done": "Account '{name}' unlocked.",
    "password_reset_done": "Password of '{name}' reset.",
    "no_version": "Centre {centre} has no survey version {version}",
    "no_surveys": "Centre {centre} has no survey yet.",
    "backed_up": "Backed up to {path}: {centres} centres, {surveys} survey versions.",
    "restored": "Restored from {path}: {centres} centres, {surveys} survey versions.",
    "lang": (
        "language of the messages: vi (Vietnamese) or en (English); default: the environment "
        "variable PLANNER_LANG, else vi"
    ),
}
