"""An uploaded survey workbook checked and read, all-or-nothing (``planner import`` saves it).

The order matters for safety: the raw bytes are checked (:func:`planner.excel.safety.check_upload`)
before openpyxl parses anything; the workbook's shape (sheets, hidden metadata, headers, merged
cells) is checked before its rows; then every row, premises figure and the stock-count date is
read and *all* problems are collected into one :class:`BadInput`. Only a file without a single
problem becomes a :class:`Survey`. Saving it (the permission check, the lost-update check against
the template's base survey version, the original file kept, refusals audited) is the service's
part: :mod:`planner.services.survey_files`, so that this module reads files and opens no database.

The survey's date (``Survey.as_of``, the day its stock was counted) ages every unit, so it is
never silently today's: an ``as_of`` passed by the caller wins; else the template's date cell
(pre-filled with the date of the version the template was made from); else, for a template
made before that cell existed, the date of that base version (``base_version`` in ``_meta``);
else, for a centre's first survey, today (the service's ``ImportResult`` says which date was used
and which it replaced).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from planner import limits
from planner.catalog import Catalog
from planner.errors import BadInput, Problem, problems_from_validation
from planner.excel import procedures_sheet
from planner.excel import template as tpl
from planner.excel.procedures_sheet import read_procedures
from planner.excel.safety import check_upload, looks_like_formula
from planner.excel.values import (
    is_blank,
    read_area,
    read_code,
    read_condition,
    read_count,
    read_date,
    read_year,
    within,
)
from planner.labels import EXCEL, TABLES
from planner.models import Centre, Premises, Survey, SurveyLine

# The file's own words (sheet names, column headers, premises labels) are the template's,
# Vietnamese whatever the language the user reads (read from ``.vi``, never in the session's
# language at import time); the messages about them are in the user's language.
_FILE_WORDS = TABLES["EXCEL"].vi
SURVEY, PREMISES = _FILE_WORDS["sheet_survey"], _FILE_WORDS["sheet_premises"]
META, PROCEDURES = _FILE_WORDS["sheet_meta"], _FILE_WORDS["sheet_procedures"]
FILE_COLUMN = TABLES["COLUMN"].vi
FILE_ITEM_LABEL, FILE_VALUE = _FILE_WORDS["item_label"], _FILE_WORDS["value"]
FILE_AS_OF = _FILE_WORDS["as_of_label"]
EXPECTED_SHEETS = (_FILE_WORDS["sheet_instructions"], SURVEY, PREMISES, META)
OPTIONAL_SHEETS = (PROCEDURES,)  # absent from templates made before counter sizing: no procedures
PREMISES_LIMITS = tpl.PREMISES_LIMITS


@dataclass(frozen=True)
class ParsedSurvey:
    """A survey read from a template, and the version the template was based on."""

    survey: Survey
    base_version: int
    catalog_version: str
    merged: tuple[MergedRows, ...] = ()


def clean_original(data: bytes, name: str) -> bytes:
    """The upload re-written by openpyxl: values, styles and validations only.

    openpyxl keeps no VBA project unless asked (``keep_vba``), drops external links when loaded
    with ``keep_links=False`` and does not write OLE objects, ActiveX controls or embedded
    documents back, so the stored copy cannot carry them to whoever downloads it later.
    """
    out = io.BytesIO()
    _open(data, name).save(out)
    return out.getvalue()


def parse_survey(
    data: bytes,
    name: str,
    *,
    centre: Centre,
    catalog: Catalog,
    as_of: dt.date | None = None,
    base_date: Callable[[int], dt.date | None] | None = None,
    surveyed_by: str = "",
) -> ParsedSurvey:
    """The survey in ``data``, or :class:`BadInput` listing every problem found.

    ``as_of``, when given, dates the survey whatever the file says (the date cell is still
    checked). Otherwise the file's date cell does; a template without one takes the date
    ``base_date`` gives for its base version, else today (see the module's docstring).
    """
    check_upload(data, name)
    wb = _open(data, name)
    meta = _check_shape(wb, name, centre)
    problems: list[Problem] = []
    merged: list[MergedRows] = []
    today = dt.date.today()
    typed = _read_as_of(wb[PREMISES], tpl.as_of_range(_made_on(meta, today)), problems)
    as_of = as_of or typed or _base_date(meta["base_version"], base_date) or today
    lines = _read_lines(wb[SURVEY], catalog, as_of.year, problems, merged)
    premises = _read_premises(wb[PREMISES], problems)
    procedures = read_procedures(wb[PROCEDURES], problems) if PROCEDURES in wb.sheetnames else []
    survey = None
    if not problems and premises is not None:
        try:
            survey = Survey(
                centre=centre.code,
                as_of=as_of,
                lines=tuple(lines),
                premises=premises,
                procedures=tuple(procedures),
                surveyed_by=surveyed_by,
            )
        except ValidationError as exc:
            problems += problems_from_validation(exc, SURVEY, None)
    if problems or survey is None:
        raise BadInput(EXCEL["bad_file"].format(name=name), problems)
    catalog_version = str(meta.get("catalog_version") or "")
    return ParsedSurvey(survey, meta["base_version"], catalog_version, tuple(merged))


def _base_date(version: int, base_date: Callable[[int], dt.date | None] | None) -> dt.date | None:
    return base_date(version) if version and base_date is not None else None


def _made_on(meta: dict, today: dt.date) -> dt.date:
    """The day the template was made (``_meta``'s ``generated``), never later than today.

    The hidden sheet is protected, not signed: bounding it by today keeps an edited ``generated``
    from widening the dates the import accepts.
    """
    made = meta.get("generated")
    try:
        day = made.date() if isinstance(made, dt.datetime) else dt.date.fromisoformat(str(made))
    except ValueError:
        return today
    return min(day, today)


def _read_as_of(
    ws: Worksheet, bounds: tuple[dt.date, dt.date], problems: list[Problem]
) -> dt.date | None:
    """The stock-count date of the premises sheet; ``None`` when the row is absent or wrong.

    An absent row (label and value both blank) is a template made before the date was asked
    for: no problem, the caller falls back. Anything else must be the template's label and a
    day ``bounds`` allow, as a date cell or as text ``dd/mm/yyyy``.
    """
    label, value = ws.cell(row=tpl.AS_OF_ROW, column=1), ws.cell(row=tpl.AS_OF_ROW, column=2)
    if is_blank(label.value) and is_blank(value.value):
        return None
    if _formula_problems(ws, (label, value), problems):
        return None
    if label.value != FILE_AS_OF:
        problems.append(Problem(ws.title, tpl.AS_OF_ROW, FILE_ITEM_LABEL, label.value, FILE_AS_OF))
        return None
    day, error = read_date(value.value, *bounds)
    if error:
        problems.append(Problem(ws.title, tpl.AS_OF_ROW, FILE_AS_OF, value.value, error))
    return day


def _open(data: bytes, name: str) -> Workbook:
    """Parse with openpyxl (defusedxml underneath); any failure is a bad file, not a crash."""
    try:
        return load_workbook(io.BytesIO(data), data_only=False, keep_links=False)
    except (
        KeyError,
        ValueError,
        TypeError,
        IndexError,
        AttributeError,
        OSError,
        EOFError,
        zipfile.BadZipFile,
        SyntaxError,
    ) as exc:
        raise BadInput(
            EXCEL["bad_file"].format(name=name),
            [Problem(name, None, None, type(exc).__name__, EXCEL["unreadable"])],
        ) from None


def _check_shape(wb: Workbook, name: str, centre: Centre) -> dict:
    """Sheets, metadata, headers and merged cells; raises at once, since rows would mislead."""
    problems = [
        Problem(s, None, None, None, EXCEL["missing_sheet"])
        for s in EXPECTED_SHEETS
        if s not in wb.sheetnames
    ]
    problems += [
        Problem(s, None, None, None, EXCEL["extra_sheet"])
        for s in wb.sheetnames
        if s not in EXPECTED_SHEETS + OPTIONAL_SHEETS
    ]
    meta: dict = {}
    if META in wb.sheetnames:
        meta = _read_meta(wb[META], centre, problems)
    if SURVEY in wb.sheetnames:
        _check_header(wb[SURVEY], tpl.SURVEY_HEADERS, problems)
    if PREMISES in wb.sheetnames:
        _check_header(wb[PREMISES], (FILE_ITEM_LABEL, FILE_VALUE), problems)
    if PROCEDURES in wb.sheetnames:
        _check_header(wb[PROCEDURES], procedures_sheet.HEADERS, problems)
    for sheet in (SURVEY, PREMISES, PROCEDURES):
        if sheet in wb.sheetnames:
            problems += [
                Problem(sheet, r.min_row, None, r.coord, EXCEL["merged"])
                for r in wb[sheet].merged_cells.ranges
                if r.max_row >= tpl.HEADER_ROW
            ]
    if problems:
        raise BadInput(EXCEL["bad_file"].format(name=name), problems)
    return meta


def _read_meta(ws: Worksheet, centre: Centre, problems: list[Problem]) -> dict:
    meta = {
        row[0]: row[1]
        for row in ws.iter_rows(min_row=1, max_row=len(tpl.META_KEYS), max_col=2, values_only=True)
    }
    version = meta.get("template_version")
    if version is None or "centre" not in meta:
        problems.append(Problem(META, None, None, None, EXCEL["meta_missing"]))
        return meta
    if str(version) != tpl.TEMPLATE_VERSION:
        problems.append(
            Problem(
                META,
                1,
                "template_version",
                version,
                EXCEL["template_version"].format(expected=tpl.TEMPLATE_VERSION),
            )
        )
    if str(meta["centre"]) != centre.code:
        problems.append(
            Problem(
                META,
                2,
                "centre",
                meta["centre"],
                EXCEL["wrong_centre"].format(expected=centre.code),
            )
        )
    base, error = read_count(meta.get("base_version"))
    if error:
        problems.append(
            Problem(META, 4, "base_version", meta.get("base_version"), EXCEL["base_version"])
        )
    meta["base_version"] = base
    return meta


def _check_header(ws: Worksheet, headers: tuple[str, ...], problems: list[Problem]) -> None:
    found = [c.value for c in ws[tpl.HEADER_ROW][: len(headers)]]
    if [str(v).strip() if v is not None else None for v in found] != list(headers):
        problems.append(
            Problem(
                ws.title,
                tpl.HEADER_ROW,
                None,
                " | ".join(str(v) for v in found if v is not None),
                EXCEL["header_missing"].format(columns=", ".join(headers)),
            )
        )


def _formula_problems(ws: Worksheet, cells, problems: list[Problem]) -> bool:
    """Report every formula among ``cells``; True when there was one."""
    bad = [c for c in cells if c.data_type == "f" or looks_like_formula(c.value)]
    problems += [
        Problem(ws.title, c.row, _header_of(ws, c.column), c.value, EXCEL["formula"]) for c in bad
    ]
    return bool(bad)


def _header_of(ws: Worksheet, column: int) -> str:
    if ws.title == SURVEY and column <= len(tpl.SURVEY_HEADERS):
        return tpl.SURVEY_HEADERS[column - 1]
    if ws.title == PREMISES and column == 2:
        return FILE_VALUE
    return ws.cell(row=tpl.HEADER_ROW, column=column).column_letter


@dataclass(frozen=True)
class MergedRows:
    """Rows of the same item, condition and year that the import added up into one line."""

    item: str
    condition: str
    year_acquired: int | None
    rows: tuple[int, ...]
    quantity: int


def _read_lines(
    ws: Worksheet,
    catalog: Catalog,
    year: int,
    problems: list[Problem],
    merged: list[MergedRows] | None = None,
) -> list[SurveyLine]:
    """One :class:`SurveyLine` per item × condition × year with a quantity.

    Districts fill the sheet the way they count: blank rows and rows of quantity 0 (with or
    without a condition) mean "none" and are skipped; two rows of the same item, condition and
    year are added up (listed in ``merged`` so that the confirmation can say so). A sum beyond
    :data:`planner.limits.QUANTITY` is reported on the row that crossed it.
    """

    def read_rows() -> Iterator[tuple[int, SurveyLine]]:
        for cells in ws.iter_rows(min_row=tpl.HEADER_ROW + 1, max_col=len(tpl.SURVEY_KEYS)):
            if _formula_problems(ws, cells, problems):
                continue
            line = _read_line(ws.title, cells, catalog, year, problems)
            if line is not None:
                yield cells[0].row, line

    lines, added_up = add_up(read_rows(), ws.title, FILE_COLUMN["quantity"], problems)
    if merged is not None:
        merged += added_up
    return lines


def means_none(quantity: object, condition: object) -> bool:
    """Quantity 0 with no condition: what districts type for what the centre does not have."""
    return _is_zero(quantity) and is_blank(condition)


def add_up(
    numbered: Iterable[tuple[int, SurveyLine]], where: str, column: str, problems: list[Problem]
) -> tuple[list[SurveyLine], tuple[MergedRows, ...]]:
    """Lines of the same item, condition and year added up into one; lines of quantity 0 dropped.

    ``numbered`` gives (row number, line) in row order. Returns the summed lines and the groups
    of more than one row (for the confirmation). A sum beyond :data:`planner.limits.QUANTITY` is
    reported on the row that crossed it, in ``column`` of ``where``. The survey import and the
    web form share this rule, so a file and a form typed alike give the same survey.
    """
    totals: dict[tuple, int] = {}
    rows: dict[tuple, list[int]] = {}
    for number, line in numbered:
        if not line.quantity:
            continue
        key = (line.item, line.condition, line.year_acquired)
        total = totals.get(key, 0) + line.quantity
        error = limits.QUANTITY.problem(total)
        if error:
            problems.append(Problem(where, number, column, total, error))
            continue
        totals[key] = total
        rows.setdefault(key, []).append(number)
    merged = tuple(
        MergedRows(k[0], k[1].value, k[2], tuple(r), totals[k])
        for k, r in rows.items()
        if len(r) > 1
    )
    lines = [
        SurveyLine(item=k[0], quantity=q, condition=k[1], year_acquired=k[2])
        for k, q in totals.items()
    ]
    return lines, merged


def _read_line(
    sheet: str, cells, catalog: Catalog, year: int, problems: list[Problem]
) -> SurveyLine | None:
    """Read one row; report its problems and return ``None`` if it has any or is empty."""
    row = cells[0].row
    raw = {
        key: cells[tpl.COL[key] - 1].value
        for key in ("item", "quantity", "condition", "year_acquired")
    }
    if all(is_blank(raw[k]) for k in ("quantity", "condition", "year_acquired")):
        return None
    if means_none(raw["quantity"], raw["condition"]):
        return None  # "0" typed for what the centre does not have
    before = len(problems)

    def bad(key: str, expected: str) -> None:
        problems.append(Problem(sheet, row, FILE_COLUMN[key], raw[key], expected))

    code = read_code(raw["item"])
    if code is None or code not in catalog.items:
        bad("item", EXCEL["unknown_item"])
    quantity, condition, acquired = None, None, None
    if is_blank(raw["quantity"]):
        bad("quantity", EXCEL["quantity_missing"])
    else:
        quantity, error = within(limits.QUANTITY, read_count)(raw["quantity"])
        if error:
            bad("quantity", error)
    if is_blank(raw["condition"]):
        bad("condition", EXCEL["condition_missing"])
    else:
        condition, error = read_condition(raw["condition"])
        if error:
            bad("condition", error)
    if not is_blank(raw["year_acquired"]):
        acquired, error = read_year(raw["year_acquired"], tpl.YEAR_MIN, year)
        if error:
            bad("year_acquired", error)
    if len(problems) > before or code is None or quantity is None or condition is None:
        return None
    return SurveyLine(item=code, quantity=quantity, condition=condition, year_acquired=acquired)


def _is_zero(value: object) -> bool:
    count, error = read_count(value)
    return error is None and count == 0


def _read_premises(ws: Worksheet, problems: list[Problem]) -> Premises | None:
    """The five premises figures, by row; blank counts as 0."""
    values: dict[str, Any] = {}
    for row, key in enumerate(tpl.PREMISES_KEYS, start=tpl.HEADER_ROW + 1):
        label, value = ws.cell(row=row, column=1), ws.cell(row=row, column=2)
        if _formula_problems(ws, (label, value), problems):
            continue
        if label.value != FILE_COLUMN[key]:
            problems.append(Problem(ws.title, row, FILE_ITEM_LABEL, label.value, FILE_COLUMN[key]))
            continue
        if is_blank(value.value):
            values[key] = 0
            continue
        integer = key in tpl.PREMISES_INTEGER
        reader = within(PREMISES_LIMITS[key], read_count if integer else read_area)
        number, error = reader(value.value)
        if error:
            problems.append(Problem(ws.title, row, FILE_COLUMN[key], value.value, error))
        else:
            values[key] = number
    if len(values) < len(tpl.PREMISES_KEYS):
        return None
    try:
        return Premises(**values)
    except ValidationError as exc:
        found = problems_from_validation(exc, ws.title, None)
        problems += [
            Problem(
                p.where,
                p.row,
                p.column or FILE_COLUMN["renovation_area_m2"],
                values.get("renovation_area_m2"),
                p.expected,
            )
            for p in found
        ]
        return None
