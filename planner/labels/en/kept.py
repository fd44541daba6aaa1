"""English words of kept budget sweeps, kept package edits and re-attached jobs (see
``planner.labels.kept``)."""

from __future__ import annotations

SWEEPS = {
    "title": "Kept budget curves",
    "caption": (
        "Every finished budget curve is kept; each user keeps the {limit} newest, older ones are "
        "deleted."
    ),
    "none": "No budget curve has been kept yet.",
    "id": "No.",
    "name": "Base scenario",
    "by": "Run by",
    "at": "Run at",
    "points": "Points",
    "label": "{name} (no. {id} — {by}, run at {at}, {points} points)",
    "reopen": "Reopen a budget curve",
    "reopen_button": "Reopen curve",
    "delete": "Delete a budget curve",
    "delete_button": "Delete budget curve",
    "delete_confirm": "I am sure I want to delete this budget curve (no user will see it again)",
    "deleted": "Budget curve no. {id} deleted.",
    "kept": "Budget curve kept in the database (no. {id}).",
    "pruned": "Each user keeps at most {limit} budget curves: the {count} oldest were deleted.",
    "not_kept": "The budget curve is shown in this session but could not be kept: {reason}",
    "reopened": "Budget curve no. {id} by {by} at {at}, reopened from the database.",
    "too_big": "Budget curve '{name}' is {size} MiB, above the {limit} MiB kept for one curve",
    "not_found": "There is no budget curve no. {id} (it may have been deleted)",
    "bad_points": "a list of points is needed, each with a 'budget'",
    "not_owner": (
        "{name} may not delete budget curve no. {id} of {owner}: only the user who ran it or an "
        "administrator may"
    ),
}

PACKAGE_EDITS = {
    "kept": "Package edits are kept with run no. {id}; a reload does not lose them.",
    "not_kept": "The edit applies in this session but could not be kept with the run: {reason}",
    "replayed": "{count} package edits kept with this run were applied again.",
    "replay_stopped": (
        "Kept edit no. {number} is no longer valid with the current catalog and was skipped with "
        "the edits after it: {reason}"
    ),
    "unknown_edit": "Unknown kept package edit: {kind}",
    "bad_log": "a list of package edits is needed, each with a 'kind'",
    "not_owner": (
        "{name} may not keep package edits with run no. {id} of {owner}: only the user who ran "
        "it or an administrator may; the edits are in this session only"
    ),
}

REATTACHED = {
    "solve": "The solve of scenario '{name}' started before the reload is still running.",
    "sweep": "The budget curve of '{name}' started before the reload is still running.",
    "solves": "The scenarios ({name}) started before the reload are still running.",
}
