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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from planner import labels, limits
from planner.catalog import Catalog
from planner.errors import BadInput, Problem, problems_from_validation
from planner.excel.safety import looks_like_formula
from planner.excel.survey_import import MergedRows, add_up, means_none
from planner.excel.values import fold, read_count, read_field, read_minutes, within
from planner.models import Condition, Premises, Procedure, Survey, SurveyLine
from planner.needs.procedures import FIELD_LABELS

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
    rows: Sequence[Mapping[str, object]],
    catalog: Catalog,
    year: int,
    problems: list[Problem],
    merged: list[MergedRows] | None = None,
) -> list[SurveyLine]:
    """The filled rows as survey lines; problems are appended with the row number (1-based).

    Districts fill the form the way they fill the template, and the survey import's own rule
    judges both (:func:`planner.excel.survey_import.means_none` and
    :func:`~planner.excel.survey_import.add_up`): a row with no quantity, condition or year is
    an unused row (the form offers one row per catalog item); quantity 0 with no condition
    means "none"; rows of quantity 0 are dropped; rows of the same item, condition and year
    are added up, and listed in ``merged`` so that the confirmation can say so.
    """

    def read() -> Iterator[tuple[int, SurveyLine]]:
        for number, row in enumerate(rows, start=1):
            cells = {
                k: None if _blank(v := row.get(C[k])) else v
                for k in ("item", "quantity", "condition", "year_acquired")
            }
            if all(cells[k] is None for k in ("quantity", "condition", "year_acquired")):
                continue
            if means_none(cells["quantity"], cells["condition"]):
                continue
            line = _line_from_cells(number, cells, catalog, year, problems)
            if line is not None:
                yield number, line

    lines, added_up = add_up(read(), WHERE["lines"], C["quantity"], problems)
    if merged is not None:
        merged += added_up
    return lines


def _line_from_cells(
    number: int, cells: Mapping[str, Any], catalog: Catalog, year: int, problems: list[Problem]
) -> SurveyLine | None:
    """One filled row as a line, or None with its problems (item, quantity, condition, year)."""
    before = len(problems)

    def bad(key: str, expected: str) -> None:
        problems.append(Problem(WHERE["lines"], number, C[key], cells[key], expected))

    code = None if cells["item"] is None else str(cells["item"]).strip()
    if code is None or code not in catalog.items:
        bad("item", labels.EXCEL["unknown_item"])
    qty = cells["quantity"]
    quantity = None if qty is None else _whole(qty)
    if quantity is None or quantity < 0:
        bad(
            "quantity",
            labels.EXCEL["quantity_missing"] if qty is None else labels.EXCEL["quantity"],
        )
    elif limits.QUANTITY.problem(quantity):
        bad("quantity", limits.QUANTITY.message)
        quantity = None
    cond = cells["condition"]
    condition = None if cond is None else CONDITION_BY_LABEL.get(str(cond).strip())
    if condition is None:
        bad(
            "condition",
            labels.EXCEL["condition_missing"] if cond is None else labels.EXCEL["condition"],
        )
    year_raw = cells["year_acquired"]
    acquired = None if year_raw is None else _whole(year_raw)
    if year_raw is not None and (acquired is None or not YEAR_MIN <= acquired <= year):
        bad("year_acquired", labels.EXCEL["year_range"].format(low=YEAR_MIN, high=year))
    # no new problem means the three are known; the test also tells the type checker so
    if len(problems) > before or not code or quantity is None or condition is None:
        return None
    return SurveyLine(item=code, quantity=quantity, condition=condition, year_acquired=acquired)


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


@dataclass(frozen=True)
class FormSurvey:
    """What a valid form became: the survey, and the rows that were added up into one line."""

    survey: Survey
    merged: tuple[MergedRows, ...] = ()


def form_date(previous: Survey | None, today: dt.date) -> dt.date:
    """The stock-count date the form opens with: the previous version's, else today.

    A survey says what a centre has on the day its stock was counted, and that date ages every
    unit (a unit is past its lifetime when survey year − year acquired > lifetime, see
    :mod:`planner.needs`). Correcting one quantity of a 2017 count must not re-date it, or
    most of its stock would silently fall out of use; only a centre's first survey opens on
    today.
    """
    return previous.as_of if previous is not None else today


def read_form(
    centre: str,
    rows: Sequence[Mapping[str, object]],
    premises: Mapping[str, object],
    catalog: Catalog,
    *,
    as_of: dt.date,
    surveyed_by: str,
    procedures: Sequence[Mapping[str, object]] = (),
    previous_as_of: dt.date | None = None,
    redate_confirmed: bool = False,
) -> FormSurvey:
    """A validated survey, or :class:`BadInput` listing every problem of the form at once.

    ``procedures`` are the procedure table's rows (:func:`procedure_rows` columns); none means
    the centre's counters are sized from its level's default procedure mix. ``previous_as_of``
    is the stock-count date of the version the form was opened from: a different ``as_of`` is
    refused unless ``redate_confirmed`` says the user changed it on purpose (after reading
    :func:`planner.services.surveys.redating`).
    """
    problems: list[Problem] = []
    if previous_as_of is not None and as_of != previous_as_of and not redate_confirmed:
        problems.append(
            Problem(
                labels.APP["as_of"],
                None,
                labels.APP["as_of"],
                labels.date(as_of),
                labels.APP["redate_unconfirmed"].format(before=labels.date(previous_as_of)),
            )
        )
    merged: list[MergedRows] = []
    lines = survey_lines_from_rows(rows, catalog, as_of.year, problems, merged)
    parsed_premises = premises_from_fields(premises, problems)
    parsed_procedures = procedures_from_rows(procedures, problems)
    if not problems and parsed_premises is not None:  # no premises comes with its problem
        try:
            survey = Survey(
                centre=centre,
                as_of=as_of,
                lines=tuple(lines),
                premises=parsed_premises,
                procedures=tuple(parsed_procedures),
                surveyed_by=surveyed_by,
            )
        except ValidationError as exc:
            problems += problems_from_validation(exc, WHERE["lines"], None)
        else:
            return FormSurvey(survey, tuple(merged))
    raise BadInput(labels.APP["problems"], problems)


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
    """:func:`read_form`'s survey alone (a form with no earlier version to keep the date of)."""
    return read_form(
        centre,
        rows,
        premises,
        catalog,
        as_of=as_of,
        surveyed_by=surveyed_by,
        procedures=procedures,
    ).survey


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
