"""Every word a user sees, in Vietnamese, in one place (so that English can follow).

Code and identifiers stay English; pages, workbooks and error messages take their text from
here. Money is written the Vietnamese way (``1.234.567 ₫``) through babel's ``vi_VN`` locale
and dates as ``dd/mm/yyyy``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel.numbers import format_decimal

LOCALE = "vi_VN"

ILLUSTRATIVE = "dữ liệu minh họa, không phải số liệu khảo sát thực tế"

CHOOSE = "Chọn…"  # placeholder of a multiple choice (Streamlit shows English otherwise)

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

SOURCE = {"form": "Biểu mẫu", "upload": "Tải lên", "demo": "Minh họa"}

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
}


def validation_message(err: dict[str, Any]) -> str:
    """A Vietnamese sentence for one pydantic error (``err`` as from ``errors()``)."""
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "greater_than_equal":
        return f"cần một số không nhỏ hơn {ctx.get('ge')}"
    if kind == "greater_than":
        return f"cần một số lớn hơn {ctx.get('gt')}"
    if kind == "less_than_equal":
        return f"cần một số không lớn hơn {ctx.get('le')}"
    if kind == "enum":
        return f"cần một trong các giá trị: {ctx.get('expected', '')}"
    if kind == "value_error":
        return str(ctx.get("error", err.get("msg", "")))
    return _PYDANTIC.get(kind, err.get("msg", "giá trị không hợp lệ"))


def money(amount: int | float) -> str:
    """``1234567`` → ``'1.234.567 ₫'``."""
    return f"{format_decimal(round(amount), locale=LOCALE)} ₫"


def number(value: int | float, digits: int = 0) -> str:
    """Thousands with dots, decimals with a comma: ``1234.5`` → ``'1.234,5'``."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def date(value: dt.date | dt.datetime) -> str:
    """``dd/mm/yyyy`` (with ``HH:MM`` for a datetime)."""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


# --- Excel workbooks (issue 5: planner/excel/) ------------------------------------------------

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
    "centres_funded": "Số đơn vị được bố trí kinh phí",
    "catalog_version": "Phiên bản danh mục",
    "solver_status": "Trạng thái lời giải",
    "solver": "Bộ giải",
    "method": "Phương pháp giải",
    "dataset": "Bộ dữ liệu",
    "gap": "Sai số tối ưu (gap)",
    "objective": "Giá trị mục tiêu",
    "budget": "Ngân sách",
    "formula_note": "Các ô tổng là công thức: sửa số lượng hoặc đơn giá thì tổng tự tính lại.",
    # survey template
    "spare_rows_note": "Dòng trống phía dưới: thêm dòng cho thiết bị có nhiều tình trạng hoặc năm khác nhau.",
    "condition_prompt": "Chọn: Tốt, Cần sửa chữa hoặc Hỏng",
    "quantity_prompt": "Số nguyên không âm",
    "year_prompt": "Năm từ {low} đến {high}",
    "instructions": (
        "HƯỚNG DẪN ĐIỀN PHIẾU KHẢO SÁT",
        "1. Sheet 'Khảo sát': mỗi dòng là một nhóm thiết bị cùng mã, cùng tình trạng và cùng năm "
        "đưa vào sử dụng. Các dòng đã điền sẵn theo khảo sát gần nhất; hãy sửa cho đúng hiện trạng.",
        "2. Cột 'Số lượng': số nguyên không âm (ví dụ 12 hoặc 1.234). Để trống nếu đơn vị không có "
        "thiết bị đó.",
        "3. Cột 'Tình trạng': chọn Tốt, Cần sửa chữa hoặc Hỏng.",
        "4. Cột 'Năm đưa vào sử dụng': năm bốn chữ số, không sau năm khảo sát; để trống nếu không rõ.",
        "5. Cùng một thiết bị có nhiều tình trạng hoặc năm khác nhau: dùng các dòng trống ở cuối "
        "bảng, ghi mã thiết bị vào cột 'Mã thiết bị'.",
        "6. Sheet 'Mặt bằng': diện tích sàn, diện tích cần cải tạo, số quầy, số cán bộ, số hồ sơ mỗi năm.",
        "7. Sheet 'Thủ tục hành chính': mỗi dòng một thủ tục (lĩnh vực chọn trong danh sách, tên, số hồ "
        "sơ/năm, số phút xử lý tại quầy). Để trống nếu chưa có: số quầy sẽ tính theo cơ cấu mặc định.",
        "8. Không sửa tiêu đề, mã thiết bị in sẵn, không thêm sheet, không gộp ô, không dùng công thức.",
        "9. Lưu tệp dạng .xlsx và tải lên (hoặc dùng lệnh 'planner import'). Mọi lỗi được báo một "
        "lần, kèm sheet, dòng, cột; khi còn lỗi thì không có gì được lưu.",
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
    # proposal
    "reason_budget": "Chưa đủ ngân sách trong phương án này",
    "reason_excluded": "Thiết bị bị loại khỏi phương án",
    "renewal_note": "Thuê bao/bản quyền hằng năm",
    # procedure sheet of the survey template (issue 8: planner/excel/procedures_sheet.py)
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
    # counters sheet of the needs workbook (issue 8: planner/excel/counters_sheet.py)
    "sheet_counters": "Số quầy",
    "counters_title": "SỐ QUẦY GIAO DỊCH THEO SỐ HỒ SƠ VÀ THỜI GIAN XỬ LÝ",
    "counters_centres": "SỐ QUẦY THEO KHẢO SÁT VÀ THEO SỐ HỒ SƠ",
    "counters_fields": "SỐ QUẦY THEO LĨNH VỰC",
}


# --- Procurement (planner/procurement/): selection methods, procedures, contract types, KHLCNT ---

SELECTION_METHOD = {
    "direct": "Chỉ định thầu",
    "direct_shortened": "Chỉ định thầu rút gọn",
    "shopping": "Chào hàng cạnh tranh",
    "shopping_shortened": "Chào hàng cạnh tranh rút gọn",
    "open": "Đấu thầu rộng rãi",
    "limited": "Đấu thầu hạn chế",
    "self": "Tự thực hiện",
}

SELECTION_PROCEDURE = {
    "one_stage_one_envelope": "Một giai đoạn một túi hồ sơ",
    "one_stage_two_envelopes": "Một giai đoạn hai túi hồ sơ",
}

CONTRACT_TYPE = {"lump_sum": "Trọn gói", "unit_price": "Theo đơn giá cố định"}

PROCUREMENT_BASIS = {"project": "dự án", "recurrent": "dự toán mua sắm thường xuyên"}

# "Gói 01: Mua sắm thiết bị, phần mềm năm 2017 – ngân sách tỉnh"
PACKAGE_NAME = "Gói {number:02d}: {verb} {what}{recurrent}{where} năm {year} – {funding}"
PACKAGE_VERB = {
    "goods": "Mua sắm",
    "works": "Cải tạo, sửa chữa",
    "consulting": "Tư vấn",
    "non_consulting": "Cung cấp dịch vụ",
}
PACKAGE_VERB_RECURRENT = {"non_consulting": "Thuê dịch vụ"}
PACKAGE_RECURRENT = " (thuê bao hằng năm)"
PACKAGE_WHAT = {  # lower-case category words used inside a package name
    "equipment": "thiết bị",
    "software": "phần mềm",
    "network": "hạ tầng mạng",
    "renovation": "mặt bằng",
}
PACKAGE_WHERE_ALL = ""
PACKAGE_WHERE_CLUSTER = " cho {cluster}"

KHLCNT_TITLE = "KẾ HOẠCH LỰA CHỌN NHÀ THẦU"
KHLCNT_META = {
    "name": "Tên kế hoạch",
    "owner": "Chủ đầu tư",
    "regime": "Căn cứ pháp lý",
    "decision": "Quyết định phê duyệt",
    "total": "Tổng giá trị các gói thầu",
}
KHLCNT_COLUMN = {
    "number": "STT",
    "name": "Tên gói thầu",
    "field": "Lĩnh vực",
    "value": "Giá gói thầu (đồng)",
    "funding_source": "Nguồn vốn",
    "method": "Hình thức lựa chọn nhà thầu",
    "procedure": "Phương thức lựa chọn nhà thầu",
    "start": "Thời gian bắt đầu tổ chức lựa chọn nhà thầu",
    "contract_type": "Loại hợp đồng",
    "duration": "Thời gian thực hiện hợp đồng",
    "online": "Lựa chọn nhà thầu qua mạng",
    "rule": "Căn cứ áp dụng hình thức",
}
KHLCNT_START = "Quý {quarter} năm {year}"
KHLCNT_DURATION = "{months} tháng"
YES_NO = {True: "Có", False: "Không"}

PROCUREMENT_MESSAGE = {
    "rules_invalid": "Tệp quy định lựa chọn nhà thầu {file} không hợp lệ",
    "unknown_regime": "không có trong các chế độ pháp lý: {known}",
    "unknown_package": "không có gói thầu mã này",
    "unknown_line": "không có dòng kế hoạch số này (0 đến {last})",
    "field_mismatch": "gói thầu lĩnh vực {target} không nhận dòng lĩnh vực {line}",
    "year_mismatch": "gói thầu năm {target} không nhận dòng năm {line}",
    "basis_mismatch": "không gộp dịch vụ thuê hằng năm với mua sắm một lần trong một gói thầu",
    "empty_name": "tên gói thầu không được để trống",
    "long_name": "tên gói thầu dài quá {limit} ký tự",
    "method_not_lawful": "hình thức {method} không áp dụng được cho gói thầu {field} giá {value} ({basis})",
    "reason_required": "hình thức {method} chỉ được chọn khi có lý do (căn cứ) do cán bộ kế hoạch ghi",
    "unknown_method": "cần một trong các hình thức: {known}",
    "line_twice": "dòng kế hoạch nằm trong nhiều gói thầu",
    "line_missing": "dòng kế hoạch chưa thuộc gói thầu nào",
    "splitting": (
        "Có dấu hiệu chia nhỏ gói thầu: các gói {packages} cùng lĩnh vực {field}, cùng chủ đầu tư "
        "{owner}, cùng năm {year}, tổng giá {value} vượt hạn mức {limit} của hình thức {method}; "
        "tổng giá này cần hình thức {required}"
    ),
}


# --- Optimiser (planner/optimise, planner solve/evaluate/sweep) ------------------------------

OPTIMISE = {
    "years_sorted": "danh sách năm phải tăng dần và không trùng lặp",
    "scenario_missing": "Không tìm thấy tệp phương án {path}",
    "scenario_yaml": "Tệp {name} không phải YAML hợp lệ: {error}",
    "scenario_not_mapping": "Tệp {name} phải là một bảng khóa: giá trị (ví dụ 'budget: 20000000000')",
    "scenario_invalid": "Phương án '{name}' không hợp lệ",
    "instance_invalid": "Tệp dữ liệu mô hình {name} không hợp lệ: {error}",
    "plan_invalid": "Tệp phương án {name} không hợp lệ: {error}",
    "must_buy_no_line": "đơn vị không có nhu cầu với thiết bị này (không có dòng để mua bắt buộc)",
    "must_buy_over": "vượt số còn thiếu của dòng ({gap})",
    "not_finite": "hệ số giá trị không phải số hữu hạn (ô trống?)",
    "not_diminishing": "giá trị phần sau của nhu cầu phải từ 0 đến giá trị phần đầu (giá trị giảm dần)",
    "year_outside": "năm không thuộc kỳ kế hoạch {years}",
    "unknown_source": "nguồn vốn không có; chọn một trong {sources}",
    "cbc_missing": "Không tìm thấy bộ giải CBC (chương trình 'cbc'); cài gói coinor-cbc hoặc dùng --solver highs",
    "solver_unknown": "Bộ giải '{solver}' không hỗ trợ; chọn một trong: {known}",
    "solver_failed": "Bộ giải không tìm được phương án (trạng thái: {status})",
    "infeasible": "Không có phương án thỏa mãn mọi ràng buộc. Các quy định mâu thuẫn: {rules}. "
                  "Thiếu {shortfall}. Chi tiết: {details}",
    "no_detail": "không xác định được quy định cần nới",
    "need_budget": "Cần --budget hoặc --scenario",
    "budgets_format": "--budgets cần dạng BẮT_ĐẦU:KẾT_THÚC:SỐ_ĐIỂM (đồng), ví dụ 5000000000:60000000000:25",
    "sweep_point": "Điểm {k}/{n}: ngân sách {budget} → giá trị {objective} ({status})",
    "solved": "Trạng thái: {status} — {method}, sai số tối ưu {gap}; giá trị mục tiêu {objective}; "
              "đã chi {spent} / {budget}; "
              "{lines} dòng được cấp vốn; {opened}/{centres} đơn vị đủ điều kiện vận hành; "
              "phương pháp tham lam đạt {greedy}",
    "no_budget": "không giới hạn",
    "evaluate_unknown_line": "dòng {centre}/{item} không có trong dữ liệu mô hình",
}

OPTIMISE_STATUS = {
    "optimal": "tối ưu (đã chứng minh)",
    "feasible": "khả thi",
    "time_limit": "dừng do hết thời gian (chưa chứng minh tối ưu)",
    "infeasible": "không khả thi",
    "error": "lỗi bộ giải",
}

OPTIMISE_METHOD = {
    "milp": "giải toàn bộ mô hình (MILP)",
    "decomposition": "phân rã theo đơn vị, định giá ngân sách (Lagrange)",
}

OPTIMISE_REASON = {
    "policy": "loại trừ theo chính sách của phương án",
    "dependency": "thiết bị đi kèm (điều kiện phụ thuộc hoặc cổng mạng) chưa được cấp vốn",
    "cap": "vượt trần kinh phí của nhóm",
    "budget": "không đủ ngân sách",
    "value": "giá trị trên mỗi đồng thấp hơn các dòng đã chọn",
}

OPTIMISE_RELAXED = {
    "budget": "ngân sách {rule} ({limit}) thiếu {excess}",
    "cap": "trần nhóm {subject} ({limit}) phải vượt {excess}",
    "floor": "mức sàn nhóm {subject} ({limit}) thiếu {excess}",
    "must_buy": "dòng bắt buộc {subject} không mua đủ được (thiếu {excess})",
    "fairness": "mức tối thiểu cho đơn vị {subject} ({limit}) thiếu {excess}",
}

VIOLATION = {
    "unknown_line": "dòng {centre}/{item} không có trong dữ liệu mô hình",
    "bad_quantity": "dòng {centre}/{item}: số lượng {quantity} phải là số nguyên dương",
    "bad_year": "dòng {centre}/{item}: năm {year} không thuộc kỳ kế hoạch",
    "excluded": "dòng {centre}/{item}: thiết bị bị loại trừ trong phương án",
    "over_need": "dòng {centre}/{item}: mua {quantity} vượt số còn thiếu {limit}",
    "over_repair": "dòng {centre}/{item}: sửa {quantity} vượt số có thể sửa {limit}",
    "budget": "ngân sách {rule}: chi {used} vượt {limit}",
    "cap": "trần nhóm {category}: chi {used} vượt {limit}",
    "floor": "mức sàn nhóm {category}: chi {used} chưa đạt {limit}",
    "dependency": "đơn vị {centre}: {item} cần {requires} ({kind})",
    "ports": "đơn vị {centre}: thiếu {missing} cổng chuyển mạch",
    "must_buy": "dòng bắt buộc {centre}/{item}: cấp {quantity} < {limit}",
    "fairness": "đơn vị {centre}: chi {used} dưới mức tối thiểu {limit}",
}


# --- Web app (issue 7: streamlit_app.py, app_pages/, planner/overview.py, planner/survey_form.py) ---

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
    "deadline": "Hạn nộp khảo sát",
    "status": "Trạng thái",
    "status_ok": "Đã nộp",
    "status_overdue": "Quá hạn",
    "status_missing": "Chưa nộp",
    "status_demo": "Chỉ có dữ liệu minh họa",
    "version": "Phiên bản",
    "saved_by": "Người lưu",
    "saved_at": "Thời điểm lưu",
    "source": "Nguồn",
    "centres": "Số đơn vị",
    "submitted": "Đã nộp khảo sát",
    "overdue": "Quá hạn / chưa nộp",
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
    "duplicate_line": "không trùng với dòng {row} (cùng mã, tình trạng, năm); hãy cộng số lượng vào một dòng",
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
    "kpi_greedy": "Phương pháp tham lam",
    "kpi_marginal": "Thêm 1 tỷ đồng tăng giá trị",
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
    "sweep_value": "Giá trị mục tiêu",
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
    "catalog_current": "Phiên bản danh mục hiện tại: {version} ({note})",
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


# --- Counter sizing (issue 8: planner/counters.py, planner/excel/counters_sheet.py, app needs page) ---

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
    # choices
    "source": {"surveyed": "Theo khảo sát", "sized": "Theo số hồ sơ"},
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
# (planner/scenario_fields.py, planner/procurement/session.py, planner/catalog_edit.py,
#  app_pages/scenario.py, app_pages/procurement.py, app_pages/catalog.py)
APP.update({
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
    "shares_help": ("Tỷ lệ mỗi nguồn vốn chi trả cho từng nhóm, theo đơn vị miền núi hay không; "
                    "mỗi dòng phải không âm và cộng lại bằng 1."),
    "mountainous_row": "Miền núi",
    "share_negative": "tỷ lệ không âm (từ 0 đến 1)",
    "share_sum": "các tỷ lệ của dòng cộng lại bằng 1 (hiện là {total})",
})
