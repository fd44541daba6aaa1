"""The renovation investment: consulting fees as a share of works, needed with the works, packaged.

Rates are written here (survey 1 %, design and estimate 3.5 %, appraisal 0.5 %, supervision
3 % of the works per m²: REN-M2 4,000,000 + ELEC-M2 600,000 đồng), so a wrong derivation or
a wrong row fails.
"""

from __future__ import annotations

import csv
import json
import shutil

import pytest

from planner.catalog import CATALOG_DIR, load_catalog
from planner.centres import load_centres
from planner.errors import BadInput
from planner.models import Category, Premises, ProcurementField
from planner.needs import centre_needs

WORKS_PER_M2 = 4_000_000 + 600_000
FEES = {
    "CONS-SURVEY": 46_000,  # 1 % × 4.6 m
    "CONS-DESIGN": 161_000,  # 3.5 %
    "CONS-APPRAISAL": 23_000,  # 0.5 %
    "CONS-SUPERVISION": 138_000,  # 3 %
}


def test_fees_are_shares_of_the_works_per_m2(catalog):
    assert catalog.items["REN-M2"].unit_price + catalog.items["ELEC-M2"].unit_price == WORKS_PER_M2
    for code, fee in FEES.items():
        item = catalog.items[code]
        assert item.unit_price == fee, code
        assert item.procurement_field == ProcurementField.CONSULTING
        assert item.category == Category.RENOVATION
        assert item.confidence == "unconfirmed" and "chưa đối chiếu" in item.source


def _rewrite(path, change):
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    for row in rows:
        change(row)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def copy(tmp_path):
    folder = tmp_path / "catalogs"
    shutil.copytree(CATALOG_DIR, folder)
    return folder


def test_a_fee_follows_an_edited_works_price(copy):
    def dearer(row):
        if row["code"] == "REN-M2":
            row["unit_price"] = "5400000"  # works 6,000,000/m²

    _rewrite(copy / "items.csv", dearer)
    assert load_catalog(copy).items["CONS-DESIGN"].unit_price == 210_000  # 3.5 % of 6 m


@pytest.mark.parametrize("base", ["NO-SUCH", "CONS-SURVEY"])
def test_a_fee_on_an_unknown_or_derived_base_is_refused(copy, base):
    def wrong(row):
        if row["code"] == "CONS-DESIGN":
            row["fee_base"] = base

    _rewrite(copy / "items.csv", wrong)
    with pytest.raises(BadInput) as info:
        load_catalog(copy)
    assert [(p.column, p.value) for p in info.value.problems] == [("fee_base", base)]


def test_the_library_building_renovation_needs_its_consulting(catalog):
    library = load_centres("thanh-hoa-2017")[0]
    assert "Thư viện tỉnh" in library.headquarters_note
    premises = Premises(floor_area_m2=1500, renovation_area_m2=600, counters=30, staff=50)
    lines = {
        line.item: line
        for line in centre_needs(
            library.model_copy(update={"premises": premises}), None, catalog
        ).lines
    }
    for code, fee in FEES.items():
        assert lines[code].need == 600, code
        assert lines[code].cost == 600 * fee, code


def test_no_works_no_consulting(catalog):
    library = load_centres("thanh-hoa-2017")[0]
    premises = Premises(floor_area_m2=1500, renovation_area_m2=0, counters=30, staff=50)
    needs = centre_needs(library.model_copy(update={"premises": premises}), None, catalog)
    assert not {line.item for line in needs.lines} & set(FEES)


def test_works_cannot_be_funded_without_design_and_supervision(catalog):
    rules = {(d.item, d.requires): (d.kind, d.ratio) for d in catalog.dependencies}
    assert rules[("REN-M2", "CONS-DESIGN")] == ("ratio", 1)
    assert rules[("REN-M2", "CONS-SUPERVISION")] == ("ratio", 1)
    assert rules[("CONS-SUPERVISION", "REN-M2")] == ("ratio", 1)


def test_consulting_is_never_bought_without_its_works(catalog):
    """The rules close a ring: works ≤ appraisal ≤ design ≤ survey ≤ works, supervision =
    works, so every m² of consulting comes with one m² of works and the other way round."""
    rules = {(d.item, d.requires): (d.kind, d.ratio) for d in catalog.dependencies}
    ring = [
        ("REN-M2", "CONS-APPRAISAL"),
        ("CONS-APPRAISAL", "CONS-DESIGN"),
        ("CONS-DESIGN", "CONS-SURVEY"),
        ("CONS-SURVEY", "REN-M2"),
    ]
    for pair in ring:
        assert rules[pair] == ("ratio", 1), pair


def test_a_consulting_package_appears_when_renovation_is_funded(cli):
    assert cli("demo").returncode == 0
    done = cli("solve", "--budget", "60000000000", "--json", "plan.json")
    assert done.returncode == 0, done.stderr
    plan = json.loads((cli.workdir / "plan.json").read_text(encoding="utf-8"))
    works = sum(line["cost"] for line in plan["lines"] if line["item"] == "REN-M2")
    assert works > 0
    consulting = [p for p in plan["packages"] if p["field"] == "consulting"]
    assert consulting
    items = {plan["lines"][i]["item"] for p in consulting for i in p["lines"]}
    assert items <= set(FEES) and "CONS-DESIGN" in items and "CONS-SUPERVISION" in items
    by_centre: dict[str, dict[str, int]] = {}
    for line in plan["lines"]:
        if line["item"] in FEES or line["item"] == "REN-M2":
            by_centre.setdefault(line["centre"], {})
            got = by_centre[line["centre"]].get(line["item"], 0)
            by_centre[line["centre"]][line["item"]] = got + line["quantity"]
    assert by_centre
    for code, bought in by_centre.items():
        assert set(bought) == {*FEES, "REN-M2"}, code
        assert len(set(bought.values())) == 1, (code, bought)
