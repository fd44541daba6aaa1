"""The survey round's status rule (planner.services.survey_round) on hand-made dates around a deadline.

The round opens on 1 September 2026 and closes on 10 September (Vietnam days). Times are
written in Vietnam time (UTC+7) where the day matters, and in UTC where the point is that the
UTC day differs.
"""

from __future__ import annotations

import datetime as dt

import pytest

from planner import labels
from planner.models import Centre, Level, SurveySource
from planner.services.overview import VersionMeta
from planner.services.survey_round import (
    VIETNAM,
    RoundStatus,
    days_left,
    days_left_text,
    filter_board,
    round_status,
    status_counts,
    vietnam_day,
)
from planner.store.rounds import SurveyRound

OPENS, DEADLINE = dt.date(2026, 9, 1), dt.date(2026, 9, 10)
ROUND = SurveyRound(
    1, "Đợt tháng 9", OPENS, DEADLINE, "kehoach", dt.datetime(2026, 8, 30, tzinfo=dt.UTC)
)
FORM, UPLOAD, DEMO = SurveySource.FORM, SurveySource.UPLOAD, SurveySource.DEMO


def centre(code: str, name: str = "", mountainous: bool = False) -> Centre:
    return Centre(
        code=code, name=name or f"Đơn vị {code}", level=Level.DISTRICT, mountainous=mountainous
    )


def saved(code: str, version: int, at: dt.datetime, source: SurveySource = FORM) -> VersionMeta:
    return VersionMeta(code, version, "u", at, source)


def vn(day: int, hour: int = 10, minute: int = 0, month: int = 9) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=VIETNAM)


def status_of(versions: list[VersionMeta], today: dt.date, code: str = "a") -> RoundStatus:
    [only] = round_status([centre(code)], versions, ROUND, today)
    return only.status


AFTER = dt.date(2026, 9, 11)  # the day after the deadline
BEFORE = dt.date(2026, 9, 5)


def test_a_survey_saved_on_the_deadline_day_is_on_time():
    assert status_of([saved("a", 2, vn(10, 23, 30))], AFTER) == RoundStatus.SUBMITTED
    assert status_of([saved("a", 2, vn(10, 0, 5))], DEADLINE) == RoundStatus.SUBMITTED


def test_a_survey_saved_the_day_after_the_deadline_is_late():
    assert status_of([saved("a", 2, vn(11, 0, 30))], AFTER) == RoundStatus.LATE


def test_the_day_is_vietnams_not_utcs():
    # 18:00 UTC on the deadline day is 01:00 on the 11th in Vietnam: late
    late = dt.datetime(2026, 9, 10, 18, 0, tzinfo=dt.UTC)
    assert vietnam_day(late) == dt.date(2026, 9, 11)
    assert status_of([saved("a", 2, late)], AFTER) == RoundStatus.LATE
    # 16:30 UTC on the deadline day is 23:30 the same day in Vietnam: on time
    assert status_of([saved("a", 2, dt.datetime(2026, 9, 10, 16, 30, tzinfo=dt.UTC))], AFTER) == (
        RoundStatus.SUBMITTED
    )
    # a naive stored time is read as UTC
    assert vietnam_day(dt.datetime(2026, 9, 10, 17, 0)) == dt.date(2026, 9, 11)


def test_re_saved_after_the_submission_is_updated_whenever_the_second_save():
    on_time = saved("a", 2, vn(5))
    assert status_of([on_time, saved("a", 3, vn(8), UPLOAD)], BEFORE) == RoundStatus.UPDATED
    assert status_of([on_time, saved("a", 3, vn(20))], dt.date(2026, 9, 21)) == RoundStatus.UPDATED


def test_late_and_saved_again_stays_late():
    versions = [saved("a", 2, vn(12)), saved("a", 3, vn(14))]
    assert status_of(versions, dt.date(2026, 9, 15)) == RoundStatus.LATE


def test_demo_versions_never_count():
    only_demo = [saved("a", 1, vn(5), DEMO)]
    assert status_of(only_demo, BEFORE) == RoundStatus.NOT_STARTED
    assert status_of(only_demo, AFTER) == RoundStatus.LATE
    # a demo version after a real submission does not make it "updated"
    after_form = [saved("a", 1, vn(3)), saved("a", 2, vn(6), DEMO)]
    [status] = round_status([centre("a")], after_form, ROUND, AFTER)
    assert status.status == RoundStatus.SUBMITTED
    assert status.first == status.last == after_form[0] and status.latest == after_form[1]


def test_versions_before_the_round_opens_answer_an_earlier_round():
    earlier = [saved("a", 2, vn(31, month=8)), saved("a", 3, vn(31, 23, 59, month=8))]
    assert status_of(earlier, BEFORE) == RoundStatus.NOT_STARTED
    assert status_of(earlier, AFTER) == RoundStatus.LATE
    # saved on the opening day itself: in the round
    assert status_of([*earlier, saved("a", 4, vn(1, 0, 1))], AFTER) == RoundStatus.SUBMITTED


def test_nothing_saved_is_not_started_until_the_deadline_day_ends():
    assert status_of([], DEADLINE) == RoundStatus.NOT_STARTED
    assert status_of([], AFTER) == RoundStatus.LATE


def test_without_a_round_every_centre_is_not_started():
    centres = [centre("a"), centre("b")]
    versions = [saved("a", 2, vn(5)), saved("a", 3, vn(6))]
    statuses = round_status(centres, versions, None, AFTER)
    assert [s.status for s in statuses] == [RoundStatus.NOT_STARTED] * 2
    assert statuses[0].latest == versions[1] and statuses[0].first is None


def test_counts_cover_every_status_and_every_centre():
    centres = [centre(c) for c in "abcde"]
    versions = [
        saved("a", 2, vn(4)),  # submitted
        saved("b", 2, vn(4)),
        saved("b", 3, vn(9)),  # updated
        saved("c", 2, vn(12)),  # late
        saved("d", 1, vn(2), DEMO),  # late: nothing real and the deadline passed
    ]
    statuses = round_status(centres, versions, ROUND, dt.date(2026, 9, 12))
    assert [s.status for s in statuses] == [
        RoundStatus.SUBMITTED,
        RoundStatus.UPDATED,
        RoundStatus.LATE,
        RoundStatus.LATE,
        RoundStatus.LATE,
    ]
    assert status_counts(statuses) == {
        RoundStatus.SUBMITTED: 1,
        RoundStatus.UPDATED: 1,
        RoundStatus.NOT_STARTED: 0,
        RoundStatus.LATE: 3,
    }


@pytest.mark.parametrize(
    ("today", "left", "text"),
    [
        (dt.date(2026, 8, 29), 12, "chưa mở (còn 3 ngày nữa mới mở)"),
        (dt.date(2026, 9, 7), 3, "còn 3 ngày"),
        (DEADLINE, 0, "hôm nay là hạn chót"),
        (dt.date(2026, 9, 12), -2, "quá hạn 2 ngày"),
    ],
)
def test_days_left(today, left, text):
    assert days_left(ROUND, today) == left
    assert days_left_text(ROUND, today) == text


def test_days_left_in_english():
    with labels.language("en"):
        assert days_left_text(ROUND, dt.date(2026, 9, 7)) == "3 days left"
        assert days_left_text(ROUND, dt.date(2026, 9, 12)) == "2 days overdue"


def test_the_board_filters_by_status_area_and_text_without_diacritics():
    centres = [
        centre("391", "Trung tâm huyện Thạch Thành", mountainous=True),
        centre("392", "Trung tâm huyện Hà Trung"),
        centre("384", "Trung tâm huyện Mường Lát", mountainous=True),
    ]
    statuses = round_status(centres, [saved("391", 2, vn(3))], ROUND, BEFORE)
    codes = lambda kept: [s.centre.code for s in kept]  # noqa: E731
    assert codes(filter_board(statuses)) == ["391", "392", "384"]
    assert codes(filter_board(statuses, wanted={RoundStatus.SUBMITTED})) == ["391"]
    assert codes(filter_board(statuses, wanted=set())) == []
    assert codes(filter_board(statuses, mountainous=True)) == ["391", "384"]
    assert codes(filter_board(statuses, mountainous=False)) == ["392"]
    assert codes(filter_board(statuses, text="thach thanh")) == ["391"]
    assert codes(filter_board(statuses, text="MƯỜNG")) == ["384"]
    assert codes(filter_board(statuses, text="39")) == ["391", "392"]
    assert codes(
        filter_board(statuses, wanted={RoundStatus.NOT_STARTED}, mountainous=True, text="huyện")
    ) == ["384"]
