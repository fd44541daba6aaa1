"""Who approves the KHLCNT, by regime (date) and funding basis, on the KHLCNT sheet and the cover.

Expected values are written by hand from the laws: under Law 22/2023 the owner (chủ đầu tư)
approves its own plan (Art. 78; Art. 77 leaves the competent person only the case with no
owner yet), for a project and a purchase estimate alike; under Law 43/2013 the owner submits
and the competent person approves (Art. 37, Art. 73) — the Provincial People's Committee in
the organisations catalog.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from procurement_support import BN, CENTRES, M, line, plan_of

from planner.excel.proposal import build_proposal_workbook
from planner.excel.proposal_data import ProposalData
from planner.organisations import Naming, Role
from planner.procurement import REGIME_2013, REGIME_2023, plan_meta, write_khlcnt_sheet
from planner.procurement.approval import approving_body

OWNER_2025 = "Sở Khoa học và Công nghệ tỉnh Thanh Hóa"
PEOPLES_COMMITTEE = "Ủy ban nhân dân tỉnh Thanh Hóa"


@pytest.mark.parametrize("basis", ["recurrent", "project"])
def test_under_the_2023_law_the_owner_approves(small_catalog, rules, basis):
    plan = plan_of(
        [line("T-GOODS", 300 * M, year=2026)], small_catalog, rules, owner=OWNER_2025, basis=basis
    )
    assert plan.regime.id == REGIME_2023  # chosen by the date (2026), not by hand
    body = approving_body(plan)
    assert body is not None and body.approver == "owner" and body.name == OWNER_2025
    assert "Điều 78 Luật Đấu thầu số 22/2023/QH15" in body.citation
    assert body.text.startswith(f"{OWNER_2025} (chủ đầu tư; Điều 78")


@pytest.mark.parametrize(
    ("basis", "confidence"), [("project", "tham khảo"), ("recurrent", "chưa xác nhận")]
)
def test_under_the_2013_law_the_competent_person_approves(small_catalog, rules, basis, confidence):
    plan = plan_of(
        [line("T-GOODS", 300 * M, year=2023)], small_catalog, rules, owner="Sở X", basis=basis
    )
    assert plan.regime.id == REGIME_2013  # 2023 is before 01/01/2024
    body = approving_body(plan)
    assert body is not None and body.approver == "authority"
    assert body.name == PEOPLES_COMMITTEE  # not the owner
    assert "Điều 37, Điều 73 Luật Đấu thầu số 43/2013/QH13" in body.citation
    assert body.text.endswith(f"độ tin cậy: {confidence})")


def test_the_competent_persons_name_follows_the_date(small_catalog, rules):
    early = plan_of([line("T-GOODS", 300 * M, year=2022)], small_catalog, rules, basis="project")
    late = plan_of([line("T-GOODS", 300 * M, year=2023)], small_catalog, rules, basis="project")
    renamed_on = late.packages[0].start_date  # a new name from the day the late plan starts
    renamed = [
        Naming(role=Role.APPROVER, valid_from=day, name=name, source="t", confidence="indicative")
        for day, name in ((dt.date(2014, 1, 1), "Cũ"), (renamed_on, "Mới"))
    ]
    assert early.packages[0].start_date < renamed_on
    assert approving_body(early, renamed).name == "Cũ"
    assert approving_body(late, renamed).name == "Mới"


def _proposal(plan, small_catalog) -> openpyxl.Workbook:
    data = ProposalData(
        scenario="Thử",
        lines=plan.lines,
        unmet=(),
        sources=(("province", "Ngân sách tỉnh"), ("local", "Ngân sách cấp huyện/xã")),
        status="optimal",
    )
    meta = plan_meta(plan, "Kế hoạch thử")
    wb = build_proposal_workbook(
        data,
        CENTRES,
        small_catalog,
        today=dt.date(2026, 1, 5),
        packages=lambda ws: write_khlcnt_sheet(ws, plan.packages, meta),
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    return openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))


@pytest.mark.parametrize(
    ("year", "name", "article"),
    [(2026, OWNER_2025, "Điều 78"), (2023, PEOPLES_COMMITTEE, "Điều 37, Điều 73")],
)
def test_the_approver_is_on_the_cover_and_the_khlcnt_sheet(
    small_catalog, rules, year, name, article
):
    plan = plan_of([line("T-GOODS", 2 * BN, year=year)], small_catalog, rules, owner=OWNER_2025)
    wb = _proposal(plan, small_catalog)
    cover = {r[0]: r[1] for r in wb["Trang bìa"].iter_rows(values_only=True) if r[0]}
    approver = cover["Người phê duyệt kế hoạch lựa chọn nhà thầu"]
    assert approver.startswith(name) and article in approver
    khlcnt = [str(r[0]) for r in wb["KHLCNT"].iter_rows(max_row=12, values_only=True) if r[0]]
    assert f"Người phê duyệt kế hoạch lựa chọn nhà thầu: {approver}" in khlcnt
