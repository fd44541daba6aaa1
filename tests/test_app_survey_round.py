"""The survey round in the app: a planner sets it on Tổng quan, the board counts and filters the
centres and exports them to Excel, and a district officer sees the deadline on their survey page.

Real demo database, real saves through the library; the workbook is the one the page offers.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
from app_support import DISTRICT, PLANNER, app_as, button

from planner import labels
from planner.auth import SYSTEM
from planner.models import SurveySource
from planner.services.survey_round import RoundStatus as S
from planner.services.survey_round import today_in_vietnam
from planner.services.surveys import history, save_survey
from planner.store.db import shared_engine
from planner.store.rounds import current_round, list_rounds, set_round

R, C = labels.ROUNDS, labels.COLUMN
STATUS_COLUMN = R["col_status"]


def _submit(engine, actor, code: str) -> int:
    """Save the centre's current survey again as real data (what a district's form save does)."""
    current = history(engine, SYSTEM, code)[-1]
    return save_survey(
        engine,
        actor,
        current.survey.model_copy(update={"illustrative": False}),
        base_version=current.version,
        source=SurveySource.FORM,
    )


def _set_in_form(at, name: str, opens: dt.date, deadline: dt.date):
    at.text_input(key="rd_name").input(name)
    at.date_input(key="rd_opens").set_value(opens)
    at.date_input(key="rd_deadline").set_value(deadline)
    button(at, R["submit"]).click().run()
    assert not at.exception, at.exception
    return at


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_a_planner_sets_the_round_and_the_board_counts_filters_and_exports(app_db):
    engine = shared_engine(app_db)
    _submit(engine, SYSTEM, "392")
    _submit(engine, SYSTEM, "391")
    _submit(engine, SYSTEM, "391")  # saved again after its submission
    today = today_in_vietnam()
    at = app_as(PLANNER, "overview")
    assert not at.exception, at.exception
    assert R["no_round"] in [i.value for i in at.info]

    _set_in_form(at, "Đợt 1", today - dt.timedelta(days=2), today + dt.timedelta(days=5))
    stored = current_round(engine)
    assert stored is not None and stored.created_by == "kehoach"
    assert (stored.name, stored.deadline) == ("Đợt 1", today + dt.timedelta(days=5))
    shown = " ".join(m.value for m in at.markdown)
    assert "Đợt 1" in shown and "còn 5 ngày" in shown and labels.date(stored.deadline) in shown
    assert R["saved"].format(name="Đợt 1", deadline=labels.date(stored.deadline)) in [
        s.value for s in at.success
    ]
    metrics = _metrics(at)
    assert metrics[R["centres"]] == "28"
    assert metrics[R["status_submitted"]] == "1"  # 392
    assert metrics[R["status_updated"]] == "1"  # 391
    assert metrics[R["status_not_started"]] == "26"
    assert metrics[R["status_late"]] == "0"
    table = at.dataframe[0].value
    assert len(table) == 28
    statuses = dict(zip(table[C["centre"]], table[STATUS_COLUMN], strict=True))
    assert statuses["392"] == R["status_submitted"] and statuses["391"] == R["status_updated"]

    # filters narrow the board: done only, then mountainous only, then a name without accents
    at.multiselect(key="rd_filter_status").set_value([S.SUBMITTED, S.UPDATED]).run()
    assert sorted(at.dataframe[0].value[C["centre"]]) == ["391", "392"]
    at.selectbox(key="rd_filter_area").set_value("mountainous").run()
    assert list(at.dataframe[0].value[C["centre"]]) == ["391"]  # Thạch Thành, in the mountains
    at.selectbox(key="rd_filter_area").set_value("all").run()
    at.multiselect(key="rd_filter_status").set_value([S.NOT_STARTED]).run()
    at.text_input(key="rd_search").input("ha trung").run()
    assert len(at.dataframe) == 0  # 392 Hà Trung has submitted
    assert R["nothing_matches"] in [i.value for i in at.info]
    at.text_input(key="rd_search").input("vinh loc").run()
    assert list(at.dataframe[0].value[C["centre"]]) == ["393"]
    assert R["shown"].format(shown=1, total=28) in [c.value for c in at.caption]

    # the export is the board as filtered: header, one row per centre, the Tổng cộng row
    at.multiselect(key="rd_filter_status").set_value([]).run()
    at.text_input(key="rd_search").input("").run()
    at.multiselect(key="rd_filter_status").set_value(list(S)).run()
    assert [b.label for b in at.get("download_button")] == [R["download"]]
    sheet = openpyxl.load_workbook(
        io.BytesIO(at.session_state["round_board_xlsx"]), data_only=True
    )[R["sheet"]]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, r in enumerate(rows) if r[0] == labels.EXCEL["no"])
    header = rows[header_at]
    assert header[:5] == [
        labels.EXCEL["no"],
        C["centre"],
        C["centre_name"],
        R["col_mountainous"],
        STATUS_COLUMN,
    ]
    body = rows[header_at + 1 : -1]
    assert len(body) == 28 and [r[0] for r in body] == list(range(1, 29))
    by_code = {r[1]: r for r in body}
    assert by_code["392"][4] == R["status_submitted"] and by_code["391"][4] == R["status_updated"]
    total = rows[-1]
    assert total[2] == labels.EXCHANGE["total"] == "Tổng cộng"
    counts = dict(zip(header[-4:], total[-4:], strict=True))
    assert counts == {
        R["status_submitted"]: 1,
        R["status_updated"]: 1,
        R["status_not_started"]: 26,
        R["status_late"]: 0,
    }
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert "Đợt 1" in rows[1][0]


def test_a_round_with_bad_dates_is_refused_on_the_page_and_nothing_saved(app_db):
    today = today_in_vietnam()
    at = app_as(PLANNER, "overview")
    _set_in_form(at, "Ngược", today, today - dt.timedelta(days=1))
    assert [e.value for e in at.error] == [R["invalid"]]
    problems = at.dataframe[0].value
    assert "hạn nộp không được trước ngày mở đợt" in problems.iloc[0].tolist()[-1]
    assert list_rounds(shared_engine(app_db)) == []


def test_a_late_board_after_the_deadline(app_db):
    engine = shared_engine(app_db)
    today = today_in_vietnam()
    set_round(
        engine,
        SYSTEM,
        name="Đợt cũ",
        opens_on=today - dt.timedelta(days=20),
        deadline=today - dt.timedelta(days=2),
    )
    _submit(engine, SYSTEM, "380")  # saved today: after the deadline
    at = app_as(PLANNER, "overview")
    assert not at.exception, at.exception
    assert "quá hạn 2 ngày" in " ".join(m.value for m in at.markdown)
    assert _metrics(at)[R["status_late"]] == "28"  # 380 late, the others never submitted


def test_a_district_officer_sees_the_deadline_on_the_survey_page(app_db):
    engine = shared_engine(app_db)
    at = app_as(DISTRICT)
    assert at.title[0].value == labels.PAGE["survey"]
    assert R["no_round"] in [i.value for i in at.info]

    today = today_in_vietnam()
    deadline = today + dt.timedelta(days=10)
    set_round(
        engine,
        PLANNER,
        name="Đợt tháng 12",
        opens_on=today - dt.timedelta(days=1),
        deadline=deadline,
    )
    at.run()
    assert not at.exception, at.exception
    [notice] = [i.value for i in at.info if "Đợt tháng 12" in i.value]
    assert labels.date(deadline) in notice and "còn 10 ngày" in notice
    assert R["notice_not_started"] in notice

    _submit(engine, DISTRICT, "380")
    at.run()
    [done] = [s.value for s in at.success if "Đợt tháng 12" in s.value]
    assert R["notice_submitted"].format(first=labels.date(today)).rstrip(".") in done
