"""``planner needs --xlsx``: the needs of every centre as a workbook with live totals.

Sheets: a summary by centre × category (live ``SUMIF``/``SUM``, see :mod:`.summary`), a
detail sheet with one row per centre × item that must be bought or repaired, where

    Thành tiền = Còn thiếu × Đơn giá,   Chi phí sửa chữa = Cần sửa chữa × Đơn giá sửa chữa,
    Kinh phí = Thành tiền + Chi phí sửa chữa

are formulas, and — when the report carries counter sizing — the "Số quầy" sheet of
:mod:`.counters_sheet`. Lines already covered (nothing to buy or repair) are left out; their amount is 0.
Demo data is labelled as illustrative on every sheet.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from planner import labels
from planner.catalog import Catalog
from planner.excel import styles
from planner.excel.cached_values import workbook_bytes
from planner.excel.counters_sheet import counters_sheet, has_sizing
from planner.excel.styles import Formula
from planner.excel.summary import Block, category_summary, grand_total_row
from planner.labels import COLUMN, EXCEL
from planner.models import Category
from planner.needs import NeedsReport

DETAIL_KEYS = (
    "no",
    "centre",
    "centre_name",
    "item",
    "item_name",
    "category",
    "unit",
    "required",
    "usable",
    "need",
    "unit_price",
    "cost",
    "repair",
    "repair_unit_cost",
    "repair_cost",
    "total_cost",
)
DETAIL_WIDTHS = (6, 10, 36, 14, 40, 16, 10, 10, 10, 10, 14, 16, 10, 14, 16, 16)
_COL = {key: index for index, key in enumerate(DETAIL_KEYS, start=1)}
_MONEY = {"unit_price", "cost", "repair_unit_cost", "repair_cost", "total_cost"}


def _letter(key: str) -> str:
    return chr(ord("A") + _COL[key] - 1)


def _header_label(key: str) -> str:
    return EXCEL[key] if key in ("no", "repair_unit_cost") else COLUMN[key]


def write_needs_workbook(
    report: NeedsReport,
    path: str | Path,
    *,
    catalog: Catalog | None = None,
    today: dt.date | None = None,
) -> Path:
    """Write the needs workbook of ``report`` to ``path``."""
    wb = build_needs_workbook(report, catalog=catalog, today=today or dt.date.today())
    path = Path(path)
    wb.save(path)
    return path


def needs_workbook_bytes(
    report: NeedsReport, *, catalog: Catalog | None = None, today: dt.date
) -> bytes:
    """The needs workbook as a download: the file's bytes, formulas with their results stored
    (so a preview, a phone or a program reading the file sees the totals)."""
    return workbook_bytes(build_needs_workbook(report, catalog=catalog, today=today))


def build_needs_workbook(
    report: NeedsReport, *, catalog: Catalog | None = None, today: dt.date
) -> Workbook:
    wb = Workbook()
    summary = wb.active
    summary.title = EXCEL["sheet_summary"]
    detail = wb.create_sheet(EXCEL["sheet_detail"])
    subtitle = _subtitle(report, today)
    blocks = _detail_sheet(detail, report, subtitle, _item_names(catalog))
    categories = [labels.CATEGORY[c.value] for c in Category]
    styles.title_block(summary, [EXCEL["needs_title"], *subtitle], 3 + len(categories) + 1)
    header = 2 + len(subtitle)
    category_summary(
        summary,
        header,
        blocks,
        categories,
        detail.title,
        _letter("category"),
        _letter("total_cost"),
    )
    styles.print_setup(summary, header, freeze_column=4)
    if has_sizing(report):
        counters_sheet(
            wb.create_sheet(EXCEL["sheet_counters"]), report, _subtitle(report, today, money=False)
        )
    return wb


def _subtitle(report: NeedsReport, today: dt.date, money: bool = True) -> list[str]:
    lines = [
        f"{EXCEL['made_on'].format(date=labels.date(today))} — {EXCEL['catalog_version']}: "
        f"{report.catalog_version}" + (f" — {EXCEL['unit_vnd']}" if money else "")
    ]
    if any(c.illustrative for c in report.centres):
        lines.append(labels.ILLUSTRATIVE)
    return lines


def _detail_sheet(
    ws: Worksheet, report: NeedsReport, subtitle: list[str], catalog_items: dict
) -> list[Block]:
    """One row per line to buy or repair, grouped by centre; returns each centre's block."""
    styles.title_block(ws, [EXCEL["needs_detail_title"], *subtitle], len(DETAIL_KEYS))
    header = 2 + len(subtitle)
    styles.header_row(ws, header, [_header_label(k) for k in DETAIL_KEYS], DETAIL_WIDTHS)
    formats = [
        styles.VND_FORMAT if k in _MONEY else styles.NUMBER_FORMAT if k != "no" else None
        for k in DETAIL_KEYS
    ]
    for key in ("centre", "centre_name", "item", "item_name", "category", "unit"):
        formats[_COL[key] - 1] = None
    row, number, blocks = header, 0, []
    for centre in report.centres:
        first = row + 1
        for line in centre.lines:
            if not (line.need or line.repair):
                continue
            row += 1
            number += 1
            item = catalog_items.get(line.item)
            styles.write_row(
                ws, row, _detail_values(row, number, centre.centre, line, item), formats
            )
        blocks.append(Block(centre.centre.code, centre.centre.name, first, row))
    money_columns = [_COL[k] for k in ("cost", "repair_cost", "total_cost")]
    grand_total_row(ws, row + 1, header + 1, row, money_columns, label_col=_COL["centre_name"])
    styles.print_setup(ws, header, freeze_column=4)
    return blocks


def _detail_values(row: int, number: int, centre, line, item) -> list[object]:
    c = {k: f"{_letter(k)}{row}" for k in DETAIL_KEYS}
    return [
        number,
        centre.code,
        centre.name,
        line.item,
        item.name if item else line.item,
        labels.CATEGORY[line.category.value],
        item.unit if item else "",
        line.required,
        line.usable,
        line.need,
        line.unit_price,
        Formula(f"={c['need']}*{c['unit_price']}"),
        line.repair,
        line.repair_unit_cost,
        Formula(f"={c['repair']}*{c['repair_unit_cost']}"),
        Formula(f"={c['cost']}+{c['repair_cost']}"),
    ]


def _item_names(catalog: Catalog | None) -> dict:
    """Names and units of items: a report carries codes only. Without the workspace's catalog the
    one in ``catalogs/`` is used (names and units only; amounts always come from the report)."""
    if catalog is None:
        from planner.catalog import load_catalog

        catalog = load_catalog()
    return catalog.items
