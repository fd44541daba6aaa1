"""User accounts: add, list, disable, reset a password, and log in with throttling.

Only administrators manage accounts (``Action.MANAGE_USERS``). A district (or commune) account
belongs to exactly one existing centre; other roles belong to none. Passwords are stored as
argon2id hashes only (``planner.auth.hash_password``).

Login throttling: after n consecutive failures the next try is refused until
``retry_delay(n)`` has passed since the last failure (1 s, 2 s, 4 s, …), and after
``LOCK_AFTER`` failures the account is locked for ``LOCK_FOR``. Every failure is written to the
audit log and to the ``planner.store.accounts`` logger.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from dataclasses import dataclass
from typing import overload

from sqlalchemy import Engine, func, select, update

from planner import labels
from planner.auth import (
    LOCK_AFTER,
    LOCK_FOR,
    MIN_PASSWORD_LENGTH,
    ROLE_LABEL,
    Action,
    Actor,
    Role,
    hash_password,
    needs_rehash,
    require,
    retry_delay,
    verify_password,
)
from planner.errors import BadInput, NotFound, PermissionDenied, Problem
from planner.labels import ACCOUNT as A
from planner.labels import RECORDED
from planner.store.audit import DENIED, OK, audited_write, record
from planner.store.db import reading, writing
from planner.store.login_sessions import end_user_sessions
from planner.store.tables import CentreRow, UserRow, utcnow

log = logging.getLogger(__name__)

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
LOGIN = "login"


class LoginFailed(PermissionDenied):
    """Unknown user, wrong password, disabled or locked account, or too early to retry (exit 3).

    Its text is the same for every cause, so that login messages do not tell which account
    names exist; the cause is in :attr:`reason`, in the audit log and in the server log.
    """

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(labels.SAFETY["login_failed"])


@dataclass(frozen=True)
class Account:
    name: str
    role: Role
    centre: str | None
    disabled: bool
    has_password: bool
    created_at: dt.datetime
    created_by: str
    failed_logins: int
    locked_until: dt.datetime | None

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "role": self.role.value,
            "centre": self.centre,
            "disabled": self.disabled,
            "has_password": self.has_password,
            "created_at": self.created_at.isoformat(),
            "created_by": self.created_by,
            "failed_logins": self.failed_logins,
            "locked_until": self.locked_until.isoformat() if self.locked_until else None,
        }


@overload
def aware(value: dt.datetime) -> dt.datetime: ...
@overload
def aware(value: None) -> None: ...
def aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    return value.replace(tzinfo=dt.UTC) if value is not None and value.tzinfo is None else value


def _account(row: UserRow) -> Account:
    return Account(
        name=row.name,
        role=Role(row.role),
        centre=row.centre_code,
        disabled=row.disabled,
        has_password=row.password_hash is not None,
        created_at=aware(row.created_at),
        created_by=row.created_by,
        failed_logins=row.failed_logins,
        locked_until=aware(row.locked_until),
    )


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise BadInput(
            A["password_invalid"],
            [
                Problem(
                    A["password"],
                    None,
                    None,
                    None,
                    A["password_short"].format(length=MIN_PASSWORD_LENGTH),
                )
            ],
        )


def _check_new_account(session, name: str, role: Role, centre: str | None) -> None:
    """Every reason to refuse a new account, reported together (nothing is saved)."""
    problems = []
    where = A["account"]
    if not NAME_PATTERN.match(name):
        problems.append(Problem(where, None, A["name"], name, A["name_chars"]))
    elif session.get(UserRow, name) is not None:
        problems.append(Problem(where, None, A["name"], name, A["name_taken"]))
    if role == Role.DISTRICT and not centre:
        problems.append(Problem(where, None, "--centre", None, A["centre_needed"]))
    elif role != Role.DISTRICT and centre:
        problems.append(Problem(where, None, "--centre", centre, A["centre_only_district"]))
    elif centre and session.get(CentreRow, centre) is None:
        problems.append(Problem(where, None, "--centre", centre, A["centre_unknown"]))
    if problems:
        raise BadInput(A["not_created"].format(name=name), problems)


def add_user(
    engine: Engine,
    actor: Actor,
    name: str,
    password: str,
    role: Role | str,
    centre: str | None = None,
) -> Account:
    """Create an account (administrators only); refuse a bad name, role, centre or password."""
    with audited_write(engine, actor, Action.MANAGE_USERS, f"user:{name}") as session:
        try:
            role = Role(role)
        except ValueError:
            raise BadInput(A["bad_role"].format(role=role)) from None
        _check_new_account(session, name, role, centre)
        _check_password(password)
        row = UserRow(
            name=name,
            password_hash=hash_password(password),
            role=role.value,
            centre_code=centre,
            disabled=False,
            created_by=actor.name,
            failed_logins=0,
        )
        session.add(row)
        session.flush()
        return _account(row)


def list_users(engine: Engine, actor: Actor) -> list[Account]:
    require(actor, Action.MANAGE_USERS)
    with reading(engine) as session:
        return [_account(row) for row in session.scalars(select(UserRow).order_by(UserRow.name))]


def get_user(engine: Engine, name: str) -> Account | None:
    with reading(engine) as session:
        row = session.get(UserRow, name)
        return _account(row) if row else None


def _existing(session, name: str) -> UserRow:
    row = session.get(UserRow, name)
    if row is None:
        raise NotFound(A["no_user"].format(name=name))
    return row


def _usable_admins(session):
    return (
        select(func.count())
        .select_from(UserRow)
        .where(
            UserRow.role == Role.ADMIN.value,
            UserRow.disabled.is_(False),
            UserRow.password_hash.is_not(None),
        )
    )


def set_disabled(engine: Engine, actor: Actor, name: str, disabled: bool = True) -> Account:
    """Disable (or enable again) an account; the last usable administrator cannot be disabled.

    Disabling ends every login session of the account in the same transaction, so its cookie
    is refused on the next page load (enabling it again does not bring them back).
    """
    verb = "disable" if disabled else "enable"
    with audited_write(engine, actor, Action.MANAGE_USERS, f"user:{name}:{verb}") as session:
        row = _existing(session, name)
        if (
            disabled
            and row.role == Role.ADMIN.value
            and session.scalar(_usable_admins(session)) <= 1
        ):
            raise BadInput(A["last_admin"].format(name=name))
        row.disabled = disabled
        if disabled:
            end_user_sessions(session, name)
        return _account(row)


def reset_password(engine: Engine, actor: Actor, name: str, password: str) -> Account:
    """Set a new password, clear the failure count and any lock, and end every login session
    of the account (whoever held the old password, or a cookie earned with it, is out)."""
    with audited_write(engine, actor, Action.MANAGE_USERS, f"user:{name}:reset") as session:
        row = _existing(session, name)
        _check_password(password)
        row.password_hash = hash_password(password)
        row.failed_logins = 0
        row.last_failed_at = None
        row.locked_until = None
        end_user_sessions(session, name)
        return _account(row)


def bootstrap_allowed(engine: Engine) -> bool:
    """True while no enabled administrator with a password exists (new or restored database).

    Only then may the command line create the first administrator without logging in.
    """
    with reading(engine) as session:
        return session.scalar(_usable_admins(session)) == 0


@labels.in_vietnamese  # the reason is stored in the audit log (the date too)
def _refusal(row: UserRow | None, now: dt.datetime) -> str | None:
    """Why a login is refused before the password is even checked, or None."""
    if row is None:
        return None  # checked after the (dummy) hash so the timing is the same
    if row.disabled:
        return RECORDED["login_disabled"]
    if row.locked_until and aware(row.locked_until) > now:
        return RECORDED["login_locked_until"].format(until=labels.date(aware(row.locked_until)))
    if row.failed_logins and row.last_failed_at:
        wait = aware(row.last_failed_at) + retry_delay(row.failed_logins) - now
        if wait.total_seconds() > 0:
            return RECORDED["login_retry"].format(seconds=math.ceil(wait.total_seconds()))
    return None


def _reserve(
    engine: Engine, name: str, now: dt.datetime
) -> tuple[str | None, str | None, Actor | None]:
    """Check and count the attempt in one write transaction; ``(refusal, hash, actor)``.

    This is what makes the throttle hold under simultaneous tries: the row is locked (``SELECT …
    FOR UPDATE`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` admits one writer at a time), the
    refusal rules are read, and an allowed attempt is counted as a failure *before* its
    password is checked — so the next attempt, even one started in the same millisecond, sees
    it and must wait ``retry_delay``. A right password then clears the count
    (:func:`_succeed`); a wrong one leaves it. A refused attempt is audited in the same
    transaction.
    """
    with writing(engine) as session:
        row = session.get(UserRow, name, with_for_update=True)
        refusal = _refusal(row, now)
        if refusal is None and row is None:
            refusal = RECORDED["login_unknown"]
        elif refusal is None and row is not None and row.password_hash is None:
            refusal = RECORDED["login_no_password"]
        if refusal is not None or row is None:
            record(session, name, LOGIN, f"user:{name}", DENIED, refusal or "")
            return refusal, None, None
        row.failed_logins = (row.failed_logins or 0) + 1
        row.last_failed_at = now
        if row.failed_logins >= LOCK_AFTER:
            row.locked_until = now + LOCK_FOR
        return None, row.password_hash, Actor(row.name, Role(row.role), row.centre_code)


def _wrong_password(engine: Engine, name: str) -> str:
    """Audit a wrong password (already counted by :func:`_reserve`); the reason logged."""
    reason = RECORDED["login_wrong_password"]
    with writing(engine) as session:
        row = session.get(UserRow, name)
        if row is not None and row.failed_logins >= LOCK_AFTER:
            reason += RECORDED["login_locked_for"].format(
                minutes=int(LOCK_FOR.total_seconds() // 60)
            )
        record(session, name, LOGIN, f"user:{name}", DENIED, reason)
    return reason


def _succeed(engine: Engine, actor: Actor, stored_hash: str, password: str) -> None:
    with writing(engine) as session:
        values: dict[str, object] = {
            "failed_logins": 0,
            "last_failed_at": None,
            "locked_until": None,
        }
        if needs_rehash(stored_hash):
            values["password_hash"] = hash_password(password)
        session.execute(update(UserRow).where(UserRow.name == actor.name).values(**values))
        record(session, actor, LOGIN, f"user:{actor.name}", OK, ROLE_LABEL[actor.role])


def authenticate(
    engine: Engine, name: str, password: str, *, now: dt.datetime | None = None
) -> Actor:
    """The :class:`Actor` for ``name`` if the password is right and the account may log in.

    The attempt is checked and counted first (:func:`_reserve`, one short write transaction);
    the hash is then verified outside any transaction (argon2 is deliberately slow and must not
    hold the SQLite write lock). Refused attempts verify a dummy hash too, so every failure
    costs the same time and says the same thing (:class:`LoginFailed`).
    """
    now = now or utcnow()
    refusal, stored_hash, actor = _reserve(engine, name, now)
    if refusal is not None or stored_hash is None or actor is None:
        verify_password(None, password)  # same cost as a real check
        log.warning("login refused for %r: %s", name, refusal)
        raise LoginFailed(refusal or "")
    if not verify_password(stored_hash, password):
        reason = _wrong_password(engine, name)
        log.warning("login refused for %r: %s", name, reason)
        raise LoginFailed(reason)
    _succeed(engine, actor, stored_hash, password)
    return actor
