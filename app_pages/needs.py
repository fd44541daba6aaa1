"""Nhu cầu: every centre's needs and costs (a thin page: numbers come from planner.needs)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.state import workspace
from planner import labels
from planner.errors import PlannerError

C = labels.COLUMN

st.title(labels.PAGE["needs"])
try:
    ws = workspace()
except PlannerError as exc:
    st.error(str(exc))
    st.stop()

report = ws.needs()
if any(c.illustrative for c in report.centres):
    st.info(f"Khảo sát hiển thị là {labels.ILLUSTRATIVE}.")

cols = st.columns(3)
cols[0].metric("Số đơn vị", labels.number(len(report.centres)))
cols[1].metric("Tổng kinh phí còn thiếu", labels.money(report.cost))
cols[2].metric(
    "Đơn vị đủ điều kiện vận hành", labels.number(sum(c.go_live_ready for c in report.centres))
)

summary = pd.DataFrame(
    [
        {
            C["centre"]: c.centre.code,
            C["centre_name"]: c.centre.name,
            C["mountainous"]: "✓" if c.centre.mountainous else "",
            **{labels.CATEGORY[k.value]: v for k, v in c.cost_by_category().items()},
            C["total_cost"]: c.cost,
            C["go_live"]: "✓" if c.go_live_ready else "✗",
        }
        for c in report.centres
    ]
)
money_columns = [*labels.CATEGORY.values(), C["total_cost"]]
st.dataframe(
    summary.style.format(labels.money, subset=money_columns),
    hide_index=True,
    use_container_width=True,
)

names = {c.centre.code: f"{c.centre.code} – {c.centre.name}" for c in report.centres}
chosen = st.selectbox("Xem chi tiết đơn vị", list(names), format_func=names.get)
detail = next(c for c in report.centres if c.centre.code == chosen)
rows = [
    {
        C["item"]: line.item,
        C["item_name"]: ws.catalog.items[line.item].name,
        C["category"]: labels.CATEGORY[line.category.value],
        C["required"]: line.required,
        C["usable"]: line.usable,
        C["repair"]: line.repair,
        C["need"]: line.need,
        C["unit_price"]: line.unit_price,
        C["total_cost"]: line.total_cost,
    }
    for line in detail.lines
]
st.dataframe(
    pd.DataFrame(rows).style.format(labels.money, subset=[C["unit_price"], C["total_cost"]]),
    hide_index=True,
    use_container_width=True,
)
