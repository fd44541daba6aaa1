"""Load and validate ``catalogs/``: items and prices, norms, dependencies and funding policy.

A :class:`Catalog` is immutable and carries a ``version``: the SHA-256 of the files it was
read from, so a survey template, a plan or an export can say which prices it used.

Prices and caps depend on the period: Decision 50/2017/QĐ-TTg capped a desktop PC at 15 m
đồng, Decision 15/2025/QĐ-TTg (from 01/07/2025) at 20 m. ``prices.csv`` and ``caps.csv``
hold one row per item and period start; :func:`load_catalog` ``on`` a date takes, per item,
the row with the latest ``valid_from`` not after that date (no row: the price in
``items.csv``, no cap). A 2017 dataset is therefore priced with 2017 caps and a 2025 one with
2025 caps, and a price above its period's cap is refused rather than planned.

Consulting fees of a works investment (survey, design and estimate, appraisal, supervision)
are a share of the works: an item with ``fee_rate`` r and ``fee_base`` B costs
``ceil(r × Σ_{b∈B} unit_price_b)`` per unit of the same basis (m² to renovate), so the fee
follows the works price of the period and of any edit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict

from planner import labels
from planner.csvdata import as_bool, as_float, as_int, load_models, load_yaml_model
from planner.errors import BadInput, Problem
from planner.labels import CATALOG_CHECK as CC
from planner.limits import UnitPrice
from planner.models import VND, Code, Confidence, Dependency, Item, Level, Norm, Policy

CATALOG_DIR = Path(__file__).resolve().parent.parent / "catalogs"

ITEM_COLUMNS = (
    "code",
    "name",
    "category",
    "unit",
    "unit_price",
    "price_date",
    "source",
    "confidence",
    "lifetime_years",
    "priority_tier",
    "procurement_field",
    "recurring",
    "network_ports",
)
NORM_COLUMNS = ("level", "item", "basis", "quantity", "n", "go_live", "source", "confidence")
DEPENDENCY_COLUMNS = ("item", "requires", "kind", "ratio", "note", "source", "confidence")

PRICE_COLUMNS = ("item", "valid_from", "unit_price", "price_date", "source", "confidence")
CAP_COLUMNS = ("item", "valid_from", "price_cap", "source", "confidence")

_CATALOG_FILES = ("items.csv", "norms.csv", "dependencies.csv", "policy.yaml")


class PeriodPrice(BaseModel):
    """The price of an item from ``valid_from`` on (one row of ``prices.csv``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    item: Code
    valid_from: dt.date
    unit_price: UnitPrice
    price_date: dt.date
    source: str
    confidence: Confidence


class PeriodCap(BaseModel):
    """The equipment-standards cap of an item from ``valid_from`` on (one row of ``caps.csv``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    item: Code
    valid_from: dt.date
    price_cap: VND
    source: str
    confidence: Confidence


@dataclass(frozen=True)
class Catalog:
    """Everything priced and normed; one version of ``catalogs/``."""

    items: dict[str, Item]
    norms: tuple[Norm, ...]
    dependencies: tuple[Dependency, ...]
    policy: Policy
    version: str
    note: str = field(default="", compare=False)

    def norms_for(self, level: Level) -> list[Norm]:
        return [n for n in self.norms if n.level == level]

    @cached_property
    def go_live_items(self) -> dict[Level, frozenset[str]]:
        """Per level, the items whose norm is part of the bundle a centre needs to open."""
        return {
            level: frozenset(n.item for n in self.norms if n.level == level and n.go_live)
            for level in Level
        }


def load_items(path: Path) -> list[Item]:
    return load_models(
        path,
        Item,
        converters={
            "unit_price": as_int,
            "lifetime_years": as_int,
            "priority_tier": as_int,
            "recurring": as_bool,
            "network_ports": as_int,
            "fee_rate": as_float,
            "fee_base": lambda text: tuple(text.split()),
        },
        required=ITEM_COLUMNS,
        key=lambda item: item.code,
    )


def load_norms(path: Path) -> list[Norm]:
    return load_models(
        path,
        Norm,
        converters={"quantity": as_float, "n": as_int, "go_live": as_bool},
        required=NORM_COLUMNS,
        key=lambda norm: (norm.level, norm.item, norm.basis),
    )


def load_dependencies(path: Path) -> list[Dependency]:
    return load_models(
        path,
        Dependency,
        converters={"ratio": as_float},
        required=DEPENDENCY_COLUMNS,
        key=lambda dep: (dep.item, dep.requires),
    )


_Row = TypeVar("_Row", PeriodPrice, PeriodCap)


def _load_periods(path: Path, model: type[_Row], money: str, required: Sequence[str]) -> list[_Row]:
    """Rows of a by-period file (prices or caps), one per item and start date; none if absent."""
    if not path.is_file():
        return []
    return load_models(
        path,
        model,
        converters={money: as_int},
        required=required,
        key=lambda row: (row.item, row.valid_from),
    )


def load_prices(path: Path) -> list[PeriodPrice]:
    return _load_periods(path, PeriodPrice, "unit_price", PRICE_COLUMNS)


def load_caps(path: Path) -> list[PeriodCap]:
    return _load_periods(path, PeriodCap, "price_cap", CAP_COLUMNS)


def _in_force(rows: Sequence[_Row], on: dt.date) -> dict[str, tuple[int, _Row]]:
    """Per item, the row (with its file row number) of the latest ``valid_from`` ≤ ``on``."""
    chosen: dict[str, tuple[int, _Row]] = {}
    for number, row in enumerate(rows, start=2):
        if row.valid_from <= on and (
            row.item not in chosen or chosen[row.item][1].valid_from < row.valid_from
        ):
            chosen[row.item] = (number, row)
    return chosen


def priced_items(
    items: dict[str, Item], prices: list[PeriodPrice], caps: list[PeriodCap], on: dt.date
) -> dict[str, Item]:
    """The items with the price and cap of the period that contains ``on``.

    Refuses (listing every row) a period row naming an unknown item, or a price above the cap
    in force on the same date.
    """
    codes = [("prices.csv", [row.item for row in prices]), ("caps.csv", [row.item for row in caps])]
    problems = [
        Problem(name, number, "item", code, CC["unknown_item"])
        for name, column in codes
        for number, code in enumerate(column, start=2)
        if code not in items
    ]
    if problems:
        raise BadInput(CC["period_unknown_item"], problems)
    price_rows, cap_rows = _in_force(prices, on), _in_force(caps, on)
    out = {}
    for code, item in items.items():
        update: dict[str, object] = {}
        if code in price_rows:
            row = price_rows[code][1]
            update.update(
                unit_price=row.unit_price,
                price_date=row.price_date,
                source=row.source,
                confidence=row.confidence,
            )
        if code in cap_rows:
            cap = cap_rows[code][1]
            update.update(
                price_cap=cap.price_cap, cap_source=cap.source, cap_confidence=cap.confidence
            )
        new = item.model_copy(update=update)
        if new.price_cap is not None and new.unit_price > new.price_cap:
            number = price_rows[code][0] if code in price_rows else None
            problems.append(
                Problem(
                    "prices.csv" if code in price_rows else "items.csv",
                    number,
                    "unit_price",
                    new.unit_price,
                    CC["above_cap"].format(
                        code=code, cap=labels.number(new.price_cap), source=new.cap_source
                    ),
                )
            )
        out[code] = new
    if problems:
        raise BadInput(CC["above_cap_period"].format(date=labels.date(on)), problems)
    return out


def with_fees(items: dict[str, Item]) -> dict[str, Item]:
    """Items whose consulting fee is a share of works, priced from the works they follow.

    ``unit_price = ceil(fee_rate × Σ unit_price of fee_base)``; a base must be a fixed-price
    item of the catalog (so the derivation is one step and gives the same result twice).
    """
    problems = []
    for code, item in items.items():
        for base in item.fee_base:
            if base not in items or items[base].fee_rate is not None:
                problems.append(
                    Problem(
                        "items.csv",
                        None,
                        "fee_base",
                        base,
                        CC["fee_base"].format(code=code),
                    )
                )
    if problems:
        raise BadInput(CC["fee_invalid"], problems)
    out = dict(items)
    for code, item in items.items():
        if item.fee_rate is not None:
            works = sum(items[base].unit_price for base in item.fee_base)
            price = math.ceil(item.fee_rate * works - 1e-9)
            out[code] = item.model_copy(update={"unit_price": price})
    return out


def load_policy(path: Path) -> Policy:
    return load_yaml_model(path, Policy, CC["file_invalid"].format(name=path.name))


def _check_references(items: dict[str, Item], norms, dependencies) -> None:
    """Every norm and dependency must name an item of the catalog."""
    problems = [
        Problem("norms.csv", row, "item", norm.item, CC["unknown_item"])
        for row, norm in enumerate(norms, start=2)
        if norm.item not in items
    ]
    for row, dep in enumerate(dependencies, start=2):
        for column in ("item", "requires"):
            code = getattr(dep, column)
            if code not in items:
                problems.append(
                    Problem(
                        "dependencies.csv",
                        row,
                        column,
                        code,
                        CC["unknown_item"],
                    )
                )
    if problems:
        raise BadInput(CC["unknown_reference"], problems)


def catalog_data(items, norms, dependencies, policy: Policy) -> dict:
    """The catalog as plain JSON-able data (how the database keeps a catalog version)."""
    return {
        "items": [item.model_dump(mode="json") for item in items],
        "norms": [norm.model_dump(mode="json") for norm in norms],
        "dependencies": [dep.model_dump(mode="json") for dep in dependencies],
        "policy": policy.model_dump(mode="json"),
    }


def content_version(data: dict) -> str:
    """A short SHA-256 of the canonical JSON: equal content, equal version, wherever it was read."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def catalog_from_data(data: dict, note: str = "") -> Catalog:
    """Rebuild (and re-validate) a catalog kept as :func:`catalog_data`."""
    items = [Item.model_validate(x) for x in data["items"]]
    norms = [Norm.model_validate(x) for x in data["norms"]]
    dependencies = [Dependency.model_validate(x) for x in data["dependencies"]]
    policy = Policy.model_validate(data["policy"])
    by_code = with_fees({item.code: item for item in items})
    _check_references(by_code, norms, dependencies)
    data = catalog_data(by_code.values(), norms, dependencies, policy)
    return Catalog(by_code, tuple(norms), tuple(dependencies), policy, content_version(data), note)


def load_catalog(directory: Path | str = CATALOG_DIR, on: dt.date | None = None) -> Catalog:
    """Read and cross-check the catalog files; raise :class:`BadInput` listing every problem.

    ``on`` picks the price period (default: today); a dataset passes its own date so that
    its plan uses the prices and caps of its time (see the module docstring).
    """
    directory = Path(directory)
    missing = [name for name in _CATALOG_FILES if not (directory / name).is_file()]
    if missing:
        files = ", ".join(missing)
        raise BadInput(CC["missing_files"].format(files=files, directory=directory))
    items = {item.code: item for item in load_items(directory / "items.csv")}
    items = priced_items(
        items,
        load_prices(directory / "prices.csv"),
        load_caps(directory / "caps.csv"),
        on or dt.date.today(),
    )
    items = with_fees(items)
    norms = load_norms(directory / "norms.csv")
    dependencies = load_dependencies(directory / "dependencies.csv")
    _check_references(items, norms, dependencies)
    policy = load_policy(directory / "policy.yaml")
    data = catalog_data(items.values(), norms, dependencies, policy)
    return Catalog(items, tuple(norms), tuple(dependencies), policy, content_version(data))


def to_data(catalog: Catalog) -> dict:
    return catalog_data(catalog.items.values(), catalog.norms, catalog.dependencies, catalog.policy)
