"""``planner solve`` hands its funded lines to procurement: packages in the JSON and the workbook."""

from __future__ import annotations

import datetime as dt
import json
import re

from openpyxl import load_workbook

from planner import labels
from planner.procurement import Method

LAWFUL = {m.value for m in Method}


def _solve(cli, *extra):
    done = cli("solve", "--json", "plan.json", *extra)
    assert done.returncode == 0, done.stderr
    return json.loads((cli.workdir / "plan.json").read_text(encoding="utf-8"))


def test_the_2017_demo_at_25_bn_is_lawfully_packaged(cli):
    """The tool's own packaging is never flagged (it once gave G06 + G07 a split)."""
    assert cli("demo").returncode == 0
    plan = _solve(cli, "--budget", "25000000000", "--xlsx", "plan.xlsx")
    assert plan["procurement_splitting"] == []
    indices = sorted(i for package in plan["packages"] for i in package["lines"])
    assert indices == list(range(len(plan["lines"])))
    assert sum(p["value"] for p in plan["packages"]) == plan["spent"]["total"]
    assert plan["funding_basis"] == "recurrent"
    for package in plan["packages"]:
        assert package["method"] in LAWFUL
        assert package["field"] in {"goods", "works", "consulting", "non-consulting"}
        assert package["value"] == sum(plan["lines"][i]["cost"] for i in package["lines"])
        assert package["price"] == package["value"] + package["contingency"] + package["vat"]
        assert package["price"] > package["value"]
        # the regime is the one in force on the day selection starts
        start = dt.date.fromisoformat(package["start_date"])
        expected = (
            "law-2013/decree-63-2014"
            if start < dt.date(2024, 1, 1)
            else "law-2023/decree-24-2024"
            if start < dt.date(2025, 8, 4)
            else "law-2023/decree-214-2025"
        )
        assert package["regime"] == expected
    assert plan["procurement_regime"] in plan["procurement_regimes"]
    assert "ngày bắt đầu lựa chọn nhà thầu" in plan["procurement_regime_reason"]

    workbook = load_workbook(cli.workdir / "plan.xlsx")
    texts = [
        c.value
        for ws in workbook
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    ]
    assert not [t for t in texts if re.search(r"\{[a-z_]+\}", t)], (
        "a label template was written unformatted"
    )
    # the proposal's own words: column names as headers, statuses and reasons in Vietnamese
    detail = [c.value for row in workbook[labels.EXCEL["sheet_detail"]].iter_rows() for c in row]
    assert "Số lượng" in detail and labels.EXCEL["quantity"] not in detail
    unmet_ws = workbook[labels.EXCEL["sheet_unmet"]]
    unmet = [r[7] for r in unmet_ws.iter_rows(min_row=5, values_only=True) if r[7]]
    assert unmet and not {"budget", "dependency", "policy", "cap", "value"} & set(unmet)
    assert "Không đủ ngân sách" in unmet
    assumptions = {
        r[0]: r[1] for r in workbook[labels.EXCEL["sheet_assumptions"]].iter_rows(values_only=True)
    }
    assert assumptions["Trạng thái lời giải"] == "Tối ưu (đã chứng minh)"
    assert not [k for k in assumptions if str(k).startswith("scenario.")]
    assert "Tổng ngân sách (mọi nguồn, mọi năm)" in assumptions
    sheet = workbook[labels.EXCEL["sheet_packages"]]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(r for r in rows if r[0] == labels.KHLCNT_COLUMN["number"])
    for key in ("price", "contingency", "vat", "domestic", "selection_days", "optional_purchase"):
        assert labels.KHLCNT_COLUMN[key] in header
    names = {p["name"] for p in plan["packages"]}
    assert names <= {r[1] for r in rows}
    assert not any(str(v).startswith(labels.KHLCNT_META["splitting"]) for r in rows for v in r if v)
    # the totals are stored in the file: readable without recalculation
    values = load_workbook(cli.workdir / "plan.xlsx", data_only=True)
    cover = {r[0]: r[1] for r in values[labels.EXCEL["sheet_cover"]].iter_rows(values_only=True)}
    assert cover[labels.EXCEL["total"]] == plan["spent"]["total"]
    assert cover[labels.EXCEL["total_price"]] == sum(p["price"] for p in plan["packages"])
    stored = values[labels.EXCEL["sheet_packages"]]
    total = next(r for r in stored.iter_rows(values_only=True) if r[1] == labels.COLUMN["total"])
    assert total[3] == plan["spent"]["total"]
    assert total[6] == sum(p["price"] for p in plan["packages"])


def test_a_regime_and_a_funding_basis_can_be_chosen(cli):
    assert cli("demo").returncode == 0
    plan = _solve(
        cli,
        "--budget",
        "5000000000",
        "--regime",
        "law-2023/decree-214-2025",
        "--funding-basis",
        "project",
    )
    assert plan["procurement_regime"] == "law-2023/decree-214-2025"
    assert plan["procurement_regimes"] == ["law-2023/decree-214-2025"]
    assert plan["procurement_regime_chosen"] is True
    assert plan["funding_basis"] == "project"
    assert plan["procurement_splitting"] == []
    assert {p["regime"] for p in plan["packages"]} == {"law-2023/decree-214-2025"}
