"""A survey diff shows procedure changes too (counter sizing reads them)."""

from __future__ import annotations

import datetime as dt

from planner.models import Premises, Procedure, Survey
from planner.services.surveys import diff

LAND = Procedure(
    field="land", name="Cấp giấy chứng nhận", yearly_dossiers=1200, handling_minutes=25
)
CIVIL = Procedure(
    field="civil_status", name="Đăng ký khai sinh", yearly_dossiers=800, handling_minutes=10
)


def survey(*procedures: Procedure) -> Survey:
    return Survey(
        centre="392", as_of=dt.date(2017, 6, 1), premises=Premises(), procedures=procedures
    )


def test_only_procedures_changed_is_not_an_empty_diff():
    busier = LAND.model_copy(update={"yearly_dossiers": 1500})
    change = diff(survey(LAND, CIVIL), survey(busier))
    assert not change.empty
    assert change.procedures == {
        ("civil_status", "Đăng ký khai sinh"): (CIVIL, None),
        ("land", "Cấp giấy chứng nhận"): (LAND, busier),
    }
    as_dict = change.as_dict()["procedures"]
    assert [p["name"] for p in as_dict] == ["Đăng ký khai sinh", "Cấp giấy chứng nhận"]
    assert as_dict[1]["after"]["yearly_dossiers"] == 1500


def test_identical_procedures_make_no_difference():
    assert diff(survey(LAND), survey(LAND)).empty
