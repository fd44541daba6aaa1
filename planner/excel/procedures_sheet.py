"""The survey template's "Thủ tục hành chính" sheet: the centre's procedures, written and read back.

Each row is one procedure: field (chosen from a drop-down of the Vietnamese field labels of
:data:`planner.needs.procedures.FIELD_LABELS`; the import also accepts the English codes), name, yearly
dossiers and mean handling minutes at the counter. Counter sizing (:mod:`planner.needs.counters`) uses
these rows when there are any; an empty sheet means "use the level's default procedure mix",
which the sheet's note says. Reading follows the other sheets' rules: every problem is collected
with its sheet, row, column, value and what was expected, and no row with a problem is kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from planner.errors import Problem
from planner.excel import styles
from planner.excel.safety import looks_like_formula
from planner.excel.values import fold, is_blank, read_count, read_field, read_minutes, within
from planner.labels import EXCEL, TABLES
from planner.limits import HANDLING_MINUTES, YEARLY_DOSSIERS
from planner.models import Centre, Procedure
from planner.needs.procedures import FIELD_LABELS

HEADER_ROW = 4  # as on the other sheets of the template
SPARE_ROWS = 40
KEYS = ("field", "procedure", "yearly_dossiers", "handling_minutes")
# The sheet's own headers: the file's words, Vietnamese whatever the language the user reads
# (``.vi``: no lookup in the session's language at import time, which would freeze one).
_FILE_WORDS = TABLES["EXCEL"].vi
HEADERS = (
    _FILE_WORDS["procedure_field"],
    _FILE_WORDS["procedure_name"],
    _FILE_WORDS["procedure_dossiers"],
    _FILE_WORDS["procedure_minutes"],
)
COLUMN_OF = dict(zip(KEYS, HEADERS, strict=True))
WIDTHS = (30, 60, 16, 20)
META_FIELDS_COLUMN = 6  # column F of _meta lists the field labels for the drop-down
UNLOCKED = Protection(locked=False)


def write_field_list(meta: Worksheet) -> None:
    """The field labels the drop-down offers, one per row in column F of the hidden ``_meta``.

    A range is used rather than an inline list because the labels contain commas (an inline
    list is comma-separated) and would exceed Excel's 255-character limit for it.
    """
    for row, label in enumerate(FIELD_LABELS.values(), start=1):
        meta.cell(row=row, column=META_FIELDS_COLUMN, value=label)


def write_procedures_sheet(ws: Worksheet, centre: Centre, procedures: Sequence[Procedure]) -> None:
    """Title, note, header, one row per procedure of the latest survey, then empty rows."""
    subtitle = EXCEL["centre_line"].format(name=centre.name, code=centre.code)
    styles.title_block(
        ws, [EXCEL["procedures_title"], subtitle, EXCEL["procedures_note"]], len(KEYS)
    )
    ws.row_dimensions[3].height = 45
    ws.cell(row=3, column=1).alignment = styles.WRAP
    styles.header_row(ws, HEADER_ROW, HEADERS, WIDTHS)
    row = HEADER_ROW
    for proc in procedures:
        row += 1
        label = FIELD_LABELS.get(proc.field, proc.field)
        _row(ws, row, (label, proc.name, proc.yearly_dossiers, _number(proc.handling_minutes)))
    for _ in range(SPARE_ROWS):
        row += 1
        _row(ws, row, (None, None, None, None))
    _validation(ws, row)
    styles.print_setup(ws, HEADER_ROW, freeze_column=2)
    ws.protection.sheet = True


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _row(ws: Worksheet, row: int, values: tuple) -> None:
    styles.write_row(ws, row, values, (None, None, styles.NUMBER_FORMAT, "#,##0.##"))
    for column in range(1, len(KEYS) + 1):
        ws.cell(row=row, column=column).protection = UNLOCKED


def _validation(ws: Worksheet, last: int) -> None:
    """Drop-down of field labels; whole dossiers ≥ 0; minutes > 0."""
    first = HEADER_ROW + 1
    meta = styles.sheet_ref(EXCEL["sheet_meta"])
    letter = chr(ord("A") + META_FIELDS_COLUMN - 1)
    field = DataValidation(
        type="list", formula1=f"{meta}!${letter}$1:${letter}${len(FIELD_LABELS)}", allow_blank=True
    )
    field.prompt = EXCEL["field_prompt"]
    dossiers = DataValidation(
        type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True
    )
    dossiers.prompt = EXCEL["quantity_prompt"]
    minutes = DataValidation(type="decimal", operator="greaterThan", formula1="0", allow_blank=True)
    minutes.prompt = EXCEL["minutes_prompt"]
    for validation, column in ((field, "A"), (dossiers, "C"), (minutes, "D")):
        validation.showInputMessage = True
        validation.showErrorMessage = True
        validation.add(f"{column}{first}:{column}{last}")
        ws.add_data_validation(validation)


def read_procedures(ws: Worksheet, problems: list[Problem]) -> list[Procedure]:
    """Every filled row as a :class:`Procedure`; problems are appended, bad rows left out.

    A row whose four cells are all blank is skipped. Two rows with the same field and the same
    name (compared without case or diacritics) are refused: a procedure's dossiers belong in one
    row, or sizing would count them twice without anyone noticing.
    """
    out: list[Procedure] = []
    seen: dict[tuple[str, str], int] = {}
    for cells in ws.iter_rows(min_row=HEADER_ROW + 1, max_col=len(KEYS)):
        formulas = [c for c in cells if c.data_type == "f" or looks_like_formula(c.value)]
        if formulas:
            problems += [
                Problem(ws.title, c.row, HEADERS[c.column - 1], c.value, EXCEL["formula"])
                for c in formulas
            ]
            continue
        proc = _read_row(ws.title, cells, problems)
        if proc is None:
            continue
        key = (proc.field, fold(proc.name))
        row = cells[0].row
        if key in seen:
            problems.append(
                Problem(
                    ws.title,
                    row,
                    COLUMN_OF["procedure"],
                    proc.name,
                    EXCEL["procedure_duplicate"].format(row=seen[key]),
                )
            )
            continue
        seen[key] = row
        out.append(proc)
    return out


def _read_row(sheet: str, cells, problems: list[Problem]) -> Procedure | None:
    """One row, or ``None`` when it is blank or has a problem (each problem is recorded)."""
    raw = dict(zip(KEYS, (c.value for c in cells), strict=False))
    if all(is_blank(raw.get(k)) for k in KEYS):
        return None
    row, before = cells[0].row, len(problems)

    def read(key: str, missing: str, reader):
        """The cell read by ``reader`` (value, error); a blank or bad cell is recorded."""
        if is_blank(raw.get(key)):
            problems.append(Problem(sheet, row, COLUMN_OF[key], raw.get(key), EXCEL[missing]))
            return None
        value, error = reader(raw[key])
        if error:
            problems.append(Problem(sheet, row, COLUMN_OF[key], raw.get(key), error))
        return value

    field = read("field", "field_missing", read_field)
    name = read("procedure", "procedure_name_missing", lambda v: (str(v).strip(), None))
    dossiers = read("yearly_dossiers", "dossiers_missing", within(YEARLY_DOSSIERS, read_count))
    minutes = read("handling_minutes", "minutes_missing", within(HANDLING_MINUTES, read_minutes))
    if len(problems) > before:
        return None
    return Procedure(field=field, name=name, yearly_dossiers=dossiers, handling_minutes=minutes)
