"""Kế hoạch mua sắm: a planner's edits to the packages, the refusals, and the edited KHLCNT sheet."""

from __future__ import annotations

import io

import pytest
from app_support import PLANNER, app_as, button, form_key
from openpyxl import load_workbook

from planner import labels
from planner.procurement import Method
from planner.procurement.khlcnt import COLUMNS
from planner.procurement.session import choose_method, with_regime

A, K = labels.APP, labels.KHLCNT_COLUMN


def run_then_open_procurement(at, name: str, budget_bn: float, covers_prices: bool = False):
    """Run a one-year scenario from the form (``covers_prices``: the budget pays the package
    prices), then open Kế hoạch mua sắm on it."""
    at.text_input(key=form_key(at, "sc_name")).input(name)
    at.number_input(key=form_key(at, "sc_budget")).set_value(budget_bn)
    box = at.checkbox(key=form_key(at, "sc_covers"))
    assert box.label == A["budget_covers_package"]
    box.check() if covers_prices else box.uncheck()
    button(at, A["run"]).click()
    at.run()
    assert not at.exception and not at.error
    at.switch_page("app_pages/procurement.py")
    at.run()
    assert not at.exception
    return at


@pytest.fixture
def solved(app_db):
    """The app on the procurement page after one generous one-year run (fast to solve)."""
    at = app_as(PLANNER, "scenario", timeout=120)
    at.number_input(key="sc_tl").set_value(20)
    return run_then_open_procurement(at, "Mua sắm", 20.0)


def current(at):
    result = at.session_state["scenario_runs"][-1]
    return result, at.session_state["procurement_plans"][result.key]


def khlcnt_values(data: bytes) -> dict[str, int]:
    """Package name → price read back from the KHLCNT sheet (rows between header and Tổng cộng)."""
    sheet = load_workbook(io.BytesIO(data))[labels.EXCEL["sheet_packages"]]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] == K["number"])
    name, value = COLUMNS.index("name"), COLUMNS.index("value")
    out = {}
    for row in rows[header + 1 :]:
        if row[name] == labels.COLUMN["total"]:
            break
        out[row[name]] = row[value]
    return out


def test_moving_a_line_changes_both_packages_and_the_downloaded_khlcnt(solved):
    at = solved
    result, plan = current(at)
    pairs = [
        (a, b)
        for a in plan.packages
        for b in plan.packages
        if a.id != b.id
        and len(a.lines) >= 2
        and (a.field, a.year, a.basis) == (b.field, b.year, b.basis)
        and plan.facts[a.lines[0]].recurrent == plan.facts[b.lines[0]].recurrent
    ]
    assert pairs, "the demo plan should have two packages of one field and year"
    source, target = pairs[0]
    line = source.lines[0]
    cost = plan.lines[line].cost
    assert cost > 0

    at.multiselect(key="move_lines").select(line)
    at.selectbox(key="move_target").select(target.id)
    button(at, A["move_button"]).click()
    at.run()
    assert not at.exception and not at.error
    _, edited = current(at)
    values = {p.id: p.value for p in edited.packages}
    assert values[source.id] == source.value - cost
    assert values[target.id] == target.value + cost
    assert sum(values.values()) == plan.total  # nothing lost, nothing counted twice
    shown = at.dataframe[0].value
    assert dict(zip(shown[labels.PACKAGE_ID], shown[K["value"]], strict=True))[
        target.id
    ] == labels.money(target.value + cost)

    # the proposal offered for download carries the edited packages in its KHLCNT sheet
    assert any(b.label == A["download_khlcnt"] for b in at.get("download_button"))
    data = at.session_state["procurement_workbooks"][result.key][1]
    sheet = khlcnt_values(data)
    names = {p.id: p.name for p in edited.packages}
    assert sheet[names[source.id]] == source.value - cost
    assert sheet[names[target.id]] == target.value + cost
    original = khlcnt_values(result.proposal)  # the run's own file is unchanged
    assert original[source.name] == source.value and original[target.name] == target.value

    # the edit survives a page change
    at.switch_page("app_pages/scenario.py")
    at.run()
    at.switch_page("app_pages/procurement.py")
    at.run()
    assert {p.id: p.value for p in current(at)[1].packages} == values


def test_an_unlawful_method_is_refused_and_nothing_changes(solved):
    at = solved
    _, plan = current(at)
    big = max(plan.packages, key=lambda p: p.value)
    limits = [
        r.max_value
        for r in plan.regime.rules
        if r.method == Method.DIRECT_SHORTENED and r.max_value
    ]
    assert big.value > max(limits)  # so shortened direct appointment cannot be lawful for it
    at.selectbox(key="method_package").select(big.id)
    at.selectbox(key="method_choice").select(Method.DIRECT_SHORTENED.value)
    at.text_area(key="method_reason").input("Cần triển khai sớm")
    button(at, A["method_button"]).click()
    at.run()
    assert not at.exception
    assert at.error and at.error[0].value == "Hình thức lựa chọn nhà thầu không hợp lệ"
    problems = next(d.value for d in at.dataframe if A["problem_expected"] in d.value.columns)
    expected = problems[A["problem_expected"]].iloc[0]
    assert (
        labels.SELECTION_METHOD["direct_shortened"] in expected and "không áp dụng được" in expected
    )
    assert current(at)[1] is plan  # the very same plan: nothing changed


def test_a_lawful_choice_needs_a_reason_then_is_kept_in_the_khlcnt(solved):
    at = solved
    _, plan = current(at)
    small = min(plan.packages, key=lambda p: p.value)
    lawful = [
        m
        for m in Method
        if m != small.method
        and plan.regime.rules_for(m, small.field, small.value, small.basis, small.standard)
    ]
    assert lawful
    with pytest.raises(Exception, match=r"lý do|không áp dụng"):
        choose_method(plan, small.id, lawful[0], "  ")
    chosen = choose_method(plan, small.id, lawful[0], "Theo đề nghị của Sở")
    package = chosen.package(small.id)
    assert package.method == lawful[0] and package.reason == "Theo đề nghị của Sở"


def test_regime_choice_regroups_under_the_other_law(solved):
    at = solved
    _, plan = current(at)
    assert plan.regime.id.startswith("law-2013")  # the 2017 demo defaults to the law then in force
    other = next(r for r in plan.rules.regimes if r != plan.regime.id)
    at.selectbox(key="procurement_regime").select(other)
    at.run()
    assert not at.exception
    _, now = current(at)
    assert now.regime.id == other
    assert now.total == plan.total and sorted(i for p in now.packages for i in p.lines) == list(
        range(len(plan.lines))
    )
    assert [p.method for p in now.packages] == [p.method for p in with_regime(plan, other).packages]


def test_regime_and_reason_shown_and_back_to_by_date(solved):
    """Each package's regime and the reason are on the page; "by date" is offered again after a
    regime chosen by hand, and it rebuilds every package under the law of its own start date."""
    at = solved
    _, plan = current(at)
    box = at.selectbox(key="procurement_regime")
    assert box.value == "" and not plan.forced  # by date, the default
    # the 2017 demo's packages start before 01/01/2024: each under the 2013 law, said why
    reason = next(m.value for m in at.markdown if labels.REGIME_CHOICE["reason"] in m.value)
    assert "43/2013/QH13" in reason and "ngày bắt đầu lựa chọn nhà thầu" in reason
    table = at.dataframe[0].value
    packages = table.iloc[:-1]  # the last row is the Tổng cộng
    assert set(packages[K["regime"]]) == {plan.rules.regime("law-2013/decree-63-2014").name}

    box.select("law-2023/decree-214-2025")
    at.run()
    assert not at.exception and not at.error
    _, chosen = current(at)
    assert chosen.forced and {p.regime for p in chosen.packages} == {"law-2023/decree-214-2025"}
    reason = next(m.value for m in at.markdown if labels.REGIME_CHOICE["reason"] in m.value)
    assert "do cán bộ kế hoạch chọn" in reason and "214/2025" in reason

    at.selectbox(key="procurement_regime").select("")  # back to by date
    at.run()
    assert not at.exception and not at.error
    _, back = current(at)
    assert not back.forced
    assert [p.regime for p in back.packages] == [p.regime for p in plan.packages]
    assert [(p.lines, p.method) for p in back.packages] == [
        (p.lines, p.method) for p in plan.packages
    ]
    assert labels.REGIME_CHOICE["changed_by_date"] in [s.value for s in at.success]
    assert at.selectbox(key="procurement_regime").value == ""


def test_the_downloaded_proposal_names_the_approver_and_the_budget_basis(solved):
    """The real run's proposal (2017 demo: packages under the 2013 law, a purchase estimate):
    the competent person approves the KHLCNT, and the budget was spent on estimates."""
    result, _ = current(solved)
    wb = load_workbook(io.BytesIO(result.proposal))
    cover = {
        r[0]: r[1] for r in wb[labels.EXCEL["sheet_cover"]].iter_rows(values_only=True) if r[0]
    }
    approver = cover["Người phê duyệt kế hoạch lựa chọn nhà thầu"]
    assert approver.startswith("Ủy ban nhân dân tỉnh Thanh Hóa (người có thẩm quyền")
    assert "43/2013/QH13" in approver
    assert cover["Ngân sách được tính trên"].startswith("Dự toán:")
    assert "là dự toán" in cover["Số tiền trong đề xuất"]


def test_no_code_or_none_reaches_the_planner_on_the_page(solved):
    """Methods, fields, regimes and procedures appear in words: no code, no 'None'."""
    at = solved
    _, plan = current(at)
    codes = {m.value for m in Method} | {"goods", "works", "consulting", "non_consulting"}
    codes |= {"id", "recurrent", "project", "None", "nan", "lump_sum", "unit_price"}
    codes |= set(plan.rules.regimes)
    shown: list[str] = []
    for kind in ("markdown", "caption", "info", "success", "warning", "subheader", "title"):
        shown += [str(e.value) for e in getattr(at, kind)]
    for widget in (*at.selectbox, *at.multiselect):
        shown += [widget.label, *map(str, widget.options)]
    shown += [b.label for b in at.button] + [t.label for t in at.tabs]
    for frame in at.dataframe:
        shown += [str(c) for c in frame.value.columns]
        shown += [str(v) for v in frame.value.to_numpy().ravel()]
    leaked = {text for text in shown if set(text.replace(",", " ").split()) & codes}
    assert not leaked


def _run_at(at, name: str, covers_prices: bool):
    """A 3 bn scenario (well under the 2017 need) with the basis box set, then its packages."""
    at.switch_page("app_pages/scenario.py")
    at.run()
    run_then_open_procurement(at, name, 3.0, covers_prices)
    return current(at)


def test_the_page_says_whether_the_package_prices_fit_the_budget(app_db):
    """On estimates a binding 3 bn budget leaves contingency and VAT unfunded: the page says by
    how much and which box to tick; ticked, the prices (Σ estimate × 1.05 × 1.10 per line,
    rounded per line) stay within the budget and the page says so."""
    at = app_as(PLANNER, "scenario", timeout=120)
    at.number_input(key="sc_tl").set_value(20)
    result, plan = _run_at(at, "Theo dự toán", covers_prices=False)
    budget = 3 * 10**9
    assert result.document["budget_covers"] == "estimate"
    assert plan.total_price > budget >= plan.total
    over = labels.money(plan.total_price - budget)
    warnings = [w.value for w in at.warning]
    assert any(over in w and A["budget_covers_package"] in w for w in warnings), warnings

    result, plan = _run_at(at, "Theo giá gói thầu", covers_prices=True)
    assert result.document["budget_covers"] == "package_price"
    assert plan.total < plan.total_price <= budget  # 2,999,991,750 ₫ when written
    fmt = {"prices": labels.money(plan.total_price), "budget": labels.money(budget)}
    assert A["prices_fit"].format(**fmt) in [s.value for s in at.success]
    assert not [w.value for w in at.warning if A["budget_covers_package"] in w.value]
