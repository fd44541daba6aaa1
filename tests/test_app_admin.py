"""Người dùng and Danh mục: accounts managed from the page; catalog edits validated and versioned."""

from __future__ import annotations

import pytest
from app_support import ADMIN, DISTRICT, PLANNER, app_as, button

from planner import labels
from planner.errors import BadInput, PermissionDenied
from planner.models import Category
from planner.services.catalog_edit import (
    ITEM_COLUMNS,
    NORM_COLUMNS,
    edited_catalog,
    item_rows,
    norm_rows,
    save_edits,
)
from planner.services.workspace import load_workspace
from planner.store.accounts import get_user
from planner.store.catalogs import catalog_history
from planner.store.db import reading, shared_engine

A = labels.APP


def test_admin_creates_and_disables_an_account(app_db):
    engine = shared_engine(app_db)
    at = app_as(ADMIN, "users")
    at.text_input(key="new_user_name").input("huyen392")
    at.selectbox(key="new_user_role").select("district")
    at.selectbox(key="new_user_centre").select("392")
    at.text_input(key="new_user_password").input("mat-khau-moi-1")
    button(at, A["add_button"]).click()
    at.run()
    assert not at.exception and not at.error
    account = get_user(engine, "huyen392")
    assert account is not None and account.centre == "392" and not account.disabled

    at.selectbox(key="manage_user").select("huyen392")
    at.run()
    button(at, A["disable"]).click()
    at.run()
    assert get_user(engine, "huyen392").disabled


def test_bad_account_is_refused_with_the_reason(app_db):
    at = app_as(ADMIN, "users")
    at.text_input(key="new_user_name").input("x")
    at.selectbox(key="new_user_role").select("district")  # no centre given
    at.text_input(key="new_user_password").input("ngan")
    button(at, A["add_button"]).click()
    at.run()
    assert at.error and "Không tạo được tài khoản" in at.error[0].value
    assert get_user(shared_engine(app_db), "x") is None


def _rows(app_db):
    catalog = load_workspace(shared_engine(app_db)).catalog
    return catalog, item_rows(catalog), norm_rows(catalog)


def test_price_edit_is_saved_as_a_new_catalog_version(app_db):
    engine = shared_engine(app_db)
    catalog, items, norms = _rows(app_db)
    # an item without a price cap (a capped PC priced at its cap cannot go 1,000 higher)
    row = next(r for r in items if catalog.items[r[ITEM_COLUMNS["code"]]].price_cap is None)
    code = row[ITEM_COLUMNS["code"]]
    row[ITEM_COLUMNS["unit_price"]] = float(
        row[ITEM_COLUMNS["unit_price"]] + 1000
    )  # editors give floats
    norms[0][NORM_COLUMNS["quantity"]] = norms[0][NORM_COLUMNS["quantity"]] + 1
    version = save_edits(engine, PLANNER, catalog, items, norms, "Giá theo báo giá tháng 7")
    new = load_workspace(engine).catalog
    assert new.version == version != catalog.version
    assert new.items[code].unit_price == catalog.items[code].unit_price + 1000
    assert new.norms[0].quantity == catalog.norms[0].quantity + 1
    assert new.note == "Giá theo báo giá tháng 7"
    with reading(engine) as session:
        assert catalog_history(session)[-1].created_by == "kehoach"


def test_bad_edits_are_all_reported_and_nothing_is_saved(app_db):
    engine = shared_engine(app_db)
    catalog, items, norms = _rows(app_db)
    items[2][ITEM_COLUMNS["unit_price"]] = -5
    items[3][ITEM_COLUMNS["priority_tier"]] = 7
    norms[1][NORM_COLUMNS["quantity"]] = 0
    with pytest.raises(BadInput) as refused:
        save_edits(engine, PLANNER, catalog, items, norms, "")
    located = {(p.where, p.row, p.column) for p in refused.value.problems}
    assert (A["items_tab"], 3, ITEM_COLUMNS["unit_price"]) in located
    assert (A["items_tab"], 4, ITEM_COLUMNS["priority_tier"]) in located
    assert (A["norms_tab"], 2, NORM_COLUMNS["quantity"]) in located
    assert any(p.expected == A["note_required"] for p in refused.value.problems)
    assert load_workspace(engine).catalog.version == catalog.version


def test_unchanged_tables_save_nothing_and_districts_may_not_edit(app_db):
    engine = shared_engine(app_db)
    catalog, items, norms = _rows(app_db)
    assert save_edits(engine, PLANNER, catalog, items, norms, "không đổi") is None
    with pytest.raises(PermissionDenied):
        save_edits(engine, DISTRICT, catalog, items, norms, "thử")


def _shares_editor_key(at) -> str:
    return next(d.key for d in at.data_editor if A["mountainous_row"] in d.value.columns)


def test_cost_shares_that_do_not_add_to_one_are_refused_on_the_page(app_db):
    engine = shared_engine(app_db)
    before = load_workspace(engine).catalog
    at = app_as(PLANNER, "catalog")
    key = _shares_editor_key(at)
    at.session_state[key] = {
        "edited_rows": {0: {"Ngân sách tỉnh": 0.9}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.text_input(key="catalog_note").input("Tỉnh hỗ trợ nhiều hơn")
    button(at, A["catalog_save"]).click()
    at.run()
    assert not at.exception
    assert at.error and at.error[0].value == A["catalog_invalid"]
    problems = next(d.value for d in at.dataframe if A["problem_expected"] in d.value.columns)
    assert list(problems[A["problem_where"]]) == [A["shares_tab"]]
    assert list(problems[A["problem_row"]]) == [1]
    assert "1,2000" in problems[A["problem_expected"]].iloc[0]  # 0,9 + 0,3
    with reading(engine) as session:
        assert len(catalog_history(session)) == 1
    assert load_workspace(engine).catalog.version == before.version


def test_cost_share_edit_is_saved_as_a_new_version_with_its_note(app_db):
    engine = shared_engine(app_db)
    at = app_as(PLANNER, "catalog")
    key = _shares_editor_key(at)
    # equipment in mountainous centres: province 0,8 + district 0,2 (was 0,7 + 0,3)
    at.session_state[key] = {
        "edited_rows": {0: {"Ngân sách tỉnh": 0.8, "Ngân sách cấp huyện/xã": 0.2}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.text_input(key="catalog_note").input("Tỉnh hỗ trợ thiết bị miền núi 80%")
    button(at, A["catalog_save"]).click()
    at.run()
    assert not at.exception and not at.error
    new = load_workspace(engine).catalog
    assert new.note == "Tỉnh hỗ trợ thiết bị miền núi 80%"
    assert new.policy.shares_for(Category.EQUIPMENT, True) == {"province": 0.8, "local": 0.2}
    assert new.policy.shares_for(Category.EQUIPMENT, False) == {"province": 0.5, "local": 0.5}
    assert new.policy.shares_for(Category.SOFTWARE, True) == {"province": 1.0}


def test_cost_share_rows_are_checked_one_by_one():
    from planner.catalog import load_catalog
    from planner.services.catalog_edit import share_columns, share_rows

    catalog = load_catalog()
    rows, columns = share_rows(catalog), share_columns(catalog.policy)
    assert len(rows) == 2 * len(Category)
    assert (
        edited_catalog(catalog, item_rows(catalog), norm_rows(catalog), "x", rows).policy
        == catalog.policy
    )
    rows[1][columns["local"]] = -0.5
    rows[1][columns["province"]] = 1.5
    rows[2][columns["other"]] = float("nan")  # blank counts as 0: software still adds to 1
    rows[5][columns["province"]] = 0.2
    with pytest.raises(BadInput) as refused:
        edited_catalog(catalog, item_rows(catalog), norm_rows(catalog), "x", rows)
    located = {(p.row, p.column) for p in refused.value.problems}
    assert located == {(2, columns["local"]), (6, labels.COLUMN["total"])}
