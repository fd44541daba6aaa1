"""English words of the domain limits' refusals (see ``planner.labels.limits``)."""

from __future__ import annotations

LIMIT = {
    "message": "{label} must be {kind} {low} {high}{unit}",
    "integer": "a whole number",
    "number": "a number",
    "from": "from {value}",
    "above": "greater than {value}",
    "below": "and less than {value}",
    "at_most": "and not above {value}",
    "to": "to {value}",
}

LIMIT_NAME = {
    "Diện tích sàn khu một cửa": "The floor area of the one-stop desk",
    "Diện tích cần cải tạo": "The area to renovate",
    "Số quầy": "The number of counters",
    "Số cán bộ": "The number of staff",
    "Số hồ sơ mỗi năm": "The dossiers per year",
    "Thời gian xử lý một hồ sơ": "The handling time of one dossier",
    "Số lượng": "The quantity",
    "Số thủ tục hành chính": "The number of administrative procedures",
    "Số dòng khảo sát": "The number of survey rows",
    "Đơn giá": "The unit price",
    "Thời gian sử dụng": "The service life",
    "Số cổng mạng": "The number of network ports",
    "Số lượng định mức": "The norm quantity",
    "Hệ số N của định mức": "The norm's N",
    "Tỷ lệ phụ thuộc": "The dependency ratio",
    "Ngân sách": "The budget",
    "Hệ số giá": "The price factor",
    "Trọng số": "The weight",
    "Trọng số đơn vị": "The centre weight",
    "Mức phạt công bằng": "The fairness penalty",
    "Số cổng mỗi thiết bị chuyển mạch": "The ports per switch",
    "Số năm kế hoạch": "The number of plan years",
    "Sai số tối ưu (gap)": "The optimality gap",
    "Giới hạn thời gian giải": "The solver time limit",
    "Số tiến trình giải song song": "The number of parallel solver processes",
    "Số điểm của đường cong ngân sách": "The number of points of the budget curve",
    "Tỷ lệ người dân chờ dưới mức mục tiêu": "The share of citizens waiting less than the target",
    "Thời gian chờ mục tiêu": "The target waiting time",
    "Ngưỡng gộp lĩnh vực": "The pooling threshold",
    "Tải của một lĩnh vực": "The load of one field",
}

LIMIT_UNIT = {
    "m²": "m²",
    "quầy": "counters",
    "người": "people",
    "hồ sơ": "dossiers",
    "phút": "minutes",
    "thủ tục": "procedures",
    "dòng": "rows",
    "đồng": "VND",
    "năm": "years",
    "cổng": "ports",
    "giây": "seconds",
    "điểm": "points",
    "Erlang": "Erlang",
}
