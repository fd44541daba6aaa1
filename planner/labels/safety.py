"""Words of the guards against hostile or careless input (uploads, backups, logins, the CLI)."""

from __future__ import annotations

SAFETY = {
    # imports as districts fill them
    "merged_rows": "Đã cộng dồn các dòng trùng (cùng mã, tình trạng, năm):",
    "merged_row": "  - {item} ({condition}, năm {year}): dòng {rows} → {quantity}",
    "no_year": "không ghi",
    # uploads
    "inflated_too_big": (
        "dung lượng thực khi giải nén vượt {limit} byte (nghi ngờ bom nén); tệp mẫu khảo sát "
        "thật chỉ vài trăm KB"
    ),
    "part_too_big": "thành phần {part} khi giải nén vượt {limit} byte",
    "part_unreadable": "không giải nén được thành phần {part}",
    # logins
    "login_failed": (
        "Đăng nhập không thành công: sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đang bị "
        "khóa hay tạm khóa do nhập sai nhiều lần. Hãy thử lại sau ít phút hoặc liên hệ quản trị "
        "viên."
    ),
    # the command line
    "invalid_data": "Dữ liệu không hợp lệ, không có gì được lưu",
    "bad_number": "{option}: '{value}' không phải là số",
    "database_error": (
        "Lỗi cơ sở dữ liệu, không có gì được lưu ({kind}): {detail}. Hãy kiểm tra --db, quyền "
        "truy cập và dung lượng đĩa rồi thử lại."
    ),
    "database_locked": (
        "Cơ sở dữ liệu đang bị khóa hoặc không truy cập được, không có gì được lưu: {detail}"
    ),
    "database_conflict": (
        "Dữ liệu không hợp lệ với cơ sở dữ liệu (trùng khóa hoặc thiếu dữ liệu liên quan), "
        "không có gì được lưu: {detail}"
    ),
    # YAML
    "yaml_too_big": "tệp {name} lớn {size} byte, tối đa {limit} byte",
    "yaml_aliases": "tệp {name} dùng quá {limit} tham chiếu YAML (alias '*'), nghi ngờ bom YAML",
    "yaml_expanded": (
        "tệp {name} khi mở rộng các tham chiếu YAML vượt {limit} phần tử (nghi ngờ bom YAML)"
    ),
    "yaml_recursive": "tệp {name} có tham chiếu YAML vòng tròn (một phần tử chứa chính nó)",
    "yaml_deep": "tệp {name} lồng nhau quá {limit} cấp",
    # restore
    "restore_deep": "dữ liệu lồng nhau quá {limit} cấp",
    "restore_too_big": "tệp {size} MiB, lớn hơn giới hạn {limit} MiB của một tệp sao lưu",
    "restore_missing_centre": "khảo sát của đơn vị '{centre}' không có trong bảng centres",
    "restore_duplicate": "trùng {what} '{key}' (dòng {first})",
    "restore_unknown_role": "vai trò '{role}' không hợp lệ: cần planner, district hoặc admin",
    # demo
    "demo_needs_admin": (
        "Cơ sở dữ liệu đã có tài khoản: 'planner demo' cần --as NAME của một quản trị viên, mật "
        "khẩu trong biến môi trường PLANNER_PASSWORD"
    ),
}
