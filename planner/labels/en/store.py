"""English words of the accounts, backup, catalog-check and demo messages (see
``planner.labels.store``; ``RECORDED`` has no English on purpose)."""

from __future__ import annotations

ACCOUNT = {
    "password_invalid": "Invalid password",
    "password": "password",
    "password_short": "needs at least {length} characters",
    "account": "account",
    "name": "name",
    "name_chars": "only unaccented letters, digits, '.', '_', '-' (at most 80)",
    "name_taken": "this name is already in use",
    "centre_needed": "a centre account needs the code of its own centre",
    "centre_only_district": "only a centre account belongs to a centre",
    "centre_unknown": "no centre has this code",
    "not_created": "Could not create the account '{name}'",
    "bad_role": "Role '{role}' is not valid: planner, district or admin expected",
    "no_user": "No user '{name}'",
    "last_admin": "Cannot disable '{name}': it is the last usable administrator account",
}

BACKUP = {
    "unreadable": "Could not read the backup file '{path}': {reason}",
    "not_backup": 'The file \'{path}\' is not an hcc-planner backup (no "format": "{format}")',
    "wrong_version": "Backup file version {found}, version {needed} expected",
    "invalid": "Invalid backup file, nothing restored",
    "unknown_column": "column not in the table: '{column}'",
    "column_datetime": "column '{column}': an ISO-8601 date-time expected",
    "list": "a list expected",
    "object": "a JSON object expected",
    "wrong_type": "wrong type",
    "not_empty": (
        "Restore only into an empty database: the table '{table}' already holds data "
        "(survey history is never overwritten)"
    ),
}

RESTORE = {
    "required": "must not be empty",
    "boolean": "true or false expected",
    "integer": "a whole number expected",
    "integer_big": "whole number too large",
    "string": "a text expected",
    "too_long": "longer than {length} characters",
    "datetime": "an ISO-8601 date-time expected",
    "meta_key": "key",
    "scenario": "scenario",
    "outcome": "ok, denied or rejected expected",
    "centre_code": "centre code",
    "centre_differs": "the centre code or level differs from the content of 'data'",
    "version_from_1": "a whole number from 1 expected",
    "survey_version": "survey version",
    "source": "form, upload or demo expected",
    "survey_centre_differs": "the survey's centre code differs from the centre_code column",
    "original_sha": "the original file does not match the stored SHA-256",
    "account": "account",
    "name_chars": "only unaccented letters, digits, '.', '_', '-'",
    "centre_needed": "a centre account needs a centre present in the file",
    "centre_only_district": "only a centre account belongs to a centre",
    "negative": "must not be negative",
}

CATALOG_CHECK = {
    "unknown_item": "item code not in items.csv",
    "period_unknown_item": "The prices by period refer to item codes that do not exist",
    "above_cap": "{code}: at most the cap of {cap} đồng ({source})",
    "above_cap_period": "Unit prices above the cap of the period of {date}",
    "fee_base": "{code}: a base item must be a code with a fixed unit price in items.csv",
    "fee_invalid": "Consulting fees as a share refer to invalid items",
    "file_invalid": "The file {name} is not valid",
    "unknown_reference": "The catalog refers to item codes that do not exist",
    "missing_files": "Missing catalog files: {files} in {directory}",
}

DEMO = {
    "other_dataset": (
        "The database holds the dataset '{present}'; use another database (--db) for '{dataset}'"
    ),
    "account_line": "  {name:<12} password {password:<14} {role}",
    "of_centre": " (centre {centre})",
    "accounts_help": "Create the demo accounts and print them.",
    "app_address": "App: http://localhost:{port}",
    "accounts": "Demo accounts (for the illustrative data only):",
}

STORE = {
    "no_survey_yet": "Centre {centre} has no survey yet, so no version {version}",
    "stale": (
        "The survey of centre {centre} has a version {current} saved by {user} at {saved_at}, "
        "newer than the version {base} you are editing. Reload it, compare and save again."
    ),
    "no_version": "Centre {centre} has no survey version {version}",
    "version_beyond_limits": (
        "Version {version} of the survey of centre {centre} has figures beyond today's limits"
    ),
    "version_where": "survey {centre} version {version}",
    "no_scenario": "No budget scenario named '{name}'",
}
