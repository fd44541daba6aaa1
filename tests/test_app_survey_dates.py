"""Khảo sát hiện trạng in use: a corrected quantity keeps the survey's date; re-dating is warned of.

The demo survey of centre 380 was counted on 01/06/2017. The form used to open on today's
date, so saving one corrected quantity re-dated it and aged all of its stock.
"""

from __future__ import annotations

import datetime as dt

from app_support import ADMIN, DISTRICT, app_as, button

from app_pages import state
from planner import labels
from planner.catalog import load_catalog
from planner.needs import usable_stock
from planner.services.surveys import history
from planner.store.db import shared_engine

A, C = labels.APP, labels.COLUMN
COUNTED = dt.date(2017, 6, 1)


def edit_first_row_quantity(at, quantity: int) -> None:
    """What a district does in the table: change row 1's quantity (the editor's edit state)."""
    at.session_state["survey_lines_380_1"] = {
        "edited_rows": {0: {C["quantity"]: quantity}},
        "added_rows": [],
        "deleted_rows": [],
    }


def test_editing_one_quantity_keeps_the_date_and_every_other_lines_usable_count(app_db):
    engine = shared_engine(app_db)
    before = history(engine, ADMIN, "380")[-1].survey
    assert before.as_of == COUNTED
    first = before.lines[0]
    at = app_as(DISTRICT, "survey")
    assert at.date_input(key="as_of_380_1").value == COUNTED
    edit_first_row_quantity(at, first.quantity + 2)
    at.run()
    assert not at.warning  # the date was not touched: nothing to warn of
    button(at, A["save"]).click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    after = history(engine, ADMIN, "380")[-1].survey
    assert after.as_of == COUNTED
    changed = first.model_copy(update={"quantity": first.quantity + 2})
    assert sorted(after.lines, key=str) == sorted([changed, *before.lines[1:]], key=str)
    catalog = load_catalog(on=COUNTED)
    old, new = usable_stock(before, catalog), usable_stock(after, catalog)
    assert {k: v for k, v in new.items() if k != first.item} == {
        k: v for k, v in old.items() if k != first.item
    }


def test_a_new_date_is_warned_of_and_saved_only_when_confirmed(app_db):
    engine = shared_engine(app_db)
    today = dt.date.today()
    at = app_as(DISTRICT, "survey")
    at.date_input(key="as_of_380_1").set_value(today)
    at.run()
    (warning,) = [w.value for w in at.warning]
    assert (
        warning.startswith(A["redate_warning"].split("{")[0] + labels.date(COUNTED))
        and labels.date(today) in warning
    )
    # by hand (lifetime 7 years; today is after 2024): the 11 good desktops of 2017 and the 4
    # repairable ones of 2016 pass it, the 3 broken ones counted for nothing already
    # the item lines are Markdown-escaped (state.plain): "PC\-DESKTOP" shows as PC-DESKTOP
    assert state.plain("PC-DESKTOP") in warning and A["redate_passing"].format(n=15) in warning
    assert (
        state.plain("LIC-OFFICE") not in warning
    )  # licences have no year acquired: they never age
    button(at, A["save"]).click()
    at.run()
    assert [e.value for e in at.error] == [A["problems"]]
    assert len(history(engine, ADMIN, "380")) == 1  # nothing saved
    at.checkbox(key="redate_380_1").check()
    button(at, A["save"]).click()
    at.run()
    assert not at.error, [e.value for e in at.error]
    newest = history(engine, ADMIN, "380")[-1]
    assert newest.version == 2 and newest.survey.as_of == today


def test_identical_rows_typed_in_the_form_are_added_up_and_the_confirmation_says_so(app_db):
    engine = shared_engine(app_db)
    before = history(engine, ADMIN, "380")[-1].survey
    first = before.lines[0]
    at = app_as(DISTRICT, "survey")
    at.session_state["survey_lines_380_1"] = {
        "edited_rows": {},
        "added_rows": [
            {
                C["item"]: first.item,
                C["quantity"]: 3,
                C["condition"]: labels.CONDITION[first.condition.value],
                C["year_acquired"]: first.year_acquired,
            },
            {C["item"]: "KIOSK", C["quantity"]: 0},  # "none", typed the way districts do
        ],
        "deleted_rows": [],
    }
    at.run()
    button(at, A["save"]).click()
    at.run()
    assert not at.error, [e.value for e in at.error]
    (message,) = [s.value for s in at.success]
    assert labels.SAFETY["merged_rows"] in message and first.item in message
    after = history(engine, ADMIN, "380")[-1].survey
    summed = [x for x in after.lines if x.item == first.item and x.condition == first.condition]
    assert [x.quantity for x in summed if x.year_acquired == first.year_acquired] == [
        first.quantity + 3
    ]
    assert after.as_of == COUNTED
