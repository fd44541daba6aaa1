"""Words of the survey round: the stored round, its refusals, the status board and its workbook.

Read by :mod:`planner.store.rounds`, :mod:`planner.services.survey_round`,
:mod:`planner.excel.round_board` and the Tổng quan / Khảo sát hiện trạng pages. The English
twin is ``planner.labels.en.rounds`` (same keys, same placeholders).
"""

from __future__ import annotations

ROUNDS = {
    # --- the stored round and what refuses it (planner.store.rounds) ---------------------------
    "where": "Đợt khảo sát",
    "field_name": "Tên đợt",
    "field_opens_on": "Ngày mở đợt",
    "field_deadline": "Hạn nộp",
    "invalid": "Đợt khảo sát chưa hợp lệ, chưa lưu gì",
    "name_empty": "cần một tên đợt, không để trống",
    "name_long": "tên đợt dài tối đa {limit} ký tự",
    "date_needed": "cần một ngày",
    "date_range": "cần một ngày từ {low} đến {high}",
    "deadline_before": "hạn nộp không được trước ngày mở đợt ({opens})",
    "too_long": "một đợt khảo sát dài tối đa {limit} ngày (đợt này {days} ngày)",
    "restore_date": "cần một ngày dạng yyyy-mm-dd",
    "restore_date_column": "cột '{column}': cần một ngày dạng yyyy-mm-dd",
    # --- each centre's status against the round (planner.services.survey_round) -------------------------
    "status_submitted": "Đã nộp",
    "status_updated": "Cập nhật sau khi nộp",
    "status_not_started": "Chưa bắt đầu",
    "status_late": "Nộp muộn / quá hạn",
    "legend": (
        "Chỉ khảo sát lưu từ biểu mẫu hoặc tải lên trong đợt (từ ngày mở) mới được tính; dữ liệu "
        "minh họa không được tính. Nộp đúng hạn là lưu lần đầu trong đợt chậm nhất ngày hạn nộp "
        "(giờ Việt Nam). *Cập nhật sau khi nộp*: đơn vị đã lưu lại sau lần nộp đầu, số liệu của "
        "các phương án đã chạy có thể đã cũ."
    ),
    # --- the round shown on both pages ---------------------------------------------------------
    "heading": "Đợt khảo sát",
    "current": "**{name}** — mở từ {opens}, hạn nộp {deadline}: {left}",
    "days_left": "còn {n} ngày",
    "due_today": "hôm nay là hạn chót",
    "days_overdue": "quá hạn {n} ngày",
    "not_open": "chưa mở (còn {n} ngày nữa mới mở)",
    "no_round": ("Chưa có đợt khảo sát nào: chưa có hạn nộp, mọi đơn vị được coi là chưa bắt đầu."),
    "set_by": "Đặt bởi {by} lúc {at}.",
    # --- the planner's form (Tổng quan) --------------------------------------------------------
    "form_title": "Mở đợt khảo sát mới hoặc đổi hạn nộp",
    "form_help": (
        "Lưu một đợt mới thay cho đợt hiện tại (các đợt trước vẫn được giữ). Muốn gia hạn, "
        "giữ tên và ngày mở, đổi hạn nộp."
    ),
    "submit": "Lưu đợt khảo sát",
    "saved": "Đã lưu đợt khảo sát '{name}': hạn nộp {deadline}.",
    # --- the status board (Tổng quan) ----------------------------------------------------------
    "board": "Tình hình nộp khảo sát",
    "centres": "Số đơn vị",
    "filter_status": "Lọc theo trạng thái",
    "filter_area": "Địa bàn",
    "area_all": "Tất cả",
    "area_mountainous": "Miền núi",
    "area_lowland": "Không phải miền núi",
    "search": "Tìm theo mã hoặc tên đơn vị",
    "shown": "Đang hiện {shown}/{total} đơn vị.",
    "nothing_matches": "Không có đơn vị nào khớp bộ lọc.",
    "col_mountainous": "Miền núi",
    "col_status": "Trạng thái",
    "col_first": "Nộp lần đầu trong đợt",
    "col_last": "Lưu gần nhất",
    "col_version": "Phiên bản",
    "col_by": "Người lưu",
    "col_source": "Nguồn",
    "download": "Tải bảng tình hình nộp (Excel)",
    "file_name": "tinh-hinh-nop-khao-sat.xlsx",
    # --- the board's workbook (planner.excel.round_board) --------------------------------------
    "sheet": "Tình hình nộp",
    "title": "TÌNH HÌNH NỘP KHẢO SÁT HIỆN TRẠNG",
    "subtitle": "{name}: mở từ {opens}, hạn nộp {deadline} — lập ngày {today}",
    "subtitle_none": "Chưa có đợt khảo sát (chưa có hạn nộp) — lập ngày {today}",
    "subtitle_filtered": "Theo bộ lọc đang chọn: {shown}/{total} đơn vị",
    # --- what the centre's officer sees (Khảo sát hiện trạng) ----------------------------------
    "notice": "Đợt khảo sát **{name}**: hạn nộp {deadline} — {left}.",
    "notice_submitted": "Khảo sát của đơn vị cho đợt này đã nộp ngày {first}.",
    "notice_updated": (
        "Khảo sát của đơn vị cho đợt này đã nộp ngày {first} và được cập nhật ngày {last}."
    ),
    "notice_not_started": "Đơn vị chưa nộp khảo sát cho đợt này.",
    "notice_late": "Khảo sát của đơn vị cho đợt này nộp muộn, ngày {first}.",
    "notice_overdue": "Đã quá hạn mà đơn vị chưa nộp khảo sát cho đợt này.",
}
