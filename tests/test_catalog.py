"""Every catalog file validates, documents its columns, and bad catalogs are refused whole."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import yaml

from planner.catalog import CATALOG_DIR, load_catalog
from planner.errors import BadInput
from planner.models import Category, Level

DATA_FILES = sorted(p for p in CATALOG_DIR.rglob("*.csv") if not p.name.endswith(".schema.csv"))


def test_catalog_loads_with_enough_items_in_every_category(catalog):
    assert len(catalog.items) >= 40
    for category in Category:
        assert any(item.category == category for item in catalog.items.values()), category
    for level in Level:
        assert catalog.norms_for(level), level
        assert catalog.go_live_items[level], f"no go-live bundle for {level}"


def test_every_price_has_a_source_and_a_confidence(catalog):
    for item in catalog.items.values():
        assert item.source.strip() and item.confidence, item.code
        assert isinstance(item.unit_price, int) and item.unit_price > 0, item.code


def _schema_for(data: Path) -> Path:
    own = data.with_name(data.stem + ".schema.csv")
    if own.exists():
        return own
    # The 2025 provincial centre file shares the 2017 centre schema.
    return data.with_name("thanh-hoa-2017.schema.csv")


@pytest.mark.parametrize("data", DATA_FILES, ids=lambda p: p.name)
def test_every_data_file_has_a_schema_listing_exactly_its_columns(data):
    with data.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    with _schema_for(data).open(encoding="utf-8") as handle:
        schema = list(csv.DictReader(handle))
    assert [row["column"] for row in schema] == header
    assert all(row["meaning"].strip() for row in schema)


def test_policy_schema_lists_the_policy_keys():
    policy = yaml.safe_load((CATALOG_DIR / "policy.yaml").read_text(encoding="utf-8"))
    with (CATALOG_DIR / "policy.schema.csv").open(encoding="utf-8") as handle:
        documented = {row["column"] for row in csv.DictReader(handle)}
    assert set(policy) == documented


@pytest.fixture
def catalog_copy(tmp_path) -> Path:
    target = tmp_path / "catalogs"
    shutil.copytree(CATALOG_DIR, target)
    return target


def _edit_row(path: Path, row_number: int, column: str, value: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        fields = list(rows[0].keys())
    rows[row_number - 2][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("unit_price", "1500000.5", "số nguyên"),
        ("unit_price", "-5", "không nhỏ hơn 0"),
        ("unit_price", "abc", "số nguyên"),
        ("category", "food", "một trong các giá trị"),
        ("lifetime_years", "2.5", "số nguyên"),
        ("price_date", "31/12/2017", "YYYY-MM-DD"),
    ],
)
def test_bad_item_cell_is_refused_with_file_row_column_and_value(
    catalog_copy, column, value, expected
):
    _edit_row(catalog_copy / "items.csv", 3, column, value)
    with pytest.raises(BadInput) as info:
        load_catalog(catalog_copy)
    (problem,) = info.value.problems
    assert (problem.where, problem.row, problem.column, str(problem.value)) == (
        "items.csv",
        3,
        column,
        value,
    )
    assert expected in problem.expected


def test_duplicate_item_code_is_refused(catalog_copy):
    path = catalog_copy / "items.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    _edit_row(path, 5, "code", rows[0]["code"])
    with pytest.raises(BadInput) as info:
        load_catalog(catalog_copy)
    assert "trùng mã với dòng 2" in str(info.value)


def test_missing_column_is_refused(catalog_copy):
    path = catalog_copy / "items.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    index = header.index("unit_price")
    stripped = [
        ",".join(c for i, c in enumerate(next(csv.reader([line]))) if i != index) for line in text
    ]
    path.write_text("\n".join(stripped) + "\n", encoding="utf-8")
    with pytest.raises(BadInput) as info:
        load_catalog(catalog_copy)
    assert info.value.problems[0].column == "unit_price"


def test_norm_naming_an_unknown_item_is_refused(catalog_copy):
    _edit_row(catalog_copy / "norms.csv", 2, "item", "NO-SUCH-ITEM")
    with pytest.raises(BadInput) as info:
        load_catalog(catalog_copy)
    assert any(p.value == "NO-SUCH-ITEM" and p.row == 2 for p in info.value.problems)


def test_all_problems_of_a_file_are_reported_together(catalog_copy):
    path = catalog_copy / "norms.csv"
    _edit_row(path, 2, "quantity", "-1")
    _edit_row(path, 4, "basis", "per_moon")
    with pytest.raises(BadInput) as info:
        load_catalog(catalog_copy)
    assert sorted(p.row for p in info.value.problems) == [2, 4]


def test_cost_shares_must_add_to_one(catalog_copy):
    path = catalog_copy / "policy.yaml"
    policy = yaml.safe_load(path.read_text(encoding="utf-8"))
    policy["cost_shares"][0]["shares"] = {"province": 0.6}
    path.write_text(yaml.safe_dump(policy, allow_unicode=True), encoding="utf-8")
    with pytest.raises(BadInput, match=r"policy\.yaml"):
        load_catalog(catalog_copy)


def test_catalog_version_is_stable_and_content_based(catalog, catalog_copy):
    assert load_catalog(catalog_copy).version == catalog.version
    _edit_row(catalog_copy / "items.csv", 4, "unit_price", "1234567")  # LAPTOP: no period price
    assert load_catalog(catalog_copy).version != catalog.version
