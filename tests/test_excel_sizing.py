"""The needs workbook's "Số quầy" sheet, read back with openpyxl (no LibreOffice needed here).

A centre whose survey lists a single procedure is sized by hand: 8,000 land dossiers a year at
10 minutes each, 250 days × 8 hours and a busy-hour factor 1.5 give λ = 8000/250/8·1.5 = 6 per
hour, s = 10 min, offered load a = λ·s/60 = 1 Erlang. One counter is unstable (a ≥ c), so try
c = 2: Erlang B B(2, 1) = (1/2)/(1 + 1 + 1/2) = 0.2, Erlang C = c·B/(c − a(1 − B)) = 0.4/1.2 = 1/3;
P(W > 15) = 1/3·exp(−(2/10 − 6/60)·15) = e^−1.5/3 ≈ 0.0744, so 92.56 % wait under 15 minutes
(≥ 80 %): 2 counters, utilisation a/c = 0.5, mean wait E[W] = C/(cμ − λ) = (1/3)/0.1 = 3.33 min.
"""

from __future__ import annotations

import datetime as dt
import math

import openpyxl
import pytest

from planner.auth import SYSTEM
from planner.excel.counters_sheet import CENTRE_KEYS, FIELD_KEYS
from planner.excel.needs_export import write_needs_workbook
from planner.labels import COLUMN, COUNTER_SOURCE, EXCEL, SIZING
from planner.models import Procedure, SurveySource
from planner.needs import analyse
from planner.needs.counters import CounterSource, SizingOptions
from planner.needs.queueing import ServiceTarget
from planner.services.surveys import save_survey
from planner.services.workspace import load_workspace

CENTRE = "380"
TODAY = dt.date(2025, 9, 1)
LAND = Procedure(
    field="land", name="Cấp giấy chứng nhận", yearly_dossiers=8000, handling_minutes=10
)


@pytest.fixture
def sized_engine(demo_engine):
    """The demo, with centre 380's survey listing only the hand-sized land procedure."""
    version, survey = load_workspace(demo_engine).surveys[CENTRE]
    save_survey(
        demo_engine,
        SYSTEM,
        survey.model_copy(update={"procedures": (LAND,)}),
        base_version=version,
        source=SurveySource.FORM,
    )
    return demo_engine


def table(ws, header: int, keys) -> list[dict]:
    """Rows under ``header`` until a blank first column (the total row has none either)."""
    out = []
    for r in range(header + 1, ws.max_row + 1):
        if ws.cell(r, 1).value is None:
            break
        out.append({k: ws.cell(r, c).value for c, k in enumerate(keys, start=1)})
    return out


def read_sheet(path):
    ws = openpyxl.load_workbook(path)[EXCEL["sheet_counters"]]
    assumptions = {
        ws.cell(r, 3).value: ws.cell(r, 4).value for r in range(1, 20) if ws.cell(r, 3).value
    }
    centres_header = next(
        r for r in range(1, ws.max_row + 1) if ws.cell(r, 4).value == SIZING["surveyed"]
    )
    fields_header = next(
        r for r in range(1, ws.max_row + 1) if ws.cell(r, 4).value == SIZING["field"]
    )
    return (
        ws,
        assumptions,
        table(ws, centres_header, CENTRE_KEYS),
        table(ws, fields_header, FIELD_KEYS),
        centres_header,
    )


def test_sheet_shows_target_hours_both_counts_and_the_hand_sized_centre(sized_engine, tmp_path):
    workspace = load_workspace(sized_engine)
    report = workspace.needs(CounterSource.SIZED)
    path = write_needs_workbook(
        report, tmp_path / "nhu-cau.xlsx", catalog=workspace.catalog, today=TODAY
    )
    ws, assumptions, centres, fields, centres_header = read_sheet(path)
    assert assumptions[SIZING["wait_minutes"]] == 15 and assumptions[SIZING["wait_share"]] == 0.8
    assert assumptions[SIZING["hours_per_day"]] == 8 and assumptions[SIZING["days_per_year"]] == 250
    assert assumptions[SIZING["peak_factor"]] == 1.5
    assert assumptions[SIZING["source_used"]] == COUNTER_SOURCE["sized"]
    assert [c.value for c in ws[centres_header]][: len(CENTRE_KEYS)] == [
        EXCEL["no"],
        COLUMN["centre"],
        COLUMN["centre_name"],
        SIZING["surveyed"],
        SIZING["sized"],
        SIZING["difference"],
        SIZING["used"],
        SIZING["pooled"],
    ]

    assert [c["centre"] for c in centres] == [c.code for c in workspace.centres]
    mine = next(c for c in centres if c["centre"] == CENTRE)
    surveyed = workspace.surveys[CENTRE][1].premises.counters
    assert (mine["surveyed"], mine["sized"], mine["difference"], mine["used"]) == (
        surveyed,
        2,
        2 - surveyed,
        2,
    )

    rows = [f for f in fields if f["centre"] == CENTRE]
    assert len(rows) == 1
    land = rows[0]
    assert land["field"] == "Đất đai" and land["yearly_dossiers"] == 8000 and land["counters"] == 2
    assert land["arrivals"] == pytest.approx(6.0) and land["service_minutes"] == pytest.approx(10.0)
    assert land["utilisation"] == pytest.approx(0.5)
    assert land["expected_wait"] == pytest.approx(10 / 3)
    assert land["within_target"] == pytest.approx(1 - math.exp(-1.5) / 3)
    # every centre's field counters add up to its sized count (at least one counter per centre)
    for centre in centres:
        total = sum(f["counters"] for f in fields if f["centre"] == centre["centre"])
        assert max(1, total) == centre["sized"], centre["centre"]


def test_surveyed_source_uses_the_surveyed_count_and_a_stricter_target_shows_in_the_sheet(
    sized_engine, tmp_path
):
    workspace = load_workspace(sized_engine)
    options = SizingOptions(target=ServiceTarget(wait_minutes=5, share=0.95))
    report = workspace.needs(CounterSource.SURVEYED, options)
    path = write_needs_workbook(report, tmp_path / "n.xlsx", catalog=workspace.catalog, today=TODAY)
    _, assumptions, centres, fields, _ = read_sheet(path)
    assert assumptions[SIZING["wait_minutes"]] == 5 and assumptions[SIZING["wait_share"]] == 0.95
    assert assumptions[SIZING["source_used"]] == COUNTER_SOURCE["surveyed"]
    assert all(c["used"] == c["surveyed"] for c in centres)
    # c = 2 leaves only 1 − e^−0.5/3 ≈ 79.8 % within 5 minutes; c = 3 is needed for 95 %
    mine = next(c for c in centres if c["centre"] == CENTRE)
    assert mine["sized"] == 3
    assert all(f["within_target"] >= 0.95 for f in fields)


def test_no_counter_sheet_without_sizing(demo_engine, tmp_path):
    workspace = load_workspace(demo_engine)
    report = analyse(workspace.centres, workspace.surveys, workspace.catalog)
    path = write_needs_workbook(report, tmp_path / "n.xlsx", catalog=workspace.catalog, today=TODAY)
    assert EXCEL["sheet_counters"] not in openpyxl.load_workbook(path).sheetnames


def test_cli_needs_xlsx_with_sized_counters_writes_the_sheet(cli, tmp_path):
    assert cli("demo", "--dataset", "thanh-hoa-2017").returncode == 0
    out = tmp_path / "nhu-cau.xlsx"
    done = cli(
        "needs",
        "--xlsx",
        str(out),
        "--counters",
        "sized",
        "--wait-minutes",
        "10",
        "--pool-below",
        "0.5",
    )
    assert done.returncode == 0, done.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [EXCEL["sheet_summary"], EXCEL["sheet_detail"], EXCEL["sheet_counters"]]
    _, assumptions, centres, fields, _ = read_sheet(out)
    assert assumptions[SIZING["wait_minutes"]] == 10
    assert len(centres) == 28 and all(c["used"] == c["sized"] for c in centres)
    pooled = [c["centre"] for c in centres if c["pooled"] == EXCEL["yes"]]
    assert pooled
    for code in pooled:  # a pooled centre shows its shared pool as one row
        pool = SIZING["pool_label"]
        assert sum(f["field"].startswith(pool) for f in fields if f["centre"] == code) == 1
