"""The planner's package edits as data: recorded as they are made, replayed on a reopened run.

A procurement plan is a live object rebuilt from a run's lines (planner.services.run_history);
the planner's merges, splits, renames, method and regime choices on it are not. So that a
reload or a reopened run shows the packages as the planner left them, each edit is recorded as
a small JSON-able dict (kept with the run, ``scenario_runs.package_edits``) and replayed in
order through the very functions the page calls — :func:`~planner.procurement.edits.move_lines`,
:func:`~planner.procurement.edits.rename_package`,
:func:`~planner.procurement.session.choose_method` (a reason required, the method checked
lawful for the package's field, value and basis), :func:`~planner.procurement.session.choose_regime`
and :func:`~planner.procurement.splitting.resolve_splitting` — so a replayed edit passes the
same checks as when it was made. An edit no longer lawful (the catalog or the rules changed
since) stops the replay there: the plan as far as it was lawful, and the refusal to show.

Records (``kind`` and its fields):

* ``{"kind": "move", "lines": [3, 4], "target": "G02" | None}`` — merge into a package, or
  split into a new one (``None``);
* ``{"kind": "rename", "package": "G01", "name": "…"}``;
* ``{"kind": "method", "package": "G01", "method": "chao_hang_canh_tranh" | None, "reason": "…"}``;
* ``{"kind": "regime", "choice": "" | regime id}``;
* ``{"kind": "resolve"}`` — give split packages the method their combined value needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from planner import labels
from planner.errors import BadInput, PlannerError
from planner.procurement.edits import move_lines, rename_package
from planner.procurement.model import ProcurementPlan
from planner.procurement.session import choose_method, choose_regime
from planner.procurement.splitting import resolve_splitting

Edit = dict[str, Any]


def move(lines: Iterable[int], target: str | None) -> Edit:
    return {"kind": "move", "lines": sorted({int(i) for i in lines}), "target": target or None}


def rename(package: str, name: str) -> Edit:
    return {"kind": "rename", "package": package, "name": str(name)}


def method(package: str, chosen: str | None, reason: str) -> Edit:
    return {"kind": "method", "package": package, "method": chosen or None, "reason": str(reason)}


def regime(choice: str) -> Edit:
    return {"kind": "regime", "choice": choice or ""}


def resolve() -> Edit:
    return {"kind": "resolve"}


def apply(plan: ProcurementPlan, edit: Edit) -> ProcurementPlan:
    """``plan`` after one recorded edit (a new plan); a refusal raises, as the edit itself does."""
    kind = edit.get("kind")
    if kind == "move":
        return move_lines(plan, edit["lines"], edit.get("target"))
    if kind == "rename":
        return rename_package(plan, edit["package"], edit["name"])
    if kind == "method":
        return choose_method(plan, edit["package"], edit.get("method"), edit.get("reason", ""))
    if kind == "regime":
        return choose_regime(plan, edit.get("choice", ""))
    if kind == "resolve":
        return resolve_splitting(plan)
    raise BadInput(labels.PACKAGE_EDITS["unknown_edit"].format(kind=kind))


@dataclass(frozen=True)
class Replayed:
    """A plan after replaying a log: the edits that applied, and why the replay stopped."""

    plan: ProcurementPlan
    applied: tuple[Edit, ...]
    refusal: PlannerError | None = None  # the first edit no longer lawful, if any


def replay(plan: ProcurementPlan, edits: Iterable[Edit]) -> Replayed:
    """Apply ``edits`` in order; stop at the first one refused (later edits were made on the
    plan it produced, so they cannot be applied without it)."""
    applied: list[Edit] = []
    for edit in edits:
        try:
            plan = apply(plan, edit)
        except PlannerError as exc:
            return Replayed(plan, tuple(applied), exc)
        except (KeyError, TypeError, ValueError) as exc:  # a damaged record
            message = labels.PACKAGE_EDITS["unknown_edit"].format(kind=edit)
            return Replayed(plan, tuple(applied), BadInput(f"{message} ({exc})"))
        applied.append(edit)
    return Replayed(plan, tuple(applied))
