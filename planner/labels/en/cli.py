"""English words of the command line's frame (see ``planner.labels.cli``)."""

from __future__ import annotations

CLI = {
    "error": "Error: {message}",
    "lang": (
        "language of the messages: vi (Vietnamese) or en (English); default: the environment "
        "variable PLANNER_LANG, else vi"
    ),
}
