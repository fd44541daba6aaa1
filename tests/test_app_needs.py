"""The first app page renders the demo's needs (Streamlit AppTest, a real script run)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from planner import labels
from planner.store.db import shared_engine

ROOT = Path(__file__).resolve().parent.parent


def test_needs_page_lists_every_centre_and_the_total(demo_engine, monkeypatch):
    url = str(demo_engine.url)
    monkeypatch.setenv("PLANNER_DATABASE_URL", url)
    shared_engine.cache_clear()
    app = AppTest.from_file(str(ROOT / "app_pages" / "needs.py"), default_timeout=30)
    app.run()
    assert not app.exception
    assert app.title[0].value == labels.PAGE["needs"]
    summary = app.dataframe[0].value
    assert len(summary) == 28
    total = summary[labels.COLUMN["total_cost"]].sum()
    assert app.metric[1].value == labels.money(total)
    assert labels.ILLUSTRATIVE in app.info[0].value
