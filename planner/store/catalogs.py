"""Stored catalog versions: each edit of prices or norms is a new version, the newest is current."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.catalog import Catalog, catalog_from_data, to_data
from planner.store.tables import CatalogVersionRow


def save_catalog(session: Session, catalog: Catalog, *, by: str, note: str = "") -> int:
    """Store ``catalog`` as the current version unless it equals the current one; return its id."""
    current = _current_row(session)
    if current is not None and current.version == catalog.version:
        return current.id
    row = CatalogVersionRow(version=catalog.version, created_by=by, note=note, data=to_data(catalog))
    session.add(row)
    session.flush()
    return row.id


def _current_row(session: Session) -> CatalogVersionRow | None:
    return session.scalars(select(CatalogVersionRow).order_by(CatalogVersionRow.id.desc()).limit(1)).first()


def current_catalog(session: Session) -> Catalog | None:
    row = _current_row(session)
    return catalog_from_data(row.data, row.note) if row else None


def catalog_history(session: Session) -> list[CatalogVersionRow]:
    return list(session.scalars(select(CatalogVersionRow).order_by(CatalogVersionRow.id)))
