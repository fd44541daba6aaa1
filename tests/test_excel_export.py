"""Exports recalculated by LibreOffice headless: no formula errors, totals equal to the đồng."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import openpyxl
import pytest

from planner.excel.needs_export import write_needs_workbook
from planner.excel.proposal import build_proposal_workbook
from planner.excel.proposal_data import ProposalData, UnmetLine
from planner.labels import EXCEL, SCENARIO_FIELD
from planner.models import Category, PlanLine
from planner.services.workspace import load_workspace

INJECTIONS = ('=HYPERLINK("http://x","bấm")', "+1+1", "-2+3", "@SUM(1)", "\tTab", "\r\nCR")
SOFFICE = shutil.which("soffice")


def recalculated(tmp_path, *paths):
    """Every workbook opened, recalculated and saved again by LibreOffice (one process)."""
    if SOFFICE is None:
        pytest.fail("LibreOffice (soffice) is missing: `make system-deps` installs it")
    out = tmp_path / "lo"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return [openpyxl.load_workbook(out / p.name, data_only=True) for p in paths]


def no_formula_errors(original, recalc) -> None:
    """Every formula cell has a computed value, and none is an error."""
    for ws in original:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    value = recalc[ws.title][cell.coordinate].value
                    assert value is not None, f"{ws.title}!{cell.coordinate} {cell.value}"
                    assert not (
                        isinstance(value, str)
                        and (value.startswith("#") or value.startswith("Err:"))
                    ), f"{ws.title}!{cell.coordinate} {cell.value} → {value}"


def total_row(ws):
    """The grand-total row (not the header that also says "Tổng cộng" over the row totals)."""
    return next(r for r in ws.iter_rows(values_only=True) if "Tổng cộng" in r and r[0] is None)


@pytest.fixture
def proposal(demo_engine):
    """Funded lines: every second need line of the demo, split 70/30 like a mountainous centre."""
    workspace = load_workspace(demo_engine)
    lines = []
    for centre in workspace.needs().centres:
        for line in centre.lines[::2]:
            if line.need:
                cost = line.need * line.unit_price
                province = int(cost * 0.7)
                lines.append(
                    PlanLine(
                        centre=line.centre,
                        item=line.item,
                        category=line.category,
                        procurement_field="goods",
                        quantity=line.need,
                        unit_price=line.unit_price,
                        cost=cost,
                        year=2018,
                        funding={"province": province, "local": cost - province},
                    )
                )
    data = ProposalData(
        scenario=INJECTIONS[0],
        lines=tuple(lines),
        unmet=(
            UnmetLine("380", "KIOSK", 2, 100_000_000, INJECTIONS[3]),
            UnmetLine("38", "NAS", 1, 40_000_000, "x"),
        ),
        sources=tuple((s.code, s.name) for s in workspace.catalog.policy.funding_sources),
        status="optimal",
        gap=0.0,
        objective=12.5,
        solver="highs",
        catalog_version=workspace.catalog.version,
        budget=50_000_000_000,
        budget_by_source={"province": 30_000_000_000},
        parameters={"name": INJECTIONS[1], "years": [2018], "weights": {"tier": {"1": 3.0}}},
        illustrative=True,
    )
    centres = [
        c.model_copy(update={"name": INJECTIONS[i % len(INJECTIONS)]}) if i < 6 else c
        for i, c in enumerate(workspace.centres)
    ]
    return workspace, data, centres


def cached_values_match(path, recalc) -> None:
    """Every result our writer stored beside a formula is what LibreOffice computes for it."""
    formulas, stored = openpyxl.load_workbook(path), openpyxl.load_workbook(path, data_only=True)
    checked = 0
    for ws in formulas:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    ours = stored[ws.title][cell.coordinate].value
                    assert ours is not None, f"no stored result at {ws.title}!{cell.coordinate}"
                    theirs = recalc[ws.title][cell.coordinate].value
                    assert ours == pytest.approx(theirs), f"{ws.title}!{cell.coordinate}"
                    checked += 1
    assert checked > 0


@pytest.mark.libreoffice
def test_exports_recalculate_in_libreoffice_to_the_library_totals(demo_engine, proposal, tmp_path):
    workspace, data, centres = proposal
    report = workspace.needs()
    needs_path = write_needs_workbook(report, tmp_path / "nhu-cau.xlsx", catalog=workspace.catalog)
    called = []
    wb = build_proposal_workbook(
        data,
        centres,
        workspace.catalog,
        today=dt.date(2025, 3, 4),
        packages=lambda ws: called.append(ws.title),
    )
    proposal_path = tmp_path / "de-xuat.xlsx"
    wb.save(proposal_path)
    assert called == [EXCEL["sheet_packages"]]
    needs, prop = recalculated(tmp_path, needs_path, proposal_path)
    no_formula_errors(openpyxl.load_workbook(needs_path), needs)
    no_formula_errors(openpyxl.load_workbook(proposal_path), prop)
    cached_values_match(proposal_path, prop)

    # needs: grand totals by category and overall, and the detail's grand total
    summary = total_row(needs[EXCEL["sheet_summary"]])
    by_category = report.cost_by_category()
    assert list(summary[3:8]) == [by_category[c] for c in Category] + [report.cost]
    assert total_row(needs[EXCEL["sheet_detail"]])[-1] == report.cost

    # proposal: centre × category, by source, cover, unmet
    lines = data.lines
    summary_ws = prop[EXCEL["sheet_summary"]]
    rows = [r for r in summary_ws.iter_rows(values_only=True) if "Tổng cộng" in r and r[0] is None]
    by_cat = [sum(ln.cost for ln in lines if ln.category == c) for c in Category]
    assert list(rows[0][3:8]) == [*by_cat, data.total]
    assert rows[1][2] == data.total
    per_centre = {
        r[1]: r[7]
        for r in summary_ws.iter_rows(min_row=5, values_only=True)
        if isinstance(r[0], int) and isinstance(r[7], int)
    }
    for centre in centres:
        assert per_centre[centre.code] == sum(ln.cost for ln in lines if ln.centre == centre.code)
    sources = {
        r[1]: r[2]
        for r in summary_ws.iter_rows(values_only=True)
        if isinstance(r[0], int) and r[3] is None
    }
    for code, name in data.sources:
        assert sources[name] == sum(ln.funding.get(code, 0) for ln in lines)
    cover = {r[0]: r[1] for r in prop[EXCEL["sheet_cover"]].iter_rows(values_only=True)}
    assert cover[EXCEL["total"]] == data.total
    assert cover[EXCEL["date"]] == "04/03/2025"
    assert cover[EXCEL["total_words"]].endswith("đồng") and cover[EXCEL["total_words"]][0].isupper()
    assert total_row(prop[EXCEL["sheet_unmet"]])[6] == 140_000_000
    assert total_row(prop[EXCEL["sheet_detail"]])[12] == data.total

    # injection strings come out as the text that went in
    assert cover[EXCEL["scenario"]] == INJECTIONS[0]
    names = [r[2] for r in summary_ws.iter_rows(min_row=5, max_row=10, values_only=True)]
    # LibreOffice stores a CR LF line break as LF; the text is otherwise what went in
    assert names == [INJECTIONS[i].replace("\r\n", "\n") for i in range(6)]
    unmet_reasons = [r[7] for r in prop[EXCEL["sheet_unmet"]].iter_rows(values_only=True)]
    assert INJECTIONS[3] in unmet_reasons
    assumptions = {r[0]: r[1] for r in prop[EXCEL["sheet_assumptions"]].iter_rows(values_only=True)}
    assert assumptions[SCENARIO_FIELD["name"]] == INJECTIONS[1]


def test_export_look_headers_frozen_print_setup(demo_engine, proposal, tmp_path):
    workspace, data, centres = proposal
    wb = build_proposal_workbook(data, centres, workspace.catalog, today=dt.date(2025, 3, 4))
    assert EXCEL["sheet_packages"] not in wb.sheetnames
    detail = wb[EXCEL["sheet_detail"]]
    assert detail.freeze_panes == "D5" and detail.print_title_rows == "$1:$4"
    assert detail.page_setup.orientation == "landscape" and int(detail.page_setup.paperSize) == 9
    assert detail["M5"].value == "=K5*L5" and detail["M5"].number_format == "#,##0"
    scenario = wb[EXCEL["sheet_cover"]]["B4"]
    assert scenario.value == INJECTIONS[0] and scenario.data_type == "s" and scenario.quotePrefix


@pytest.mark.parametrize(
    ("covers", "budget_text"),
    [
        ("estimates", "Dự toán: ngân sách của phương án đã được phân bổ cho dự toán"),
        (
            "package_prices",
            "Giá gói thầu: ngân sách của phương án đã được phân bổ cho giá gói thầu",
        ),
    ],
)
def test_the_proposal_says_amounts_are_estimates_and_what_the_budget_paid(
    demo_engine, proposal, tmp_path, covers, budget_text
):
    import dataclasses

    workspace, data, centres = proposal
    data = dataclasses.replace(data, budget_covers=covers)
    path = tmp_path / "p.xlsx"
    build_proposal_workbook(data, centres, workspace.catalog, today=dt.date(2025, 3, 4)).save(path)
    wb = openpyxl.load_workbook(path)
    for sheet in (EXCEL["sheet_cover"], EXCEL["sheet_assumptions"]):
        rows = {r[0]: r[1] for r in wb[sheet].iter_rows(values_only=True) if r[0]}
        assert rows["Ngân sách được tính trên"].startswith(budget_text)
        amounts = rows["Số tiền trong đề xuất"]
        assert "là dự toán" in amounts and "chưa gồm dự phòng và thuế GTGT" in amounts
        assert "giá gói thầu ở trang KHLCNT = dự toán + dự phòng + thuế GTGT" in amounts


def test_no_code_reaches_the_planner_in_the_proposal(demo_engine, proposal, tmp_path):
    """The unnamed scenario and the objective's weights are in words, never their codes."""
    import dataclasses

    from planner.optimise.scenario import Scenario

    workspace, data, centres = proposal
    defaults = Scenario().model_dump(mode="json")
    data = dataclasses.replace(data, scenario="budget", parameters=defaults)
    path = tmp_path / "p.xlsx"
    build_proposal_workbook(data, centres, workspace.catalog, today=dt.date(2025, 3, 4)).save(path)
    wb = openpyxl.load_workbook(path)
    codes = {"budget", "None", *defaults["weights"], *defaults}
    codes |= {"estimate", "package_price", "highs", "cbc", "milp", "decomposition", "gap"}
    codes |= {"optimal", "feasible", "dependency", "policy", "value", "cap"}
    snake_or_kebab = re.compile(r"^[a-z]+(?:[_-][a-z0-9]+)+$")
    for ws in wb:
        for row in ws.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str) and not value.startswith("="):
                    words = set(re.split(r"[\s:;,()]+", value)) - {""}
                    assert not words & codes, (ws.title, value, words & codes)
                    assert not [w for w in words if snake_or_kebab.match(w)], (ws.title, value)
    assumptions = {r[0]: r[1] for r in wb[EXCEL["sheet_assumptions"]].iter_rows(values_only=True)}
    assert assumptions[EXCEL["scenario"]] == "Phương án theo ngân sách"
    assert "Ưu tiên thêm cho miền núi: 0,200" in assumptions[SCENARIO_FIELD["weights"]]
