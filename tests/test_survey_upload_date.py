"""Uploads keep the survey's stock-count date (issue #14, item 3: "survey dates honest").

The demo survey of centre 380 was counted on 01/06/2017. The upload used to date every file to
the day it was uploaded, so a district re-uploading its 2017 template in 2026 aged all of its
stock by nine years. The template now carries the date (premises sheet, after the figures) and
the import reads it; a template made before that row takes its base version's date.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess

import openpyxl
import pytest
from openpyxl.utils.datetime import to_excel
from sqlalchemy import select

from planner import labels
from planner.auth import Actor, Role
from planner.errors import BadInput
from planner.excel import template as tpl
from planner.excel.survey_import import parse_survey
from planner.labels import EXCEL
from planner.needs import centre_needs
from planner.services.survey_files import RedateUnconfirmed, import_survey_report
from planner.services.surveys import history, redating, redating_explained
from planner.services.workspace import load_workspace
from planner.store.db import reading
from planner.store.surveys import latest_surveys
from planner.store.tables import AuditRow

CENTRE = "380"
DISTRICT = Actor("d380", Role.DISTRICT, CENTRE)
COUNTED = dt.date(2017, 6, 1)
MADE = dt.date(2026, 12, 4)  # the day the template is downloaded, nine years after the count
PREMISES = EXCEL.vi["sheet_premises"]
DATE_LABEL = "Ngày kiểm kê thiết bị (dd/mm/yyyy)"
DATE_CELL = f"B{tpl.AS_OF_ROW}"


def template(engine, made: dt.date = MADE) -> bytes:
    workspace = load_workspace(engine)
    wb = tpl.build_template(
        workspace.centre(CENTRE), workspace.catalog, workspace.surveys.get(CENTRE), today=made
    )
    return save(wb)


def save(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def with_date(data: bytes, value: object, number_format: str | None = None) -> bytes:
    """The template with the stock-count cell set to ``value`` (as a district would type it)."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    cell = wb[PREMISES][DATE_CELL]
    cell.value = value
    if number_format:
        cell.number_format = number_format
    return save(wb)


def newest(engine):
    with reading(engine) as session:
        return latest_surveys(session)[CENTRE]


def usable_by_item(engine) -> dict[str, int]:
    workspace = load_workspace(engine)
    _, survey = workspace.surveys[CENTRE]
    needs = centre_needs(workspace.centre(CENTRE), survey, workspace.catalog)
    return {line.item: line.usable for line in needs.lines}


def test_the_template_carries_the_newest_versions_date_in_an_open_checked_date_cell(demo_engine):
    with labels.language("en"):  # the template's words are Vietnamese whatever the UI language
        data = template(demo_engine)
    ws = openpyxl.load_workbook(io.BytesIO(data))[PREMISES]
    label, cell = ws.cell(tpl.AS_OF_ROW, 1), ws[DATE_CELL]
    assert ws.cell(tpl.AS_OF_ROW - 1, 1).value == "Số hồ sơ / năm"  # right after the figures
    assert label.value == DATE_LABEL and label.protection.locked
    assert cell.value == dt.datetime(2017, 6, 1) and cell.number_format == "dd/mm/yyyy"
    assert not cell.protection.locked and ws.protection.sheet
    (check,) = [v for v in ws.data_validations.dataValidation if str(v.sqref) == DATE_CELL]
    assert (check.type, check.operator) == ("date", "between")
    assert (int(check.formula1), int(check.formula2)) == (
        to_excel(dt.date(2000, 1, 1)),
        to_excel(dt.date(2027, 12, 4)),
    )
    assert check.showErrorMessage and "01/01/2000" in check.error and "04/12/2027" in check.error


def test_a_centre_without_a_survey_gets_the_day_the_template_is_made(demo_engine):
    workspace = load_workspace(demo_engine)
    wb = tpl.build_template(workspace.centre(CENTRE), workspace.catalog, None, today=MADE)
    assert wb[PREMISES][DATE_CELL].value == MADE


def test_an_unchanged_2017_template_uploaded_in_2026_keeps_its_date_and_usable_stock(demo_engine):
    workspace = load_workspace(demo_engine)
    _, before = workspace.surveys[CENTRE]
    assert before.as_of == COUNTED
    # what the old upload did: dated to 2026, part of the stock would no longer count
    assert redating(before, MADE, workspace.centre(CENTRE), workspace.catalog).units > 0
    usable = usable_by_item(demo_engine)
    result = import_survey_report(demo_engine, DISTRICT, template(demo_engine), "t.xlsx", CENTRE)
    version, saved = newest(demo_engine)
    assert (version, result.version, saved.as_of, result.as_of) == (2, 2, COUNTED, COUNTED)
    assert result.redated_from is None
    assert result.date_line() == "Ngày kiểm kê: 01/06/2017"
    assert saved.lines == before.lines
    assert usable_by_item(demo_engine) == usable


def test_a_changed_date_is_saved_only_when_confirmed_and_reported_as_a_change(demo_engine):
    data = with_date(template(demo_engine), dt.datetime(2026, 12, 1))
    with pytest.raises(RedateUnconfirmed):
        import_survey_report(demo_engine, DISTRICT, data, "t.xlsx", CENTRE)
    result = import_survey_report(
        demo_engine, DISTRICT, data, "t.xlsx", CENTRE, confirm_redate=True
    )
    assert newest(demo_engine)[1].as_of == dt.date(2026, 12, 1)
    assert (result.as_of, result.redated_from) == (dt.date(2026, 12, 1), COUNTED)
    assert result.date_line() == "Ngày kiểm kê: đổi từ 01/06/2017 sang 01/12/2026"
    with labels.language("en"):
        assert result.date_line() == "Stock count date: changed from 1 Jun 2017 to 1 Dec 2026"


def test_an_unconfirmed_new_date_is_refused_with_its_effect_and_nothing_is_saved(demo_engine):
    """The refusal says what the date alone does to the file's stock: the same units that stop
    counting as usable once the change is confirmed (53 usable units on 01/06/2017, 21 on
    01/12/2026: 32 pass their lifetime), and the same words as the survey form's warning."""
    usable = usable_by_item(demo_engine)
    assert sum(usable.values()) == 53
    versions = len(history(demo_engine, DISTRICT, CENTRE))
    data = with_date(template(demo_engine), dt.datetime(2026, 12, 1))
    with pytest.raises(RedateUnconfirmed) as refused:
        import_survey_report(demo_engine, DISTRICT, data, "t.xlsx", CENTRE)
    effect = refused.value.redating
    assert (effect.before, effect.after, effect.units) == (COUNTED, dt.date(2026, 12, 1), 32)
    assert refused.value.exit_code == 2
    text = str(refused.value)
    assert text.startswith(
        "Chưa lưu: ngày kiểm kê trong tệp (01/12/2026) khác ngày của phiên bản trước (01/06/2017)."
    )
    workspace = load_workspace(demo_engine)
    head, items = redating_explained(effect, workspace.catalog, from_file=True)
    assert head in text and all(line in text for line in items)
    assert "32 thiết bị qua niên hạn sử dụng" in head
    assert "  - PC-DESKTOP – Máy tính để bàn (bộ): 15 thiết bị qua niên hạn" in text.splitlines()
    # nothing saved: the previous version is still the newest, with its date and stock
    assert len(history(demo_engine, DISTRICT, CENTRE)) == versions
    assert newest(demo_engine)[1].as_of == COUNTED
    assert usable_by_item(demo_engine) == usable
    with reading(demo_engine) as session:
        refusal = session.scalars(
            select(AuditRow).where(AuditRow.target == f"survey:{CENTRE}").order_by(AuditRow.id)
        ).all()[-1]
    assert refusal.outcome == "rejected" and "Chưa lưu" in refusal.detail
    # confirmed, the same units stop counting, item by item
    import_survey_report(demo_engine, DISTRICT, data, "t.xlsx", CENTRE, confirm_redate=True)
    after = usable_by_item(demo_engine)
    assert sum(after.values()) == 21
    assert {item: usable[item] - after[item] for item in usable if usable[item] != after[item]} == (
        effect.passing
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("15/03/2024", dt.date(2024, 3, 15)), (" 5/3/2024 ", dt.date(2024, 3, 5))],
)
def test_a_date_typed_as_text_is_accepted(demo_engine, typed, expected):
    data = with_date(template(demo_engine), typed)
    result = import_survey_report(
        demo_engine, DISTRICT, data, "t.xlsx", CENTRE, confirm_redate=True
    )
    assert newest(demo_engine)[1].as_of == expected == result.as_of
    assert result.redated_from == COUNTED


@pytest.mark.parametrize(
    "typed",
    [
        "31/02/2024",  # no such day
        "hôm qua",
        "2024-03-15",  # not the dd/mm/yyyy the template asks for
        "03/15/2024",  # month and day swapped
        45000,  # a bare number in a cell that lost its date format: it could be any day
        None,  # the date cleared
        dt.datetime(1999, 12, 31),  # before 01/01/2000
        dt.datetime(2027, 12, 5),  # more than a year after the template was made
        "١٥/٠٣/٢٠٢٤",  # digits of another script
    ],
)
def test_a_bad_date_is_refused_located_and_nothing_is_saved(demo_engine, typed):
    data = with_date(template(demo_engine), typed, "General" if typed == 45000 else None)
    with labels.language("en"), pytest.raises(BadInput) as refused:
        import_survey_report(demo_engine, DISTRICT, data, "t.xlsx", CENTRE)
    (problem,) = refused.value.problems
    # the file's words as the file says them, what is expected in the user's language
    assert (problem.where, problem.row, problem.column) == (PREMISES, tpl.AS_OF_ROW, DATE_LABEL)
    expected = problem.expected
    assert expected == "a date written dd/mm/yyyy, from 1 Jan 2000 to 4 Dec 2027"
    assert problem.value == (None if typed is None else typed)
    version, survey = newest(demo_engine)
    assert (version, survey.as_of) == (1, COUNTED)


def test_a_formula_in_the_date_cell_is_refused(demo_engine):
    data = with_date(template(demo_engine), "=TODAY()")
    with pytest.raises(BadInput) as refused:
        import_survey_report(demo_engine, DISTRICT, data, "t.xlsx", CENTRE)
    assert [(p.where, p.row, p.expected) for p in refused.value.problems] == [
        (PREMISES, tpl.AS_OF_ROW, EXCEL["formula"])
    ]
    assert newest(demo_engine)[0] == 1


def without_date_row(data: bytes) -> bytes:
    """A template as made before the date row existed: nothing after the premises figures."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[PREMISES]
    ws.delete_rows(tpl.AS_OF_ROW)
    ws.data_validations.dataValidation = [
        v for v in ws.data_validations.dataValidation if str(v.sqref) != DATE_CELL
    ]
    return save(wb)


def test_an_old_template_without_the_date_row_takes_its_base_versions_date(demo_engine):
    old = without_date_row(template(demo_engine))
    assert openpyxl.load_workbook(io.BytesIO(old))[PREMISES].max_row == tpl.AS_OF_ROW - 1
    result = import_survey_report(demo_engine, DISTRICT, old, "cu.xlsx", CENTRE)
    assert newest(demo_engine)[1].as_of == COUNTED == result.as_of
    assert result.redated_from is None


def test_an_old_template_of_a_centre_without_a_survey_is_dated_today(demo_engine):
    workspace = load_workspace(demo_engine)
    centre = workspace.centre(CENTRE)
    old = without_date_row(save(tpl.build_template(centre, workspace.catalog, None, today=MADE)))
    asked = []
    parsed = parse_survey(
        old, "cu.xlsx", centre=centre, catalog=workspace.catalog, base_date=asked.append
    )
    assert parsed.base_version == 0 and asked == []  # no base version to ask about
    assert parsed.survey.as_of == dt.date.today()


def test_an_explicit_date_wins_over_the_file(demo_engine):
    data = with_date(template(demo_engine), "15/03/2024")
    result = import_survey_report(
        demo_engine,
        DISTRICT,
        data,
        "t.xlsx",
        CENTRE,
        as_of=dt.date(2025, 9, 1),  # chosen by the caller: no confirmation asked
    )
    assert newest(demo_engine)[1].as_of == dt.date(2025, 9, 1) == result.as_of


@pytest.mark.libreoffice
def test_the_date_survives_a_libreoffice_round_trip(demo_engine, tmp_path):
    """A district that opens the template in LibreOffice and saves it keeps a real date cell."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is missing: `make system-deps` installs it")
    source = tmp_path / "in"
    source.mkdir()
    (source / "giu.xlsx").write_bytes(template(demo_engine))
    (source / "doi.xlsx").write_bytes(with_date(template(demo_engine), dt.datetime(2026, 12, 1)))
    out = tmp_path / "out"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source / "giu.xlsx"),
            str(source / "doi.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    kept, changed = (out / "giu.xlsx").read_bytes(), (out / "doi.xlsx").read_bytes()
    ws = openpyxl.load_workbook(io.BytesIO(kept))[PREMISES]
    assert ws[DATE_CELL].value == dt.datetime(2017, 6, 1)
    assert ws[DATE_CELL].number_format.lower() == "dd/mm/yyyy"
    first = import_survey_report(demo_engine, DISTRICT, kept, "giu.xlsx", CENTRE)
    assert (first.as_of, first.redated_from) == (COUNTED, None)
    workspace = load_workspace(demo_engine)
    parsed = parse_survey(
        changed, "doi.xlsx", centre=workspace.centre(CENTRE), catalog=workspace.catalog
    )
    assert parsed.survey.as_of == dt.date(2026, 12, 1)


def test_cli_import_prints_the_date_kept_or_changed(cli, tmp_path):
    assert cli("demo", "--dataset", "thanh-hoa-2017").returncode == 0
    assert cli("users", "add", "admin", "--role", "admin", stdin="quantri-demo\n").returncode == 0
    added = cli(
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
        env={"PLANNER_PASSWORD": "quantri-demo"},
    )
    assert added.returncode == 0, added.stderr
    path = tmp_path / "t.xlsx"
    assert cli("template", "--centre", CENTRE, "--out", str(path)).returncode == 0
    done = cli("import", str(path), "--centre", CENTRE, "--user", "h380")
    assert done.returncode == 0, done.stderr
    assert "Ngày kiểm kê: 01/06/2017" in done.stdout.splitlines()
    assert cli("template", "--centre", CENTRE, "--out", str(path)).returncode == 0
    path.write_bytes(with_date(path.read_bytes(), "01/12/2026"))
    refused = cli("import", str(path), "--centre", CENTRE, "--user", "h380")
    assert refused.returncode == 2, refused.stderr
    assert "Chưa lưu: ngày kiểm kê trong tệp (01/12/2026)" in refused.stderr
    assert "32 thiết bị qua niên hạn sử dụng" in refused.stderr
    assert "chạy lại lệnh với --confirm-date" in refused.stderr
    assert "Ngày kiểm kê" not in refused.stdout  # nothing saved, nothing said as saved
    history_json = cli("history", "--centre", CENTRE, "--json")
    assert len(json.loads(history_json.stdout)["versions"]) == 2  # demo + the first import
    done = cli(
        "--lang", "en", "import", str(path), "--centre", CENTRE, "--user", "h380", "--confirm-date"
    )
    assert done.returncode == 0, done.stderr
    assert "Stock count date: changed from 1 Jun 2017 to 1 Dec 2026" in done.stdout.splitlines()
