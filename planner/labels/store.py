"""Words of the accounts, backup and restore, catalog checks and demo loader's messages.

``ACCOUNT``, ``BACKUP``, ``RESTORE``, ``CATALOG_CHECK``, ``DEMO`` and ``STORE`` (survey versions,
saved scenarios) are what a user reads
(refusals, command-line output) and follow the session's language. ``RECORDED`` holds the words
written into the database itself (the audit log's details and login refusal reasons, the
default catalog's note that later loads look for, the demo surveys' author, the official names
and notes of the 2025 communes' centres): stored rows must
not depend on the language of whoever caused them, so it never switches
(``planner.labels.FIXED_TABLES``).
"""

from __future__ import annotations

ACCOUNT = {
    "password_invalid": "Mật khẩu không hợp lệ",
    "password": "mật khẩu",
    "password_short": "cần ít nhất {length} ký tự",
    "account": "tài khoản",
    "name": "tên",
    "name_chars": "chỉ gồm chữ không dấu, số, '.', '_', '-' (tối đa 80)",
    "name_taken": "tên này đã có người dùng",
    "centre_needed": "tài khoản cấp đơn vị cần mã đơn vị của mình",
    "centre_only_district": "chỉ tài khoản cấp đơn vị mới gắn với một đơn vị",
    "centre_unknown": "không có đơn vị mang mã này",
    "not_created": "Không tạo được tài khoản '{name}'",
    "bad_role": "Vai trò '{role}' không hợp lệ: cần planner, district hoặc admin",
    "no_user": "Không có người dùng '{name}'",
    "last_admin": "Không thể khóa '{name}': đây là tài khoản quản trị cuối cùng còn dùng được",
}

BACKUP = {
    "unreadable": "Không đọc được tệp sao lưu '{path}': {reason}",
    "not_backup": 'Tệp \'{path}\' không phải tệp sao lưu của hcc-planner (thiếu "format": "{format}")',
    "wrong_version": "Tệp sao lưu phiên bản {found}, cần phiên bản {needed}",
    "invalid": "Tệp sao lưu không hợp lệ, không khôi phục gì",
    "unknown_column": "cột không có trong bảng: '{column}'",
    "column_datetime": "cột '{column}': cần ngày giờ ISO-8601",
    "list": "cần một danh sách",
    "object": "cần một đối tượng JSON",
    "wrong_type": "sai kiểu",
    "not_empty": (
        "Chỉ khôi phục vào cơ sở dữ liệu trống: bảng '{table}' đã có dữ liệu "
        "(lịch sử khảo sát không được ghi đè)"
    ),
}

RESTORE = {
    "required": "không được để trống",
    "boolean": "cần true hoặc false",
    "integer": "cần một số nguyên",
    "integer_big": "số nguyên quá lớn",
    "string": "cần một chuỗi ký tự",
    "too_long": "dài quá {length} ký tự",
    "datetime": "cần ngày giờ ISO-8601",
    "meta_key": "khóa",
    "scenario": "phương án",
    "outcome": "cần ok, denied hoặc rejected",
    "centre_code": "mã đơn vị",
    "centre_differs": "mã hoặc cấp đơn vị khác với nội dung 'data'",
    "version_from_1": "cần một số nguyên từ 1",
    "survey_version": "phiên bản khảo sát",
    "source": "cần form, upload hoặc demo",
    "survey_centre_differs": "mã đơn vị của khảo sát khác cột centre_code",
    "original_sha": "tệp gốc không khớp mã SHA-256 đã lưu",
    "account": "tài khoản",
    "name_chars": "chỉ gồm chữ không dấu, số, '.', '_', '-'",
    "centre_needed": "tài khoản cấp đơn vị cần một đơn vị có trong tệp",
    "centre_only_district": "chỉ tài khoản cấp đơn vị mới gắn với một đơn vị",
    "negative": "không được âm",
}

CATALOG_CHECK = {
    "unknown_item": "mã thiết bị không có trong items.csv",
    "period_unknown_item": "Bảng giá theo thời kỳ tham chiếu mã thiết bị không tồn tại",
    "above_cap": "{code}: không vượt mức tối đa {cap} đồng ({source})",
    "above_cap_period": "Đơn giá vượt mức tối đa của thời kỳ {date}",
    "fee_base": "{code}: hạng mục làm cơ sở phải là mã có đơn giá cố định trong items.csv",
    "fee_invalid": "Chi phí tư vấn tính theo tỷ lệ tham chiếu hạng mục không hợp lệ",
    "file_invalid": "Tệp {name} không hợp lệ",
    "unknown_reference": "Danh mục tham chiếu mã thiết bị không tồn tại",
    "missing_files": "Thiếu tệp danh mục: {files} trong {directory}",
}

DEMO = {
    "other_dataset": (
        "Cơ sở dữ liệu đang chứa bộ dữ liệu '{present}'; "
        "hãy dùng một cơ sở dữ liệu khác (--db) cho '{dataset}'"
    ),
    "account_line": "  {name:<12} mật khẩu {password:<14} {role}",
    "of_centre": " (đơn vị {centre})",
    "accounts_help": "Tạo các tài khoản minh họa và in ra màn hình.",
    "app_address": "Ứng dụng: http://localhost:{port}",
    "accounts": "Tài khoản minh họa (chỉ dùng với dữ liệu minh họa):",
}

# Survey versions and saved scenarios (planner.store.surveys, planner.store.scenarios)
STORE = {
    "no_survey_yet": "Đơn vị {centre} chưa có khảo sát nào, không có phiên bản {version}",
    "stale": (
        "Khảo sát của đơn vị {centre} đã có phiên bản {current} do {user} lưu lúc {saved_at}, "
        "mới hơn phiên bản {base} bạn đang sửa. Hãy tải lại, đối chiếu và lưu lại."
    ),
    "no_version": "Đơn vị {centre} không có phiên bản khảo sát {version}",
    "version_beyond_limits": (
        "Phiên bản {version} của khảo sát đơn vị {centre} có số liệu vượt giới hạn hiện nay"
    ),
    "version_where": "khảo sát {centre} phiên bản {version}",
    "no_scenario": "Không có phương án ngân sách tên '{name}'",
}

RECORDED = {
    "login_disabled": "tài khoản đã bị khóa bởi quản trị viên",
    "login_locked_until": "tài khoản tạm khóa do nhập sai nhiều lần, đến {until} (UTC)",
    "login_retry": "vừa nhập sai; hãy thử lại sau {seconds} giây",
    "login_unknown": "không có tài khoản này",
    "login_no_password": "tài khoản chưa có mật khẩu; hãy nhờ quản trị viên đặt lại",
    "login_wrong_password": "sai mật khẩu",
    "login_locked_for": "; tài khoản tạm khóa {minutes} phút",
    "default_catalog_note": "Danh mục mặc định (catalogs/)",
    "demo_surveyed_by": "Dữ liệu minh họa",
    "demo_loaded": "{centres} đơn vị, {surveys} khảo sát",
    # the 2025 communes' centres as the demo loader stores them (planner.centres): their official
    # names, and where their mountainous flag and headquarters come from
    "centre_ward": "Trung tâm Phục vụ hành chính công phường",
    "centre_commune": "Trung tâm Phục vụ hành chính công xã",
    "centre_special_zone": "Trung tâm Phục vụ hành chính công đặc khu",
    "centre_prefix_2025": "Trung tâm Phục vụ hành chính công ",
    "centre_prefix_2017": "Trung tâm Hành chính công ",
    "mountainous": "miền núi",
    "not_mountainous": "không thuộc miền núi",
    "mountainous_derived": (
        "Suy ra từ huyện cũ: {place} (mã {code}, {kind}) theo "
        "thanh-hoa-2025-former-district.csv; chưa đối chiếu danh sách xã miền núi của tỉnh"
    ),
    "former_district": "Thuộc địa bàn {place} cũ",
}
