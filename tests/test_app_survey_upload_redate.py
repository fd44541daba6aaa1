"""Khảo sát hiện trạng, tab Tải lên: a file whose stock-count date differs from the previous
version's is refused until the officer confirms the new date on purpose (issue #14, item 3).

The refusal shows what the date alone does to the file's stock, in the same words as the
survey form's warning (planner.services.surveys.redating_explained); nothing is saved until
the box is ticked and the same file saved; "Bỏ tệp này" drops it.
"""

from __future__ import annotations

import datetime as dt

from app_support import DISTRICT, app_as, button
from test_survey_upload_date import COUNTED, template, with_date

from app_pages import state
from planner import labels
from planner.services.surveys import history
from planner.store.db import shared_engine

A = labels.APP
CENTRE = "380"
NEW_DATE = dt.date(2026, 12, 1)


def uploaded(app_db, data: bytes):
    at = app_as(DISTRICT, "survey")
    at.file_uploader(key=f"upload_file_{CENTRE}").upload("khao-sat-380.xlsx", data)
    button(at, A["upload_button"]).click()
    at.run()
    assert not at.exception
    return at


def versions(app_db) -> list:
    return history(shared_engine(app_db), DISTRICT, CENTRE)


def test_a_re_dated_upload_waits_for_confirmation_then_saves_the_same_file(app_db):
    engine = shared_engine(app_db)
    data = with_date(template(engine), dt.datetime(2026, 12, 1))
    at = uploaded(app_db, data)
    warning = next(w.value for w in at.warning if "Chưa lưu" in w.value)
    assert warning.startswith(
        "Chưa lưu: ngày kiểm kê trong tệp (01/12/2026) khác ngày của phiên bản trước (01/06/2017)."
    )
    assert "32 thiết bị qua niên hạn sử dụng" in warning
    assert "- " + state.plain("PC-DESKTOP – Máy tính để bàn (bộ): 15 thiết bị qua niên hạn") in (
        warning.splitlines()
    )
    assert len(versions(app_db)) == 1  # nothing saved yet
    save = button(at, A["redate_upload_save"])
    assert save.disabled  # not before the box is ticked
    at.checkbox(key=f"redate_upload_{CENTRE}_1").check()
    at.run()
    button(at, A["redate_upload_save"]).click()
    at.run()
    assert not at.exception
    saved = versions(app_db)
    assert [v.version for v in saved] == [1, 2]
    assert saved[-1].survey.as_of == NEW_DATE
    assert any("đổi từ 01/06/2017 sang 01/12/2026" in s.value for s in at.success)
    assert not any("Chưa lưu" in w.value for w in at.warning)


def test_a_dropped_re_dated_upload_leaves_the_previous_version(app_db):
    engine = shared_engine(app_db)
    at = uploaded(app_db, with_date(template(engine), dt.datetime(2026, 12, 1)))
    button(at, A["redate_upload_drop"]).click()
    at.run()
    assert not any("Chưa lưu" in w.value for w in at.warning)
    assert [(v.version, v.survey.as_of) for v in versions(app_db)] == [(1, COUNTED)]


def test_an_upload_that_keeps_the_date_is_saved_at_once(app_db):
    at = uploaded(app_db, template(shared_engine(app_db)))
    assert [v.version for v in versions(app_db)] == [1, 2]
    assert any("Ngày kiểm kê: 01/06/2017" in s.value for s in at.success)
    assert not any("Chưa lưu" in w.value for w in at.warning)
