"""Formulas written with their results: totals readable without recalculation.

Every expected number is computed by hand in the test, never by the module under test.
"""

from __future__ import annotations

import io
import json

from openpyxl import Workbook, load_workbook

from planner import labels
from planner.excel.cached_values import WorkbookWithValues, formula_values, workbook_bytes


def _sample() -> Workbook:
    wb = WorkbookWithValues()
    data = wb.active
    data.title = "Chi tiết"
    data.append(["Nhóm", "Số lượng", "Đơn giá", "Thành tiền"])
    for row, (group, qty, price) in enumerate(
        [("a", 2, 1_000), ("b", 3, 2_500), ("a", 1, 400)], start=2
    ):
        data.append([group, qty, price, f"=B{row}*C{row}"])
    data["D5"] = "=SUM(D2:D4)"
    data["E5"] = "=(D5-D4)/2+-1"
    summary = wb.create_sheet("Tổng hợp")
    summary["A1"] = "a"
    summary["B1"] = "=SUMIF('Chi tiết'!$A$2:$A$4,A1,'Chi tiết'!$D$2:$D$4)"
    summary["B2"] = "='Chi tiết'!D5"
    summary["B3"] = '=HYPERLINK("http://x","y")'  # outside the evaluated part: left alone
    summary["B4"] = "=B5"  # an empty cell counts as 0
    return wb


def test_results_are_stored_and_read_back_with_openpyxl(tmp_path):
    path = tmp_path / "sample.xlsx"
    _sample().save(path)
    wb = load_workbook(path, data_only=True)
    detail, summary = wb["Chi tiết"], wb["Tổng hợp"]
    assert [detail[f"D{r}"].value for r in range(2, 6)] == [2_000, 7_500, 400, 9_900]
    assert detail["E5"].value == 4_749.0  # (9,900 − 400) / 2 − 1
    assert summary["B1"].value == 2_400  # 2,000 + 400 for group "a"
    assert summary["B2"].value == 9_900
    assert summary["B3"].value is None
    assert summary["B4"].value == 0
    formulas = load_workbook(path)  # the formulas themselves are unchanged
    assert formulas["Chi tiết"]["D5"].value == "=SUM(D2:D4)"
    assert formulas["Tổng hợp"]["B3"].value == '=HYPERLINK("http://x","y")'


def test_a_loaded_workbook_gets_its_values_again():
    buffer = io.BytesIO()
    _sample().save(buffer)
    loaded = load_workbook(io.BytesIO(buffer.getvalue()))
    loaded["Chi tiết"]["B2"] = 10  # a planner's edit: 10 × 1,000
    again = load_workbook(io.BytesIO(workbook_bytes(loaded)), data_only=True)
    assert again["Chi tiết"]["D2"].value == 10_000
    assert again["Chi tiết"]["D5"].value == 17_900


def test_a_circular_reference_is_left_to_the_spreadsheet():
    wb = Workbook()
    wb.active["A1"] = "=B1+1"
    wb.active["B1"] = "=A1+1"
    wb.active["C1"] = "=2*3"
    assert formula_values(wb) == {"Sheet": {"C1": 6}}


def test_the_2025_proposal_shows_its_totals_without_recalculation(cli):
    assert cli("demo", "--dataset", "thanh-hoa-2025").returncode == 0
    done = cli("solve", "--budget", "20000000000", "--json", "p.json", "--xlsx", "p.xlsx")
    assert done.returncode == 0, done.stderr
    plan = json.loads((cli.workdir / "p.json").read_text(encoding="utf-8"))
    wb = load_workbook(cli.workdir / "p.xlsx", data_only=True)
    cover = {r[0]: r[1] for r in wb[labels.EXCEL["sheet_cover"]].iter_rows(values_only=True)}
    assert cover[labels.EXCEL["total"]] == plan["spent"]["total"]
    sheet = wb[labels.EXCEL["sheet_packages"]]
    total = next(r for r in sheet.iter_rows(values_only=True) if r[1] == labels.COLUMN["total"])
    assert total[3] == plan["spent"]["total"]
    assert total[6] == sum(p["price"] for p in plan["packages"]) > plan["spent"]["total"]
    assert plan["procurement_regimes"] == ["law-2023/decree-214-2025"]  # plan years from 2026
    assert plan["procurement_splitting"] == []
