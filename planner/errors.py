"""Errors users see, each with the CLI exit code of docs/cli.md and a Vietnamese message.

A :class:`BadInput` carries a list of :class:`Problem` so that a file with ten mistakes is
reported once with all ten (sheet or file, row, column, value, what was expected), instead of
making the user upload it ten times.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from planner import labels


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows."""

    where: str  # file or sheet name
    row: int | None
    column: str | None
    value: object
    expected: str

    def __str__(self) -> str:
        parts = [self.where]
        if self.row is not None:
            parts.append(labels.PROBLEM["row"].format(row=self.row))
        if self.column:
            parts.append(labels.PROBLEM["column"].format(column=self.column))
        shown = "" if self.value is None else labels.PROBLEM["value"].format(value=self.value)
        return f"{', '.join(parts)}{shown} — {self.expected}"

    def as_dict(self) -> dict[str, object]:
        return {
            "where": self.where,
            "row": self.row,
            "column": self.column,
            "value": None if self.value is None else str(self.value),
            "expected": self.expected,
        }


class PlannerError(Exception):
    """Base of the errors the CLI turns into a message and an exit code."""

    exit_code = 1


class BadInput(PlannerError):
    """Input refused as a whole; nothing was saved (exit 2)."""

    exit_code = 2

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        self.problems = list(problems or [])
        super().__init__(message)

    def __str__(self) -> str:
        head = self.args[0]
        if not self.problems:
            return head
        lines = "\n".join(f"  - {p}" for p in self.problems)
        return f"{head}\n{lines}"


class PermissionDenied(PlannerError):
    """The acting user may not do this (exit 3)."""

    exit_code = 3


class NotFound(BadInput):
    """A named centre, user, scenario or version does not exist (exit 2)."""


class Infeasible(PlannerError):
    """No plan satisfies the scenario's rules, or the solver failed; explained (exit 4)."""

    exit_code = 4


class Stopped(PlannerError):
    """The user stopped a long run (the web app's "Dừng"); it has no result and nothing is kept.

    Raised only where a run was handed a way to be stopped (``SolveOptions.should_stop``); the
    command line hands none (Ctrl-C ends it), so no exit code of docs/cli.md is one of these.
    """


def problems_from_validation(
    error: ValidationError, where: str, row: int | None, columns: dict[str, str] | None = None
) -> list[Problem]:
    """Translate pydantic's errors into located Vietnamese problems.

    ``columns`` maps a model field to the column name the user sees; unknown fields keep the
    field name, which is still better than no location.
    """
    columns = columns or {}
    out = []
    for err in error.errors():
        field = ".".join(str(x) for x in err["loc"]) if err["loc"] else None
        column = columns.get(field, field) if field else None
        out.append(
            Problem(
                where=where,
                row=row,
                column=column,
                value=err.get("input") if field else None,
                expected=labels.validation_message(err),
            )
        )
    return out
