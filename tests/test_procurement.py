"""Procurement packages: lawful packaging, splitting warnings, invariants, edits, KHLCNT, JSON.

The expected methods below are written by hand from the legal texts (see
``test_procurement_regimes.py`` for every regime's limits), not read from the rule files, so a
wrong threshold in ``catalogs/regimes/`` fails a test. The shared test items, centres and the
rule book without contingency and VAT are in ``procurement_support.py``.
"""

from __future__ import annotations

import json

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from procurement_support import (
    BN,
    CENTRES,
    ITEM_SPECS,
    M,
    line,
    plan_of,
    two_sources,
)

from planner.errors import BadInput
from planner.models import PlanLine
from planner.procurement import (
    REGIME_2013,
    REGIME_2023,
    REGIME_2024,
    Method,
    build_plan,
    check_coverage,
    move_lines,
    ocds_release_package,
    plan_lines_from_rows,
    plan_meta,
    procurement_json,
    rename_package,
    resolve_splitting,
    set_method,
    splitting_check,
    write_khlcnt_sheet,
)
from planner.procurement.khlcnt import COLUMNS
from planner.procurement.session import with_regime

DS, OQ, S, OP = "direct_shortened", "online_quotation_shortened", "shopping", "open"
PRJ = "project"


# --- lawful packaging by construction, and the splitting warning --------------------------------


def _split_pair(small_catalog, rules, first=1_200 * M, second=1_200 * M):
    """Two goods packages of one owner, field and year (one splitting group), split by funding
    source (2025 regime, project basis). The lines are two centres' needs: one centre's need
    is never split over packages (see ``test_one_need_is_bought_in_one_procedure``)."""
    lines = [
        line("T-GOODS", first),
        line("T-GOODS", second, centre="D2", funding=two_sources(second)),
    ]
    return plan_of(lines, small_catalog, rules, REGIME_2023, basis=PRJ)


def test_packages_of_one_need_get_the_method_of_their_combined_price(small_catalog, rules):
    plan = _split_pair(small_catalog, rules)
    # each 1.2 bn alone could be a direct appointment (≤ 2 bn); together 2.4 bn cannot
    assert [p.method.value for p in plan.packages] == [OQ, OQ]
    assert splitting_check(plan) == []
    for package in plan.packages:
        assert package.group_price == 2_400 * M and not package.chosen_by_planner
        assert "G01, G02" in package.explanation and "khoản 3 Điều 99" in package.explanation


@pytest.mark.parametrize(("second", "method"), [(800 * M, DS), (800 * M + 1, OQ)])
def test_combined_price_boundary(small_catalog, rules, second, method):
    plan = _split_pair(small_catalog, rules, second=second)
    assert [p.method.value for p in plan.packages] == [method, method]
    assert splitting_check(plan) == []


def test_planner_choice_that_splits_is_warned_then_resolved(small_catalog, rules):
    plan = _split_pair(small_catalog, rules)
    for package in plan.packages:
        plan = set_method(plan, package.id, DS, "chọn thử")
    assert [p.method.value for p in plan.packages] == [DS, DS]
    (flag,) = splitting_check(plan)
    assert flag.value == 2_400 * M and set(flag.flagged) == {"G01", "G02"}
    assert flag.required_method.value == OQ and flag.limits == {"G01": 2 * BN, "G02": 2 * BN}
    assert "chia nhỏ" in flag.message
    workbook = openpyxl.Workbook()
    write_khlcnt_sheet(workbook.active, plan.packages, plan_meta(plan, "Kế hoạch thử"))
    texts = [c.value for row in workbook.active.iter_rows() for c in row if c.value]
    assert any("Cảnh báo chia nhỏ gói thầu" in str(t) for t in texts)
    resolved = resolve_splitting(plan)
    assert [p.method.value for p in resolved.packages] == [OQ, OQ]
    assert splitting_check(resolved) == []
    # returning to the rules' choice is lawful again for the whole plan
    back = set_method(plan, "G01", None)
    assert back.package("G01").method.value == OQ and splitting_check(back) != []
    assert splitting_check(set_method(back, "G02", None)) == []


def test_different_needs_keep_their_own_methods(small_catalog, rules):
    other_year = [line("T-GOODS", 1_500 * M), line("T-GOODS", 1_500 * M, year=2027)]
    other_field = [line("T-GOODS", 1_500 * M), line("T-WORKS", 1_500 * M)]
    for lines in (other_year, other_field):
        plan = plan_of(lines, small_catalog, rules, REGIME_2023, basis=PRJ)
        assert [p.method.value for p in plan.packages] == [DS, DS]
    two_owners = [line("T-GOODS", 1_500 * M, centre="D1"), line("T-GOODS", 1_500 * M, centre="D2")]
    by_owner = plan_of(
        two_owners,
        small_catalog,
        rules,
        REGIME_2023,
        basis=PRJ,
        cluster="centre",
        clusters_are_owners=True,
    )
    assert [p.method.value for p in by_owner.packages] == [DS, DS]
    one_owner = plan_of(two_owners, small_catalog, rules, REGIME_2023, basis=PRJ, cluster="centre")
    assert [p.method.value for p in one_owner.packages] == [OQ, OQ]


def test_open_bidding_keeps_a_non_standard_package_and_lifts_its_sibling(small_catalog, rules):
    lines = [line("T-SPECIAL", 3 * BN), line("T-GOODS", 100 * M, funding=two_sources(100 * M))]
    plan = plan_of(lines, small_catalog, rules, REGIME_2023, basis=PRJ)
    # 3.1 bn together: the non-standard package needs open bidding, the standard one online
    # price quotation (≤ 5 bn), not the direct appointment its 100 m alone would allow
    by_line = {p.lines: p.method.value for p in plan.packages}
    assert by_line == {(0,): OP, (1,): OQ}
    assert splitting_check(plan) == []


def test_one_need_is_bought_in_one_procedure(small_catalog, rules):
    """One item for one centre in one year, paid by two sets of sources, is one package; a
    planner who moves part of it into a package of its own is warned (kind "procedure")."""
    lines = [line("T-GOODS", 300 * M), line("T-GOODS", 100 * M, funding=two_sources(100 * M))]
    plan = plan_of(lines, small_catalog, rules, REGIME_2023, basis=PRJ)
    (package,) = plan.packages
    assert package.lines == (0, 1) and package.method.value == DS  # 400 m ≤ 2 bn
    assert splitting_check(plan) == []
    moved = move_lines(plan, [1], None)
    (flag,) = splitting_check(moved)
    assert flag.kind == "procedure" and flag.packages == ("G01", "G02")
    assert flag.lines == (0, 1) and "nhiều thủ tục" in flag.message
    assert procurement_json(moved)["procurement_splitting"][0]["kind"] == "procedure"
    resolved = resolve_splitting(moved)
    assert [p.lines for p in resolved.packages] == [(0, 1)]
    assert splitting_check(resolved) == []


# --- invariants --------------------------------------------------------------------------------

SOURCES = ("province", "local", "other")


@st.composite
def plan_lines(draw):
    count = draw(st.integers(1, 25))
    out = []
    for _ in range(count):
        item = draw(st.sampled_from(sorted(ITEM_SPECS)))
        cost = draw(st.integers(0, 3 * BN))
        payers = draw(st.lists(st.sampled_from(SOURCES), min_size=1, max_size=3, unique=True))
        cuts = sorted(
            draw(st.lists(st.integers(0, cost), min_size=len(payers) - 1, max_size=len(payers) - 1))
        )
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, cost], strict=True)]
        out.append(
            PlanLine(
                centre=draw(st.sampled_from([c.code for c in CENTRES])),
                item=item,
                category=ITEM_SPECS[item][0],
                procurement_field=ITEM_SPECS[item][1],
                quantity=1,
                unit_price=cost,
                cost=cost,
                year=draw(st.sampled_from([2017, 2024, 2025, 2026])),
                funding=dict(zip(payers, parts, strict=True)),
            )
        )
    return out


def _assert_invariants(plan, lines):
    check_coverage(plan)
    covered = sorted(i for p in plan.packages for i in p.lines)
    assert covered == list(range(len(lines)))
    assert sum(p.value for p in plan.packages) == sum(x.cost for x in lines)
    for p in plan.packages:
        members = [lines[i] for i in p.lines]
        assert p.value == sum(x.cost for x in members) == sum(p.funding.values())
        assert p.price == p.value + p.contingency + p.vat
        assert {x.procurement_field for x in members} == {p.field}
        assert {x.year for x in members} == {p.year}
        regime = plan.regime_of(p)
        assert plan.forced or regime.in_force(p.start_date)
        assert regime.rules_for(p.method, p.field, p.price, p.basis, p.standard), p


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=plan_lines(),
    regime=st.sampled_from([None, REGIME_2013, REGIME_2024, REGIME_2023]),
    basis=st.sampled_from(["recurrent", "project"]),
    by_funding=st.booleans(),
    by_category=st.booleans(),
    cluster=st.sampled_from(["none", "parent", "centre"]),
    owners=st.booleans(),
    markup=st.booleans(),
    move=st.data(),
)
def test_the_packager_never_hands_over_a_split(
    small_catalog,
    rules,
    lines,
    regime,
    basis,
    by_funding,
    by_category,
    cluster,
    owners,
    markup,
    move,
):
    from planner.procurement import default_rules

    book = default_rules() if markup else rules
    book = book.model_copy(update={"non_standard_items": rules.non_standard_items})
    plan = plan_of(
        lines,
        small_catalog,
        book,
        regime,
        basis=basis,
        by_funding=by_funding,
        by_category=by_category,
        cluster=cluster,
        clusters_are_owners=owners,
    )
    _assert_invariants(plan, lines)
    assert splitting_check(plan) == []
    index = move.draw(st.integers(0, len(lines) - 1))
    moved = move_lines(plan, [index], None)
    _assert_invariants(moved, lines)
    assert sum(1 for p in moved.packages if p.lines == (index,)) == 1
    # the planner's move may leave the rest of the line's need in another package: warned as
    # one need in several procedures, never as a limit the packager itself broke
    flags = splitting_check(moved)
    assert [f for f in flags if f.kind == "limit"] == []
    assert all(index in f.lines for f in flags)
    assert splitting_check(with_regime(plan, REGIME_2013)) == []


# --- edits -------------------------------------------------------------------------------------


def test_move_rename_and_method_choice(small_catalog, rules):
    lines = [
        line("T-GOODS", 1_500 * M),
        line("T-GOODS", 900 * M, year=2027, funding=two_sources(900 * M)),
        line("T-GOODS", 300 * M, year=2027, centre="D2"),
        line("T-WORKS", M),
    ]
    plan = plan_of(lines, small_catalog, rules, REGIME_2023, basis=PRJ)
    first, works, second, third = plan.packages  # ordered by year, then field, then funding
    assert (second.lines, third.lines) == ((1,), (2,))
    assert [p.method.value for p in plan.packages] == [DS, "small_purchase", DS, DS]
    merged = move_lines(plan, third.lines, second.id)
    assert [p.id for p in merged.packages] == [first.id, works.id, second.id]
    assert merged.package(second.id).value == 1_200 * M
    assert len(plan.packages) == 4  # the input plan is unchanged
    with pytest.raises(BadInput, match="Không chuyển"):
        move_lines(plan, works.lines, first.id)
    with pytest.raises(BadInput, match="Không chuyển"):
        move_lines(plan, second.lines, first.id)  # another year
    renamed = rename_package(plan, second.id, '=HYPERLINK("http://x")')
    assert (
        renamed.package(second.id).name.startswith("=") and renamed.package(second.id).custom_name
    )
    assert move_lines(renamed, third.lines, second.id).package(second.id).name.startswith("=")
    with pytest.raises(BadInput):
        rename_package(plan, first.id, "   ")
    with pytest.raises(BadInput):
        rename_package(plan, "G99", "x")
    with pytest.raises(BadInput, match="lý do"):
        set_method(plan, first.id, "limited")
    limited = set_method(plan, first.id, "limited", "chỉ vài nhà thầu đáp ứng yêu cầu kỹ thuật")
    assert limited.packages[0].method.value == "limited"
    assert limited.packages[0].rule_id == "2025-limited"
    big = plan_of([line("T-GOODS", 2 * BN + 1)], small_catalog, rules, REGIME_2023, basis=PRJ)
    with pytest.raises(BadInput, match="không hợp lệ"):
        set_method(big, "G01", DS)  # above the 2 bn limit
    assert set_method(plan, first.id, "open").packages[0].method.value == OP
    with pytest.raises(BadInput):
        set_method(plan, first.id, "auction")


# --- outputs -----------------------------------------------------------------------------------


def test_json_shape(small_catalog, rules):
    lines = [
        line("T-GOODS", 2 * M, funding=two_sources(2 * M)),
        line("T-NONC-R", 3 * M),
        line("T-GOODS", 4 * M, centre="D2", funding=two_sources(4 * M)),
    ]
    plan = plan_of(lines, small_catalog, rules, REGIME_2023)
    out = json.loads(json.dumps(procurement_json(plan)))
    assert out["procurement_regime"] == "law-2023/decree-214-2025"
    assert {p["field"] for p in out["packages"]} == {"goods", "non-consulting"}
    for package in out["packages"]:
        assert {"name", "field", "value", "method", "funding_source", "lines"} <= set(package)
        assert {"price", "contingency", "vat", "regime", "explanation", "selection_days"} <= set(
            package
        )
        assert package["method"] in {m.value for m in Method}
        assert package["value"] == sum(lines[i].cost for i in package["lines"])
        assert [r["item"] for r in package["line_refs"]] == [
            lines[i].item for i in package["lines"]
        ]
    goods = next(p for p in out["packages"] if p["field"] == "goods")
    assert goods["funding_source"] == "local+province" and goods["lines"] == [0, 2]
    assert goods["method"] == "small_purchase" and goods["start_date"] == "2026-04-01"


def test_solve_json_rows_keep_their_indices(small_catalog, rules):
    rows = [
        {**line("T-GOODS", 5 * M).model_dump(mode="json"), "renewal": False},
        {**line("T-GOODS", 0, funding={"province": 0}).model_dump(mode="json"), "renewal": False},
        {**line("T-WORKS", 7 * M).model_dump(mode="json"), "renewal": False},
    ]
    lines = plan_lines_from_rows(rows)
    out = procurement_json(
        build_plan(lines, small_catalog, CENTRES, regime=REGIME_2023, rules=rules)
    )
    by_field = {p["field"]: p["lines"] for p in out["packages"]}
    assert by_field == {"goods": [0, 1], "works": [2]}


def test_ocds_methods(small_catalog, rules):
    lines = [line("T-GOODS", 3 * BN), line("T-WORKS", M), line("T-CONS", BN)]
    plan = plan_of(lines, small_catalog, rules, REGIME_2023, basis=PRJ)
    plan = set_method(plan, plan.packages[-1].id, "limited", "ít nhà thầu")
    out = ocds_release_package(plan, "ocds-test", "2025-09-01T00:00:00Z")
    methods = [r["tender"]["procurementMethod"] for r in out["releases"]]
    assert methods == ["open", "direct", "selective"]
    assert out["releases"][0]["planning"]["budget"]["amount"] == {
        "amount": 3 * BN,
        "currency": "VND",
    }
    assert out["releases"][2]["tender"]["mainProcurementCategory"] == "services"


ART_39 = (  # Law on Bidding 22/2023/QH15 Art. 39: what a KHLCNT states for each package
    "Tên gói thầu",
    "Lĩnh vực",
    "Giá gói thầu (đồng)",
    "Nguồn vốn",
    "Hình thức lựa chọn nhà thầu",
    "Phương thức lựa chọn nhà thầu",
    "Trong nước / quốc tế",
    "Thời gian bắt đầu tổ chức lựa chọn nhà thầu",
    "Thời gian tổ chức lựa chọn nhà thầu",
    "Loại hợp đồng",
    "Thời gian thực hiện gói thầu",
    "Tùy chọn mua thêm",
    "Lựa chọn nhà thầu qua mạng",
)


def test_khlcnt_sheet_read_back(tmp_path, small_catalog, rules):
    from planner.procurement import default_rules

    book = default_rules()
    lines = [line("T-GOODS", 1_500 * M), line("T-WORKS", 700 * M), line("T-NONC-R", 12 * M)]
    plan = plan_of(lines, small_catalog, book, REGIME_2023)
    plan = rename_package(plan, plan.packages[0].id, "=1+1 gói thiết bị")
    workbook = openpyxl.Workbook()
    rows = write_khlcnt_sheet(
        workbook.active, plan.packages, plan_meta(plan, "Kế hoạch thử", decision="QĐ số 1/QĐ-UBND")
    )
    path = tmp_path / "khlcnt.xlsx"
    workbook.save(path)
    ws = openpyxl.load_workbook(path).active
    header = [c.value for c in ws[rows["header"]]]
    for title in ART_39:
        assert title in header
    assert len(header) == len(COLUMNS)
    body = range(rows["first"], rows["total"])
    for key, attr in (
        ("Giá gói thầu (đồng)", "price"),
        ("Dự phòng (đồng)", "contingency"),
        ("Thuế GTGT (đồng)", "vat"),
    ):
        col = header.index(key) + 1
        assert [ws.cell(r, col).value for r in body] == [getattr(p, attr) for p in plan.packages]
        letter = openpyxl.utils.get_column_letter(col)
        total = ws.cell(rows["total"], col).value
        assert total == f"=SUM({letter}{rows['first']}:{letter}{rows['total'] - 1})"
    # 1.5 bn of equipment + 5 % + 10 % VAT = 1,732.5 m, written by hand
    assert ws.cell(rows["first"], header.index("Giá gói thầu (đồng)") + 1).value == 1_732_500_000
    name_cell = ws.cell(rows["first"], header.index("Tên gói thầu") + 1)
    assert name_cell.value == "=1+1 gói thiết bị" and name_cell.data_type == "s"
    method = ws.cell(rows["first"], header.index("Hình thức lựa chọn nhà thầu") + 1).value
    assert method == "Chào giá trực tuyến rút gọn"
    assert ws.cell(rows["first"], header.index("Trong nước / quốc tế") + 1).value == "Trong nước"
    assert "Tổng cộng" in [c.value for c in ws[rows["total"]]]
    top = " | ".join(str(c.value) for row in ws.iter_rows(max_row=rows["header"]) for c in row)
    for text in (
        "Tên kế hoạch: Kế hoạch thử",
        "Chủ đầu tư",
        "QĐ số 1/QĐ-UBND",
        f"Tổng giá các gói thầu: {plan.total_price:,}".replace(",", "."),
        "dự toán mua sắm",
        "Nghị định số 214/2025/NĐ-CP",
    ):
        assert text in top, text


def test_khlcnt_sheet_without_packages(tmp_path, small_catalog, rules):
    workbook = openpyxl.Workbook()
    plan = plan_of([], small_catalog, rules, REGIME_2023)
    rows = write_khlcnt_sheet(workbook.active, plan.packages, plan_meta(plan, "Trống"))
    assert "Tổng cộng" in [c.value for c in workbook.active[rows["total"]]]
    top = [str(c.value) for row in workbook.active.iter_rows(max_row=rows["header"]) for c in row]
    assert any("chưa có" in t for t in top)  # no approving decision yet


# --- the demo plan at several budgets ----------------------------------------------------------


@pytest.fixture(scope="module")
def demo_lines(tmp_path_factory):
    from planner.demo.data import load_demo
    from planner.services.workspace import load_workspace
    from planner.store.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('proc') / 'demo.sqlite3'}")
    load_demo(engine, "thanh-hoa-2017")
    workspace = load_workspace(engine)
    engine.dispose()
    centres = {c.code: c for c in workspace.centres}
    out = []
    for centre in workspace.needs().centres:
        for need in centre.lines:
            item = workspace.catalog.items[need.item]
            for repair, quantity, cost in (
                (False, need.need, need.cost),
                (True, need.repair, need.repair_cost),
            ):
                if quantity:
                    shares = workspace.catalog.policy.shares_for(
                        item.category, centres[need.centre].mountainous
                    )
                    funding = {s: int(cost * share) for s, share in shares.items()}
                    funding[max(shares)] += cost - sum(funding.values())
                    out.append(
                        PlanLine(
                            centre=need.centre,
                            item=need.item,
                            category=item.category,
                            procurement_field=item.procurement_field,
                            quantity=quantity,
                            unit_price=cost // quantity,
                            cost=cost,
                            year=2017,
                            funding=funding,
                            repair=repair,
                        )
                    )
    return workspace, out


@pytest.mark.parametrize("share", [0.02, 0.1, 0.5, 1.0])
def test_demo_plan_packages_are_lawful_at_any_budget(demo_lines, share):
    workspace, lines = demo_lines
    budget = share * sum(x.cost for x in lines)
    funded, spent = [], 0
    for x in lines:  # a crude budget cut: lines in order until the money runs out
        if spent + x.cost <= budget:
            funded.append(x)
            spent += x.cost
    for regime in (None, REGIME_2013, REGIME_2024, REGIME_2023):
        plan = build_plan(funded, workspace.catalog, workspace.centres, regime=regime)
        _assert_invariants(plan, funded)
        assert splitting_check(plan) == []


def test_regime_choice_and_back_to_the_dates(small_catalog, rules):
    lines = [line("T-GOODS", 3 * BN, year=2023), line("T-GOODS", 3 * BN, year=2026)]
    by_date = plan_of(lines, small_catalog, rules, basis=PRJ)
    assert [p.regime for p in by_date.packages] == [REGIME_2013, REGIME_2023]
    assert [p.method.value for p in by_date.packages] == [S, OQ]  # 5 bn shopping; 5 bn quotation
    chosen = with_regime(by_date, REGIME_2024)
    assert chosen.forced and {p.regime for p in chosen.packages} == {REGIME_2024}
    assert [p.method.value for p in chosen.packages] == [S, S]
    back = with_regime(chosen, None)
    assert not back.forced and [p.regime for p in back.packages] == [REGIME_2013, REGIME_2023]
    assert back.regime.id == REGIME_2013  # the earliest start names the plan's regime
