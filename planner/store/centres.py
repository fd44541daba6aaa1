"""Stored centres: the dataset a database holds, in its order (provincial centre first)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.models import Centre
from planner.store.tables import CentreRow, MetaRow

DATASET_KEY = "dataset"


def save_centres(session: Session, dataset: str, centres: list[Centre]) -> int:
    """Insert centres not yet stored (idempotent); return how many were added."""
    known = set(session.scalars(select(CentreRow.code)))
    added = 0
    for position, centre in enumerate(centres):
        if centre.code in known:
            continue
        session.add(
            CentreRow(
                code=centre.code,
                dataset=dataset,
                position=position,
                name=centre.name,
                level=centre.level.value,
                data=centre.model_dump(mode="json"),
            )
        )
        added += 1
    if session.get(MetaRow, DATASET_KEY) is None:
        session.add(MetaRow(key=DATASET_KEY, value=dataset))
    return added


def stored_dataset(session: Session) -> str | None:
    row = session.get(MetaRow, DATASET_KEY)
    return row.value if row else None


def list_centres(session: Session, dataset: str | None = None) -> list[Centre]:
    """Centres of ``dataset`` (default: the one the database was loaded with), in dataset order."""
    dataset = dataset or stored_dataset(session)
    rows = session.scalars(
        select(CentreRow).where(CentreRow.dataset == dataset).order_by(CentreRow.position)
    )
    return [Centre.model_validate(row.data) for row in rows]


def get_centre(session: Session, code: str) -> Centre | None:
    row = session.get(CentreRow, code)
    return Centre.model_validate(row.data) if row else None
