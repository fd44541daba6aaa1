"""Alembic migrations run from an empty database to head, and the demo load is idempotent."""

from __future__ import annotations

from sqlalchemy import inspect, text

from planner.demo.data import load_demo
from planner.store.db import make_engine, reading
from planner.store.migrate import current_revision, head_revision, migrate
from planner.store.surveys import latest_surveys


def test_migrations_run_from_empty_to_head_on_sqlite(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    assert current_revision(engine) is None
    migrate(engine)
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert {"centres", "catalog_versions", "surveys", "scenarios", "meta"} <= tables
    assert {"scenario_runs", "scenario_sweeps"} <= tables  # kept runs and budget curves
    runs = {c["name"] for c in inspect(engine).get_columns("scenario_runs")}
    assert "package_edits" in runs  # the planner's package edits, kept with their run
    migrate(engine)  # a second run changes nothing
    assert current_revision(engine) == head_revision()


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_engine):
    with tmp_engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 30_000


def test_demo_is_idempotent(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'd.sqlite3'}")
    first = load_demo(engine, "thanh-hoa-2017")
    second = load_demo(engine, "thanh-hoa-2017")
    assert (first.centres_added, first.surveys_added) == (28, 28)
    assert (second.centres_added, second.surveys_added) == (0, 0)
    with reading(engine) as session:
        surveys = latest_surveys(session)
    assert len(surveys) == 28
    assert all(version == 1 and survey.illustrative for version, survey in surveys.values())


def test_demo_surveys_are_deterministic(tmp_path):
    one = make_engine(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    two = make_engine(f"sqlite:///{tmp_path / 'b.sqlite3'}")
    load_demo(one, "thanh-hoa-2017")
    load_demo(two, "thanh-hoa-2017")
    with reading(one) as s1, reading(two) as s2:
        assert latest_surveys(s1) == latest_surveys(s2)
