"""Editing prices and norms from a table: validated as a whole, saved as a new catalog version.

The table shows the current catalog's items (price, price date, source, confidence, lifetime,
priority) and norms (quantity, n, go-live). Rows keep their codes: an edit changes values, not
which items or norms exist (adding an item needs its norms and procurement field, which the
catalog files are for). Every problem is reported with its table, row and column; a note is
required so that the version history says why prices changed. Saving goes through
``planner.store.audit.audited_write`` and therefore through the permission check and the audit log.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from pydantic import ValidationError
from sqlalchemy import Engine

from planner import labels
from planner.auth import Action, Actor
from planner.catalog import Catalog, catalog_data, catalog_from_data, to_data
from planner.errors import BadInput, Problem, problems_from_validation
from planner.models import Item, Norm
from planner.store.audit import audited_write
from planner.store.catalogs import save_catalog

A, C = labels.APP, labels.COLUMN

# field → column label the user sees (the editable ones and the identifying ones)
ITEM_COLUMNS = {
    "code": C["item"], "name": C["item_name"], "unit": C["unit"], "unit_price": C["unit_price"],
    "price_date": A["price_date"], "source": A["price_source"], "confidence": A["confidence"],
    "lifetime_years": A["lifetime"], "priority_tier": A["priority"],
}
ITEM_EDITABLE = ("unit_price", "price_date", "source", "confidence", "lifetime_years", "priority_tier")
NORM_COLUMNS = {
    "level": C["level"], "item": C["item"], "basis": A["norm_basis"], "quantity": A["norm_quantity"],
    "n": A["norm_n"], "go_live": C["go_live"],
}
NORM_EDITABLE = ("quantity", "n", "go_live")
INTEGER_FIELDS = {"unit_price", "lifetime_years", "priority_tier", "n"}


def item_rows(catalog: Catalog) -> list[dict]:
    """The items table as the page shows it (column labels as keys)."""
    return [{ITEM_COLUMNS[k]: item.model_dump(mode="json")[k] for k in ITEM_COLUMNS} for item in catalog.items.values()]


def norm_rows(catalog: Catalog) -> list[dict]:
    return [{NORM_COLUMNS[k]: norm.model_dump(mode="json")[k] for k in NORM_COLUMNS} for norm in catalog.norms]


def _cell(field: str, value: object) -> object:
    """Table cells back to model input: NaN → None, whole floats → int for integer fields."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if field in INTEGER_FIELDS and isinstance(value, float) and value.is_integer():
        return int(value)
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalar
        return _cell(field, value.item())
    if hasattr(value, "isoformat") and field == "price_date":
        return value.isoformat()[:10]
    return value


def _edited(model, originals: Sequence, rows: Sequence[Mapping], columns: dict[str, str], editable: tuple,
            key: str, where: str, problems: list[Problem]) -> list:
    """Each original with its editable fields replaced by the row's, validated; problems collected."""
    out = []
    if len(rows) != len(originals):
        problems.append(Problem(where, None, None, len(rows), A["row_changed"]))
        return out
    for number, (original, row) in enumerate(zip(originals, rows, strict=True), start=1):
        data = original.model_dump(mode="json")
        if row.get(columns[key]) != data[key]:
            problems.append(Problem(where, number, columns[key], row.get(columns[key]), A["row_changed"]))
            continue
        data.update({f: _cell(f, row.get(columns[f])) for f in editable})
        try:
            out.append(model.model_validate(data))
        except ValidationError as exc:
            problems += problems_from_validation(exc, where, number, columns)
    return out


def edited_catalog(catalog: Catalog, items: Sequence[Mapping], norms: Sequence[Mapping], note: str) -> Catalog:
    """The catalog with the tables' values, or :class:`BadInput` listing every problem."""
    problems: list[Problem] = []
    if not note.strip():
        problems.append(Problem(A["catalog_note"], None, None, None, A["note_required"]))
    new_items = _edited(Item, list(catalog.items.values()), items, ITEM_COLUMNS, ITEM_EDITABLE, "code",
                        A["items_tab"], problems)
    new_norms = _edited(Norm, list(catalog.norms), norms, NORM_COLUMNS, NORM_EDITABLE, "item", A["norms_tab"], problems)
    if problems:
        raise BadInput(A["catalog_invalid"], problems)
    return catalog_from_data(catalog_data(new_items, new_norms, catalog.dependencies, catalog.policy), note.strip())


def save_edits(engine: Engine, actor: Actor, catalog: Catalog, items: Sequence[Mapping], norms: Sequence[Mapping],
               note: str) -> str | None:
    """Save the edited catalog as a new version; its version id, or None when nothing changed.

    The permission check comes first and every refusal (not allowed, invalid edits) is written
    to the audit log; the edits are validated and stored in one write transaction.
    """
    with audited_write(engine, actor, Action.WRITE_CATALOG, "catalog", log_success=False) as session:
        new = edited_catalog(catalog, items, norms, note)
        if to_data(new) == to_data(catalog):
            return None
        save_catalog(session, new, actor=actor, note=note.strip())
    return new.version
