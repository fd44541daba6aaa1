"""English words of the input guards (see ``planner.labels.safety``)."""

from __future__ import annotations

SAFETY = {
    # imports as districts fill them
    "merged_rows": "Repeated rows (same code, condition, year) were added up:",
    "merged_row": "  - {item} ({condition}, year {year}): rows {rows} → {quantity}",
    "no_year": "not given",
    # uploads
    "inflated_too_big": (
        "the real unpacked size exceeds {limit} bytes (suspected zip bomb); a real survey "
        "template is only a few hundred KB"
    ),
    "part_too_big": "part {part} exceeds {limit} bytes when unpacked",
    "part_unreadable": "part {part} cannot be unpacked",
    # logins
    "login_failed": (
        "Login failed: wrong user name or password, or the account is locked or temporarily "
        "locked after too many failed attempts. Try again in a few minutes or contact the "
        "administrator."
    ),
    # the command line
    "invalid_data": "Invalid data; nothing was saved",
    "bad_number": "{option}: '{value}' is not a number",
    "database_error": (
        "Database error, nothing was saved ({kind}): {detail}. Check --db, access rights and "
        "disk space, then try again."
    ),
    "database_locked": "The database is locked or cannot be reached; nothing was saved: {detail}",
    "database_conflict": (
        "The data does not fit the database (duplicate key or missing related data); nothing "
        "was saved: {detail}"
    ),
    # YAML
    "yaml_too_big": "file {name} is {size} bytes, at most {limit} bytes",
    "yaml_aliases": "file {name} uses more than {limit} YAML references (alias '*'), suspected YAML bomb",
    "yaml_expanded": (
        "file {name} exceeds {limit} elements once its YAML references are expanded (suspected YAML bomb)"
    ),
    "yaml_recursive": "file {name} has a circular YAML reference (an element contains itself)",
    "yaml_deep": "file {name} is nested more than {limit} levels deep",
    # restore
    "restore_deep": "the data is nested more than {limit} levels deep",
    "restore_too_big": "the file is {size} MiB, above the {limit} MiB a backup file may have",
    "restore_missing_centre": "the survey of centre '{centre}' is not in the centres table",
    "restore_duplicate": "repeated {what} '{key}' (row {first})",
    "restore_unknown_role": "role '{role}' is not valid: needs planner, district or admin",
    # demo
    "demo_needs_admin": (
        "The database already has accounts: 'planner demo' needs --as NAME of an administrator, "
        "with the password in the environment variable PLANNER_PASSWORD"
    ),
}
