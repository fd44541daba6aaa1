"""Words and units on screen (#14): no code, English word or "None" reaches a user, and every
number has a unit.

Three kinds of test: every code set the app shows has a Vietnamese (and English) label for each
value the library can produce (read from the library's enums, catalogs and rule book, not a
list copied here); no page draws a table past app_pages/cells.py (which writes an empty cell as
"–"); and the pages themselves, rendered as a planner, an administrator and a district officer
on both demo datasets, show no code, no None/nan/NaT, money tables with their Tổng cộng rows and
amounts with their unit.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from app_support import ADMIN, DISTRICT, PLANNER, ROOT, app_as, button, form_key
from streamlit import dataframe_util

from app_pages import cells
from planner import labels
from planner.auth import SYSTEM, Action, Actor, Role
from planner.catalog import load_catalog
from planner.demo.accounts import ensure_demo_accounts
from planner.demo.data import load_demo
from planner.models import (
    Basis,
    Category,
    Condition,
    Confidence,
    Level,
    ProcurementField,
    SurveySource,
)
from planner.needs.analysis import Unusable
from planner.needs.counters import CounterSource
from planner.optimise.solve import PLAN_STATUSES
from planner.procurement.rules import Basis as FundingBasis
from planner.procurement.rules import Method, load_rules
from planner.services.survey_round import RoundStatus
from planner.services.surveys import history, save_survey
from planner.store.db import make_engine, shared_engine

A, C = labels.APP, labels.COLUMN
MISSING_TEXT = re.compile(r"\b(None|nan|NaN|NaT)\b")
MONEY = re.compile(r"^-?\d{1,3}(\.\d{3})* ₫$")  # 1.234.567 ₫: Vietnamese separators, a unit


# --- every code the app shows has its words ---------------------------------------------------


def _funding_sources() -> list[str]:
    return [s.code for s in load_catalog().policy.funding_sources]


CODE_SETS = {
    "category": (lambda: [c.value for c in Category], lambda: labels.CATEGORY),
    "level": (lambda: [v.value for v in Level], lambda: labels.LEVEL),
    "norm basis": (lambda: [v.value for v in Basis], lambda: labels.BASIS),
    "confidence": (lambda: [v.value for v in Confidence], lambda: labels.CONFIDENCE),
    "condition": (lambda: [v.value for v in Condition], lambda: labels.CONDITION),
    "procurement field": (
        lambda: [v.value for v in ProcurementField],
        lambda: labels.PROCUREMENT_FIELD,
    ),
    "survey source": (lambda: [v.value for v in SurveySource], lambda: labels.SOURCE),
    "role": (lambda: [v.value for v in Role], lambda: labels.ROLE),
    "action": (lambda: [v.value for v in Action], lambda: labels.ACTION),
    "selection method": (lambda: [v.value for v in Method], lambda: labels.SELECTION_METHOD),
    "funding basis": (lambda: [v.value for v in FundingBasis], lambda: labels.PROCUREMENT_BASIS),
    "counter source": (lambda: [v.value for v in CounterSource], lambda: labels.COUNTER_SOURCE),
    "solver status": (
        lambda: sorted(PLAN_STATUSES | {"infeasible", "error"}),
        lambda: labels.OPTIMISE_STATUS,
    ),
    "round status": (
        lambda: [f"status_{v.value}" for v in RoundStatus],
        lambda: labels.ROUNDS,
    ),
    "unusable reason": (
        lambda: [f"unusable_{v.value}" for v in Unusable],
        lambda: labels.APP,
    ),
    "funding source": (_funding_sources, lambda: labels.FUNDING_SOURCE),
    "demo author": (lambda: ["system", "demo"], lambda: labels.AUTHOR),
}


@pytest.mark.parametrize("language", labels.LANGUAGES)
@pytest.mark.parametrize("name", list(CODE_SETS))
def test_every_code_the_library_produces_has_words(name, language):
    codes, table = CODE_SETS[name]
    with labels.language(language):
        words = table()
        for code in codes():
            assert code in words, (name, code)
            assert words[code], (name, code)
            if language == labels.VIETNAMESE:  # in English "planner" may well be the word
                assert words[code] != code, (name, code)


def test_every_regime_and_every_catalog_value_is_named():
    """Regimes (read from catalogs/regimes/) carry a name in words; every item's confidence and
    every norm's level and basis of the shipped catalog are in the label tables."""
    book = load_rules()
    for regime in book.regimes.values():
        assert regime.name and regime.name != regime.id
    catalog = load_catalog()
    assert {i.confidence.value for i in catalog.items.values()} <= set(labels.CONFIDENCE)
    assert {n.basis.value for n in catalog.norms} <= set(labels.BASIS)
    assert {n.level.value for n in catalog.norms} <= set(labels.LEVEL)
    for source in catalog.policy.funding_sources:
        assert source.name and source.name != source.code


# --- one door for every table ---------------------------------------------------------------


def test_no_page_draws_a_table_past_cells():
    """Every st.dataframe / st.data_editor of app_pages/ goes through cells.show / cells.edit."""
    bypass = []
    for path in sorted((ROOT / "app_pages").glob("*.py")):
        if path.name == "cells.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("dataframe", "data_editor", "table")
            ):
                bypass.append(f"{path.name}:{node.lineno}")
    assert not bypass


def test_tidy_writes_every_missing_cell_as_the_empty_mark():
    frame = pd.DataFrame(
        {
            "text": ["a", None, "None"],
            "number": [1234.5, float("nan"), 2.0],
            "whole": pd.array([2012, None, 3], dtype="Int64"),
            "year": [2012, None, 2009],  # pandas makes it 2012.0: shown 2012
            "date": [pd.Timestamp("2026-12-05"), pd.NaT, pd.Timestamp("2017-06-01")],
            "full": [1, 2, 3],
        }
    )
    tidy = cells.tidy(frame)
    empty = labels.EMPTY_CELL
    assert list(tidy["text"]) == ["a", empty, empty]
    assert list(tidy["number"]) == ["1.234,5", empty, "2"]
    assert list(tidy["whole"]) == ["2012", empty, "3"]
    assert list(tidy["year"]) == ["2012", empty, "2009"]
    assert tidy["date"][1] == empty
    assert list(tidy["full"]) == [1, 2, 3]  # nothing missing: left as numbers
    assert not tidy.map(lambda v: bool(MISSING_TEXT.search(str(v)))).any().any()


def test_an_editor_tidies_only_what_the_user_cannot_change():
    class Recorder:
        def data_editor(self, frame, **kwargs):
            self.frame = frame

    where = Recorder()
    frame = pd.DataFrame({"name": [None, "x"], "quantity": [None, 2.0]})
    cells.edit(frame, where=where, disabled=["name"])
    assert list(where.frame["name"]) == [labels.EMPTY_CELL, "x"]
    assert where.frame["quantity"].isna().tolist() == [True, False]  # typed back: stays empty


def test_authors_and_rules_read_in_words():
    assert labels.author("system") == "hệ thống (dữ liệu mẫu)"
    assert labels.author("kehoach") == "kehoach"
    assert labels.author(None) == labels.EMPTY_CELL


# --- the pages ----------------------------------------------------------------------------

# codes that must never be shown as such (their words are in the tables above)
SHOWN_CODES = (
    set(labels.CATEGORY.vi)
    | set(labels.LEVEL.vi)
    | set(labels.BASIS.vi)
    | set(labels.CONFIDENCE.vi)
    | set(labels.CONDITION.vi)
    | set(labels.PROCUREMENT_FIELD.vi)
    | set(labels.SELECTION_METHOD.vi)
    | set(labels.FUNDING_SOURCE.vi)
    | {"system", "planner", "district", "per_staff", "budget_total", "floor_renovation"}
)


def shown_texts(at) -> list[str]:
    """Every text the page shows: elements, widget labels and options, read-only table cells."""
    texts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning"):
        texts += [str(e.value) for e in getattr(at, kind)]
    texts += [str(e.value) for e in at.error] + [str(e.value) for e in at.success]
    texts += [f"{m.label} {m.value}" for m in at.metric]
    for widget in (*at.selectbox, *at.multiselect, *at.radio):
        texts += [widget.label, *map(str, widget.options)]
    texts += [b.label for b in at.button] + [t.label for t in at.tabs]
    for frame in at.dataframe:
        texts += [str(c) for c in frame.value.columns]
        if frame.editing_mode == "read_only":
            texts += [str(v) for v in displayed(frame).to_numpy().ravel()]
    return texts


def displayed(frame) -> pd.DataFrame:
    """The cells as the browser shows them: a styled table's formatted values, else its values."""
    styler = frame.proto.arrow_data.styler
    if frame.proto.arrow_data.HasField("styler") and styler.display_values:
        return dataframe_util.convert_arrow_bytes_to_pandas_df(styler.display_values)
    return frame.value


def assert_words_only(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    texts = shown_texts(at)
    missing = [t for t in texts if MISSING_TEXT.search(t)]
    assert not missing, missing[:5]
    leaked = [t for t in texts if set(re.split(r"[\s,;:()'\"*]+", t)) & SHOWN_CODES]
    assert not leaked, leaked[:5]
    for frame in at.dataframe:
        if frame.editing_mode == "read_only":
            assert not frame.value.isna().any().any(), list(frame.value.columns)


@pytest.fixture(scope="module")
def template_2025(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("app-2025") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    load_demo(engine, "thanh-hoa-2025")
    ensure_demo_accounts(engine)
    engine.dispose()
    return path


@pytest.fixture(params=["thanh-hoa-2017", "thanh-hoa-2025"])
def any_db(request, demo_template, template_2025, tmp_path, monkeypatch) -> str:
    """Each demo dataset in turn, as the app's database (its name in the file's)."""
    source = demo_template if request.param == "thanh-hoa-2017" else template_2025
    path = tmp_path / f"{request.param}.sqlite3"
    shutil.copy(source, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("PLANNER_DATABASE_URL", url)
    shared_engine.cache_clear()
    st.cache_data.clear()
    st.cache_resource.clear()
    return url


@pytest.mark.parametrize(
    ("actor", "pages"),
    [
        (ADMIN, ("overview", "needs", "catalog", "users", "scenario", "procurement")),
        (PLANNER, ("overview", "survey", "needs", "scenario", "compare", "catalog")),
        (DISTRICT, ("survey", "needs")),
    ],
    ids=["admin", "planner", "district"],
)
def test_pages_show_words_and_no_empty_marks(any_db, actor, pages):
    if actor.role == Role.DISTRICT and "2025" in any_db:  # the 2025 demo's district account
        actor = Actor("xa14797", Role.DISTRICT, "14797")
    at = app_as(actor, timeout=120)
    for page in pages:
        at.switch_page(f"app_pages/{page}.py")
        at.run()
        assert_words_only(at)


def test_catalog_shows_codes_in_words_and_dates_as_dates(app_db):
    at = app_as(PLANNER, "catalog")
    assert_words_only(at)
    items, norms = at.dataframe[0], at.dataframe[1]
    assert set(norms.value[A["norm_basis"]]) <= set(labels.BASIS.values())
    assert set(norms.value[C["level"]]) <= set(labels.LEVEL.values())
    assert all(isinstance(d, dt.date) for d in items.value[A["price_date"]])
    config = json.loads(items.proto.columns)[A["confidence"]]["type_config"]
    assert [o["label"] for o in config["options"]] == list(labels.CONFIDENCE.values())
    price = json.loads(items.proto.columns)[C["unit_price"]]
    assert price["label"] == "Đơn giá (đồng)"
    dates = json.loads(items.proto.columns)[A["price_date"]]["type_config"]
    assert dates["format"] == "DD/MM/YYYY"
    version = next(c.value for c in at.caption if "phiên bản số 1" in c.value).replace("\\", "")
    assert "hệ thống (dữ liệu mẫu)" in version
    assert "system" not in version


def test_users_name_the_demo_loader_in_words(app_db):
    at = app_as(ADMIN, "users")
    assert_words_only(at)
    table = at.dataframe[0].value
    assert set(table[A["created_by"]]) == {"hệ thống (dữ liệu mẫu)"}


def test_needs_tables_have_units(app_db):
    at = app_as(DISTRICT, "needs")
    assert_words_only(at)
    detail = next(d.value for d in at.dataframe if C["usable"] in d.value.columns)
    units = dict(zip(detail[C["item"]], detail[C["unit"]], strict=True))
    assert units["BARCODE"] == "chiếc"  # the item's unit from the catalog
    sizing = next(d for d in at.dataframe if labels.SIZING["utilisation"] in d.value.columns)
    shown = displayed(sizing)  # what the browser shows: shares in %, numbers Vietnamese style
    expected = labels.number(100 * sizing.value[labels.SIZING["utilisation"]].iloc[0], 1) + " %"
    assert shown[labels.SIZING["utilisation"]].iloc[0] == expected
    assert shown[labels.SIZING["within_target"]].str.endswith(" %").all()


def test_a_run_shows_money_tables_with_totals_and_units(app_db):
    at = app_as(PLANNER, "scenario", timeout=180)
    at.number_input(key="sc_tl").set_value(20)
    at.text_input(key=form_key(at, "sc_name")).input("Hai mươi tỷ")
    at.number_input(key=form_key(at, "sc_budget")).set_value(20.0)
    button(at, A["run"]).click()
    at.run()
    assert_words_only(at)
    doc = at.session_state["scenario_runs"][-1].document
    money_tables = [
        d.value for d in at.dataframe if d.editing_mode == "read_only" and len(d.value) > 0
    ]
    totals = [t for t in money_tables if (t.iloc[:, 0] == C["total"]).any()]
    # centres, sources, categories, years, lines, unmet: each closes on a Tổng cộng row
    assert len(totals) == 6, [list(t.columns) for t in money_tables]
    sources = next(t for t in totals if A["source_name"] in t.columns)
    assert sources.iloc[-1][A["amount"]] == labels.money(doc["spent"]["total"])
    years = next(t for t in totals if A["budget_of_year"] in t.columns)
    assert years.iloc[-1][A["spent_of_year"]] == labels.money(doc["spent"]["total"])
    for table in totals:
        for column in table.columns:
            amounts = [  # "1.234 ₫", or "Ngân sách tỉnh: 1.234 ₫, …" in the sources column
                part.split(": ")[-1]
                for v in table[column]
                if str(v).endswith("₫")
                for part in str(v).split(", ")
            ]
            assert all(MONEY.match(a) for a in amounts), (column, amounts[:3])
    lines = next(t for t in totals if C["unit_price"] in t.columns)
    assert set(lines[A["year"]][:-1]) == {"2018"}  # a year, not 2018.0

    at.switch_page("app_pages/procurement.py")
    at.run()
    assert_words_only(at)
    packages = at.dataframe[0].value
    plan = at.session_state["procurement_plans"][at.session_state["scenario_runs"][-1].key]
    total = packages.iloc[-1]
    assert total.iloc[0] == C["total"]
    K = labels.KHLCNT_COLUMN
    assert total[K["value"]] == labels.money(sum(p.value for p in plan.packages))
    assert total[K["price"]] == labels.money(sum(p.price for p in plan.packages))
    assert total[A["package_lines"]] == labels.number(sum(len(p.lines) for p in plan.packages))


def test_an_infeasible_run_names_its_rules_in_words(app_db):
    """1 bn of budget under a 3 bn renovation floor: the page says which rules and by how much."""
    at = app_as(PLANNER, "scenario", timeout=180)
    at.number_input(key=form_key(at, "sc_budget")).set_value(1.0)
    floors = [n for n in at.number_input if n.label == labels.CATEGORY["renovation"]]
    floors[-1].set_value(3.0)  # the second row of category inputs: the floors
    button(at, A["run"]).click()
    at.run()
    assert not at.exception
    assert A["infeasible"] in [e.value for e in at.error]
    texts = " ".join(shown_texts(at))
    assert "ngân sách tổng" in texts and "mức sàn hạng mục cải tạo, sửa chữa" in texts
    assert "budget_total" not in texts and "floor_renovation" not in texts
    short = re.search(r"Thiếu ([\d.]+) ₫", texts)
    assert short and 2_000_000_000 <= int(short.group(1).replace(".", "")) < 2_005_000_000


def test_a_survey_with_missing_years_shows_the_empty_mark(app_db):
    """A line saved without its year (allowed: the year is optional) and a version history: the
    planner's read-only survey table writes "–" where the year is missing, never None or nan."""
    engine = shared_engine(app_db)
    current = history(engine, SYSTEM, "380")[-1]
    first, *others = current.survey.lines
    survey = current.survey.model_copy(
        update={"lines": (first.model_copy(update={"year_acquired": None}), *others)}
    )
    save_survey(engine, SYSTEM, survey, base_version=current.version, source=SurveySource.FORM)
    at = app_as(PLANNER, "survey")
    at.selectbox(key="survey_centre").select("380")
    at.run()
    assert_words_only(at)
    lines = next(
        d.value
        for d in at.dataframe
        if d.editing_mode == "read_only" and C["year_acquired"] in d.value.columns
    )
    mine = lines[lines[C["item"]] == first.item]
    assert labels.EMPTY_CELL in set(mine[C["year_acquired"]])
    # the other years stay years: 2012, not 2012.0 nor 2.012
    assert all(re.fullmatch(r"\d{4}|–", str(y)) for y in lines[C["year_acquired"]])


def test_a_refused_save_lists_its_problems_without_none(app_db):
    """Cost shares that do not add to 1 and no note: the note's problem has no row, column or
    value, and the problems table writes those cells "–" (it used to say None)."""
    at = app_as(PLANNER, "catalog")
    key = next(d.key for d in at.data_editor if A["mountainous_row"] in d.value.columns)
    at.session_state[key] = {
        "edited_rows": {0: {"Ngân sách tỉnh": 0.9}},
        "added_rows": [],
        "deleted_rows": [],
    }
    button(at, A["catalog_save"]).click()
    at.run()
    assert at.error and at.error[0].value == A["catalog_invalid"]
    assert_words_only(at)
    problems = next(d.value for d in at.dataframe if A["problem_expected"] in d.value.columns)
    note = problems[problems[A["problem_where"]] == A["catalog_note"]].iloc[0]
    assert note[A["problem_expected"]] == A["note_required"]
    assert note[A["problem_row"]] == note[A["problem_value"]] == labels.EMPTY_CELL
    shares = problems[problems[A["problem_where"]] == A["shares_tab"]].iloc[0]
    assert shares[A["problem_row"]] == "1"  # the row number stays a number, as written
