"""Survey template → filled in with openpyxl → import → the saved survey is what was written."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from planner.auth import SYSTEM, Actor, Role
from planner.errors import BadInput, PermissionDenied
from planner.excel import procedures_sheet as proc_sheet
from planner.excel import template as tpl
from planner.excel.amounts_in_words import amount_in_words
from planner.excel.survey_import import parse_survey
from planner.excel.values import read_condition, read_count
from planner.labels import COLUMN, EXCEL
from planner.models import Condition, Procedure, SurveyLine, SurveySource
from planner.needs.procedures import FIELD_LABELS
from planner.services.survey_files import import_survey
from planner.services.surveys import save_survey
from planner.services.workspace import load_workspace
from planner.store.db import reading
from planner.store.surveys import StaleVersion, latest_surveys, latest_version_number

AS_OF = dt.date(2025, 9, 1)
CENTRE = "380"
DISTRICT = Actor("d380", Role.DISTRICT, CENTRE)


def template_bytes(engine, centre: str = CENTRE) -> bytes:
    workspace = load_workspace(engine)
    wb = tpl.build_template(
        workspace.centre(centre), workspace.catalog, workspace.surveys.get(centre), today=AS_OF
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def data_rows(ws):
    """(row number, code) of every data row of the survey sheet."""
    return [(r, ws.cell(row=r, column=1).value) for r in range(tpl.HEADER_ROW + 1, ws.max_row + 1)]


def test_template_has_the_agreed_columns_prefill_and_hidden_metadata(demo_engine):
    workspace = load_workspace(demo_engine)
    version, survey = workspace.surveys[CENTRE]
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(demo_engine)))
    ws = wb[EXCEL["sheet_survey"]]
    header = [c.value for c in ws[tpl.HEADER_ROW]]
    for required in ("Mã thiết bị", "Số lượng", "Tình trạng", "Năm đưa vào sử dụng"):
        assert required in header
    rows = data_rows(ws)
    prefilled = [
        (ws.cell(r, 1).value, ws.cell(r, 4).value, ws.cell(r, 5).value, ws.cell(r, 6).value)
        for r, _ in rows[: len(survey.lines)]
    ]
    assert prefilled == [
        (
            ln.item,
            ln.quantity,
            {"good": "Tốt", "repairable": "Cần sửa chữa", "broken": "Hỏng"}[ln.condition.value],
            ln.year_acquired,
        )
        for ln in survey.lines
    ]
    codes = {code for _, code in rows if code}
    assert codes == set(workspace.catalog.items)
    assert sum(1 for _, code in rows if code is None) == tpl.SPARE_ROWS
    meta = wb[EXCEL["sheet_meta"]]
    assert meta.sheet_state == "veryHidden"
    stored = {meta.cell(r, 1).value: meta.cell(r, 2).value for r in range(1, 6)}
    assert {
        k: stored[k] for k in ("template_version", "centre", "catalog_version", "base_version")
    } == {
        "template_version": tpl.TEMPLATE_VERSION,
        "centre": CENTRE,
        "catalog_version": workspace.catalog.version,
        "base_version": version,
    }
    # headers and printed codes locked, data cells open; the sheet protected
    assert ws.protection.sheet
    first = rows[0][0]
    assert ws.cell(tpl.HEADER_ROW, 1).protection.locked and ws.cell(first, 1).protection.locked
    assert not ws.cell(first, 4).protection.locked and not ws.cell(first, 5).protection.locked
    assert not ws.cell(rows[-1][0], 1).protection.locked  # spare rows take a code
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert any("Cần sửa chữa" in dv.formula1 for dv in lists)
    assert {dv.type for dv in ws.data_validations.dataValidation} >= {"list", "whole"}
    assert ws.page_setup.orientation == "landscape" and ws.freeze_panes == "B5"


def fill(data: bytes, edits) -> bytes:
    """Apply ``edits(ws_survey, ws_premises)`` with openpyxl and return the new file."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    edits(wb[EXCEL["sheet_survey"]], wb[EXCEL["sheet_premises"]])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_round_trip_saves_exactly_what_was_written(demo_engine):
    def edits(ws, premises):
        rows = data_rows(ws)
        for r, _ in rows:  # clear everything, then write a known survey
            for column in (4, 5, 6):
                ws.cell(r, column).value = None
        by_code = {code: r for r, code in rows if code}
        ws.cell(by_code["PC-DESKTOP"], 4).value = 12
        ws.cell(by_code["PC-DESKTOP"], 5).value = "tot"  # without diacritics
        ws.cell(by_code["PC-DESKTOP"], 6).value = 2020
        ws.cell(by_code["KIOSK"], 4).value = "1.234"  # Vietnamese thousands
        ws.cell(by_code["KIOSK"], 5).value = "repairable"
        ws.cell(by_code["CAM-IP"], 4).value = "2,000"  # English thousands
        ws.cell(by_code["CAM-IP"], 5).value = "HỎNG"
        spare = [r for r, code in rows if code is None]
        ws.cell(spare[0], 1).value = "pc-desktop"
        ws.cell(spare[0], 4).value = 3.0
        ws.cell(spare[0], 5).value = "Cần sửa chữa"
        ws.cell(spare[0], 6).value = "2019"
        for row, value in zip(
            range(tpl.HEADER_ROW + 1, tpl.HEADER_ROW + 6),
            (210.5, "80,5", 9, 21, "12.500"),
            strict=False,
        ):
            premises.cell(row, 2).value = value

    version = import_survey(
        demo_engine,
        DISTRICT,
        fill(template_bytes(demo_engine), edits),
        "ks.xlsx",
        CENTRE,
        as_of=AS_OF,
    )
    assert version == 2
    with reading(demo_engine) as session:
        saved = latest_surveys(session)[CENTRE][1]
    expected = [
        SurveyLine(item="KIOSK", quantity=1234, condition=Condition.REPAIRABLE),
        SurveyLine(item="CAM-IP", quantity=2000, condition=Condition.BROKEN),
        SurveyLine(item="PC-DESKTOP", quantity=12, condition=Condition.GOOD, year_acquired=2020),
        SurveyLine(
            item="PC-DESKTOP", quantity=3, condition=Condition.REPAIRABLE, year_acquired=2019
        ),
    ]
    assert sorted(saved.lines, key=repr) == sorted(expected, key=repr)
    assert saved.premises.model_dump() == {
        "floor_area_m2": 210.5,
        "renovation_area_m2": 80.5,
        "counters": 9,
        "staff": 21,
        "yearly_dossiers": 12500,
    }
    assert saved.as_of == AS_OF and saved.surveyed_by == "d380" and not saved.illustrative


def test_unchanged_template_round_trips_the_latest_survey(demo_engine):
    workspace = load_workspace(demo_engine)
    _, before = workspace.surveys[CENTRE]
    parsed = parse_survey(
        template_bytes(demo_engine),
        "t.xlsx",
        centre=workspace.centre(CENTRE),
        catalog=workspace.catalog,
        as_of=AS_OF,
    )
    assert parsed.survey.lines == before.lines
    assert parsed.survey.premises == before.premises
    assert parsed.base_version == 1


def test_other_centres_user_is_refused_and_nothing_saved(demo_engine):
    data = template_bytes(demo_engine)
    with pytest.raises(PermissionDenied):
        import_survey(
            demo_engine, Actor("d381", Role.DISTRICT, "381"), data, "t.xlsx", CENTRE, as_of=AS_OF
        )
    with pytest.raises(PermissionDenied):
        import_survey(demo_engine, Actor("p", Role.PLANNER), data, "t.xlsx", CENTRE, as_of=AS_OF)
    with reading(demo_engine) as session:
        assert latest_version_number(session, CENTRE) == 1


def test_a_second_upload_of_the_same_template_is_a_lost_update(demo_engine):
    data = template_bytes(demo_engine)
    assert import_survey(demo_engine, SYSTEM, data, "t.xlsx", CENTRE, as_of=AS_OF) == 2
    with pytest.raises(StaleVersion):
        import_survey(demo_engine, SYSTEM, data, "t.xlsx", CENTRE, as_of=AS_OF)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234", 1234),
        ("1,234", 1234),
        ("1 234 567", 1234567),
        ("12", 12),
        (7.0, 7),
        ("1,5", None),
        ("-2", None),
        (2.5, None),
        ("abc", None),
        (True, None),
        ("1.2345", None),
    ],
)
def test_quantities_in_vietnamese_or_english_notation(text, expected):
    assert read_count(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tốt", "good"),
        ("tot", "good"),
        ("CAN SUA CHUA", "repairable"),
        ("cần  sửa chữa", "repairable"),
        ("Hỏng", "broken"),
        ("hong", "broken"),
        ("Broken", "broken"),
        ("mới", None),
    ],
)
def test_condition_labels_with_or_without_diacritics(text, expected):
    found, _ = read_condition(text)
    assert (found.value if found else None) == expected


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (15, "Mười lăm đồng"),
        (21, "Hai mươi mốt đồng"),
        (105, "Một trăm lẻ năm đồng"),
        (1_005, "Một nghìn không trăm lẻ năm đồng"),
        (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
        (1_234_567, "Một triệu hai trăm ba mươi bốn nghìn năm trăm sáu mươi bảy đồng"),
        (2_000_000_015, "Hai tỷ không trăm mười lăm đồng"),
        (74_050_715_000, "Bảy mươi bốn tỷ không trăm năm mươi triệu bảy trăm mười lăm nghìn đồng"),
    ],
)
def test_amount_in_words(amount, words):
    assert amount_in_words(amount) == words


def test_cli_template_and_import_exit_codes(cli, tmp_path):
    assert cli("demo", "--dataset", "thanh-hoa-2017").returncode == 0
    assert (
        cli("users", "add", "admin", "--role", "admin", stdin="matkhau-quantri\n").returncode == 0
    )
    env = {"PLANNER_PASSWORD": "matkhau-quantri"}
    for name, centre in (("d380", "380"), ("d381", "381")):
        done = cli(
            "users",
            "add",
            name,
            "--role",
            "district",
            "--centre",
            centre,
            "--as",
            "admin",
            stdin="matkhau-donvi\n",
            env=env,
        )
        assert done.returncode == 0, done.stderr
    out = tmp_path / "mau.xlsx"
    assert cli("template", "--centre", "380", "--out", str(out)).returncode == 0
    denied = cli("import", str(out), "--centre", "380", "--user", "d381")
    assert denied.returncode == 3, denied.stderr
    wb = openpyxl.load_workbook(out)
    ws = wb[EXCEL["sheet_survey"]]
    ws.cell(tpl.HEADER_ROW + 1, 4).value = -1
    ws.cell(tpl.HEADER_ROW + 2, 5).value = "mới"
    bad = tmp_path / "sai.xlsx"
    wb.save(bad)
    refused = cli("import", str(bad), "--centre", "380", "--user", "d380")
    assert refused.returncode == 2
    assert f"dòng {tpl.HEADER_ROW + 1}, cột '{COLUMN['quantity']}'" in refused.stderr
    assert f"dòng {tpl.HEADER_ROW + 2}, cột '{COLUMN['condition']}'" in refused.stderr
    done = cli("import", str(out), "--centre", "380", "--user", "d380")
    assert done.returncode == 0, done.stderr
    assert "phiên bản 2" in done.stdout
    history = cli("history", "--centre", "380", "--json")
    if history.returncode == 0 and history.stdout.strip().startswith("{"):
        import json

        versions = json.loads(history.stdout)["versions"]
        assert [v["source"] for v in versions] == ["demo", "upload"]


# --- the "Thủ tục hành chính" sheet ---------------------------------------------------

PROCEDURES = (
    Procedure(
        field="land",
        name="Cấp giấy chứng nhận quyền sử dụng đất",
        yearly_dossiers=1200,
        handling_minutes=25,
    ),
    Procedure(
        field="civil_status", name="Đăng ký khai sinh", yearly_dossiers=800, handling_minutes=7.5
    ),
)


def with_procedures(engine, procedures=PROCEDURES) -> int:
    """Save a new version of the centre's survey that lists ``procedures``; returns its version."""
    version, survey = load_workspace(engine).surveys[CENTRE]
    return save_survey(
        engine,
        SYSTEM,
        survey.model_copy(update={"procedures": tuple(procedures)}),
        base_version=version,
        source=SurveySource.FORM,
    )


def procedure_cells(ws):
    """(field, name, dossiers, minutes) of every non-empty data row of the procedure sheet."""
    rows = ws.iter_rows(min_row=proc_sheet.HEADER_ROW + 1, max_col=4, values_only=True)
    return [r for r in rows if any(v is not None for v in r)]


def test_procedure_sheet_is_prefilled_with_the_latest_procedures_and_offers_the_fields(demo_engine):
    with_procedures(demo_engine)
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(demo_engine)))
    ws = wb[EXCEL["sheet_procedures"]]
    assert [c.value for c in ws[proc_sheet.HEADER_ROW]][:4] == list(proc_sheet.HEADERS)
    assert procedure_cells(ws) == [
        ("Đất đai", "Cấp giấy chứng nhận quyền sử dụng đất", 1200, 25),
        ("Hộ tịch", "Đăng ký khai sinh", 800, 7.5),
    ]
    assert ws.max_row == proc_sheet.HEADER_ROW + len(PROCEDURES) + proc_sheet.SPARE_ROWS
    assert ws.protection.sheet and not ws.cell(proc_sheet.HEADER_ROW + 1, 1).protection.locked
    # the drop-down lists the field labels kept in the hidden _meta sheet
    field_list = next(dv for dv in ws.data_validations.dataValidation if dv.type == "list")
    assert field_list.formula1.startswith("'_meta'!$F$1")
    meta = wb[EXCEL["sheet_meta"]]
    assert [
        meta.cell(r, proc_sheet.META_FIELDS_COLUMN).value for r in range(1, len(FIELD_LABELS) + 1)
    ] == list(FIELD_LABELS.values())


def test_template_without_procedures_has_empty_rows_and_the_default_mix_note(demo_engine):
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(demo_engine)))
    ws = wb[EXCEL["sheet_procedures"]]
    assert procedure_cells(ws) == []
    assert (
        ws.cell(3, 1).value == EXCEL["procedures_note"] and "mặc định" in EXCEL["procedures_note"]
    )


def test_round_trip_includes_the_procedures(demo_engine):
    with_procedures(demo_engine)

    def edits(wb):
        ws = wb[EXCEL["sheet_procedures"]]
        first = proc_sheet.HEADER_ROW + 1
        ws.cell(first, 3).value = "1.500"  # Vietnamese thousands
        for column, value in enumerate(
            ("dat dai", "Đo đạc bản đồ", 40, "12,5"), start=1
        ):  # no diacritics
            ws.cell(first + 2, column).value = value
        for column, value in enumerate(
            ("business", "Đăng ký hộ kinh doanh", 0, 15), start=1
        ):  # a code
            ws.cell(first + 3, column).value = value

    data = edit_workbook(template_bytes(demo_engine), edits)
    assert import_survey(demo_engine, DISTRICT, data, "ks.xlsx", CENTRE, as_of=AS_OF) == 3
    with reading(demo_engine) as session:
        saved = latest_surveys(session)[CENTRE][1]
    assert saved.procedures == (
        Procedure(
            field="land",
            name="Cấp giấy chứng nhận quyền sử dụng đất",
            yearly_dossiers=1500,
            handling_minutes=25,
        ),
        Procedure(
            field="civil_status",
            name="Đăng ký khai sinh",
            yearly_dossiers=800,
            handling_minutes=7.5,
        ),
        Procedure(field="land", name="Đo đạc bản đồ", yearly_dossiers=40, handling_minutes=12.5),
        Procedure(
            field="business", name="Đăng ký hộ kinh doanh", yearly_dossiers=0, handling_minutes=15
        ),
    )


def test_unchanged_template_keeps_the_procedures_and_clearing_the_sheet_empties_them(demo_engine):
    with_procedures(demo_engine)
    workspace = load_workspace(demo_engine)
    centre = workspace.centre(CENTRE)
    parsed = parse_survey(
        template_bytes(demo_engine), "t.xlsx", centre=centre, catalog=workspace.catalog, as_of=AS_OF
    )
    assert parsed.survey.procedures == PROCEDURES

    def clear(wb):
        ws = wb[EXCEL["sheet_procedures"]]
        for row in ws.iter_rows(min_row=proc_sheet.HEADER_ROW + 1):
            for cell in row:
                cell.value = None

    cleared = parse_survey(
        edit_workbook(template_bytes(demo_engine), clear),
        "t.xlsx",
        centre=centre,
        catalog=workspace.catalog,
        as_of=AS_OF,
    )
    assert cleared.survey.procedures == ()


def test_a_template_made_before_the_procedure_sheet_is_still_accepted(demo_engine):
    """Templates downloaded before counter sizing have no such sheet: they import, with no procedures."""
    old = edit_workbook(
        template_bytes(demo_engine), lambda wb: wb.remove(wb[EXCEL["sheet_procedures"]])
    )
    assert import_survey(demo_engine, DISTRICT, old, "cu.xlsx", CENTRE, as_of=AS_OF) == 2
    with reading(demo_engine) as session:
        assert latest_surveys(session)[CENTRE][1].procedures == ()


def test_every_procedure_problem_is_reported_at_once(demo_engine):
    first = proc_sheet.HEADER_ROW + 1

    def edits(wb):
        ws = wb[EXCEL["sheet_procedures"]]
        rows = (
            ("Đất đai", "A", -5, 10),
            ("Hàng không", "B", 10, 0),
            ("Hộ tịch", None, 1.5, "nhanh"),
            ("Hộ tịch", "C", 10, 5),
            ("ho tich", "c", 3, 5),
        )
        for offset, values in enumerate(rows):
            for column, value in enumerate(values, start=1):
                ws.cell(first + offset, column).value = value

    with pytest.raises(BadInput) as refused:
        import_survey(
            demo_engine,
            DISTRICT,
            edit_workbook(template_bytes(demo_engine), edits),
            "x.xlsx",
            CENTRE,
            as_of=AS_OF,
        )
    sheet = EXCEL["sheet_procedures"]
    field, name, dossiers, minutes = proc_sheet.HEADERS
    located = {(p.where, p.row, p.column) for p in refused.value.problems}
    assert located == {
        (sheet, first, dossiers),
        (sheet, first + 1, field),
        (sheet, first + 1, minutes),
        (sheet, first + 2, name),
        (sheet, first + 2, dossiers),
        (sheet, first + 2, minutes),
        (
            sheet,
            first + 4,
            name,
        ),  # same field and name as the row above, ignoring case and diacritics
    }
    with reading(demo_engine) as session:
        assert latest_version_number(session, CENTRE) == 1


def edit_workbook(data: bytes, change) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_zero_rows_without_condition_mean_none_and_identical_rows_are_summed(demo_engine):
    """Districts type 0 for what they lack and list the same stock on two rows: both accepted."""

    def edits(ws, _premises):
        rows = data_rows(ws)
        for r, _ in rows:
            for column in (4, 5, 6):
                ws.cell(r, column).value = None
        by_code = {code: r for r, code in rows if code}
        ws.cell(by_code["KIOSK"], 4).value = 0  # no condition: "none"
        ws.cell(by_code["CAM-IP"], 4).value = "0"
        ws.cell(by_code["CAM-IP"], 6).value = 2020  # a year, still none
        ws.cell(by_code["PC-DESKTOP"], 4).value = 5
        ws.cell(by_code["PC-DESKTOP"], 5).value = "Tốt"
        ws.cell(by_code["PC-DESKTOP"], 6).value = 2020
        spare = [r for r, code in rows if code is None]
        for r, qty in zip(spare[:2], (3, "2"), strict=True):
            ws.cell(r, 1).value = "PC-DESKTOP"
            ws.cell(r, 4).value = qty
            ws.cell(r, 5).value = "tot"
            ws.cell(r, 6).value = 2020
        ws.cell(spare[2], 1).value = "PC-DESKTOP"  # other year: its own line
        ws.cell(spare[2], 4).value = 1
        ws.cell(spare[2], 5).value = "Tốt"
        ws.cell(spare[2], 6).value = 2019

    from planner.services.survey_files import import_survey_report

    data = fill(template_bytes(demo_engine), edits)
    result = import_survey_report(demo_engine, DISTRICT, data, "ks.xlsx", CENTRE, as_of=AS_OF)
    with reading(demo_engine) as session:
        saved = latest_surveys(session)[CENTRE][1]
    assert sorted(saved.lines, key=repr) == sorted(
        [
            SurveyLine(
                item="PC-DESKTOP", quantity=10, condition=Condition.GOOD, year_acquired=2020
            ),
            SurveyLine(item="PC-DESKTOP", quantity=1, condition=Condition.GOOD, year_acquired=2019),
        ],
        key=repr,
    )
    assert [(m.item, m.condition, m.year_acquired, m.quantity) for m in result.merged] == [
        ("PC-DESKTOP", "good", 2020, 10)
    ]
    assert len(result.merged[0].rows) == 3


def test_cli_import_says_which_rows_were_summed(cli, tmp_path):
    assert cli("demo", "--dataset", "thanh-hoa-2017").returncode == 0
    assert cli("users", "add", "admin", "--role", "admin", stdin="quantri-demo\n").returncode == 0
    env = {"PLANNER_PASSWORD": "quantri-demo"}
    assert (
        cli(
            "users",
            "add",
            "h380",
            "--role",
            "district",
            "--centre",
            CENTRE,
            "--as",
            "admin",
            stdin="donvi-demo\n",
            env=env,
        ).returncode
        == 0
    )
    out = tmp_path / "t.xlsx"
    assert cli("template", "--centre", CENTRE, "--out", str(out)).returncode == 0
    wb = openpyxl.load_workbook(out)
    ws = wb[EXCEL["sheet_survey"]]
    spare = [r for r, code in data_rows(ws) if code is None]
    for r in spare[:2]:
        for column, value in ((1, "KIOSK"), (4, 2), (5, "Tốt")):
            ws.cell(r, column).value = value
    wb.save(out)
    done = cli("import", str(out), "--centre", CENTRE, "--user", "h380")
    assert done.returncode == 0, done.stderr
    assert "cộng dồn" in done.stdout and "KIOSK" in done.stdout


def test_stored_original_has_no_macro_embedding_or_external_link(demo_engine):
    """What a planner later downloads as "the original" cannot carry active content."""
    import zipfile

    from planner.services.surveys import read_original

    data = template_bytes(demo_engine)
    parts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    parts["xl/embeddings/oleObject1.docx"] = b"PK fake embedded document"
    parts["xl/externalLinks/externalLink1.xml"] = (
        b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    )
    parts["xl/externalLinks/_rels/externalLink1.xml.rels"] = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/externalLinkPath" Target="http://example.invalid/x.xlsx" '
        b'TargetMode="External"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    version = import_survey(
        demo_engine, DISTRICT, buffer.getvalue(), "ks.xlsx", CENTRE, as_of=AS_OF
    )
    stored = read_original(demo_engine, SYSTEM, CENTRE, version)
    with zipfile.ZipFile(io.BytesIO(stored)) as archive:
        names = archive.namelist()
        blob = b"".join(archive.read(n) for n in names)
    assert not [n for n in names if "embeddings" in n or "externalLink" in n or n.endswith(".bin")]
    assert b"example.invalid" not in blob
    assert (
        openpyxl.load_workbook(io.BytesIO(stored))[EXCEL["sheet_survey"]].max_row > tpl.HEADER_ROW
    )


def test_template_checks_the_same_limits_as_the_import(demo_engine):
    """Excel refuses 1e15 staff as it is typed; the import would refuse it anyway."""
    from planner import limits

    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(demo_engine)))
    survey = wb[EXCEL["sheet_survey"]].data_validations.dataValidation
    quantity = next(v for v in survey if v.type == "whole" and "D" in str(v.sqref))
    assert (quantity.operator, quantity.formula1, quantity.formula2) == ("between", "0", "100000")
    premises = wb[EXCEL["sheet_premises"]].data_validations.dataValidation
    staff_row = tpl.HEADER_ROW + 1 + tpl.PREMISES_KEYS.index("staff")
    staff = next(v for v in premises if str(v.sqref) == f"B{staff_row}")
    assert (staff.operator, staff.formula2) == ("between", str(int(limits.STAFF.high)))
    assert staff.error == limits.STAFF.message
