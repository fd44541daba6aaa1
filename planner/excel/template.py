"""The survey template a district downloads, fills in offline and uploads (``planner template``).

Sheets: instructions; the survey (one row per item × condition × year, pre-filled with the
centre's latest survey, then an empty row for every other catalog item, then spare rows for
extra condition/year lines); the premises, ending with the stock-count date (:data:`AS_OF_ROW`,
pre-filled with the latest survey's, so that re-uploading an old count does not re-date it;
templates made before that row are still accepted, see :mod:`.survey_import`); the centre's
administrative procedures for counter sizing (:mod:`.procedures_sheet`; optional on import, so
templates made before it existed are still accepted with no procedures); and a very hidden
``_meta`` sheet holding the template version, centre code, catalog version and the survey version
the template was based on (the import's guard against lost updates). Titles, headers, codes,
names and units are locked by sheet protection without a password (it prevents accidents, not
attacks: the import checks everything again); the workbook structure is locked so sheets cannot
be added or unhidden.
"""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.styles import Protection
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from planner import labels, limits
from planner.catalog import Catalog
from planner.excel import styles
from planner.excel.procedures_sheet import write_field_list, write_procedures_sheet
from planner.excel.safety import put_text
from planner.labels import COLUMN, EXCEL, SURVEY_INSTRUCTIONS, TABLES
from planner.models import Centre, Premises, Survey

TEMPLATE_VERSION = "1"
YEAR_MIN = 1980
HEADER_ROW = 4
SPARE_ROWS = 30
SURVEY_KEYS = ("item", "item_name", "unit", "quantity", "condition", "year_acquired", "note")
# The template's words are Vietnamese in every language (other programs read them back): taken
# from ``.vi``, since a lookup at import time would freeze the importing session's language.
SURVEY_HEADERS = tuple(
    TABLES["EXCEL"].vi["note"] if k == "note" else TABLES["COLUMN"].vi[k] for k in SURVEY_KEYS
)
SURVEY_WIDTHS = (16, 48, 12, 12, 16, 14, 30)
COL = {key: index for index, key in enumerate(SURVEY_KEYS, start=1)}
PREMISES_KEYS = ("floor_area_m2", "renovation_area_m2", "counters", "staff", "yearly_dossiers")
PREMISES_INTEGER = frozenset({"counters", "staff", "yearly_dossiers"})
# Excel's own check in the template mirrors the import's limits (the import checks again).
PREMISES_LIMITS = {
    "floor_area_m2": limits.FLOOR_AREA,
    "renovation_area_m2": limits.RENOVATION_AREA,
    "counters": limits.COUNTERS,
    "staff": limits.STAFF,
    "yearly_dossiers": limits.YEARLY_DOSSIERS,
}
# The stock-count date, on the premises sheet's row after the figures: Excel's own check mirrors
# the import's (a day from AS_OF_MIN to a year after the template was made, see as_of_range).
AS_OF_ROW = HEADER_ROW + 1 + len(PREMISES_KEYS)
AS_OF_MIN = dt.date(2000, 1, 1)  # before any public administration centre had a survey
DATE_FORMAT = "dd/mm/yyyy"
META_KEYS = ("template_version", "centre", "catalog_version", "base_version", "generated")
META_CODES_COLUMN = 4  # column D of _meta lists the catalog codes for the spare rows' drop-down
CONDITION_LABELS = tuple(TABLES["CONDITION"].vi.values())
UNLOCKED = Protection(locked=False)


@labels.in_vietnamese  # an exchanged file, read back by the import: Vietnamese in every language
def build_template(
    centre: Centre, catalog: Catalog, latest: tuple[int, Survey] | None, *, today: dt.date
) -> Workbook:
    """The workbook for ``centre``; ``latest`` is its newest (version, survey), if any."""
    base_version, survey = latest if latest else (0, None)
    wb = Workbook()
    _instructions(wb.active)
    _survey_sheet(wb.create_sheet(EXCEL["sheet_survey"]), centre, catalog, survey, today)
    premises = survey.premises if survey else centre.premises
    ws = wb.create_sheet(EXCEL["sheet_premises"])
    _premises_sheet(ws, centre, premises)
    _as_of_row(ws, survey.as_of if survey else today, today)
    write_procedures_sheet(
        wb.create_sheet(EXCEL["sheet_procedures"]), centre, survey.procedures if survey else ()
    )
    _meta_sheet(wb.create_sheet(EXCEL["sheet_meta"]), centre, catalog, base_version, today)
    wb.active = 1
    wb.security = WorkbookProtection(lockStructure=True)
    return wb


def _instructions(ws: Worksheet) -> None:
    ws.title = EXCEL["sheet_instructions"]
    for row, text in enumerate(SURVEY_INSTRUCTIONS, start=1):
        cell = put_text(ws, row, 1, text)
        cell.font = styles.TITLE_FONT if row == 1 else styles.BODY_FONT
        cell.alignment = styles.WRAP
    ws.column_dimensions["A"].width = 110
    ws.protection.sheet = True


def _survey_sheet(
    ws: Worksheet, centre: Centre, catalog: Catalog, survey: Survey | None, today: dt.date
) -> int:
    """Fill the survey sheet; returns the last data row."""
    subtitle = EXCEL["centre_line"].format(name=centre.name, code=centre.code)
    note = EXCEL["spare_rows_note"] + (
        f" ({labels.ILLUSTRATIVE})" if survey and survey.illustrative else ""
    )
    styles.title_block(ws, [EXCEL["survey_title"], subtitle, note], len(SURVEY_KEYS))
    styles.header_row(ws, HEADER_ROW, SURVEY_HEADERS, SURVEY_WIDTHS)
    row = HEADER_ROW
    present = set()
    for line in survey.lines if survey else ():
        row += 1
        present.add(line.item)
        item = catalog.items.get(line.item)
        condition = labels.CONDITION[line.condition.value]
        _survey_row(ws, row, line.item, item, (line.quantity, condition, line.year_acquired))
    for code, item in catalog.items.items():
        if code not in present:
            row += 1
            _survey_row(ws, row, code, item, (None, None, None))
    first_spare = row + 1
    for _ in range(SPARE_ROWS):
        row += 1
        _survey_row(ws, row, None, None, (None, None, None))
    _survey_validation(ws, first_spare, row, len(catalog.items), today.year)
    styles.print_setup(ws, HEADER_ROW, freeze_column=2)
    ws.protection.sheet = True
    return row


def _survey_row(ws: Worksheet, row: int, code: str | None, item, values: tuple) -> None:
    """One survey line: code, name, unit locked when printed by us; the rest editable."""
    styles.write_row(
        ws, row, (code, item.name if item else None, item.unit if item else None, *values, None)
    )
    for key in ("quantity", "condition", "year_acquired", "note"):
        ws.cell(row=row, column=COL[key]).protection = UNLOCKED
    if code is None:
        ws.cell(row=row, column=COL["item"]).protection = UNLOCKED
    ws.cell(row=row, column=COL["quantity"]).number_format = styles.NUMBER_FORMAT


def _column_range(key: str, first: int, last: int) -> str:
    letter = chr(ord("A") + COL[key] - 1)
    return f"{letter}{first}:{letter}{last}"


def _survey_validation(ws: Worksheet, first_spare: int, last: int, n_items: int, year: int) -> None:
    """Drop-down for condition and codes; whole-number checks for quantity and year."""
    first = HEADER_ROW + 1
    condition = DataValidation(
        type="list", formula1='"' + ",".join(CONDITION_LABELS) + '"', allow_blank=True
    )
    condition.prompt = EXCEL["condition_prompt"]
    quantity = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2=str(int(limits.QUANTITY.high)),
        allow_blank=True,
    )
    quantity.prompt = EXCEL["quantity_prompt"]
    years = DataValidation(
        type="whole",
        operator="between",
        formula1=str(YEAR_MIN),
        formula2=str(year),
        allow_blank=True,
    )
    years.prompt = EXCEL["year_prompt"].format(low=YEAR_MIN, high=year)
    meta = styles.sheet_ref(EXCEL["sheet_meta"])
    codes = DataValidation(type="list", formula1=f"{meta}!$D$1:$D${n_items}", allow_blank=True)
    for validation, key, start in (
        (condition, "condition", first),
        (quantity, "quantity", first),
        (years, "year_acquired", first),
        (codes, "item", first_spare),
    ):
        validation.showInputMessage = True
        validation.showErrorMessage = True
        validation.add(_column_range(key, start, last))
        ws.add_data_validation(validation)


def _premises_sheet(ws: Worksheet, centre: Centre, premises: Premises) -> None:
    subtitle = EXCEL["centre_line"].format(name=centre.name, code=centre.code)
    styles.title_block(ws, [EXCEL["premises_title"], subtitle], 2)
    styles.header_row(ws, HEADER_ROW, (EXCEL["item_label"], EXCEL["value"]), (40, 18))
    for row, key in enumerate(PREMISES_KEYS, start=HEADER_ROW + 1):
        value = getattr(premises, key)
        integer = key in PREMISES_INTEGER
        if not integer and float(value).is_integer():
            value = int(value)
        styles.write_row(
            ws, row, (COLUMN[key], value), (None, styles.NUMBER_FORMAT if integer else "#,##0.##")
        )
        ws.cell(row=row, column=2).protection = UNLOCKED
        limit = PREMISES_LIMITS[key]
        check = DataValidation(
            type="whole" if integer else "decimal",
            operator="between",
            formula1=str(int(limit.low)),
            formula2=str(int(limit.high)),
        )
        check.error = limit.message  # Excel shows it when a bigger number is typed
        check.showErrorMessage = True
        check.add(f"B{row}")
        ws.add_data_validation(check)
    ws.protection.sheet = True


def as_of_range(made: dt.date) -> tuple[dt.date, dt.date]:
    """The stock-count dates a template made on ``made`` accepts: 01/01/2000 to a year later.

    A count can be entered shortly before it is finished, so the upper bound is not ``made``
    itself; a date further ahead, or before 2000, is a typing error (``2107`` for ``2017``).
    """
    try:
        later = made.replace(year=made.year + 1)
    except ValueError:  # 29 February
        later = made.replace(year=made.year + 1, day=28)
    return AS_OF_MIN, later


def _as_of_row(ws: Worksheet, as_of: dt.date, made: dt.date) -> None:
    """The stock-count date: an open date cell shown dd/mm/yyyy, checked by Excel as typed."""
    styles.write_row(ws, AS_OF_ROW, (EXCEL["as_of_label"], as_of), (None, DATE_FORMAT))
    ws.cell(row=AS_OF_ROW, column=2).protection = UNLOCKED
    low, high = as_of_range(made)
    check = DataValidation(
        type="date",
        operator="between",
        formula1=str(int(to_excel(low))),
        formula2=str(int(to_excel(high))),
    )
    check.prompt = EXCEL["as_of_prompt"]
    check.error = EXCEL["as_of"].format(low=labels.date(low), high=labels.date(high))
    check.showInputMessage = True
    check.showErrorMessage = True
    check.add(f"B{AS_OF_ROW}")
    ws.add_data_validation(check)


def _meta_sheet(
    ws: Worksheet, centre: Centre, catalog: Catalog, base_version: int, today: dt.date
) -> None:
    values = (TEMPLATE_VERSION, centre.code, catalog.version, base_version, today.isoformat())
    for row, (key, value) in enumerate(zip(META_KEYS, values, strict=True), start=1):
        ws.cell(row=row, column=1, value=key)
        ws.cell(row=row, column=2, value=value)
    for row, code in enumerate(catalog.items, start=1):
        ws.cell(row=row, column=META_CODES_COLUMN, value=code)
    write_field_list(ws)
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True
