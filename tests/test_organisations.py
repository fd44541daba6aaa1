"""Owner, approving body and the centre's parent follow the dataset's date.

Expected names are written here: Sở Thông tin và Truyền thông for 2017, Sở Khoa học và Công
nghệ after the 2025 merger, and the 2025 provincial centre under the Provincial People's
Committee Office (Thanh Hoá Decision 58/2025/QĐ-UBND).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from planner.errors import BadInput
from planner.organisations import load_namings, organisations_for, organisations_on

OLD_OWNER = "Sở Thông tin và Truyền thông tỉnh Thanh Hóa"
NEW_OWNER = "Sở Khoa học và Công nghệ tỉnh Thanh Hóa"


def test_the_2017_dataset_names_the_department_of_information_and_communications():
    names = organisations_for("thanh-hoa-2017")
    assert names.owner_name == OLD_OWNER
    assert names.approver_name == "Ủy ban nhân dân tỉnh Thanh Hóa"
    assert names.centre_parent is None  # not asserted for 2017: no checked source


def test_the_2025_dataset_names_the_department_of_science_and_technology():
    names = organisations_for("thanh-hoa-2025")
    assert names.owner_name == NEW_OWNER
    assert "Thông tin và Truyền thông" not in names.owner_name
    assert names.centre_parent is not None
    assert names.centre_parent.name == "Văn phòng Ủy ban nhân dân tỉnh Thanh Hóa"
    assert "58/2025/QĐ-UBND" in names.centre_parent.source


@pytest.mark.parametrize(
    ("day", "owner"),
    [(dt.date(2025, 2, 28), OLD_OWNER), (dt.date(2025, 3, 1), NEW_OWNER)],
)
def test_the_owner_changes_on_the_merger_date(day, owner):
    assert organisations_on(day).owner_name == owner


def test_every_name_has_a_source_and_a_confidence():
    for row in load_namings():
        assert row.source.strip() and row.confidence, row


def test_an_unknown_dataset_is_refused():
    with pytest.raises(BadInput, match="thanh-hoa-2017"):
        organisations_for("hanoi-1990")


def test_a_2025_plan_names_the_department_of_science_and_technology(cli):
    assert cli("demo", "--dataset", "thanh-hoa-2025").returncode == 0
    done = cli("solve", "--budget", "3000000000", "--json", "plan.json")
    assert done.returncode == 0, done.stderr
    plan = json.loads((cli.workdir / "plan.json").read_text(encoding="utf-8"))
    owners = {package["owner"] for package in plan["packages"]}
    assert owners == {NEW_OWNER}
