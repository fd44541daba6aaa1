"""The model's rules in words (planner.optimise.explain.rule_words): the infeasibility message
names what a planner set (budgets, caps, floors, required lines), never the JSON's rule codes."""

from __future__ import annotations

import re

from optimise_builders import centre, instance, line

from planner import labels
from planner.models import Category
from planner.optimise.explain import explain_infeasible, rule_words
from planner.optimise.instance import CentreData, MustBuyData
from planner.optimise.solve import SolveOptions

CODE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")  # budget_total, floor_renovation, must_A_W…


def test_every_kind_of_rule_has_its_words():
    named = CentreData(**{**centre("380").model_dump(), "name": "Trung tâm HCC thành phố"})
    inst = instance(
        [line("380", "PC", 3, 10, 1)],
        centres=[named],
        years=[2018, 2019],
        sources=["province", "local"],
        budget=100,
        budget_by_year={2019: 50},
        budget_by_source={"local": 40},
        budget_by_source_year={"province": {2018: 30}},
        category_caps={Category.NETWORK: 10},
        category_floors={Category.RENOVATION: 10},
        fairness_floor=0.25,
        must_buy=[MustBuyData(centre="380", item="PC", quantity=2)],
    )
    assert rule_words(inst, "budget_total") == "ngân sách tổng"
    assert rule_words(inst, "budget_y2019") == "ngân sách năm 2019"
    assert rule_words(inst, "budget_local") == "hạn mức của ngân sách cấp huyện/xã"
    assert rule_words(inst, "budget_province_y2018") == "hạn mức của ngân sách tỉnh năm 2018"
    assert rule_words(inst, "cap_network") == "trần kinh phí hạng mục hạ tầng mạng"
    assert rule_words(inst, "floor_renovation") == "mức sàn hạng mục cải tạo, sửa chữa"
    assert rule_words(inst, "fair_380") == "mức tối thiểu cho Trung tâm HCC thành phố"
    assert rule_words(inst, "must_380_PC") == "mua bắt buộc 2 PC cho Trung tâm HCC thành phố"
    assert rule_words(inst, "fairness_floor_0.25") == (
        "mức tối thiểu mỗi đơn vị (25,0 % kinh phí còn thiếu)"
    )
    with labels.language(labels.ENGLISH):
        assert rule_words(inst, "budget_total") == "the total budget"


def test_infeasible_message_names_the_rules_in_words_and_keeps_the_codes_in_json():
    """Must buy 3 × 10 đ on a 20 đ budget: 10 đ short; the message in words, the JSON in codes."""
    inst = instance(
        [line("A", "W", 3, 10, 1)],
        budget=20,
        must_buy=[MustBuyData(centre="A", item="W", quantity=3)],
    )
    info = explain_infeasible(inst, SolveOptions())
    assert {"budget_total", "must_A_W"} <= set(info["conflicting_rules"])
    assert info["shortfall"] == 10
    message = info["message"]
    assert "ngân sách tổng" in message and "mua bắt buộc 3 W cho A" in message
    assert "Thiếu 10 ₫" in message
    assert not CODE.findall(message), CODE.findall(message)
