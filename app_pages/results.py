"""Drawing a solved scenario (KPIs, allocation, unmet needs, charts, downloads); no computing.

Shared by "Phương án ngân sách" (the latest run) and "So sánh phương án" (the KPI table).
Also the session's side of the kept runs (planner.services.run_history): a run is kept in the database
as soon as it is solved (by its job, planner.services.run_job), ``st.session_state[RUN_IDS]`` maps a session run's key to its kept id,
and a new session (a reload) starts from the user's newest kept run.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import cells, charts, state
from planner import labels
from planner.errors import PlannerError
from planner.services.run_history import reopen_latest, stamp_text
from planner.services.scenario_run import ScenarioResult, status_text
from planner.store.runs import MAX_RUNS_PER_USER, KeptRun, RunSummary
from planner.store.scenarios import save_scenario

A, C, R, N = labels.APP, labels.COLUMN, labels.RUNS, labels.NEED_MET
RUNS = "scenario_runs"  # ScenarioResult of this session, newest last (at most SESSION_RUNS)
RUN_IDS = "scenario_run_ids"  # ScenarioResult.key → id of the kept run
REOPENED = "scenario_run_reopened"  # ScenarioResult.key → RunSummary, for reopened runs
RESTORED = "scenario_runs_restored"  # the newest kept run was looked up for this session
SESSION_RUNS = 8


def note_kept(result: ScenarioResult, kept: object, where=st) -> None:
    """Say that a fresh run was kept (its job kept it, planner.services.run_job) or why not:
    the run stays in the session."""
    if isinstance(kept, PlannerError):
        where.warning(R["not_kept"].format(reason=kept))
        return
    if not isinstance(kept, KeptRun):
        return
    st.session_state.setdefault(RUN_IDS, {})[result.key] = kept.id
    where.caption(R["kept"].format(id=kept.id))
    if kept.pruned:
        where.info(R["pruned"].format(limit=MAX_RUNS_PER_USER, count=kept.pruned))


def add_finished_run(result: ScenarioResult, kept: object, where=st) -> None:
    """A run a job has just handed over: the session's newest run, and whether it was kept.

    A job found again after a reload may have finished before this page collected it, and the
    session may already show its kept copy (reopened by :func:`restore_last_run` on another
    page): then it is not added twice.
    """
    ids = st.session_state.get(RUN_IDS, {})
    if not (isinstance(kept, KeptRun) and kept.id in ids.values()):
        add_session_run(result)
    note_kept(result, kept, where)


def add_session_run(result: ScenarioResult, kept: RunSummary | None = None) -> None:
    """Make ``result`` the session's newest run (a reopened one remembers where it came from)."""
    runs = st.session_state.setdefault(RUNS, [])
    runs.append(result)
    del runs[:-SESSION_RUNS]
    if kept is not None:
        st.session_state.setdefault(RUN_IDS, {})[result.key] = kept.id
        st.session_state.setdefault(REOPENED, {})[result.key] = kept


def restore_last_run(ws, actor, engine) -> None:
    """A new session (reload, typed URL) shows the user's newest kept run again, once."""
    if st.session_state.get(RESTORED):
        return
    st.session_state[RESTORED] = True
    if st.session_state.get(RUNS):
        return
    try:
        latest = reopen_latest(engine, actor, ws)
    except PlannerError as exc:
        state.show_error(exc)
        return
    if latest is not None:
        add_session_run(latest[1], latest[0])


def kpis(result: ScenarioResult) -> dict[str, str]:
    """The headline numbers of a run, already formatted (also the rows of the comparison)."""
    doc = result.document
    centres = doc.get("centres", [])
    budget = doc["budget"]["total"]
    met = doc.get("need_met") or {}  # runs kept before the score have none: shown as "–"
    return {
        A["kpi_status"]: status_text(doc["status"]),
        A["kpi_budget"]: labels.money(budget) if budget is not None else A["unlimited"],
        A["kpi_spent"]: labels.money(doc["spent"]["total"]),
        N["name"]: labels.points(met.get("score")),
        A["kpi_go_live"]: f"{sum(c['go_live'] for c in centres)}/{len(centres)}",
        N["marginal"]: labels.points_per_billion(met.get("per_billion")),
        N["greedy"]: labels.points(met.get("greedy_score")),
        A["kpi_method"]: labels.OPTIMISE_METHOD.get(
            doc.get("method", "milp"), doc.get("method", "")
        ),
        **{
            f"{A['allocation_categories']}: {labels.CATEGORY[k]}": labels.money(v)
            for k, v in doc["spent"]["by_category"].items()
        },
    }


def _centres(doc: dict) -> pd.DataFrame:
    """One row per centre and a Tổng cộng row (its coverage: funded ÷ need over all centres)."""
    centres = doc["centres"]
    funded, need = sum(c["cost"] for c in centres), sum(c["need_cost"] for c in centres)
    total = {
        C["centre"]: C["total"],
        A["funded"]: labels.money(funded),
        A["need_cost"]: labels.money(need),
        A["coverage_pct"]: labels.number(100 * funded / need if need else 100, 1),
        C["go_live"]: f"{sum(c['go_live'] for c in centres)}/{len(centres)}",
    }
    rows = [
        {
            C["centre"]: c["centre"],
            C["centre_name"]: c["name"],
            C["mountainous"]: "✓" if c["mountainous"] else "",
            A["funded"]: labels.money(c["cost"]),
            A["need_cost"]: labels.money(c["need_cost"]),
            A["coverage_pct"]: labels.number(100 * c["coverage"], 1),
            C["go_live"]: "✓" if c["go_live"] else "✗",
        }
        for c in centres
    ]
    frame = pd.DataFrame([*rows, total])
    return frame.astype(object).where(frame.notna(), "").astype(str)


def _amounts(amounts: pd.Series, first: str) -> pd.DataFrame:
    """Name → đồng as a money table with its Tổng cộng row."""
    return cells.with_total(
        [{first: k, A["amount"]: labels.money(v)} for k, v in amounts.items()],
        {A["amount"]: int(amounts.sum())},
    )


def _unmet(doc: dict, names: dict[str, str]) -> pd.DataFrame:
    return cells.with_total(
        [
            {
                C["centre"]: u["centre"],
                C["item"]: u["item"],
                C["item_name"]: names.get(u["item"], ""),
                C["category"]: labels.CATEGORY.get(u["category"], u["category"]),
                C["quantity"]: labels.number(u["quantity"]),
                C["cost"]: labels.money(u["cost"]),
                A["reason"]: u.get("reason_text") or u.get("reason", ""),
            }
            for u in doc.get("unmet", [])
        ],
        {C["cost"]: sum(u["cost"] for u in doc.get("unmet", []))},
    )


def _lines(doc: dict, names: dict[str, str], sources: dict[str, str]) -> pd.DataFrame:
    return cells.with_total(
        [
            {
                C["centre"]: r["centre"],
                C["item"]: r["item"],
                C["item_name"]: names.get(r["item"], ""),
                A["year"]: str(r["year"]),
                A["repair_flag"]: "✓" if r["repair"] else "",
                C["quantity"]: labels.number(r["quantity"]),
                C["unit_price"]: labels.money(r["unit_price"]),
                C["cost"]: labels.money(r["cost"]),
                A["source_name"]: ", ".join(
                    f"{sources.get(s, s)}: {labels.money(v)}" for s, v in r["funding"].items() if v
                ),
            }
            for r in doc.get("lines", [])
        ],
        {C["cost"]: sum(r["cost"] for r in doc.get("lines", []))},
    )


def by_year(doc: dict, sources: dict[str, str]) -> pd.DataFrame:
    """Per year of the horizon: its budget (or "no limit"), the amount allocated, and per source.

    Budgets per year and per source × year are shown beside what each source pays that year,
    so a multi-year phasing can be read off one table.
    """
    budget, spent = doc["budget"], doc["spent"]
    years = sorted(
        {int(y) for y in spent.get("by_year", {})}
        | {int(y) for y in budget.get("by_year", {})}
        | {int(r["year"]) for r in doc.get("lines", [])}
    )
    paid: dict[tuple[str, int], int] = {}
    for r in doc.get("lines", []):
        for s, v in r["funding"].items():
            paid[(s, int(r["year"]))] = paid.get((s, int(r["year"])), 0) + v

    def limit(value) -> str:
        return A["unlimited_short"] if value is None else labels.money(value)

    rows = []
    for y in years:
        row = {
            A["year"]: str(y),
            A["budget_of_year"]: limit(_get_year(budget.get("by_year", {}), y)),
            A["spent_of_year"]: labels.money(_get_year(spent.get("by_year", {}), y) or 0),
        }
        for code, name in sources.items():
            row[f"{name}: {A['spent_of_year'].lower()}"] = labels.money(paid.get((code, y), 0))
            if code in budget.get("by_source_year", {}):
                row[f"{name}: {A['budget_of_year'].lower()}"] = limit(
                    _get_year(budget["by_source_year"][code], y)
                )
        rows.append(row)
    if not rows:
        return pd.DataFrame(rows)
    total = {
        A["year"]: C["total"],
        A["budget_of_year"]: _sum_of_limits(
            [_get_year(budget.get("by_year", {}), y) for y in years], budget.get("total")
        ),
        A["spent_of_year"]: labels.money(
            sum(_get_year(spent.get("by_year", {}), y) or 0 for y in years)
        ),
    }
    for code, name in sources.items():
        total[f"{name}: {A['spent_of_year'].lower()}"] = labels.money(
            sum(v for (s, _), v in paid.items() if s == code)
        )
        if code in budget.get("by_source_year", {}):
            total[f"{name}: {A['budget_of_year'].lower()}"] = _sum_of_limits(
                [_get_year(budget["by_source_year"][code], y) for y in years], None
            )
    return pd.DataFrame([*rows, total])


def _sum_of_limits(limits: list, overall) -> str:
    """The Tổng cộng of yearly limits: their sum when every year has one, else the overall
    budget (``overall``) when there is one, else "no limit"."""
    if limits and all(v is not None for v in limits):
        return labels.money(sum(limits))
    return A["unlimited_short"] if overall is None else labels.money(overall)


def _get_year(mapping: dict, year: int):
    """A year's value whether the JSON kept the year as a number or as a string key."""
    return mapping.get(year, mapping.get(str(year)))


def headline(result: ScenarioResult) -> None:
    """Four short figures that never get cut (the score, centres open, tỷ đồng, status), and the
    exact amounts, one more billion and the spreadsheet way's score written out below them."""
    doc, numbers = result.document, kpis(result)
    met = doc.get("need_met") or {}
    spent = doc["spent"]["total"]
    top, bottom = st.columns(2), st.columns(2)
    top[0].metric(N["name"], numbers[N["name"]], help=N["explain"])
    top[1].metric(A["kpi_go_live"], numbers[A["kpi_go_live"]])
    bottom[0].metric(A["kpi_spent"], labels.billions(spent), help=labels.money(spent))
    bottom[1].metric(A["kpi_status"], numbers[A["kpi_status"]])
    st.caption(
        " — ".join(
            f"{key}: {numbers[key]}"
            for key in (A["kpi_budget"], A["kpi_spent"], N["marginal"], N["greedy"])
        )
    )
    if met.get("score") is None:  # a run kept before the score existed
        st.caption(f"{A['kpi_value']}: {labels.number(doc['objective'] or 0, 2)}")


def show_result(result: ScenarioResult, ws, actor, engine) -> None:
    """Everything about one run; the proposal download when the run has a plan."""
    doc = result.document
    st.subheader(
        A["result_of"].format(
            name=state.plain(result.scenario.name), at=labels.date(result.solved_at)
        )
    )
    reopened = st.session_state.get(REOPENED, {}).get(result.key)
    if reopened is not None:
        st.caption(
            R["reopened"].format(
                id=reopened.id,
                by=state.plain(labels.author(reopened.created_by)),
                at=labels.date(result.solved_at),
            )
        )
        if reopened.data_stamp != stamp_text(engine):
            st.info(R["stale"])
    if not result.has_plan:
        st.error(A["infeasible"])
        if doc.get("infeasibility"):
            st.write(doc["infeasibility"].get("message") or doc["infeasibility"])
        return
    headline(result)
    left, right = st.columns(2)
    left.download_button(
        A["download_proposal"],
        result.proposal,
        file_name=f"de-xuat-{result.scenario.name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="download_proposal",
        icon=":material/download:",
        type="primary",
    )
    if right.button(A["save_scenario"], key="save_scenario", icon=":material/save:"):
        try:
            save_scenario(engine, actor, result.scenario)
        except PlannerError as exc:
            right.error(str(exc))
        else:
            right.success(A["scenario_saved"].format(name=state.plain(result.scenario.name)))
    names = {code: item.name for code, item in ws.catalog.items.items()}
    sources = {s.code: s.name for s in ws.catalog.policy.funding_sources}
    tabs = st.tabs(
        [
            A["allocation_centres"],
            A["allocation_sources"],
            A["allocation_years"],
            A["allocation_lines"],
            A["unmet"],
        ]
    )
    with tabs[0]:
        cells.show(_centres(doc), hide_index=True, width="stretch")
        charts.coverage_bars(doc["centres"])
    with tabs[1]:
        spent = doc["spent"]
        by_source = pd.Series(
            {sources.get(k, k): v for k, v in spent["by_source"].items()}, name=A["amount"]
        )
        by_category = pd.Series(
            {labels.CATEGORY[k]: v for k, v in spent["by_category"].items()}, name=A["amount"]
        )
        left, right = st.columns(2)
        left.caption(A["allocation_sources"])
        cells.show(where=left, frame=_amounts(by_source, A["source_name"]), hide_index=True)
        with left:
            charts.money_bars(by_source.to_dict(), A["source_name"])
        right.caption(A["allocation_categories"])
        cells.show(where=right, frame=_amounts(by_category, C["category"]), hide_index=True)
        with right:
            charts.money_bars(by_category.to_dict(), C["category"])
    with tabs[2]:
        cells.show(by_year(doc, sources), hide_index=True, width="stretch")
    with tabs[3]:
        cells.show(_lines(doc, names, sources), hide_index=True, width="stretch")
    with tabs[4]:
        cells.show(_unmet(doc, names), hide_index=True, width="stretch")
