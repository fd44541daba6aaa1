"""End to end in a real Chromium (Debian's /usr/bin/chromium through Playwright) against `planner app`.

Journeys: a district officer downloads the template, fills it, uploads it and sees the new
version; on a phone (390 × 844) the officer sees quantity and condition beside the item code and
corrects one quantity without re-dating the survey; an upload with "0, no condition" rows and two
identical rows is accepted and summed; a planner runs a scenario and downloads the proposal,
which is read back with openpyxl, and finds the run again after a reload; a wrong password does
not get in (the login that lasts is in tests/test_browser_sessions.py). A screenshot of every step goes to test-artifacts/ (the server, browser and page
fixtures are in tests/browser_support.py); the phone journey also refreshes
the user guide's picture (docs/img/khao-sat-dien-thoai.png) when it is missing or when
PLANNER_GUIDE_SCREENSHOTS=1.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re

import pytest
from browser_support import (
    ARTIFACTS,
    ROOT,
    SOLVE_TIMEOUT,
    A,
    Steps,
    log_in,
    settled,
)
from openpyxl import load_workbook

from planner import labels
from planner.auth import SYSTEM
from planner.demo.accounts import DISTRICT_PASSWORD, PLANNER_PASSWORD
from planner.excel.template import COL, HEADER_ROW, build_template
from planner.needs import centre_needs
from planner.services.surveys import history
from planner.services.workspace import load_workspace

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
GUIDE_PICTURE = ROOT / "docs" / "img" / "khao-sat-dien-thoai.png"


def survey_table(page):
    """The survey form's table, scrolled into view: a canvas grid (cells are drawn, not elements)."""
    table = page.locator('[data-testid="stDataFrame"]').first
    table.scroll_into_view_if_needed()
    return table


def tap_first_code(page, table) -> None:
    """Select the first row's item code, as a finger would: the code column is the first after
    the row markers, and the header and every row are 35 px high."""
    box = table.locator("canvas").first.bounding_box()
    page.mouse.click(box["x"] + 80, box["y"] + 35 + 17)
    table.locator('td[aria-selected="true"][aria-colindex="1"]').wait_for(state="attached")


def open_cell_right(page, steps: int = 1):
    """Move right from the selected cell and open its editor; the editor is an element laid
    over the cell, so its bounding box is where the cell is on the screen."""
    for _ in range(steps):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    editor = page.locator('[id^="gdg-overlay-"]')
    editor.wait_for()
    return editor


def close_cell(page) -> None:
    """Close the open cell without changing it (Escape)."""
    page.keyboard.press("Escape")
    page.locator('[id^="gdg-overlay-"]').wait_for(state="detached")


def on_screen(box: dict, viewport: dict) -> bool:
    return (
        0 <= box["x"] <= viewport["width"] - box["width"]
        and 0 <= box["y"] <= viewport["height"] - box["height"]
    )


def scrolled_sideways(table) -> int:
    """How far the grid has been scrolled to the right (it scrolls to show a selected cell)."""
    return table.locator(".dvn-scroller").evaluate("e => e.scrollLeft")


def usable_on_needs(engine, code: str) -> dict[str, int]:
    """Usable units per item of the centre, as the Nhu cầu page computes them (planner.needs)."""
    ws = load_workspace(engine)
    version, survey = ws.surveys[code]
    lines = centre_needs(ws.centre(code), survey, ws.catalog, version).lines
    return {line.item: line.usable for line in lines}


def test_wrong_password_does_not_get_in(server, page):
    steps = Steps(page, "wrong-password")
    log_in(page, server["url"], "kehoach", "khong-dung-mat-khau", refused=True)
    page.get_by_text("sai tên đăng nhập hoặc mật khẩu").wait_for()
    steps.shot("refused")
    assert page.get_by_role("button", name=labels.PAGE["logout"]).count() == 0
    assert page.get_by_role("heading", name=labels.PAGE["login"]).is_visible()


def test_district_officer_uploads_a_filled_template_and_sees_the_new_version(
    server, page, tmp_path
):
    steps = Steps(page, "district-upload")
    log_in(page, server["url"], "huyen380", DISTRICT_PASSWORD)
    page.get_by_role("heading", name=labels.PAGE["survey"]).wait_for()
    steps.shot("survey-page")

    # A planner page asked for by URL: the login cookie keeps the officer logged in, and the
    # page refuses (the role check runs on the page, not only in the navigation). The cookie is
    # written by the browser after the login run; a page loaded before that is logged out.
    page.goto(f"{server['url']}/scenario")
    page.get_by_text(A["denied"]).wait_for()
    assert page.get_by_role("heading", name=labels.PAGE["scenario"]).count() == 0
    assert page.get_by_role("button", name=labels.PAGE["logout"]).count() == 1
    steps.shot("planner-url-refused")
    page.get_by_role("link", name=labels.PAGE["survey"]).click()
    page.get_by_role("heading", name=labels.PAGE["survey"]).wait_for()

    page.get_by_role("tab", name=A["tab_upload"]).click()
    with page.expect_download() as download:
        page.get_by_role("button", name=A["download_template"]).click()
    template = tmp_path / "mau.xlsx"
    download.value.save_as(template)
    steps.shot("template-downloaded")

    wb = load_workbook(template)
    sheet = wb[labels.EXCEL["sheet_survey"]]
    premises = wb[labels.EXCEL["sheet_premises"]]
    staff_cell = next(
        row[1] for row in premises.iter_rows() if row[0].value == labels.COLUMN["staff"]
    )
    staff_cell.value = int(staff_cell.value or 0) + 3
    first = sheet.cell(row=5, column=4)
    first.value = int(first.value or 0) + 2
    filled = tmp_path / "da-dien.xlsx"
    wb.save(filled)

    # Streamlit's own "Upload" button is written in Vietnamese (app_pages.widget_words)
    button_text = page.locator(
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
    ).evaluate("e => getComputedStyle(e, '::after').content")
    assert button_text == f'"{labels.WIDGET["upload_button"]}"'

    page.locator("input[type=file]").set_input_files(str(filled))
    # The browser sends the file in the background: wait until the uploader lists it, or the
    # button's rerun may reach the server before the file does.
    page.get_by_text("da-dien.xlsx").first.wait_for()
    page.get_by_role("button", name=A["upload_button"]).click()
    page.get_by_text(A["saved"].format(centre="380", version=2)).wait_for()
    # the template kept the stock-count date of the version it was made from, and says so
    counted = history(server["engine"], SYSTEM, "380")[0].survey.as_of
    page.get_by_text(labels.EXCEL["as_of_used"].format(date=labels.date(counted))).wait_for()
    steps.shot("uploaded")

    page.get_by_role("tab", name=A["tab_history"]).click()
    page.get_by_text(A["compare_from"]).wait_for()
    steps.shot("history")
    versions = history(server["engine"], SYSTEM, "380")
    assert [v.version for v in versions] == [1, 2]
    assert versions[-1].by == "huyen380" and versions[-1].original_name == "da-dien.xlsx"
    before, after = versions[0].survey.premises.staff, versions[1].survey.premises.staff
    assert after == before + 3


def test_planner_runs_a_scenario_and_downloads_the_proposal(server, page, tmp_path):
    from playwright.sync_api import expect

    steps = Steps(page, "planner-proposal")
    log_in(page, server["url"], "kehoach", PLANNER_PASSWORD)
    page.get_by_role("heading", name=labels.PAGE["overview"]).wait_for()
    steps.shot("overview")
    page.get_by_role("link", name=labels.PAGE["scenario"]).click()
    page.get_by_role("heading", name=labels.PAGE["scenario"]).wait_for()
    settled(page)
    # The form shows the values it runs with (Streamlit once showed the widget's minimum, 2000,
    # while the server held the default year): the year on screen is the horizon's first.
    horizon = page.get_by_text(f"{A['horizon']}: ")
    first_year = horizon.inner_text().split(": ")[1].split("–")[0]
    assert first_year.isdigit() and first_year != "2000", horizon.inner_text()
    expect(page.get_by_label(A["first_year"])).to_have_value(first_year)
    expect(page.get_by_label(A["scenario_name"])).to_have_value(A["default_scenario"])
    budget = page.get_by_label(A["budget_total"])
    budget.fill("18")
    budget.press("Tab")
    steps.shot("scenario-form")
    page.get_by_role("button", name=A["run"]).click()
    page.get_by_role("button", name=A["download_proposal"]).wait_for(timeout=SOLVE_TIMEOUT)
    steps.shot("scenario-result")
    kept_text = page.get_by_text(labels.RUNS["kept"].split("{")[0]).inner_text()
    kept = int(re.findall(r"\d+", kept_text)[-1])

    with page.expect_download() as download:
        page.get_by_role("button", name=A["download_proposal"]).click()
    path = tmp_path / "de-xuat.xlsx"
    download.value.save_as(path)
    wb = load_workbook(path)
    assert wb.sheetnames[0] == labels.EXCEL["sheet_cover"]
    assert labels.EXCEL["sheet_packages"] in wb.sheetnames
    summary = wb[labels.EXCEL["sheet_summary"]]
    assert any(cell.value == labels.COLUMN["total"] for row in summary.iter_rows() for cell in row)
    detail = wb[labels.EXCEL["sheet_detail"]]
    assert detail.max_row > 10

    page.get_by_role("link", name=labels.PAGE["procurement"]).click()
    page.get_by_role("heading", name=A["packages"]).wait_for()
    steps.shot("procurement")

    # Back on the form, it is as the planner left it.
    page.get_by_role("link", name=labels.PAGE["scenario"]).click()
    page.get_by_role("heading", name=labels.PAGE["scenario"]).wait_for()
    settled(page)
    expect(page.get_by_label(A["budget_total"])).to_have_value("18")  # as typed, no trailing zeros
    expect(page.get_by_label(A["first_year"])).to_have_value(first_year)

    # A reload (F5) and the page typed in the address bar start new sessions: the planner is
    # still logged in and the run is shown again, reopened from the database.
    reopened = labels.RUNS["reopened"].split("{at}")[0].format(id=kept, by="kehoach")
    for arrive in (page.reload, lambda: page.goto(f"{server['url']}/scenario")):
        arrive()
        page.get_by_role("heading", name=labels.PAGE["scenario"]).wait_for()
        page.get_by_text(reopened).wait_for()
        page.get_by_role("button", name=A["download_proposal"]).wait_for()
        # the sidebar is redrawn by the run the cookie report causes: wait for it, as a person would
        expect(page.get_by_role("button", name=labels.PAGE["logout"])).to_have_count(1)
    steps.shot("result-after-reload-and-typed-url")


def test_on_a_phone_quantity_and_condition_are_beside_the_item_code(server, page):
    """390 px wide: Số lượng and Tình trạng of the first row open where they are, on the screen,
    without the table scrolling sideways (it does, to show a cell that is off the screen)."""
    page.set_viewport_size(PHONE)
    steps = Steps(page, "phone-survey")
    first = history(server["engine"], SYSTEM, "380")[-1].survey.lines[0]
    log_in(page, server["url"], "huyen380", DISTRICT_PASSWORD)
    page.get_by_role("heading", name=labels.PAGE["survey"]).wait_for()
    settled(page)
    table = survey_table(page)
    tap_first_code(page, table)
    quantity = open_cell_right(page)
    assert quantity.locator("input").input_value() == str(first.quantity)
    assert on_screen(quantity.bounding_box(), PHONE), quantity.bounding_box()
    assert scrolled_sideways(table) == 0
    steps.shot("quantity-open")
    close_cell(page)
    condition = open_cell_right(page)
    assert labels.CONDITION[first.condition.value] in condition.inner_text()
    assert on_screen(condition.bounding_box(), PHONE), condition.bounding_box()
    assert scrolled_sideways(table) == 0
    steps.shot("condition-open")
    close_cell(page)
    page.keyboard.press("Escape")  # no cell selected
    page.mouse.move(0, 0)  # and no toolbar over the table: the user guide's picture
    picture = ARTIFACTS / "phone-survey-guide.png"
    page.screenshot(path=str(picture))
    if not GUIDE_PICTURE.exists() or os.environ.get("PLANNER_GUIDE_SCREENSHOTS"):
        GUIDE_PICTURE.parent.mkdir(parents=True, exist_ok=True)
        GUIDE_PICTURE.write_bytes(picture.read_bytes())


def test_correcting_one_quantity_keeps_the_date_and_every_other_usable_count(server, page):
    """The officer, on the phone, corrects the first row's quantity and saves: the survey keeps
    its stock-count date, and every other item's usable count on Nhu cầu stays as it was."""
    page.set_viewport_size(PHONE)
    steps = Steps(page, "phone-correct-quantity")
    engine = server["engine"]
    before = history(engine, SYSTEM, "380")[-1]
    usable_before = usable_on_needs(engine, "380")
    first = before.survey.lines[0]
    log_in(page, server["url"], "huyen380", DISTRICT_PASSWORD)
    page.get_by_role("heading", name=labels.PAGE["survey"]).wait_for()
    settled(page)
    table = survey_table(page)
    tap_first_code(page, table)
    quantity = open_cell_right(page)
    quantity.locator("input").fill(str(first.quantity + 2))
    steps.shot("quantity-typed")
    # Straight to Lưu, as on a phone: the tap closes the cell and keeps the number. (A cell
    # closed with Enter reaches the form 150 ms later; a click sooner than that loses it.)
    page.get_by_role("button", name=A["save"]).click()
    page.get_by_text(A["saved"].format(centre="380", version=before.version + 1)).wait_for()
    steps.shot("saved")

    after = history(engine, SYSTEM, "380")[-1]
    assert (after.version, after.by) == (before.version + 1, "huyen380")
    assert after.survey.as_of == before.survey.as_of
    changed = first.model_copy(update={"quantity": first.quantity + 2})
    assert sorted(after.survey.lines, key=repr) == sorted(
        [changed, *before.survey.lines[1:]], key=repr
    )
    usable_after = usable_on_needs(engine, "380")
    assert {k: v for k, v in usable_after.items() if k != first.item} == {
        k: v for k, v in usable_before.items() if k != first.item
    }


def test_an_upload_with_none_rows_and_identical_rows_is_accepted_and_summed(server, page, tmp_path):
    """The template as districts fill it: 0 with no condition for what they lack, and the same
    stock written on two rows; the upload is saved, the two rows as one line of their sum."""
    steps = Steps(page, "district-upload-summed")
    engine = server["engine"]
    ws = load_workspace(engine)
    version, survey = ws.surveys["380"]
    wb = build_template(ws.centre("380"), ws.catalog, (version, survey), today=dt.date.today())
    sheet = wb[labels.EXCEL["sheet_survey"]]
    rows = range(HEADER_ROW + 1, sheet.max_row + 1)
    first = survey.lines[0]  # the template's first row
    assert sheet.cell(HEADER_ROW + 1, COL["item"]).value == first.item
    lacking = next(
        r
        for r in rows
        if sheet.cell(r, COL["item"]).value and sheet.cell(r, COL["quantity"]).value is None
    )
    sheet.cell(lacking, COL["quantity"]).value = 0  # no condition: the centre has none
    spare = next(r for r in rows if sheet.cell(r, COL["item"]).value is None)
    for key in ("item", "quantity", "condition", "year_acquired"):
        sheet.cell(spare, COL[key]).value = sheet.cell(HEADER_ROW + 1, COL[key]).value
    filled = tmp_path / "ks-cong.xlsx"  # short: the uploader shortens long names
    buffer = io.BytesIO()
    wb.save(buffer)
    filled.write_bytes(buffer.getvalue())

    log_in(page, server["url"], "huyen380", DISTRICT_PASSWORD)
    page.get_by_role("heading", name=labels.PAGE["survey"]).wait_for()
    page.get_by_role("tab", name=A["tab_upload"]).click()
    page.locator("input[type=file]").set_input_files(str(filled))
    page.get_by_text(filled.name).first.wait_for()
    page.get_by_role("button", name=A["upload_button"]).click()
    page.get_by_text(A["saved"].format(centre="380", version=version + 1)).wait_for()
    page.get_by_text(labels.SAFETY["merged_rows"]).wait_for()  # the confirmation says so
    steps.shot("accepted-and-summed")

    saved = history(engine, SYSTEM, "380")[-1]
    assert (saved.version, saved.original_name) == (version + 1, filled.name)
    doubled = first.model_copy(update={"quantity": 2 * first.quantity})
    assert sorted(saved.survey.lines, key=repr) == sorted([doubled, *survey.lines[1:]], key=repr)
