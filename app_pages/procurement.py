"""Kế hoạch mua sắm: the latest run's packages, their selection methods, and the Excel download."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import state
from planner import labels

A = labels.APP

state.guard("procurement")
state.title("procurement")
ws = state.load_or_stop()
state.illustrative_notice(ws)
sources = {s.code: s.name for s in ws.catalog.policy.funding_sources}
runs = [r for r in st.session_state.get("scenario_runs", []) if r.has_plan]
if not runs:
    st.info(A["no_plan"])
    st.stop()
result = runs[-1]
doc = result.document
st.caption(A["result_of"].format(name=result.scenario.name, at=labels.date(result.solved_at)))
st.markdown(f"**{A['regime']}:** {doc.get('procurement_regime', '')}")
packages = doc.get("packages", [])
K = labels.KHLCNT_COLUMN
frame = pd.DataFrame([
    {K["number"]: n, K["name"]: p["name"], K["field"]: labels.PROCUREMENT_FIELD.get(p["field"].replace("-", "_"), p["field"]),
     K["value"]: labels.money(p["value"]), K["funding_source"]: ", ".join(sources.get(x, x) for x in p["funding_source"].split("+")),
     K["method"]: p.get("method_label") or labels.SELECTION_METHOD.get(p["method"], p["method"]),
     K["start"]: labels.KHLCNT_START.format(**p["start"]) if p.get("start") else "",
     K["duration"]: labels.KHLCNT_DURATION.format(months=p["duration_months"]) if p.get("duration_months") else "",
     A["package_lines"]: len(p["lines"]), K["rule"]: p.get("citation", "")}
    for n, p in enumerate(packages, start=1)
])
st.subheader(A["packages"])
st.dataframe(frame, hide_index=True, width="stretch")
if packages:
    by_method = pd.Series({}, dtype=float)
    for p in packages:
        label = p.get("method_label") or p["method"]
        by_method[label] = by_method.get(label, 0) + p["value"]
    st.caption(A["by_method"])
    st.bar_chart(by_method)
st.subheader(A["splitting"])
flags = doc.get("procurement_splitting") or []
if flags:
    for flag in flags:
        st.warning(flag.get("message") if isinstance(flag, dict) else str(flag))
else:
    st.success(A["no_splitting"])
st.download_button(A["download_proposal"], result.proposal, file_name=f"de-xuat-{result.scenario.name}.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   key="download_proposal_procurement", icon=":material/download:", type="primary")
