"""Login sessions that survive a page reload: a signed, expiring cookie backed by a database row.

Why both a signature and a row: the cookie is signed (``itsdangerous``, keyed by a secret kept in
the database or given in ``PLANNER_SESSION_KEY``) so that a forged or altered cookie is refused
before any lookup, and it expires after :data:`LIFETIME` even if copied. The row, keyed by the
SHA-256 of a random token carried inside the cookie, is what lets logout end the session at once
on the server side (a cookie the browser kept is no longer accepted), whatever the browser does.
Disabling an account or resetting its password ends every open session of that account at
once, in the same transaction (:func:`end_user_sessions`, called by
:mod:`planner.store.accounts`): a cookie copied before a reset must not outlive the password it
was earned with. Every resume also re-reads the account, so changing its role or centre ends
every open session on that user's next click too.

The secret is generated on first use (``secrets.token_urlsafe``) and stored in ``app_secrets``;
it never leaves the server. Changing it (or setting ``PLANNER_SESSION_KEY``) logs everybody out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import DateTime, Engine, String, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from planner.auth import Actor, Role
from planner.store.db import reading, writing
from planner.store.tables import Base, UserRow, utcnow

COOKIE = "hcc_planner_session"
LIFETIME = dt.timedelta(hours=12)  # one working day; then the user logs in again
KEY_ENV = "PLANNER_SESSION_KEY"
_KEY_NAME = "session_signing_key"
_SALT = "hcc-planner-login"


class AppSecretRow(Base):
    """Server-side secrets (only the session signing key so far); never in a backup or export."""

    __tablename__ = "app_secrets"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(255))


class LoginSessionRow(Base):
    """One login: the token's hash (never the token), whose it is, until when, when it ended."""

    __tablename__ = "login_sessions"
    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_name: Mapped[str] = mapped_column(String(80), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


def signing_key(engine: Engine) -> str:
    """``PLANNER_SESSION_KEY`` if set, else the stored key, generated and stored on first use."""
    configured = os.environ.get(KEY_ENV)
    if configured:
        return configured
    with reading(engine) as session:
        row = session.get(AppSecretRow, _KEY_NAME)
        if row is not None:
            return row.value
    try:
        with writing(engine) as session:
            session.add(AppSecretRow(name=_KEY_NAME, value=secrets.token_urlsafe(48)))
    except IntegrityError:
        pass  # another server process stored one first: use theirs
    with reading(engine) as session:
        stored = session.get(AppSecretRow, _KEY_NAME)
        assert stored is not None
        return stored.value


def _serializer(engine: Engine) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(signing_key(engine), salt=_SALT)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back naive datetimes; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def start_session(engine: Engine, actor: Actor) -> str:
    """Record a new login for an authenticated ``actor``; the value to put in the cookie."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with writing(engine) as session:
        session.add(
            LoginSessionRow(
                token_sha256=_digest(token),
                user_name=actor.name,
                created_at=now,
                expires_at=now + LIFETIME,
            )
        )
    return _serializer(engine).dumps({"token": token, "user": actor.name})


def _token(engine: Engine, cookie: str) -> tuple[str, str] | None:
    """(token, user) from a cookie whose signature is good and not older than LIFETIME."""
    try:
        payload = _serializer(engine).loads(cookie, max_age=int(LIFETIME.total_seconds()))
    except BadSignature:  # also SignatureExpired, its subclass
        return None
    if not isinstance(payload, dict):
        return None
    token, user = payload.get("token"), payload.get("user")
    if not isinstance(token, str) or not isinstance(user, str):
        return None
    return token, user


def resume_session(engine: Engine, cookie: str | None) -> Actor | None:
    """The user a cookie logs in, or None if it is forged, expired, ended, or the account is
    disabled or gone. Role and centre come from the account now, not from the cookie."""
    if not cookie:
        return None
    found = _token(engine, cookie)
    if found is None:
        return None
    token, user = found
    with reading(engine) as session:
        row = session.get(LoginSessionRow, _digest(token))
        if row is None or row.user_name != user or row.ended_at is not None:
            return None
        if _aware(row.expires_at) <= utcnow():
            return None
        account = session.get(UserRow, user)
        if account is None or account.disabled or account.password_hash is None:
            return None
        return Actor(account.name, Role(account.role), account.centre_code)


def end_session(engine: Engine, cookie: str | None) -> None:
    """Logout: the session's row is marked ended, so the same cookie is refused from now on."""
    if not cookie:
        return
    found = _token(engine, cookie)
    if found is None:
        return
    with writing(engine) as session:
        row = session.get(LoginSessionRow, _digest(found[0]))
        if row is not None and row.ended_at is None:
            row.ended_at = utcnow()


def end_user_sessions(session: Session, user_name: str) -> int:
    """End every open login of ``user_name`` inside the caller's transaction; how many ended.

    Called where an account is disabled or its password reset, so that the change and the end
    of its sessions commit together: no window where the account is disabled yet a cookie still
    opens a page.
    """
    result = session.execute(
        update(LoginSessionRow)
        .where(LoginSessionRow.user_name == user_name, LoginSessionRow.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
    return int(getattr(result, "rowcount", 0) or 0)
