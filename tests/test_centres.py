"""The two datasets: 28 centres in 2017, 167 today, read from data and vietnam-provinces."""

from __future__ import annotations

import pytest

from planner.centres import load_centres
from planner.errors import BadInput
from planner.models import Confidence, Level


def test_2017_has_the_provincial_centre_and_27_districts():
    centres = load_centres("thanh-hoa-2017")
    assert len(centres) == 28
    province, *districts = centres
    assert province.level == Level.PROVINCE and "Thư viện tỉnh" in province.headquarters_note
    assert [d.level for d in districts] == [Level.DISTRICT] * 27
    assert {d.code for d in districts} == {str(c) for c in range(380, 408)} - {"383"}
    assert sum(d.mountainous for d in districts) == 11
    assert all(d.parent == "38" for d in districts)


def test_2025_has_166_communes_from_the_package_76_mountainous():
    centres = load_centres("thanh-hoa-2025")
    assert len(centres) == 167
    communes = centres[1:]
    assert all(c.level == Level.COMMUNE for c in communes)
    assert len({c.code for c in centres}) == 167
    assert sum(c.mountainous for c in communes) == 76  # the province's published figure
    assert sum(c.type == "phuong" for c in communes) == 19


def test_2025_mountainous_flags_say_they_come_from_the_former_district():
    centres = load_centres("thanh-hoa-2025")
    districts = {d.code: d for d in load_centres("thanh-hoa-2017")[1:]}
    for commune in centres[1:]:
        assert commune.mountainous_confidence == Confidence.INDICATIVE, commune.code
        assert commune.mountainous_source.startswith("Suy ra từ huyện cũ"), commune.code
        code = commune.mountainous_source.split("(mã ", 1)[1].split(",", 1)[0]
        assert districts[code].mountainous == commune.mountainous, commune.code


def test_unknown_dataset_is_refused():
    with pytest.raises(BadInput, match="thanh-hoa-2017"):
        load_centres("hanoi-1990")
