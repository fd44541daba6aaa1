"""``planner solve`` hands its funded lines to procurement: packages in the JSON and the workbook."""

from __future__ import annotations

import json
import re

from openpyxl import load_workbook

from planner import labels

LAWFUL = {"direct", "direct_shortened", "shopping", "shopping_shortened", "open", "limited", "self"}


def test_solve_json_has_lawful_packages_covering_every_line_once(cli):
    assert cli("demo").returncode == 0
    done = cli("solve", "--budget", "12000000000", "--json", "plan.json", "--xlsx", "plan.xlsx")
    assert done.returncode == 0, done.stderr
    plan = json.loads((cli.workdir / "plan.json").read_text(encoding="utf-8"))
    assert plan["procurement_regime"] == "law-2013/decree-63-2014"  # the 2017 dataset's regime
    indices = sorted(i for package in plan["packages"] for i in package["lines"])
    assert indices == list(range(len(plan["lines"])))
    assert sum(p["value"] for p in plan["packages"]) == plan["spent"]["total"]
    for package in plan["packages"]:
        assert package["method"] in LAWFUL
        assert package["field"] in {"goods", "works", "consulting", "non-consulting"}
        assert package["value"] == sum(plan["lines"][i]["cost"] for i in package["lines"])

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
    assert labels.EXCEL["year"] in texts  # the detail sheet's year column header
    sheet = workbook["KHLCNT"]
    labels_in_sheet = [row[1].value for row in sheet.iter_rows() if row[1].value is not None]
    names = {p["name"] for p in plan["packages"]}
    assert names <= set(labels_in_sheet)
    assert any(
        labels.COLUMN["total"] in str(cell.value) for row in sheet.iter_rows() for cell in row
    )


def test_the_current_regime_can_be_chosen(cli):
    assert cli("demo").returncode == 0
    done = cli(
        "solve",
        "--budget",
        "5000000000",
        "--json",
        "plan.json",
        "--regime",
        "law-2023/decree-214-2025",
    )
    assert done.returncode == 0, done.stderr
    plan = json.loads((cli.workdir / "plan.json").read_text(encoding="utf-8"))
    assert plan["procurement_regime"] == "law-2023/decree-214-2025"
