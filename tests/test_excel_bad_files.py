"""A corpus of bad uploads, generated here: each is refused with the right message, nothing saved."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

import openpyxl
import pytest
from sqlalchemy import func, select

from planner import limits
from planner.auth import SYSTEM
from planner.demo.data import load_demo
from planner.errors import BadInput
from planner.excel import procedures_sheet as proc_sheet
from planner.excel import safety
from planner.excel import template as tpl
from planner.labels import COLUMN, EXCEL
from planner.services.survey_files import import_survey
from planner.services.workspace import load_workspace
from planner.store.db import make_engine, reading
from planner.store.surveys import latest_version_number
from planner.store.tables import AuditRow

AS_OF = dt.date(2025, 9, 1)
CENTRE = "380"
FIRST = tpl.HEADER_ROW + 1  # first data row of the survey sheet
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b']><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&lol9;</workbook>'
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('bad') / 'db.sqlite3'}")
    load_demo(engine, "thanh-hoa-2017")
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def templates(engine):
    workspace = load_workspace(engine)
    out = {}
    for code in (CENTRE, "381"):
        wb = tpl.build_template(
            workspace.centre(code), workspace.catalog, workspace.surveys.get(code), today=AS_OF
        )
        buffer = io.BytesIO()
        wb.save(buffer)
        out[code] = buffer.getvalue()
    return out


def edit(data: bytes, change) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def cell(sheet: str, row: int, column: int, value):
    def change(wb):
        wb[sheet].cell(row, column).value = value

    return change


def zip_of(parts: dict[str, bytes], level: int = 9) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def replace_part(data: bytes, name: str, content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[name] = content
    return zip_of(parts)


def spare_row(ws) -> int:
    return next(r for r in range(FIRST, ws.max_row + 1) if ws.cell(r, 1).value is None)


def add_spare(code, qty, condition, year=None):
    def change(wb):
        ws = wb[EXCEL["sheet_survey"]]
        r = spare_row(ws)
        for column, value in ((1, code), (4, qty), (5, condition), (6, year)):
            ws.cell(r, column).value = value

    return change


def xml_number(data: bytes, text: str) -> bytes:
    """Write ``text`` (e.g. ``1E400``) as the raw XML of the premises floor-area number.

    openpyxl cannot write ``1E400`` itself (it is ``inf`` in Python), but Excel's XML can say it.
    """
    name = "xl/worksheets/sheet3.xml"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(name)
    assert b"<v>123456.5</v>" in xml
    return replace_part(data, name, xml.replace(b"<v>123456.5</v>", f"<v>{text}</v>".encode()))


def duplicate_first(wb):
    ws = wb[EXCEL["sheet_survey"]]
    r = spare_row(ws)
    for column in (1, 4, 5, 6):
        ws.cell(r, column).value = ws.cell(FIRST, column).value


S, P, M = EXCEL["sheet_survey"], EXCEL["sheet_premises"], EXCEL["sheet_meta"]
Q, C, Y = COLUMN["quantity"], COLUMN["condition"], COLUMN["year_acquired"]
T, PF, PN, PD, PM = (
    EXCEL["sheet_procedures"],
    *proc_sheet.HEADERS,
)  # procedure sheet and its columns
PROC = proc_sheet.HEADER_ROW + 1  # its first data row


def procedure(field, name, dossiers, minutes, row=PROC):
    """Write one procedure row on the "Thủ tục hành chính" sheet."""

    def change(wb):
        for column, value in enumerate((field, name, dossiers, minutes), start=1):
            wb[T].cell(row, column).value = value

    return change


# name → (how to make the file from the centre's template, expected text, (sheet, row, column) or None)
CASES = {
    "random_bytes": (lambda t: os.urandom(4096), EXCEL["not_xlsx"], None),
    "empty_file": (lambda t: b"", EXCEL["empty_file"], None),
    "oversized": (lambda t: t + b"\0" * safety.MAX_FILE_BYTES, "tối đa", None),
    "old_xls": (
        lambda t: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(2048),
        EXCEL["not_xlsx"],
        None,
    ),
    "csv_text": (
        lambda t: "Mã thiết bị,Số lượng\nPC-DESKTOP,3\n".encode(),
        EXCEL["not_xlsx"],
        None,
    ),
    "zip_not_xlsx": (lambda t: zip_of({"word/document.xml": b"<w/>"}), EXCEL["not_xlsx"], None),
    "zip_bomb_ratio": (
        lambda t: replace_part(t, "xl/media/pad.xml", b"\0" * 20_000_000),
        "nghi ngờ bom nén",
        None,
    ),
    "zip_bomb_total": (
        lambda t: zip_of(
            {
                **{f"x/{i}.bin": b"\0" * 1_000_000 for i in range(55)},
                "[Content_Types].xml": b"<T/>",
                "xl/workbook.xml": b"<w/>",
            },
            level=1,
        ),
        "nghi ngờ bom nén",
        None,
    ),
    "too_many_entries": (
        lambda t: zip_of({f"p{i}.xml": b"<a/>" for i in range(safety.MAX_ENTRIES + 1)}),
        "thành phần",
        None,
    ),
    "billion_laughs": (lambda t: replace_part(t, "xl/workbook.xml", LAUGHS), "DOCTYPE", None),
    "macro": (lambda t: replace_part(t, "xl/vbaProject.bin", b"\0" * 64), "macro", None),
    "wrong_centre": (lambda t: None, "mẫu của đơn vị 380", (M, 2, "centre")),
    "wrong_version": (
        lambda t: edit(t, cell(M, 1, 2, "0")),
        "phiên bản mẫu",
        (M, 1, "template_version"),
    ),
    "meta_missing": (
        lambda t: edit(t, lambda wb: wb.remove(wb[M])),
        EXCEL["missing_sheet"],
        (M, None, None),
    ),
    "extra_sheet": (
        lambda t: edit(t, lambda wb: wb.create_sheet("Ghi chép")),
        EXCEL["extra_sheet"],
        ("Ghi chép", None, None),
    ),
    "header_renamed": (
        lambda t: edit(t, cell(S, tpl.HEADER_ROW, 4, "SL")),
        "hàng tiêu đề",
        (S, tpl.HEADER_ROW, None),
    ),
    "merged_cells": (
        lambda t: edit(t, lambda wb: wb[S].merge_cells(f"D{FIRST}:E{FIRST}")),
        EXCEL["merged"],
        (S, FIRST, None),
    ),
    "negative_quantity": (
        lambda t: edit(t, cell(S, FIRST, 4, -3)),
        EXCEL["negative"],
        (S, FIRST, Q),
    ),
    "fractional_quantity": (
        lambda t: edit(t, cell(S, FIRST, 4, 2.5)),
        EXCEL["fractional"],
        (S, FIRST, Q),
    ),
    "fractional_text": (
        lambda t: edit(t, cell(S, FIRST, 4, "1,5")),
        EXCEL["fractional"],
        (S, FIRST, Q),
    ),
    "text_quantity": (
        lambda t: edit(t, cell(S, FIRST, 4, "nhiều")),
        EXCEL["quantity"],
        (S, FIRST, Q),
    ),
    "formula_in_data": (
        lambda t: edit(t, cell(S, FIRST, 4, "=1+1")),
        EXCEL["formula"],
        (S, FIRST, Q),
    ),
    "unknown_item": (
        lambda t: edit(t, add_spare("MAY-BAY", 1, "Tốt")),
        EXCEL["unknown_item"],
        (S, None, COLUMN["item"]),
    ),
    # numbers beyond the domain limits (planner.limits): refused naming the limit
    "floor_area_1e400": (
        lambda t: xml_number(edit(t, cell(P, tpl.HEADER_ROW + 1, 2, 123456.5)), "1E400"),
        limits.FLOOR_AREA.message,
        (P, tpl.HEADER_ROW + 1, COLUMN["floor_area_m2"]),
    ),
    "floor_area_1e300": (
        lambda t: edit(t, cell(P, tpl.HEADER_ROW + 1, 2, 1e300)),
        limits.FLOOR_AREA.message,
        (P, tpl.HEADER_ROW + 1, COLUMN["floor_area_m2"]),
    ),
    "floor_area_nan_text": (
        lambda t: edit(t, cell(P, tpl.HEADER_ROW + 1, 2, "nan")),
        EXCEL["number"],
        (P, tpl.HEADER_ROW + 1, COLUMN["floor_area_m2"]),
    ),
    "staff_1e15": (
        lambda t: edit(t, cell(P, tpl.HEADER_ROW + 4, 2, 1e15)),
        limits.STAFF.message,
        (P, tpl.HEADER_ROW + 4, COLUMN["staff"]),
    ),
    "dossiers_1e12": (
        lambda t: edit(t, cell(P, tpl.HEADER_ROW + 5, 2, 10**12)),
        limits.YEARLY_DOSSIERS.message,
        (P, tpl.HEADER_ROW + 5, COLUMN["yearly_dossiers"]),
    ),
    "procedure_dossiers_1e12": (
        lambda t: edit(t, procedure("Đất đai", "Cấp GCN", 10**12, 15)),
        limits.YEARLY_DOSSIERS.message,
        (T, PROC, PD),
    ),
    "procedure_minutes_1e300": (
        lambda t: edit(t, procedure("Đất đai", "Cấp GCN", 20, 1e300)),
        limits.HANDLING_MINUTES.message,
        (T, PROC, PM),
    ),
    "procedures_add_up_beyond_limit": (
        lambda t: edit(
            t,
            lambda wb: [
                procedure("Đất đai", f"Thủ tục {k}", 9_000_000, 15, row=PROC + k)(wb)
                for k in range(3)
            ],
        ),
        limits.YEARLY_DOSSIERS.message,
        None,
    ),
    "quantity_1e9": (
        lambda t: edit(t, cell(S, FIRST, 4, 10**9)),
        limits.QUANTITY.message,
        (S, FIRST, Q),
    ),
    "duplicates_add_up_beyond_limit": (
        lambda t: edit(
            t,
            lambda wb: (
                cell(S, FIRST, 4, 60_000)(wb),
                duplicate_first(wb),
            ),
        ),
        limits.QUANTITY.message,
        (S, None, Q),
    ),
    "future_year": (
        lambda t: edit(t, cell(S, FIRST, 6, AS_OF.year + 1)),
        "năm từ 1980",
        (S, FIRST, Y),
    ),
    "ancient_year": (lambda t: edit(t, cell(S, FIRST, 6, 1975)), "năm từ 1980", (S, FIRST, Y)),
    "unknown_condition": (
        lambda t: edit(t, cell(S, FIRST, 5, "mới")),
        EXCEL["condition"],
        (S, FIRST, C),
    ),
    "missing_condition": (
        lambda t: edit(t, cell(S, FIRST, 5, None)),
        EXCEL["condition_missing"],
        (S, FIRST, C),
    ),
    "negative_staff": (
        lambda t: edit(t, cell(P, tpl.HEADER_ROW + 4, 2, -5)),
        EXCEL["negative"],
        (P, tpl.HEADER_ROW + 4, COLUMN["staff"]),
    ),
    "renovation_over_floor": (
        lambda t: edit(
            t,
            lambda wb: (
                cell(P, tpl.HEADER_ROW + 1, 2, 50)(wb),
                cell(P, tpl.HEADER_ROW + 2, 2, 80)(wb),
            ),
        ),
        "không được lớn hơn diện tích sàn",
        (P, None, COLUMN["renovation_area_m2"]),
    ),
    "negative_dossiers": (
        lambda t: edit(t, procedure("Đất đai", "Cấp GCN", -20, 15)),
        EXCEL["negative"],
        (T, PROC, PD),
    ),
    "fractional_dossiers": (
        lambda t: edit(t, procedure("Đất đai", "Cấp GCN", 20.5, 15)),
        EXCEL["fractional"],
        (T, PROC, PD),
    ),
    "zero_minutes": (
        lambda t: edit(t, procedure("Đất đai", "Cấp GCN", 20, 0)),
        EXCEL["minutes"],
        (T, PROC, PM),
    ),
    "negative_minutes": (
        lambda t: edit(t, procedure("Hộ tịch", "Khai sinh", 20, -5)),
        EXCEL["minutes"],
        (T, PROC, PM),
    ),
    "text_minutes": (
        lambda t: edit(t, procedure("Hộ tịch", "Khai sinh", 20, "mười")),
        EXCEL["minutes"],
        (T, PROC, PM),
    ),
    "unknown_field": (
        lambda t: edit(t, procedure("Hàng không", "Cấp phép bay", 20, 15)),
        "một lĩnh vực trong danh sách",
        (T, PROC, PF),
    ),
    "missing_field": (
        lambda t: edit(t, procedure(None, "Cấp GCN", 20, 15)),
        EXCEL["field_missing"],
        (T, PROC, PF),
    ),
    "missing_procedure_name": (
        lambda t: edit(t, procedure("Đất đai", " ", 20, 15)),
        EXCEL["procedure_name_missing"],
        (T, PROC, PN),
    ),
    "missing_minutes": (
        lambda t: edit(t, procedure("Đất đai", "Cấp GCN", 20, None)),
        EXCEL["minutes_missing"],
        (T, PROC, PM),
    ),
    "duplicate_procedure": (
        lambda t: edit(
            t,
            lambda wb: (
                procedure("Đất đai", "Cấp GCN", 20, 15)(wb),
                procedure("dat dai", "cấp gcn", 5, 10, row=PROC + 1)(wb),
            ),
        ),
        "không trùng với dòng",
        (T, PROC + 1, PN),
    ),
    "formula_in_procedures": (
        lambda t: edit(t, procedure("Đất đai", "Cấp GCN", "=10*2", 15)),
        EXCEL["formula"],
        (T, PROC, PD),
    ),
    "procedure_header_renamed": (
        lambda t: edit(t, cell(T, proc_sheet.HEADER_ROW, 3, "Hồ sơ")),
        "hàng tiêu đề",
        (T, proc_sheet.HEADER_ROW, None),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_is_refused_with_its_reason_and_nothing_saved(case, engine, templates):
    make, expected, location = CASES[case]
    data = templates["381"] if case == "wrong_centre" else make(templates[CENTRE])
    with reading(engine) as session:
        before = latest_version_number(session, CENTRE)
        audit_before = session.scalar(select(func.max(AuditRow.id))) or 0
    with pytest.raises(BadInput) as refused:
        import_survey(engine, SYSTEM, data, f"{case}.xlsx", CENTRE, as_of=AS_OF)
    assert expected in str(refused.value)
    with reading(engine) as session:  # the refusal, and only it, is in the audit log
        audit = session.scalars(select(AuditRow).where(AuditRow.id > audit_before)).all()
    assert [(a.action, a.target, a.outcome) for a in audit] == [
        ("write_survey", f"survey:{CENTRE}", "rejected")
    ]
    assert expected in audit[0].detail
    if location:
        sheet, row, column = location
        assert any(
            p.where == sheet
            and (row is None or p.row == row)
            and (column is None or p.column == column)
            and expected in p.expected
            for p in refused.value.problems
        ), refused.value.problems
    with reading(engine) as session:
        assert latest_version_number(session, CENTRE) == before


def test_every_problem_of_a_file_is_reported_at_once(engine, templates):
    def many(wb):
        for change in (
            cell(S, FIRST, 4, -1),
            cell(S, FIRST + 1, 5, "mới"),
            cell(S, FIRST + 2, 6, 2999),
            cell(P, tpl.HEADER_ROW + 3, 2, "nhiều"),
            procedure("Đất đai", "Cấp GCN", -1, 15),
        ):
            change(wb)

    with pytest.raises(BadInput) as refused:
        import_survey(
            engine, SYSTEM, edit(templates[CENTRE], many), "many.xlsx", CENTRE, as_of=AS_OF
        )
    located = {(p.where, p.row, p.column) for p in refused.value.problems}
    assert located >= {
        (S, FIRST, Q),
        (S, FIRST + 1, C),
        (S, FIRST + 2, Y),
        (P, tpl.HEADER_ROW + 3, COLUMN["counters"]),
        (T, PROC, PD),
    }


def test_openpyxl_itself_refuses_entities_because_defusedxml_is_used(templates):
    """Our DOCTYPE pre-check aside, the parser underneath must not expand entities either."""
    assert openpyxl.xml.DEFUSEDXML
    safety.require_defusedxml()
    with pytest.raises(Exception) as refused:
        openpyxl.load_workbook(
            io.BytesIO(replace_part(templates[CENTRE], "xl/workbook.xml", LAUGHS))
        )
    chain, error = [], refused.value
    while error is not None:  # openpyxl wraps the parser's error in a ValueError
        chain.append(type(error).__name__)
        error = error.__cause__ or error.__context__
    assert "EntitiesForbidden" in chain, chain
