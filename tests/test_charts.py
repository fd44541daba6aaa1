"""The app's charts: centres named by place, numbers written the Vietnamese way."""

from __future__ import annotations

from app_pages.charts import coverage_chart, localised, short_name
from planner import labels


def _rows(n: int) -> list[dict]:
    return [
        {"centre": str(380 + k), "name": f"Trung tâm Hành chính công huyện {k}", "coverage": 0.5}
        for k in range(n)
    ]


def test_a_centre_is_named_by_its_place():
    assert short_name("Trung tâm Hành chính công huyện Quan Hóa") == "huyện Quan Hóa"
    assert short_name("Trung tâm Phục vụ hành chính công phường Hạc Thành") == "phường Hạc Thành"
    assert short_name("Thư viện tỉnh") == "Thư viện tỉnh"


def test_a_province_lists_its_centres_down_the_chart_with_their_names():
    spec = coverage_chart(_rows(28)).to_dict()
    assert spec["encoding"]["y"]["field"] == "label" and spec["height"] == 28 * 18
    labels_drawn = [r["label"] for r in spec["datasets"][next(iter(spec["datasets"]))]]
    assert labels_drawn[0] == "380 — huyện 0"
    assert spec["encoding"]["x"]["scale"]["domain"] == [0, 100]


def test_166_communes_stand_side_by_side_named_on_hover():
    spec = coverage_chart(_rows(167)).to_dict()
    assert spec["encoding"]["x"]["field"] == "centre"
    assert "name" in [t["field"] for t in spec["encoding"]["tooltip"]]


def test_runs_compared_are_grouped_per_centre():
    rows = [{**r, "series": s} for s in ("A", "B") for r in _rows(3)]
    spec = coverage_chart(rows, series=labels.CHART["run"]).to_dict()
    assert spec["encoding"]["yOffset"]["field"] == "series" and spec["height"] == 6 * 18


def test_numbers_are_written_with_a_decimal_comma_in_vietnamese_only():
    chart = coverage_chart(_rows(2))
    assert localised(chart).to_dict()["config"]["locale"]["number"]["decimal"] == ","
    with labels.language("en"):
        assert "locale" not in localised(chart).to_dict().get("config", {})
