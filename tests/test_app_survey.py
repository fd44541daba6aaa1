"""Khảo sát hiện trạng: a survey saved through the page is in the store; stale saves are refused."""

from __future__ import annotations

import datetime as dt

from app_support import ADMIN, DISTRICT, PLANNER, app_as, button

from planner import labels
from planner.auth import SYSTEM
from planner.models import SurveySource
from planner.services.surveys import history, save_survey
from planner.store.db import shared_engine

A, C = labels.APP, labels.COLUMN


def premises_input(at, key: str):
    return next(n for n in at.number_input if n.label == C[key])


def test_survey_saved_through_the_form_is_in_the_store(app_db):
    engine = shared_engine(app_db)
    before = history(engine, ADMIN, "380")
    at = app_as(DISTRICT, "survey")
    assert at.title[0].value == labels.PAGE["survey"]
    staff = premises_input(at, "staff")
    staff.set_value(int(staff.value) + 7)
    button(at, A["save"]).click()
    at.run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        A["saved"].format(centre="380", version=len(before) + 1)
    ]
    after = history(engine, ADMIN, "380")
    assert len(after) == len(before) + 1
    newest = after[-1]
    assert (newest.by, newest.source) == ("huyen380", SurveySource.FORM)
    assert newest.survey.premises.staff == before[-1].survey.premises.staff + 7
    # the unchanged lines came through the table as they were
    assert sorted(newest.survey.lines, key=str) == sorted(before[-1].survey.lines, key=str)


def test_stale_form_is_refused_with_who_saved_and_can_be_reloaded(app_db):
    engine = shared_engine(app_db)
    at = app_as(DISTRICT, "survey")  # the form is opened on version 1
    current = history(engine, ADMIN, "380")[-1]
    meanwhile = current.survey.model_copy(update={"as_of": dt.date(2017, 7, 1)})
    save_survey(engine, SYSTEM, meanwhile, base_version=current.version, source=SurveySource.FORM)

    button(at, A["save"]).click()
    at.run()
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith(A["stale"]) and "system" in errors[0]
    assert len(history(engine, ADMIN, "380")) == 2  # nothing more saved

    button(at, A["reload"]).click()
    at.run()
    button(at, A["save"]).click()
    at.run()
    assert [s.value for s in at.success] == [A["saved"].format(centre="380", version=3)]


def test_form_problems_are_listed_and_nothing_is_saved(app_db):
    engine = shared_engine(app_db)
    at = app_as(DISTRICT, "survey")
    floor = premises_input(at, "floor_area_m2").value
    premises_input(at, "renovation_area_m2").set_value(floor + 10)
    button(at, A["save"]).click()
    at.run()
    assert [e.value for e in at.error] == [A["problems"]]
    problems = next(d.value for d in at.dataframe if A["problem_expected"] in d.value.columns)
    assert len(problems) == 1
    assert problems[A["problem_where"]].iloc[0] == A["premises"]
    assert "cải tạo" in problems[A["problem_expected"]].iloc[0]
    assert len(history(engine, ADMIN, "380")) == 1


def test_planner_reads_any_centre_without_a_save_button(app_db):
    at = app_as(PLANNER, "survey")
    assert not at.exception
    at.selectbox(key="survey_centre").select("392")
    at.run()
    assert not at.exception
    assert A["save"] not in [b.label for b in at.button]
    assert A["read_only"] in [c.value for c in at.caption]
    assert any(A["illustrative_note"] == i.value for i in at.info)
