"""Kế hoạch mua sắm: a run's packages and methods, the planner's edits, and the Excel download.

The procurement plan of each solved run is kept in ``st.session_state["procurement_plans"]``
under the run's key, so edits survive page changes and belong to the run they were made on.
Edits are the library's pure functions (planner.procurement and planner.procurement.session);
they run in button callbacks, before the page is drawn, so the tables always show the plan
after the edit. A refused edit changes nothing and shows the Vietnamese reason.

Each edit is also recorded (planner.procurement.edit_log) and the run's log kept with the
kept run in the database (planner.services.run_history.keep_edits); a session that has not
yet drawn the run's plan (a reload, a reopened run) replays the kept log on the rebuilt plan.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import cells, charts, state
from app_pages.results import RUN_IDS, restore_last_run
from planner import labels
from planner.errors import PlannerError
from planner.procurement import Method, edit_log, splitting_check
from planner.procurement.output import regime_reason
from planner.procurement.session import (
    line_rows,
    package_rows,
    prices_against_budget,
    regime_changed,
    regime_choice,
    regime_options,
    with_khlcnt,
)
from planner.services.run_history import keep_edits, replay_edits

A, K = labels.APP, labels.PACKAGE_EDITS
PLANS = "procurement_plans"  # run key → current (possibly edited) ProcurementPlan
FLASH = "procurement_flash"  # ("success" | "error", message or PlannerError), shown once
EDITS = "procurement_edits"  # run key → the edits made on its plan (edit_log records), in order
KEPT_NOTE = "procurement_kept_note"  # ("caption" | "warning" | "info", text), shown once

actor = state.guard("procurement")
state.title("procurement")
ws = state.load_or_stop()
state.illustrative_notice(ws)
restore_last_run(ws, actor, state.engine())  # a reload on this page finds the newest kept run
st.session_state.setdefault(PLANS, {})
runs = [
    r for r in st.session_state.get("scenario_runs", []) if r.has_plan and r.procurement is not None
]
if not runs:
    st.info(A["no_plan"])
    st.stop()

by_key = {r.key: r for r in runs}
choice = st.selectbox(
    A["run_choice"],
    list(reversed(by_key)),
    key="procurement_run",
    format_func=lambda k: f"{by_key[k].scenario.name} ({labels.date(by_key[k].solved_at)})",
    placeholder=labels.WIDGET["no_options"],
)
result = by_key.get(choice, runs[-1])
plans = st.session_state[PLANS]
edits = st.session_state.setdefault(EDITS, {})
run_id = st.session_state.get(RUN_IDS, {}).get(result.key)  # None: a run not kept
if result.key not in plans:  # first drawn in this session: the kept edits replayed
    plans[result.key], edits[result.key] = result.procurement, []
    if run_id is not None:
        try:
            replayed = replay_edits(state.engine(), actor, run_id, result.procurement)
        except PlannerError as exc:
            st.session_state[KEPT_NOTE] = ("warning", K["not_kept"].format(reason=exc))
        else:
            plans[result.key], edits[result.key] = replayed.plan, list(replayed.applied)
            if replayed.refusal is not None:
                number = len(replayed.applied) + 1
                text = K["replay_stopped"].format(number=number, reason=replayed.refusal)
                st.session_state[KEPT_NOTE] = ("warning", text)
            elif replayed.applied:
                text = K["replayed"].format(count=len(replayed.applied))
                st.session_state[KEPT_NOTE] = ("info", text)


def _keep_log() -> None:
    """The run's edit log into the database with the kept run (or why it could not be)."""
    if run_id is None:
        return
    try:
        keep_edits(state.engine(), actor, run_id, edits[result.key])
    except PlannerError as exc:
        st.session_state[KEPT_NOTE] = ("warning", K["not_kept"].format(reason=exc))
    else:
        st.session_state[KEPT_NOTE] = ("caption", K["kept"].format(id=run_id))


def _apply(edit: edit_log.Edit, success: str) -> None:
    """Run one edit on the current plan; keep the new plan and its record, or keep the old
    one and the refusal."""
    try:
        plans[result.key] = edit_log.apply(plans[result.key], edit)
    except PlannerError as exc:
        st.session_state[FLASH] = ("error", exc)
    else:
        st.session_state[FLASH] = ("success", success)
        edits[result.key].append(edit)
        _keep_log()


def _on_regime() -> None:
    choice = st.session_state["procurement_regime"]
    _apply(edit_log.regime(choice), regime_changed(plans[result.key], choice))


def _on_move() -> None:
    chosen = st.session_state.get("move_lines") or []
    target = st.session_state.get("move_target") or None
    _apply(edit_log.move(chosen, target), A["moved"].format(n=len(chosen)))


def _on_rename() -> None:
    package = st.session_state["rename_package"]
    _apply(
        edit_log.rename(package, st.session_state.get("rename_name", "")),
        A["renamed"].format(id=state.plain(package)),
    )


def _on_method() -> None:
    package, method = st.session_state["method_package"], st.session_state["method_choice"] or None
    text = labels.SELECTION_METHOD[method] if method else A["method_auto"]
    _apply(
        edit_log.method(package, method, st.session_state.get("method_reason", "")),
        A["method_set"].format(id=state.plain(package), method=text),
    )


def _on_resolve() -> None:
    _apply(edit_log.resolve(), A["resolved"])


def _on_reset() -> None:
    plans[result.key], edits[result.key] = result.procurement, []
    st.session_state[FLASH] = None
    _keep_log()


def _workbook(plan) -> bytes:
    """The proposal with this plan's KHLCNT sheet (rewritten once per edited plan, then kept)."""
    if plan is result.procurement:
        return result.proposal
    cache = st.session_state.setdefault("procurement_workbooks", {})
    cached = cache.get(result.key)
    if cached is None or cached[0] is not plan:
        cache[result.key] = cached = (
            plan,
            with_khlcnt(result.proposal, plan, result.scenario.name),
        )
    return cached[1]


def packages_frame(plan) -> pd.DataFrame:
    """The packages (KHLCNT columns) and their Tổng cộng: estimates, prices and lines added up."""
    frame = cells.with_total(
        package_rows(plan),
        {
            labels.KHLCNT_COLUMN["value"]: sum(p.value for p in plan.packages),
            labels.KHLCNT_COLUMN["price"]: sum(p.price for p in plan.packages),
        },
    )
    if plan.packages:
        frame.loc[len(frame) - 1, A["package_lines"]] = labels.number(
            sum(len(p.lines) for p in plan.packages)
        )
    return frame


plan = plans[result.key]
regimes = regime_options(plan)
st.caption(
    A["result_of"].format(name=state.plain(result.scenario.name), at=labels.date(result.solved_at))
)
# the shown plan's choice ("by date" unless chosen by hand; after a reset, another run)
st.session_state["procurement_regime"] = regime_choice(plan)
st.selectbox(
    A["regime_choice"],
    list(regimes),
    key="procurement_regime",
    format_func=regimes.get,
    on_change=_on_regime,
    placeholder=labels.WIDGET["no_options"],
)
st.markdown(f"**{labels.REGIME_CHOICE['reason']}:** {state.plain(regime_reason(plan))}")

flash = st.session_state.pop(FLASH, None)
if flash and flash[0] == "error":
    state.show_error(flash[1])
elif flash:
    st.success(flash[1])
if (note := st.session_state.pop(KEPT_NOTE, None)) is not None:
    getattr(st, note[0])(note[1])

st.subheader(A["packages"])
cells.show(packages_frame(plan), hide_index=True, width="stretch")
against_budget = prices_against_budget(plan, result.document)
if against_budget is not None:
    fits, message = against_budget
    (st.success if fits else st.warning)(message)
if plan.packages:
    by_method = pd.Series({}, dtype=float)
    for p in plan.packages:
        label = labels.SELECTION_METHOD[p.method.value]
        by_method[label] = by_method.get(label, 0) + p.value
    st.caption(A["by_method"])
    charts.money_bars(by_method.to_dict(), labels.KHLCNT_COLUMN["method"])

st.subheader(A["splitting"])
flags = splitting_check(plan)
for flag in flags:
    st.warning(flag.message)
if flags:
    st.button(
        A["resolve_button"], key="resolve_splitting", on_click=_on_resolve, icon=":material/build:"
    )
else:
    st.success(A["no_splitting"])

st.subheader(A["edit_packages"])
ids = [p.id for p in plan.packages]
names = {p.id: f"{p.id} — {p.name}" for p in plan.packages}
with st.expander(A["plan_lines"]):
    cells.show(
        cells.with_total(
            line_rows(plan, {c: i.name for c, i in ws.catalog.items.items()}),
            {labels.COLUMN["cost"]: sum(line.cost for line in plan.lines)},
            plain=[A["year"]],
        ),
        hide_index=True,
        width="stretch",
    )
move, rename, method = st.tabs([A["move_lines"], A["rename"], A["method_change"]])
with move:
    holder = {i: p.id for p in plan.packages for i in p.lines}
    st.multiselect(
        A["lines_to_move"],
        list(range(len(plan.lines))),
        key="move_lines",
        format_func=lambda i: (
            f"{i}: {plan.lines[i].centre} · {plan.lines[i].item} · {plan.lines[i].year}"
            f" · {labels.money(plan.lines[i].cost)} ({holder[i]})"
        ),
        placeholder=labels.CHOOSE,
    )
    st.selectbox(
        A["target_package"],
        ["", *ids],
        key="move_target",
        format_func=lambda k: names.get(k, A["new_package"]),
        placeholder=labels.WIDGET["no_options"],
    )
    st.button(A["move_button"], key="move_button", on_click=_on_move)
with rename:
    st.selectbox(
        A["package_to_edit"],
        ids,
        key="rename_package",
        format_func=names.get,
        placeholder=labels.WIDGET["no_options"],
    )
    st.text_input(A["new_name"], key="rename_name")
    st.button(A["rename_button"], key="rename_button", on_click=_on_rename)
with method:
    st.selectbox(
        A["package_to_edit"],
        ids,
        key="method_package",
        format_func=names.get,
        placeholder=labels.WIDGET["no_options"],
    )
    st.selectbox(
        labels.KHLCNT_COLUMN["method"],
        ["", *(m.value for m in Method)],
        key="method_choice",
        format_func=lambda m: labels.SELECTION_METHOD.get(m, A["method_auto"]),
        placeholder=labels.WIDGET["no_options"],
    )
    st.text_area(A["method_reason"], key="method_reason")
    st.button(A["method_button"], key="method_button", on_click=_on_method)

edited = plan is not result.procurement
if edited:
    st.info(A["edited_note"])
    st.button(A["reset_packages"], key="reset_packages", on_click=_on_reset, icon=":material/undo:")
st.download_button(
    A["download_khlcnt"] if edited else A["download_proposal"],
    _workbook(plan),
    file_name=f"de-xuat-{result.scenario.name}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="download_proposal_procurement",
    icon=":material/download:",
    type="primary",
)
