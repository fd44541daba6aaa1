"""The owner (chủ đầu tư) of each package, by centre and by date.

Equipment, software and network lines are bought by the plan's owner (the department named in
``organisations.csv`` as of the dataset's date: Sở TT&TT until 2025, Sở KH&CN after). A
centre's renovation is a works investment of the body the centre belongs to, so its works and
consulting packages name that body instead: the provincial centre's renovation the Provincial
People's Committee Office (the 2017 letter gives it the renovation plan; from 2025 the centre is
a unit of that Office, Decision 58/2025/QĐ-UBND), a district or commune centre's renovation its
own People's Committee. The names, their dates, sources and confidence are rows of
``catalogs/organisations.csv`` (roles ``investment_owner_province`` and
``investment_owner_local``); facts not checked against a decision are marked ``unconfirmed``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner import labels
from planner.models import Centre, Confidence, Level
from planner.organisations import Naming, Role, naming_on


def _centre_prefixes() -> tuple[str, ...]:
    """How centre names begin (2017 and 2025 wording), to leave the unit's own name."""
    since_2025 = labels.RECORDED["centre_ward"].rsplit(" ", 1)[0] + " "
    return (labels.RECORDED["centre_prefix_2017"], since_2025)


@dataclass(frozen=True)
class Owner:
    """Who owns a package, with the row it comes from (what is confirmed and what is assumed)."""

    name: str
    source: str = ""
    confidence: Confidence | None = None


def unit_name(centre: Centre) -> str:
    """The administrative unit a centre serves, from its name (lower-case unit word first).

    "Trung tâm Hành chính công thành phố Thanh Hóa" → "thành phố Thanh Hóa";
    "Trung tâm Phục vụ hành chính công phường Hàm Rồng" → "phường Hàm Rồng".
    """
    unit = centre.name
    for prefix in _centre_prefixes():
        if unit.lower().startswith(prefix.lower()):
            unit = unit[len(prefix) :].strip() or centre.name
            break
    return unit[:1].lower() + unit[1:]


def investment_owner(
    centre: Centre | None, on: dt.date, namings: list[Naming] | None = None
) -> Owner | None:
    """The owner of ``centre``'s works investment on ``on``; ``None`` when the data names none.

    The provincial centre → ``investment_owner_province``; any other centre →
    ``investment_owner_local`` with ``{unit}`` replaced by the centre's unit
    (:func:`unit_name`).
    """
    if centre is None:
        return None
    province = centre.level == Level.PROVINCE
    role = Role.INVESTMENT_OWNER_PROVINCE if province else Role.INVESTMENT_OWNER_LOCAL
    row = naming_on(role, on, namings)
    if row is None:
        return None
    return Owner(row.name.replace("{unit}", unit_name(centre)), row.source, row.confidence)


def plan_owner(name: str, on: dt.date, namings: list[Naming] | None = None) -> Owner:
    """The plan's own owner (equipment packages) with its source when the data names it."""
    row = naming_on(Role.OWNER, on, namings)
    if row is not None and row.name == name:
        return Owner(row.name, row.source, row.confidence)
    return Owner(name)
