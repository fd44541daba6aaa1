"""Words of a long run a page watches: its step, how long it has run, the stop button.

A solve or a budget sweep runs in the background (planner.services.run_job); the page redraws these
every half second. Seconds are written with labels.number (``1.234`` in Vietnamese).
"""

from __future__ import annotations

JOBS = {
    "starting": "Đang bắt đầu…",
    "running": "Đang giải… bước: {step} — đã chạy {seconds} giây",
    "stopping": "Đang dừng… — đã chạy {seconds} giây",
    "stop": "Dừng",
    "stop_help": "Dừng lần chạy này; kết quả gần nhất vẫn được giữ nguyên",
    "stopped": "Lần chạy đã dừng theo yêu cầu; không có kết quả mới",
    "stopped_run": "Đã dừng lần chạy sau {seconds} giây; lần chạy này không có kết quả và "
    "không được lưu.",
    "previous_run_kept": "Kết quả gần nhất vẫn được giữ bên dưới.",
    "previous_curve_kept": "Đường ngân sách gần nhất vẫn được giữ bên dưới.",
    "finished_in": "Xong sau {seconds} giây.",
    # the stages of a solve (planner.optimise.optimiser.STAGES)
    "stage_decomposition": "Đang giải theo từng đơn vị (phân rã theo giá ngân sách)…",
    "stage_whole_model": "Đang giải toàn bộ mô hình (HiGHS)…",
    "stage_one_unit": "Đang kiểm tra thêm, bớt, đổi từng đơn vị thiết bị…",
    "stage_explain": "Đang tìm quy định cần nới (không có phương án khả thi)…",
    "stage_marginals": "Đang tính giá trị của thêm 1 tỷ đồng…",
    # a budget sweep: the point being solved
    "sweep_point": "điểm {k}/{n}: ngân sách {budget}",
}
