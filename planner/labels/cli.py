"""Words of the command line's own frame (the error prefix, the global options)."""

from __future__ import annotations

CLI = {
    "description": (
        "Lập kế hoạch trang bị, phần mềm, mạng và cải tạo cho các Trung tâm Hành chính công."
    ),
    "command": "LỆNH",
    "error": "Lỗi: {message}",
    "lang": (
        "ngôn ngữ của thông báo: vi (tiếng Việt) hoặc en (tiếng Anh); mặc định: biến môi trường "
        "PLANNER_LANG, nếu không có thì vi"
    ),
}
