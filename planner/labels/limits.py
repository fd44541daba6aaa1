"""Words of the domain limits' refusals (planner.limits): "<what> phải là một số từ … đến …".

``LIMIT_NAME`` and ``LIMIT_UNIT`` are keyed by the Vietnamese name and unit each
:class:`planner.limits.Limit` is declared with (as in a gettext catalogue, the source text is
the key), so that the limits stay one readable line each; a test checks that every limit's name
and unit is here.
"""

from __future__ import annotations

LIMIT = {
    "message": "{label} phải là {kind} {low} {high}{unit}",
    "integer": "một số nguyên",
    "number": "một số",
    "from": "từ {value}",
    "above": "lớn hơn {value}",
    "below": "và nhỏ hơn {value}",
    "at_most": "và không quá {value}",
    "to": "đến {value}",
}

_NAMES = (
    "Diện tích sàn khu một cửa",
    "Diện tích cần cải tạo",
    "Số quầy",
    "Số cán bộ",
    "Số hồ sơ mỗi năm",
    "Thời gian xử lý một hồ sơ",
    "Số lượng",
    "Số thủ tục hành chính",
    "Số dòng khảo sát",
    "Đơn giá",
    "Thời gian sử dụng",
    "Số cổng mạng",
    "Số lượng định mức",
    "Hệ số N của định mức",
    "Tỷ lệ phụ thuộc",
    "Ngân sách",
    "Hệ số giá",
    "Trọng số",
    "Trọng số đơn vị",
    "Mức phạt công bằng",
    "Số cổng mỗi thiết bị chuyển mạch",
    "Số năm kế hoạch",
    "Sai số tối ưu (gap)",
    "Giới hạn thời gian giải",
    "Số tiến trình giải song song",
    "Số điểm của đường cong ngân sách",
    "Tỷ lệ người dân chờ dưới mức mục tiêu",
    "Thời gian chờ mục tiêu",
    "Ngưỡng gộp lĩnh vực",
    "Tải của một lĩnh vực",
)
LIMIT_NAME = {name: name for name in _NAMES}

_UNITS = ("m²", "quầy", "người", "hồ sơ", "phút", "thủ tục", "dòng", "đồng", "năm", "cổng")
LIMIT_UNIT = {unit: unit for unit in (*_UNITS, "giây", "điểm", "Erlang")}
