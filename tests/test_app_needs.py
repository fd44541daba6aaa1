"""Nhu cầu: a planner sees every centre and filters; a district officer sees only their own."""

from __future__ import annotations

from app_support import DISTRICT, PLANNER, ROOT, app_as
from streamlit.testing.v1 import AppTest

from planner import labels
from planner.store.db import shared_engine
from planner.workspace import load_workspace


def test_needs_page_lists_every_centre_and_the_total(app_db):
    app = AppTest.from_file(str(ROOT / "app_pages" / "needs.py"), default_timeout=30)
    app.session_state["actor"] = PLANNER
    app.run()
    assert not app.exception
    assert app.title[0].value == labels.PAGE["needs"]
    summary = app.dataframe[0].value
    assert len(summary) == 28
    total = summary[labels.COLUMN["total_cost"]].sum()
    assert app.metric[1].value == labels.money(total)
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
    assert at.metric[1].value == labels.money(expected)


def test_district_officer_sees_only_their_centre(app_db):
    at = app_as(DISTRICT, "needs")
    assert not at.exception
    summary = at.dataframe[0].value
    assert list(summary[labels.COLUMN["centre"]]) == ["380"]
    assert not at.multiselect  # no planner filters
