"""The needs workbook's "Số quầy" sheet: why each centre needs the counters it does.

Three blocks, top to bottom:

1. the assumptions every figure below rests on — the service target (a share ``p`` of citizens
   wait at most ``T`` minutes), opening hours, working days, busy-hour factor — and which
   counter count the per-counter norms used;
2. per centre: counters by the survey, counters sized from dossiers
   (:func:`planner.needs.counters.sized_counters`), their difference and the count used;
3. per centre and field (or shared pool, see :mod:`planner.needs.sizing_report`): dossiers a year,
   busy-hour arrivals, handling minutes, counters, utilisation ``a/c``, mean wait ``E[W]`` and
   the share waiting within the target ``P(W ≤ T)`` of the M/M/c model.

Written only when the report's centres carry a sizing (they do when built by
:meth:`planner.services.workspace.Workspace.needs`). Values, not formulas: these are model outputs.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planner.excel import styles
from planner.excel.safety import put_text
from planner.labels import COLUMN, COUNTER_SOURCE, EXCEL, EXCHANGE, SIZING
from planner.needs import CentreNeeds, NeedsReport
from planner.needs.counters import sized_counters
from planner.needs.sizing import CounterSizing
from planner.needs.sizing_report import ROW_KEYS, sizing_rows

CENTRE_KEYS = ("no", "centre", "centre_name", "surveyed", "sized", "difference", "used", "pooled")
FIELD_KEYS = ("no", "centre", "centre_name", *ROW_KEYS)  # one row per counter group
WIDTHS = (6, 10, 36, 30, 14, 14, 14, 14, 14, 14, 14)
_FORMAT = {
    "yearly_dossiers": styles.NUMBER_FORMAT,
    "arrivals": "#,##0.00",
    "service_minutes": styles.DECIMAL_FORMAT,
    "counters": styles.NUMBER_FORMAT,
    "utilisation": styles.PERCENT_FORMAT,
    "expected_wait": styles.DECIMAL_FORMAT,
    "within_target": styles.PERCENT_FORMAT,
    "surveyed": styles.NUMBER_FORMAT,
    "sized": styles.NUMBER_FORMAT,
    "difference": styles.NUMBER_FORMAT,
    "used": styles.NUMBER_FORMAT,
}


def _header(key: str) -> str:
    if key == "no":
        return EXCEL["no"]
    if key in ("centre", "centre_name"):
        return COLUMN[key]
    return SIZING[key]


def has_sizing(report: NeedsReport) -> bool:
    return any(c.sizing is not None for c in report.centres)


def counters_sheet(ws: Worksheet, report: NeedsReport, subtitle: Sequence[str]) -> None:
    """Fill ``ws`` with the three blocks of the module docstring."""
    sized = [(c, c.sizing) for c in report.centres if c.sizing is not None]
    styles.title_block(ws, [EXCEL["counters_title"], *subtitle], len(FIELD_KEYS))
    row = _assumptions(ws, 2 + len(subtitle), sized[0])
    row = _centre_table(ws, row + 1, sized)
    _field_table(ws, row + 1, sized)
    for column, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    styles.print_setup(ws, 1 + len(subtitle), freeze_column=1)


def _assumptions(ws: Worksheet, row: int, first: tuple[CentreNeeds, CounterSizing]) -> int:
    """The target, hours and source rows (label in column C, value in D); returns the last row."""
    centre, sizing = first
    target, hours = sizing.target, sizing.hours
    values = (
        ("wait_minutes", target.wait_minutes, styles.DECIMAL_FORMAT),
        ("wait_share", target.share, styles.PERCENT_FORMAT),
        ("hours_per_day", hours.hours_per_day, styles.DECIMAL_FORMAT),
        ("days_per_year", hours.days_per_year, styles.NUMBER_FORMAT),
        ("peak_factor", hours.peak_factor, styles.DECIMAL_FORMAT),
        ("source_used", COUNTER_SOURCE[centre.counter_source.value], None),
    )
    styles.title_block_at(ws, row, EXCEL["assumptions_title"])
    for key, value, fmt in values:
        row += 1
        styles.body_cell(put_text(ws, row, 3, SIZING[key]))
        styles.body_cell(
            ws.cell(row=row, column=4, value=value) if fmt else put_text(ws, row, 4, str(value)),
            fmt,
        )
    row += 1
    styles.title_block_at(ws, row, SIZING["model"])
    return row


def _centre_table(
    ws: Worksheet, row: int, centres: Sequence[tuple[CentreNeeds, CounterSizing]]
) -> int:
    """Surveyed vs sized counters per centre, with a total; returns the total's row."""
    styles.title_block_at(ws, row, EXCEL["counters_centres"])
    row += 1
    styles.header_row(ws, row, [_header(k) for k in CENTRE_KEYS])
    formats = [_FORMAT.get(k) for k in CENTRE_KEYS]
    totals = {"surveyed": 0, "sized": 0, "used": 0}
    for number, (c, sizing) in enumerate(centres, start=1):
        row += 1
        values = {
            "surveyed": c.surveyed_counters or 0,
            "sized": sized_counters(sizing),
            "used": c.premises.counters,
        }
        for key in totals:
            totals[key] += values[key]
        styles.write_row(
            ws,
            row,
            (
                number,
                c.centre.code,
                c.centre.name,
                values["surveyed"],
                values["sized"],
                values["sized"] - values["surveyed"],
                values["used"],
                EXCEL["yes"] if sizing.pooled else EXCEL["no_"],
            ),
            formats,
        )
    row += 1
    styles.total_row(
        ws,
        row,
        (
            None,
            None,
            EXCHANGE["total"],
            totals["surveyed"],
            totals["sized"],
            totals["sized"] - totals["surveyed"],
            totals["used"],
            None,
        ),
        formats,
    )
    return row


def _field_table(
    ws: Worksheet, row: int, centres: Sequence[tuple[CentreNeeds, CounterSizing]]
) -> int:
    """One row per centre × counter group (field or shared pool); returns the last row."""
    styles.title_block_at(ws, row, EXCEL["counters_fields"])
    row += 1
    styles.header_row(ws, row, [_header(k) for k in FIELD_KEYS])
    formats = [_FORMAT.get(k) for k in FIELD_KEYS]
    number = 0
    for c, sizing in centres:
        for group in sizing_rows(sizing):
            row += 1
            number += 1
            styles.write_row(
                ws,
                row,
                (number, c.centre.code, c.centre.name, *(group[k] for k in FIELD_KEYS[3:])),
                formats,
            )
    return row
