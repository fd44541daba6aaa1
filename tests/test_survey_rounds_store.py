"""Stored survey rounds (planner.store.rounds), on SQLite and on PostgreSQL.

A round is set and read back by anyone, refused to a district officer and for bad dates (with
nothing saved and the refusal audited), carried by backup and restore, refused by the database
itself when its deadline precedes its opening, and added by migration 0005 to a database that
already holds data. The district officer's view of the round reads their own centre only.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pg import new_database_url
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from planner.auth import SYSTEM, Actor, Role
from planner.errors import BadInput, PermissionDenied
from planner.models import SurveySource
from planner.services.survey_round import RoundStatus, centre_round_view
from planner.services.surveys import history, save_survey
from planner.services.workspace import load_workspace
from planner.store.backup import backup, restore
from planner.store.db import make_engine, reading, writing
from planner.store.migrate import current_revision, head_revision, migrate
from planner.store.rounds import LATEST, MAX_DAYS, current_round, list_rounds, set_round
from planner.store.tables import AuditRow, SurveyRoundRow

PLANNER = Actor("kehoach", Role.PLANNER)
ADMIN = Actor("quantri", Role.ADMIN)
DISTRICT = Actor("dv380", Role.DISTRICT, "380")
OPENS, DEADLINE = dt.date(2026, 12, 1), dt.date(2026, 12, 31)


def _audit(engine) -> list[tuple[str, str, str, str]]:
    with reading(engine) as session:
        rows = session.scalars(
            select(AuditRow).where(AuditRow.action == "set_survey_round").order_by(AuditRow.id)
        )
        return [(r.actor, r.target, r.outcome, r.detail) for r in rows]


def test_set_read_and_list_rounds(store_engine):
    assert current_round(store_engine) is None and list_rounds(store_engine) == []
    first = set_round(store_engine, PLANNER, name=" Đợt 1 ", opens_on=OPENS, deadline=DEADLINE)
    assert (first.name, first.opens_on, first.deadline, first.created_by) == (
        "Đợt 1",
        OPENS,
        DEADLINE,
        "kehoach",
    )
    assert current_round(store_engine) == first
    later = dt.date(2027, 1, 15)
    second = set_round(store_engine, ADMIN, name="Đợt 1", opens_on=OPENS, deadline=later)
    assert current_round(store_engine) == second  # the newest set is the current round
    assert [(r.id, r.deadline) for r in list_rounds(store_engine)] == [
        (second.id, later),
        (first.id, DEADLINE),
    ]
    again = current_round(store_engine)
    assert again is not None and type(again.opens_on) is dt.date
    assert again.created_at.tzinfo is not None
    assert _audit(store_engine) == [
        ("kehoach", f"survey_round:{first.id}:Đợt 1", "ok", "2026-12-01 -> 2026-12-31"),
        ("quantri", f"survey_round:{second.id}:Đợt 1", "ok", "2026-12-01 -> 2027-01-15"),
    ]


def test_a_district_officer_may_not_set_a_round(store_engine):
    with pytest.raises(PermissionDenied, match="mở đợt khảo sát"):
        set_round(store_engine, DISTRICT, name="Đợt 1", opens_on=OPENS, deadline=DEADLINE)
    assert list_rounds(store_engine) == []
    assert _audit(store_engine)[0][:3] == ("dv380", "survey_round:Đợt 1", "denied")


def test_bad_rounds_are_refused_with_every_problem_and_nothing_saved(store_engine):
    with pytest.raises(BadInput) as refused:
        set_round(store_engine, PLANNER, name="  ", opens_on=DEADLINE, deadline=OPENS)
    problems = [(p.where, p.column, p.value, p.expected) for p in refused.value.problems]
    assert problems == [
        ("Đợt khảo sát", "Tên đợt", "  ", "cần một tên đợt, không để trống"),
        (
            "Đợt khảo sát",
            "Hạn nộp",
            "01/12/2026",
            "hạn nộp không được trước ngày mở đợt (31/12/2026)",
        ),
    ]
    assert str(refused.value).startswith("Đợt khảo sát chưa hợp lệ, chưa lưu gì")
    with pytest.raises(BadInput, match="từ 01/01/2000 đến 31/12/2100"):
        set_round(store_engine, PLANNER, name="x", opens_on=OPENS, deadline=dt.date(2162, 1, 1))
    with pytest.raises(BadInput, match=f"dài tối đa {MAX_DAYS} ngày"):
        set_round(store_engine, PLANNER, name="x", opens_on=OPENS, deadline=LATEST)
    with pytest.raises(BadInput, match="cần một ngày"):
        set_round(store_engine, PLANNER, name="x", opens_on="2026-12-01", deadline=DEADLINE)  # type: ignore[arg-type]
    with pytest.raises(BadInput, match="tối đa 200 ký tự"):
        set_round(store_engine, PLANNER, name="x" * 201, opens_on=OPENS, deadline=DEADLINE)
    # the deadline day may be the opening day
    same_day = set_round(store_engine, PLANNER, name="Một ngày", opens_on=OPENS, deadline=OPENS)
    assert [r.id for r in list_rounds(store_engine)] == [same_day.id]
    outcomes = [outcome for _, _, outcome, _ in _audit(store_engine)]
    assert outcomes == ["rejected"] * 5 + ["ok"]


def test_the_database_refuses_a_deadline_before_the_opening(store_engine):
    with pytest.raises(IntegrityError), writing(store_engine) as session:
        session.add(SurveyRoundRow(name="ngược", opens_on=DEADLINE, deadline=OPENS, created_by="x"))
    assert list_rounds(store_engine) == []


@pytest.mark.parametrize(
    "target_kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_backup_and_restore_carry_the_rounds(demo_store, target_kind, tmp_path):
    first = set_round(demo_store, PLANNER, name="Đợt 1", opens_on=OPENS, deadline=DEADLINE)
    second = set_round(
        demo_store, PLANNER, name="Đợt 1 (gia hạn)", opens_on=OPENS, deadline=dt.date(2027, 1, 10)
    )
    document = json.loads(json.dumps(backup(demo_store, SYSTEM)))
    assert [r["deadline"] for r in document["survey_rounds"]] == ["2026-12-31", "2027-01-10"]
    target = make_engine(new_database_url(target_kind, tmp_path / target_kind))
    migrate(target)
    assert restore(target, SYSTEM, document)["survey_rounds"] == 2
    restored = list_rounds(target)
    strip = lambda r: (r.name, r.opens_on, r.deadline, r.created_by, r.created_at)  # noqa: E731
    assert [strip(r) for r in restored] == [strip(second), strip(first)]
    assert current_round(target) is not None and current_round(target).name == "Đợt 1 (gia hạn)"
    target.dispose()


def test_restore_refuses_a_damaged_round_and_restores_nothing(demo_store, tmp_path):
    set_round(demo_store, PLANNER, name="Đợt 1", opens_on=OPENS, deadline=DEADLINE)
    set_round(demo_store, PLANNER, name="Đợt 2", opens_on=OPENS, deadline=DEADLINE)
    document = json.loads(json.dumps(backup(demo_store, SYSTEM)))
    document["survey_rounds"][0]["deadline"] = "2026-11-01"  # before its opening
    document["survey_rounds"][1]["opens_on"] = "hôm qua"
    target = make_engine(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    migrate(target)
    with pytest.raises(BadInput) as refused:
        restore(target, SYSTEM, document)
    where = {(p.where, p.row, p.column) for p in refused.value.problems}
    assert ("survey_rounds", 1, "deadline") in where
    assert any(p.where == "survey_rounds" and p.row == 2 for p in refused.value.problems)
    assert "opens_on" in str(refused.value)
    assert list_rounds(target) == [] and history(target, SYSTEM, "380") == []
    target.dispose()


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_migration_from_0004_keeps_existing_data_and_adds_rounds(kind, tmp_path):
    engine = make_engine(new_database_url(kind, tmp_path))
    migrate(engine, "0004")
    with writing(engine) as session:
        session.execute(
            text(
                "INSERT INTO scenarios (name, created_by, created_at, data) "
                "VALUES ('cũ', 'anh', CURRENT_TIMESTAMP, :data)"
            ),
            {"data": json.dumps({"name": "cũ", "budget": 10**9, "years": [2018]})},
        )
    migrate(engine)
    assert current_revision(engine) == head_revision()
    with reading(engine) as session:
        assert session.execute(text("SELECT name FROM scenarios")).scalars().all() == ["cũ"]
        assert session.execute(text("SELECT count(*) FROM survey_rounds")).scalar() == 0
    kept = set_round(engine, PLANNER, name="Đợt 1", opens_on=OPENS, deadline=DEADLINE)
    assert current_round(engine) == kept
    engine.dispose()


def test_a_district_officer_sees_their_own_centre_against_the_round(demo_store):
    centre = load_workspace(demo_store).centre("380")
    view = centre_round_view(demo_store, DISTRICT, centre, today=dt.date(2026, 12, 5))
    assert view.round is None and view.status.status == RoundStatus.NOT_STARTED
    today = dt.datetime.now(dt.UTC).date()
    set_round(
        demo_store,
        PLANNER,
        name="Đợt 1",
        opens_on=today - dt.timedelta(days=3),
        deadline=today + dt.timedelta(days=3),
    )
    survey = history(demo_store, DISTRICT, "380")[-1].survey
    save_survey(
        demo_store,
        DISTRICT,
        survey.model_copy(update={"illustrative": False}),
        base_version=1,
        source=SurveySource.FORM,
    )
    view = centre_round_view(demo_store, DISTRICT, centre, today=today)
    assert view.status.status == RoundStatus.SUBMITTED and view.status.first.version == 2
    other = load_workspace(demo_store).centre("381")
    with pytest.raises(PermissionDenied):
        centre_round_view(demo_store, DISTRICT, other, today=today)
