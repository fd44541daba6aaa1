"""Nhu cầu explains why surveyed units are not "Có thể sử dụng": past lifetime since a year, broken,
or repair not needed. Centre 380's demo survey (01/06/2017) is worked by hand below.
"""

from __future__ import annotations

from app_support import DISTRICT, app_as

from planner import labels

A, C = labels.APP, labels.COLUMN


def test_district_sees_why_each_unusable_unit_is_left_out(app_db):
    at = app_as(DISTRICT, "needs")
    assert not at.exception
    assert A["needs_survey_date"].format(date="01/06/2017", version=1) in [
        c.value for c in at.caption
    ]
    table = next(d.value for d in at.dataframe if A["unusable_reason"] in d.value.columns)
    rows = {
        (r[C["item"]], r[C["year_acquired"]], r[C["quantity"]]): r[A["unusable_reason"]]
        for _, r in table.iterrows()
    }
    # the laptop put in use in 2005 has a 7-year lifetime: past it from 2013 on
    assert rows[("LAPTOP", "2005", 1)] == A["unusable_past_lifetime"].format(
        since=2013, acquired=2005, lifetime=7
    )
    assert rows[("PC-DESKTOP", "2016", 3)] == A["unusable_broken"]  # 3 broken desktops
    assert "None" not in table.to_string()
    # every surveyed unit of an item in the detail table is usable or listed here
    detail = next(d.value for d in at.dataframe if C["usable"] in d.value.columns)
    usable = dict(zip(detail[C["item"]], detail[C["usable"]], strict=True))
    explained: dict[str, int] = {}
    for (item, _, quantity), _reason in rows.items():
        explained[item] = explained.get(item, 0) + quantity
    assert usable["PC-DESKTOP"] + explained.get("PC-DESKTOP", 0) == 11 + 4 + 3
    assert usable["LAPTOP"] + explained["LAPTOP"] == 1
