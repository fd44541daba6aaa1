"""Charts in the reader's language: amounts in tỷ đồng, numbers written 1.234,5, centres named.

Streamlit's quick charts (``st.bar_chart``) write axes as ``40,000,000,000`` and label bars by
code. These build the same charts with Altair (Streamlit's own chart library) and Vega's number
locale, so an axis reads ``12,5`` in Vietnamese, each bar carries the centre's name, and the
hover shows the exact amount as the tables write it. Drawing only: the numbers come from the
plan document.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from planner import labels

# Vega's number locale (d3-format): a comma for decimals, dots between thousands.
VIETNAMESE_NUMBERS = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]}


def localised(chart: alt.Chart) -> alt.Chart:
    """``chart`` writing its numbers the session's way (Vega's default is English's)."""
    if labels.english_now():
        return chart
    return chart.configure(locale={"number": VIETNAMESE_NUMBERS})


def _draw(chart: alt.Chart) -> None:
    st.altair_chart(localised(chart), width="stretch")


def money_bars(amounts: dict[str, float], category_title: str) -> None:
    """One bar per key (a source, a category, a method), its length in tỷ đồng."""
    frame = pd.DataFrame(
        {
            "key": list(amounts),
            "bn": [v / 1e9 for v in amounts.values()],
            "exact": [labels.money(v) for v in amounts.values()],
        }
    )
    bn_title = labels.CHART["amount_bn"]
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("bn:Q", title=bn_title, axis=alt.Axis(format=",.1f")),
            y=alt.Y("key:N", title=category_title, sort=None),
            tooltip=[
                alt.Tooltip("key:N", title=category_title),
                alt.Tooltip("exact:N", title=labels.CHART["amount"]),
            ],
        )
    )
    _draw(chart)


# the common part of the centres' stored names (labels.RECORDED: the same in every language)
CENTRE_PREFIXES = (labels.RECORDED["centre_prefix_2025"], labels.RECORDED["centre_prefix_2017"])
ROW_PX = 18  # height of one bar where centres are listed down the chart
MAX_ROWS = 40  # more centres than this (the 166 communes): bars across, named on hover


def short_name(name: str) -> str:
    """``Trung tâm Hành chính công huyện Quan Hóa`` → ``huyện Quan Hóa``: every centre's name
    starts with its kind, which crowds out the part that tells them apart."""
    for prefix in CENTRE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def coverage_bars(rows: list[dict], series: str | None = None) -> None:
    """Draw :func:`coverage_chart`."""
    _draw(coverage_chart(rows, series))


def coverage_chart(rows: list[dict], series: str | None = None) -> alt.Chart:
    """Coverage of each centre's need (%), a bar per centre named ``code — place``.

    ``rows``: ``{"centre", "name", "coverage" (0–1)}`` and, to compare runs side by side,
    ``"series"`` (the run's name; ``series`` is then the legend's title). Up to
    :data:`MAX_ROWS` centres the bars run across, one row per centre, so the names can be read
    whole; beyond that they stand side by side, labelled by code, the name on hover.
    """
    frame = pd.DataFrame(rows)
    frame["label"] = frame["centre"] + " — " + frame["name"].map(short_name)
    frame["pct"] = 100 * frame["coverage"]
    pct_title = labels.CHART["coverage_pct"]
    centre_title = labels.COLUMN["centre_name"]
    tooltip = [
        alt.Tooltip("name:N", title=centre_title),
        alt.Tooltip("pct:Q", title=pct_title, format=",.1f"),
    ]
    across = frame["centre"].nunique() <= MAX_ROWS
    share = {"title": pct_title, "scale": alt.Scale(domain=[0, 100])}
    if across:
        encoding = {
            "y": alt.Y("label:N", title=centre_title, sort=None, axis=alt.Axis(labelLimit=320)),
            "x": alt.X("pct:Q", **share),
        }
    else:
        encoding = {
            "x": alt.X("centre:N", title=labels.COLUMN["centre"], sort=None),
            "y": alt.Y("pct:Q", **share),
        }
    if series is not None:
        offset = alt.YOffset("series:N") if across else alt.XOffset("series:N")
        encoding["yOffset" if across else "xOffset"] = offset
        encoding["color"] = alt.Color("series:N", title=series)
        tooltip.insert(0, alt.Tooltip("series:N", title=series))
    chart = alt.Chart(frame).mark_bar().encode(**encoding, tooltip=tooltip)
    if across:
        bars = frame["centre"].nunique() * (frame["series"].nunique() if series else 1)
        chart = chart.properties(height=ROW_PX * bars)
    return chart


def need_met_curve(points: list[dict]) -> None:
    """The budget curve: budget (tỷ đồng) against the need-met score (points out of 100)."""
    frame = pd.DataFrame(
        {
            "bn": [p["budget"] / 1e9 for p in points],
            "score": [p.get("need_met_score") for p in points],
            "exact": [labels.money(p["budget"]) for p in points],
            "text": [labels.points(p.get("need_met_score")) for p in points],
        }
    )
    score_title = labels.CHART["need_met"]
    chart = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("bn:Q", title=labels.CHART["budget_bn"], axis=alt.Axis(format=",.1f")),
            y=alt.Y("score:Q", title=score_title, scale=alt.Scale(domain=[0, 100])),
            tooltip=[
                alt.Tooltip("exact:N", title=labels.CHART["budget"]),
                alt.Tooltip("text:N", title=score_title),
            ],
        )
    )
    _draw(chart)
