"""The contractor-selection plan table (KHLCNT) as an openpyxl worksheet.

Per package, the contents Law on Bidding 22/2023/QH15 Art. 39 asks of a KHLCNT: name; field;
package price (shown as estimate, contingency, VAT and price: Decree 214/2025/NĐ-CP Art. 18
clause 1); funding source; selection method; procedure (envelopes); domestic or international;
selection start and how long selection takes; contract type; the package's execution time;
optional extra purchase; online or not — plus the number (STT), the regime and the explanation
of the method with its article, the package's owner (a works investment names the centre's own
body, marked when not confirmed), its funding basis (project or purchase estimate, and the
consulting lot) and when its contract is expected to end. Plan-level lines: plan name, owner, who approves the plan (by regime and funding basis, with
its article: :mod:`.approval`), funding basis, the regime
applied and why, total, approving decision; packages the splitting check flags are warned
beneath the table. Totals are live ``=SUM`` formulas in a row labelled **Tổng cộng**, with the
total price in words beneath. Package names are the planner's own text, so every string goes
through :func:`planner.excel.safety.put_text` (via the shared styles) and can never become a
formula.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planner import labels
from planner.excel.amounts_in_words import amount_in_words
from planner.excel.proposal_data import scenario_name
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
from planner.procurement.approval import approving_body
from planner.procurement.grouping import ordered_sources
from planner.procurement.model import Package, ProcurementPlan
from planner.procurement.output import funding_basis, regime_reason
from planner.procurement.splitting import splitting_check

SHEET_TITLE = "KHLCNT"
COLUMNS = (
    "number",
    "name",
    "field",
    "value",
    "contingency",
    "vat",
    "price",
    "funding_source",
    "method",
    "procedure",
    "domestic",
    "start",
    "selection_days",
    "contract_type",
    "duration",
    "optional_purchase",
    "online",
    "regime",
    "rule",
    "owner",
    "funding_basis",
    "end",
)
WIDTHS = (6, 48, 12, 18, 16, 16, 18, 26, 24, 24, 12, 18, 14, 16, 14, 12, 12, 36, 60, 36, 30, 14)
MONEY_COLUMNS = ("value", "contingency", "vat", "price")
VALUE_COLUMN = COLUMNS.index("value") + 1
PRICE_COLUMN = COLUMNS.index("price") + 1


@dataclass(frozen=True)
class PlanMeta:
    """Plan-level facts of a KHLCNT: plan name, owner (investor), regime, approving decision."""

    name: str
    owner: str
    regime_name: str = ""
    decision: str = ""
    funding_names: Mapping[str, str] = field(default_factory=dict)
    funding_basis: str = ""
    price_note: str = ""
    regime_names: Mapping[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    approver: str = ""  # who approves the KHLCNT, with its article (:mod:`.approval`)
    # owners of the renovation packages when not the plan's owner (each package names its own)
    investment_owners: tuple[str, ...] = ()


def plan_meta(
    plan: ProcurementPlan, name: str, owner: str | None = None, decision: str = ""
) -> PlanMeta:
    """The meta of a procurement plan (owner defaults to the grouping options' owner)."""
    body = approving_body(plan)
    rates = plan.rules.package_price
    note = labels.KHLCNT_PRICE_NOTE.format(
        contingency=", ".join(
            f"{labels.PROCUREMENT_FIELD[f.value].lower()} {labels.number(100 * r, 1)} %"
            for f, r in rates.contingency_rate.items()
        ),
        vat=", ".join(
            f"{labels.CATEGORY[c.value].lower()} {labels.number(100 * r, 1)} %"
            for c, r in rates.vat_rate.items()
        ),
        source=f"{rates.vat_source}; {rates.contingency_source}",
    )
    return PlanMeta(
        scenario_name(name),
        owner or plan.options.owner,
        regime_reason(plan),
        decision,
        dict(plan.funding_names),
        labels.PROCUREMENT_BASIS[funding_basis(plan)],
        note,
        {rid: r.name for rid, r in plan.rules.regimes.items()},
        tuple(flag.message for flag in splitting_check(plan)),
        body.text if body else "",
        tuple(
            dict.fromkeys(
                p.owner for p in plan.packages if p.investment and p.owner != plan.options.owner
            )
        ),
    )


def _some(names: Sequence[str], shown: int = 3) -> str:
    """The first ``shown`` names, then how many more (a province has many communes)."""
    text = "; ".join(names[:shown])
    if len(names) > shown:
        text += labels.KHLCNT_MORE_OWNERS.format(count=len(names) - shown)
    return text


def funding_label(package: Package, names: Mapping[str, str]) -> str:
    """ "Ngân sách tỉnh, Ngân sách cấp huyện/xã" from the package's funding key."""
    return ", ".join(
        names.get(source, source) for source in ordered_sources(package.funding_key, names)
    )


def package_row(
    number: int,
    package: Package,
    names: Mapping[str, str],
    regime_names: Mapping[str, str] | None = None,
) -> list[object]:
    """The KHLCNT cells of one package, in :data:`COLUMNS` order."""
    regime_names = regime_names or {}
    return [
        number,
        package.name,
        labels.PROCUREMENT_FIELD[package.field.value],
        package.value,
        package.contingency,
        package.vat,
        package.price,
        funding_label(package, names),
        labels.SELECTION_METHOD[package.method.value],
        labels.SELECTION_PROCEDURE[package.procedure],
        labels.DOMESTIC[package.domestic],
        labels.KHLCNT_START_MONTH.format(
            month=package.start_month, quarter=package.start_quarter, year=package.start_year
        ),
        labels.KHLCNT_SELECTION_DAYS.format(days=package.selection_days),
        labels.CONTRACT_TYPE[package.contract_type],
        labels.KHLCNT_DURATION.format(months=package.duration_months),
        labels.YES_NO[package.optional_purchase],
        labels.YES_NO[package.online],
        regime_names.get(package.regime, package.regime),
        (package.explanation or package.citation)
        + (f" — {package.reason}" if package.reason else ""),
        package.owner
        + (
            labels.KHLCNT_OWNER_CONFIDENCE.format(
                confidence=labels.CONFIDENCE[package.owner_confidence].lower()
            )
            if package.owner_confidence and package.owner_confidence != "confirmed"
            else ""
        ),
        labels.PROCUREMENT_BASIS[package.basis.value]
        + (
            f" ({labels.CONSULTING_LOT[package.consulting_lot].lower()})"
            if package.consulting_lot
            else ""
        ),
        labels.date(package.end_date) if package.end_date else "",
    ]


def write_khlcnt_sheet(
    worksheet: Worksheet, packages: Sequence[Package], plan_meta: PlanMeta
) -> dict[str, int | str]:
    """Write the KHLCNT table on ``worksheet``; returns the rows used (for cross-sheet links).

    Layout: title and plan-level lines (name, owner, legal basis, decision), the header row,
    one row per package, then **Tổng cộng** with ``=SUM`` over the price column (0 for a
    plan without packages) and the total in words.
    """
    meta = labels.KHLCNT_META
    total_price = sum(p.price for p in packages)
    meta_lines = [
        labels.KHLCNT_TITLE,
        f"{meta['name']}: {plan_meta.name}",
        f"{meta['owner']}: {plan_meta.owner}",
        *([f"{meta['approver']}: {plan_meta.approver}"] if plan_meta.approver else []),
        *(
            [f"{meta['investment_owners']}: {_some(plan_meta.investment_owners)}"]
            if plan_meta.investment_owners
            else []
        ),
        f"{meta['total']}: {labels.money(total_price)}",
        f"{meta['decision']}: {plan_meta.decision or meta['no_decision']}",
    ]
    if plan_meta.funding_basis:
        meta_lines.append(f"{meta['funding_basis']}: {plan_meta.funding_basis}")
    if plan_meta.regime_name:
        meta_lines.append(f"{meta['regime_reason']}: {plan_meta.regime_name}")
    if plan_meta.price_note:
        meta_lines.append(f"{meta['price_rates']}: {plan_meta.price_note}")
    header = title_block(worksheet, meta_lines, len(COLUMNS)) + 1
    header_row(worksheet, header, [labels.KHLCNT_COLUMN[c] for c in COLUMNS], WIDTHS)
    formats: list[str | None] = [None] * len(COLUMNS)
    for key in MONEY_COLUMNS:
        formats[COLUMNS.index(key)] = VND_FORMAT
    first = header + 1
    for offset, package in enumerate(packages):
        write_row(
            worksheet,
            first + offset,
            package_row(offset + 1, package, plan_meta.funding_names, plan_meta.regime_names),
            formats,
        )
    last = first + len(packages) - 1
    total = last + 1
    values: list[object] = [""] * len(COLUMNS)
    values[COLUMNS.index("name")] = labels.EXCHANGE["total"]  # found by its label: never English
    for key in MONEY_COLUMNS:
        letter = get_column_letter(COLUMNS.index(key) + 1)
        # An empty plan has no rows to sum (a range ending on the total row would be circular).
        values[COLUMNS.index(key)] = (
            Formula(f"=SUM({letter}{first}:{letter}{last})") if packages else 0
        )
    total_row(worksheet, total, values, formats)
    words = put_text(worksheet, total + 1, 2, f"({amount_in_words(total_price)})")
    words.font = SUBTITLE_FONT
    for offset, warning in enumerate(plan_meta.warnings, start=2):
        put_text(worksheet, total + offset, 2, f"{meta['splitting']}: {warning}")
    print_setup(worksheet, header, freeze_column=3)
    price_cell = f"{get_column_letter(PRICE_COLUMN)}{total}"
    return {
        "header": header,
        "first": first,
        "last": last,
        "total": total,
        "price_cell": price_cell,
        "approver": plan_meta.approver,
    }
