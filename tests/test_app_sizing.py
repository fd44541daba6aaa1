"""Counter sizing in the app: the needs page's switch and "why" table; procedures on the survey form."""

from __future__ import annotations

from app_support import ADMIN, DISTRICT, PLANNER, app_as, button

from planner import labels
from planner.auth import SYSTEM
from planner.models import Procedure, SurveySource
from planner.needs.counters import CounterSource, sized_counters
from planner.services.survey_form import PROC_COLUMN
from planner.services.surveys import history, save_survey
from planner.services.workspace import load_workspace
from planner.store.db import shared_engine

A, S = labels.APP, labels.SIZING
PROCEDURES = (
    Procedure(field="land", name="Cấp giấy chứng nhận", yearly_dossiers=8000, handling_minutes=10),
    Procedure(
        field="civil_status", name="Đăng ký khai sinh", yearly_dossiers=2000, handling_minutes=7.5
    ),
)


def sizing_frames(at):
    return [d.value for d in at.dataframe if S["field"] in d.value.columns]


def test_switch_to_sized_counters_changes_the_total_and_the_sizing_table_shows(app_db):
    ws = load_workspace(shared_engine(app_db))
    surveyed, sized = ws.needs(CounterSource.SURVEYED), ws.needs(CounterSource.SIZED)
    assert surveyed.cost != sized.cost  # otherwise the switch could not be seen to work
    at = app_as(PLANNER, "needs")
    assert not at.exception
    assert at.metric[1].value == labels.billions(surveyed.cost) and at.metric[
        1
    ].proto.help == labels.money(surveyed.cost)
    first = sized.centres[0]
    assert at.expander[0].label == S["why"].format(
        n=sized_counters(first.sizing), name=first.centre.name
    )
    table = sizing_frames(at)[0]
    assert table[S["counters"]].sum() == sized_counters(first.sizing)
    assert set(table[S["field"]]) <= {f.label for f in first.sizing.fields}

    at.radio(key="needs_counters").set_value(CounterSource.SIZED)
    at.run()
    assert not at.exception
    assert at.metric[1].value == labels.billions(sized.cost) and at.metric[
        1
    ].proto.help == labels.money(sized.cost)
    assert any(labels.COUNTER_SOURCE["sized"].lower() in c.value for c in at.caption)


def test_district_officer_sees_why_their_centre_needs_its_counters_from_its_own_procedures(app_db):
    engine = shared_engine(app_db)
    version, survey = load_workspace(engine).surveys["380"]
    save_survey(
        engine,
        SYSTEM,
        survey.model_copy(update={"procedures": PROCEDURES}),
        base_version=version,
        source=SurveySource.FORM,
    )
    at = app_as(DISTRICT, "needs")
    assert not at.exception
    # land: λ = 6/h, s = 10 min → 2 counters (see tests/test_excel_sizing.py); civil status:
    # λ = 1.5/h, s = 7.5 min, a = 0.1875 → 1 counter (P(W > 15) = C(1, a)·e^−(1/7.5 − 1/40)·15 ≈ 0.037)
    assert at.expander[0].label == S["why"].format(
        n=3, name=load_workspace(engine).centre("380").name
    )
    table = sizing_frames(at)[0]
    assert dict(zip(table[S["field"]], table[S["counters"]], strict=True)) == {
        "Đất đai": 2,
        "Hộ tịch": 1,
    }
    assert S["own_procedures"] in [c.value for c in at.caption]


def test_survey_form_shows_the_procedures_and_a_save_keeps_them(app_db):
    engine = shared_engine(app_db)
    version, survey = load_workspace(engine).surveys["380"]
    save_survey(
        engine,
        SYSTEM,
        survey.model_copy(update={"procedures": PROCEDURES}),
        base_version=version,
        source=SurveySource.FORM,
    )
    at = app_as(DISTRICT, "survey")
    assert not at.exception
    shown = next(d.value for d in at.dataframe if PROC_COLUMN["procedure"] in d.value.columns)
    assert list(shown[PROC_COLUMN["field"]]) == ["Đất đai", "Hộ tịch"]
    assert list(shown[PROC_COLUMN["yearly_dossiers"]]) == [8000, 2000]
    button(at, A["save"]).click()
    at.run()
    assert not at.exception
    assert [s.value for s in at.success] == [A["saved"].format(centre="380", version=3)]
    assert history(engine, ADMIN, "380")[-1].survey.procedures == PROCEDURES
