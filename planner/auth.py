"""Who may do what. Every write in the library calls :func:`require` with the acting user.

The rules (issue "Accounts, roles and survey history"):

- a ``district`` user (a commune user likewise) writes only the survey of the one centre the
  account belongs to, and reads its own surveys and the published totals;
- a ``planner`` writes catalogs, norms, policies and scenarios, and reads every survey;
- an ``admin`` manages user accounts (and may do what a planner does).

Hiding a page in the web app is not authorisation: the check is here, so the app, the CLI and
any script get the same answer.

Passwords are hashed with argon2id (argon2-cffi's defaults, the OWASP recommendation); failed
logins are throttled by :func:`retry_delay` and :data:`LOCK_AFTER` (see
``planner.store.accounts.authenticate``: each attempt is counted in the same transaction that
checks the throttle, before its password is verified, so simultaneous tries cannot all slip
through, and every failed login gets the same message).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from planner import labels
from planner.errors import PermissionDenied


class Role(StrEnum):
    PLANNER = "planner"
    DISTRICT = "district"
    ADMIN = "admin"


ROLE_LABEL = labels.ROLE  # keyed by the Role values; read in the session's language


class Action(StrEnum):
    WRITE_SURVEY = "write_survey"
    READ_SURVEY = "read_survey"
    WRITE_CATALOG = "write_catalog"
    WRITE_SCENARIO = "write_scenario"
    RUN_SCENARIO = "run_scenario"
    MANAGE_USERS = "manage_users"
    LOAD_DATA = "load_data"
    BACKUP = "backup"
    SET_SURVEY_ROUND = "set_survey_round"


ACTION_LABEL = labels.ACTION  # keyed by the Action values; read in the session's language

_ALLOWED = {
    Role.PLANNER: {
        Action.READ_SURVEY,
        Action.WRITE_CATALOG,
        Action.WRITE_SCENARIO,
        Action.RUN_SCENARIO,
        Action.SET_SURVEY_ROUND,
    },
    Role.ADMIN: set(Action),
    Role.DISTRICT: {Action.WRITE_SURVEY, Action.READ_SURVEY},
}

# Planners read every survey but do not write one: the survey is the district's statement.
_CENTRE_BOUND = {Action.WRITE_SURVEY, Action.READ_SURVEY}


@dataclass(frozen=True)
class Actor:
    """The user a library call acts for."""

    name: str
    role: Role
    centre: str | None = None


SYSTEM = Actor("system", Role.ADMIN)


def allowed(actor: Actor, action: Action, centre: str | None = None) -> bool:
    if action not in _ALLOWED[actor.role]:
        return False
    if actor.role == Role.DISTRICT and action in _CENTRE_BOUND:
        return centre is not None and centre == actor.centre
    return True


def require(actor: Actor, action: Action, centre: str | None = None) -> None:
    """Raise :class:`PermissionDenied` (CLI exit 3) unless ``actor`` may do ``action``."""
    if not allowed(actor, action, centre):
        target = labels.PERMISSION["of_centre"].format(centre=centre) if centre else ""
        raise PermissionDenied(
            labels.PERMISSION["denied"].format(
                name=actor.name, role=ROLE_LABEL[actor.role], action=ACTION_LABEL[action]
            )
            + target
        )


# --- Passwords and login throttling ---------------------------------------------------------

_HASHER = PasswordHasher()
# Verified against when the user name is unknown, so that a wrong name costs as long as a
# wrong password and response times do not reveal which accounts exist.
_DUMMY_HASH = _HASHER.hash("not-anybodys-password")

MIN_PASSWORD_LENGTH = 8
LOCK_AFTER = 5  # consecutive failures that lock the account
LOCK_FOR = dt.timedelta(minutes=15)
MAX_DELAY = dt.timedelta(seconds=60)


def hash_password(password: str) -> str:
    """An argon2id hash string (salt and parameters included) to store instead of the password."""
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; a missing or malformed hash never matches."""
    try:
        return _HASHER.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's (rehash on next login)."""
    return _HASHER.check_needs_rehash(stored_hash)


def retry_delay(failures: int) -> dt.timedelta:
    """Wait imposed after ``failures`` consecutive failed logins: 0, then 1 s, 2 s, 4 s, … ≤ 60 s.

    Doubling makes guessing slow (n tries cost about 2ⁿ seconds) while a user who mistypes once
    waits a second; after :data:`LOCK_AFTER` failures the account is locked for :data:`LOCK_FOR`.
    """
    if failures <= 0:
        return dt.timedelta(0)
    return min(dt.timedelta(seconds=2 ** (failures - 1)), MAX_DELAY)
