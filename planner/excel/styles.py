"""The look of an official Vietnamese table, shared by every workbook we write.

Times New Roman (the font of administrative documents, Decree 30/2020), bold centred headers
with thin borders, money as ``#,##0`` (Excel and LibreOffice show the thousands separator of
the reader's locale: ``1.234.567`` on a Vietnamese machine), frozen header rows, A4 landscape
with the title and header rows repeated on every printed page, fitted to the page width.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from copy import copy
from weakref import WeakKeyDictionary

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planner.excel.safety import put_text

FONT_NAME = "Times New Roman"
VND_FORMAT = "#,##0"
NUMBER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0"
PERCENT_FORMAT = "0.0%"

_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
SUBTITLE_FONT = Font(name=FONT_NAME, size=11, italic=True)
HEADER_FONT = Font(name=FONT_NAME, size=11, bold=True)
BODY_FONT = Font(name=FONT_NAME, size=11)
TOTAL_FONT = Font(name=FONT_NAME, size=11, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TOTAL_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)


def title_block(ws: Worksheet, lines: Sequence[str], width: int) -> int:
    """Title (first line, bold, merged across ``width`` columns) and subtitles; returns next row."""
    for row, text in enumerate(lines, start=1):
        cell = put_text(ws, row, 1, text)
        cell.font = TITLE_FONT if row == 1 else SUBTITLE_FONT
        cell.alignment = Alignment(horizontal="center")
        if width > 1:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    return len(lines) + 1


def header_row(
    ws: Worksheet, row: int, labels: Sequence[str], widths: Sequence[float] | None = None
) -> None:
    """Bold bordered headers; sets column widths when given."""
    for column, label in enumerate(labels, start=1):
        cell = put_text(ws, row, column, label)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGN
        cell.border = BORDER
    for column, width in enumerate(widths or (), start=1):
        ws.column_dimensions[get_column_letter(column)].width = width


# Styled prototypes per workbook: (font, number format) → the cell style array to copy.
_PROTOTYPES: WeakKeyDictionary = WeakKeyDictionary()


def body_cell(cell, number_format: str | None = None, font: Font = BODY_FONT) -> None:
    """Border, font and number format for a body cell.

    Setting ``font``/``border`` on every cell makes openpyxl hash and look up each style object
    again (two thirds of a 75,000-cell export's time); so the first cell of each kind is styled
    the normal way and later cells copy its style array, as openpyxl's own sheet copy does.
    """
    cache = _PROTOTYPES.setdefault(cell.parent.parent, {})
    key = (font, number_format, cell.quotePrefix)  # keep put_text's quote prefix
    style = cache.get(key)
    if style is None:
        cell.font = font
        cell.border = BORDER
        if number_format:
            cell.number_format = number_format
        cache[key] = copy(cell._style)
    else:
        cell._style = copy(style)


def write_row(
    ws: Worksheet, row: int, values: Iterable[object], formats: Sequence[str | None] = ()
) -> None:
    """One bordered body row: text through :func:`put_text`, numbers and formulas as they are.

    A value that is a :class:`Formula` is written as a formula; every plain string is text,
    whatever it starts with (see :mod:`planner.excel.safety`).
    """
    formats = tuple(formats)
    for column, value in enumerate(values, start=1):
        if isinstance(value, Formula):
            cell = ws.cell(row=row, column=column, value=value.text)
        elif isinstance(value, str):
            cell = put_text(ws, row, column, value)
        else:
            cell = ws.cell(row=row, column=column, value=value)
        fmt = formats[column - 1] if column - 1 < len(formats) else None
        body_cell(cell, fmt)


def total_row(
    ws: Worksheet, row: int, values: Iterable[object], formats: Sequence[str | None] = ()
) -> None:
    """A grand-total row (label "Tổng cộng" is the caller's first or second value), bold, shaded."""
    write_row(ws, row, values, formats)
    for cell in ws[row]:
        cell.font = TOTAL_FONT
        cell.fill = TOTAL_FILL


class Formula:
    """A formula we wrote ourselves (never user text): ``Formula("=SUM(A1:A3)")``."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        if not text.startswith("="):
            raise ValueError("a formula starts with '='")
        self.text = text


def sheet_ref(title: str) -> str:
    """A sheet name quoted for a formula: ``'Chi tiết'``."""
    return "'" + title.replace("'", "''") + "'"


def print_setup(ws: Worksheet, header_last_row: int, freeze_column: int = 1) -> None:
    """A4 landscape, fit to width, title and header rows repeated, panes frozen below headers."""
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{header_last_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.freeze_panes = ws.cell(row=header_last_row + 1, column=freeze_column)


def title_block_at(ws: Worksheet, row: int, text: str) -> None:
    """A bold section title inside a sheet (e.g. a second table below the first)."""
    cell = put_text(ws, row, 1, text)
    cell.font = HEADER_FONT
