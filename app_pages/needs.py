"""Nhu cầu: needs and costs — a district sees its own centre, a planner filters and charts all.

Numbers come from planner.needs (through the cached report); this page only filters and draws.
A switch chooses the counter count the per-counter norms multiply (surveyed, or sized from
dossiers by planner.needs.counters), and an expander shows why the chosen centre needs its counters.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app_pages import cells, charts, state
from planner import labels
from planner.auth import Role
from planner.excel.needs_export import needs_workbook_bytes
from planner.needs import NeedsReport, Unusable, UnusableUnits, unusable_units
from planner.needs.counters import CounterSource, sized_counters
from planner.needs.sizing_report import explanation, sizing_table

A, C, S = labels.APP, labels.COLUMN, labels.SIZING


def needs_file(report: NeedsReport, catalog, language: str):
    """The needs workbook of ``report``, made when the button is clicked (Streamlit runs it in
    a thread of its own, outside this session's language: it is passed in)."""

    def build() -> bytes:
        with labels.language(language):
            return needs_workbook_bytes(report, catalog=catalog, today=dt.date.today())

    return build


actor = state.guard("needs")
state.title("needs")
ws = state.load_or_stop()
source = st.radio(
    S["switch"],
    list(CounterSource),
    format_func=lambda s: labels.COUNTER_SOURCE[s.value],
    horizontal=True,
    key="needs_counters",
)
report = state.needs_report(source)
centres = [
    c for c in report.centres if actor.role != Role.DISTRICT or c.centre.code == actor.centre
]
if any(c.illustrative for c in centres):
    st.info(A["illustrative_note"])

records = state.need_frame(source)
records = records[records["centre"].isin([c.centre.code for c in centres])]
planner_view = actor.role != Role.DISTRICT

if planner_view:
    f = st.columns(3)
    categories = f[0].multiselect(
        A["filter_category"],
        list(labels.CATEGORY),
        format_func=labels.CATEGORY.get,
        key="needs_categories",
        placeholder=labels.CHOOSE,
    )
    names = {c.centre.code: f"{c.centre.code} – {c.centre.name}" for c in centres}
    chosen = f[1].multiselect(
        A["filter_centre"],
        list(names),
        format_func=names.get,
        key="needs_centres",
        placeholder=labels.CHOOSE,
    )
    tiers = f[2].multiselect(
        A["filter_tier"],
        [1, 2, 3],
        format_func=lambda t: A["tier"].format(tier=t),
        key="needs_tiers",
        placeholder=labels.CHOOSE,
    )
    if categories:
        records = records[records["category"].isin(categories)]
    if chosen:
        records = records[records["centre"].isin(chosen)]
        centres = [c for c in centres if c.centre.code in chosen]
    if tiers:
        records = records[records["priority"].isin(tiers)]

cost_by_centre = records.groupby("centre")["total_cost"].sum()
cols = st.columns(3)
cols[0].metric(A["centres"], labels.number(len(centres)))
need = int(cost_by_centre.sum())  # in tỷ đồng: a long amount is cut in a narrow column
cols[1].metric(A["total_need"], labels.billions(need), help=labels.money(need))
cols[2].metric(A["go_live_ready"], labels.number(sum(c.go_live_ready for c in centres)))

by_category = records.pivot_table(
    index="centre", columns="category", values="total_cost", aggfunc="sum", fill_value=0
)
summary = pd.DataFrame(
    [
        {
            C["centre"]: c.centre.code,
            C["centre_name"]: c.centre.name,
            C["mountainous"]: "✓" if c.centre.mountainous else "",
            **{
                labels.CATEGORY[k]: int(by_category.at[c.centre.code, k])
                if k in by_category.columns and c.centre.code in by_category.index
                else 0
                for k in labels.CATEGORY
            },
            C["total_cost"]: int(cost_by_centre.get(c.centre.code, 0)),
            C["go_live"]: "✓" if c.go_live_ready else "✗",
        }
        for c in centres
    ]
)
money_columns = [*labels.CATEGORY.values(), C["total_cost"]]
if not summary.empty:  # the Tổng cộng row: every money column summed, centres ready counted
    total = {column: int(summary[column].sum()) for column in money_columns}
    ready = f"{sum(c.go_live_ready for c in centres)}/{len(centres)}"
    summary.loc[len(summary)] = {
        C["centre"]: C["total"],
        C["centre_name"]: "",
        C["mountainous"]: "",
        **total,
        C["go_live"]: ready,
    }
cells.show(
    summary.style.format(labels.money, subset=money_columns), hide_index=True, width="stretch"
)
st.download_button(
    A["download_needs"],
    needs_file(NeedsReport(tuple(centres), report.catalog_version), ws.catalog, labels.current()),
    file_name="nhu-cau.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="download_needs",
    icon=":material/download:",
)

if planner_view and not records.empty:
    halves = st.columns(2)
    with halves[0]:
        st.caption(A["by_category"])
        cat = records.groupby("category")["total_cost"].sum().rename(index=labels.CATEGORY)
        charts.money_bars(cat.to_dict(), C["category"])
    with halves[1]:
        st.caption(A["by_tier"])
        tier = records.groupby("priority")["total_cost"].sum()
        charts.money_bars({A["tier"].format(tier=t): v for t, v in tier.items()}, A["priority"])
    st.caption(A["by_centre"])
    top = cost_by_centre.sort_values(ascending=False).head(40)
    place = {c.centre.code: charts.short_name(c.centre.name) for c in centres}
    charts.money_bars(
        {f"{code} — {place.get(code, '')}": v for code, v in top.items()}, C["centre_name"]
    )


def percent(share: float) -> str:
    """A share of 1 written as a percentage: ``0.793`` → ``'79,3 %'``."""
    return f"{labels.number(100 * share, 1)} %"


def sizing_frame(frame: pd.DataFrame):
    """The counter sizing table with its units: shares as %, the other figures Vietnamese style."""
    shares = [S["utilisation"], S["within_target"]]
    decimals = {S["arrivals"]: 2, S["service_minutes"]: 1, S["expected_wait"]: 1}
    formats = {
        **{c: percent for c in shares},
        **{c: (lambda v, d=d: labels.number(v, d)) for c, d in decimals.items()},
    }
    others = [c for c in frame.columns if c not in formats and frame[c].dtype.kind in "if"]
    formats.update({c: labels.number for c in others})
    return frame.style.format({c: f for c, f in formats.items() if c in frame.columns})


def reason(unit: UnusableUnits) -> str:
    if unit.reason == Unusable.PAST_LIFETIME:
        return A["unusable_past_lifetime"].format(
            since=unit.past_lifetime_from,
            acquired=unit.year_acquired,
            lifetime=ws.catalog.items[unit.item].lifetime_years,
        )
    return A["unusable_broken" if unit.reason == Unusable.BROKEN else "unusable_not_repaired"]


def unusable_table(code: str, needs) -> None:
    """Why surveyed units are not in "usable" (planner.needs.unusable_units, the same rule)."""
    version, survey = ws.surveys.get(code, (None, None))
    if survey is None:
        return
    st.subheader(A["unusable_title"])
    st.caption(A["needs_survey_date"].format(date=labels.date(survey.as_of), version=version))
    found = unusable_units(survey, ws.catalog, needs.lines)
    if not found:
        st.caption(A["unusable_none"])
        return
    cells.show(
        pd.DataFrame(
            [
                {
                    C["item"]: u.item,
                    C["item_name"]: ws.catalog.items[u.item].name,
                    C["condition"]: labels.CONDITION[u.condition.value] if u.condition else "",
                    C["year_acquired"]: "" if u.year_acquired is None else str(u.year_acquired),
                    C["quantity"]: u.quantity,
                    A["unusable_reason"]: reason(u),
                }
                for u in found
            ]
        ),
        hide_index=True,
        width="stretch",
    )


options = {c.centre.code: f"{c.centre.code} – {c.centre.name}" for c in centres}
if options:
    code = st.selectbox(
        A["detail_of"],
        list(options),
        format_func=options.get,
        key="needs_detail",
        placeholder=labels.WIDGET["no_options"],
    )
    chosen_needs = next(c for c in centres if c.centre.code == code)
    if chosen_needs.sizing is not None:
        with st.expander(
            S["why"].format(
                n=sized_counters(chosen_needs.sizing), name=state.plain(chosen_needs.centre.name)
            )
        ):
            for line in explanation(chosen_needs, ws.surveys.get(code, (None, None))[1]):
                st.caption(line)
            cells.show(
                sizing_frame(pd.DataFrame(sizing_table(chosen_needs.sizing))),
                hide_index=True,
                width="stretch",
            )
    detail = records[records["centre"] == code]
    rows = pd.DataFrame(
        {
            C["item"]: detail["item"],
            C["item_name"]: [
                ws.catalog.items[i].name if i in ws.catalog.items else i for i in detail["item"]
            ],
            C["unit"]: [
                ws.catalog.items[i].unit if i in ws.catalog.items else "" for i in detail["item"]
            ],
            C["category"]: detail["category"].map(labels.CATEGORY),
            A["priority"]: detail["priority"],
            C["required"]: detail["required"],
            C["usable"]: detail["usable"],
            C["repair"]: detail["repair"],
            C["need"]: detail["need"],
            C["unit_price"]: detail["unit_price"],
            C["total_cost"]: detail["total_cost"],
        }
    )
    cells.show(
        rows.style.format(labels.money, subset=[C["unit_price"], C["total_cost"]]),
        hide_index=True,
        width="stretch",
    )

    unusable_table(code, chosen_needs)
