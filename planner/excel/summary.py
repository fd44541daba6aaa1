"""Live summary tables shared by the needs and proposal workbooks.

A detail sheet lists lines grouped by centre (one contiguous block of rows per centre). The
summary then has, per centre and category,

    amount(centre, category) = SUMIF(detail!category[block], category header, detail!amount[block])

per row ``SUM`` across categories, and a **Tổng cộng** row of ``SUM`` down each column, so a
planner who edits a quantity or a unit price in the detail sheet sees every total follow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planner.excel import styles
from planner.excel.styles import Formula, sheet_ref
from planner.labels import COLUMN, EXCEL, EXCHANGE


@dataclass(frozen=True)
class Block:
    """The detail rows ``first..last`` of one centre (``first > last`` when it has none)."""

    code: str
    name: str
    first: int
    last: int


def category_summary(
    ws: Worksheet,
    header: int,
    blocks: Sequence[Block],
    categories: Sequence[str],
    detail: str,
    category_col: str,
    amount_col: str,
) -> int:
    """Centre × category table from row ``header``; returns the row of its grand total."""
    labels = [EXCEL["no"], COLUMN["centre"], COLUMN["centre_name"], *categories, COLUMN["total"]]
    styles.header_row(ws, header, labels, [6, 12, 50] + [18] * (len(categories) + 1))
    ref = sheet_ref(detail)
    first_cat, last_cat = 4, 3 + len(categories)
    row = header
    for number, block in enumerate(blocks, start=1):
        row += 1
        cells: list[object] = [number, block.code, block.name]
        for column in range(first_cat, last_cat + 1):
            letter = get_column_letter(column)
            if block.first > block.last:
                cells.append(0)
            else:
                span = f"${{c}}${block.first}:${{c}}${block.last}"
                cells.append(
                    Formula(
                        f"=SUMIF({ref}!{span.format(c=category_col)},{letter}${header},{ref}!{span.format(c=amount_col)})"
                    )
                )
        cells.append(
            Formula(f"=SUM({get_column_letter(first_cat)}{row}:{get_column_letter(last_cat)}{row})")
        )
        styles.write_row(
            ws, row, cells, [None, None, None] + [styles.VND_FORMAT] * (len(categories) + 1)
        )
    return grand_total_row(
        ws, row + 1, header + 1, row, range(first_cat, last_cat + 2), label_col=3
    )


def grand_total_row(
    ws: Worksheet, row: int, first: int, last: int, columns, label_col: int = 2
) -> int:
    """A **Tổng cộng** row summing ``columns`` over rows ``first..last``; returns ``row``."""
    width = max(max(columns), label_col)
    values: list[object] = [None] * width
    values[label_col - 1] = EXCHANGE["total"]  # Vietnamese in every language: found by label
    for column in columns:
        letter = get_column_letter(column)
        values[column - 1] = (
            Formula(f"=SUM({letter}{first}:{letter}{last})") if last >= first else 0
        )
    formats = [styles.VND_FORMAT if i + 1 in set(columns) else None for i in range(width)]
    styles.total_row(ws, row, values, formats)
    return row


def source_summary(
    ws: Worksheet,
    header: int,
    sources: Sequence[tuple[str, str]],
    detail: str,
    first: int,
    last: int,
    columns: dict[str, str],
) -> int:
    """One row per funding source: ``SUM`` of its column in the detail; then **Tổng cộng**."""
    styles.header_row(ws, header, [EXCEL["no"], EXCEL["funding_source"], EXCEL["total"]])
    ref = sheet_ref(detail)
    row = header
    for number, (code, name) in enumerate(sources, start=1):
        row += 1
        letter = columns[code]
        amount = Formula(f"=SUM({ref}!{letter}{first}:{letter}{last})") if last >= first else 0
        styles.write_row(ws, row, [number, name, amount], [None, None, styles.VND_FORMAT])
    return grand_total_row(ws, row + 1, header + 1, row, [3], label_col=2)
