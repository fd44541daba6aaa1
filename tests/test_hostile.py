"""A generated hostile corpus: workbooks, backups, scenario YAMLs and command-line numbers.

Every case goes through the real ``planner`` command (in process, for speed) against one demo
database with accounts, and must end in a clean refusal: the contract's exit code, a
Vietnamese message naming what is wrong, no survey version or catalog added, and — for writes —
exactly one audit line recording the refusal. After the whole corpus, ``needs`` and ``solve``
still run. Bombs (zip and YAML) are parsed in a child process under an address-space limit
(``resource.setrlimit``) and a time limit, so a regression shows as a failure, not as a
machine brought down.
"""

from __future__ import annotations

import copy
import io
import json
import math
import os
import struct
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from planner import limits
from planner.auth import SYSTEM
from planner.cli import main
from planner.demo.data import load_demo
from planner.excel import safety
from planner.excel import template as tpl
from planner.labels import EXCEL
from planner.needs.queueing import ServiceTarget, counters_needed, share_within
from planner.services.workspace import load_workspace
from planner.store import accounts
from planner.store.backup import backup
from planner.store.db import make_engine, reading
from planner.store.tables import AuditRow, CatalogVersionRow, SurveyRow, UserRow

pytestmark = pytest.mark.usefixtures("fast_hashing")

CENTRE = "380"
ADMIN, ADMIN_PASSWORD = "qt", "mat-khau-quan-tri"
DISTRICT = "dv380"
SURVEY, PREMISES, PROCEDURES = (
    EXCEL["sheet_survey"],
    EXCEL["sheet_premises"],
    EXCEL["sheet_procedures"],
)
FIRST = tpl.HEADER_ROW + 1
MEMORY_LIMIT = 1536 * 1024 * 1024  # the child's whole address space, imports included
TIME_LIMIT = 20.0


# --- One database for the corpus ---------------------------------------------------------------


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("hostile")
    url = f"sqlite:///{folder / 'planner.sqlite3'}"
    engine = make_engine(url)
    load_demo(engine, "thanh-hoa-2017")
    from argon2 import PasswordHasher

    import planner.auth

    hasher = planner.auth._HASHER
    planner.auth._HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    try:
        accounts.add_user(engine, SYSTEM, ADMIN, ADMIN_PASSWORD, "admin")
        accounts.add_user(engine, SYSTEM, DISTRICT, "mat-khau-don-vi", "district", CENTRE)
    finally:
        planner.auth._HASHER = hasher
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def template(db, tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("tpl") / "t.xlsx"
    assert main(["template", "--centre", CENTRE, "--out", str(out), "--db", db]) == 0
    return out.read_bytes()


def state(url: str) -> dict:
    """What a refusal must leave unchanged, and the audit lines so far."""
    engine = make_engine(url)
    with reading(engine) as session:
        out = {
            "surveys": session.scalar(select(func.count()).select_from(SurveyRow)),
            "catalogs": session.scalar(select(func.count()).select_from(CatalogVersionRow)),
            "users": session.scalar(select(func.count()).select_from(UserRow)),
            "audit": session.scalar(select(func.max(AuditRow.id))) or 0,
        }
    engine.dispose()
    return out


def new_audit(url: str, after: int) -> list[tuple[str, str, str]]:
    engine = make_engine(url)
    with reading(engine) as session:
        rows = session.scalars(select(AuditRow).where(AuditRow.id > after)).all()
        out = [(r.action, r.outcome, r.detail) for r in rows]
    engine.dispose()
    return out


def run(capsys, *argv: str) -> tuple[int, str]:
    """``planner argv`` in process: (exit code, everything printed)."""
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as stop:  # argparse refusals
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


# --- Workbooks -----------------------------------------------------------------------------------


def _edit(data: bytes, change) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell(sheet: str, row: int, column: int, value):
    def change(wb):
        wb[sheet].cell(row, column).value = value

    return change


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def _sheet_name(data: bytes, title: str) -> str:
    """The part holding the sheet called ``title`` (sheet order as in the template)."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return f"xl/worksheets/sheet{wb.sheetnames.index(title) + 1}.xml"


def big_sheet(mib: int) -> bytes:
    """A valid survey sheet of about ``mib`` MiB of rows."""
    row = b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>PC-DESKTOP</t></is></c><c r="D%d"><v>1</v></c></row>'
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        b'.org/spreadsheetml/2006/main"><sheetData>'
    )
    rows, size, r = [], 0, FIRST
    while size < mib * 1024 * 1024:
        rows.append(row % (r, r, r))
        size += len(rows[-1])
        r += 1
    return head + b"".join(rows) + b"</sheetData></worksheet>"


def lie_about_size(data: bytes, name: str, claimed: int) -> bytes:
    """Rewrite the uncompressed size ``name`` declares, in its local header and central directory."""
    buffer = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        offset = archive.getinfo(name).header_offset
    struct.pack_into("<I", buffer, offset + 22, claimed)
    at = buffer.find(b"PK\x01\x02")
    while at != -1:
        length = struct.unpack_from("<H", buffer, at + 28)[0]
        if bytes(buffer[at + 46 : at + 46 + length]).decode() == name:
            struct.pack_into("<I", buffer, at + 24, claimed)
        at = buffer.find(b"PK\x01\x02", at + 4)
    return bytes(buffer)


def _raw_number(data: bytes, sheet_part: str, marker: float, text: str) -> bytes:
    parts = _parts(data)
    xml = parts[sheet_part]
    needle = f"<v>{marker}</v>".encode()
    assert needle in xml
    parts[sheet_part] = xml.replace(needle, f"<v>{text}</v>".encode())
    return _zip(parts)


def _procedure(name, dossiers, minutes):
    def change(wb):
        row = FIRST
        for column, value in enumerate(("Đất đai", name, dossiers, minutes), start=1):
            wb[PROCEDURES].cell(row, column).value = value

    return change


def _premises_row(key: str) -> int:
    return tpl.HEADER_ROW + 1 + tpl.PREMISES_KEYS.index(key)


WORKBOOKS = {
    # name → (make(template) → bytes, text the refusal must contain)
    "floor_1e400": (
        lambda t: _raw_number(
            _edit(t, _cell(PREMISES, _premises_row("floor_area_m2"), 2, 4321.5)),
            _sheet_name(t, PREMISES),
            4321.5,
            "1E400",
        ),
        limits.FLOOR_AREA.message,
    ),
    "floor_1e300": (
        lambda t: _edit(t, _cell(PREMISES, _premises_row("floor_area_m2"), 2, 1e300)),
        limits.FLOOR_AREA.message,
    ),
    "staff_1e15": (
        lambda t: _edit(t, _cell(PREMISES, _premises_row("staff"), 2, 1e15)),
        limits.STAFF.message,
    ),
    "dossiers_1e12": (
        lambda t: _edit(t, _cell(PREMISES, _premises_row("yearly_dossiers"), 2, 10**12)),
        limits.YEARLY_DOSSIERS.message,
    ),
    "procedure_dossiers_1e12": (
        lambda t: _edit(t, _procedure("Cấp GCN", 10**12, 15)),
        limits.YEARLY_DOSSIERS.message,
    ),
    "quantity_nan_text": (lambda t: _edit(t, _cell(SURVEY, FIRST, 4, "nan")), EXCEL["quantity"]),
    "tab_formula_name": (
        lambda t: _edit(t, _procedure('\t=HYPERLINK("http://x.invalid","a")', 10, 15)),
        EXCEL["formula"],
    ),
    "space_formula_name": (
        lambda t: _edit(t, _procedure(" =1+1", 10, 15)),
        EXCEL["formula"],
    ),
    "lying_zip": (
        lambda t: lie_about_size(
            _zip({**_parts(t), _sheet_name(t, SURVEY): big_sheet(3)}), _sheet_name(t, SURVEY), 900
        ),
        "không giải nén được",
    ),
    "sheet_45_mib": (
        lambda t: _zip({**_parts(t), _sheet_name(t, SURVEY): big_sheet(45)}),
        "nghi ngờ bom nén",
    ),
}


@pytest.mark.parametrize("case", sorted(WORKBOOKS))
def test_hostile_workbook_is_refused_audited_and_changes_nothing(
    case, db, template, tmp_path, capsys
):
    make, expected = WORKBOOKS[case]
    path = tmp_path / f"{case}.xlsx"
    path.write_bytes(make(template))
    before = state(db)
    code, printed = run(
        capsys, "import", str(path), "--centre", CENTRE, "--user", DISTRICT, "--db", db
    )
    assert code == 2, printed
    assert expected in printed and "không có gì được lưu" in printed
    after = state(db)
    assert {k: after[k] for k in ("surveys", "catalogs", "users")} == {
        k: before[k] for k in ("surveys", "catalogs", "users")
    }
    audit = new_audit(db, before["audit"])
    assert [(a, o) for a, o, _ in audit] == [("write_survey", "rejected")]
    assert expected in audit[0][2]


# --- Backups -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def good_backup(db) -> dict:
    engine = make_engine(db)
    document = backup(engine, SYSTEM)
    engine.dispose()
    return document


def _deep(levels: int):
    value: object = 1
    for _ in range(levels):
        value = [value]
    return value


def _tamper(change):
    def make(document: dict) -> dict:
        document = copy.deepcopy(document)
        change(document)
        return document

    return make


BACKUPS = {
    "unknown_role": (
        _tamper(lambda d: d["users"][0].update(role="superuser")),
        "vai trò 'superuser' không hợp lệ",
    ),
    "garbage_catalog": (
        _tamper(lambda d: d["catalog_versions"][0].update(data={"items": "rác"})),
        "catalog_versions",
    ),
    "garbage_centre": (
        _tamper(lambda d: d["centres"][1]["data"].update(premises={"staff": -4})),
        "centres",
    ),
    "centre_1e400_floor": (
        _tamper(lambda d: d["centres"][1]["data"].update(premises={"floor_area_m2": math.inf})),
        "centres",
    ),
    "garbage_scenario": (
        _tamper(
            lambda d: d["scenarios"].append(
                {
                    "name": "x",
                    "created_by": "qt",
                    "created_at": "2026-01-01T00:00:00+00:00",
                    "data": {"budget": 10**30, "price_multiplier": 1e308},
                }
            )
        ),
        limits.BUDGET.message,
    ),
    "survey_of_missing_centre": (
        _tamper(lambda d: d["surveys"][0].update(centre_code="99999")),
        "không có trong bảng centres",
    ),
    "duplicate_version": (
        _tamper(lambda d: d["surveys"].append(copy.deepcopy(d["surveys"][0]))),
        "trùng phiên bản khảo sát",
    ),
    "deep_nesting": (
        _tamper(lambda d: d["surveys"][0]["data"].update(note=_deep(200))),
        "lồng nhau quá",
    ),
    "text_in_integer_column": (
        _tamper(lambda d: d["surveys"][0].update(version="một")),
        "cần một số nguyên",
    ),
    "survey_1e15_staff": (
        _tamper(lambda d: d["surveys"][0]["data"]["premises"].update(staff=10**15)),
        "surveys",
    ),
    "rows_not_objects": (_tamper(lambda d: d.update(centres=[1, 2])), "cần một đối tượng JSON"),
    "bad_base64": (
        _tamper(lambda d: d["surveys"][0].update(original_file="***")),
        "surveys",
    ),
}


@pytest.mark.parametrize("case", sorted(BACKUPS))
def test_hostile_backup_is_refused_audited_and_restores_nothing(
    case, good_backup, tmp_path, capsys
):
    make, expected = BACKUPS[case]
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(make(good_backup), ensure_ascii=False), encoding="utf-8")
    target = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    code, printed = run(capsys, "restore", str(path), "--db", target)
    assert code == 2, printed
    assert expected in printed, printed
    after = state(target)
    assert (after["surveys"], after["catalogs"], after["users"]) == (0, 0, 0)
    assert [(a, o) for a, o, _ in new_audit(target, 0)] == [("load_data", "rejected")]


def test_json_nested_past_the_parser_is_refused(tmp_path, capsys):
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    code, printed = run(capsys, "restore", str(path), "--db", f"sqlite:///{tmp_path / 'e.sqlite3'}")
    assert code == 2 and "lồng nhau quá" in printed, printed


def test_the_untampered_backup_restores(good_backup, tmp_path, capsys):
    """The corpus above is refused for its one change, not because restore refuses everything."""
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(good_backup, ensure_ascii=False), encoding="utf-8")
    target = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    code, printed = run(capsys, "restore", str(path), "--db", target)
    assert code == 0, printed
    assert state(target)["surveys"] == len(good_backup["surveys"])


# --- Scenario YAMLs and command-line numbers -----------------------------------------------------


def _alias_bomb() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\nname: *a9\n"


YAMLS = {
    "alias_bomb": (_alias_bomb(), "nghi ngờ bom YAML"),
    "many_aliases": (
        "a: &a x\nexcluded_items: [" + ", ".join(["*a"] * 500) + "]\n",
        "tham chiếu YAML",
    ),
    "recursive_alias": ("name: &a [*a]\n", "vòng tròn"),
    "deep": ("name: " + "[" * 5000 + "]" * 5000 + "\n", "lồng nhau quá"),
    "infinite_multiplier": (
        "budget: 1000000000\nprice_multiplier: .inf\n",
        limits.PRICE_MULTIPLIER.message,
    ),
    "budget_1e30": ("budget: 1000000000000000000000000000000\n", limits.BUDGET.message),
    "budget_1e400": ("budget: 1e400\n", "budget"),
    "huge_weight": ("budget: 1000\nweights: {go_live_bonus: 1.0e+308}\n", limits.WEIGHT.message),
    "oversized": ("# " + "x" * (2 * 1024 * 1024) + "\nbudget: 1\n", "tối đa"),
}


@pytest.mark.parametrize("case", sorted(YAMLS))
def test_hostile_scenario_yaml_is_refused(case, db, tmp_path, capsys):
    text, expected = YAMLS[case]
    path = tmp_path / f"{case}.yaml"
    path.write_text(text, encoding="utf-8")
    before = state(db)
    started = time.perf_counter()
    code, printed = run(capsys, "solve", "--scenario", str(path), "--db", db)
    assert code == 2, printed
    assert expected in printed, printed
    assert time.perf_counter() - started < 10
    assert state(db) == before


NUMBERS = [
    ("solve", "--budget", "inf"),
    ("solve", "--budget", "1e400"),
    ("solve", "--budget", "1e30"),
    ("solve", "--budget", "-1"),
    ("solve", "--budget", "nan"),
    ("solve", "--budget", "12.5"),
    ("solve", "--budget", "1,000"),
    ("solve", "--budget", "1e9", "--gap", "nan"),
    ("solve", "--budget", "1e9", "--gap", "-1"),
    ("solve", "--budget", "1e9", "--gap", "2"),
    ("solve", "--budget", "1e9", "--time-limit", "-5"),
    ("solve", "--budget", "1e9", "--time-limit", "inf"),
    ("sweep", "--budgets", "1e9:2e9:3", "--workers", "0"),
    ("sweep", "--budgets", "1e9:2e9:3", "--workers", "100000"),
    ("sweep", "--budgets", "1e9:2e9:1000000"),
    ("sweep", "--budgets", "1e9:1e400:3"),
    ("needs", "--wait-share", "1"),
    ("needs", "--wait-share", "0"),
    ("needs", "--wait-share", "nan"),
    ("needs", "--wait-minutes", "-1"),
    ("needs", "--wait-minutes", "inf"),
    ("needs", "--pool-below", "-3"),
]


@pytest.mark.parametrize("argv", NUMBERS, ids=" ".join)
def test_odd_command_line_numbers_are_refused_before_anything_runs(argv, db, capsys):
    before = state(db)
    code, printed = run(capsys, *argv, "--db", db)
    assert code == 2, printed
    assert "phải là" in printed or "không phải là số" in printed, printed
    assert state(db) == before


# --- Afterwards: the planner's work still runs ---------------------------------------------------


def test_needs_and_solve_still_run_after_the_corpus(db, tmp_path, capsys):
    """Run last in this module (pytest keeps file order): nothing above broke the database."""
    code, printed = run(capsys, "needs", "--json", str(tmp_path / "n.json"), "--db", db)
    assert code == 0, printed
    needs = json.loads((tmp_path / "n.json").read_text(encoding="utf-8"))
    assert len(needs["centres"]) == 28
    assert all(math.isfinite(line["cost"]) for c in needs["centres"] for line in c["lines"])
    code, printed = run(
        capsys, "solve", "--budget", "5000000000", "--json", str(tmp_path / "p.json"), "--db", db
    )
    assert code == 0, printed
    plan = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert plan["status"] in ("optimal", "time_limit", "feasible")
    assert plan["spent"]["total"] <= 5_000_000_000


# --- Bombs under a memory and time ceiling -------------------------------------------------------

CHILD = textwrap.dedent(
    """
    import resource, sys, time
    resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
    import datetime as dt
    from planner.catalog import load_catalog
    from planner.centres import load_centres
    from planner.errors import BadInput
    from planner.excel.survey_import import parse_survey
    centre = next(c for c in load_centres("thanh-hoa-2017") if c.code == "{centre}")
    catalog = load_catalog()
    data = open(sys.argv[1], "rb").read()
    started = time.perf_counter()
    try:
        parse_survey(data, "bomb.xlsx", centre=centre, catalog=catalog, as_of=dt.date(2017, 6, 1))
        print("ACCEPTED")
    except BadInput as refused:
        print("REFUSED", round(time.perf_counter() - started, 3), str(refused))
    """
)


def _in_child(script: str, path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT * 3,
        env=dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1])),
    )


def _ratio_bomb(t: bytes) -> bytes:
    return _zip({**_parts(t), "xl/media/pad.xml": b"<a>" + b"\0" * 200_000_000 + b"</a>"})


BOMBS = {
    "lying_zip_claims_900_bytes": (
        lambda t: lie_about_size(
            _zip({**_parts(t), _sheet_name(t, SURVEY): big_sheet(40)}), _sheet_name(t, SURVEY), 900
        ),
        "không giải nén được",
    ),
    "lying_zip_claims_3_mib": (
        lambda t: lie_about_size(
            _zip({**_parts(t), _sheet_name(t, SURVEY): big_sheet(40)}),
            _sheet_name(t, SURVEY),
            3 * 1024 * 1024,
        ),
        "không giải nén được",
    ),
    "sheet_45_mib": (
        lambda t: _zip({**_parts(t), _sheet_name(t, SURVEY): big_sheet(45)}),
        "bom nén",
    ),
    "zeros_200_mb": (_ratio_bomb, "bom nén"),
    "many_sheets_just_under": (
        lambda t: _zip({**_parts(t), **{f"xl/media/p{i}.xml": big_sheet(1) for i in range(6)}}),
        "bom nén",
    ),
}


@pytest.mark.parametrize("case", sorted(BOMBS))
def test_bombs_are_refused_within_memory_and_time_ceilings(case, template, tmp_path):
    make, expected = BOMBS[case]
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(make(template))
    assert path.stat().st_size <= safety.MAX_FILE_BYTES  # it reaches the inflating checks
    script = CHILD.format(limit=MEMORY_LIMIT, centre=CENTRE)
    started = time.perf_counter()
    done = _in_child(script, path)
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("REFUSED"), done.stdout[:500]
    assert expected in done.stdout
    parse_seconds = float(done.stdout.split()[1])
    assert parse_seconds < 2.0, parse_seconds
    assert elapsed < TIME_LIMIT


def test_yaml_alias_bomb_under_a_memory_ceiling(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(_alias_bomb(), encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT}))
        from planner.errors import BadInput
        from planner.optimise.scenario import load_scenario
        try:
            load_scenario(sys.argv[1])
            print("ACCEPTED")
        except BadInput as refused:
            print("REFUSED", refused)
        """
    )
    done = _in_child(script, path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("REFUSED") and "bom YAML" in done.stdout


# --- Counter sizing cannot stall -----------------------------------------------------------------


def test_counter_search_matches_its_definition():
    """The O(c) search returns the smallest c above the load whose P(W ≤ T) reaches p."""
    for rate in (0.5, 3.0, 17.2, 120.0, 900.0):
        for minutes in (5.0, 12.0, 35.0):
            for wait in (0.0, 5.0, 15.0):
                for share in (0.5, 0.8, 0.95):
                    target = ServiceTarget(wait_minutes=wait, share=share)
                    c = counters_needed(rate, minutes, target)
                    start = max(1, math.floor(rate * minutes / 60) + 1)
                    assert share_within(c, rate, minutes, wait) >= share - 1e-12
                    assert c == start or share_within(c - 1, rate, minutes, wait) < share


def test_largest_allowed_centre_is_sized_at_once_and_beyond_is_refused():
    # 10^7 dossiers/year at 480 minutes each: about 60,000 Erlangs, the most the limits allow
    rate = limits.YEARLY_DOSSIERS.high / 250 / 8 * 1.5
    started = time.perf_counter()
    c = counters_needed(rate, limits.HANDLING_MINUTES.high, ServiceTarget(share=0.999))
    assert time.perf_counter() - started < 1.0
    assert c > rate * limits.HANDLING_MINUTES.high / 60
    with pytest.raises(ValueError, match="Erlang"):
        counters_needed(10**12 / 250 / 8 * 1.5, 15)


# --- The demo and the database -------------------------------------------------------------------


def test_demo_needs_an_administrator_and_never_reverts_a_published_catalog(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert run(capsys, "demo", "--db", url)[0] == 0
    engine = make_engine(url)
    accounts.add_user(engine, SYSTEM, ADMIN, ADMIN_PASSWORD, "admin")
    from planner.catalog import catalog_from_data, to_data
    from planner.store.catalogs import publish_catalog

    catalog = load_workspace(engine).catalog
    data = to_data(catalog)
    data["items"][0]["unit_price"] -= 1_000_000  # a planner's negotiated price
    published = catalog_from_data(data, "giá mới")
    publish_catalog(engine, SYSTEM, published, "giá mới")

    before = state(url)
    code, printed = run(capsys, "demo", "--db", url)
    assert code == 3 and "--as" in printed, printed
    assert state(url)["surveys"] == before["surveys"]
    assert [(a, o) for a, o, _ in new_audit(url, before["audit"])] == [("load_data", "denied")]
    os.environ["PLANNER_PASSWORD"] = ADMIN_PASSWORD
    try:
        code, printed = run(capsys, "demo", "--as", ADMIN, "--db", url)
    finally:
        del os.environ["PLANNER_PASSWORD"]
    assert code == 0, printed
    assert load_workspace(engine).catalog.version == published.version
    assert run(capsys, "demo", "--if-empty", "--db", url)[0] == 0  # skips: no login needed
    engine.dispose()


def test_database_errors_exit_2_with_a_vietnamese_message(tmp_path, capsys):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    code, printed = run(capsys, "needs", "--db", f"sqlite:///{folder}")
    assert code == 2, printed
    assert "cơ sở dữ liệu" in printed.lower() and "Traceback" not in printed
    code, printed = run(
        capsys, "needs", "--db", "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"
    )
    assert code == 2, printed
    assert "cơ sở dữ liệu" in printed.lower()


def test_a_stored_survey_beyond_todays_limits_does_not_stop_the_planners(tmp_path, capsys):
    """A version saved before the limits (1E400 was stored as null) falls back to the last sound one."""
    url = f"sqlite:///{tmp_path / 'legacy.sqlite3'}"
    engine = make_engine(url)
    load_demo(engine, "thanh-hoa-2017")
    from planner.store.db import writing

    with writing(engine) as session:
        first = session.scalars(select(SurveyRow).where(SurveyRow.centre_code == CENTRE)).one()
        broken = copy.deepcopy(first.data)
        broken["premises"]["floor_area_m2"] = None
        broken["premises"]["yearly_dossiers"] = 10**12
        session.add(
            SurveyRow(centre_code=CENTRE, version=2, saved_by="old", source="upload", data=broken)
        )
    version, survey = load_workspace(engine).surveys[CENTRE]
    assert version == 1 and survey.premises.yearly_dossiers < 10**12
    from planner.errors import BadInput
    from planner.services.surveys import history, read_version

    assert [v.version for v in history(engine, SYSTEM, CENTRE)] == [1]
    with pytest.raises(BadInput, match="vượt giới hạn"):
        read_version(engine, SYSTEM, CENTRE, 2)
    engine.dispose()
    code, printed = run(capsys, "needs", "--counters", "sized", "--db", url)
    assert code == 0, printed


def test_the_web_form_refuses_the_same_numbers():
    """The survey form builds the same models: 10⁹ units or 1e300 m² are located problems."""
    from planner.catalog import load_catalog
    from planner.labels import COLUMN
    from planner.services.survey_form import premises_from_fields, survey_lines_from_rows

    problems: list = []
    row = {
        COLUMN["item"]: "PC-DESKTOP",
        COLUMN["quantity"]: 10**9,
        COLUMN["condition"]: "Tốt",
        COLUMN["year_acquired"]: None,
    }
    assert survey_lines_from_rows([row], load_catalog(), 2017, problems) == []
    assert [p.expected for p in problems] == [limits.QUANTITY.message]
    problems = []
    fields = {
        "floor_area_m2": 1e300,
        "renovation_area_m2": 0.0,
        "counters": 3,
        "staff": 10**15,
        "yearly_dossiers": 10**12,
    }
    assert premises_from_fields(fields, problems) is None
    found = {p.expected for p in problems}
    assert {
        limits.FLOOR_AREA.message,
        limits.STAFF.message,
        limits.YEARLY_DOSSIERS.message,
    } <= found


def test_a_hostile_upload_is_refused_the_same_on_postgresql(demo_store, template):
    """The issue saw PostgreSQL fail with a database traceback: now the import refuses first."""
    from planner.auth import Actor, Role
    from planner.errors import BadInput
    from planner.services.survey_files import import_survey

    data = _edit(template, _cell(PREMISES, _premises_row("floor_area_m2"), 2, 1e300))
    with reading(demo_store) as session:
        before = session.scalar(select(func.max(AuditRow.id)))
    with pytest.raises(BadInput) as refused:
        import_survey(demo_store, Actor("d", Role.DISTRICT, CENTRE), data, "x.xlsx", CENTRE)
    assert limits.FLOOR_AREA.message in str(refused.value)
    with reading(demo_store) as session:
        rows = session.scalars(select(AuditRow).where(AuditRow.id > before)).all()
        assert [(r.action, r.outcome) for r in rows] == [("write_survey", "rejected")]
        assert (
            session.scalar(
                select(func.count()).select_from(SurveyRow).where(SurveyRow.centre_code == CENTRE)
            )
            == 1
        )


def test_the_web_form_refuses_formula_names_and_huge_procedure_volumes():
    from planner.services.survey_form import PROC_COLUMN, procedures_from_rows

    def row(name, dossiers):
        values = {"field": "Đất đai", "procedure": name, "yearly_dossiers": dossiers}
        return {PROC_COLUMN[k]: v for k, v in {**values, "handling_minutes": 15}.items()}

    problems: list = []
    assert procedures_from_rows([row(" =1+1", 10), row("Cấp GCN", 10**12)], problems) == []
    assert [p.row for p in problems] == [1, 2]
    assert problems[0].expected == EXCEL["formula"]
    assert problems[1].expected == limits.YEARLY_DOSSIERS.message
