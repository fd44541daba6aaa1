"""Nhu cầu: a planner sees every centre and filters; a district officer sees only their own."""

from __future__ import annotations

from app_support import DISTRICT, PLANNER, ROOT, app_as
from streamlit.testing.v1 import AppTest

from planner import labels
from planner.services.workspace import load_workspace
from planner.store.db import shared_engine


def test_needs_page_lists_every_centre_and_the_total(app_db):
    app = AppTest.from_file(str(ROOT / "app_pages" / "needs.py"), default_timeout=30)
    app.session_state["actor"] = PLANNER
    app.run()
    assert not app.exception
    assert app.title[0].value == labels.PAGE["needs"]
    summary = app.dataframe[0].value
    assert len(summary) == 28 + 1  # and the Tổng cộng row
    centres, total_row = summary.iloc[:-1], summary.iloc[-1]
    total = centres[labels.COLUMN["total_cost"]].sum()
    assert app.metric[1].value == labels.billions(total) and app.metric[
        1
    ].proto.help == labels.money(total)
    assert total_row[labels.COLUMN["centre"]] == labels.COLUMN["total"]
    assert total_row[labels.COLUMN["total_cost"]] == total
    assert labels.ILLUSTRATIVE in app.info[0].value


def test_category_filter_gives_that_category_total(app_db):
    report = load_workspace(shared_engine(app_db)).needs()
    expected = sum(
        c.cost_by_category()[next(k for k in c.cost_by_category() if k.value == "network")]
        for c in report.centres
    )
    at = app_as(PLANNER, "needs")
    at.multiselect(key="needs_categories").select("network")
    at.run()
    assert not at.exception
    assert at.metric[1].value == labels.billions(expected) and at.metric[
        1
    ].proto.help == labels.money(expected)


def test_district_officer_sees_only_their_centre(app_db):
    at = app_as(DISTRICT, "needs")
    assert not at.exception
    summary = at.dataframe[0].value
    assert list(summary[labels.COLUMN["centre"]]) == ["380", labels.COLUMN["total"]]
    assert not at.multiselect  # no planner filters
    [button] = [
        b for b in at.get("download_button") if b.proto.label == labels.APP["download_needs"]
    ]
    assert button.proto.deferred_file_id or button.proto.url  # a file to download


def test_the_needs_workbook_of_one_centre_totals_its_need(app_db):
    """What the Nhu cầu button downloads for a district officer: their centre only, the grand
    total stored in the file (read without recalculating) equal to the centre's need."""
    import datetime as dt
    import io

    from openpyxl import load_workbook

    from planner.excel.needs_export import needs_workbook_bytes
    from planner.needs import NeedsReport

    report = load_workspace(shared_engine(app_db)).needs()
    [mine] = [c for c in report.centres if c.centre.code == "380"]
    data = needs_workbook_bytes(
        NeedsReport((mine,), report.catalog_version), today=dt.date(2026, 12, 4)
    )
    sheet = load_workbook(io.BytesIO(data), data_only=True)[labels.EXCEL["sheet_detail"]]
    rows = list(sheet.iter_rows(values_only=True))
    totals = [r for r in rows if labels.COLUMN["total"] in r]
    assert totals and totals[-1][-1] == mine.cost > 0
    assert not any("381" in str(r[1]) for r in rows if r and len(r) > 1)
