"""The survey form's procedure table: judged like the Excel sheet, every problem at once."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from planner import labels
from planner.errors import BadInput
from planner.models import Premises, Procedure
from planner.services.survey_form import (
    PROC_COLUMN,
    PROC_SHEET,
    procedure_rows,
    procedures_from_rows,
    survey_from_form,
)

F, N, D, M = (PROC_COLUMN[k] for k in ("field", "procedure", "yearly_dossiers", "handling_minutes"))
PREMISES = Premises(counters=3, staff=5, yearly_dossiers=1000).model_dump()


def row(field, name, dossiers, minutes) -> dict:
    return {F: field, N: name, D: dossiers, M: minutes}


def test_rows_become_procedures_with_labels_codes_and_editor_floats():
    rows = [
        row("Đất đai", " Cấp GCN ", 1200.0, 25.0),  # the editor hands numbers back as floats
        row(None, None, math.nan, math.nan),  # an empty row the editor added
        row("civil_status", "Khai sinh", "1.500", "7,5"),
    ]
    problems = []
    assert procedures_from_rows(rows, problems) == [
        Procedure(field="land", name="Cấp GCN", yearly_dossiers=1200, handling_minutes=25),
        Procedure(
            field="civil_status", name="Khai sinh", yearly_dossiers=1500, handling_minutes=7.5
        ),
    ]
    assert problems == []


def test_every_problem_is_located_by_row_and_column():
    rows = [
        row("Đất đai", "A", -1, 10),
        row("Hàng không", "B", 10, 0),
        row(None, "C", 2.5, None),
        row("Hộ tịch", "D", 1, 5),
        row("ho tich", "d", 1, 5),
    ]
    problems = []
    assert procedures_from_rows(rows, problems) == [
        Procedure(field="civil_status", name="D", yearly_dossiers=1, handling_minutes=5)
    ]
    found = {(p.where, p.row, p.column, p.expected) for p in problems}
    E = labels.EXCEL
    assert {(r, c) for _, r, c, _ in found} == {
        (1, D),
        (2, F),
        (2, M),
        (3, F),
        (3, D),
        (3, M),
        (5, N),
    }
    assert (PROC_SHEET, 1, D, E["negative"]) in found
    assert (PROC_SHEET, 2, M, E["minutes"]) in found
    assert (PROC_SHEET, 3, F, E["field_missing"]) in found
    assert (PROC_SHEET, 3, M, E["minutes_missing"]) in found
    assert (PROC_SHEET, 5, N, E["procedure_duplicate"].format(row=4)) in found


def test_survey_from_form_reports_item_premises_and_procedure_problems_together(catalog):
    lines = [
        {
            labels.COLUMN["item"]: "MAY-BAY",
            labels.COLUMN["quantity"]: 1,
            labels.COLUMN["condition"]: "Tốt",
        }
    ]
    with pytest.raises(BadInput) as refused:
        survey_from_form(
            "380",
            lines,
            {**PREMISES, "staff": -1},
            catalog,
            as_of=dt.date(2025, 9, 1),
            surveyed_by="x",
            procedures=[row("Đất đai", "A", 10, -3)],
        )
    where = {p.where for p in refused.value.problems}
    assert where == {labels.APP["form_sheet"], labels.APP["premises"], PROC_SHEET}


def test_survey_from_form_keeps_procedures_and_an_empty_table_means_the_default_mix(catalog):
    wanted = (Procedure(field="land", name="Cấp GCN", yearly_dossiers=10, handling_minutes=20),)
    rows = procedure_rows(type("S", (), {"procedures": wanted})())
    assert rows == [{F: "Đất đai", N: "Cấp GCN", D: 10, M: 20}]
    survey = survey_from_form(
        "380", [], PREMISES, catalog, as_of=dt.date(2025, 9, 1), surveyed_by="x", procedures=rows
    )
    assert survey.procedures == wanted
    assert (
        survey_from_form(
            "380", [], PREMISES, catalog, as_of=dt.date(2025, 9, 1), surveyed_by="x"
        ).procedures
        == ()
    )
