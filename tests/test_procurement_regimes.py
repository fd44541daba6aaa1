"""Each regime's limits, procedures, online duty and citations, and the regime chosen by date.

Every expected value below is written by hand from the legal texts (Law 43/2013 + Decree
63/2014; Law 22/2023 + Decree 24/2024; Law 22/2023 as amended by Laws 57/2024 and 90/2025 +
Decree 214/2025), never read from the regime files under test, so a wrong threshold, article or
date in ``catalogs/regimes/`` fails here.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
from pathlib import Path

import pytest
import yaml
from procurement_support import BN, ITEM_FOR, C, G, M, N, W, line, only_package, plan_of

from planner.catalog import CATALOG_DIR
from planner.errors import BadInput
from planner.procurement import REGIME_2013, REGIME_2023, REGIME_2024, load_rules
from planner.procurement.output import procurement_json
from planner.procurement.rules import RULES_FILE, default_rules

SP, DS, OQ, SS, S, OP = (
    "small_purchase",
    "direct_shortened",
    "online_quotation_shortened",
    "shopping_shortened",
    "shopping",
    "open",
)
EST, PRJ = "recurrent", "project"  # purchase estimate forming no project / project

# (regime, field, basis) → the methods in order with the largest price each allows.
LADDERS = {
    # Law 43/2013 + Decree 63/2014: Art. 54 cl. 1 (1 bn goods/works, 500 m services), cl. 2
    # (100 m recurrent); Art. 57 cl. 2 (shortened shopping 500 m / 1 bn / 200 m), cl. 1 (5 bn).
    (REGIME_2013, G, PRJ): [(1 * BN, DS), (5 * BN, S), (None, OP)],
    (REGIME_2013, W, PRJ): [(1 * BN, DS), (5 * BN, S), (None, OP)],
    (REGIME_2013, N, PRJ): [(500 * M, DS), (5 * BN, S), (None, OP)],
    (REGIME_2013, C, PRJ): [(500 * M, DS), (None, OP)],
    (REGIME_2013, G, EST): [(100 * M, DS), (200 * M, SS), (5 * BN, S), (None, OP)],
    (REGIME_2013, W, EST): [(100 * M, DS), (200 * M, SS), (5 * BN, S), (None, OP)],
    (REGIME_2013, N, EST): [(100 * M, DS), (200 * M, SS), (5 * BN, S), (None, OP)],
    (REGIME_2013, C, EST): [(100 * M, DS), (None, OP)],
    # Law 22/2023 (before Law 90/2025) + Decree 24/2024: shopping 5 bn (law Art. 24).
    (REGIME_2024, G, PRJ): [(2 * BN, DS), (5 * BN, S), (None, OP)],
    (REGIME_2024, W, PRJ): [(2 * BN, DS), (5 * BN, S), (None, OP)],
    (REGIME_2024, N, PRJ): [(2 * BN, DS), (5 * BN, S), (None, OP)],
    (REGIME_2024, C, PRJ): [(800 * M, DS), (None, OP)],
    (REGIME_2024, G, EST): [(500 * M, DS), (5 * BN, S), (None, OP)],
    (REGIME_2024, C, EST): [(500 * M, DS), (None, OP)],
    # Law 22/2023 as amended + Decree 214/2025: small purchases 50 m (Art. 80 cl. 4); direct
    # appointment 500 m estimate, 2 bn / 800 m project (Art. 78 cl. 4); online shortened price
    # quotation 2 bn / 5 bn (Art. 99 cl. 3); shopping 10 bn (Art. 81).
    (REGIME_2023, G, EST): [(50 * M, SP), (500 * M, DS), (2 * BN, OQ), (10 * BN, S), (None, OP)],
    (REGIME_2023, W, EST): [(50 * M, SP), (500 * M, DS), (10 * BN, S), (None, OP)],
    (REGIME_2023, N, EST): [(50 * M, SP), (500 * M, DS), (10 * BN, S), (None, OP)],
    (REGIME_2023, C, EST): [(50 * M, SP), (500 * M, DS), (None, OP)],
    (REGIME_2023, G, PRJ): [(50 * M, SP), (2 * BN, DS), (5 * BN, OQ), (10 * BN, S), (None, OP)],
    (REGIME_2023, W, PRJ): [(50 * M, SP), (2 * BN, DS), (10 * BN, S), (None, OP)],
    (REGIME_2023, N, PRJ): [(50 * M, SP), (2 * BN, DS), (10 * BN, S), (None, OP)],
    (REGIME_2023, C, PRJ): [(50 * M, SP), (800 * M, DS), (None, OP)],
}


def _cases():
    for (regime, field, basis), ladder in LADDERS.items():
        for (limit, method), (_, above) in itertools.pairwise(ladder):
            for value, expected in ((limit - 1, method), (limit, method), (limit + 1, above)):
                yield pytest.param(
                    regime, field, basis, value, expected, id=f"{regime}-{field}-{basis}-{value}"
                )


@pytest.mark.parametrize(("regime", "field", "basis", "value", "expected"), list(_cases()))
def test_limits_at_under_and_over(small_catalog, rules, regime, field, basis, value, expected):
    package = only_package(
        [line(ITEM_FOR[field], value)], small_catalog, rules, regime, basis=basis
    )
    assert package.method.value == expected
    assert package.basis.value == basis and package.regime == regime
    assert package.price == value  # no markup in the test rule book


@pytest.mark.parametrize(
    ("regime", "basis", "limit"),
    [
        (REGIME_2023, PRJ, 2 * BN),
        (REGIME_2023, EST, 500 * M),
        (REGIME_2024, PRJ, 2 * BN),
        (REGIME_2013, PRJ, 1 * BN),
        (REGIME_2013, EST, 100 * M),
    ],
)
def test_non_standard_goods_skip_shopping_and_online_quotation(
    small_catalog, rules, regime, basis, limit
):
    at = only_package([line("T-SPECIAL", limit)], small_catalog, rules, regime, basis=basis)
    above = only_package([line("T-SPECIAL", limit + 1)], small_catalog, rules, regime, basis=basis)
    assert (at.method.value, above.method.value) == (DS, OP)


def test_funding_basis_is_a_plan_property_driving_the_limits(small_catalog, rules):
    lines = [line("T-GOODS", 1_500 * M), line("T-NONC", 600 * M)]
    estimate = plan_of(lines, small_catalog, rules, REGIME_2023)  # the default basis
    project = plan_of(lines, small_catalog, rules, REGIME_2023, basis=PRJ)
    assert [p.method.value for p in estimate.packages] == [OQ, S]
    assert [p.method.value for p in project.packages] == [DS, DS]
    assert procurement_json(estimate)["funding_basis"] == EST
    assert procurement_json(project)["funding_basis"] == PRJ
    # rented services are packages of an estimate even in a project plan
    rented = only_package([line("T-NONC-R", 600 * M)], small_catalog, rules, REGIME_2023, basis=PRJ)
    assert rented.basis.value == EST and rented.method.value == S


ONE, TWO = "one_stage_one_envelope", "one_stage_two_envelopes"


@pytest.mark.parametrize(
    ("regime", "item", "value", "procedure", "contract"),
    [
        # 2013: small-scale packages (Decree 63 Art. 63: 10 bn goods, 20 bn works) one envelope
        (REGIME_2013, "T-SPECIAL", 10 * BN, ONE, "lump_sum"),
        (REGIME_2013, "T-SPECIAL", 10 * BN + 1, TWO, "lump_sum"),
        (REGIME_2013, "T-WORKS", 20 * BN, ONE, "lump_sum"),
        (REGIME_2013, "T-WORKS", 20 * BN + 1, TWO, "unit_price"),
        (REGIME_2013, "T-CONS", BN, TWO, "lump_sum"),
        # 2023: one envelope for goods, works, non-consulting (Art. 30), two for consulting (31)
        (REGIME_2024, "T-SPECIAL", 50 * BN, ONE, "lump_sum"),
        (REGIME_2023, "T-SPECIAL", 50 * BN, ONE, "lump_sum"),
        (REGIME_2023, "T-WORKS", 50 * BN, ONE, "lump_sum"),
        (REGIME_2023, "T-NONC", 50 * BN, ONE, "lump_sum"),
        (REGIME_2023, "T-CONS", BN, TWO, "lump_sum"),
        (REGIME_2024, "T-CONS", BN, TWO, "lump_sum"),
    ],
)
def test_procedure_and_contract_type(
    small_catalog, rules, regime, item, value, procedure, contract
):
    package = only_package([line(item, value)], small_catalog, rules, regime, basis=PRJ)
    assert package.method.value == OP
    assert (package.procedure, package.contract_type) == (procedure, contract)
    law = "Luật Đấu thầu số 22/2023/QH15" if regime != REGIME_2013 else "43/2013/QH13"
    assert law in package.procedure_citation


@pytest.mark.parametrize(
    ("regime", "year", "item", "value", "online"),
    [
        (REGIME_2013, 2019, "T-GOODS", 20 * BN, False),
        (REGIME_2024, 2024, "T-GOODS", 20 * BN, False),  # Art. 50 duty from 01/01/2025
        (REGIME_2024, 2025, "T-GOODS", 20 * BN, True),
        (REGIME_2023, 2026, "T-GOODS", 20 * BN, True),
        (REGIME_2023, 2026, "T-GOODS", 8 * BN, True),  # shopping runs online too
        (REGIME_2023, 2026, "T-GOODS", 1 * BN, True),  # online price quotation
        (REGIME_2023, 2026, "T-GOODS", 400 * M, False),  # direct appointment
    ],
)
def test_online_duty(small_catalog, rules, regime, year, item, value, online):
    package = only_package([line(item, value, year=year)], small_catalog, rules, regime)
    assert package.online is online
    assert bool(package.online_citation) is online


def test_citations_name_only_clauses_and_points_that_exist(small_catalog, rules):
    book = default_rules()
    texts = [r.citation for regime in book.regimes.values() for r in regime.rules]
    # Articles 54 and 57 of Decree 63/2014 have clauses but no points.
    assert not [t for t in texts if re.search(r"điểm \w khoản \d+ Điều 5[47] Nghị định", t)]
    cite = {(rid, rule.id): rule.citation for rid, r in book.regimes.items() for rule in r.rules}
    direct_2013 = only_package([line("T-GOODS", BN)], small_catalog, rules, REGIME_2013, basis=PRJ)
    assert "điểm e khoản 1 Điều 22 Luật Đấu thầu số 43/2013/QH13" in direct_2013.citation
    assert "khoản 1 Điều 54" in direct_2013.citation and "Điều 56" in direct_2013.citation
    direct_2025 = only_package([line("T-GOODS", BN)], small_catalog, rules, REGIME_2023, basis=PRJ)
    assert "điểm e khoản 1 Điều 23" in direct_2025.citation
    assert "khoản 4 Điều 78, Điều 80 Nghị định số 214/2025/NĐ-CP" in direct_2025.citation
    shopping = only_package([line("T-WORKS", 9 * BN)], small_catalog, rules, REGIME_2023)
    assert "Điều 81 Nghị định số 214/2025/NĐ-CP" in shopping.citation
    quotation = only_package([line("T-GOODS", BN)], small_catalog, rules, REGIME_2023)
    assert "khoản 3 Điều 99 Nghị định số 214/2025/NĐ-CP" in quotation.citation
    small = only_package([line("T-GOODS", 50 * M)], small_catalog, rules, REGIME_2023)
    assert "khoản 4 Điều 80 Nghị định số 214/2025/NĐ-CP" in small.citation
    assert small.explanation.startswith("Mua sắm giá trị nhỏ") and "50.000.000" in small.explanation
    assert cite[(REGIME_2023, "2025-online-purchase-project")].startswith("Điều 103 Nghị định")
    # the 2023 regime has no small-scale package
    assert not [t for t in texts if "quy mô nhỏ" in t]
    assert all(
        "quy mô nhỏ" not in p.citation
        for rid in (REGIME_2023, REGIME_2024)
        for p in book.regimes[rid].procedures
    )


# --- the regime in force on the day selection starts ------------------------------------------


@pytest.mark.parametrize(
    ("day", "regime"),
    [
        (dt.date(2014, 7, 1), REGIME_2013),
        (dt.date(2023, 12, 31), REGIME_2013),
        (dt.date(2024, 1, 1), REGIME_2024),
        (dt.date(2025, 8, 3), REGIME_2024),
        (dt.date(2025, 8, 4), REGIME_2023),
        (dt.date(2031, 1, 1), REGIME_2023),
    ],
)
def test_regime_in_force_on_a_day(day, regime):
    assert default_rules().regime_on(day).id == regime


def test_no_regime_before_2014_is_refused():
    with pytest.raises(BadInput) as err:
        default_rules().regime_on(dt.date(2014, 6, 30))
    assert "30/06/2014" in str(err.value.problems[0].value)


def test_each_package_is_judged_under_the_regime_of_its_start(small_catalog, rules):
    lines = [
        line("T-GOODS", 1_500 * M, year=2023),  # selection starts 01/04/2023
        line("T-GOODS", 1_500 * M, year=2024),  # 01/04/2024
        line("T-CONS", 600 * M, year=2025),  # consulting starts in Q1: 01/01/2025
        line("T-GOODS", 1_500 * M, year=2025),  # 01/04/2025
        line("T-GOODS", 1_500 * M, year=2026),  # 01/04/2026
    ]
    plan = plan_of(lines, small_catalog, rules)
    by_year = {(p.year, p.field.value): p for p in plan.packages}
    assert by_year[(2023, "goods")].regime == REGIME_2013
    assert by_year[(2023, "goods")].method.value == S  # 2013: estimate direct only ≤ 100 m
    assert by_year[(2024, "goods")].regime == REGIME_2024
    assert by_year[(2024, "goods")].method.value == S  # no online quotation before Decree 214
    assert by_year[(2025, "consulting")].regime == REGIME_2024
    assert by_year[(2025, "goods")].regime == REGIME_2024
    assert by_year[(2026, "goods")].regime == REGIME_2023
    assert by_year[(2026, "goods")].method.value == OQ
    out = procurement_json(plan)
    assert out["procurement_regime"] == REGIME_2013  # the earliest start
    assert out["procurement_regimes"] == [REGIME_2013, REGIME_2024, REGIME_2023]
    assert out["procurement_regime_chosen"] is False
    reason = out["procurement_regime_reason"]
    assert "theo ngày bắt đầu lựa chọn nhà thầu" in reason and "Nghị định số 214/2025" in reason
    assert [p["regime"] for p in out["packages"]] == [p.regime for p in plan.packages]
    chosen = procurement_json(plan_of(lines, small_catalog, rules, REGIME_2023))
    assert chosen["procurement_regimes"] == [REGIME_2023] and chosen["procurement_regime_chosen"]
    assert "do cán bộ kế hoạch chọn" in chosen["procurement_regime_reason"]


# --- regimes are files: a new decree is one more YAML ----------------------------------------


@pytest.fixture
def catalog_copy(tmp_path) -> Path:
    shutil.copy(CATALOG_DIR / RULES_FILE, tmp_path / RULES_FILE)
    shutil.copytree(CATALOG_DIR / "regimes", tmp_path / "regimes")
    return tmp_path


def _decree_349(folder: Path, applies_by_date: bool) -> None:
    """A regime file for the reported Decree 349/2026 (raised direct-appointment limits)."""
    data = yaml.safe_load((folder / "regimes" / "law-2023-decree-214-2025.yaml").read_text())
    data.update(
        id="law-2023/decree-349-2026",
        name="Luật Đấu thầu số 22/2023/QH15 sửa đổi và Nghị định số 349/2026/NĐ-CP",
        effective_from="2026-09-09",
        applies_by_date=applies_by_date,
        confidence="unconfirmed",
    )
    for rule in data["rules"]:
        rule["id"] = rule["id"].replace("2025-", "2026-")
        if rule["id"] == "2026-direct-estimate":
            rule["max_value"] = 1 * BN
    path = folder / "regimes" / "law-2023-decree-349-2026.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_a_new_decree_is_one_more_file(catalog_copy, small_catalog, rules):
    _decree_349(catalog_copy, applies_by_date=True)
    book = load_rules(catalog_copy / RULES_FILE)
    assert book.regime_on(dt.date(2026, 9, 8)).id == REGIME_2023
    assert book.regime_on(dt.date(2026, 9, 9)).id == "law-2023/decree-349-2026"
    test_book = book.model_copy(update={"package_price": rules.package_price})
    late = plan_of([line("T-GOODS", 900 * M, year=2026, centre="D1")], small_catalog, test_book)
    # goods start 01/04/2026: still Decree 214 (online quotation above its 500 m direct limit)
    assert late.packages[0].regime == REGIME_2023 and late.packages[0].method.value == OQ
    consulting = plan_of([line("T-CONS", 900 * M, year=2027)], small_catalog, test_book)
    assert consulting.packages[0].regime == "law-2023/decree-349-2026"
    assert consulting.packages[0].method.value == DS  # 900 m ≤ the new 1 bn


def test_an_unconfirmed_decree_applies_only_when_chosen(catalog_copy):
    _decree_349(catalog_copy, applies_by_date=False)
    book = load_rules(catalog_copy / RULES_FILE)
    assert book.regime_on(dt.date(2027, 1, 1)).id == REGIME_2023
    assert book.regime("law-2023/decree-349-2026").confidence.value == "unconfirmed"


def test_shipped_regimes_exclude_the_unconfirmed_decree():
    assert set(default_rules().regimes) == {REGIME_2013, REGIME_2024, REGIME_2023}


def test_regime_file_without_open_bidding_is_refused(catalog_copy):
    path = catalog_copy / "regimes" / "law-2013-decree-63-2014.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        "\n".join(r for r in text.splitlines() if "2013-open" not in r), encoding="utf-8"
    )
    with pytest.raises(BadInput) as err:
        load_rules(catalog_copy / RULES_FILE)
    assert "đấu thầu rộng rãi" in str(err.value)


def test_two_regimes_from_the_same_day_are_refused(catalog_copy):
    _decree_349(catalog_copy, applies_by_date=True)
    path = catalog_copy / "regimes" / "law-2023-decree-349-2026.yaml"
    path.write_text(path.read_text().replace("2026-09-09", "2025-08-04"), encoding="utf-8")
    with pytest.raises(BadInput) as err:
        load_rules(catalog_copy / RULES_FILE)
    assert "cùng ngày hiệu lực" in str(err.value.problems[0].expected)


def test_unknown_regime_is_refused(small_catalog, rules):
    with pytest.raises(BadInput) as err:
        plan_of([line("T-GOODS", M)], small_catalog, rules, "law-1999")
    assert "law-1999" in str(err.value)


# --- package price = estimate + contingency + VAT ---------------------------------------------


def test_package_price_adds_contingency_and_vat(small_catalog):
    book = default_rules().model_copy(
        update={"non_standard_items": default_rules().non_standard_items | {"T-SPECIAL"}}
    )
    # equipment: 5 % contingency, then 10 % VAT on estimate + contingency
    equipment = only_package([line("T-GOODS", BN)], small_catalog, book, REGIME_2023)
    assert (equipment.value, equipment.contingency, equipment.vat, equipment.price) == (
        BN,
        50 * M,
        105 * M,
        1_155 * M,
    )
    # software is not subject to VAT; works carry 10 % contingency
    software = only_package([line("T-SOFT", BN)], small_catalog, book, REGIME_2023)
    assert (software.contingency, software.vat, software.price) == (50 * M, 0, 1_050 * M)
    works = only_package([line("T-WORKS", BN)], small_catalog, book, REGIME_2023)
    assert (works.contingency, works.vat, works.price) == (100 * M, 110 * M, 1_210 * M)
    # the limits apply to the price: 450 m of equipment costs 519.75 m, above 500 m
    near = only_package([line("T-GOODS", 450 * M)], small_catalog, book, REGIME_2023)
    assert near.price == 519_750_000 and near.method.value == OQ
    assert near.value == 450 * M  # the estimate stays what the plan funds


def test_price_factor_per_field_and_category():
    from planner.models import Category
    from planner.procurement.methods import price_factor

    book = default_rules()
    assert price_factor(book, G, Category.EQUIPMENT) == pytest.approx(1.05 * 1.10)
    assert price_factor(book, G, Category.SOFTWARE) == pytest.approx(1.05)
    assert price_factor(book, W, Category.RENOVATION) == pytest.approx(1.10 * 1.10)
