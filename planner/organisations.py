"""Who is named on a plan, by date: the owner (investor), the approving body, the centre's parent.

Names change with the administration: the Department of Information and Communications
(Sở Thông tin và Truyền thông) merged into the Department of Science and Technology (Sở Khoa
học và Công nghệ) in 2025, and since 2025 the provincial centre belongs to the Provincial
People's Committee Office (Thanh Hoá Decision 58/2025/QĐ-UBND). So the names are data
(``catalogs/organisations.csv``): for a date, each role takes the row with the latest
``valid_from`` not after it, and a dataset is named as of its own date (:data:`DATASET_DATE`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from planner import labels
from planner.catalog import CATALOG_DIR
from planner.csvdata import load_models
from planner.errors import BadInput
from planner.models import Confidence

# The date each dataset describes (the demo's survey date): 2017 letter, 2025 reorganisation.
DATASET_DATE = {"thanh-hoa-2017": dt.date(2017, 6, 1), "thanh-hoa-2025": dt.date(2025, 9, 1)}

COLUMNS = ("role", "valid_from", "name", "source", "confidence")


class Role(StrEnum):
    OWNER = "owner"
    APPROVER = "approver"
    CENTRE_PARENT = "centre_parent"
    # Owners of a centre's works investment (renovation): see planner.procurement.owners.
    INVESTMENT_OWNER_PROVINCE = "investment_owner_province"
    INVESTMENT_OWNER_LOCAL = "investment_owner_local"


class Naming(BaseModel):
    """One row of ``organisations.csv``: a role's name from ``valid_from`` on."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    role: Role
    valid_from: dt.date
    name: str = Field(min_length=1)
    source: str = Field(min_length=1)
    confidence: Confidence


@dataclass(frozen=True)
class Organisations:
    """The names in force on ``on``; a role without a row is ``None``."""

    on: dt.date
    owner: Naming | None
    approver: Naming | None
    centre_parent: Naming | None

    @property
    def owner_name(self) -> str:
        return self.owner.name if self.owner else ""

    @property
    def approver_name(self) -> str:
        return self.approver.name if self.approver else ""


def load_namings(path: Path | None = None) -> list[Naming]:
    return load_models(
        path or CATALOG_DIR / "organisations.csv",
        Naming,
        converters={},
        required=COLUMNS,
        key=lambda row: (row.role, row.valid_from),
    )


def organisations_on(on: dt.date, namings: list[Naming] | None = None) -> Organisations:
    """Per role, the name of the row with the latest ``valid_from`` ≤ ``on``."""
    rows = load_namings() if namings is None else namings

    def pick(role: Role) -> Naming | None:
        valid = [r for r in rows if r.role == role and r.valid_from <= on]
        return max(valid, key=lambda r: r.valid_from) if valid else None

    return Organisations(on, pick(Role.OWNER), pick(Role.APPROVER), pick(Role.CENTRE_PARENT))


def naming_on(role: Role, on: dt.date, namings: list[Naming] | None = None) -> Naming | None:
    """The row of ``role`` with the latest ``valid_from`` ≤ ``on`` (``None``: not named yet)."""
    rows = load_namings() if namings is None else namings
    valid = [r for r in rows if r.role == role and r.valid_from <= on]
    return max(valid, key=lambda r: r.valid_from) if valid else None


def dataset_date(dataset: str) -> dt.date:
    if dataset not in DATASET_DATE:
        raise BadInput(
            labels.DATA_FILE["unknown_dataset"].format(
                dataset=dataset, known=", ".join(DATASET_DATE)
            )
        )
    return DATASET_DATE[dataset]


def organisations_for(dataset: str, namings: list[Naming] | None = None) -> Organisations:
    """The names a plan of ``dataset`` carries (as of the dataset's own date)."""
    return organisations_on(dataset_date(dataset), namings)
