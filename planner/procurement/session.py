"""What the web app's procurement page needs beyond the edits: regime change, tables, workbook.

Pure functions over :class:`ProcurementPlan` (every edit returns a new plan); the page keeps
the current plan of each solved run in its session. The edits themselves are
:mod:`planner.procurement.edits` and :mod:`planner.procurement.splitting`; this module adds

* :func:`with_regime` — the same lines regrouped under another regime (edits are dropped:
  a method lawful under one law need not be under the other);
* :func:`regime_options`, :func:`regime_choice`, :func:`choose_regime` — the page's regime
  choice: "by date" (:data:`BY_DATE`, the default, and the way back after choosing by hand)
  or one regime for every package; :func:`regime_changed` says what was done;
* :func:`choose_method` — ``set_method`` with a written reason required for any planner choice
  (the KHLCNT shows the reason beside the rule, so an approver sees why);
* :func:`package_rows`, :func:`line_rows` — the tables the page shows;
* :func:`with_khlcnt` — a proposal workbook whose KHLCNT sheet shows the edited packages;
* :func:`prices_against_budget` — whether the packages' prices fit the run's budget.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Mapping
from typing import Any

from openpyxl import load_workbook

from planner import labels
from planner.errors import BadInput, Problem
from planner.excel.cached_values import workbook_bytes
from planner.procurement.edits import set_method
from planner.procurement.khlcnt import funding_label, plan_meta, write_khlcnt_sheet
from planner.procurement.model import ProcurementPlan
from planner.procurement.packaging import regroup
from planner.procurement.rules import Method

A, K = labels.APP, labels.KHLCNT_COLUMN


def with_regime(plan: ProcurementPlan, regime_id: str | None) -> ProcurementPlan:
    """The plan's lines grouped afresh (same options) under ``regime_id`` for every package.

    ``None`` returns to each package's regime by the date its selection starts. Line facts
    (basis, standard, cluster) do not depend on the regime, so only the packages are rebuilt;
    an unknown regime is refused by ``RuleBook.regime`` in Vietnamese.
    """
    regime = plan.rules.regime(regime_id) if regime_id else plan.regime
    return regroup(dataclasses.replace(plan, regime=regime, forced=regime_id is not None))


BY_DATE = ""  # the regime choice "each package under the regime in force on its start date"


def regime_options(plan: ProcurementPlan) -> dict[str, str]:
    """Choice → label: "by date" first, then every regime of the rule book by its name."""
    by_date = {BY_DATE: labels.REGIME_CHOICE["by_date"]}
    return by_date | {rid: r.name for rid, r in plan.rules.regimes.items()}


def regime_choice(plan: ProcurementPlan) -> str:
    """The choice that produced ``plan``: its regime when chosen by hand, else :data:`BY_DATE`."""
    return plan.regime.id if plan.forced else BY_DATE


def choose_regime(plan: ProcurementPlan, choice: str) -> ProcurementPlan:
    """The plan regrouped under the chosen regime, or by date for :data:`BY_DATE`."""
    return with_regime(plan, choice or None)


def regime_changed(plan: ProcurementPlan, choice: str) -> str:
    """The confirmation shown after a regime choice (which regime, or "each by its date")."""
    if choice == BY_DATE:
        return labels.REGIME_CHOICE["changed_by_date"]
    return A["regime_changed"].format(regime=plan.rules.regime(choice).name)


def choose_method(
    plan: ProcurementPlan, package_id: str, method: str | Method | None, reason: str
) -> ProcurementPlan:
    """The planner's method for a package, with a reason; ``None`` returns to the rules' choice.

    Refused (nothing changed) when the reason is blank or when the method is not lawful for the
    package's field, value and basis under the plan's regime (``set_method`` says which).
    """
    if method is not None and not reason.strip():
        raise BadInput(
            A["method_refused"],
            [Problem(A["package"], None, A["method_reason"], reason, A["reason_required"])],
        )
    return set_method(plan, package_id, method, reason if method is not None else "")


def package_rows(plan: ProcurementPlan) -> list[dict[str, Any]]:
    """One row per package with the KHLCNT's columns (amounts formatted for display)."""
    names = plan.funding_names
    return [
        {
            K["number"]: p.number,
            labels.PACKAGE_ID: p.id,
            K["name"]: p.name,
            K["field"]: labels.PROCUREMENT_FIELD[p.field.value],
            K["value"]: labels.money(p.value),
            K["price"]: labels.money(p.price),
            K["funding_source"]: funding_label(p, names),
            K["method"]: labels.SELECTION_METHOD[p.method.value],
            K["start"]: labels.KHLCNT_START_MONTH.format(
                month=p.start_month, quarter=p.start_quarter, year=p.start_year
            ),
            K["duration"]: labels.KHLCNT_DURATION.format(months=p.duration_months),
            K["end"]: labels.date(p.end_date) if p.end_date else "",
            K["owner"]: p.owner,
            K["funding_basis"]: labels.PROCUREMENT_BASIS[p.basis.value]
            + (f" ({labels.CONSULTING_LOT[p.consulting_lot].lower()})" if p.consulting_lot else ""),
            A["package_lines"]: len(p.lines),
            K["regime"]: plan.regime_of(p).name,
            K["rule"]: p.explanation + (f" — {p.reason}" if p.reason else ""),
        }
        for p in plan.packages
    ]


def line_package(plan: ProcurementPlan) -> dict[int, str]:
    """Plan line index → id of the package that holds it."""
    return {index: p.id for p in plan.packages for index in p.lines}


def line_rows(plan: ProcurementPlan, item_names: Mapping[str, str]) -> list[dict[str, Any]]:
    """One row per funded line: its number (index), package, centre, item, year and cost."""
    holder = line_package(plan)
    C = labels.COLUMN
    return [
        {
            A["line_number"]: index,
            A["package"]: holder[index],
            C["centre"]: line.centre,
            C["item"]: line.item,
            C["item_name"]: item_names.get(line.item, ""),
            A["year"]: line.year,
            K["field"]: labels.PROCUREMENT_FIELD[line.procurement_field.value],
            C["quantity"]: line.quantity,
            C["cost"]: labels.money(line.cost),
        }
        for index, line in enumerate(plan.lines)
    ]


def with_khlcnt(proposal: bytes, plan: ProcurementPlan, name: str) -> bytes:
    """The proposal workbook with its KHLCNT sheet rewritten from ``plan`` (same place, same title).

    No other sheet refers to the KHLCNT sheet, so replacing it leaves the workbook consistent.
    """
    wb = load_workbook(io.BytesIO(proposal))
    title = labels.EXCEL["sheet_packages"]
    index = wb.sheetnames.index(title) if title in wb.sheetnames else len(wb.sheetnames)
    if title in wb.sheetnames:
        wb.remove(wb[title])
    write_khlcnt_sheet(wb.create_sheet(title, index), plan.packages, plan_meta(plan, name))
    return workbook_bytes(wb)  # openpyxl drops cached results on load: store them again


def prices_against_budget(
    plan: ProcurementPlan, document: Mapping[str, Any]
) -> tuple[bool, str] | None:
    """``(fits, message)``: the packages' prices (estimate + contingency + VAT) against the
    run's total budget; ``None`` when the run has no total budget or no package.

    A budget that paid estimates leaves the contingency and VAT unfunded: the KHLCNT then asks
    for more money than the scenario had, and the message says how much and how to re-run.
    """
    total = (document.get("budget") or {}).get("total")
    if total is None or not plan.packages:
        return None
    prices = plan.total_price
    covers = document.get("budget_covers", "estimate")
    fmt = {"prices": labels.money(prices), "budget": labels.money(total)}
    if prices <= total:
        return True, A["prices_fit"].format(**fmt)
    over = labels.money(prices - total)
    key = "prices_over_estimate" if covers == "estimate" else "prices_over"
    return False, A[key].format(**fmt, over=over, box=A["budget_covers_package"])
