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
from typing import SupportsFloat, cast

from pydantic import ValidationError
from sqlalchemy import Engine

from planner import labels
from planner.auth import Action, Actor
from planner.catalog import Catalog, catalog_data, catalog_from_data, to_data
from planner.errors import BadInput, Problem, problems_from_validation
from planner.models import Category, CostShare, Item, Norm, Policy
from planner.store.audit import audited_write
from planner.store.catalogs import save_catalog

A, C = labels.APP, labels.COLUMN

# field → column label the user sees (the editable ones and the identifying ones)
# (a labels.table_of: read in the session's language at each lookup, not frozen at import)
ITEM_COLUMNS = labels.table_of(
    "ITEM_COLUMNS",
    {
        "code": (C, "item"),
        "name": (C, "item_name"),
        "unit": (C, "unit"),
        "unit_price": (C, "unit_price"),
        "price_date": (A, "price_date"),
        "source": (A, "price_source"),
        "confidence": (A, "confidence"),
        "lifetime_years": (A, "lifetime"),
        "priority_tier": (A, "priority"),
    },
)
ITEM_EDITABLE = (
    "unit_price",
    "price_date",
    "source",
    "confidence",
    "lifetime_years",
    "priority_tier",
)
NORM_COLUMNS = labels.table_of(
    "NORM_COLUMNS",
    {
        "level": (C, "level"),
        "item": (C, "item"),
        "basis": (A, "norm_basis"),
        "quantity": (A, "norm_quantity"),
        "n": (A, "norm_n"),
        "go_live": (C, "go_live"),
    },
)
NORM_EDITABLE = ("quantity", "n", "go_live")
INTEGER_FIELDS = {"unit_price", "lifetime_years", "priority_tier", "n"}


def item_rows(catalog: Catalog) -> list[dict]:
    """The items table as the page shows it (column labels as keys)."""
    return [
        {ITEM_COLUMNS[k]: item.model_dump(mode="json")[k] for k in ITEM_COLUMNS}
        for item in catalog.items.values()
    ]


def norm_rows(catalog: Catalog) -> list[dict]:
    return [
        {NORM_COLUMNS[k]: norm.model_dump(mode="json")[k] for k in NORM_COLUMNS}
        for norm in catalog.norms
    ]


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


def _edited(
    model,
    originals: Sequence,
    rows: Sequence[Mapping],
    columns: dict[str, str],
    editable: tuple,
    key: str,
    where: str,
    problems: list[Problem],
) -> list:
    """Each original with its editable fields replaced by the row's, validated; problems collected."""
    out: list = []
    if len(rows) != len(originals):
        problems.append(Problem(where, None, None, len(rows), A["row_changed"]))
        return out
    for number, (original, row) in enumerate(zip(originals, rows, strict=True), start=1):
        data = original.model_dump(mode="json")
        if row.get(columns[key]) != data[key]:
            problems.append(
                Problem(where, number, columns[key], row.get(columns[key]), A["row_changed"])
            )
            continue
        data.update({f: _cell(f, row.get(columns[f])) for f in editable})
        try:
            out.append(model.model_validate(data))
        except ValidationError as exc:
            problems += problems_from_validation(exc, where, number, columns)
    return out


SHARE_TOLERANCE = (
    1e-6  # shares typed as decimals add to 1 within this; the largest absorbs the rest
)


def share_columns(policy: Policy) -> dict[str, str]:
    """Cost-share table columns: category, mountainous flag, then one column per funding source."""
    return {
        "category": C["category"],
        "mountainous": A["mountainous_row"],
        **{s.code: s.name for s in policy.funding_sources},
    }


def share_rows(catalog: Catalog) -> list[dict]:
    """One row per category × mountainous (yes, no): the share each source pays (0 when none)."""
    policy, columns = catalog.policy, share_columns(catalog.policy)
    rows = []
    for category in Category:
        for flag in (True, False):
            shares = policy.shares_for(category, flag) or {}
            rows.append(
                {
                    columns["category"]: labels.CATEGORY[category.value],
                    columns["mountainous"]: labels.YES_NO[flag],
                    **{
                        columns[s.code]: float(shares.get(s.code, 0.0))
                        for s in policy.funding_sources
                    },
                }
            )
    return rows


def _share_row(
    row: Mapping, number: int, codes: list[str], columns: dict[str, str], problems: list[Problem]
) -> dict[str, float] | None:
    """One row's shares: each a number ≥ 0 (blank = 0), together 1 (Σ_s share_s = 1)."""
    where, shares, ok = A["shares_tab"], {}, True
    for code in codes:
        value = _cell("share", row.get(columns[code]))
        try:
            share = 0.0 if value is None else float(cast(SupportsFloat, value))
        except (TypeError, ValueError):
            share = -1.0
        if math.isnan(share) or share < 0:
            problems.append(Problem(where, number, columns[code], value, A["share_negative"]))
            ok = False
        shares[code] = share
    if not ok:
        return None
    total = sum(shares.values())
    if abs(total - 1) > SHARE_TOLERANCE:
        problems.append(
            Problem(
                where,
                number,
                C["total"],
                labels.number(total, 4),
                A["share_sum"].format(total=labels.number(total, 4)),
            )
        )
        return None
    largest = max(shares, key=shares.__getitem__)
    shares[largest] += 1 - total
    return {code: share for code, share in shares.items() if share > 0}


def edited_policy(policy: Policy, rows: Sequence[Mapping], problems: list[Problem]) -> Policy:
    """The policy with the table's cost shares (problems collected; the old policy if any).

    A category whose two rows (mountainous or not) are equal becomes one rule for every
    centre; otherwise one rule per flag. An unchanged table returns ``policy`` itself, so that
    saving it makes no new version.
    """
    columns, codes = share_columns(policy), [s.code for s in policy.funding_sources]
    expected = [
        (labels.CATEGORY[c.value], labels.YES_NO[f]) for c in Category for f in (True, False)
    ]
    if len(rows) != len(expected):
        problems.append(Problem(A["shares_tab"], None, None, len(rows), A["row_changed"]))
        return policy
    shares: dict[tuple[Category, bool], dict[str, float]] = {}
    for number, (row, key, (category, flag)) in enumerate(
        zip(rows, expected, [(c, f) for c in Category for f in (True, False)], strict=True), start=1
    ):
        if (row.get(columns["category"]), row.get(columns["mountainous"])) != key:
            problems.append(
                Problem(
                    A["shares_tab"],
                    number,
                    columns["category"],
                    row.get(columns["category"]),
                    A["row_changed"],
                )
            )
            continue
        parsed = _share_row(row, number, codes, columns, problems)
        if parsed is not None:
            shares[(category, flag)] = parsed
    if len(shares) < len(expected):
        return policy
    if all(
        shares[(c, f)] == {k: v for k, v in (policy.shares_for(c, f) or {}).items() if v > 0}
        for c in Category
        for f in (True, False)
    ):
        return policy
    rules = []
    for category in Category:
        if shares[(category, True)] == shares[(category, False)]:
            rules.append(CostShare(category=category, shares=shares[(category, True)]))
        else:
            rules += [
                CostShare(category=category, mountainous=f, shares=shares[(category, f)])
                for f in (True, False)
            ]
    return policy.model_copy(update={"cost_shares": tuple(rules)})


def edited_catalog(
    catalog: Catalog,
    items: Sequence[Mapping],
    norms: Sequence[Mapping],
    note: str,
    shares: Sequence[Mapping] | None = None,
) -> Catalog:
    """The catalog with the tables' values, or :class:`BadInput` listing every problem.

    ``shares`` is the cost-share table (:func:`share_rows`); ``None`` keeps the policy.
    """
    problems: list[Problem] = []
    if not note.strip():
        problems.append(Problem(A["catalog_note"], None, None, None, A["note_required"]))
    new_items = _edited(
        Item,
        list(catalog.items.values()),
        items,
        ITEM_COLUMNS,
        ITEM_EDITABLE,
        "code",
        A["items_tab"],
        problems,
    )
    new_norms = _edited(
        Norm,
        list(catalog.norms),
        norms,
        NORM_COLUMNS,
        NORM_EDITABLE,
        "item",
        A["norms_tab"],
        problems,
    )
    policy = catalog.policy if shares is None else edited_policy(catalog.policy, shares, problems)
    if problems:
        raise BadInput(A["catalog_invalid"], problems)
    return catalog_from_data(
        catalog_data(new_items, new_norms, catalog.dependencies, policy), note.strip()
    )


def save_edits(
    engine: Engine,
    actor: Actor,
    catalog: Catalog,
    items: Sequence[Mapping],
    norms: Sequence[Mapping],
    note: str,
    shares: Sequence[Mapping] | None = None,
) -> str | None:
    """Save the edited catalog as a new version; its version id, or None when nothing changed.

    The permission check comes first and every refusal (not allowed, invalid edits) is written
    to the audit log; the edits are validated and stored in one write transaction.
    """
    with audited_write(
        engine, actor, Action.WRITE_CATALOG, "catalog", log_success=False
    ) as session:
        new = edited_catalog(catalog, items, norms, note, shares)
        if to_data(new) == to_data(catalog):
            return None
        save_catalog(session, new, actor=actor, note=note.strip())
    return new.version
