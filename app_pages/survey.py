"""Khảo sát hiện trạng: the survey form, the Excel template and upload, and version history.

A district (commune) officer edits and saves only their own centre (the library checks again);
planners read any centre. A save names the version the form was opened from, so a save made
meanwhile by someone else is refused with who saved what and when (planner.store.surveys).

On a phone (a district officer counting stock in the office, 390 px wide) the survey table
shows Mã thiết bị, Số lượng and Tình trạng side by side without scrolling: the columns are
ordered by what the officer types (code, quantity, condition, year), the long item name and
the unit come after them, and the code column is pinned with fixed widths for the three
(LINE_ORDER, LINE_WIDTH). One table for every screen, because the server cannot tell a phone
from a desktop, and one table means one set of save rules. The code stays the pinned column
rather than the name because, cut to a phone's width, the names do not tell items apart
("Máy in laser khổ A…" is both PRN-A4 and PRN-A3) while the codes do; a swipe shows the name,
with the code still beside it. On a desktop every column is visible, in the same order.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app_pages import cells, state
from app_pages.survey_history import history_tab
from planner import labels
from planner.auth import Action, Role, allowed
from planner.errors import PlannerError
from planner.models import SurveySource
from planner.needs.procedures import FIELD_LABELS
from planner.services.survey_form import (
    PROC_COLUMN,
    form_date,
    form_rows,
    procedure_rows,
    read_form,
)
from planner.services.surveys import (
    history,
    read_version,
    redating,
    redating_explained,
    save_survey,
)
from planner.store.surveys import StaleVersion

A, C, S = labels.APP, labels.COLUMN, labels.SIZING
PREMISES_FIELDS = ("floor_area_m2", "renovation_area_m2", "counters", "staff", "yearly_dossiers")
# The survey table's columns as shown: what a district types first, the long name after it.
LINE_ORDER = ("item", "quantity", "condition", "year_acquired", "item_name", "unit")
LINE_WIDTH = {"item": 104, "quantity": 84, "condition": 100}  # px: the three fit 390 px
REDATE_PENDING = "survey_redate_pending"  # an upload refused for its new date, until confirmed

actor = state.guard("survey")
state.title("survey")
ws = state.load_or_stop()
engine = state.engine()
st.session_state.setdefault("survey_base", {})  # centre → version the open form is based on
st.session_state.setdefault("survey_flash", None)  # (kind, message) shown once after a rerun
st.session_state.setdefault(
    "survey_refused", None
)  # (centre, message, problems) of the last refusal

if actor.role == Role.DISTRICT:
    code = actor.centre
else:
    names = {c.code: f"{c.code} – {c.name}" for c in ws.centres}
    code = st.selectbox(
        A["centre"],
        list(names),
        format_func=names.get,
        key="survey_centre",
        placeholder=labels.WIDGET["no_options"],
    )
centre = ws.centre(code)
can_write = allowed(actor, Action.WRITE_SURVEY, code)
latest_version, latest = ws.surveys.get(code, (0, None))
base = st.session_state["survey_base"].setdefault(code, latest_version)


def flash() -> None:
    message = st.session_state["survey_flash"]
    if message:
        kind, text = message
        (st.success if kind == "ok" else st.error)(text)
        st.session_state["survey_flash"] = None


def refused(where: str) -> None:
    """The last refusal of this centre and tab: message, located problems, reload for a stale one."""
    entry = st.session_state["survey_refused"]
    if not entry or entry["centre"] != code or entry["where"] != where:
        return
    st.error(entry["message"])
    if entry["problems"] is not None:
        cells.show(pd.DataFrame(entry["problems"]), hide_index=True, width="stretch")
    if entry["stale"] and st.button(A["reload"], key=f"reload_{where}"):
        st.session_state["survey_base"][code] = latest_version
        st.session_state["survey_refused"] = None
        st.rerun()


def remember_refusal(where: str, exc: PlannerError) -> None:
    problems = getattr(exc, "problems", None)
    frame = state.problems_frame(problems).to_dict("records") if problems else None
    message = exc.args[0] if problems else str(exc)
    if isinstance(exc, StaleVersion):
        message = f"{A['stale']} {exc}"
    st.session_state["survey_refused"] = {
        "centre": code,
        "where": where,
        "message": message,
        "problems": frame,
        "stale": isinstance(exc, StaleVersion),
    }


def saved(version: int, merged=(), date_line: str = "") -> None:
    """Remember the new base version and say so once, with the stock-count date an upload was
    given (``date_line``) and the rows that were added up."""
    st.session_state["survey_base"][code] = version
    st.session_state["survey_refused"] = None
    text = A["saved"].format(centre=code, version=version)
    if date_line:
        text += "\n\n" + date_line
    if merged:
        text += "\n\n" + labels.SAFETY["merged_rows"] + "\n" + "\n".join(merged_lines(merged))
    st.session_state["survey_flash"] = ("ok", text)
    st.rerun()


def merged_lines(merged) -> list[str]:
    return [
        labels.SAFETY["merged_row"].format(
            item=m.item,
            condition=labels.CONDITION[m.condition],
            year=m.year_acquired or labels.SAFETY["no_year"],
            rows=", ".join(str(r) for r in m.rows),
            quantity=labels.number(m.quantity),
        )
        for m in merged
    ]


def redate_warning(survey, as_of: dt.date) -> None:
    """What the new stock-count date does to usable stock and need (planner.services.surveys.redating)."""
    show_redating(redating(survey, as_of, centre, ws.catalog))


def show_redating(effect) -> None:
    """The re-dating warning in the library's words (redating_explained), the same for the form
    and the upload."""
    head, items = redating_explained(effect, ws.catalog)
    lines = "\n".join(f"- {state.plain(line)}" for line in items)
    st.warning(f"{head}\n\n{lines}" if items else head)


def version_line() -> None:
    if latest is None:
        st.caption(A["no_survey"])
        return
    meta = history(engine, actor, code)[-1]
    st.caption(
        A["latest"].format(
            version=meta.version,
            by=state.plain(labels.author(meta.by)),
            at=labels.date(meta.at),
            source=labels.SOURCE[meta.source.value],
        )
    )
    if latest.illustrative:
        st.info(A["illustrative_note"])


def procedure_frame(survey) -> pd.DataFrame:
    """The centre's procedures with the template's column labels (empty table when none)."""
    return pd.DataFrame(procedure_rows(survey), columns=list(PROC_COLUMN.values()))


def procedure_editor(survey) -> pd.DataFrame:
    """The editable procedure table (validated on save by planner.services.survey_form)."""
    st.subheader(S["procedures"])
    st.caption(S["procedures_help"])
    return cells.edit(
        procedure_frame(survey),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        key=f"survey_procedures_{code}_{base}",
        column_config={
            PROC_COLUMN["field"]: st.column_config.SelectboxColumn(
                PROC_COLUMN["field"], options=list(FIELD_LABELS.values())
            ),
            PROC_COLUMN["procedure"]: st.column_config.TextColumn(PROC_COLUMN["procedure"]),
            PROC_COLUMN["yearly_dossiers"]: st.column_config.NumberColumn(
                PROC_COLUMN["yearly_dossiers"], min_value=0, step=1, format="%d"
            ),
            PROC_COLUMN["handling_minutes"]: st.column_config.NumberColumn(
                PROC_COLUMN["handling_minutes"], min_value=0.0, step=0.5
            ),
        },
    )


def form_tab() -> None:
    survey = read_version(engine, actor, code, base).survey if base else None
    rows = pd.DataFrame(form_rows(survey, ws.catalog))
    if not can_write:
        st.caption(A["read_only"])
        cells.show(
            rows.dropna(subset=[C["quantity"]]),
            hide_index=True,
            width="stretch",
            column_order=[C[k] for k in LINE_ORDER],
            column_config={
                C["item"]: st.column_config.Column(pinned=True),
                C["quantity"]: st.column_config.NumberColumn(format="%d"),  # 4, not 4.0
            },
        )
        st.subheader(S["procedures"])
        cells.show(procedure_frame(survey), hide_index=True, width="stretch")
        return
    premises = survey.premises if survey else centre.premises
    as_of = st.date_input(
        A["as_of"],
        value=form_date(survey, dt.date.today()),
        format="DD/MM/YYYY",
        key=f"as_of_{code}_{base}",
        help=A["as_of_help"],
    )
    redated = survey is not None and as_of != survey.as_of
    if redated:
        redate_warning(survey, as_of)
    with st.form(f"survey_form_{code}_{base}"):
        st.caption(A["lines_help"])
        st.caption(A["lines_phone_help"])
        edited = cells.edit(
            rows,
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            key=f"survey_lines_{code}_{base}",
            disabled=[C["item_name"], C["unit"]],
            column_order=[C[k] for k in LINE_ORDER],
            column_config={
                C["item"]: st.column_config.SelectboxColumn(
                    C["item"],
                    options=list(ws.catalog.items),
                    required=True,
                    pinned=True,
                    width=LINE_WIDTH["item"],
                ),
                C["quantity"]: st.column_config.NumberColumn(
                    C["quantity"], min_value=0, step=1, format="%d", width=LINE_WIDTH["quantity"]
                ),
                C["condition"]: st.column_config.SelectboxColumn(
                    C["condition"],
                    options=list(labels.CONDITION.values()),
                    width=LINE_WIDTH["condition"],
                ),
                C["year_acquired"]: st.column_config.NumberColumn(
                    C["year_acquired"], min_value=1980, step=1, format="%d"
                ),
            },
        )
        st.subheader(A["premises"])
        cols = st.columns(len(PREMISES_FIELDS))
        values = {}
        for col, key in zip(cols, PREMISES_FIELDS, strict=True):
            whole = key in ("counters", "staff", "yearly_dossiers")
            current = getattr(premises, key)
            values[key] = col.number_input(
                C[key],
                min_value=0 if whole else 0.0,
                step=1 if whole else 1.0,
                value=int(current) if whole else float(current),
                format=None if whole else "%.0f",  # m² as whole numbers (351, not 351.00)
                key=f"{key}_{code}_{base}",
            )
        procedures = procedure_editor(survey)
        confirmed = redated and st.checkbox(A["redate_confirm"], key=f"redate_{code}_{base}")
        submitted = st.form_submit_button(A["save"], type="primary")
    if submitted:
        try:
            new = read_form(
                code,
                edited.to_dict("records"),
                values,
                ws.catalog,
                as_of=as_of,
                surveyed_by=actor.name,
                procedures=procedures.to_dict("records"),
                previous_as_of=survey.as_of if survey else None,
                redate_confirmed=confirmed,
            )
            version = save_survey(
                engine, actor, new.survey, base_version=base, source=SurveySource.FORM
            )
        except PlannerError as exc:
            remember_refusal("form", exc)
        else:
            saved(version, new.merged)
    refused("form")


@st.cache_data(max_entries=32, show_spinner=False)
def template_bytes(
    url: str, centre_code: str, version: int, catalog_version: str, today: dt.date
) -> bytes:
    """The pre-filled template (cached per centre, survey version, catalog and day)."""
    import io

    from planner.excel.template import build_template

    current = state.workspace()
    wb = build_template(
        current.centre(centre_code), current.catalog, current.surveys.get(centre_code), today=today
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload_tab() -> None:
    st.caption(A["template_help"])
    st.download_button(
        A["download_template"],
        template_bytes(
            state.database_url(), code, latest_version, ws.catalog.version, dt.date.today()
        ),
        file_name=f"khao-sat-{code}.xlsx",
        key="download_template",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    if not can_write:
        return
    with st.form(f"upload_{code}", clear_on_submit=True):
        upload = st.file_uploader(A["upload_file"], type=["xlsx"], key=f"upload_file_{code}")
        submitted = st.form_submit_button(A["upload_button"], type="primary")
    if submitted:
        if upload is None:
            st.warning(A["upload_none"])
        else:
            # only the bytes and the name leave this block: no UploadedFile is kept in state
            upload_file(upload.getvalue(), upload.name)
    refused("upload")
    redate_box()


def upload_file(data: bytes, name: str, confirm: bool = False) -> None:
    """Save an upload; one whose stock-count date differs from the previous version's is kept
    aside (bytes and name, for this centre and base version) until the user confirms it."""
    from planner.services.survey_files import RedateUnconfirmed, import_survey_report

    st.session_state.pop(REDATE_PENDING, None)
    try:
        result = import_survey_report(engine, actor, data, name, code, confirm_redate=confirm)
    except RedateUnconfirmed as exc:
        st.session_state["survey_refused"] = None
        st.session_state[REDATE_PENDING] = {
            "centre": code,
            "base": base,
            "data": data,
            "name": name,
            "message": exc.args[0],
            "items": exc.items,
            "before": labels.date(exc.redating.before),
        }
    except PlannerError as exc:
        remember_refusal("upload", exc)
    else:
        saved(result.version, result.merged, result.date_line())


def redate_box() -> None:
    """The refused re-dated upload: what the new date does to usable stock (the library's
    words), a box to confirm it on purpose and a button to save the same file, or drop it."""
    pending = st.session_state.get(REDATE_PENDING)
    if not pending or (pending["centre"], pending["base"]) != (code, base):
        return
    lines = "\n".join(f"- {state.plain(line)}" for line in pending["items"])
    st.warning(f"{pending['message']}\n\n{lines}" if lines else pending["message"])
    st.caption(A["redate_upload_hint"].format(before=pending["before"]))
    ticked = st.checkbox(A["redate_confirm"], key=f"redate_upload_{code}_{base}")
    save, drop = st.columns(2)
    if save.button(A["redate_upload_save"], type="primary", disabled=not ticked):
        upload_file(pending["data"], pending["name"], confirm=True)
        st.rerun()
    if drop.button(A["redate_upload_drop"]):
        st.session_state.pop(REDATE_PENDING, None)
        st.rerun()


from app_pages.round_notice import round_notice  # noqa: E402  (the survey round's deadline)

round_notice(actor, code)
flash()
version_line()
form, upload, past = st.tabs([A["tab_form"], A["tab_upload"], A["tab_history"]])
with form:
    form_tab()
with upload:
    upload_tab()
with past:
    history_tab(engine, actor, code)
