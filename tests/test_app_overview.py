"""Tổng quan: survey status against the deadline, the map's points, and the page itself."""

from __future__ import annotations

import datetime as dt

from app_support import DISTRICT, PLANNER, app_as

from planner import labels
from planner.auth import SYSTEM
from planner.models import Centre, Level, SurveySource
from planner.overview import Status, VersionMeta, jitter, map_points, survey_status
from planner.store.db import shared_engine
from planner.surveys import history, save_survey

A = labels.APP
UTC = dt.UTC


def centre(code: str) -> Centre:
    return Centre(code=code, name=f"Đơn vị {code}", level=Level.DISTRICT)


def meta(code: str, version: int, day: int, source: SurveySource) -> VersionMeta:
    return VersionMeta(code, version, "u", dt.datetime(2025, 9, day, 10, tzinfo=UTC), source)


def test_status_counts_only_real_surveys_against_the_deadline():
    centres = [centre(c) for c in ("a", "b", "c", "d")]
    versions = [
        meta("a", 1, 1, SurveySource.DEMO),
        meta("a", 2, 5, SurveySource.FORM),  # on time
        meta("b", 1, 1, SurveySource.DEMO),
        meta("b", 2, 20, SurveySource.UPLOAD),  # after the deadline
        meta("c", 1, 1, SurveySource.DEMO),  # only illustrative data
    ]
    deadline = dt.date(2025, 9, 10)
    late = {
        s.centre.code: s.status
        for s in survey_status(centres, versions, deadline, dt.date(2025, 9, 30))
    }
    assert late == {
        "a": Status.SUBMITTED,
        "b": Status.LATE,
        "c": Status.OVERDUE,
        "d": Status.OVERDUE,
    }
    early = {
        s.centre.code: s.status
        for s in survey_status(centres, versions, deadline, dt.date(2025, 9, 2))
    }
    assert early["c"] == early["d"] == Status.PENDING


def test_jitter_is_fixed_per_code_and_inside_its_disc():
    assert jitter("14797") == jitter("14797")
    assert jitter("14797") != jitter("16522")
    for code in map(str, range(200)):
        d_lat, d_lon = jitter(code, 0.06)
        assert d_lat**2 + d_lon**2 <= 0.06**2 + 1e-12


def test_map_separates_centres_sharing_coordinates(app_db):
    from planner.workspace import load_workspace

    report = load_workspace(shared_engine(app_db)).needs()
    points = map_points(report, "coverage")
    assert len(points) == len(report.centres)
    assert len({(p["lat"], p["lon"]) for p in points}) == len(points)
    assert all(0 <= p["coverage"] <= 1 for p in points)


def test_overview_page_shows_a_submission_and_the_map(app_db):
    engine = shared_engine(app_db)
    current = history(engine, SYSTEM, "392")[-1]
    save_survey(
        engine,
        SYSTEM,
        current.survey.model_copy(update={"illustrative": False}),
        base_version=current.version,
        source=SurveySource.FORM,
    )
    at = app_as(PLANNER, "overview")
    assert not at.exception
    table = at.dataframe[0].value
    row = table[table[labels.COLUMN["centre"]] == "392"].iloc[0]
    assert (
        row[A["status"]] == A["status_ok"]
        and row[A["version"]] == 2
        and row[A["saved_by"]] == "system"
    )
    assert {m.label: m.value for m in at.metric}[A["submitted"]] == "1"
    assert A["map_caption"] in [c.value for c in at.caption]
    assert labels.ILLUSTRATIVE in at.info[0].value


def test_district_officer_has_no_overview(app_db):
    at = app_as(DISTRICT)
    assert at.title[0].value == labels.PAGE["survey"]  # their first page, not the overview
