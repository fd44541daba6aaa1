"""The English switch: a complete catalogue, a language per session, files that stay Vietnamese.

The catalogue test is the one that fails when a Vietnamese label is added without English.
"""

from __future__ import annotations

import ast
import contextvars
import datetime as dt
import importlib
import io
import os
import re
import string
import subprocess
import sys
import threading
from pathlib import Path

import openpyxl
import pytest
from app_support import ADMIN, ADMIN_PAGES, PLANNER, app_as, form_key

from planner import labels
from planner.auth import ROLE_LABEL, Role
from planner.errors import BadInput
from planner.excel import template as tpl
from planner.excel.summary import grand_total_row
from planner.excel.survey_import import parse_survey
from planner.labels import COLUMN, EXCEL, switch
from planner.labels.switch import label_modules, text_constants
from planner.services.workspace import load_workspace

SWITCHING = sorted(set(labels.TABLES) - labels.FIXED_TABLES)
# the same in both languages: symbols and units, a hidden sheet, the acronym users know the plan by
SAME_IN_ENGLISH = {
    ("APP", "norm_n"),
    ("EXCEL", "sheet_meta"),
    ("EXCEL", "sheet_packages"),
    ("LIMIT_UNIT", "m²"),
    ("LIMIT_UNIT", "Erlang"),
}


def placeholders(text: str) -> set[tuple[str, str]]:
    """The ``{name:spec}`` fields of a format string (what ``.format(...)`` will be given)."""
    return {
        (name, spec or "")
        for _, name, spec, _ in string.Formatter().parse(text)
        if name is not None
    }


@pytest.mark.parametrize("name", SWITCHING)
def test_every_vietnamese_label_has_english_with_the_same_placeholders(name):
    table = labels.TABLES[name]
    english = table.english or {}
    missing = sorted(map(str, set(table.vi) - set(english)))
    assert not missing, f"{name}: no English for {missing} (add them in planner/labels/en/)"
    stale = sorted(map(str, set(english) - set(table.vi)))
    assert not stale, f"{name}: English keys no Vietnamese label has: {stale}"
    for key, text in table.vi.items():
        assert placeholders(english[key]) == placeholders(text), (name, key)
        assert bool(english[key].strip()) == bool(text.strip()), (name, key)
        assert (english[key] != text) or (name, key) in SAME_IN_ENGLISH, (name, key, text)


def test_every_plain_text_constant_has_english_with_the_same_placeholders():
    for module in label_modules("planner.labels")[1:]:
        for name, text in text_constants(vars(module)).items():
            assert name in labels._STRINGS, f"{module.__name__}.{name}: no English text"
            assert placeholders(labels._STRINGS[name][1]) == placeholders(text), name


NOT_TABLES = {"TABLES", "_STRINGS"}  # the package's own indexes of the tables and texts


def test_every_table_of_every_labels_module_switches():
    """A table added in a new module (or one not re-exported) is wrapped all the same."""
    for module in label_modules("planner.labels"):
        for name, value in vars(module).items():
            if isinstance(value, dict) and name.lstrip("_").isupper() and name not in NOT_TABLES:
                assert isinstance(value, labels.Table), f"{module.__name__}.{name}"


def test_tables_imported_at_import_time_follow_the_language():
    assert COLUMN["item"] == "Mã thiết bị" and labels.current() == "vi"
    with labels.language("en"):
        assert COLUMN["item"] == "Item code"
        assert labels.COLUMN is COLUMN
        assert dict(COLUMN)["condition"] == "Condition"
        assert {**labels.CONDITION} == {
            "good": "Good",
            "repairable": "Needs repair",
            "broken": "Broken",
        }
        assert list(labels.CONDITION.values()) == ["Good", "Needs repair", "Broken"]
        assert labels.APP.get("run") == "Run the scenario" and labels.APP.get("nope") is None
        assert labels.YES_NO[True] == "Yes"
        assert ROLE_LABEL[Role.DISTRICT] == "centre officer"  # keyed by the enum, read by value
        assert labels.ILLUSTRATIVE == "illustrative data, not actual survey figures"
        assert labels.PACKAGE_NAME.startswith("Package {number:02d}")
    assert COLUMN["item"] == "Mã thiết bị" and ROLE_LABEL[Role.DISTRICT] == "cán bộ đơn vị"
    assert labels.ILLUSTRATIVE.startswith("dữ liệu minh họa")


def test_module_level_column_maps_picked_from_tables_switch_too():
    from planner.services.catalog_edit import ITEM_COLUMNS
    from planner.services.survey_form import PROC_COLUMN

    assert ITEM_COLUMNS["code"] == "Mã thiết bị" and PROC_COLUMN["field"] == "Lĩnh vực"
    with labels.language("en"):
        assert ITEM_COLUMNS["code"] == "Item code" and PROC_COLUMN["field"] == "Field"
        assert list(ITEM_COLUMNS.values())[:2] == ["Item code", "Item name"]


def test_the_survey_form_reads_rows_an_english_user_filled(catalog):
    from planner.services.survey_form import survey_lines_from_rows

    with labels.language("en"):
        rows = [
            {
                COLUMN["item"]: "PC-DESKTOP",
                COLUMN["quantity"]: 3,
                COLUMN["condition"]: "Needs repair",
            },
            {COLUMN["item"]: "KIOSK", COLUMN["quantity"]: 1, COLUMN["condition"]: "Mended"},
        ]
        problems: list = []
        lines = survey_lines_from_rows(rows, catalog, 2025, problems)
    assert [(x.item, x.quantity, x.condition.value) for x in lines] == [
        ("PC-DESKTOP", 3, "repairable")
    ]
    assert [(p.row, p.column, p.value) for p in problems] == [(2, "Condition", "Mended")]
    assert problems[0].expected == "one of: Good, Needs repair, Broken"
    with labels.language("en"):
        assert str(problems[0]) == (
            "Survey table, row 2, column 'Condition': value 'Mended' — one of: Good, Needs repair, Broken"
        )


def test_procedure_fields_read_in_either_language():
    from planner.excel.values import read_field
    from planner.needs.procedures import FIELD_LABELS

    assert FIELD_LABELS["civil_status"] == "Hộ tịch"
    with labels.language("en"):
        assert FIELD_LABELS["civil_status"] == "Civil status"
        assert read_field("Civil status") == ("civil_status", None)
        assert read_field("Hộ tịch") == ("civil_status", None)
        assert read_field("Weather")[1].startswith("a field from the list: Land; Construction")


def test_a_refusal_is_worded_in_the_users_language():
    from planner.auth import Action, Actor, require
    from planner.errors import PermissionDenied

    district = Actor("d380", Role.DISTRICT, "380")
    with labels.language("en"), pytest.raises(PermissionDenied) as refused:
        require(district, Action.WRITE_SURVEY, "381")
    assert str(refused.value) == "User 'd380' (centre officer) may not save surveys of centre 381"
    with pytest.raises(PermissionDenied) as refused:
        require(district, Action.WRITE_SURVEY, "381")
    assert str(refused.value) == (
        "Người dùng 'd380' (cán bộ đơn vị) không có quyền lưu khảo sát của đơn vị 381"
    )


def test_every_limit_is_named_in_both_languages():
    from planner import limits

    declared = [v for v in vars(limits).values() if isinstance(v, limits.Limit)]
    assert len(declared) >= 30
    for limit in declared:
        assert limit.label in labels.LIMIT_NAME, f"{limit.label}: add it to labels/limits.py"
        assert not limit.unit or limit.unit in labels.LIMIT_UNIT, limit.unit
    assert limits.HANDLING_MINUTES.message == (
        "Thời gian xử lý một hồ sơ phải là một số lớn hơn 0 và không quá 480 phút"
    )
    with labels.language("en"):
        assert limits.HANDLING_MINUTES.message == (
            "The handling time of one dossier must be a number greater than 0 and not above "
            "480 minutes"
        )
        assert limits.FLOOR_AREA.problem(1e400) == (
            "The floor area of the one-stop desk must be a number from 0 to 100,000 m²"
        )


def test_money_numbers_and_dates_are_vietnamese_unless_english_is_chosen():
    day, moment = dt.date(2026, 12, 2), dt.datetime(2026, 12, 2, 14, 5)
    assert labels.money(1234567) == "1.234.567 ₫"
    assert labels.number(1234.5, 1) == "1.234,5"
    assert labels.date(day) == "02/12/2026" and labels.date(moment) == "02/12/2026 14:05"
    with labels.language("en"):
        assert labels.money(1234567) == "1,234,567 ₫"
        assert labels.number(1234.5, 1) == "1,234.5"
        assert labels.date(day) == "2 Dec 2026" and labels.date(moment) == "2 Dec 2026 14:05"


def test_validation_messages_follow_the_language():
    error = {"type": "greater_than_equal", "ctx": {"ge": 0}}
    assert labels.validation_message(error) == "cần một số không nhỏ hơn 0"
    with labels.language("en"):
        assert labels.validation_message(error) == "needs a number not less than 0"
        assert labels.validation_message({"type": "missing"}) == "a required value is missing"


def test_one_threads_choice_does_not_change_another_threads_page():
    """Two users served at the same moment by two threads of one process."""
    english_set, vietnamese_read = threading.Event(), threading.Event()
    seen: dict[str, str] = {}

    def english_user():
        labels.set_language("en")
        english_set.set()
        vietnamese_read.wait(10)
        seen["en"] = labels.APP["run"]

    def vietnamese_user():
        english_set.wait(10)
        seen["vi"] = labels.APP["run"]
        seen["vi_money"] = labels.money(1000)
        vietnamese_read.set()

    threads = [threading.Thread(target=english_user), threading.Thread(target=vietnamese_user)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == {"en": "Run the scenario", "vi": "Chạy phương án", "vi_money": "1.000 ₫"}
    assert labels.APP["run"] == "Chạy phương án"  # nor this (the test's) thread


def test_a_context_keeps_its_own_language():
    def read() -> str:
        labels.set_language("en")
        return labels.PAGE["needs"]

    assert contextvars.copy_context().run(read) == "Needs"
    assert labels.PAGE["needs"] == "Nhu cầu"
    with pytest.raises(ValueError):
        labels.set_language("fr")


def test_a_thread_that_set_nothing_reads_the_registered_session_choice():
    """Streamlit runs widget callbacks before the page script sets the language."""
    previous = switch._fallback
    labels.follow(lambda: "en" if threading.current_thread().name == "callback" else None)
    try:
        seen: dict[str, str] = {}
        thread = threading.Thread(
            target=lambda: seen.update(run=labels.APP["run"]), name="callback"
        )
        thread.start()
        thread.join(10)
        assert seen == {"run": "Run the scenario"}
        assert labels.APP["run"] == "Chạy phương án"
        with labels.language("vi"):  # what the context set wins over the fallback
            assert contextvars.copy_context().run(lambda: labels.APP["run"]) == "Chạy phương án"
    finally:
        labels.follow(previous)


_IMPORT_SPY = """
import ast, importlib, pkgutil, sys, traceback
from pathlib import Path

from planner.labels import switch

seen = set()
read = switch.current


def spy():
    # every lookup in the session's language asks current(): note who asked
    for frame in reversed(traceback.extract_stack()[:-1]):
        if "/planner/labels/" not in frame.filename:
            seen.add(f"{frame.filename}:{frame.lineno}: {frame.line}")
            break
    return read()


switch.current = spy
switch.set_language("en")
import planner

for module in pkgutil.walk_packages(planner.__path__, "planner."):
    importlib.import_module(module.name)
helpers = set()  # the app_pages modules other pages import (the pages themselves are scripts)
for path in [*Path("app_pages").glob("*.py"), Path("streamlit_app.py")]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "app_pages":
            helpers.update(alias.name for alias in node.names)
assert len(helpers) >= 5, helpers
for name in sorted(helpers):
    importlib.import_module(f"app_pages.{name}")
print("\\n".join(sorted(seen)))
"""


def test_no_module_reads_a_label_while_it_is_imported():
    """A module-level constant must not depend on which user's session imported it first.

    A label read at import time is computed once per process, in the language of whichever
    session imported the module first, and kept for everybody. A fresh interpreter set to
    English imports every module of ``planner/`` and the helpers of ``app_pages/`` while each
    lookup in the session's language is noted: there must be none (the words of exchanged files
    are read from a table's ``.vi``, maps that follow the language are built with ``table_of``).
    """
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_SPY],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"labels read while importing:\n{done.stdout}"


def test_the_spy_sees_a_lookup_made_while_a_module_is_imported(tmp_path, monkeypatch):
    """The check above is not blind: a module-level lookup in English is seen (and reads English)."""
    (tmp_path / "snapshot_module.py").write_text(
        "from planner.labels import EXCEL\nSHEET = EXCEL['sheet_survey']\n", encoding="utf-8"
    )
    seen: list[str] = []
    read = switch.current

    def spy() -> str:
        seen.append("lookup")
        return read()

    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(switch, "current", spy)
    with labels.language("en"):
        module = importlib.import_module("snapshot_module")
    sys.modules.pop("snapshot_module", None)
    assert seen and module.SHEET == "Survey"


def test_exchanged_words_stay_vietnamese_in_every_language():
    assert {"EXCHANGE", "RECORDED"} == labels.FIXED_TABLES
    columns = ("item", "quantity", "condition", "year_acquired", "total")
    with labels.language("en"):
        assert dict(labels.EXCHANGE) == {
            "item": "Mã thiết bị",
            "quantity": "Số lượng",
            "condition": "Tình trạng",
            "year_acquired": "Năm đưa vào sử dụng",
            "total": "Tổng cộng",
            "yes": "có",
            "no": "không",
        }
        assert {k: COLUMN.vi[k] for k in columns} == {k: labels.EXCHANGE[k] for k in columns}
        ws = openpyxl.Workbook().active
        grand_total_row(ws, 3, 1, 2, [2], label_col=1)
        assert ws.cell(3, 1).value == "Tổng cộng"


def test_an_english_user_gets_a_vietnamese_template_that_imports_in_either_language(demo_engine):
    workspace = load_workspace(demo_engine)
    centre = workspace.centre("380")
    with labels.language("en"):
        wb = tpl.build_template(
            centre, workspace.catalog, workspace.surveys.get("380"), today=dt.date(2025, 9, 1)
        )
        headers = [c.value for c in wb[EXCEL.vi["sheet_survey"]][tpl.HEADER_ROW]]
        assert {"Mã thiết bị", "Số lượng", "Tình trạng", "Năm đưa vào sử dụng"} <= set(headers)
        assert wb.sheetnames[:3] == ["Hướng dẫn", "Khảo sát", "Mặt bằng"]
        buffer = io.BytesIO()
        wb.save(buffer)
    for language in labels.LANGUAGES:
        with labels.language(language):
            parsed = parse_survey(
                buffer.getvalue(),
                "t.xlsx",
                centre=centre,
                catalog=workspace.catalog,
                as_of=dt.date(2025, 9, 1),
            )
        assert parsed.survey.lines == workspace.surveys["380"][1].lines, language
    wb[EXCEL.vi["sheet_survey"]].cell(tpl.HEADER_ROW + 1, tpl.COL["quantity"]).value = -1
    buffer = io.BytesIO()
    wb.save(buffer)
    with labels.language("en"), pytest.raises(BadInput) as refused:
        parse_survey(
            buffer.getvalue(),
            "t.xlsx",
            centre=centre,
            catalog=workspace.catalog,
            as_of=dt.date(2025, 9, 1),
        )
    # the file's column as the file names it, what is expected in the user's language
    assert [(p.row, p.column, p.expected) for p in refused.value.problems] == [
        (tpl.HEADER_ROW + 1, "Số lượng", "a number, not negative")
    ]
    with labels.language("en"):
        assert str(refused.value).splitlines() == [
            "File 't.xlsx' is not valid; nothing was saved",
            f"  - Khảo sát, row {tpl.HEADER_ROW + 1}, column 'Số lượng': value '-1' — a number, "
            "not negative",
        ]


def test_cli_lang_option_and_environment(cli):
    english = cli("--lang", "en", "solve", "--scenario", "missing.yaml")
    assert english.returncode == 2
    assert "Error: Scenario file missing.yaml not found" in english.stderr
    by_env = cli("solve", "--scenario", "missing.yaml", env={"PLANNER_LANG": "en"})
    assert "Error: Scenario file" in by_env.stderr
    vietnamese = cli("solve", "--scenario", "missing.yaml")
    assert "Lỗi: Không tìm thấy tệp phương án missing.yaml" in vietnamese.stderr
    english_help = cli("--lang", "en", "--help").stdout
    assert "language of the messages" in english_help and "Plan the equipment" in english_help
    assert "Lập kế hoạch" in cli("--help").stdout
    assert "target waiting time (minutes)" in cli("--lang", "en", "needs", "--help").stdout
    empty = cli("--lang", "en", "needs")
    assert empty.returncode == 2 and "Error: The database has no data yet" in empty.stderr
    assert "thời gian chờ mục tiêu (phút)" in cli("needs", "--help").stdout
    assert "invalid choice: 'fr'" in cli("--lang", "fr", "needs").stderr


def test_app_language_choice_is_per_browser_session(app_db):
    english = app_as(None)
    assert [t.value for t in english.title] == ["Đăng nhập"]
    english.sidebar.radio(key="language").set_value("en").run()
    assert [t.value for t in english.title] == ["Log in"]
    assert [b.label for b in english.button] == ["Log in"]
    other = app_as(None)  # another browser, same process: still Vietnamese
    assert [t.value for t in other.title] == ["Đăng nhập"]
    english.run()
    assert [t.value for t in english.title] == ["Log in"]


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_app_pages_in_english_after_login(app_db, page):
    at = app_as(ADMIN, page)
    assert [t.value for t in at.title] == [labels.PAGE[page]]
    at.sidebar.radio(key="language").set_value("en").run()
    assert not at.exception
    with labels.language("en"):
        assert [t.value for t in at.title] == [labels.PAGE[page]]
        # AppTest calls the widgets' format functions in the test's thread when it reruns the
        # (now English) page: read them as that English user's browser would
        at.run()
        assert not at.exception
        assert [t.value for t in at.title] == [labels.PAGE[page]]
    assert at.title[0].value != labels.PAGE[page]  # English, not the Vietnamese title


def test_logging_out_keeps_the_browsers_language(app_db):
    at = app_as(PLANNER)
    at.sidebar.radio(key="language").set_value("en").run()
    with labels.language("en"):
        at.button(key="logout").click().run()
        assert not at.exception
        assert [t.value for t in at.title] == ["Log in"]


def test_an_english_planner_runs_a_scenario_and_edits_a_package(app_db):
    """The whole journey in English, callbacks included (they run before the page script)."""
    at = app_as(PLANNER, "scenario", timeout=180)
    at.sidebar.radio(key="language").set_value("en").run()
    with labels.language("en"):
        at.text_input(key=form_key(at, "sc_name")).input("Twenty billion")
        at.number_input(key=form_key(at, "sc_budget")).set_value(20.0)
        [run] = [b for b in at.button if b.label == "Run the scenario"]
        run.click().run()
        assert not at.exception, at.exception
        metrics = {m.label: m.value for m in at.metric}
        assert metrics["Solution status"] == "optimal (proven)"
        spent = at.session_state["scenario_runs"][-1].document["spent"]["total"]
        assert metrics["Allocated"] == labels.billions(spent) and "bn ₫" in metrics["Allocated"]
        assert metrics["Needs met"].endswith("points/100")

        at.switch_page("app_pages/procurement.py").run()
        assert not at.exception, at.exception
        table = at.dataframe[0].value
        assert {"Package name", "Contractor selection method"} <= set(table.columns)
        assert table.iloc[-1, 0] == "Total"  # the packages' Tổng cộng row, in English
        names = list(table["Package name"])[:-1]
        assert names and all(str(n).startswith("Package ") for n in names), names
        package = at.selectbox(key="rename_package").value
        at.text_input(key="rename_name").input("Computers for the one-stop desks")
        at.button(key="rename_button").click().run()
        assert not at.exception, at.exception
        assert [s.value for s in at.success][:1] == [f"Package {package} renamed."]


# --- the accounts, backup/restore, catalog and demo modules -------------------------------------

ROOT = Path(__file__).resolve().parents[1]
# Every module whose words a user may read: the library outside its labels, the app's pages.
WORDED_FROM_LABELS = sorted(
    str(path.relative_to(ROOT))
    for path in [
        *(ROOT / "planner").rglob("*.py"),
        *(ROOT / "app_pages").glob("*.py"),
        ROOT / "streamlit_app.py",
    ]
    if not path.is_relative_to(ROOT / "planner" / "labels")
)
# The Vietnamese literals that stay in code: (module, literal, or None for all of its), and why.
VIETNAMESE_KEPT = {
    ("planner/limits.py", None): (
        "each limit is declared with its Vietnamese name and unit, the keys of labels.LIMIT_NAME "
        "and LIMIT_UNIT, which hold the English (test_every_limit_is_named_in_both_languages)"
    ),
    ("planner/excel/amounts_in_words.py", None): (
        "the Vietnamese reading of an amount ('Một triệu … đồng') that official tables print: "
        "a grammar of Vietnamese numbers, not words to translate"
    ),
    ("planner/excel/values.py", "đ"): "folding đ to d, to compare words typed without diacritics",
    ("planner/procurement/model.py", "Sở Thông tin và Truyền thông"): (
        "an official proper name: the default procuring entity"
    ),
}
VIETNAMESE_LETTER = re.compile(r"[À-ỹĐđ]")


def _string_literals(path: Path) -> list[tuple[int, str]]:
    """Every string constant of a module's code, docstrings left out (they are not shown)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def _vietnamese_literals(module: str) -> list[tuple[int, str]]:
    """The module's Vietnamese string constants (f-string parts too) not in the allow-list."""
    if (module, None) in VIETNAMESE_KEPT:
        return []
    return [
        (line, text)
        for line, text in _string_literals(ROOT / module)
        if VIETNAMESE_LETTER.search(text) and (module, text) not in VIETNAMESE_KEPT
    ]


@pytest.mark.parametrize("module", WORDED_FROM_LABELS)
def test_no_vietnamese_words_outside_labels(module):
    """A Vietnamese word typed in one of these modules would never read English.

    Put it in a table of planner/labels/ with its English in planner/labels/en/ (and read it
    when it is used); a word that must stay Vietnamese in exchanged files or in the database
    goes in labels.EXCHANGE or labels.RECORDED; anything else is listed in VIETNAMESE_KEPT.
    """
    assert _vietnamese_literals(module) == []


def test_the_vietnamese_allow_list_is_short_and_current():
    assert len(VIETNAMESE_KEPT) <= 6
    for module, text in VIETNAMESE_KEPT:
        assert module in WORDED_FROM_LABELS, module
        found = [s for _, s in _string_literals(ROOT / module) if VIETNAMESE_LETTER.search(s)]
        assert found if text is None else text in found, (module, text)


def test_the_scan_finds_a_vietnamese_literal_in_an_f_string(tmp_path):
    source = tmp_path / "m.py"
    source.write_text(
        '"""Tài liệu: a docstring is not shown."""\n'
        "def f(x):\n"
        '    """Hàm."""\n'
        '    return f"{x} đơn vị", "ok"\n',
        encoding="utf-8",
    )
    found = [(n, s) for n, s in _string_literals(source) if VIETNAMESE_LETTER.search(s)]
    assert found == [(4, " đơn vị")]


def test_a_refused_account_reads_english(demo_engine, fast_hashing):
    from planner.auth import SYSTEM
    from planner.store import accounts

    def refusal() -> str:
        with pytest.raises(BadInput) as refused:
            accounts.add_user(demo_engine, SYSTEM, "bad name!", "long-enough-pw", "planner", "380")
        return str(refused.value)

    with labels.language("en"):
        english = refusal()
        with pytest.raises(BadInput, match="Role 'boss' is not valid"):
            accounts.add_user(demo_engine, SYSTEM, "qt", "long-enough-pw", "boss")
        with pytest.raises(BadInput, match="needs at least"):
            accounts.add_user(demo_engine, SYSTEM, "qt", "x", "admin")
    vietnamese = refusal()
    assert english.splitlines() == [
        "Could not create the account 'bad name!'",
        "  - account, column 'name': value 'bad name!' — only unaccented letters, digits, '.', "
        "'_', '-' (at most 80)",
        "  - account, column '--centre': value '380' — only a centre account belongs to a centre",
    ]
    assert vietnamese.splitlines()[0] == "Không tạo được tài khoản 'bad name!'"
    assert not VIETNAMESE_LETTER.search(english)


def test_a_refused_login_is_english_but_its_audit_reason_stays_vietnamese(demo_engine):
    from planner.store.accounts import LoginFailed, authenticate

    with labels.language("en"), pytest.raises(LoginFailed) as refused:
        authenticate(demo_engine, "nobody", "whatever-password")
    assert str(refused.value) == labels.SAFETY.english["login_failed"]
    assert refused.value.reason == "không có tài khoản này"


def test_a_refused_restore_reads_english(demo_engine, tmp_engine, tmp_path):
    from planner.auth import SYSTEM
    from planner.store.backup import backup, read_backup, restore

    document = backup(demo_engine, SYSTEM)
    damaged = {**document, "centres": "not a list", "users": [{"name": "x y", "role": "boss"}]}
    junk = tmp_path / "junk.json"
    junk.write_text('{"format": "other"}', encoding="utf-8")
    with labels.language("en"):
        with pytest.raises(BadInput, match=r"^Restore only into an empty database"):
            restore(demo_engine, SYSTEM, document)
        with pytest.raises(BadInput) as refused:
            restore(tmp_engine, SYSTEM, damaged)
        with pytest.raises(BadInput, match="is not an hcc-planner backup"):
            read_backup(junk)
        message = str(refused.value)  # the problems are worded when the message is read
    lines = message.splitlines()
    assert lines[0] == "Invalid backup file, nothing restored"
    assert "  - centres — a list expected" in lines
    assert (
        "  - users, row 1, column 'name': value 'x y' — only unaccented letters, digits, '.', '_', '-'"
        in lines
    )
    assert not VIETNAMESE_LETTER.search(message)
    with pytest.raises(BadInput, match=r"^Tệp sao lưu không hợp lệ, không khôi phục gì"):
        restore(tmp_engine, SYSTEM, damaged)


def test_catalog_and_demo_refusals_read_english(demo_engine, tmp_path):
    from planner.catalog import load_catalog
    from planner.demo.data import load_demo

    with labels.language("en"):
        with pytest.raises(BadInput, match=r"^Missing catalog files: items\.csv"):
            load_catalog(tmp_path)
        with pytest.raises(BadInput, match="The database holds the dataset 'thanh-hoa-2017'"):
            load_demo(demo_engine, "thanh-hoa-2025")


def test_demo_accounts_print_in_the_chosen_language(demo_engine, fast_hashing, capsys, monkeypatch):
    from planner.demo.accounts import main as demo_accounts_main

    monkeypatch.delenv("PLANNER_LANG", raising=False)
    url = demo_engine.url.render_as_string(hide_password=False)
    assert demo_accounts_main(["--db", url, "--lang", "en"]) == 0
    english = capsys.readouterr().out.splitlines()
    monkeypatch.setenv("PLANNER_LANG", "en")
    assert demo_accounts_main(["--db", url, "--lang", "vi"]) == 0
    vietnamese = capsys.readouterr().out.splitlines()
    assert english[:2] == ["App: http://localhost:8501", labels.DEMO.english["accounts"]]
    assert f"  admin        password quantri-demo   {labels.ROLE.english['admin']}" in english
    assert english[-1].startswith("  huyen380     password donvi-demo ")
    assert english[-1].endswith(" (centre 380)")
    assert vietnamese[1] == "Tài khoản minh họa (chỉ dùng với dữ liệu minh họa):"
    assert any(line.endswith(" (đơn vị 380)") for line in vietnamese)
