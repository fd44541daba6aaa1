"""Append-only survey history, on SQLite and on a real PostgreSQL: versions, stale saves, diff."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import DatabaseError

from planner.auth import SYSTEM, Actor, Role
from planner.errors import NotFound, PermissionDenied
from planner.models import Condition, Premises, Survey, SurveyLine, SurveySource
from planner.services.surveys import diff, history, read_original, read_version, save_survey
from planner.store.db import reading
from planner.store.surveys import StaleVersion
from planner.store.tables import AuditRow, SurveyRow

CENTRE = "380"
ALICE = Actor("alice", Role.DISTRICT, CENTRE)
BOB = Actor("bob", Role.DISTRICT, CENTRE)


def _survey(lines=(), counters=6) -> Survey:
    return Survey(
        centre=CENTRE,
        as_of=dt.date(2025, 3, 1),
        lines=tuple(lines),
        premises=Premises(
            floor_area_m2=200,
            renovation_area_m2=50,
            counters=counters,
            staff=12,
            yearly_dossiers=9000,
        ),
    )


def _audit(engine) -> list[AuditRow]:
    with reading(engine) as session:
        return list(session.scalars(select(AuditRow).order_by(AuditRow.id)))


def test_each_save_is_a_new_version_with_who_when_source(demo_store):
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=5)
    upload = b"PK\x03\x04 pretend workbook bytes \x00\xff"
    assert save_survey(demo_store, ALICE, _survey(), base_version=1, source=SurveySource.FORM) == 2
    assert (
        save_survey(
            demo_store,
            BOB,
            _survey(counters=7),
            base_version=2,
            source=SurveySource.UPLOAD,
            original=upload,
            original_name="khao-sat.xlsx",
        )
        == 3
    )
    versions = history(demo_store, ALICE, CENTRE)
    assert [(v.version, v.by, v.source.value) for v in versions] == [
        (1, "demo", "demo"),
        (2, "alice", "form"),
        (3, "bob", "upload"),
    ]
    assert all(v.at >= before and v.at.tzinfo is not None for v in versions)
    assert versions[2].original_sha256 == hashlib.sha256(upload).hexdigest()
    assert read_original(demo_store, ALICE, CENTRE, 3) == upload
    assert read_original(demo_store, ALICE, CENTRE, 2) is None
    # the old versions are untouched: version 2 still says 6 counters
    assert read_version(demo_store, ALICE, CENTRE, 2).survey.premises.counters == 6


def test_stale_base_version_is_refused_naming_who_and_when(demo_store):
    save_survey(demo_store, ALICE, _survey(), base_version=1, source=SurveySource.FORM)
    with pytest.raises(StaleVersion) as refused:
        save_survey(demo_store, BOB, _survey(counters=9), base_version=1, source=SurveySource.FORM)
    message = str(refused.value)
    saved_at = history(demo_store, SYSTEM, CENTRE)[-1].at
    assert "alice" in message and "phiên bản 2" in message
    assert saved_at.strftime("%d/%m/%Y %H:%M") in message
    assert len(history(demo_store, SYSTEM, CENTRE)) == 2  # nothing saved
    last = _audit(demo_store)[-1]
    assert (last.actor, last.outcome, last.target) == ("bob", "rejected", f"survey:{CENTRE}")
    assert "alice" in last.detail


def test_base_version_ahead_of_history_is_refused(demo_store):
    with pytest.raises(StaleVersion):
        save_survey(demo_store, SYSTEM, _survey(), base_version=5, source=SurveySource.FORM)


def test_district_cannot_save_another_centres_survey_and_refusal_is_audited(demo_store):
    other = Actor("carol", Role.DISTRICT, "381")
    with pytest.raises(PermissionDenied):
        save_survey(demo_store, other, _survey(), base_version=1, source=SurveySource.FORM)
    assert len(history(demo_store, SYSTEM, CENTRE)) == 1
    last = _audit(demo_store)[-1]
    assert (last.actor, last.role, last.action, last.outcome) == (
        "carol",
        "district",
        "write_survey",
        "denied",
    )


def test_save_for_unknown_centre_is_refused(demo_store):
    survey = _survey().model_copy(update={"centre": "999"})
    with pytest.raises(NotFound):
        save_survey(demo_store, SYSTEM, survey, base_version=0, source=SurveySource.FORM)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE surveys SET saved_by = 'mallory'",
        "DELETE FROM surveys",
        "UPDATE audit SET outcome = 'ok'",
        "DELETE FROM audit",
    ],
)
def test_history_and_audit_are_append_only_even_through_raw_sql(demo_store, statement):
    save_survey(demo_store, SYSTEM, _survey(), base_version=1, source=SurveySource.FORM)
    with pytest.raises(DatabaseError, match="append-only"), demo_store.begin() as connection:
        connection.execute(text(statement))
    with reading(demo_store) as session:
        assert session.scalar(select(func.count()).select_from(SurveyRow)) == 29
        assert set(session.scalars(select(SurveyRow.saved_by))) == {"demo", "system"}
        assert session.scalar(select(func.count()).select_from(AuditRow)) >= 3


def test_inserting_a_new_version_through_sql_is_still_allowed(demo_store):
    """The triggers refuse changes, not additions (saves are inserts)."""
    row = {
        "centre_code": CENTRE,
        "version": 2,
        "saved_by": "sql",
        "saved_at": dt.datetime.now(dt.UTC),
        "source": "form",
        "illustrative": False,
        "data": _survey().model_dump(mode="json"),
    }
    with demo_store.begin() as connection:
        connection.execute(insert(SurveyRow.__table__).values(**row))
    assert [(v.version, v.by) for v in history(demo_store, SYSTEM, CENTRE)] == [
        (1, "demo"),
        (2, "sql"),
    ]


def test_diff_lines_added_removed_changed_and_premises():
    a = _survey(
        [
            SurveyLine(item="PC", quantity=4, condition=Condition.GOOD, year_acquired=2018),
            SurveyLine(item="PRN", quantity=2, condition=Condition.BROKEN, year_acquired=None),
            SurveyLine(item="SCAN", quantity=1, condition=Condition.GOOD, year_acquired=2020),
        ]
    )
    b = _survey(
        [
            SurveyLine(item="PC", quantity=6, condition=Condition.GOOD, year_acquired=2018),
            SurveyLine(item="SCAN", quantity=1, condition=Condition.GOOD, year_acquired=2020),
            SurveyLine(item="UPS", quantity=3, condition=Condition.REPAIRABLE, year_acquired=2019),
        ],
        counters=8,
    )
    change = diff(a, b)
    assert [(x.item, x.quantity, x.condition.value) for x in change.added] == [
        ("UPS", 3, "repairable")
    ]
    assert [(x.item, x.quantity, x.condition.value) for x in change.removed] == [
        ("PRN", 2, "broken")
    ]
    assert [(c.key, c.before, c.after) for c in change.changed] == [(("PC", "good", 2018), 4, 6)]
    assert change.premises == {"counters": (6, 8)}
    assert diff(a, a).empty
    assert diff(b, a).as_dict()["added"] == [
        {"item": "PRN", "condition": "broken", "year_acquired": None, "quantity": 2}
    ]


def test_diff_adds_up_repeated_lines_with_the_same_key():
    line = SurveyLine(item="PC", quantity=2, condition=Condition.GOOD, year_acquired=2018)
    once = _survey([line.model_copy(update={"quantity": 4})])
    twice = _survey([line, line])
    assert diff(once, twice).empty
