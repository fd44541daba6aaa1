"""Words shared by every front end, and how numbers, money and dates are written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

from planner.labels.switch import english_now

LOCALE = "vi_VN"

ILLUSTRATIVE = "dữ liệu minh họa, không phải số liệu khảo sát thực tế"

CHOOSE = "Chọn…"  # placeholder of a multiple choice (Streamlit shows English otherwise)

EMPTY_CELL = "–"  # an empty table cell (Streamlit writes "None" otherwise): app_pages/cells.py


UNIT = {
    "billions": "{value} tỷ ₫",  # a headline amount in tỷ đồng (the exact one beside it)
    "billions_column": "{name} (tỷ đồng)",  # a table column of amounts typed in tỷ đồng
    "dong_column": "{name} (đồng)",  # a table column of amounts typed in đồng
}

WIDGET = {  # Streamlit's own words, replaced on screen (app_pages/widget_words.py)
    "upload_button": "Chọn tệp",
    "upload_limit": "Tối đa {mb} MB mỗi tệp",
    "stop": "Dừng",
    "no_options": "Không có lựa chọn",
}

CHART = {  # axis and hover titles of the app's charts (app_pages/charts.py)
    "amount_bn": "Số tiền (tỷ đồng)",
    "amount": "Số tiền",
    "budget_bn": "Ngân sách (tỷ đồng)",
    "budget": "Ngân sách",
    "coverage_pct": "Mức độ đáp ứng nhu cầu của đơn vị (%)",
    "need_met": "Mức đáp ứng nhu cầu (điểm/100)",
    "run": "Phương án",
}

CATEGORY = {
    "equipment": "Thiết bị",
    "software": "Phần mềm",
    "network": "Hạ tầng mạng",
    "renovation": "Cải tạo, sửa chữa",
}

LEVEL = {"province": "Cấp tỉnh", "district": "Cấp huyện", "commune": "Cấp xã"}

CONDITION = {"good": "Tốt", "repairable": "Cần sửa chữa", "broken": "Hỏng"}

PROCUREMENT_FIELD = {
    "goods": "Hàng hóa",
    "works": "Xây lắp",
    "consulting": "Tư vấn",
    "non_consulting": "Phi tư vấn",
}

BASIS = {
    "per_centre": "mỗi trung tâm",
    "per_counter": "mỗi quầy giao dịch",
    "per_staff": "mỗi cán bộ",
    "per_m2": "mỗi m² sàn",
    "per_n_counters": "mỗi N quầy",
    "per_n_staff": "mỗi N cán bộ",
    "per_renovation_m2": "mỗi m² cần cải tạo",
}

# where a problem is (planner.errors.Problem): "Khảo sát, dòng 12, cột 'Số lượng': giá trị 'x'"
PROBLEM = {"row": "dòng {row}", "column": "cột '{column}'", "value": ": giá trị '{value}'"}

ROLE = {"planner": "cán bộ kế hoạch", "district": "cán bộ đơn vị", "admin": "quản trị"}

# What a role may do (planner.auth.Action), and the refusal when it may not.
ACTION = {
    "write_survey": "lưu khảo sát",
    "read_survey": "xem khảo sát",
    "write_catalog": "sửa danh mục, định mức, chính sách",
    "write_scenario": "lưu phương án ngân sách",
    "run_scenario": "chạy phương án ngân sách",
    "manage_users": "quản lý người dùng",
    "load_data": "nạp hoặc khôi phục dữ liệu",
    "backup": "sao lưu toàn bộ dữ liệu",
    "set_survey_round": "mở đợt khảo sát và đặt hạn nộp",
}
PERMISSION = {
    "denied": "Người dùng '{name}' ({role}) không có quyền {action}",
    "of_centre": " của đơn vị {centre}",
}

# Reading the database (planner.services.workspace)
DATA = {
    "no_centre": "Không có đơn vị mã '{code}'",
    "empty_database": (
        "Cơ sở dữ liệu chưa có dữ liệu: hãy chạy 'planner demo --dataset thanh-hoa-2017' trước"
    ),
}

SOURCE = {"form": "Biểu mẫu", "upload": "Tải lên", "demo": "Minh họa"}

# who saved something, when it was not a person: the accounts the demo data is loaded as
AUTHOR = {"system": "hệ thống (dữ liệu mẫu)", "demo": "hệ thống (dữ liệu mẫu)"}


def author(name: str | None) -> str:
    """A user name as shown: the demo loader's accounts in words, a person's name as is."""
    from planner import labels

    if not name:
        return labels.EMPTY_CELL
    return labels.AUTHOR.get(name, name)


CONFIDENCE = {"confirmed": "Đã xác nhận", "indicative": "Tham khảo", "unconfirmed": "Chưa xác nhận"}

PAGE = {
    "login": "Đăng nhập",
    "logout": "Đăng xuất",
    "overview": "Tổng quan",
    "survey": "Khảo sát hiện trạng",
    "needs": "Nhu cầu",
    "scenario": "Phương án ngân sách",
    "compare": "So sánh phương án",
    "procurement": "Kế hoạch mua sắm",
    "catalog": "Danh mục",
    "users": "Người dùng",
}

COLUMN = {
    "centre": "Mã đơn vị",
    "centre_name": "Tên đơn vị",
    "level": "Cấp",
    "mountainous": "Miền núi",
    "item": "Mã thiết bị",
    "item_name": "Tên thiết bị",
    "unit": "Đơn vị tính",
    "category": "Nhóm",
    "quantity": "Số lượng",
    "condition": "Tình trạng",
    "year_acquired": "Năm đưa vào sử dụng",
    "required": "Định mức",
    "usable": "Có thể sử dụng",
    "repair": "Cần sửa chữa",
    "need": "Còn thiếu",
    "unit_price": "Đơn giá",
    "cost": "Thành tiền",
    "repair_cost": "Chi phí sửa chữa",
    "total_cost": "Kinh phí",
    "go_live": "Đủ điều kiện vận hành",
    "go_live_missing": "Còn thiếu để vận hành",
    "floor_area_m2": "Diện tích sàn (m²)",
    "renovation_area_m2": "Diện tích cần cải tạo (m²)",
    "counters": "Số quầy giao dịch",
    "staff": "Số cán bộ, công chức",
    "yearly_dossiers": "Số hồ sơ / năm",
    "total": "Tổng cộng",
}

_PYDANTIC = {
    "missing": "thiếu giá trị bắt buộc",
    "int_type": "cần một số nguyên",
    "int_parsing": "cần một số nguyên",
    "int_from_float": "cần một số nguyên (không có phần thập phân)",
    "float_type": "cần một số",
    "float_parsing": "cần một số",
    "bool_parsing": "cần 0 hoặc 1",
    "bool_type": "cần 0 hoặc 1",
    "date_from_datetime_parsing": "cần ngày dạng YYYY-MM-DD",
    "date_parsing": "cần ngày dạng YYYY-MM-DD",
    "date_type": "cần ngày dạng YYYY-MM-DD",
    "string_type": "cần văn bản",
    "string_too_short": "không được để trống",
    "string_too_long": "quá dài",
    "string_pattern_mismatch": "chỉ được dùng chữ không dấu, số, '-', '_' hoặc '.'",
    "enum": "không thuộc các giá trị cho phép",
    "extra_forbidden": "cột/trường không được phép",
    "greater_than_equal": "cần một số không nhỏ hơn {ge}",
    "greater_than": "cần một số lớn hơn {gt}",
    "less_than_equal": "cần một số không lớn hơn {le}",
    "enum_of": "cần một trong các giá trị: {expected}",
    "invalid": "giá trị không hợp lệ",
}


def validation_message(err: Mapping[str, Any]) -> str:
    """A sentence (in the session's language) for one pydantic error (as from ``errors()``)."""
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind in ("greater_than_equal", "greater_than", "less_than_equal"):
        return _PYDANTIC[kind].format(**ctx)
    if kind == "enum":
        return _PYDANTIC["enum_of"].format(expected=ctx.get("expected", ""))
    if kind == "value_error":
        return str(ctx.get("error", err.get("msg", "")))
    return _PYDANTIC.get(kind, err.get("msg", _PYDANTIC["invalid"]))


def babel_locale() -> str:
    """babel's locale for numbers in the session's language (for code outside this package)."""
    return _locale()


def _locale() -> str:
    """babel's locale for the session's language: ``vi_VN``, or ``en`` when English is chosen."""
    return "en" if english_now() else LOCALE


def money(amount: int | float) -> str:
    """``1234567`` → ``'1.234.567 ₫'`` (in English ``'1,234,567 ₫'``)."""
    return f"{format_decimal(round(amount), locale=_locale())} ₫"


def number(value: int | float, digits: int = 0) -> str:
    """Thousands with dots, decimals with a comma: ``1234.5`` → ``'1.234,5'`` (English ``1,234.5``)."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_locale())


def date(value: dt.date | dt.datetime) -> str:
    """``dd/mm/yyyy`` (with ``HH:MM`` for a datetime); in English ``2 Dec 2026`` (``14:05``)."""
    if _locale() != LOCALE:
        day = format_date(value, "d MMM y", locale="en")
        return f"{day} {value:%H:%M}" if isinstance(value, dt.datetime) else day
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


# --- Excel workbooks (planner/excel/) ------------------------------------------------


def billions(amount: int | float, digits: int = 2) -> str:
    """``73822415000`` → ``'73,82 tỷ ₫'``: a headline amount that fits a narrow column."""
    from planner import labels

    return labels.UNIT["billions"].format(value=number(amount / 1e9, digits))


def points(score: float | None, digits: int = 1) -> str:
    """A need-met score (planner.optimise.plan.need_met_json): ``'62,4 điểm/100'``."""
    from planner import labels

    if score is None:
        return "–"  # no such figure
    return labels.NEED_MET["points"].format(value=number(score, digits))


def points_per_billion(score: float | None, digits: int = 2) -> str:
    """What one more billion adds to the score: ``'+1,23 điểm/100 mỗi tỷ đồng'``."""
    from planner import labels

    if score is None:
        return "–"  # no such figure
    return labels.NEED_MET["per_billion"].format(value=number(score, digits))
