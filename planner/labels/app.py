"""Web-app words: pages, forms, tables, messages (and the counter-sizing words they share)."""

from __future__ import annotations

from planner.labels.common import ILLUSTRATIVE

APP = {
    "title": "Kế hoạch Trung tâm Hành chính công",
    "user": "Tên đăng nhập",
    "password": "Mật khẩu",
    "login_button": "Đăng nhập",
    "login_intro": "Đăng nhập bằng tài khoản do quản trị viên cấp.",
    "login_missing": "Hãy nhập tên đăng nhập và mật khẩu.",
    "logged_in_as": "Người dùng: **{name}** ({role})",
    "centre_of_user": "Đơn vị: {code} – {name}",
    "denied": "Bạn không có quyền xem trang này. Hãy chọn một trang trong danh mục bên trái.",
    "session_ended": "Phiên làm việc đã kết thúc (tài khoản bị khóa hoặc không còn). Hãy đăng nhập lại.",
    "no_data": "Cơ sở dữ liệu chưa có dữ liệu.",
    "illustrative_note": "Khảo sát hiển thị là " + ILLUSTRATIVE + ".",
    # Tổng quan
    "status": "Trạng thái",
    "version": "Phiên bản",
    "saved_by": "Người lưu",
    "saved_at": "Thời điểm lưu",
    "source": "Nguồn",
    "centres": "Số đơn vị",
    "total_need": "Tổng kinh phí còn thiếu",
    "go_live_ready": "Đơn vị đủ điều kiện vận hành",
    "map_title": "Bản đồ các đơn vị",
    "map_colour": "Tô màu theo",
    "map_by_need": "Kinh phí còn thiếu",
    "map_by_coverage": "Mức độ đáp ứng (có thể sử dụng / định mức)",
    "map_caption": (
        "Vị trí gần đúng: đơn vị cấp xã dùng tọa độ của huyện cũ, được dịch ngẫu nhiên cố định "
        "(cùng một đơn vị luôn ở cùng một chỗ) để các điểm không chồng lên nhau. Màu đỏ: thiếu "
        "nhiều hơn; xanh: đáp ứng tốt hơn. Cỡ điểm theo kinh phí còn thiếu."
    ),
    "no_coordinates": "Chưa có tọa độ của các đơn vị để vẽ bản đồ.",
    "coverage": "Mức độ đáp ứng",
    # Nhu cầu
    "filter_category": "Nhóm",
    "filter_centre": "Đơn vị",
    "filter_tier": "Mức ưu tiên",
    "tier": "Ưu tiên {tier}",
    "by_category": "Kinh phí theo nhóm",
    "by_centre": "Kinh phí theo đơn vị",
    "by_tier": "Kinh phí theo mức ưu tiên",
    "detail_of": "Xem chi tiết đơn vị",
    "priority": "Mức ưu tiên",
    "download_needs": "Tải xuống nhu cầu (Excel)",
    # Khảo sát hiện trạng
    "centre": "Đơn vị",
    "latest": "Phiên bản hiện tại: {version} — {by}, {at} ({source})",
    "no_survey": "Đơn vị chưa có khảo sát nào: đây sẽ là phiên bản 1.",
    "tab_form": "Nhập trên biểu mẫu",
    "tab_upload": "Tải mẫu / Tải lên Excel",
    "tab_history": "Lịch sử phiên bản",
    "lines_help": (
        "Mỗi dòng: một nhóm thiết bị cùng mã, cùng tình trạng, cùng năm đưa vào sử dụng. "
        "Để trống số lượng nếu đơn vị không có. Thêm dòng ở cuối bảng khi cần."
    ),
    "lines_phone_help": (
        "Số lượng và Tình trạng nằm ngay sau Mã thiết bị; trên điện thoại, vuốt ngang bảng để "
        "xem tên thiết bị, năm đưa vào sử dụng và đơn vị tính (cột mã luôn ở bên trái)."
    ),
    "premises": "Mặt bằng và quy mô hoạt động",
    "as_of": "Ngày khảo sát",
    "save": "Lưu",
    "saved": "Đã lưu khảo sát của đơn vị {centre}: phiên bản {version}.",
    "stale": "Không lưu được: có người vừa lưu phiên bản mới hơn.",
    "reload": "Tải lại khảo sát mới nhất",
    "read_only": "Cán bộ kế hoạch xem khảo sát, không sửa: khảo sát do đơn vị nhập.",
    "problems": "Các lỗi cần sửa (không có gì được lưu)",
    "problem_where": "Vị trí",
    "problem_row": "Dòng",
    "problem_column": "Cột",
    "problem_value": "Giá trị",
    "problem_expected": "Cần",
    "form_sheet": "Bảng khảo sát",
    "download_template": "Tải mẫu",
    "template_help": "Mẫu Excel điền sẵn khảo sát gần nhất; điền ngoại tuyến rồi tải lên.",
    "upload": "Tải lên",
    "upload_file": "Tệp khảo sát đã điền (.xlsx)",
    "upload_button": "Kiểm tra và lưu",
    "upload_none": "Hãy chọn tệp .xlsx trước.",
    "history_empty": "Chưa có phiên bản nào.",
    "compare_from": "So sánh từ phiên bản",
    "compare_to": "đến phiên bản",
    "diff_added": "Dòng thêm",
    "diff_removed": "Dòng bỏ",
    "diff_changed": "Dòng đổi số lượng",
    "diff_premises": "Mặt bằng thay đổi",
    "diff_procedures": "Thủ tục hành chính thay đổi",
    "procedure": "Thủ tục",
    "procedure_text": "{dossiers} hồ sơ/năm, {minutes} phút/hồ sơ",
    "diff_none": "Hai phiên bản giống nhau.",
    "before": "Trước",
    "after": "Sau",
    "field": "Mục",
    "download_original": "Tải xuống tệp gốc của phiên bản {version}",
    # Người dùng
    "users_list": "Danh sách tài khoản",
    "role": "Vai trò",
    "disabled": "Đã khóa",
    "created_by": "Người tạo",
    "created_at": "Ngày tạo",
    "failed_logins": "Số lần nhập sai",
    "add_user": "Tạo tài khoản",
    "add_button": "Tạo",
    "added": "Đã tạo tài khoản '{name}'.",
    "manage_user": "Khóa, mở khóa, đặt lại mật khẩu",
    "account": "Tài khoản",
    "disable": "Khóa",
    "enable": "Mở khóa",
    "new_password": "Mật khẩu mới",
    "reset": "Đặt lại mật khẩu",
    "done": "Đã cập nhật tài khoản '{name}'.",
    "no_centre": "(không gắn đơn vị)",
    # Phương án ngân sách
    "scenario_name": "Tên phương án",
    "scenario_description": "Mô tả",
    "prices_fit": "Tổng giá các gói thầu {prices} nằm trong ngân sách {budget}.",
    "prices_over_estimate": 'Tổng giá các gói thầu {prices} vượt ngân sách {budget} là {over}: phương án đã phân bổ ngân sách cho dự toán, chưa tính dự phòng và thuế GTGT. Chọn "{box}" ở trang Phương án ngân sách và chạy lại.',
    "prices_over": "Tổng giá các gói thầu {prices} vượt ngân sách {budget} là {over} (dự phòng và thuế GTGT được làm tròn theo từng dòng).",
    "budget_covers_package": "Ngân sách phải đủ cho giá gói thầu (gồm dự phòng và thuế GTGT)",
    "budget_covers_help": "Bỏ chọn: ngân sách được phân bổ cho dự toán (số lượng × đơn giá). Chọn: mỗi đơn vị được tính theo giá gói thầu = dự toán × (1 + dự phòng) × (1 + thuế GTGT), để tổng giá các gói thầu trong KHLCNT không vượt ngân sách.",
    "first_year": "Năm bắt đầu",
    "n_years": "Số năm kế hoạch",
    "budget_total": "Tổng ngân sách (tỷ đồng)",
    "budget_sources": "Ngân sách theo nguồn vốn (tỷ đồng; 0 = không giới hạn riêng)",
    "category_caps": "Trần kinh phí theo nhóm (tỷ đồng; 0 = không giới hạn)",
    "weights": "Trọng số và chính sách",
    "mountainous_bonus": "Ưu tiên thêm cho miền núi",
    "go_live_bonus": "Ưu tiên đơn vị đủ điều kiện vận hành",
    "go_live_first": "Trước hết tối đa số đơn vị đủ điều kiện vận hành",
    "fairness_floor": "Mỗi đơn vị được ít nhất (% kinh phí còn thiếu)",
    "price_multiplier": "Hệ số giá (1,0 = giá danh mục)",
    "time_limit": "Giới hạn thời gian giải (giây)",
    "run": "Chạy phương án",
    "running": "Đang chạy phương án…",
    "result_of": "Kết quả phương án '{name}' — chạy lúc {at}",
    "kpi_status": "Trạng thái lời giải",
    "kpi_spent": "Đã phân bổ",
    "kpi_budget": "Ngân sách",
    "kpi_go_live": "Đơn vị đủ điều kiện vận hành",
    "kpi_value": "Giá trị mục tiêu",
    "kpi_method": "Phương pháp giải",
    "unlimited": "không giới hạn",
    "allocation_centres": "Phân bổ theo đơn vị",
    "allocation_sources": "Phân bổ theo nguồn vốn",
    "allocation_categories": "Phân bổ theo nhóm",
    "allocation_lines": "Các dòng được cấp vốn",
    "unmet": "Nhu cầu chưa đáp ứng",
    "reason": "Lý do",
    "funded": "Được cấp",
    "need_cost": "Kinh phí còn thiếu",
    "coverage_pct": "Mức độ đáp ứng (%)",
    "download_proposal": "Tải xuống đề xuất (Excel)",
    "save_scenario": "Lưu phương án",
    "scenario_saved": "Đã lưu phương án '{name}'.",
    "infeasible": "Không có phương án thỏa mãn mọi ràng buộc.",
    "no_result": "Chưa chạy phương án nào trong phiên này: điền biểu mẫu và bấm 'Chạy phương án'.",
    "source_name": "Nguồn vốn",
    "amount": "Số tiền",
    "year": "Năm",
    "repair_flag": "Sửa chữa",
    # So sánh phương án
    "compare_pick": "Chọn 2 đến 4 phương án",
    "compare_saved": "Phương án đã lưu (chọn để chạy và đưa vào so sánh)",
    "compare_run": "Chạy các phương án đã chọn",
    "compare_need_two": "Cần ít nhất hai phương án đã chạy hoặc đã lưu để so sánh.",
    "compare_metric": "Chỉ tiêu",
    "session_run": "{name} (chạy lúc {at})",
    "saved_scenario": "{name} (đã lưu)",
    "sweep_title": "Đường cong ngân sách – giá trị",
    "sweep_base": "Phương án gốc",
    "sweep_from": "Từ (tỷ đồng)",
    "sweep_to": "Đến (tỷ đồng)",
    "sweep_points": "Số điểm",
    "sweep_run": "Vẽ đường cong",
    "sweep_spent": "Đã phân bổ",
    # Kế hoạch mua sắm
    "no_plan": "Chưa có phương án đã giải: hãy chạy một phương án ở trang 'Phương án ngân sách'.",
    "regime": "Căn cứ pháp lý",
    "packages": "Các gói thầu",
    "splitting": "Cảnh báo chia nhỏ gói thầu",
    "no_splitting": "Không có dấu hiệu chia nhỏ gói thầu.",
    "package_lines": "Dòng trong gói",
    "by_method": "Giá trị theo hình thức lựa chọn nhà thầu",
    # Danh mục
    "catalog_current": "Danh mục đang dùng: phiên bản số {number}, lưu ngày {at} bởi {by}"
    " — ghi chú: {note} (mã phiên bản {version})",
    "catalog_current_files": "Danh mục đang dùng: bản đọc từ tệp danh mục, chưa lưu vào cơ sở "
    "dữ liệu — ghi chú: {note} (mã phiên bản {version})",
    "items_tab": "Thiết bị và đơn giá",
    "norms_tab": "Định mức",
    "price_date": "Ngày giá",
    "price_source": "Nguồn số liệu",
    "confidence": "Độ tin cậy",
    "lifetime": "Thời gian sử dụng (năm)",
    "norm_basis": "Cơ sở tính",
    "norm_quantity": "Số lượng định mức",
    "norm_n": "N",
    "catalog_note": "Ghi chú phiên bản (bắt buộc: vì sao sửa, theo văn bản nào)",
    "catalog_save": "Lưu thành phiên bản mới",
    "catalog_saved": "Đã lưu danh mục thành phiên bản mới ({version}).",
    "catalog_unchanged": "Không có thay đổi nào so với phiên bản hiện tại.",
    "catalog_invalid": "Danh mục sửa đổi không hợp lệ, không có gì được lưu",
    "note_required": "cần ghi chú cho phiên bản mới",
    "row_changed": "dòng không được thêm, xóa hay đổi mã; chỉ sửa giá trị",
}


# --- Counter sizing (planner/needs/counters.py, planner/excel/counters_sheet.py, app needs page) ---

SIZING = {
    # assumptions
    "wait_minutes": "Thời gian chờ mục tiêu (phút)",
    "wait_share": "Tỷ lệ người dân chờ không quá thời gian mục tiêu",
    "hours_per_day": "Số giờ tiếp nhận mỗi ngày",
    "days_per_year": "Số ngày làm việc mỗi năm",
    "peak_factor": "Hệ số giờ cao điểm",
    "model": "Mô hình hàng đợi M/M/c (Erlang C): người dân đến ngẫu nhiên, mỗi lĩnh vực có quầy riêng",
    "source_used": "Số quầy dùng cho định mức",
    # columns
    "surveyed": "Số quầy theo khảo sát",
    "sized": "Số quầy theo số hồ sơ",
    "difference": "Chênh lệch (theo hồ sơ − khảo sát)",
    "used": "Số quầy dùng cho định mức",
    "pooled": "Có quầy dùng chung",
    "field": "Lĩnh vực",
    "yearly_dossiers": "Số hồ sơ / năm",
    "arrivals": "Hồ sơ / giờ cao điểm",
    "service_minutes": "Thời gian xử lý (phút/hồ sơ)",
    "counters": "Số quầy",
    "utilisation": "Hệ số sử dụng quầy",
    "expected_wait": "Thời gian chờ trung bình (phút)",
    "within_target": "Tỷ lệ chờ trong mức mục tiêu",
    "pool_of": "{label} — gộp: {fields}",
    "pool_label": "Quầy dùng chung (nhiều lĩnh vực)",
    # choices
    # app
    "switch": "Số quầy dùng cho định mức theo quầy",
    "why": "Vì sao cần {n} quầy — {name}",
    "why_caption": (
        "Số quầy theo khảo sát: {surveyed}; theo số hồ sơ: {sized}; định mức đang dùng: {used}. "
        "Mục tiêu: {share} người dân chờ không quá {minutes} phút; {hours} giờ/ngày, {days} ngày/năm, "
        "giờ cao điểm gấp {peak} lần trung bình."
    ),
    "own_procedures": "Theo danh mục thủ tục đơn vị đã khai.",
    "default_procedures": "Đơn vị chưa khai thủ tục: dùng cơ cấu thủ tục mặc định của cấp và số hồ sơ/năm.",
    "no_dossiers": "Đơn vị không có hồ sơ nào: giữ tối thiểu 1 quầy.",
    # survey form
    "procedures": "Thủ tục hành chính (để tính số quầy)",
    "procedures_help": (
        "Mỗi dòng một thủ tục. Để trống cả bảng nếu chưa có số liệu: số quầy sẽ tính theo cơ cấu "
        "thủ tục mặc định của cấp và số hồ sơ/năm."
    ),
    "procedures_sheet": "Bảng thủ tục",
}

# --- Web app, second part: multi-year scenario form, procurement edits, cost shares ---------
# (planner/services/scenario_fields.py, planner/procurement/session.py, planner/services/catalog_edit.py,
#  app_pages/scenario.py, app_pages/procurement.py, app_pages/catalog.py)
APP.update(
    {
        # Phương án ngân sách
        "scenario_form": "Biểu mẫu phương án",
        "scenario_invalid": "Phương án chưa hợp lệ, chưa giải: hãy sửa các ô dưới đây",
        "horizon": "Kỳ kế hoạch",
        "last_year": "Đến năm",
        "year_budgets": "Ngân sách theo năm (tỷ đồng; 0 hoặc để trống = không giới hạn)",
        "year_total": "Tổng các nguồn",
        "year_outside": "năm trong kỳ kế hoạch {first}–{last}",
        "category_floors": "Mức tối thiểu theo nhóm (tỷ đồng, 0 = không đặt)",
        "expected_amount": "số tỷ đồng không âm (0 hoặc để trống = không giới hạn)",
        "excluded_items": "Thiết bị không mua trong phương án này",
        "must_buy": "Dòng bắt buộc mua",
        "must_buy_help": "Mỗi dòng: đơn vị, thiết bị và số lượng (để trống số lượng = mua đủ phần còn thiếu).",
        "must_buy_centre": "Đơn vị",
        "must_buy_item": "Thiết bị",
        "must_buy_quantity": "Số lượng",
        "expected_centre": "mã một đơn vị có trong dữ liệu",
        "expected_item": "mã một thiết bị có trong danh mục",
        "expected_quantity": "số nguyên từ 1 trở lên, hoặc để trống",
        "load_saved": "Nạp phương án đã lưu vào biểu mẫu",
        "load_button": "Nạp vào biểu mẫu",
        "loaded": "Đã nạp phương án '{name}' vào biểu mẫu.",
        "no_saved": "Chưa có phương án nào được lưu.",
        "allocation_years": "Theo năm",
        "budget_of_year": "Ngân sách năm",
        "spent_of_year": "Đã phân bổ",
        "unlimited_short": "không giới hạn",
        # Kế hoạch mua sắm: sửa gói thầu
        "run_choice": "Phương án",
        "regime_choice": "Chế độ pháp luật đấu thầu áp dụng",
        "regime_changed": "Đã lập lại các gói thầu theo {regime}; các chỉnh sửa trước bị bỏ.",
        "edit_packages": "Chỉnh sửa gói thầu",
        "plan_lines": "Các dòng kế hoạch",
        "line_number": "Dòng",
        "package": "Gói thầu",
        "move_lines": "Chuyển dòng sang gói khác",
        "lines_to_move": "Dòng cần chuyển",
        "target_package": "Sang gói",
        "new_package": "(gói mới)",
        "move_button": "Chuyển dòng",
        "moved": "Đã chuyển {n} dòng.",
        "rename": "Đổi tên gói thầu",
        "package_to_edit": "Gói thầu",
        "new_name": "Tên mới",
        "rename_button": "Đổi tên",
        "renamed": "Đã đổi tên gói {id}.",
        "method_change": "Chọn hình thức lựa chọn nhà thầu khác",
        "method_auto": "(theo quy định, tự động)",
        "method_reason": "Lý do (bắt buộc khi tự chọn hình thức)",
        "method_button": "Áp dụng hình thức",
        "method_set": "Đã đổi hình thức của gói {id}: {method}.",
        "reason_required": "Cần ghi lý do chọn hình thức này",
        "method_refused": "Không áp dụng được hình thức đã chọn, kế hoạch giữ nguyên",
        "resolve_button": "Xử lý chia nhỏ gói thầu",
        "resolved": "Đã nâng hình thức của các gói bị cảnh báo theo tổng giá trị của nhóm.",
        "reset_packages": "Khôi phục các gói ban đầu",
        "edited_note": "Kế hoạch mua sắm đã được chỉnh sửa; tệp Excel tải về dùng các gói đã sửa.",
        "download_khlcnt": "Tải đề xuất (Excel, có các gói đã sửa)",
        # Danh mục: tỷ lệ hỗ trợ vốn
        "shares_tab": "Tỷ lệ nguồn vốn",
        "shares_help": (
            "Tỷ lệ mỗi nguồn vốn chi trả cho từng nhóm, theo đơn vị miền núi hay không; "
            "mỗi dòng phải không âm và cộng lại bằng 100% (nhập dạng phần của 1: 0,7 là 70%)."
        ),
        "mountainous_row": "Miền núi",
        "share_negative": "tỷ lệ không âm (từ 0 đến 1)",
        "share_sum": "các tỷ lệ của dòng cộng lại bằng 1 (hiện là {total})",
        "default_scenario": "Phương án 1",
    }
)

# The fields of administrative procedures (planner.needs.procedures.FIELD_LABELS), by code.
PROCEDURE_FIELD = {
    "land": "Đất đai",
    "construction": "Xây dựng",
    "civil_status": "Hộ tịch",
    "certification": "Chứng thực",
    "business": "Đăng ký kinh doanh",
    "justice": "Tư pháp",
    "labour": "Lao động, việc làm",
    "social": "Bảo trợ xã hội, người có công",
    "transport": "Giao thông vận tải",
    "education": "Giáo dục và đào tạo",
    "health": "Y tế",
    "environment": "Tài nguyên và môi trường",
    "agriculture": "Nông nghiệp",
    "investment": "Kế hoạch và đầu tư",
    "other": "Lĩnh vực khác",
}

# The steps of a scenario run, as the progress bar says them (planner.services.scenario_run).
RUN_STEP = {
    "instance": "Đang lập dữ liệu mô hình từ nhu cầu…",
    "solve": "Đang giải bài toán tối ưu (HiGHS)…",
    "packages": "Đang chia gói thầu và chọn hình thức lựa chọn nhà thầu…",
    "proposal": "Đang lập tệp đề xuất Excel…",
    "done": "Xong.",
}

# Where a centre's counter count comes from.
COUNTER_SOURCE = {"surveyed": "Theo khảo sát", "sized": "Theo số hồ sơ"}

# --- Sessions that survive a reload (app_pages/state.py, streamlit_app.py) ------------------
APP.update(
    {
        "page_unknown": (
            "Không có trang “{path}” trong ứng dụng. Đang mở trang đầu; hãy chọn trang cần xem "
            "trong danh mục bên trái."
        ),
    }
)

# Runs kept in the database (planner.store.runs, "So sánh phương án")
RUNS = {
    "title": "Các lần chạy đã lưu",
    "caption": (
        "Mỗi lần chạy phương án được lưu lại (đầu vào, kết quả, đề xuất); mỗi người dùng giữ "
        "{limit} lần chạy gần nhất, lần cũ hơn tự xoá."
    ),
    "none": "Chưa có lần chạy nào được lưu.",
    "id": "Số",
    "name": "Phương án",
    "by": "Người chạy",
    "at": "Thời điểm chạy",
    "status": "Trạng thái",
    "spent": "Đã phân bổ",
    "seconds": "Thời gian giải (giây)",
    "label": "{name} (số {id} — {by}, chạy lúc {at})",
    "session_only": "{name} (chạy lúc {at}, chưa lưu)",
    "reopen": "Mở lại một lần chạy",
    "reopen_button": "Mở lại",
    "delete": "Xoá một lần chạy",
    "delete_button": "Xoá lần chạy",
    "delete_confirm": "Tôi chắc chắn muốn xoá lần chạy này (mọi người dùng sẽ không xem lại được)",
    "deleted": "Đã xoá lần chạy số {id}.",
    "kept": "Đã lưu lần chạy vào cơ sở dữ liệu (số {id}).",
    "pruned": "Mỗi người dùng giữ tối đa {limit} lần chạy: đã xoá {count} lần chạy cũ nhất.",
    "not_kept": "Kết quả vẫn hiển thị trong phiên này nhưng không lưu được vào cơ sở dữ liệu: {reason}",
    "reopened": "Lần chạy số {id} của {by} lúc {at}, mở lại từ cơ sở dữ liệu.",
    "too_big": ("Lần chạy '{name}' lớn {size} MiB, quá mức {limit} MiB được lưu cho một lần chạy"),
    "not_found": "Không có lần chạy số {id} (có thể đã bị xoá)",
    "not_owner": (
        "{name} không được xoá lần chạy số {id} của {owner}: chỉ người đã chạy hoặc quản trị "
        "viên được xoá"
    ),
    "bad_document": "cần kết quả giải dạng đối tượng JSON có 'status' và danh sách 'centres'",
    "bad_proposal": "tệp đề xuất phải là một tệp Excel (.xlsx)",
    "number": "cần một số",
    "cli_keep_help": "lưu lần chạy vào cơ sở dữ liệu (cùng danh sách với ứng dụng web)",
    "stale": (
        "Khảo sát, danh mục hoặc đơn vị đã thay đổi sau lần chạy này: kết quả trên là theo dữ "
        "liệu lúc chạy; chạy lại phương án để có kết quả theo dữ liệu hiện tại."
    ),
}

# --- Survey dates kept, stock a centre cannot use explained (app_pages/survey.py, needs.py) --
APP.update(
    {
        "as_of_help": (
            "Ngày kiểm đếm thiết bị; tuổi thiết bị tính theo năm của ngày này. Khi chỉ sửa số "
            "liệu, giữ nguyên ngày của phiên bản trước."
        ),
        "redate_unconfirmed": (
            "giữ ngày {before} của phiên bản đang sửa, hoặc đánh dấu ô xác nhận đổi ngày "
            "khảo sát rồi lưu lại"
        ),
        "redate_warning": (
            "Đổi ngày khảo sát từ {before} sang {after}: {passing} thiết bị qua niên hạn sử "
            "dụng, {back} thiết bị trở lại trong niên hạn; nhu cầu của đơn vị {change} "
            "({basis})."
        ),
        "redate_basis_form": "tính trên số liệu của phiên bản đang mở",
        "redate_basis_upload": "tính trên số liệu trong tệp",
        "redate_passing": "{n} thiết bị qua niên hạn",
        "redate_back": "{n} thiết bị trở lại trong niên hạn",
        "redate_confirm": "Tôi đổi ngày khảo sát có chủ ý",
        "change_up": "tăng {amount}",
        "change_down": "giảm {amount}",
        "change_none": "không đổi",
        "needs_survey_date": "Khảo sát ngày {date} (phiên bản {version}).",
        "unusable_title": "Thiết bị đã khảo sát nhưng không được tính là dùng được",
        "unusable_none": "Mọi thiết bị đã khảo sát của đơn vị đều được tính là dùng được.",
        "unusable_reason": "Lý do",
        "unusable_past_lifetime": (
            "quá niên hạn sử dụng từ năm {since} (đưa vào sử dụng năm {acquired}, niên hạn "
            "{lifetime} năm)"
        ),
        "unusable_broken": "hỏng",
        "unusable_not_repaired": "cần sửa, nhưng không sửa vì số còn tốt đã đủ định mức",
    }
)

# --- An upload that re-dates the survey, confirmed on purpose (app_pages/survey.py) ----------
APP.update(
    {
        "redate_upload_hint": (
            "Nếu đổi ngày kiểm kê có chủ ý, đánh dấu ô xác nhận rồi bấm lưu; nếu không, sửa ô "
            "Ngày kiểm kê thiết bị trong tệp về {before} và tải lên lại."
        ),
        "redate_upload_save": "Lưu tệp với ngày kiểm kê mới",
        "redate_upload_drop": "Bỏ tệp này",
    }
)
