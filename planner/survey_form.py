"""The web form's survey: table rows and premises fields in, a validated :class:`Survey` out.

The form shows the same columns as the Excel template (Mã thiết bị, Số lượng, Tình trạng, Năm
đưa vào sử dụng; and the procedure table of the "Thủ tục hành chính" sheet) and follows the same
rules, so a survey typed in the browser and one uploaded
are judged alike: every problem is collected with its row and column, and only a form without
a single problem becomes a survey (nothing partial is saved).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from planner import labels, limits
from planner.catalog import Catalog
from planner.errors import BadInput, Problem, problems_from_validation
from planner.excel.safety import looks_like_formula
from planner.excel.values import fold, read_count, read_field, read_minutes, within
from planner.models import Condition, Premises, Procedure, Survey, SurveyLine
from planner.procedures import FIELD_LABELS

C = labels.COLUMN
# the form's parts, named in problems (read in the session's language at each lookup)
WHERE = labels.table_of(
    "WHERE",
    {
        "lines": (labels.APP, "form_sheet"),
        "premises": (labels.APP, "premises"),
        "procedures": (labels.SIZING, "procedures_sheet"),
    },
)
PROC_SHEET = WHERE.vi["procedures"]  # its Vietnamese name
PROC_KEYS = ("field", "procedure", "yearly_dossiers", "handling_minutes")
PROC_COLUMN = labels.table_of(  # read in the session's language at each lookup
    "PROC_COLUMN",
    dict(
        zip(
            PROC_KEYS,
            (
                (labels.EXCEL, "procedure_field"),
                (labels.EXCEL, "procedure_name"),
                (labels.EXCEL, "procedure_dossiers"),
                (labels.EXCEL, "procedure_minutes"),
            ),
            strict=True,
        )
    ),
)
_PROC_READERS = (  # (key, message when blank, reader returning (value, expected-if-bad))
    ("field", "field_missing", read_field),
    ("procedure", "procedure_name_missing", lambda v: _plain_text(v)),
    ("yearly_dossiers", "dossiers_missing", within(limits.YEARLY_DOSSIERS, read_count)),
    ("handling_minutes", "minutes_missing", within(limits.HANDLING_MINUTES, read_minutes)),
)
YEAR_MIN = 1980
CONDITION_BY_LABEL = {
    text: Condition(code) for code, text in labels.every_language(labels.CONDITION)
}


def _plain_text(value: object) -> tuple[str | None, str | None]:
    """Typed text, trimmed; refused when it is a formula once leading blanks are trimmed."""
    if looks_like_formula(value):
        return None, labels.EXCEL["formula"]
    return str(value).strip(), None


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _whole(value: object) -> int | None:
    """An integer from a table cell (editors hand back floats), or None if not a whole number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def survey_lines_from_rows(
    rows: Sequence[Mapping[str, object]], catalog: Catalog, year: int, problems: list[Problem]
) -> list[SurveyLine]:
    """The filled rows as survey lines; problems are appended with the row number (1-based).

    A row with no quantity, condition or year is an unused row and is skipped (the form offers
    one row per catalog item); a quantity of 0 is skipped too.
    """
    lines: list[SurveyLine] = []
    seen: dict[tuple, int] = {}
    for number, row in enumerate(rows, start=1):
        code, qty, cond, year_raw = (
            row.get(C[k]) for k in ("item", "quantity", "condition", "year_acquired")
        )
        if all(_blank(v) for v in (qty, cond, year_raw)):
            continue
        before = len(problems)

        def bad(column: str, value: object, expected: str, number: int = number) -> None:
            problems.append(
                Problem(WHERE["lines"], number, column, None if _blank(value) else value, expected)
            )

        code = None if _blank(code) else str(code).strip()
        if code is None or code not in catalog.items:
            bad(C["item"], code, labels.EXCEL["unknown_item"])
        quantity = None if _blank(qty) else _whole(qty)
        if quantity is None or quantity < 0:
            bad(
                C["quantity"],
                qty,
                labels.EXCEL["quantity_missing"] if _blank(qty) else labels.EXCEL["quantity"],
            )
        elif limits.QUANTITY.problem(quantity):
            bad(C["quantity"], qty, limits.QUANTITY.message)
            quantity = None
        condition = CONDITION_BY_LABEL.get(str(cond).strip()) if not _blank(cond) else None
        if condition is None:
            bad(
                C["condition"],
                cond,
                labels.EXCEL["condition_missing"] if _blank(cond) else labels.EXCEL["condition"],
            )
        acquired = None if _blank(year_raw) else _whole(year_raw)
        if not _blank(year_raw) and (acquired is None or not YEAR_MIN <= acquired <= year):
            bad(
                C["year_acquired"],
                year_raw,
                labels.EXCEL["year_range"].format(low=YEAR_MIN, high=year),
            )
        # no new problem means the three are known; the test also tells the type checker so
        if len(problems) == before and code and quantity is not None and condition is not None:
            key = (code, condition, acquired)
            if key in seen:
                bad(C["item"], code, labels.APP["duplicate_line"].format(row=seen[key]))
                continue
            seen[key] = number
            if quantity > 0:
                lines.append(
                    SurveyLine(
                        item=code, quantity=quantity, condition=condition, year_acquired=acquired
                    )
                )
    return lines


def premises_from_fields(fields: Mapping[str, object], problems: list[Problem]) -> Premises | None:
    """The premises figures, or None with located problems (e.g. renovation > floor area)."""
    try:
        return Premises.model_validate(
            {
                k: (_whole(v) if k in ("counters", "staff", "yearly_dossiers") else v)
                for k, v in fields.items()
            }
        )
    except ValidationError as exc:
        problems += problems_from_validation(
            exc, WHERE["premises"], None, {k: C[k] for k in fields if k in C}
        )
        return None


def procedures_from_rows(
    rows: Sequence[Mapping[str, object]], problems: list[Problem]
) -> list[Procedure]:
    """The procedure table's filled rows (1-based row numbers in problems); blank rows skipped.

    The same readers as the Excel sheet (:mod:`planner.excel.procedures_sheet`) judge each cell,
    so a field may be its label or code, dossiers a whole number ≥ 0 and minutes a number > 0;
    two rows with the same field and name (ignoring case and diacritics) are refused.
    """
    out: list[Procedure] = []
    seen: dict[tuple[str, str], int] = {}
    for number, row in enumerate(rows, start=1):
        raw = {key: row.get(PROC_COLUMN[key]) for key in PROC_KEYS}
        if all(_blank(v) for v in raw.values()):
            continue
        before = len(problems)

        def bad(key: str, expected: str, number: int = number, raw: dict = raw) -> None:
            problems.append(
                Problem(
                    WHERE["procedures"],
                    number,
                    PROC_COLUMN[key],
                    None if _blank(raw[key]) else raw[key],
                    expected,
                )
            )

        parsed: dict[str, Any] = {}
        for key, missing, reader in _PROC_READERS:
            if _blank(raw[key]):
                bad(key, labels.EXCEL[missing])
                continue
            parsed[key], error = reader(raw[key])
            if error:
                bad(key, error)
        if len(problems) > before:
            continue
        ident = (parsed["field"], fold(parsed["procedure"]))
        if ident in seen:
            bad("procedure", labels.EXCEL["procedure_duplicate"].format(row=seen[ident]))
            continue
        seen[ident] = number
        out.append(
            Procedure(
                field=parsed["field"],
                name=parsed["procedure"],
                yearly_dossiers=parsed["yearly_dossiers"],
                handling_minutes=parsed["handling_minutes"],
            )
        )
    return out


def procedure_rows(survey: Survey | None) -> list[dict[str, object]]:
    """The procedure table the form opens with: the survey's procedures, field as its label."""
    return [
        {
            PROC_COLUMN["field"]: FIELD_LABELS.get(p.field, p.field),
            PROC_COLUMN["procedure"]: p.name,
            PROC_COLUMN["yearly_dossiers"]: p.yearly_dossiers,
            PROC_COLUMN["handling_minutes"]: p.handling_minutes,
        }
        for p in (survey.procedures if survey else ())
    ]


def survey_from_form(
    centre: str,
    rows: Sequence[Mapping[str, object]],
    premises: Mapping[str, object],
    catalog: Catalog,
    *,
    as_of: dt.date,
    surveyed_by: str,
    procedures: Sequence[Mapping[str, object]] = (),
) -> Survey:
    """A validated survey, or :class:`BadInput` listing every problem of the form at once.

    ``procedures`` are the procedure table's rows (:func:`procedure_rows` columns); none means
    the centre's counters are sized from its level's default procedure mix.
    """
    problems: list[Problem] = []
    lines = survey_lines_from_rows(rows, catalog, as_of.year, problems)
    parsed_premises = premises_from_fields(premises, problems)
    parsed_procedures = procedures_from_rows(procedures, problems)
    if not problems and parsed_premises is not None:  # no premises comes with its problem
        try:
            return Survey(
                centre=centre,
                as_of=as_of,
                lines=tuple(lines),
                premises=parsed_premises,
                procedures=tuple(parsed_procedures),
                surveyed_by=surveyed_by,
            )
        except ValidationError as exc:
            problems += problems_from_validation(exc, WHERE["lines"], None)
    raise BadInput(labels.APP["problems"], problems)


def form_rows(survey: Survey | None, catalog: Catalog) -> list[dict[str, object]]:
    """The table the form opens with: the survey's lines, then one empty row per other item."""
    rows = []
    present = set()
    for line in survey.lines if survey else ():
        present.add(line.item)
        rows.append(
            _row(
                line.item,
                catalog,
                line.quantity,
                labels.CONDITION[line.condition.value],
                line.year_acquired,
            )
        )
    for code in catalog.items:
        if code not in present:
            rows.append(_row(code, catalog, None, None, None))
    return rows


def _row(code: str, catalog: Catalog, quantity, condition, year) -> dict[str, object]:
    item = catalog.items.get(code)
    return {
        C["item"]: code,
        C["item_name"]: item.name if item else "",
        C["unit"]: item.unit if item else "",
        C["quantity"]: quantity,
        C["condition"]: condition,
        C["year_acquired"]: year,
    }
