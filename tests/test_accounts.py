"""Accounts on SQLite and PostgreSQL: add, list, disable, reset, login throttling; and the CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from planner import labels
from planner.auth import LOCK_AFTER, LOCK_FOR, SYSTEM, Actor, Role
from planner.cli import main
from planner.demo.data import load_demo
from planner.errors import BadInput, NotFound, PermissionDenied
from planner.store import accounts
from planner.store.accounts import LoginFailed, authenticate
from planner.store.db import make_engine, reading
from planner.store.login_sessions import LoginSessionRow, resume_session, start_session
from planner.store.tables import AuditRow, UserRow

pytestmark = pytest.mark.usefixtures("fast_hashing")

PASSWORD = "mat-khau-du-dai"
T0 = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)


def _users(engine) -> int:
    with reading(engine) as session:
        return session.scalar(select(func.count()).select_from(UserRow))


def _login_audit(engine) -> list[tuple[str, str]]:
    with reading(engine) as session:
        rows = session.scalars(
            select(AuditRow).where(AuditRow.action == "login").order_by(AuditRow.id)
        )
        return [(r.actor, r.outcome) for r in rows]


def test_add_list_and_login(demo_store):
    assert accounts.bootstrap_allowed(demo_store)
    accounts.add_user(demo_store, SYSTEM, "qt", PASSWORD, "admin")
    accounts.add_user(demo_store, SYSTEM, "dv380", PASSWORD, Role.DISTRICT, "380")
    assert not accounts.bootstrap_allowed(demo_store)
    listed = {
        (a.name, a.role.value, a.centre, a.disabled)
        for a in accounts.list_users(demo_store, SYSTEM)
    }
    assert listed == {("qt", "admin", None, False), ("dv380", "district", "380", False)}
    with reading(demo_store) as session:
        stored = session.get(UserRow, "dv380").password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert authenticate(demo_store, "dv380", PASSWORD) == Actor("dv380", Role.DISTRICT, "380")
    assert _login_audit(demo_store) == [("dv380", "ok")]


@pytest.mark.parametrize(
    ("name", "role", "centre", "password", "expected"),
    [
        ("dv", "district", None, PASSWORD, "cần mã đơn vị"),
        ("dv", "district", "999", PASSWORD, "không có đơn vị"),
        ("kh", "planner", "380", PASSWORD, "chỉ tài khoản cấp đơn vị"),
        ("có dấu", "planner", None, PASSWORD, "chữ không dấu"),
        ("kh", "boss", None, PASSWORD, "Vai trò 'boss'"),
        ("kh", "planner", None, "ngắn", "ít nhất 8"),
    ],
)
def test_bad_accounts_are_refused_and_nothing_saved(
    demo_store, name, role, centre, password, expected
):
    with pytest.raises(BadInput, match=expected):
        accounts.add_user(demo_store, SYSTEM, name, password, role, centre)
    assert _users(demo_store) == 0
    with reading(demo_store) as session:
        last = session.scalars(select(AuditRow).order_by(AuditRow.id.desc())).first()
    assert (last.action, last.outcome) == ("manage_users", "rejected")


def test_duplicate_name_is_refused(demo_store):
    accounts.add_user(demo_store, SYSTEM, "kh", PASSWORD, "planner")
    with pytest.raises(BadInput, match="đã có người dùng"):
        accounts.add_user(demo_store, SYSTEM, "kh", PASSWORD, "admin")


def test_only_admins_manage_accounts(demo_store):
    planner = Actor("kh", Role.PLANNER)
    for call in (
        lambda: accounts.add_user(demo_store, planner, "x1", PASSWORD, "planner"),
        lambda: accounts.list_users(demo_store, planner),
        lambda: accounts.reset_password(demo_store, planner, "x1", PASSWORD),
        lambda: accounts.set_disabled(demo_store, planner, "x1"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert _users(demo_store) == 0


@contextmanager
def login_refused(reason: str):
    """A :class:`LoginFailed` whose text is the one message for every cause, and ``reason``."""
    with pytest.raises(LoginFailed) as info:
        yield
    assert str(info.value) == labels.SAFETY["login_failed"]
    assert reason in info.value.reason, info.value.reason


def test_wrong_password_unknown_user_disabled_account(demo_store):
    accounts.add_user(demo_store, SYSTEM, "qt", PASSWORD, "admin")
    accounts.add_user(demo_store, SYSTEM, "kh", PASSWORD, "planner")
    with login_refused("sai mật khẩu"):
        authenticate(demo_store, "kh", "sai-mat-khau", now=T0)
    with login_refused("không có tài khoản"):
        authenticate(demo_store, "nobody", PASSWORD, now=T0)
    accounts.set_disabled(demo_store, SYSTEM, "kh")
    with login_refused("khóa bởi quản trị viên"):
        authenticate(demo_store, "kh", PASSWORD, now=T0 + dt.timedelta(hours=1))
    accounts.set_disabled(demo_store, SYSTEM, "kh", False)
    assert (
        authenticate(demo_store, "kh", PASSWORD, now=T0 + dt.timedelta(hours=1)).role
        == Role.PLANNER
    )
    assert _login_audit(demo_store) == [
        ("kh", "denied"),
        ("nobody", "denied"),
        ("kh", "denied"),
        ("kh", "ok"),
    ]


def test_failed_logins_are_throttled_then_locked(demo_store):
    accounts.add_user(demo_store, SYSTEM, "kh", PASSWORD, "planner")
    now = T0
    for failure in range(1, LOCK_AFTER + 1):
        with login_refused("sai"):
            authenticate(demo_store, "kh", "sai-mat-khau", now=now)
        if failure < LOCK_AFTER:
            # growing delay: even the right password is refused until 2^(n-1) s have passed
            wait = 2 ** (failure - 1)
            with login_refused(f"thử lại sau {wait} giây"):
                authenticate(demo_store, "kh", PASSWORD, now=now + dt.timedelta(seconds=0.5))
            now += dt.timedelta(seconds=wait)
    # locked: the right password does not help until the lock expires
    with login_refused("tạm khóa"):
        authenticate(demo_store, "kh", PASSWORD, now=now + LOCK_FOR - dt.timedelta(seconds=1))
    assert accounts.get_user(demo_store, "kh").failed_logins == LOCK_AFTER
    assert (
        authenticate(demo_store, "kh", PASSWORD, now=now + LOCK_FOR + dt.timedelta(seconds=1)).name
        == "kh"
    )
    assert accounts.get_user(demo_store, "kh").failed_logins == 0
    denied = [o for a, o in _login_audit(demo_store) if o == "denied"]
    assert len(denied) == LOCK_AFTER + (LOCK_AFTER - 1) + 1  # every refusal logged


@pytest.mark.parametrize("attempts", [12, 16])
def test_simultaneous_logins_cannot_get_past_the_throttle(demo_store, attempts):
    """12 (16) wrong passwords at once: exactly one is checked, every other one must wait.

    The failure is counted in the transaction that checks the throttle, so every try but the
    first finds it; before, all of them read "0 failures" and each password was checked —
    a guessing attack ran at full speed past the lock.
    """
    accounts.add_user(demo_store, SYSTEM, "kh", PASSWORD, "planner")
    start = threading.Barrier(attempts)
    outcomes: list[str] = []

    def attempt(k: int) -> None:
        start.wait()
        try:
            authenticate(demo_store, "kh", f"sai-mat-khau-{k}", now=T0)
            outcomes.append("ok")
        except LoginFailed as refused:  # the cause, whatever the (one) message says
            outcomes.append(getattr(refused, "reason", str(refused)))

    threads = [threading.Thread(target=attempt, args=(k,)) for k in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(outcomes) == attempts
    checked = [o for o in outcomes if "thử lại sau" not in o]  # reached the password check
    assert len(checked) == 1, outcomes
    assert "sai" in checked[0]
    assert accounts.get_user(demo_store, "kh").failed_logins == 1
    with reading(demo_store) as session:
        denied = session.scalar(
            select(func.count())
            .select_from(AuditRow)
            .where(AuditRow.action == "login", AuditRow.outcome == "denied")
        )
    assert denied == attempts  # every refusal is in the audit log
    # and the right password is refused too until the delay has passed
    with login_refused("thử lại sau"):
        authenticate(demo_store, "kh", PASSWORD, now=T0 + dt.timedelta(seconds=0.5))
    assert authenticate(demo_store, "kh", PASSWORD, now=T0 + dt.timedelta(seconds=2)).name == "kh"


def test_every_failed_login_says_the_same(demo_store):
    """Unknown name, wrong password, disabled, locked, no password: one text (no enumeration)."""
    accounts.add_user(demo_store, SYSTEM, "kh", PASSWORD, "planner")
    accounts.add_user(demo_store, SYSTEM, "off", PASSWORD, "planner")
    accounts.add_user(demo_store, SYSTEM, "qt", PASSWORD, "admin")
    accounts.set_disabled(demo_store, SYSTEM, "off")
    texts = set()
    for name, password in (("nobody", PASSWORD), ("kh", "sai-mat-khau"), ("off", PASSWORD)):
        with pytest.raises(LoginFailed) as refused:
            authenticate(demo_store, name, password, now=T0)
        texts.add(str(refused.value))
    with pytest.raises(LoginFailed) as refused:  # too early after a failure
        authenticate(demo_store, "kh", PASSWORD, now=T0)
    texts.add(str(refused.value))
    assert texts == {labels.SAFETY["login_failed"]}
    assert "'kh'" not in labels.SAFETY["login_failed"]


def test_reset_clears_lock_and_changes_password(demo_store):
    accounts.add_user(demo_store, SYSTEM, "kh", PASSWORD, "planner")
    now = T0
    for _n in range(LOCK_AFTER):
        with pytest.raises(LoginFailed):
            authenticate(demo_store, "kh", "sai-mat-khau", now=now)
        now += dt.timedelta(minutes=2)
    accounts.reset_password(demo_store, SYSTEM, "kh", "mat-khau-moi-123")
    with pytest.raises(LoginFailed):
        authenticate(demo_store, "kh", PASSWORD, now=now)
    assert (
        authenticate(demo_store, "kh", "mat-khau-moi-123", now=now + dt.timedelta(minutes=1)).name
        == "kh"
    )
    with pytest.raises(NotFound):
        accounts.reset_password(demo_store, SYSTEM, "nobody", "mat-khau-moi-123")


def test_last_usable_admin_cannot_be_disabled(demo_store):
    accounts.add_user(demo_store, SYSTEM, "qt", PASSWORD, "admin")
    with pytest.raises(BadInput, match="quản trị cuối cùng"):
        accounts.set_disabled(demo_store, SYSTEM, "qt")
    accounts.add_user(demo_store, SYSTEM, "qt2", PASSWORD, "admin")
    assert accounts.set_disabled(demo_store, SYSTEM, "qt").disabled


def _open_sessions(engine, name: str) -> int:
    with reading(engine) as session:
        return session.scalar(
            select(func.count())
            .select_from(LoginSessionRow)
            .where(LoginSessionRow.user_name == name, LoginSessionRow.ended_at.is_(None))
        )


def test_disabling_an_account_ends_every_login_session_of_it_at_once(demo_store):
    accounts.add_user(demo_store, SYSTEM, "kh", PASSWORD, "planner")
    accounts.add_user(demo_store, SYSTEM, "kh2", PASSWORD, "planner")
    kh = Actor("kh", Role.PLANNER, None)
    office, home = start_session(demo_store, kh), start_session(demo_store, kh)
    other = start_session(demo_store, Actor("kh2", Role.PLANNER, None))
    accounts.set_disabled(demo_store, SYSTEM, "kh")
    assert _open_sessions(demo_store, "kh") == 0  # ended in the database, not only refused
    assert resume_session(demo_store, office) is None
    assert resume_session(demo_store, home) is None
    assert resume_session(demo_store, other) == Actor("kh2", Role.PLANNER, None)
    # Enabling the account again does not bring an ended session back: log in anew.
    accounts.set_disabled(demo_store, SYSTEM, "kh", False)
    assert resume_session(demo_store, office) is None
    assert resume_session(demo_store, start_session(demo_store, kh)) == kh


def test_a_password_reset_ends_every_login_session_of_the_account(demo_store):
    accounts.add_user(demo_store, SYSTEM, "kh", PASSWORD, "planner")
    kh = Actor("kh", Role.PLANNER, None)
    cookie = start_session(demo_store, kh)
    accounts.reset_password(demo_store, SYSTEM, "kh", "mat-khau-moi-123")
    assert _open_sessions(demo_store, "kh") == 0
    assert resume_session(demo_store, cookie) is None
    assert authenticate(demo_store, "kh", "mat-khau-moi-123").name == "kh"


def test_a_refused_disable_or_reset_ends_no_session(demo_store):
    accounts.add_user(demo_store, SYSTEM, "qt", PASSWORD, "admin")
    admin = Actor("qt", Role.ADMIN, None)
    cookie = start_session(demo_store, admin)
    with pytest.raises(BadInput):  # the last usable administrator
        accounts.set_disabled(demo_store, SYSTEM, "qt")
    with pytest.raises(BadInput):  # a password too short
        accounts.reset_password(demo_store, SYSTEM, "qt", "ngan")
    assert resume_session(demo_store, cookie) == admin
    assert _open_sessions(demo_store, "qt") == 1


# --- The command line (SQLite; the library above runs on both databases) -------------------
# In-process (planner.cli.main) to keep the suite fast; one test runs the real command.


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    load_demo(engine, "thanh-hoa-2017")
    engine.dispose()
    return path


@pytest.fixture
def run(demo_file, tmp_path, monkeypatch, capsys):
    """``run(*args, stdin=..., password=...)`` → Result, against a private copy of the demo."""
    db = tmp_path / "planner.sqlite3"
    shutil.copy(demo_file, db)

    def _run(*args: str, stdin: str = "", password: str | None = None) -> Result:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        if password is None:
            monkeypatch.delenv("PLANNER_PASSWORD", raising=False)
        else:
            monkeypatch.setenv("PLANNER_PASSWORD", password)
        capsys.readouterr()
        code = main([*args, "--db", f"sqlite:///{db}"])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return _run


def test_cli_bootstrap_then_authenticated_admin_as_a_real_command(cli):
    first = cli("users", "add", "kh", "--role", "planner", stdin=PASSWORD + "\n")
    assert first.returncode == 3 and "admin" in first.stderr
    assert cli("users", "add", "qt", "--role", "admin", stdin=PASSWORD + "\n").returncode == 0
    anonymous = cli("users", "add", "kh", "--role", "planner", stdin="mat-khau-kh\n")
    assert anonymous.returncode == 3 and "--as" in anonymous.stderr
    add = cli("users", "add", "kh", "--role", "planner", "--as", "qt",
              stdin="mat-khau-kh\n", env={"PLANNER_PASSWORD": PASSWORD})  # fmt: skip
    assert add.returncode == 0, add.stderr


def test_cli_writes_need_an_authenticated_admin(run):
    assert run("users", "add", "qt", "--role", "admin", stdin=PASSWORD + "\n").returncode == 0
    no_password = run(
        "users",
        "add",
        "dv",
        "--role",
        "district",
        "--centre",
        "380",
        "--as",
        "qt",
        stdin="mat-khau-dv\n",
    )
    assert no_password.returncode == 2 and "PLANNER_PASSWORD" in no_password.stderr
    add = run("users", "add", "dv", "--role", "district", "--centre", "380", "--as", "qt",
              stdin="mat-khau-dv\n", password=PASSWORD)  # fmt: skip
    assert add.returncode == 0, add.stderr
    wrong = run(
        "users",
        "add",
        "kh",
        "--role",
        "planner",
        "--as",
        "qt",
        stdin="mat-khau-kh\n",
        password="sai-mat-khau",
    )
    assert wrong.returncode == 3 and "Đăng nhập không thành công" in wrong.stderr
    listed = json.loads(run("users", "list", "--json").stdout)
    assert {(u["name"], u["role"], u["centre"]) for u in listed["users"]} == {
        ("qt", "admin", None),
        ("dv", "district", "380"),
    }
    assert all("hash" not in key for u in listed["users"] for key in u)


@pytest.mark.parametrize(
    "args",
    [
        ("--role", "district"),  # no centre
        ("--role", "district", "--centre", "999"),  # unknown centre
        ("--role", "admin", "--centre", "380"),  # a centre on a non-district account
    ],
)
def test_cli_bad_district_accounts_exit_2_and_save_nothing(run, args):
    run("users", "add", "qt", "--role", "admin", stdin=PASSWORD + "\n")
    result = run(
        "users", "add", "dv", *args, "--as", "qt", stdin="mat-khau-dv\n", password=PASSWORD
    )
    assert result.returncode == 2 and "--centre" in result.stderr
    assert [u["name"] for u in json.loads(run("users", "list", "--json").stdout)["users"]] == ["qt"]


def test_cli_empty_password_is_refused(run):
    result = run("users", "add", "qt", "--role", "admin", stdin="\n")
    assert result.returncode == 2 and "mật khẩu" in result.stderr


def test_cli_disable_and_reset(run):
    run("users", "add", "qt", "--role", "admin", stdin=PASSWORD + "\n")
    run(
        "users",
        "add",
        "kh",
        "--role",
        "planner",
        "--as",
        "qt",
        stdin="mat-khau-kh\n",
        password=PASSWORD,
    )
    assert run("users", "disable", "kh", "--as", "qt", password=PASSWORD).returncode == 0
    denied = run("users", "list", "--as", "kh", password="mat-khau-kh")
    assert denied.returncode == 3 and "khóa" in denied.stderr
    assert run("users", "disable", "ghost", "--as", "qt", password=PASSWORD).returncode == 2
    assert (
        run(
            "users", "reset", "kh", "--as", "qt", stdin="mat-khau-moi\n", password=PASSWORD
        ).returncode
        == 0
    )
    assert run("users", "enable", "kh", "--as", "qt", password=PASSWORD).returncode == 0
    planner_lists = run("users", "list", "--as", "kh", password="mat-khau-moi")
    assert planner_lists.returncode == 3  # a planner logs in fine but may not manage users
    assert "quản lý người dùng" in planner_lists.stderr


def test_cli_history_json_shape(run):
    result = run("history", "--centre", "380", "--json")
    assert result.returncode == 0, result.stderr
    versions = json.loads(result.stdout)["versions"]
    assert [(v["version"], v["by"], v["source"]) for v in versions] == [(1, "demo", "demo")]
    assert dt.datetime.fromisoformat(versions[0]["at"]).tzinfo is not None
    assert run("history", "--centre", "380").returncode == 0
    assert json.loads(run("history", "--centre", "380", "--diff", "1", "1").stdout)["added"] == []
    assert run("history", "--centre", "380", "--diff", "1", "2").returncode == 2


def test_cli_history_respects_the_reading_rule_with_as(run):
    run("users", "add", "qt", "--role", "admin", stdin=PASSWORD + "\n")
    run(
        "users",
        "add",
        "dv",
        "--role",
        "district",
        "--centre",
        "380",
        "--as",
        "qt",
        stdin="mat-khau-dv\n",
        password=PASSWORD,
    )
    assert (
        run("history", "--centre", "380", "--json", "--as", "dv", password="mat-khau-dv").returncode
        == 0
    )
    other = run("history", "--centre", "381", "--json", "--as", "dv", password="mat-khau-dv")
    assert other.returncode == 3 and "381" in other.stderr
