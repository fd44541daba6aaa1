"""Người dùng and Danh mục: accounts managed from the page; catalog edits validated and versioned."""

from __future__ import annotations

import pytest
from app_support import ADMIN, DISTRICT, PLANNER, app_as, app_db, button, demo_template  # noqa: F401

from planner import labels
from planner.catalog_edit import ITEM_COLUMNS, NORM_COLUMNS, item_rows, norm_rows, save_edits
from planner.errors import BadInput, PermissionDenied
from planner.store.accounts import get_user
from planner.store.catalogs import catalog_history
from planner.store.db import reading, shared_engine
from planner.workspace import load_workspace

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
    code = items[0][ITEM_COLUMNS["code"]]
    items[0][ITEM_COLUMNS["unit_price"]] = float(items[0][ITEM_COLUMNS["unit_price"]] + 1000)  # editors give floats
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
