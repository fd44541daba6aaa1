"""Shared test data for the procurement tests: one test item per field and kind, test centres,
a rule book without contingency and VAT (so a package's price is its estimate and a threshold
can be hit to the đồng), and a builder for one-line plans."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.catalog import Catalog
from planner.models import (
    Category,
    Centre,
    Confidence,
    Item,
    Level,
    PlanLine,
    ProcurementField,
)
from planner.procurement import GroupingOptions, build_plan
from planner.procurement.rules import default_rules

BN = 1_000_000_000
M = 1_000_000
G, W, C, N = (
    ProcurementField.GOODS,
    ProcurementField.WORKS,
    ProcurementField.CONSULTING,
    ProcurementField.NON_CONSULTING,
)

# Test items: one per field, a recurring one per field, a non-standard goods item, software goods.
ITEM_SPECS = {
    "T-GOODS": (Category.EQUIPMENT, G, False),
    "T-WORKS": (Category.RENOVATION, W, False),
    "T-CONS": (Category.SOFTWARE, C, False),
    "T-NONC": (Category.NETWORK, N, False),
    "T-GOODS-R": (Category.SOFTWARE, G, True),
    "T-WORKS-R": (Category.RENOVATION, W, True),
    "T-CONS-R": (Category.SOFTWARE, C, True),
    "T-NONC-R": (Category.NETWORK, N, True),
    "T-SPECIAL": (Category.EQUIPMENT, G, False),
    "T-SOFT": (Category.SOFTWARE, G, False),
}
ITEM_FOR = {G: "T-GOODS", W: "T-WORKS", C: "T-CONS", N: "T-NONC"}

CENTRES = (
    Centre(code="P1", name="Trung tâm tỉnh", level=Level.PROVINCE),
    Centre(code="D1", name="Trung tâm huyện Một", level=Level.DISTRICT, parent="P1"),
    Centre(code="D2", name="Trung tâm huyện Hai", level=Level.DISTRICT, parent="P1"),
)


def _item(code: str) -> Item:
    category, field, recurring = ITEM_SPECS[code]
    return Item(
        code=code,
        name=f"Hàng thử {code}",
        category=category,
        unit="cái",
        unit_price=1,
        price_date=dt.date(2025, 1, 1),
        source="test",
        confidence=Confidence.UNCONFIRMED,
        priority_tier=1,
        procurement_field=field,
        recurring=recurring,
    )


@pytest.fixture(scope="module")
def small_catalog(catalog) -> Catalog:
    items = {code: _item(code) for code in ITEM_SPECS}
    return Catalog(items, (), (), catalog.policy, "test")


def without_markup(book):
    """The rule book with contingency and VAT at 0 %, so that price = estimate."""
    rates = book.package_price.model_copy(
        update={
            "contingency_rate": dict.fromkeys(book.package_price.contingency_rate, 0.0),
            "vat_rate": dict.fromkeys(book.package_price.vat_rate, 0.0),
        }
    )
    return book.model_copy(
        update={
            "non_standard_items": book.non_standard_items | {"T-SPECIAL"},
            "package_price": rates,
        }
    )


@pytest.fixture(scope="module")
def rules():
    return without_markup(default_rules())


def line(item: str, value: int, *, centre="D1", year=2026, funding=None) -> PlanLine:
    category, field, _ = ITEM_SPECS[item]
    return PlanLine(
        centre=centre,
        item=item,
        category=category,
        procurement_field=field,
        quantity=1,
        unit_price=value,
        cost=value,
        year=year,
        funding=funding if funding is not None else {"province": value},
    )


def two_sources(value: int) -> dict[str, int]:
    return {"province": value // 2, "local": value - value // 2}


def plan_of(lines, small_catalog, rules, regime=None, **options):
    return build_plan(
        lines,
        small_catalog,
        CENTRES,
        regime=regime,
        rules=rules,
        options=GroupingOptions(**options),
    )


def only_package(lines, small_catalog, rules, regime=None, **options):
    plan = plan_of(lines, small_catalog, rules, regime, **options)
    assert len(plan.packages) == 1
    return plan.packages[0]
