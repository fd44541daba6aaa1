"""The contractor-selection plan table (KHLCNT) as an openpyxl worksheet.

Columns of domain.md §4: name; field; package price; funding source; selection method;
procedure; selection start; contract type; contract duration; online — plus the number (STT)
and the rule that justified the method. The grand total is a live ``=SUM`` of the price column
in a row labelled **Tổng cộng**, with the total in words beneath it. Package names are the
planner's own text, so every string goes through :func:`planner.excel.safety.put_text` (via
the shared styles) and can never become a formula.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planner import labels
from planner.excel.amounts_in_words import amount_in_words
from planner.excel.safety import put_text
from planner.excel.styles import (
    SUBTITLE_FONT,
    VND_FORMAT,
    Formula,
    header_row,
    print_setup,
    title_block,
    total_row,
    write_row,
)
from planner.procurement.grouping import ordered_sources
from planner.procurement.model import Package, ProcurementPlan

SHEET_TITLE = "KHLCNT"
COLUMNS = (
    "number",
    "name",
    "field",
    "value",
    "funding_source",
    "method",
    "procedure",
    "start",
    "contract_type",
    "duration",
    "online",
    "rule",
)
WIDTHS = (6, 48, 12, 18, 26, 24, 24, 18, 16, 14, 12, 40)
VALUE_COLUMN = COLUMNS.index("value") + 1


@dataclass(frozen=True)
class PlanMeta:
    """Plan-level facts of a KHLCNT: plan name, owner (investor), regime, approving decision."""

    name: str
    owner: str
    regime_name: str = ""
    decision: str = ""
    funding_names: Mapping[str, str] = field(default_factory=dict)


def plan_meta(
    plan: ProcurementPlan, name: str, owner: str | None = None, decision: str = ""
) -> PlanMeta:
    """The meta of a procurement plan (owner defaults to the grouping options' owner)."""
    return PlanMeta(
        name, owner or plan.options.owner, plan.regime.name, decision, dict(plan.funding_names)
    )


def funding_label(package: Package, names: Mapping[str, str]) -> str:
    """ "Ngân sách tỉnh, Ngân sách cấp huyện/xã" from the package's funding key."""
    return ", ".join(
        names.get(source, source) for source in ordered_sources(package.funding_key, names)
    )


def package_row(number: int, package: Package, names: Mapping[str, str]) -> list[object]:
    """The KHLCNT cells of one package, in :data:`COLUMNS` order."""
    return [
        number,
        package.name,
        labels.PROCUREMENT_FIELD[package.field.value],
        package.value,
        funding_label(package, names),
        labels.SELECTION_METHOD[package.method.value],
        labels.SELECTION_PROCEDURE[package.procedure],
        labels.KHLCNT_START.format(quarter=package.start_quarter, year=package.start_year),
        labels.CONTRACT_TYPE[package.contract_type],
        labels.KHLCNT_DURATION.format(months=package.duration_months),
        labels.YES_NO[package.online],
        package.citation + (f" — {package.reason}" if package.reason else ""),
    ]


def write_khlcnt_sheet(
    worksheet: Worksheet, packages: Sequence[Package], plan_meta: PlanMeta
) -> dict[str, int]:
    """Write the KHLCNT table on ``worksheet``; returns the rows used (for cross-sheet links).

    Layout: title and plan-level lines (name, owner, legal basis, decision), the header row,
    one row per package, then **Tổng cộng** with ``=SUM`` over the price column (0 for a
    plan without packages) and the total in words.
    """
    meta_lines = [
        labels.KHLCNT_TITLE,
        f"{labels.KHLCNT_META['name']}: {plan_meta.name}",
        f"{labels.KHLCNT_META['owner']}: {plan_meta.owner}",
    ]
    if plan_meta.regime_name:
        meta_lines.append(f"{labels.KHLCNT_META['regime']}: {plan_meta.regime_name}")
    if plan_meta.decision:
        meta_lines.append(f"{labels.KHLCNT_META['decision']}: {plan_meta.decision}")
    header = title_block(worksheet, meta_lines, len(COLUMNS)) + 1
    header_row(worksheet, header, [labels.KHLCNT_COLUMN[c] for c in COLUMNS], WIDTHS)
    formats = [None] * len(COLUMNS)
    formats[VALUE_COLUMN - 1] = VND_FORMAT
    first = header + 1
    for offset, package in enumerate(packages):
        write_row(
            worksheet,
            first + offset,
            package_row(offset + 1, package, plan_meta.funding_names),
            formats,
        )
    last = first + len(packages) - 1
    total = last + 1
    letter = get_column_letter(VALUE_COLUMN)
    # An empty plan has no rows to sum (a range ending on the total row would be circular).
    grand = Formula(f"=SUM({letter}{first}:{letter}{last})") if packages else 0
    values: list[object] = ["", labels.COLUMN["total"], "", grand]
    values += [""] * (len(COLUMNS) - len(values))
    total_row(worksheet, total, values, formats)
    words = put_text(
        worksheet, total + 1, 2, f"({amount_in_words(sum(p.value for p in packages))})"
    )
    words.font = SUBTITLE_FONT
    print_setup(worksheet, header, freeze_column=3)
    return {"header": header, "first": first, "last": last, "total": total}
