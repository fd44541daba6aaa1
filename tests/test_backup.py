"""Backup and restore round trips, on SQLite, on PostgreSQL, and from one to the other."""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
from pg import new_database_url

from planner.auth import SYSTEM, Actor, Role
from planner.cli import main
from planner.errors import BadInput, PermissionDenied
from planner.models import SurveySource
from planner.services.surveys import history, read_original, save_survey
from planner.store import accounts
from planner.store.accounts import LoginFailed, authenticate
from planner.store.backup import TABLES, backup, read_backup, restore
from planner.store.db import make_engine, writing
from planner.store.migrate import migrate
from planner.store.tables import ScenarioRow

pytestmark = pytest.mark.usefixtures("fast_hashing")

PASSWORD = "mat-khau-du-dai"
UPLOAD = bytes(range(256)) * 40  # binary, with every byte value


def _fill(engine) -> None:
    """Demo plus what a season of use adds: new versions, an upload, a scenario, accounts."""
    accounts.add_user(engine, SYSTEM, "qt", PASSWORD, "admin")
    accounts.add_user(engine, SYSTEM, "dv380", PASSWORD, "district", "380")
    district = Actor("dv380", Role.DISTRICT, "380")
    survey = history(engine, SYSTEM, "380")[0].survey
    save_survey(engine, district, survey, base_version=1, source=SurveySource.FORM)
    save_survey(
        engine,
        district,
        survey,
        base_version=2,
        source=SurveySource.UPLOAD,
        original=UPLOAD,
        original_name="ks.xlsx",
    )
    with writing(engine) as session:
        session.add(
            ScenarioRow(name="Phương án 50 tỷ", created_by="qt", data={"budget": 50_000_000_000})
        )


def _comparable(document: dict) -> dict:
    """The document without what legitimately differs between two backups of the same data."""
    return {name: document[name] for name in TABLES if name != "audit"}


def _fresh(kind: str, tmp_path):
    engine = make_engine(new_database_url(kind, tmp_path / kind))  # make_engine creates the folder
    migrate(engine)
    return engine


@pytest.mark.parametrize(
    "target_kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_round_trip(demo_store, target_kind, tmp_path):
    _fill(demo_store)
    original = backup(demo_store, SYSTEM)
    target = _fresh(target_kind, tmp_path)
    counts = restore(target, SYSTEM, json.loads(json.dumps(original)))  # through JSON text
    assert counts["surveys"] == 30 and counts["centres"] == 28 and counts["scenarios"] == 1
    again = backup(target, SYSTEM)
    assert _comparable(again) == _comparable(original)
    assert again["audit"][: len(original["audit"])] == original["audit"]
    assert [v.version for v in history(target, SYSTEM, "380")] == [1, 2, 3]
    assert read_original(target, SYSTEM, "380", 3) == UPLOAD
    # saving continues from the restored history
    survey = history(target, SYSTEM, "380")[-1].survey
    assert save_survey(target, SYSTEM, survey, base_version=3, source=SurveySource.FORM) == 4
    target.dispose()


def test_passwords_stay_out_unless_asked(demo_store, tmp_path):
    _fill(demo_store)
    plain = backup(demo_store, SYSTEM)
    assert all("password_hash" not in user for user in plain["users"])
    assert "$argon2" not in json.dumps(plain)
    target = _fresh("sqlite", tmp_path)
    restore(target, SYSTEM, plain)
    with pytest.raises(LoginFailed) as refused:
        authenticate(target, "qt", PASSWORD)
    assert "chưa có mật khẩu" in refused.value.reason
    assert accounts.bootstrap_allowed(target)  # so an administrator can be set up again

    with_hashes = backup(demo_store, SYSTEM, with_passwords=True)
    target2 = _fresh("sqlite", tmp_path / "2")
    restore(target2, SYSTEM, with_hashes)
    assert authenticate(target2, "dv380", PASSWORD) == Actor("dv380", Role.DISTRICT, "380")


def test_restore_only_into_an_empty_database(demo_store):
    document = backup(demo_store, SYSTEM)
    with pytest.raises(BadInput, match="cơ sở dữ liệu trống"):
        restore(demo_store, SYSTEM, document)
    assert [v.version for v in history(demo_store, SYSTEM, "380")] == [1]


def test_only_administrators_back_up_and_restore(demo_store, tmp_path):
    planner = Actor("kh", Role.PLANNER)
    with pytest.raises(PermissionDenied):
        backup(demo_store, planner)
    target = _fresh("sqlite", tmp_path)
    with pytest.raises(PermissionDenied):
        restore(target, planner, backup(demo_store, SYSTEM))


def test_a_damaged_backup_restores_nothing(demo_store, tmp_path):
    _fill(demo_store)
    document = backup(demo_store, SYSTEM)
    upload = next(s for s in document["surveys"] if s["original_file"])
    tampered = bytearray(base64.b64decode(upload["original_file"]))
    tampered[0] ^= 1
    upload["original_file"] = base64.b64encode(bytes(tampered)).decode()
    document["surveys"][0]["data"]["lines"] = "not a list"
    target = _fresh("sqlite", tmp_path)
    with pytest.raises(BadInput) as refused:
        restore(target, SYSTEM, document)
    message = str(refused.value)
    assert "SHA-256" in message and "surveys, dòng 1" in message
    assert history(target, SYSTEM, "380") == []


def test_read_backup_refuses_other_files(tmp_path):
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    with pytest.raises(BadInput, match="Không đọc được"):
        read_backup(junk)
    junk.write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(BadInput, match="không phải tệp sao lưu"):
        read_backup(junk)


def test_cli_backup_and_restore(demo_engine, tmp_path, capsys):
    source = str(demo_engine.url)
    out = tmp_path / "backup.json"
    assert main(["backup", "--out", str(out), "--db", source]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert len(document["surveys"]) == 28 and dt.datetime.fromisoformat(document["created_at"])
    target = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    assert main(["restore", str(out), "--db", target]) == 0
    assert main(["restore", str(out), "--db", target]) == 2  # not empty any more
    assert main(["history", "--centre", "38", "--json", "--db", target]) == 0
    assert '"by": "demo"' in capsys.readouterr().out


def test_a_backup_file_above_the_ceiling_is_refused_before_it_is_read(tmp_path):
    """A sparse 600 MiB file: refused on its size, with the size and the limit in the message."""
    from planner.store.backup import MAX_BACKUP_MIB

    path = tmp_path / "huge.json"
    with open(path, "wb") as f:
        f.truncate(600 * 1024 * 1024)  # sparse: no disk used, and never read
    with pytest.raises(BadInput) as refused:
        read_backup(path)
    assert "600 MiB" in str(refused.value) and f"{MAX_BACKUP_MIB} MiB" in str(refused.value)
