"""Needs analysis: every norm basis and stock rule against hand-computed expectations."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.models import Basis, Centre, Condition, Level, Norm, Premises, Survey, SurveyLine
from planner.needs import analyse, centre_needs, required_quantity, usable_stock

PREMISES = Premises(
    floor_area_m2=120, renovation_area_m2=45.5, counters=7, staff=16, yearly_dossiers=9000
)


def norm(basis: Basis, quantity: float = 1, n: int = 1, item: str = "PC-DESKTOP") -> Norm:
    return Norm(level=Level.DISTRICT, item=item, basis=basis, quantity=quantity, n=n)


@pytest.mark.parametrize(
    ("basis", "quantity", "n", "expected", "why"),
    [
        (Basis.PER_CENTRE, 2, 1, 2, "2 per centre"),
        (Basis.PER_COUNTER, 1, 1, 7, "1 per counter × 7 counters"),
        (Basis.PER_STAFF, 1, 1, 16, "1 per staff × 16 staff"),
        (Basis.PER_N_STAFF, 1, 3, 6, "ceil(16 / 3) = ceil(5.33) = 6"),
        (Basis.PER_N_STAFF, 1, 15, 2, "ceil(16 / 15) = 2"),
        (Basis.PER_N_COUNTERS, 1, 3, 3, "ceil(7 / 3) = 3"),
        (Basis.PER_N_COUNTERS, 1, 7, 1, "ceil(7 / 7) = 1 exactly, no rounding up past it"),
        (
            Basis.PER_M2,
            0.025,
            1,
            3,
            "120 m² × 0.025 = 3.0 exactly (float 3.0000000000000004 must not become 4)",
        ),
        (Basis.PER_M2, 0.02, 1, 3, "120 × 0.02 = 2.4 → 3"),
        (Basis.PER_RENOVATION_M2, 1, 1, 46, "45.5 m² to renovate → 46 m² of works"),
    ],
)
def test_required_quantity_per_basis(basis, quantity, n, expected, why):
    assert required_quantity(norm(basis, quantity, n), PREMISES) == expected, why


def test_per_m2_float_edge_is_not_rounded_up(catalog):
    # 0.1 × 30 = 3.0000000000000004 in binary floating point.
    premises = Premises(floor_area_m2=30)
    assert required_quantity(norm(Basis.PER_M2, 0.1), premises) == 3


def test_norm_refuses_n_for_a_basis_without_n():
    with pytest.raises(ValueError, match="N quầy"):
        norm(Basis.PER_STAFF, 1, 3)


def survey(lines, as_of=dt.date(2017, 6, 1), premises=PREMISES, centre="392") -> Survey:
    return Survey(centre=centre, as_of=as_of, premises=premises, lines=tuple(lines))


def test_stock_rules_good_repairable_broken_and_lifetime(catalog):
    # PC-DESKTOP has a 7-year lifetime in the catalog.
    assert catalog.items["PC-DESKTOP"].lifetime_years == 7
    lines = [
        SurveyLine(item="PC-DESKTOP", quantity=3, condition=Condition.GOOD, year_acquired=2015),
        SurveyLine(
            item="PC-DESKTOP", quantity=2, condition=Condition.GOOD, year_acquired=2010
        ),  # age 7: still ok
        SurveyLine(
            item="PC-DESKTOP", quantity=4, condition=Condition.GOOD, year_acquired=2009
        ),  # age 8: replace
        SurveyLine(
            item="PC-DESKTOP", quantity=5, condition=Condition.REPAIRABLE, year_acquired=2016
        ),
        SurveyLine(item="PC-DESKTOP", quantity=6, condition=Condition.BROKEN, year_acquired=2016),
        SurveyLine(
            item="PC-DESKTOP", quantity=1, condition=Condition.GOOD, year_acquired=None
        ),  # unknown age
    ]
    stock = usable_stock(survey(lines), catalog)["PC-DESKTOP"]
    assert (stock.good, stock.repairable) == (3 + 2 + 1, 5)


def district(code="392", level=Level.DISTRICT) -> Centre:
    return Centre(code=code, name="Trung tâm thử", level=level)


def test_need_line_arithmetic_by_hand(catalog):
    """16 staff → 16 PCs required (plus any per-counter norm); 6 good, 5 repairable."""
    lines = [
        SurveyLine(item="PC-DESKTOP", quantity=6, condition=Condition.GOOD, year_acquired=2015),
        SurveyLine(
            item="PC-DESKTOP", quantity=5, condition=Condition.REPAIRABLE, year_acquired=2016
        ),
    ]
    needs = centre_needs(district(), survey(lines), catalog)
    pc = next(line for line in needs.lines if line.item == "PC-DESKTOP")
    required = sum(
        math.ceil(
            n.quantity * {"per_staff": 16, "per_counter": 7, "per_centre": 1}[n.basis.value] / n.n
            - 1e-9
        )
        for n in catalog.norms_for(Level.DISTRICT)
        if n.item == "PC-DESKTOP"
    )
    assert pc.required == required
    assert pc.good == 6
    assert pc.repair == min(5, required - 6)
    assert pc.usable == 6 + pc.repair
    assert pc.need == required - pc.usable
    price = catalog.items["PC-DESKTOP"].unit_price
    assert pc.cost == pc.need * price
    assert pc.repair_cost == pc.repair * math.ceil(catalog.policy.repair_fraction * price)


def test_more_good_units_than_required_means_no_need_and_no_repair(catalog):
    lines = [
        SurveyLine(item="PC-DESKTOP", quantity=500, condition=Condition.GOOD, year_acquired=2016),
        SurveyLine(
            item="PC-DESKTOP", quantity=5, condition=Condition.REPAIRABLE, year_acquired=2016
        ),
    ]
    pc = next(
        ln
        for ln in centre_needs(district(), survey(lines), catalog).lines
        if ln.item == "PC-DESKTOP"
    )
    assert (pc.need, pc.repair, pc.cost, pc.repair_cost) == (0, 0, 0, 0)


def test_renovation_need_is_area_times_price(catalog):
    needs = centre_needs(district(), survey([]), catalog)
    renovation = [ln for ln in needs.lines if ln.item == "REN-M2"]
    assert len(renovation) == 1
    ren_norm = next(n for n in catalog.norms_for(Level.DISTRICT) if n.item == "REN-M2")
    expected_m2 = math.ceil(ren_norm.quantity * 45.5 - 1e-9)
    assert renovation[0].need == expected_m2
    assert renovation[0].cost == expected_m2 * catalog.items["REN-M2"].unit_price


def test_no_survey_uses_the_centre_premises_and_needs_everything(catalog):
    centre = Centre(code="392", name="x", level=Level.DISTRICT, premises=PREMISES)
    needs = centre_needs(centre, None, catalog)
    assert needs.premises == PREMISES
    assert all(ln.need == ln.required and ln.usable == 0 for ln in needs.lines)
    assert not needs.go_live_ready
    assert needs.go_live_shortfall == sum(ln.cost for ln in needs.lines if ln.go_live)


def test_go_live_ready_when_every_bundle_item_is_in_stock(catalog):
    empty = centre_needs(district(), survey([]), catalog)
    full_lines = [
        SurveyLine(item=ln.item, quantity=ln.required, condition=Condition.GOOD, year_acquired=2016)
        for ln in empty.lines
        if ln.go_live
    ]
    full = centre_needs(district(), survey(full_lines), catalog)
    assert full.go_live_ready
    assert full.go_live_shortfall == 0
    assert full.cost == empty.cost - empty.go_live_shortfall


def test_totals_add_up_per_centre_and_category(catalog):
    centres = [district("392"), district("393")]
    report = analyse(centres, {"392": (1, survey([]))}, catalog)
    assert report.cost == sum(c.cost for c in report.centres)
    assert sum(report.cost_by_category().values()) == report.cost
    assert sum(report.cost_by_item().values()) == report.cost
    assert report.centres[1].survey_version is None


counts = st.integers(min_value=0, max_value=60)


@settings(max_examples=150, deadline=None)
@given(
    staff=counts,
    counters=counts,
    floor=st.floats(min_value=0, max_value=2000, allow_nan=False),
    stock=st.lists(
        st.tuples(
            st.sampled_from(["PC-DESKTOP", "PRN-A4", "SCN-DOC", "CTR-DISPLAY", "AIRCON", "KIOSK"]),
            counts,
            st.sampled_from(list(Condition)),
            st.one_of(st.none(), st.integers(min_value=1995, max_value=2017)),
        ),
        max_size=12,
    ),
)
def test_property_need_never_negative_and_covers_required(catalog, staff, counters, floor, stock):
    premises = Premises(
        floor_area_m2=floor, renovation_area_m2=floor / 2, counters=counters, staff=staff
    )
    lines = [SurveyLine(item=i, quantity=q, condition=c, year_acquired=y) for i, q, c, y in stock]
    for line in centre_needs(district(), survey(lines, premises=premises), catalog).lines:
        assert line.need >= 0
        assert line.usable + line.need >= line.required
        assert line.need == 0 or line.usable + line.need == line.required
        assert line.repair <= max(0, line.required - line.good)


def test_survey_refuses_a_year_after_the_survey_date():
    with pytest.raises(ValueError, match="sau năm khảo sát"):
        survey(
            [
                SurveyLine(
                    item="PC-DESKTOP", quantity=1, condition=Condition.GOOD, year_acquired=2018
                )
            ]
        )


def test_premises_refuse_renovating_more_than_the_floor():
    with pytest.raises(ValueError, match="diện tích cần cải tạo"):
        Premises(floor_area_m2=10, renovation_area_m2=11)
