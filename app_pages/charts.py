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


def _draw(chart: alt.Chart) -> None:
    if not labels.english_now():
        chart = chart.configure(locale={"number": VIETNAMESE_NUMBERS})
    st.altair_chart(chart, width="stretch")


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


def coverage_bars(rows: list[dict], series: str | None = None) -> None:
    """Coverage of each centre's need (%), bars named ``code — name``.

    ``rows``: ``{"centre", "name", "coverage" (0–1)}`` and, to compare runs side by side,
    ``"series"`` (the run's name; ``series`` is then the legend's title).
    """
    frame = pd.DataFrame(rows)
    frame["label"] = frame["centre"] + " — " + frame["name"]
    frame["pct"] = 100 * frame["coverage"]
    pct_title = labels.CHART["coverage_pct"]
    tooltip = [
        alt.Tooltip("label:N", title=labels.COLUMN["centre_name"]),
        alt.Tooltip("pct:Q", title=pct_title, format=",.1f"),
    ]
    encoding = {
        "x": alt.X("label:N", title=labels.COLUMN["centre_name"], sort=None),
        "y": alt.Y("pct:Q", title=pct_title, scale=alt.Scale(domain=[0, 100])),
    }
    if series is not None:
        encoding["xOffset"] = alt.XOffset("series:N")
        encoding["color"] = alt.Color("series:N", title=series)
        tooltip.insert(0, alt.Tooltip("series:N", title=series))
    _draw(alt.Chart(frame).mark_bar().encode(**encoding, tooltip=tooltip))


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
