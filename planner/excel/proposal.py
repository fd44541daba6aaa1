"""``planner solve --xlsx``: the procurement proposal a planner sends up for approval.

Sheets, in order:

- **Trang bìa** — scenario, date (dd/mm/yyyy), the grand total and the total by funding source
  as formulas pointing at the summary, and the total in words (text: a formula cannot spell);
- **Tổng hợp** — centre × category (live ``SUMIF``/``SUM``) and by funding source (``SUM``),
  each ending in a **Tổng cộng** row;
- **Chi tiết** — one row per funded line; ``Thành tiền = Số lượng × Đơn giá`` is a formula; the
  funding split per source is the plan's (whole đồng, adding up to the line's cost);
- **Chưa đáp ứng** — what the plan leaves unfunded, with the reason;
- **KHLCNT** — the contractor-selection plan, written by the ``packages`` hook
  (``lambda ws: write_khlcnt_sheet(ws, packages, meta)``); the sheet is left out without it.
  What the hook returns adds to the cover who approves the KHLCNT (``approver``) and the total
  package price (``price_cell``);
- **Giả định** — scenario parameters, catalog version, solver status and gap.

The cover and the assumptions say plainly that the amounts are estimates (the KHLCNT's package
prices add contingency and VAT) and what the budget was spent on (``budget_covers``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planner import labels
from planner.catalog import Catalog
from planner.excel import styles
from planner.excel.amounts_in_words import amount_in_words
from planner.excel.cached_values import WorkbookWithValues
from planner.excel.proposal_data import ProposalData, proposal_data, scenario_name
from planner.excel.styles import Formula, sheet_ref
from planner.excel.summary import Block, category_summary, grand_total_row, source_summary
from planner.labels import COLUMN, EXCEL
from planner.models import Category

PackagesWriter = Callable[[Worksheet], object]
_BASE_KEYS = (
    "no",
    "centre",
    "centre_name",
    "item",
    "item_name",
    "category",
    "field",
    "year",
    "repair_flag",
    "unit",
    "quantity",
    "unit_price",
    "cost",
)
_BASE_WIDTHS = (6, 10, 36, 14, 40, 16, 12, 8, 9, 10, 10, 14, 16)


def write_proposal_workbook(
    plan,
    path: str | Path,
    *,
    workspace,
    scenario,
    packages: PackagesWriter | None = None,
    today: dt.date | None = None,
) -> Path:
    """Write the proposal of a solved ``plan`` (see the module docstring) to ``path``."""
    data = proposal_data(plan, workspace=workspace, scenario=scenario)
    wb = build_proposal_workbook(
        data,
        workspace.centres,
        workspace.catalog,
        packages=packages,
        today=today or dt.date.today(),
    )
    path = Path(path)
    wb.save(path)
    return path


def build_proposal_workbook(
    data: ProposalData,
    centres,
    catalog: Catalog,
    *,
    packages: PackagesWriter | None = None,
    today: dt.date,
) -> Workbook:
    """The workbook for ``data``; ``centres`` gives names and the order of the tables."""
    names = {c.code: c.name for c in centres}
    wb = WorkbookWithValues()  # its save() stores every formula's result in the file
    cover = wb.active
    cover.title = EXCEL["sheet_cover"]
    summary = wb.create_sheet(EXCEL["sheet_summary"])
    detail = wb.create_sheet(EXCEL["sheet_detail"])
    subtitle = _subtitle(data, today)
    blocks, first, last, source_cols = _detail_sheet(detail, data, names, catalog, subtitle)
    totals = _summary_sheet(summary, data, blocks, subtitle, detail.title, first, last, source_cols)
    _cover_sheet(cover, data, today, summary.title, totals)
    _unmet_sheet(wb.create_sheet(EXCEL["sheet_unmet"]), data, names, catalog, subtitle)
    if packages is not None:
        khlcnt = wb.create_sheet(EXCEL["sheet_packages"])
        used = packages(khlcnt)
        if isinstance(used, dict) and used.get("approver"):
            _cover_text_row(cover, EXCEL["approver"], str(used["approver"]))
        if isinstance(used, dict) and "price_cell" in used:
            _cover_price_row(cover, sheet_ref(khlcnt.title), used["price_cell"])
    _assumptions_sheet(wb.create_sheet(EXCEL["sheet_assumptions"]), data, today)
    return wb


def _subtitle(data: ProposalData, today: dt.date) -> list[str]:
    lines = [
        f"{EXCEL['scenario']}: {scenario_name(data.scenario)} — {EXCEL['made_on'].format(date=labels.date(today))} — "
        f"{EXCEL['unit_vnd']}"
    ]
    if data.illustrative:
        lines.append(labels.ILLUSTRATIVE)
    return lines


def _ordered(data: ProposalData, names: dict[str, str]) -> list:
    """Lines grouped by centre in the dataset's order, then by item, year and repair flag."""
    position = {code: i for i, code in enumerate(names)}
    return sorted(
        data.lines,
        key=lambda ln: (
            position.get(ln.centre, len(position)),
            ln.centre,
            ln.item,
            ln.year,
            ln.repair,
        ),
    )


def _detail_sheet(ws: Worksheet, data: ProposalData, names, catalog: Catalog, subtitle):
    """Funded lines; returns (centre blocks, first row, last row, source code → column letter)."""
    source_keys = [code for code, _ in data.sources]
    # column names first: EXCEL also holds validation hints under the same keys ("quantity")
    headers = [COLUMN.get(k) or EXCEL[k] for k in _BASE_KEYS] + [name for _, name in data.sources]
    width = len(headers)
    styles.title_block(ws, [EXCEL["proposal_detail_title"], *subtitle], width)
    header = 2 + len(subtitle)
    styles.header_row(ws, header, headers, _BASE_WIDTHS + (16,) * len(source_keys))
    col = {k: get_column_letter(i) for i, k in enumerate(_BASE_KEYS, start=1)}
    source_cols = {
        code: get_column_letter(len(_BASE_KEYS) + i) for i, code in enumerate(source_keys, start=1)
    }
    formats = [None] * 7 + [
        None,
        None,
        None,
        styles.NUMBER_FORMAT,
        styles.VND_FORMAT,
        styles.VND_FORMAT,
    ]
    formats += [styles.VND_FORMAT] * len(source_keys)
    row, blocks, current = header, [], None
    for number, line in enumerate(_ordered(data, names), start=1):
        row += 1
        if current is None or current.code != line.centre:
            current = Block(line.centre, names.get(line.centre, line.centre), row, row)
            blocks.append(current)
        else:
            blocks[-1] = current = Block(current.code, current.name, current.first, row)
        item = catalog.items.get(line.item)
        values = [
            number,
            line.centre,
            names.get(line.centre, line.centre),
            line.item,
            item.name if item else line.item,
            labels.CATEGORY[line.category.value],
            labels.PROCUREMENT_FIELD[line.procurement_field.value],
            line.year,
            EXCEL["yes"] if line.repair else EXCEL["no_"],
            item.unit if item else "",
            line.quantity,
            line.unit_price,
            Formula(f"={col['quantity']}{row}*{col['unit_price']}{row}"),
        ]
        values += [line.funding.get(code, 0) for code in source_keys]
        styles.write_row(ws, row, values, formats)
    funded = {b.code for b in blocks}
    blocks += [Block(code, name, 0, -1) for code, name in names.items() if code not in funded]
    money = [len(_BASE_KEYS)] + [len(_BASE_KEYS) + i for i in range(1, len(source_keys) + 1)]
    grand_total_row(ws, row + 1, header + 1, row, money, label_col=3)
    styles.print_setup(ws, header, freeze_column=4)
    return blocks, header + 1, row, source_cols


def _summary_sheet(
    ws, data: ProposalData, blocks, subtitle, detail: str, first: int, last: int, source_cols
):
    """Both summaries; returns the cells holding the grand total and each source's total."""
    categories = [labels.CATEGORY[c.value] for c in Category]
    styles.title_block(ws, [EXCEL["summary_by_category"], *subtitle], 4 + len(categories))
    header = 2 + len(subtitle)
    total_row = category_summary(
        ws,
        header,
        blocks,
        categories,
        detail,
        get_column_letter(_BASE_KEYS.index("category") + 1),
        get_column_letter(len(_BASE_KEYS)),
    )
    total_cell = f"{get_column_letter(4 + len(categories))}{total_row}"
    title_row = total_row + 2
    styles.title_block_at(ws, title_row, EXCEL["summary_by_source"])
    source_total = source_summary(ws, title_row + 1, data.sources, detail, first, last, source_cols)
    first_source = title_row + 2
    cells = {"total": total_cell, "sources_total": f"C{source_total}"}
    cells.update({code: f"C{first_source + i}" for i, (code, _) in enumerate(data.sources)})
    styles.print_setup(ws, header, freeze_column=4)
    return cells


def _cover_sheet(
    ws: Worksheet, data: ProposalData, today: dt.date, summary: str, totals: dict
) -> None:
    lines = [EXCEL["proposal_title"]] + ([labels.ILLUSTRATIVE] if data.illustrative else [])
    styles.title_block(ws, lines, 2)
    ref = sheet_ref(summary)
    rows: list[tuple[str, object, str | None]] = [
        (EXCEL["scenario"], scenario_name(data.scenario), None),
        (EXCEL["date"], labels.date(today), None),
        (EXCEL["total"], Formula(f"={ref}!{totals['total']}"), styles.VND_FORMAT),
        (EXCEL["total_words"], amount_in_words(data.total), None),
    ]
    rows += [
        (name, Formula(f"={ref}!{totals[code]}"), styles.VND_FORMAT) for code, name in data.sources
    ]
    rows += [
        (EXCEL["centres_funded"], len({ln.centre for ln in data.lines}), None),
        (EXCEL["solver_status"], _status(data.status), None),
        (EXCEL["note"], EXCEL["formula_note"], None),
        (EXCEL["amounts"], EXCEL["amounts_note"], None),
        (EXCEL["budget_covers"], _budget_covers(data), None),
    ]
    for row, (label, value, fmt) in enumerate(rows, start=len(lines) + 2):
        styles.write_row(ws, row, (label, value), (None, fmt))
        ws.cell(row=row, column=2).alignment = styles.WRAP
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 90
    styles.print_setup(ws, len(lines), freeze_column=1)


def _cover_text_row(ws: Worksheet, label: str, text: str) -> None:
    """One more labelled line under the cover's lines (e.g. who approves the KHLCNT)."""
    row = ws.max_row + 1
    styles.write_row(ws, row, (label, text), (None, None))
    ws.cell(row=row, column=2).alignment = styles.WRAP


def _cover_price_row(ws: Worksheet, khlcnt: str, cell: str) -> None:
    """The KHLCNT's total package price (estimate + contingency + VAT) under the cover's lines."""
    row = ws.max_row + 1
    label = EXCEL["total_price"]
    styles.write_row(ws, row, (label, Formula(f"={khlcnt}!{cell}")), (None, styles.VND_FORMAT))


def _unmet_sheet(ws: Worksheet, data: ProposalData, names, catalog: Catalog, subtitle) -> None:
    headers = [
        EXCEL["no"],
        COLUMN["centre"],
        COLUMN["centre_name"],
        COLUMN["item"],
        COLUMN["item_name"],
        COLUMN["quantity"],
        COLUMN["total_cost"],
        EXCEL["reason"],
    ]
    styles.title_block(ws, [EXCEL["unmet_title"], *subtitle], len(headers))
    header = 2 + len(subtitle)
    styles.header_row(ws, header, headers, (6, 10, 36, 14, 40, 10, 16, 40))
    position = {code: i for i, code in enumerate(names)}
    ordered = sorted(
        data.unmet, key=lambda u: (position.get(u.centre, len(position)), u.centre, u.item)
    )
    row = header
    for number, line in enumerate(ordered, start=1):
        row += 1
        item = catalog.items.get(line.item)
        styles.write_row(
            ws,
            row,
            (
                number,
                line.centre,
                names.get(line.centre, line.centre),
                line.item,
                item.name if item else line.item,
                line.quantity,
                line.cost,
                line.reason,
            ),
            (None,) * 5 + (styles.NUMBER_FORMAT, styles.VND_FORMAT, None),
        )
    grand_total_row(ws, row + 1, header + 1, row, [7], label_col=3)
    styles.print_setup(ws, header, freeze_column=4)


def _budget_covers(data: ProposalData) -> str:
    """ "Dự toán: ngân sách … đã được phân bổ cho dự toán …" (or for package prices)."""
    text = EXCEL[
        "budget_on_prices" if data.budget_covers == "package_prices" else "budget_on_estimates"
    ]
    return text[:1].upper() + text[1:]


def _status(status: str) -> str:
    """``optimal`` → "Tối ưu (đã chứng minh)": the solver's code in the planner's words."""
    text = labels.OPTIMISE_STATUS.get(status, status)
    return text[:1].upper() + text[1:]


def _assumptions_sheet(ws: Worksheet, data: ProposalData, today: dt.date) -> None:
    """What the plan assumed, one readable line each (no codes, no JSON)."""
    styles.title_block(ws, [EXCEL["assumptions_title"]], 2)
    styles.header_row(ws, 3, (EXCEL["item_label"], EXCEL["value"]), (48, 90))
    names = dict(data.sources)
    rows: list[tuple[str, object]] = [
        (EXCEL["scenario"], scenario_name(data.scenario)),
        (EXCEL["date"], labels.date(today)),
        (EXCEL["catalog_version"], data.catalog_version),
        (EXCEL["dataset"], labels.DATASET_NAME.get(data.dataset, data.dataset)),
        (EXCEL["solver_status"], _status(data.status)),
        (EXCEL["solver"], labels.SOLVER_NAME.get(data.solver, data.solver)),
        (EXCEL["method"], labels.OPTIMISE_METHOD.get(data.method, data.method)),
        (EXCEL["gap"], f"{labels.number(100 * data.gap, 4)} %" if data.gap is not None else "—"),
        (labels.NEED_MET["name"], labels.points(data.need_met_score)),
        (EXCEL["need_met_how"], labels.NEED_MET["explain"]),
        (
            EXCEL["objective"],
            labels.number(data.objective, 3) if data.objective is not None else "—",
        ),
        (EXCEL["budget"], data.budget if data.budget is not None else "—"),
        (EXCEL["budget_covers"], _budget_covers(data)),
        (EXCEL["amounts"], EXCEL["amounts_note"]),
    ]
    rows += [
        (f"{EXCEL['budget']} — {names.get(code, code)}", amount)
        for code, amount in data.budget_by_source.items()
    ]
    rows += [
        (labels.SCENARIO_FIELD.get(key, key), _readable(key, value, names))
        for key, value in data.parameters.items()
        if key not in _SHOWN_ABOVE
    ]
    for row, (label, value) in enumerate(rows, start=4):
        fmt = styles.VND_FORMAT if isinstance(value, int) and not isinstance(value, bool) else None
        styles.write_row(ws, row, (label, value), (None, fmt))
        ws.cell(row=row, column=2).alignment = styles.WRAP
    styles.print_setup(ws, 3, freeze_column=1)


# parameters the sheet already gives a row of their own, in words
_SHOWN_ABOVE = {"budget_covers"}

_MONEY_FIELDS = {"budget", "budget_by_year", "budget_by_source", "budget_by_source_year"}
_MONEY_FIELDS |= {"category_caps", "category_floors"}


def _word(code: object, names: dict[str, str]) -> str:
    """A code inside a parameter (category, funding source) in words, else as it is."""
    text = str(code)
    return labels.CATEGORY.get(text) or names.get(text) or labels.WEIGHT_NAME.get(text) or text


def _readable(key: str, value: object, names: dict[str, str]) -> object:
    """A scenario parameter as a planner reads it: words, đồng, lists joined by commas."""
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return EXCEL["yes"] if value else EXCEL["no_"]
    if key == "name" and isinstance(value, str):
        return scenario_name(value)  # the unnamed default in words, not its code
    if isinstance(value, (int, float, str)):
        return value

    def one(item: object) -> str:
        if isinstance(item, bool) or not isinstance(item, (int, float)):
            return str(_readable(key, item, names)) if isinstance(item, dict | list) else str(item)
        return labels.money(item) if key in _MONEY_FIELDS else labels.number(item, 3)

    if isinstance(value, dict):
        return "; ".join(f"{_word(k, names)}: {one(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_word(v, names) if isinstance(v, str) else one(v) for v in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
