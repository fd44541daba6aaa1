"""Words of the command line's own frame (the error prefix, the global options)."""

from __future__ import annotations

CLI = {
    "description": (
        "Lập kế hoạch trang bị, phần mềm, mạng và cải tạo cho các Trung tâm Hành chính công."
    ),
    "command": "LỆNH",
    "error": "Lỗi: {message}",
    "name": "TÊN",
    "db_help": "SQLAlchemy URL (mặc định: PLANNER_DATABASE_URL, hoặc sqlite:///planner.sqlite3)",
    # planner demo, planner needs
    "demo_help": "nạp đơn vị, danh mục và khảo sát minh họa (chạy lại không nhân đôi)",
    "if_empty_help": "chỉ nạp khi cơ sở dữ liệu chưa có dữ liệu",
    "as_help": (
        "quản trị viên thực hiện (mật khẩu trong PLANNER_PASSWORD); cần khi đã có quản trị viên"
    ),
    "dataset_present": "Cơ sở dữ liệu đã có bộ dữ liệu '{dataset}', không nạp thêm.",
    "demo_loaded": "Bộ dữ liệu {dataset}: thêm {centres} đơn vị, {surveys} khảo sát ({illustrative}).",
    "needs_help": "phân tích nhu cầu của mọi đơn vị",
    "json_help": "ghi kết quả JSON",
    "xlsx_help": "ghi bảng tính Excel",
    "counters_help": (
        "số quầy dùng cho định mức theo quầy: theo khảo sát (surveyed) hay tính từ số hồ sơ (sized)"
    ),
    "wait_minutes_help": "thời gian chờ mục tiêu (phút)",
    "wait_share_help": "tỷ lệ người dân chờ dưới mức mục tiêu",
    "pool_below_help": "gộp các lĩnh vực có tải dưới mức này (Erlang)",
    "needs_done": "{centres} đơn vị, tổng kinh phí còn thiếu {cost}",
    "lang": (
        "ngôn ngữ của thông báo: vi (tiếng Việt) hoặc en (tiếng Anh); mặc định: biến môi trường "
        "PLANNER_LANG, nếu không có thì vi"
    ),
}
