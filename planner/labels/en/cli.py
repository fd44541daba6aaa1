"""English words of the command line's frame (see ``planner.labels.cli``)."""

from __future__ import annotations

CLI = {
    "description": (
        "Plan the equipment, software, network and renovation of the Public Administration Centres."
    ),
    "command": "COMMAND",
    "error": "Error: {message}",
    "lang": (
        "language of the messages: vi (Vietnamese) or en (English); default: the environment "
        "variable PLANNER_LANG, else vi"
    ),
}
