"""Prices and caps by period: a 2017 plan uses Decision 50/2017 caps, a 2025 plan Decision 15/2025.

The expected figures are written here from the decisions (VND), not read from the catalog
files under test, so a wrong row in ``prices.csv`` or ``caps.csv`` fails a test.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from planner.catalog import CATALOG_DIR, load_catalog
from planner.demo.data import load_demo
from planner.errors import BadInput
from planner.store.catalogs import current_catalog
from planner.store.db import make_engine, reading

# Decision 15/2025/QĐ-TTg, Appendix II (from 01/07/2025), in đồng.
CAPS_2025 = {
    "PC-DESKTOP": 20_000_000,
    "LAPTOP": 25_000_000,
    "PRN-A4": 13_000_000,
    "SCN-DOC": 22_000_000,
    "COPIER": 110_000_000,
}


def test_2017_catalog_uses_the_2017_desktop_cap():
    catalog = load_catalog(on=dt.date(2017, 6, 1))
    pc = catalog.items["PC-DESKTOP"]
    assert (pc.unit_price, pc.price_cap) == (15_000_000, 15_000_000)
    assert "50/2017" in pc.source and "50/2017" in pc.cap_source
    # Decision 15/2025's caps do not reach back to 2017.
    assert catalog.items["COPIER"].price_cap is None
    assert catalog.items["LAPTOP"].price_cap is None


def test_2025_catalog_uses_decision_15_2025_caps():
    catalog = load_catalog(on=dt.date(2025, 9, 1))
    for code, cap in CAPS_2025.items():
        item = catalog.items[code]
        assert item.price_cap == cap, code
        assert "15/2025" in item.cap_source, code
        assert item.unit_price <= cap, code
    assert catalog.items["PC-DESKTOP"].unit_price == 20_000_000


@pytest.mark.parametrize(
    ("day", "price"),
    [(dt.date(2025, 6, 30), 15_000_000), (dt.date(2025, 7, 1), 20_000_000)],
)
def test_the_period_changes_on_the_decisions_effective_date(day, price):
    assert load_catalog(on=day).items["PC-DESKTOP"].unit_price == price


def test_two_periods_are_two_catalog_versions():
    assert (
        load_catalog(on=dt.date(2017, 6, 1)).version != load_catalog(on=dt.date(2025, 9, 1)).version
    )


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "catalogs"
    shutil.copytree(CATALOG_DIR, target)
    return target


def _set_cell(path: Path, match: dict[str, str], column: str, value: str) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    (index,) = [i for i, r in enumerate(rows) if all(r[k] == v for k, v in match.items())]
    rows[index][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows(rows)
    return index + 2  # spreadsheet row number (header = 1)


def test_a_price_above_its_periods_cap_is_refused_with_its_row(tmp_path):
    folder = _copy(tmp_path)
    row = _set_cell(
        folder / "prices.csv",
        {"item": "PC-DESKTOP", "valid_from": "2025-07-01"},
        "unit_price",
        "21000000",
    )
    load_catalog(folder, on=dt.date(2017, 6, 1))  # the 2017 period is untouched
    with pytest.raises(BadInput) as info:
        load_catalog(folder, on=dt.date(2025, 9, 1))
    (problem,) = info.value.problems
    assert (problem.where, problem.row, problem.column, problem.value) == (
        "prices.csv",
        row,
        "unit_price",
        21_000_000,
    )
    assert "20.000.000" in problem.expected


def test_a_cap_below_the_items_csv_price_is_refused(tmp_path):
    folder = _copy(tmp_path)
    _set_cell(
        folder / "caps.csv", {"item": "COPIER", "valid_from": "2025-07-01"}, "price_cap", "50000000"
    )
    with pytest.raises(BadInput) as info:
        load_catalog(folder, on=dt.date(2025, 9, 1))
    assert [(p.where, p.column) for p in info.value.problems] == [("items.csv", "unit_price")]


def test_a_period_row_for_an_unknown_item_is_refused(tmp_path):
    folder = _copy(tmp_path)
    _set_cell(folder / "caps.csv", {"item": "LAPTOP"}, "item", "NO-SUCH")
    with pytest.raises(BadInput) as info:
        load_catalog(folder, on=dt.date(2025, 9, 1))
    assert [(p.where, p.column, p.value) for p in info.value.problems] == [
        ("caps.csv", "item", "NO-SUCH")
    ]


@pytest.mark.parametrize(
    ("dataset", "pc_price"), [("thanh-hoa-2017", 15_000_000), ("thanh-hoa-2025", 20_000_000)]
)
def test_the_demo_stores_the_catalog_of_its_datasets_period(tmp_path, dataset, pc_price):
    engine = make_engine(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    try:
        load_demo(engine, dataset)
        with reading(engine) as session:
            stored = current_catalog(session)
        assert stored is not None
        assert stored.items["PC-DESKTOP"].unit_price == pc_price
    finally:
        engine.dispose()


def test_every_dependency_rule_has_a_source_and_a_confidence(catalog):
    for dep in catalog.dependencies:
        assert dep.source.strip() and dep.confidence, (dep.item, dep.requires)
