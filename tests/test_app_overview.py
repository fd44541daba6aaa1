"""Tổng quan: the map's points and the page itself (the survey round: test_app_survey_round.py)."""

from __future__ import annotations

from app_support import DISTRICT, PLANNER, app_as

from planner import labels
from planner.auth import SYSTEM
from planner.models import SurveySource
from planner.services.overview import jitter, map_points
from planner.services.surveys import history, save_survey
from planner.store.db import shared_engine

A, R = labels.APP, labels.ROUNDS


def test_jitter_is_fixed_per_code_and_inside_its_disc():
    assert jitter("14797") == jitter("14797")
    assert jitter("14797") != jitter("16522")
    for code in map(str, range(200)):
        d_lat, d_lon = jitter(code, 0.06)
        assert d_lat**2 + d_lon**2 <= 0.06**2 + 1e-12


def test_map_separates_centres_sharing_coordinates(app_db):
    from planner.services.workspace import load_workspace

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
        row[R["col_status"]] == R["status_not_started"]  # no round set yet: no deadline
        and row[R["col_version"]] == 2
        and row[R["col_by"]] == labels.author("system") == "hệ thống (dữ liệu mẫu)"
    )
    assert {m.label: m.value for m in at.metric}[R["status_not_started"]] == "28"
    assert R["no_round"] in [i.value for i in at.info]
    assert A["map_caption"] in [c.value for c in at.caption]
    assert labels.ILLUSTRATIVE in at.info[0].value


def test_district_officer_has_no_overview(app_db):
    at = app_as(DISTRICT)
    assert at.title[0].value == labels.PAGE["survey"]  # their first page, not the overview
