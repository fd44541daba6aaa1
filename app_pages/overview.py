"""Tổng quan: survey status of every centre against a deadline, totals, and a map."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app_pages import state
from planner import labels
from planner.overview import Status, map_points, status_counts, survey_status, version_metadata

A, C = labels.APP, labels.COLUMN
STATUS_TEXT = {
    Status.SUBMITTED: A["status_ok"],
    Status.LATE: A["status_ok"] + " (muộn)",
    Status.PENDING: A["status_missing"],
    Status.OVERDUE: A["status_overdue"],
}

state.guard("overview")
state.title("overview")
ws = state.load_or_stop()
report = state.needs_report()
if any(c.illustrative for c in report.centres):
    st.info(A["illustrative_note"])

# Kept outside the widget's own state, which Streamlit drops when the user changes page.
st.session_state.setdefault("overview_deadline", dt.date.today() + dt.timedelta(days=30))
deadline = st.date_input(
    A["deadline"], value=st.session_state["overview_deadline"], format="DD/MM/YYYY"
)
st.session_state["overview_deadline"] = deadline
statuses = survey_status(ws.centres, version_metadata(state.engine()), deadline, dt.date.today())
counts = status_counts(statuses)

cols = st.columns(4)
cols[0].metric(A["centres"], labels.number(len(statuses)))
cols[1].metric(A["submitted"], labels.number(counts[Status.SUBMITTED] + counts[Status.LATE]))
cols[2].metric(A["overdue"], labels.number(counts[Status.OVERDUE] + counts[Status.PENDING]))
cols[3].metric(A["total_need"], labels.money(report.cost))

by_code = {c.centre.code: c for c in report.centres}
table = pd.DataFrame(
    [
        {
            C["centre"]: s.centre.code,
            C["centre_name"]: s.centre.name,
            A["status"]: STATUS_TEXT[s.status],
            A["version"]: s.latest.version if s.latest else None,
            A["saved_by"]: s.latest.by if s.latest else "",
            A["saved_at"]: labels.date(s.latest.at) if s.latest else "",
            A["source"]: labels.SOURCE[s.latest.source.value] if s.latest else "",
            C["total_cost"]: labels.money(by_code[s.centre.code].cost),
            C["go_live"]: "✓" if by_code[s.centre.code].go_live_ready else "✗",
        }
        for s in statuses
    ]
)
st.dataframe(table, hide_index=True, width="stretch")

st.subheader(A["map_title"])
colour_by = st.radio(
    A["map_colour"],
    ["need", "coverage"],
    horizontal=True,
    key="map_colour",
    format_func=lambda k: A["map_by_need"] if k == "need" else A["map_by_coverage"],
)
points = map_points(report, colour_by)
if points:
    st.map(pd.DataFrame(points), latitude="lat", longitude="lon", color="colour", size="size")
    st.caption(A["map_caption"])
else:
    st.info(A["no_coordinates"])
