"""Words of the data checks: catalog and centre files, the domain models, the queueing maths.

``DATA_FILE`` is what a refused CSV or YAML table says (``planner.csvdata``, the procedure table,
the centre and organisation lists); ``MODEL_CHECK`` the sentences of the domain models' own checks
(``planner.models``: pydantic puts them in a problem's "expected"); ``QUEUE`` the refusals of the
Erlang formulas (``planner.needs.queueing``), which the sizing only reaches with checked figures but
a caller of the library may not. All follow the session's language, read when raised.
"""

from __future__ import annotations

DATA_FILE = {
    "missing_columns": "Tệp {file} thiếu cột bắt buộc",
    "missing_column": "cột bắt buộc bị thiếu",
    "extra_cells": "thừa ô so với dòng tiêu đề",
    "duplicate": "trùng mã với dòng {row}",
    "refused": "Tệp {file} có {count} lỗi, không nạp dòng nào",
    "unknown_dataset": "Bộ dữ liệu '{dataset}' không có; chọn một trong: {known}",
    "no_former_district": "Không xác định được huyện cũ của đơn vị {code} ({name})",
    "field_code": "cần một mã lĩnh vực: {known}",
    "level_shares": "tổng tỷ lệ hồ sơ các dòng cấp '{level}' (dòng {first}–{last}) phải bằng 1",
    "dossiers_integer": "số hồ sơ/năm phải là số nguyên",
    "dossiers_negative": "số hồ sơ/năm không được âm",
    "no_level_rows": "bảng thủ tục không có dòng nào cho cấp '{level}'",
    "level_shares_zero": "tổng tỷ lệ hồ sơ cấp '{level}' bằng 0",
}

MODEL_CHECK = {
    "price_above_cap": "đơn giá {price} đồng vượt mức tối đa {cap} đồng",
    "fee_pair": "tỷ lệ chi phí (fee_rate) và hạng mục làm cơ sở (fee_base) phải đi cùng nhau",
    "role_not_consulting": "chỉ hạng mục lĩnh vực tư vấn mới có vai trò tư vấn (consulting_role)",
    "n_only_per_n": "chỉ định mức 'theo N quầy/N cán bộ' mới có cột n khác 1",
    "renovation_above_floor": "diện tích cần cải tạo không được lớn hơn diện tích sàn",
    "year_after_survey": (
        "thiết bị {item}: năm đưa vào sử dụng {year} sau năm khảo sát {survey_year}"
    ),
    "funding_sum": "phần chia nguồn vốn ({funding}) khác thành tiền ({cost})",
    "shares_add_up": "tỷ lệ hỗ trợ nhóm {category} phải không âm và cộng lại bằng 1",
    "unknown_sources": "tỷ lệ hỗ trợ nêu nguồn vốn không có: {sources}",
    "missing_share": "thiếu tỷ lệ hỗ trợ cho nhóm {category} (miền núi={mountainous})",
}

QUEUE = {
    "servers_negative": "số quầy không được âm",
    "load_negative": "tải (Erlang) phải là số không âm",
    "service_rate": "tốc độ phục vụ phải lớn hơn 0",
    "arrival_and_wait_negative": "tốc độ đến và thời gian chờ không được âm",
    "arrival_negative": "tốc độ đến không được âm",
    "minimum_negative": "số quầy tối thiểu không được âm",
    "arrivals_per_hour": "số hồ sơ đến mỗi giờ phải là số không âm",
    "handling_minutes": "thời gian xử lý một hồ sơ phải lớn hơn 0",
}
