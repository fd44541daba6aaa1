"""Survey dates kept through the web form, re-dating warned of, unusable units explained.

The figures are worked by hand from the rule in planner.needs: a unit is past its lifetime
when survey year − year acquired > lifetime (7 years for the items used here); broken units
never count; repairable units are repaired only up to the norm.
"""

from __future__ import annotations

import datetime as dt

import pytest

from planner import labels
from planner.errors import BadInput
from planner.models import Centre, Condition, Level, Premises, Survey, SurveyLine
from planner.needs import Unusable, UnusableUnits, centre_needs, unusable_units, usable_stock
from planner.services.survey_form import form_date, form_rows, read_form
from planner.services.surveys import redating

C, A = labels.COLUMN, labels.APP
COUNTED = dt.date(2017, 6, 1)
TODAY = dt.date(2026, 12, 2)
PREMISES = Premises(floor_area_m2=100, counters=4, staff=6)
# District level with 4 counters and 6 staff: the norms ask 6 PC-DESKTOP, 2 PRN-A4, 2 SCN-DOC,
# 1 LAPTOP (prices 20, 7, 15 and 18 million đồng; repair 30 % of the price).
CENTRE = Centre(code="380", name="Trung tâm thử", level=Level.DISTRICT, premises=PREMISES)


def line(item, quantity, condition, year=None) -> SurveyLine:
    return SurveyLine(
        item=item, quantity=quantity, condition=Condition(condition), year_acquired=year
    )


SURVEY = Survey(
    centre="380",
    as_of=COUNTED,
    premises=PREMISES,
    lines=(
        line("PC-DESKTOP", 4, "good", 2012),
        line("PC-DESKTOP", 2, "good", 2016),
        line("PRN-A4", 1, "broken", 2015),
        line("PRN-A4", 2, "good"),
        line("SCN-DOC", 3, "repairable", 2016),
        line("LAPTOP", 1, "good", 2009),
    ),
)


def values(premises: Premises) -> dict[str, object]:
    return premises.model_dump()


def test_the_form_opens_on_the_previous_versions_date_and_only_a_first_survey_on_today():
    assert form_date(SURVEY, TODAY) == COUNTED
    assert form_date(None, TODAY) == TODAY


def test_editing_one_quantity_keeps_the_date_and_every_other_lines_usable_count(catalog):
    rows = form_rows(SURVEY, catalog)
    printers = next(
        i for i, r in enumerate(rows) if r[C["item"]] == "PRN-A4" and r[C["quantity"]] == 2
    )
    rows[printers][C["quantity"]] = 3.0  # the editor hands numbers back as floats
    new = read_form(
        "380",
        rows,
        values(PREMISES),
        catalog,
        as_of=form_date(SURVEY, TODAY),
        surveyed_by="huyen380",
        previous_as_of=SURVEY.as_of,
    ).survey
    assert new.as_of == COUNTED
    before, after = usable_stock(SURVEY, catalog), usable_stock(new, catalog)
    # by hand: 6 desktops (ages 5 and 1), 3 repairable scanners; the laptop is 8 years old
    assert {k: (s.good, s.repairable) for k, s in before.items()} == {
        "PC-DESKTOP": (6, 0),
        "PRN-A4": (2, 0),
        "SCN-DOC": (0, 3),
    }
    assert after["PRN-A4"].good == 3
    assert {k: v for k, v in after.items() if k != "PRN-A4"} == {
        k: v for k, v in before.items() if k != "PRN-A4"
    }
    # what the old form did (dated the save today) would have dropped the desktops and scanners
    today = usable_stock(SURVEY.model_copy(update={"as_of": TODAY}), catalog)
    assert "PC-DESKTOP" not in today and "SCN-DOC" not in today


def test_a_new_date_is_refused_unless_confirmed_and_nothing_is_returned(catalog):
    rows = form_rows(SURVEY, catalog)
    with pytest.raises(BadInput) as refused:
        read_form(
            "380",
            rows,
            values(PREMISES),
            catalog,
            as_of=TODAY,
            surveyed_by="huyen380",
            previous_as_of=COUNTED,
        )
    (problem,) = refused.value.problems
    assert (problem.where, problem.row, problem.column, problem.value) == (
        A["as_of"],
        None,
        A["as_of"],
        "02/12/2026",
    )
    assert "01/06/2017" in problem.expected
    confirmed = read_form(
        "380",
        rows,
        values(PREMISES),
        catalog,
        as_of=TODAY,
        surveyed_by="huyen380",
        previous_as_of=COUNTED,
        redate_confirmed=True,
    ).survey
    assert confirmed.as_of == TODAY
    assert sorted(confirmed.lines, key=str) == sorted(SURVEY.lines, key=str)


def test_redating_counts_units_passing_their_lifetime_and_the_change_in_need(catalog):
    effect = redating(SURVEY, TODAY, CENTRE, catalog)
    # 2026: desktops of 2012 and 2016 are 14 and 10 years old, scanners of 2016 10 years old;
    # the laptop of 2009 was already past its lifetime in 2017; printers unchanged.
    assert effect.passing == {"PC-DESKTOP": 6, "SCN-DOC": 3}
    assert (effect.before, effect.after, effect.units) == (COUNTED, TODAY, 9)
    # need: 6 desktops to buy (6 × 20 m) and 2 scanners to buy (2 × 15 m) instead of
    # repairing 2 (2 × ⌈0.3 × 15 m⌉ = 9 m): +120 m + 30 m − 9 m
    assert effect.need_change == 141_000_000
    back = redating(SURVEY.model_copy(update={"as_of": TODAY}), COUNTED, CENTRE, catalog)
    assert back.passing == {"PC-DESKTOP": -6, "SCN-DOC": -3} and back.need_change == -141_000_000
    assert redating(SURVEY, dt.date(2017, 12, 31), CENTRE, catalog).passing == {}


def test_every_unusable_unit_is_explained_by_the_rule_that_left_it_out(catalog):
    needs = centre_needs(CENTRE, SURVEY, catalog)
    found = unusable_units(SURVEY, catalog, needs.lines)
    assert sorted(found, key=lambda u: (u.item, u.reason)) == [
        UnusableUnits("LAPTOP", 1, Unusable.PAST_LIFETIME, Condition.GOOD, 2009, 2017),
        UnusableUnits("PRN-A4", 1, Unusable.BROKEN, Condition.BROKEN, 2015),
        UnusableUnits("SCN-DOC", 1, Unusable.NOT_REPAIRED, Condition.REPAIRABLE),
    ]
    # every surveyed unit of a needed item is either usable or explained
    surveyed: dict[str, int] = {}
    for x in SURVEY.lines:
        surveyed[x.item] = surveyed.get(x.item, 0) + x.quantity
    for need in needs.lines:
        explained = sum(u.quantity for u in found if u.item == need.item)
        assert need.usable + explained == surveyed.get(need.item, 0), need.item


def test_zero_rows_with_no_condition_mean_none_and_identical_rows_are_added_up(catalog):
    rows = [
        {C["item"]: "LAPTOP", C["quantity"]: 0.0, C["condition"]: None, C["year_acquired"]: None},
        {
            C["item"]: "PC-DESKTOP",
            C["quantity"]: 2.0,
            C["condition"]: "Tốt",
            C["year_acquired"]: 2015.0,
        },
        {C["item"]: "PRN-A4", C["quantity"]: 0, C["condition"]: "Tốt", C["year_acquired"]: None},
        {
            C["item"]: "PC-DESKTOP",
            C["quantity"]: 3.0,
            C["condition"]: "Tốt",
            C["year_acquired"]: 2015.0,
        },
        {
            C["item"]: "PC-DESKTOP",
            C["quantity"]: 1.0,
            C["condition"]: "Hỏng",
            C["year_acquired"]: 2015.0,
        },
    ]
    result = read_form(
        "380", rows, values(PREMISES), catalog, as_of=COUNTED, surveyed_by="huyen380"
    )
    assert sorted(result.survey.lines, key=str) == sorted(
        [line("PC-DESKTOP", 5, "good", 2015), line("PC-DESKTOP", 1, "broken", 2015)], key=str
    )
    ((merged),) = result.merged
    assert (merged.item, merged.condition, merged.year_acquired, merged.rows, merged.quantity) == (
        "PC-DESKTOP",
        "good",
        2015,
        (2, 4),
        5,
    )


def test_bad_rows_are_located_in_vietnamese_and_no_survey_comes_out(catalog):
    rows = [
        {
            C["item"]: "PC-DESKTOP",
            C["quantity"]: 2,
            C["condition"]: "Tốt",
            C["year_acquired"]: None,
        },
        {C["item"]: "PC-DESKTOP", C["quantity"]: 2, C["condition"]: None, C["year_acquired"]: None},
        {C["item"]: "LAPTOP", C["quantity"]: 1.5, C["condition"]: "Tốt", C["year_acquired"]: None},
        {
            C["item"]: "PC-DESKTOP",
            C["quantity"]: 999_999,
            C["condition"]: "Tốt",
            C["year_acquired"]: None,
        },
    ]
    with pytest.raises(BadInput) as refused:
        read_form("380", rows, values(PREMISES), catalog, as_of=COUNTED, surveyed_by="x")
    located = [(p.row, p.column, p.value, p.expected) for p in refused.value.problems]
    assert located[:2] == [
        (2, C["condition"], None, labels.EXCEL["condition_missing"]),
        (3, C["quantity"], 1.5, labels.EXCEL["quantity"]),
    ]
    assert len(located) == 3 and located[2][:2] == (4, C["quantity"])
    assert str(refused.value.problems[0]).startswith(labels.APP["form_sheet"] + ", dòng 2")
