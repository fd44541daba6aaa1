"""Tổng quan: the survey round (set by planners), every centre's status in it, and a map.

The round and its deadline are stored (planner.store.rounds), so every session and every
centre sees the same deadline; the status rule is planner.services.survey_round's. This page only draws.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app_pages import cells, state
from planner import labels
from planner.auth import Action, Actor, allowed
from planner.errors import PlannerError
from planner.excel.round_board import board_workbook_bytes
from planner.services.overview import map_points, version_metadata
from planner.services.survey_round import (
    VIETNAM,
    RoundStatus,
    board_records,
    filter_board,
    round_status,
    round_text,
    status_counts,
    status_label,
    today_in_vietnam,
)
from planner.store.rounds import EARLIEST, LATEST, SurveyRound, current_round, set_round

A, C, R = labels.APP, labels.COLUMN, labels.ROUNDS
FLASH = "round_flash"  # the message of the last saved round, shown once after the rerun
BOARD_XLSX = "round_board_xlsx"  # the board's workbook as offered for download

actor = state.guard("overview")
state.title("overview")
ws = state.load_or_stop()
report = state.needs_report()
engine = state.engine()
today = today_in_vietnam()
if any(c.illustrative for c in report.centres):
    st.info(A["illustrative_note"])


def round_form(actor: Actor, current: SurveyRound | None) -> None:
    """Planners and administrators open a round or move its deadline (the library checks too)."""
    if not allowed(actor, Action.SET_SURVEY_ROUND):
        return
    with st.expander(R["form_title"], expanded=current is None), st.form("round_form"):
        st.caption(R["form_help"])
        name = st.text_input(R["field_name"], value=current.name if current else "", key="rd_name")
        cols = st.columns(2)
        opens = cols[0].date_input(
            R["field_opens_on"],
            value=current.opens_on if current else today,
            min_value=EARLIEST,
            max_value=LATEST,
            format="DD/MM/YYYY",
            key="rd_opens",
        )
        deadline = cols[1].date_input(
            R["field_deadline"],
            value=current.deadline if current else today + dt.timedelta(days=30),
            min_value=EARLIEST,
            max_value=LATEST,
            format="DD/MM/YYYY",
            key="rd_deadline",
        )
        if st.form_submit_button(R["submit"]):
            try:
                kept = set_round(engine, actor, name=name, opens_on=opens, deadline=deadline)
            except PlannerError as exc:
                state.show_error(exc)
                return
            deadline_text = labels.date(kept.deadline)
            st.session_state[FLASH] = R["saved"].format(name=kept.name, deadline=deadline_text)
            st.rerun()


def round_heading(current: SurveyRound | None) -> None:
    st.subheader(R["heading"])
    if st.session_state.get(FLASH):
        st.success(st.session_state.pop(FLASH))
    if current is None:
        st.info(R["no_round"])
        return
    st.markdown(round_text(current, today))
    at = labels.date(current.created_at.astimezone(VIETNAM))
    st.caption(R["set_by"].format(by=state.plain(labels.author(current.created_by)), at=at))


def metrics(statuses) -> None:
    counts = status_counts(statuses)
    cols = st.columns(len(RoundStatus) + 1)
    cols[0].metric(R["centres"], labels.number(len(statuses)))
    for col, status in zip(cols[1:], RoundStatus, strict=True):
        col.metric(status_label(status), labels.number(counts[status]))
    # the total on a row of its own: six narrow columns cut both its label and its amount
    st.metric(A["total_need"], labels.billions(report.cost), help=labels.money(report.cost))


def filters(statuses):
    """The board's filters (status, area, text), and the centres they keep."""
    cols = st.columns([3, 2, 3])
    wanted = cols[0].multiselect(
        R["filter_status"],
        list(RoundStatus),
        default=list(RoundStatus),
        format_func=status_label,
        placeholder=labels.CHOOSE,
        key="rd_filter_status",
    )
    area = cols[1].selectbox(
        R["filter_area"],
        ["all", "mountainous", "lowland"],
        format_func=lambda k: R[f"area_{k}"],
        key="rd_filter_area",
        placeholder=labels.WIDGET["no_options"],
    )
    text = cols[2].text_input(R["search"], key="rd_search")
    mountainous = None if area == "all" else area == "mountainous"
    return filter_board(statuses, wanted=set(wanted), mountainous=mountainous, text=text)


def board(current: SurveyRound | None, statuses) -> None:
    st.subheader(R["board"])
    metrics(statuses)
    shown = filters(statuses)
    st.caption(R["shown"].format(shown=len(shown), total=len(statuses)))
    costs = {c.centre.code: c.cost for c in report.centres}
    names = {
        "centre": C["centre"],
        "centre_name": C["centre_name"],
        "mountainous": R["col_mountainous"],
        "status": R["col_status"],
        "first": R["col_first"],
        "last": R["col_last"],
        "version": R["col_version"],
        "by": R["col_by"],
        "source": R["col_source"],
        "total_cost": C["total_cost"],
    }
    table = pd.DataFrame(board_records(shown, costs), columns=list(names))
    table["by"] = table["by"].map(labels.author)  # the demo loader's account in words
    table = table.rename(columns=names)
    if shown:
        cells.show(table, hide_index=True, width="stretch")
    else:
        st.info(R["nothing_matches"])
    st.caption(R["legend"])
    data = board_workbook_bytes(current, shown, today, total=len(statuses))
    st.session_state[BOARD_XLSX] = data
    st.download_button(
        R["download"],
        data,
        file_name=R["file_name"],
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="rd_download",
    )


current = current_round(engine)
round_heading(current)
round_form(actor, current)
statuses = round_status(ws.centres, version_metadata(engine), current, today)
board(current, statuses)

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
