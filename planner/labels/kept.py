"""Words of kept budget sweeps, package edits kept with their run, and a job found again.

Kept runs have their words in ``RUNS`` (planner.labels.app); these are what issue 14's
"refresh at any moment" adds beside them: the compare page's list of kept curves
(planner.store.sweeps), the procurement page's note that edits are kept with the run
(planner.procurement.edit_log), and a page that finds its user's running job after a reload
(planner.services.job_registry).
"""

from __future__ import annotations

SWEEPS = {
    "title": "Các đường cong ngân sách đã lưu",
    "caption": (
        "Mỗi đường cong ngân sách chạy xong được lưu lại; mỗi người dùng giữ {limit} đường cong "
        "gần nhất, đường cong cũ hơn tự xoá."
    ),
    "none": "Chưa có đường cong ngân sách nào được lưu.",
    "id": "Số",
    "name": "Phương án gốc",
    "by": "Người chạy",
    "at": "Thời điểm chạy",
    "points": "Số điểm",
    "label": "{name} (số {id} — {by}, chạy lúc {at}, {points} điểm)",
    "reopen": "Mở lại một đường cong ngân sách",
    "reopen_button": "Mở lại đường cong",
    "delete": "Xoá một đường cong ngân sách",
    "delete_button": "Xoá đường cong ngân sách",
    "delete_confirm": (
        "Tôi chắc chắn muốn xoá đường cong ngân sách này (mọi người dùng sẽ không xem lại được)"
    ),
    "deleted": "Đã xoá đường cong ngân sách số {id}.",
    "kept": "Đã lưu đường cong ngân sách vào cơ sở dữ liệu (số {id}).",
    "pruned": (
        "Mỗi người dùng giữ tối đa {limit} đường cong ngân sách: đã xoá {count} đường cong cũ nhất."
    ),
    "not_kept": (
        "Đường cong ngân sách vẫn hiển thị trong phiên này nhưng không lưu được: {reason}"
    ),
    "reopened": "Đường cong ngân sách số {id} của {by} lúc {at}, mở lại từ cơ sở dữ liệu.",
    "too_big": "Đường cong ngân sách '{name}' lớn {size} MiB, quá mức {limit} MiB được lưu",
    "not_found": "Không có đường cong ngân sách số {id} (có thể đã bị xoá)",
    "bad_points": "cần danh sách các điểm, mỗi điểm có 'budget'",
    "not_owner": (
        "{name} không được xoá đường cong ngân sách số {id} của {owner}: chỉ người đã chạy "
        "hoặc quản trị viên được xoá"
    ),
}

PACKAGE_EDITS = {
    "kept": "Các chỉnh sửa gói thầu được lưu cùng lần chạy số {id}; tải lại trang không mất.",
    "not_kept": "Chỉnh sửa đã áp dụng trong phiên này nhưng không lưu được cùng lần chạy: {reason}",
    "replayed": "Đã áp dụng lại {count} chỉnh sửa gói thầu đã lưu cùng lần chạy này.",
    "replay_stopped": (
        "Chỉnh sửa thứ {number} đã lưu không còn hợp lệ với danh mục hiện tại và bị bỏ qua cùng "
        "các chỉnh sửa sau nó: {reason}"
    ),
    "unknown_edit": "Không nhận ra chỉnh sửa gói thầu đã lưu: {kind}",
    "bad_log": "cần danh sách các chỉnh sửa gói thầu, mỗi chỉnh sửa có 'kind'",
    "not_owner": (
        "{name} không được lưu chỉnh sửa gói thầu vào lần chạy số {id} của {owner}: chỉ người đã "
        "chạy hoặc quản trị viên được lưu; chỉnh sửa chỉ có trong phiên này"
    ),
}

REATTACHED = {
    "solve": "Lần giải phương án '{name}' bắt đầu trước khi tải lại trang vẫn đang chạy.",
    "sweep": "Đường cong ngân sách của '{name}' bắt đầu trước khi tải lại trang vẫn đang chạy.",
    "solves": "Các phương án ({name}) bắt đầu trước khi tải lại trang vẫn đang chạy.",
}
