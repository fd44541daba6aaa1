"""The renovation investment in the procurement plan (#13): consulting packages by role, the
funding basis per package, the owner per centre by date, the schedule by dependency.

Figures are written here by hand from docs/domain.md §4 and the catalog's fee rates (survey 1 %,
design and estimate 3.5 %, appraisal 0.5 %, supervision 3 % of REN-M2 4,000,000 + ELEC-M2
600,000 đồng per m²), not read from the YAML under test:

* Decree 214/2025 Art. 78 clause 4: direct appointment ≤ 500 m for a purchase estimate; inside
  a project ≤ 800 m consulting, ≤ 2 bn goods and works; small purchases ≤ 50 m (Art. 80.4).
* Decree 63/2014 Art. 54 clause 1: direct appointment ≤ 1 bn goods/works, ≤ 500 m consulting.

The rule book is the shipped one without contingency and VAT (``procurement_support.rules``),
so a package's price is its estimate and a limit can be hit to the đồng.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from procurement_support import BN, M, rules  # noqa: F401  (the rules fixture)

from planner.catalog import load_catalog
from planner.centres import load_centres
from planner.errors import BadInput
from planner.models import ConsultingRole, Item, PlanLine
from planner.procurement import (
    REGIME_2013,
    REGIME_2023,
    REGIME_2024,
    GroupingOptions,
    build_plan,
    move_lines,
    procurement_json,
    splitting_check,
)
from planner.procurement.khlcnt import COLUMNS, plan_meta, write_khlcnt_sheet
from planner.procurement.owners import unit_name
from planner.procurement.schedule import add_months

REN, ELEC = 4_000_000, 600_000
FEE = {  # đồng per m²
    "CONS-SURVEY": 46_000,
    "CONS-DESIGN": 161_000,
    "CONS-APPRAISAL": 23_000,
    "CONS-SUPERVISION": 138_000,
}
ROLE = {
    "CONS-SURVEY": "survey",
    "CONS-DESIGN": "design",
    "CONS-APPRAISAL": "appraisal",
    "CONS-SUPERVISION": "supervision",
}
PROVINCE_OFFICE = "Văn phòng Ủy ban nhân dân tỉnh Thanh Hóa"
SO_TTTT = "Sở Thông tin và Truyền thông tỉnh Thanh Hóa"
SO_KHCN = "Sở Khoa học và Công nghệ tỉnh Thanh Hóa"
CATEGORY = {"PC-DESKTOP": "equipment"}
FIELD = {"REN-M2": "works", "ELEC-M2": "works", "PC-DESKTOP": "goods"}


def _line(item, quantity, unit_price, *, centre="38", year=2026):
    return PlanLine(
        centre=centre,
        item=item,
        category=CATEGORY.get(item, "renovation"),
        procurement_field=FIELD.get(item, "consulting"),
        quantity=quantity,
        unit_price=unit_price,
        cost=quantity * unit_price,
        year=year,
        funding={"province": quantity * unit_price},
    )


def renovation(m2, *, centre="38", year=2026):
    """One centre's renovation of ``m2`` m² with its four consulting services."""
    return [
        _line("REN-M2", m2, REN, centre=centre, year=year),
        _line("ELEC-M2", m2, ELEC, centre=centre, year=year),
        *(_line(code, m2, fee, centre=centre, year=year) for code, fee in FEE.items()),
    ]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _plan(lines, catalog, rules, dataset="thanh-hoa-2017", regime=None, **options):  # noqa: F811
    return build_plan(
        lines,
        catalog,
        load_centres(dataset),
        regime=regime,
        dataset=dataset,
        rules=rules,
        options=GroupingOptions(**options),
    )


def _by_lot(plan):
    return {(p.field.value, p.consulting_lot): p for p in plan.packages}


# --- 1. consulting roles in the catalog ----------------------------------------------------------


def test_consulting_items_name_their_role(catalog):
    for code, role in ROLE.items():
        assert catalog.items[code].consulting_role == ConsultingRole(role), code
    assert catalog.items["REN-M2"].consulting_role is None
    assert catalog.items["PC-DESKTOP"].consulting_role is None


def test_a_role_on_an_item_that_is_not_consulting_is_refused(catalog):
    data = catalog.items["PC-DESKTOP"].model_dump()
    with pytest.raises(ValueError, match="consulting_role"):
        Item.model_validate({**data, "consulting_role": "survey"})
    assert Item.model_validate({**catalog.items["CONS-SURVEY"].model_dump()})


# --- 1–3. the library building's renovation: packages, basis, methods --------------------------


def test_the_library_renovation_is_a_works_package_and_three_consulting_packages(
    catalog,
    rules,  # noqa: F811
):
    """300 m² at the provincial centre (the Provincial Library building), planned for 2026."""
    lines = [*renovation(300), _line("PC-DESKTOP", 10, 15_000_000)]
    plan = _plan(lines, catalog, rules)
    packages = _by_lot(plan)
    assert set(packages) == {
        ("goods", None),
        ("works", None),
        ("consulting", "survey_design"),
        ("consulting", "appraisal"),
        ("consulting", "supervision"),
    }
    works = packages["works", None]
    design = packages["consulting", "survey_design"]
    appraisal = packages["consulting", "appraisal"]
    supervision = packages["consulting", "supervision"]
    goods = packages["goods", None]
    assert works.value == 300 * (REN + ELEC) == 1_380_000_000
    assert design.value == 300 * (46_000 + 161_000) == 62_100_000
    assert appraisal.value == 300 * 23_000 == 6_900_000
    assert supervision.value == 300 * 138_000 == 41_400_000
    consulting = [p.consulting_lot for p in plan.packages if p.field.value == "consulting"]
    assert consulting == ["survey_design", "appraisal", "supervision"]  # the steps' order
    items = {p.consulting_lot: {lines[i].item for i in p.lines} for p in plan.packages}
    assert items["survey_design"] == {"CONS-SURVEY", "CONS-DESIGN"}
    # the works and their consulting form a project; the PCs a purchase estimate
    for package in (works, design, appraisal, supervision):
        assert package.basis.value == "project" and package.investment
    assert goods.basis.value == "recurrent" and not goods.investment
    # Decree 214 Art. 78.4: a 1.38 bn works package of a project may be directly appointed
    # (≤ 2 bn), 62.1 m of consulting too (≤ 800 m); ≤ 50 m is a small purchase (Art. 80.4)
    assert works.regime == design.regime == REGIME_2023
    assert works.method.value == "direct_shortened"
    assert design.method.value == "direct_shortened"
    assert appraisal.method.value == supervision.method.value == "small_purchase"
    assert appraisal.procedure == supervision.procedure == "none"
    assert goods.method.value == "direct_shortened"  # 150 m ≤ 500 m (purchase estimate)
    # consulting lots are different services, never one need cut in parts
    assert splitting_check(plan) == []
    document = procurement_json(plan)
    assert document["funding_bases"] == ["project", "recurrent"]
    assert document["funding_basis_forced"] is False
    assert document["funding_basis"] == "recurrent"
    by_id = {p["id"]: p for p in document["packages"]}
    assert by_id[design.id]["consulting_lot"] == "survey_design"
    assert by_id[design.id]["funding_basis"] == "project"
    assert by_id[design.id]["funding_basis_label"] == "gói thầu thuộc dự án"
    assert by_id[goods.id]["consulting_lot"] is None
    assert by_id[goods.id]["funding_basis_label"].startswith("gói thầu thuộc dự toán mua sắm")


def test_a_forced_purchase_estimate_lowers_the_works_limit_to_500_m(catalog, rules):  # noqa: F811
    plan = _plan(renovation(300), catalog, rules, basis="recurrent")
    works = _by_lot(plan)["works", None]
    assert works.basis.value == "recurrent"
    # 1.38 bn > 500 m: no direct appointment; standard works ≤ 10 bn → competitive shopping
    assert works.method.value == "shopping"
    document = procurement_json(plan)
    assert document["funding_basis_forced"] is True
    assert document["funding_bases"] == ["recurrent"]


@pytest.mark.parametrize(
    ("m2", "method"),
    [
        # works per m² 4.6 m: 434 m² = 1,996,400,000 ≤ 2 bn; 435 m² = 2,001,000,000 > 2 bn
        (434, "direct_shortened"),
        (435, "shopping"),
    ],
)
def test_project_works_limit_at_2_bn(catalog, rules, m2, method):  # noqa: F811
    works = _by_lot(_plan(renovation(m2), catalog, rules))["works", None]
    assert works.method.value == method


def test_under_the_2013_law_consulting_above_500_m_is_not_directly_appointed(
    catalog,
    rules,  # noqa: F811
):
    """Decree 63 Art. 54.1: ≤ 500 m consulting. 2,500 m² of survey+design = 517.5 m."""
    plan = _plan(renovation(2_500, year=2017), catalog, rules)
    design = _by_lot(plan)["consulting", "survey_design"]
    assert design.regime == REGIME_2013
    assert design.value == 2_500 * 207_000 == 517_500_000
    assert design.method.value == "open"
    appraisal = _by_lot(plan)["consulting", "appraisal"]  # 57.5 m ≤ 500 m
    assert appraisal.method.value == "direct_shortened"


# --- 4. owners per centre, by date ---------------------------------------------------------------


def test_owners_follow_the_centre_and_the_dataset_date(catalog, rules):  # noqa: F811
    lines = [
        *renovation(100),
        *renovation(50, centre="380"),
        _line("PC-DESKTOP", 2, 15_000_000),
    ]
    plan = _plan(lines, catalog, rules)
    owners = {(p.field.value, p.consulting_lot, lines[p.lines[0]].centre): p for p in plan.packages}
    assert owners["works", None, "38"].owner == PROVINCE_OFFICE
    assert owners["consulting", "supervision", "38"].owner == PROVINCE_OFFICE
    assert owners["works", None, "380"].owner == "Ủy ban nhân dân thành phố Thanh Hóa"
    assert owners["goods", None, "38"].owner == SO_TTTT
    # 2017: who owns the renovation is not confirmed by a decision; the data says so
    assert owners["works", None, "38"].owner_confidence == "unconfirmed"
    document = procurement_json(plan)
    named = {o["name"]: o for o in document["owners"]}
    assert set(named) == {PROVINCE_OFFICE, "Ủy ban nhân dân thành phố Thanh Hóa", SO_TTTT}
    assert named[PROVINCE_OFFICE]["confidence"] == "unconfirmed"
    assert "6044/UBND-THKH" in named[PROVINCE_OFFICE]["source"]
    assert len(named[PROVINCE_OFFICE]["packages"]) == 4  # works + three consulting
    # the KHLCNT names the renovation's owners beside the plan's own
    workbook = Workbook()
    write_khlcnt_sheet(workbook.active, plan.packages, plan_meta(plan, "Kế hoạch thử"))
    texts = [c.value for row in workbook.active.iter_rows() for c in row if c.value]
    assert f"Chủ đầu tư: {SO_TTTT}" in texts
    assert (
        "Chủ đầu tư các gói thầu cải tạo trụ sở (xem cột Chủ đầu tư): "
        f"{PROVINCE_OFFICE}; Ủy ban nhân dân thành phố Thanh Hóa"
    ) in texts
    assert f"{PROVINCE_OFFICE} (chưa xác nhận)" in texts  # the owner column marks it


def test_in_2025_the_province_office_owns_the_centre_and_a_ward_its_own(catalog, rules):  # noqa: F811
    centres = load_centres("thanh-hoa-2025")
    ward = next(c for c in centres if c.name.endswith("phường Hàm Rồng"))
    assert unit_name(ward) == "phường Hàm Rồng"
    lines = [*renovation(100), *renovation(40, centre=ward.code), _line("PC-DESKTOP", 2, 20 * M)]
    plan = _plan(lines, catalog, rules, dataset="thanh-hoa-2025")
    by = {(p.field.value, lines[p.lines[0]].centre): p for p in plan.packages}
    assert by["works", "38"].owner == PROVINCE_OFFICE
    assert by["works", "38"].owner_confidence == "indicative"  # Decision 58/2025/QĐ-UBND
    assert "58/2025/QĐ-UBND" in by["works", "38"].owner_source
    assert by["works", ward.code].owner == "Ủy ban nhân dân phường Hàm Rồng"
    assert by["goods", "38"].owner == SO_KHCN


# --- 2. the schedule: design before works, supervision alongside --------------------------------


def test_design_comes_before_the_works_and_supervision_runs_with_them(catalog, rules):  # noqa: F811
    """Hand-computed chain for 300 m² in 2026 (selection days: direct appointment shortened 15,
    small purchase 7; execution: survey and design 3 months, appraisal 1, works 6)."""
    plan = _plan(renovation(300), catalog, rules)
    packages = _by_lot(plan)
    design = packages["consulting", "survey_design"]
    appraisal = packages["consulting", "appraisal"]
    works = packages["works", None]
    supervision = packages["consulting", "supervision"]
    # survey + design: from 01/01/2026, 15 days' selection, 3 months → 15/04/2026
    assert (design.start_year, design.start_month) == (2026, 1)
    assert design.end_date == dt.date(2026, 4, 15)
    # appraisal: from 01/05/2026, 7 days, 1 month → 07/06/2026
    assert (appraisal.start_year, appraisal.start_month) == (2026, 5)
    assert appraisal.end_date == dt.date(2026, 6, 7)
    # works: from 01/07/2026, 15 days, 6 months → 15/01/2027
    assert (works.start_year, works.start_month) == (2026, 7)
    assert works.start_quarter == 3
    assert works.end_date == dt.date(2027, 1, 15)
    # supervision is selected with the works and ends with them
    assert (supervision.start_year, supervision.start_month) == (2026, 7)
    assert supervision.end_date == works.end_date
    assert supervision.duration_months == works.duration_months == 6
    assert design.end_date < works.start_date and appraisal.end_date < works.start_date
    by_id = {p["id"]: p for p in procurement_json(plan)["packages"]}
    assert by_id[works.id]["start_month"] == 7
    assert by_id[works.id]["end_date"] == "2027-01-15"
    assert by_id[works.id]["start_date"] == "2026-07-01"


def test_a_renovation_whose_steps_straddle_04_08_2025_changes_regime(catalog, rules):  # noqa: F811
    """4,000 m² in 2025: each step is judged under the regime in force on its own start.

    survey + design 828 m (> 800 m consulting of a project) → open bidding, 60 days, from
    01/01/2025 (Decree 24/2024) → ends 01/06/2025; appraisal 92 m → direct appointment, 15 days,
    from 01/07/2025 (still Decree 24) → ends 15/08/2025; works 18.4 bn → open bidding from
    01/09/2025 (Decree 214, in force since 04/08/2025): 60 days + 6 months → 29/04/2026.
    """
    plan = _plan(renovation(4_000, year=2025), catalog, rules)
    packages = _by_lot(plan)
    design = packages["consulting", "survey_design"]
    appraisal = packages["consulting", "appraisal"]
    works = packages["works", None]
    supervision = packages["consulting", "supervision"]
    assert design.value == 828_000_000 and design.method.value == "open"
    assert design.procedure == "one_stage_two_envelopes"  # consulting, law Art. 31
    assert design.regime == REGIME_2024 and design.end_date == dt.date(2025, 6, 1)
    assert appraisal.start_date == dt.date(2025, 7, 1) and appraisal.regime == REGIME_2024
    assert appraisal.method.value == "direct_shortened"
    assert appraisal.end_date == dt.date(2025, 8, 15)
    assert works.start_date == dt.date(2025, 9, 1) and works.regime == REGIME_2023
    assert works.value == 18_400_000_000 and works.method.value == "open"
    assert works.procedure == "one_stage_one_envelope"  # works, law Art. 30
    assert works.end_date == dt.date(2026, 4, 29)
    assert supervision.regime == REGIME_2023 and supervision.value == 552_000_000
    assert supervision.method.value == "direct_shortened"  # ≤ 800 m consulting of a project
    assert supervision.end_date == works.end_date
    assert splitting_check(plan) == []


def test_every_package_has_an_end_after_its_start(catalog, rules):  # noqa: F811
    plan = _plan([_line("PC-DESKTOP", 10, 15 * M)], catalog, rules)
    (goods,) = plan.packages
    # goods: quarter 2 → 01/04/2026, 15 days, 3 months → 15/07/2026
    assert goods.start_date == dt.date(2026, 4, 1)
    assert goods.end_date == dt.date(2026, 7, 15)


def test_add_months_clips_to_the_month():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 15), 3) == dt.date(2027, 2, 15)


# --- 5. the packager never hands over a split, with consulting ----------------------------------

ITEMS = ["REN-M2", "ELEC-M2", *FEE, "PC-DESKTOP"]


@st.composite
def investment_lines(draw):
    out = []
    for _ in range(draw(st.integers(1, 14))):
        item = draw(st.sampled_from(ITEMS))
        unit_price = {"REN-M2": REN, "ELEC-M2": ELEC, "PC-DESKTOP": 15 * M}.get(item) or FEE[item]
        out.append(
            _line(
                item,
                draw(st.integers(1, 3_000)),
                unit_price,
                centre=draw(st.sampled_from(["38", "380", "381"])),
                year=draw(st.sampled_from([2017, 2024, 2026])),
            )
        )
    return out


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=investment_lines(),
    regime=st.sampled_from([None, REGIME_2013, REGIME_2023]),
    basis=st.sampled_from([None, "recurrent", "project"]),
    by_funding=st.booleans(),
    move=st.data(),
)
def test_the_packager_never_splits_a_renovation(
    catalog,
    rules,  # noqa: F811
    lines,
    regime,
    basis,
    by_funding,
    move,
):
    plan = _plan(lines, catalog, rules, regime=regime, basis=basis, by_funding=by_funding)
    assert sorted(i for p in plan.packages for i in p.lines) == list(range(len(lines)))
    for p in plan.packages:
        regime_of = plan.regime_of(p)
        assert regime_of.rules_for(p.method, p.field, p.price, p.basis, p.standard), p
        assert p.end_date is not None and p.end_date >= p.start_date
        lots = {plan.facts[i].lot for i in p.lines}
        assert len(lots) == 1  # one step of one investment, or no investment
    assert splitting_check(plan) == []
    moved = move_lines(plan, [move.draw(st.integers(0, len(lines) - 1))], None)
    assert sorted(i for p in moved.packages for i in p.lines) == list(range(len(lines)))


# --- 7. the proposal workbook of the 2025 demo with a renovation budget -------------------------


def test_the_2025_proposal_shows_consulting_owner_basis_and_schedule(cli):
    assert cli("demo", "--dataset", "thanh-hoa-2025").returncode == 0
    done = cli("solve", "--budget", "300000000000", "--json", "plan.json", "--xlsx", "plan.xlsx")
    assert done.returncode == 0, done.stderr
    plan = json.loads((cli.workdir / "plan.json").read_text(encoding="utf-8"))
    assert plan["procurement_splitting"] == []
    lots = {p["consulting_lot"] for p in plan["packages"] if p["field"] == "consulting"}
    assert lots == {"survey_design", "appraisal", "supervision"}
    province_works = [
        p
        for p in plan["packages"]
        if p["field"] == "works" and {r["centre"] for r in p["line_refs"]} == {"38"}
    ]
    assert province_works and province_works[0]["owner"] == PROVINCE_OFFICE
    assert province_works[0]["funding_basis"] == "project"
    assert "project" in plan["funding_bases"] and plan["funding_basis_forced"] is False
    assert PROVINCE_OFFICE in {o["name"] for o in plan["owners"]}

    sheet = load_workbook(cli.workdir / "plan.xlsx")["KHLCNT"]
    header_row = next(r for r in sheet.iter_rows(values_only=True) if r and r[0] == "STT")
    col = {name: header_row.index(name) for name in header_row if name}
    assert {"Chủ đầu tư", "Cơ sở nguồn vốn", "Thời gian kết thúc dự kiến"} <= set(col)
    assert len(header_row) >= len(COLUMNS)
    rows = [r for r in sheet.iter_rows(values_only=True) if r and isinstance(r[0], int)]
    names = [r[col["Tên gói thầu"]] for r in rows]
    assert any("Tư vấn khảo sát, lập thiết kế bản vẽ thi công và dự toán" in n for n in names)
    assert any("Tư vấn giám sát thi công" in n for n in names)
    assert any("Tư vấn thẩm tra thiết kế" in n for n in names)
    owners = {r[col["Chủ đầu tư"]] for r in rows}
    assert any(o.startswith(PROVINCE_OFFICE) for o in owners)
    assert any(o.startswith("Ủy ban nhân dân") for o in owners)
    assert SO_KHCN in owners
    bases = {r[col["Cơ sở nguồn vốn"]] for r in rows}
    assert "gói thầu thuộc dự án (giám sát thi công)" in bases
    assert any(b.startswith("gói thầu thuộc dự toán mua sắm") for b in bases)
    starts = [r[col["Thời gian bắt đầu tổ chức lựa chọn nhà thầu"]] for r in rows]
    assert all(s.startswith("Tháng ") for s in starts)
    ends = [r[col["Thời gian kết thúc dự kiến"]] for r in rows]
    assert all(isinstance(e, str) and len(e) == 10 and e[2] == "/" for e in ends)


def test_unknown_role_is_refused(tmp_path):
    import shutil

    from planner.catalog import CATALOG_DIR

    folder = tmp_path / "catalogs"
    shutil.copytree(CATALOG_DIR, folder)
    items = folder / "items.csv"
    text = items.read_text(encoding="utf-8").replace(",supervision", ",inspection", 1)
    items.write_text(text, encoding="utf-8")
    with pytest.raises(BadInput) as info:
        load_catalog(folder)
    assert [p.column for p in info.value.problems] == ["consulting_role"]
    assert BN == 1_000_000_000
