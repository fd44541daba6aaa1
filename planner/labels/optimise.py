"""Optimiser words: CLI messages, solver status, methods, reasons for unmet needs, violations."""

from __future__ import annotations

OPTIMISE = {
    "years_sorted": "danh sách năm phải tăng dần và không trùng lặp",
    "scenario_missing": "Không tìm thấy tệp phương án {path}",
    "scenario_yaml": "Tệp {name} không phải YAML hợp lệ: {error}",
    "scenario_not_mapping": "Tệp {name} phải là một bảng khóa: giá trị (ví dụ 'budget: 20000000000')",
    "scenario_invalid": "Phương án '{name}' không hợp lệ",
    "instance_invalid": "Tệp dữ liệu mô hình {name} không hợp lệ: {error}",
    "plan_invalid": "Tệp phương án {name} không hợp lệ: {error}",
    "must_buy_no_line": "đơn vị không có nhu cầu với thiết bị này (không có dòng để mua bắt buộc)",
    "must_buy_over": "vượt số còn thiếu của dòng ({gap})",
    "not_finite": "hệ số giá trị không phải số hữu hạn (ô trống?)",
    "not_diminishing": "giá trị phần sau của nhu cầu phải từ 0 đến giá trị phần đầu (giá trị giảm dần)",
    "year_outside": "năm không thuộc kỳ kế hoạch {years}",
    "unknown_source": "nguồn vốn không có; chọn một trong {sources}",
    "cbc_missing": "Không tìm thấy bộ giải CBC (chương trình 'cbc'); cài gói coinor-cbc hoặc dùng --solver highs",
    "solver_unknown": "Bộ giải '{solver}' không hỗ trợ; chọn một trong: {known}",
    "solver_failed": "Bộ giải không tìm được phương án (trạng thái: {status})",
    "infeasible": "Không có phương án thỏa mãn mọi ràng buộc. Các quy định mâu thuẫn: {rules}. "
    "Thiếu {shortfall}. Chi tiết: {details}",
    "no_detail": "không xác định được quy định cần nới",
    "need_budget": "Cần --budget hoặc --scenario",
    "budgets_format": "--budgets cần dạng BẮT_ĐẦU:KẾT_THÚC:SỐ_ĐIỂM (đồng), ví dụ 5000000000:60000000000:25",
    "sweep_point": "Điểm {k}/{n}: ngân sách {budget} → mức đáp ứng nhu cầu {score} ({status})",
    "solved": "Trạng thái: {status} — {method}, sai số tối ưu {gap}; mức đáp ứng nhu cầu {score} "
    "(giá trị mục tiêu {objective}); đã chi {spent} / {budget}; "
    "{lines} dòng được cấp vốn; {opened}/{centres} đơn vị đủ điều kiện vận hành; "
    "phân bổ lần lượt theo thứ tự ưu tiên (cách làm bảng tính) đạt {greedy}",
    "no_budget": "không giới hạn",
    "evaluate_unknown_line": "dòng {centre}/{item} không có trong dữ liệu mô hình",
}

OPTIMISE_STATUS = {
    "optimal": "tối ưu (đã chứng minh)",
    "feasible": "khả thi",
    "time_limit": "dừng do hết thời gian (chưa chứng minh tối ưu)",
    "infeasible": "không khả thi",
    "error": "lỗi bộ giải",
}

# The objective on the scale a planner reads (planner.optimise.plan.need_met_json)
NEED_MET = {
    "name": "Mức đáp ứng nhu cầu",
    "points": "{value} điểm/100",
    "per_billion": "+{value} điểm/100 mỗi tỷ đồng",
    "greedy": "Phân bổ lần lượt theo thứ tự ưu tiên (cách làm bảng tính)",
    "marginal": "Thêm 1 tỷ đồng",
    "explain": "Thang 100 điểm: 100 = mọi nhu cầu mà phương án được phép cấp vốn đều được đáp ứng, "
    "0 = chưa đáp ứng gì. Mỗi đơn vị thiết bị được tính theo trọng số của đơn vị (miền núi, số "
    "hồ sơ), cộng điểm thưởng khi đơn vị đủ điều kiện vận hành, giảm dần khi vượt mức tối thiểu, "
    "ưu tiên năm sớm hơn, và trừ phần thiếu so với sàn công bằng nếu có. Đây chính là giá trị "
    "mục tiêu mà bộ giải tối đa hoá, đổi sang thang 100.",
}

OPTIMISE_METHOD = {
    "milp": "giải toàn bộ mô hình (MILP)",
    "decomposition": "phân rã theo đơn vị, định giá ngân sách (Lagrange)",
}

OPTIMISE_REASON = {
    "policy": "loại trừ theo chính sách của phương án",
    "dependency": "thiết bị đi kèm (điều kiện phụ thuộc hoặc cổng mạng) chưa được cấp vốn",
    "cap": "vượt trần kinh phí của nhóm",
    "budget": "không đủ ngân sách",
    "value": "giá trị trên mỗi đồng thấp hơn các dòng đã chọn",
}

OPTIMISE_UNMET_NOTE = {
    "bought_with": "phải mua cùng nhau (các dòng phụ thuộc lẫn nhau): {items}",
}

OPTIMISE_RELAXED = {
    "budget": "{rule} ({limit}) thiếu {excess}",
    "cap": "{rule} ({limit}) phải vượt {excess}",
    "floor": "{rule} ({limit}) thiếu {excess}",
    "must_buy": "{rule} không mua đủ được (thiếu {excess})",
    "fairness": "{rule} ({limit}) thiếu {excess}",
}

# The rules of the model in words (planner.optimise.explain.rule_words): the infeasibility
# message names these, the JSON keeps the rule names (budget_total, floor_renovation…)
OPTIMISE_RULE = {
    "budget_total": "ngân sách tổng",
    "budget_year": "ngân sách năm {year}",
    "budget_source": "hạn mức của {source}",
    "budget_source_year": "hạn mức của {source} năm {year}",
    "cap": "trần kinh phí hạng mục {category}",
    "floor": "mức sàn hạng mục {category}",
    "must_buy": "mua bắt buộc {quantity} {item} cho {centre}",
    "fairness": "mức tối thiểu cho {centre}",
    "fairness_floor": "mức tối thiểu mỗi đơn vị ({share} kinh phí còn thiếu)",
}

# funding source codes of the catalogs' policy (catalogs/policy.yaml), as the rules name them
FUNDING_SOURCE = {
    "province": "ngân sách tỉnh",
    "local": "ngân sách cấp huyện/xã",
    "other": "nguồn khác (chương trình, dự án)",
}

VIOLATION = {
    "unknown_line": "dòng {centre}/{item} không có trong dữ liệu mô hình",
    "bad_quantity": "dòng {centre}/{item}: số lượng {quantity} phải là số nguyên dương",
    "bad_year": "dòng {centre}/{item}: năm {year} không thuộc kỳ kế hoạch",
    "excluded": "dòng {centre}/{item}: thiết bị bị loại trừ trong phương án",
    "over_need": "dòng {centre}/{item}: mua {quantity} vượt số còn thiếu {limit}",
    "over_repair": "dòng {centre}/{item}: sửa {quantity} vượt số có thể sửa {limit}",
    "budget": "ngân sách {rule}: chi {used} vượt {limit}",
    "cap": "trần nhóm {category}: chi {used} vượt {limit}",
    "floor": "mức sàn nhóm {category}: chi {used} chưa đạt {limit}",
    "dependency": "đơn vị {centre}: {item} cần {requires} ({kind})",
    "ports": "đơn vị {centre}: thiếu {missing} cổng chuyển mạch",
    "must_buy": "dòng bắt buộc {centre}/{item}: cấp {quantity} < {limit}",
    "fairness": "đơn vị {centre}: chi {used} dưới mức tối thiểu {limit}",
}


# --- Web app (streamlit_app.py, app_pages/, planner/services/overview.py, planner/services/survey_form.py) ---
