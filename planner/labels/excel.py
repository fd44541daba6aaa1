"""Workbook words (needs, proposal, survey template, counters sheet)."""

from __future__ import annotations

EXCEL = {
    # sheet names (≤ 31 characters, no : \ / ? * [ ])
    "sheet_instructions": "Hướng dẫn",
    "sheet_survey": "Khảo sát",
    "sheet_premises": "Mặt bằng",
    "sheet_meta": "_meta",
    "sheet_cover": "Trang bìa",
    "sheet_summary": "Tổng hợp",
    "sheet_detail": "Chi tiết",
    "sheet_unmet": "Chưa đáp ứng",
    "sheet_assumptions": "Giả định",
    "sheet_packages": "KHLCNT",
    # titles
    "survey_title": "PHIẾU KHẢO SÁT HIỆN TRẠNG TRANG THIẾT BỊ, PHẦN MỀM, HẠ TẦNG MẠNG",
    "premises_title": "MẶT BẰNG VÀ QUY MÔ HOẠT ĐỘNG",
    "needs_title": "NHU CẦU TRANG THIẾT BỊ, PHẦN MỀM, HẠ TẦNG MẠNG VÀ CẢI TẠO",
    "needs_detail_title": "CHI TIẾT NHU CẦU THEO ĐƠN VỊ VÀ THIẾT BỊ",
    "proposal_title": "ĐỀ XUẤT PHƯƠNG ÁN ĐẦU TƯ TRANG THIẾT BỊ CHO CÁC TRUNG TÂM HÀNH CHÍNH CÔNG",
    "proposal_detail_title": "CHI TIẾT CÁC HẠNG MỤC ĐƯỢC BỐ TRÍ KINH PHÍ",
    "summary_by_category": "TỔNG HỢP KINH PHÍ THEO ĐƠN VỊ VÀ NHÓM",
    "summary_by_source": "TỔNG HỢP KINH PHÍ THEO NGUỒN VỐN",
    "unmet_title": "NHU CẦU CHƯA ĐÁP ỨNG",
    "assumptions_title": "GIẢ ĐỊNH VÀ THÔNG SỐ TÍNH TOÁN",
    "packages_pending": "Kế hoạch lựa chọn nhà thầu sẽ được lập khi có phân chia gói thầu.",
    "centre_line": "Đơn vị: {name} (mã {code})",
    "made_on": "Lập ngày {date}",
    "unit_vnd": "Đơn vị tính: đồng",
    # columns not in COLUMN
    "no": "STT",
    "note": "Ghi chú",
    "item_label": "Nội dung",
    "value": "Giá trị",
    "year": "Năm",
    "field": "Lĩnh vực",
    "funding_source": "Nguồn vốn",
    "reason": "Lý do",
    "repair_unit_cost": "Đơn giá sửa chữa",
    "repair_flag": "Sửa chữa",
    "yes": "Có",
    "no_": "Không",
    # cover
    "scenario": "Phương án",
    "date": "Ngày lập",
    "total": "Tổng kinh phí",
    "total_words": "Bằng chữ",
    "total_price": "Tổng giá các gói thầu (gồm dự phòng, thuế GTGT)",
    "approver": "Người phê duyệt kế hoạch lựa chọn nhà thầu",
    "centres_funded": "Số đơn vị được bố trí kinh phí",
    "catalog_version": "Phiên bản danh mục",
    "solver_status": "Trạng thái lời giải",
    "solver": "Bộ giải",
    "method": "Phương pháp giải",
    "dataset": "Bộ dữ liệu",
    "gap": "Khoảng cách đến cận trên đã chứng minh (sai số tối ưu)",
    "objective": "Giá trị mục tiêu (trước khi đổi sang thang 100)",
    "need_met_how": "Cách tính mức đáp ứng nhu cầu",
    "budget": "Ngân sách",
    "formula_note": "Các ô tổng là công thức: sửa số lượng hoặc đơn giá thì tổng tự tính lại.",
    "amounts": "Số tiền trong đề xuất",
    "amounts_note": (
        "Số tiền ở các trang Trang bìa, Tổng hợp, Chi tiết, Chưa đáp ứng là dự toán (số lượng × đơn "
        "giá), chưa gồm dự phòng và thuế GTGT; giá gói thầu ở trang KHLCNT = dự toán + dự phòng + "
        "thuế GTGT."
    ),
    "budget_covers": "Ngân sách được tính trên",
    "budget_on_estimates": (
        "dự toán: ngân sách của phương án đã được phân bổ cho dự toán (chưa gồm dự phòng và thuế "
        "GTGT), nên tổng giá các gói thầu có thể vượt ngân sách."
    ),
    "budget_on_prices": (
        "giá gói thầu: ngân sách của phương án đã được phân bổ cho giá gói thầu (gồm dự phòng và "
        "thuế GTGT)."
    ),
    # survey template
    "spare_rows_note": "Dòng trống phía dưới: thêm dòng cho thiết bị có nhiều tình trạng hoặc năm khác nhau.",
    "condition_prompt": "Chọn: Tốt, Cần sửa chữa hoặc Hỏng",
    "quantity_prompt": "Số nguyên không âm",
    "year_prompt": "Năm từ {low} đến {high}",
    "as_of_label": "Ngày kiểm kê thiết bị (dd/mm/yyyy)",
    "as_of_prompt": (
        "Ngày đếm thiết bị; tuổi thiết bị tính theo năm của ngày này. Chỉ sửa khi đã kiểm kê lại."
    ),
    # import messages
    "bad_file": "Tệp '{name}' không hợp lệ, không có gì được lưu",
    "empty_file": "tệp rỗng",
    "too_large": "tệp lớn {size} byte, tối đa {limit} byte",
    "not_xlsx": "cần tệp Excel .xlsx (tệp này không phải .xlsx)",
    "macro": "không nhận tệp có macro (.xlsm) hoặc đối tượng nhúng",
    "encrypted": "không nhận tệp có mật khẩu mở",
    "too_many_entries": "tệp nén có {count} thành phần, tối đa {limit}",
    "too_big_unpacked": "dung lượng giải nén {size} byte vượt giới hạn {limit} byte (nghi ngờ bom nén)",
    "ratio": "tỷ lệ nén {ratio:.0f}:1 vượt giới hạn {limit}:1 (nghi ngờ bom nén)",
    "doctype": "tệp chứa khai báo DOCTYPE/ENTITY trong XML (nghi ngờ tấn công mở rộng thực thể)",
    "unreadable": "không đọc được nội dung bảng tính",
    "no_defusedxml": "thiếu thư viện defusedxml: không an toàn để đọc tệp tải lên",
    "missing_sheet": "thiếu sheet này (hãy dùng mẫu tải từ hệ thống)",
    "extra_sheet": "sheet không có trong mẫu; hãy xóa sheet này",
    "meta_missing": "thiếu thông tin ẩn của mẫu; hãy tải mẫu mới bằng 'planner template'",
    "template_version": "phiên bản mẫu {expected}; hãy tải mẫu mới",
    "wrong_centre": "mẫu của đơn vị {expected}; hãy tải mẫu của đúng đơn vị",
    "base_version": "số phiên bản khảo sát gốc (số nguyên không âm)",
    "header_missing": "hàng tiêu đề có các cột {columns}",
    "merged": "không được gộp ô",
    "formula": "giá trị nhập trực tiếp, không dùng công thức",
    "quantity": "số nguyên không âm (ví dụ 12 hoặc 1.234)",
    "fractional": "số nguyên (không có phần thập phân)",
    "negative": "số không âm",
    "condition": "một trong: Tốt, Cần sửa chữa, Hỏng",
    "condition_missing": "chọn tình trạng cho dòng có số lượng",
    "quantity_missing": "nhập số lượng (dòng đã có tình trạng hoặc năm)",
    "year_range": "năm từ {low} đến {high}",
    "unknown_item": "mã thiết bị có trong danh mục",
    "duplicate": "không trùng với dòng {row} (cùng mã, tình trạng, năm); hãy cộng số lượng vào một dòng",
    "number": "một số không âm",
    "integer": "một số nguyên không âm",
    "premises": "số liệu mặt bằng hợp lệ",
    "as_of": "một ngày dạng dd/mm/yyyy, từ {low} đến {high}",
    "as_of_used": "Ngày kiểm kê: {date}",
    "as_of_changed": "Ngày kiểm kê: đổi từ {before} sang {after}",
    "redate_refused": (
        "Chưa lưu: ngày kiểm kê trong tệp ({after}) khác ngày của phiên bản trước ({before})."
    ),
    # proposal
    "reason_budget": "Chưa đủ ngân sách trong phương án này",
    "reason_excluded": "Thiết bị bị loại khỏi phương án",
    "renewal_note": "Thuê bao/bản quyền hằng năm",
    # procedure sheet of the survey template (planner/excel/procedures_sheet.py)
    "sheet_procedures": "Thủ tục hành chính",
    "procedures_title": "DANH MỤC THỦ TỤC HÀNH CHÍNH TIẾP NHẬN TẠI BỘ PHẬN MỘT CỬA",
    "procedures_note": (
        "Mỗi dòng một thủ tục: lĩnh vực, tên thủ tục, số hồ sơ mỗi năm, thời gian xử lý trung bình "
        "tại quầy (phút/hồ sơ). Để trống cả bảng nếu chưa có số liệu: khi đó số quầy được tính theo "
        "cơ cấu thủ tục mặc định của cấp hành chính và số hồ sơ/năm ở sheet 'Mặt bằng'."
    ),
    "procedure_field": "Lĩnh vực",
    "procedure_name": "Tên thủ tục",
    "procedure_dossiers": "Số hồ sơ / năm",
    "procedure_minutes": "Thời gian xử lý tại quầy (phút/hồ sơ)",
    "field_prompt": "Chọn lĩnh vực trong danh sách",
    "minutes_prompt": "Số phút lớn hơn 0 (ví dụ 15 hoặc 7,5)",
    "field_missing": "chọn lĩnh vực cho dòng đã có tên thủ tục hoặc số liệu",
    "field_unknown": "một lĩnh vực trong danh sách: {fields}",
    "procedure_name_missing": "nhập tên thủ tục",
    "dossiers_missing": "nhập số hồ sơ mỗi năm (số nguyên không âm)",
    "minutes_missing": "nhập thời gian xử lý (phút/hồ sơ)",
    "minutes": "số phút lớn hơn 0 (ví dụ 15 hoặc 7,5)",
    "procedure_duplicate": "không trùng với dòng {row} (cùng lĩnh vực và tên thủ tục); hãy gộp vào một dòng",
    # counters sheet of the needs workbook (planner/excel/counters_sheet.py)
    "sheet_counters": "Số quầy",
    "counters_title": "SỐ QUẦY GIAO DỊCH THEO SỐ HỒ SƠ VÀ THỜI GIAN XỬ LÝ",
    "counters_centres": "SỐ QUẦY THEO KHẢO SÁT VÀ THEO SỐ HỒ SƠ",
    "counters_fields": "SỐ QUẦY THEO LĨNH VỰC",
}


# The survey template's instructions sheet, one line per row.
SURVEY_INSTRUCTIONS = (
    "HƯỚNG DẪN ĐIỀN PHIẾU KHẢO SÁT",
    "1. Sheet 'Khảo sát': mỗi dòng là một nhóm thiết bị cùng mã, cùng tình trạng và cùng năm "
    "đưa vào sử dụng. Các dòng đã điền sẵn theo khảo sát gần nhất; hãy sửa cho đúng hiện trạng.",
    "2. Cột 'Số lượng': số nguyên không âm (ví dụ 12 hoặc 1.234). Để trống nếu đơn vị không có "
    "thiết bị đó.",
    "3. Cột 'Tình trạng': chọn Tốt, Cần sửa chữa hoặc Hỏng.",
    "4. Cột 'Năm đưa vào sử dụng': năm bốn chữ số, không sau năm khảo sát; để trống nếu không rõ.",
    "5. Cùng một thiết bị có nhiều tình trạng hoặc năm khác nhau: dùng các dòng trống ở cuối "
    "bảng, ghi mã thiết bị vào cột 'Mã thiết bị'.",
    "6. Sheet 'Mặt bằng': diện tích sàn, diện tích cần cải tạo, số quầy, số cán bộ, số hồ sơ mỗi năm, "
    "và ngày kiểm kê thiết bị (dd/mm/yyyy): tuổi thiết bị tính theo năm của ngày này, nên chỉ sửa "
    "ngày khi đã kiểm kê lại.",
    "7. Sheet 'Thủ tục hành chính': mỗi dòng một thủ tục (lĩnh vực chọn trong danh sách, tên, số hồ "
    "sơ/năm, số phút xử lý tại quầy). Để trống nếu chưa có: số quầy sẽ tính theo cơ cấu mặc định.",
    "8. Không sửa tiêu đề, mã thiết bị in sẵn, không thêm sheet, không gộp ô, không dùng công thức.",
    "9. Lưu tệp dạng .xlsx và tải lên (hoặc dùng lệnh 'planner import'). Mọi lỗi được báo một "
    "lần, kèm sheet, dòng, cột; khi còn lỗi thì không có gì được lưu.",
)

# --- Procurement (planner/procurement/): selection methods, procedures, contract types, KHLCNT ---

# The proposal's assumptions sheet: one readable line per scenario parameter.
SCENARIO_FIELD = {
    "name": "Tên phương án",
    "description": "Mô tả phương án",
    "years": "Các năm kế hoạch",
    "budget": "Tổng ngân sách (mọi nguồn, mọi năm)",
    "budget_by_year": "Ngân sách theo năm",
    "budget_by_source": "Ngân sách theo nguồn vốn",
    "budget_by_source_year": "Ngân sách theo nguồn vốn và năm",
    "category_caps": "Trần kinh phí theo nhóm",
    "category_floors": "Mức sàn kinh phí theo nhóm",
    "weights": "Trọng số của mục tiêu",
    "centre_weights": "Trọng số theo đơn vị",
    "priority_tiers": "Các mức ưu tiên được xét",
    "go_live_first": "Ưu tiên đơn vị đủ điều kiện vận hành",
    "fairness_floor": "Mức tối thiểu mỗi đơn vị (tỷ lệ kinh phí còn thiếu)",
    "fairness_hard": "Mức tối thiểu là ràng buộc bắt buộc",
    "price_multiplier": "Hệ số điều chỉnh giá",
    "excluded_items": "Thiết bị loại khỏi phương án",
    "must_buy": "Dòng bắt buộc mua",
    "cost_shares": "Tỷ lệ chia kinh phí theo nguồn vốn",
    "switch_item": "Thiết bị chuyển mạch (switch) tính cổng mạng",
    "ports_per_switch": "Số cổng mỗi thiết bị chuyển mạch",
}

# solvers and datasets by name (the plan stores their codes)
SOLVER_NAME = {
    "highs": "HiGHS (bộ giải tối ưu mã nguồn mở)",
    "cbc": "CBC (bộ giải tối ưu mã nguồn mở COIN-OR)",
}
DATASET_NAME = {
    "thanh-hoa-2017": "Thanh Hoá 2017: Trung tâm tỉnh và 27 trung tâm cấp huyện",
    "thanh-hoa-2025": "Thanh Hoá 2025: Trung tâm tỉnh và 166 trung tâm cấp xã",
}

# the objective's weights, as the assumptions sheet names them (keys of Scenario.weights)
WEIGHT_NAME = {
    "tier": "Trọng số theo mức ưu tiên",
    "first_share": "Phần đầu của khoảng thiếu được tính đủ giá trị",
    "tail_factor": "Hệ số giá trị phần còn lại của khoảng thiếu",
    "mountainous_bonus": "Ưu tiên thêm cho miền núi",
    "dossier_bonus": "Ưu tiên theo số hồ sơ",
    "go_live_bonus": "Ưu tiên đơn vị đủ điều kiện vận hành",
    "year_discount": "Giảm giá trị mỗi năm chậm hơn",
    "fairness_penalty": "Mức phạt mỗi tỷ đồng dưới mức sàn",
}
DEFAULT_SCENARIO_NAME = "Phương án theo ngân sách"
