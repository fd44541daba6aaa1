"""Stored catalog versions: each edit of prices or norms is a new version, the newest is current."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from planner.auth import Action, Actor, require
from planner.catalog import Catalog, catalog_from_data, to_data
from planner.store.audit import audited_write, record
from planner.store.tables import CatalogVersionRow


def save_catalog(session: Session, catalog: Catalog, *, actor: Actor, note: str = "") -> int:
    """Store ``catalog`` as the current version unless it equals the current one; return its id.

    Inside the caller's write transaction; only planners and administrators may. The audit line
    of a save commits with it; to have a refusal logged too, use :func:`publish_catalog`.
    """
    require(actor, Action.WRITE_CATALOG)
    current = _current_row(session)
    if current is not None and current.version == catalog.version:
        return current.id
    row = CatalogVersionRow(
        version=catalog.version, created_by=actor.name, note=note, data=to_data(catalog)
    )
    session.add(row)
    session.flush()
    record(session, actor, Action.WRITE_CATALOG, f"catalog:{catalog.version}")
    return row.id


def publish_catalog(engine: Engine, actor: Actor, catalog: Catalog, note: str = "") -> int:
    """Save ``catalog`` in its own transaction, logging the save or the refusal."""
    with audited_write(
        engine, actor, Action.WRITE_CATALOG, f"catalog:{catalog.version}", log_success=False
    ) as session:
        return save_catalog(session, catalog, actor=actor, note=note)


def _current_row(session: Session) -> CatalogVersionRow | None:
    return session.scalars(
        select(CatalogVersionRow).order_by(CatalogVersionRow.id.desc()).limit(1)
    ).first()


def current_catalog(session: Session) -> Catalog | None:
    row = _current_row(session)
    return catalog_from_data(row.data, row.note) if row else None


def catalog_history(session: Session) -> list[CatalogVersionRow]:
    return list(session.scalars(select(CatalogVersionRow).order_by(CatalogVersionRow.id)))
