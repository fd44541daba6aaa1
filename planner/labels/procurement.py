"""Procurement words: methods, procedures, contract types, package names, KHLCNT, messages."""

from __future__ import annotations

SELECTION_METHOD = {
    "direct": "Chỉ định thầu",
    "direct_shortened": "Chỉ định thầu rút gọn",
    "shopping": "Chào hàng cạnh tranh",
    "shopping_shortened": "Chào hàng cạnh tranh rút gọn",
    "open": "Đấu thầu rộng rãi",
    "limited": "Đấu thầu hạn chế",
    "self": "Tự thực hiện",
    "small_purchase": "Mua sắm giá trị nhỏ (thủ trưởng đơn vị quyết định, trên cơ sở hóa đơn)",
    "online_purchase": "Mua sắm trực tuyến",
    "online_quotation_shortened": "Chào giá trực tuyến rút gọn",
}

SELECTION_PROCEDURE = {
    "one_stage_one_envelope": "Một giai đoạn một túi hồ sơ",
    "one_stage_two_envelopes": "Một giai đoạn hai túi hồ sơ",
    "none": "Không tổ chức lựa chọn nhà thầu (mua sắm giá trị nhỏ)",
}

CONTRACT_TYPE = {"lump_sum": "Trọn gói", "unit_price": "Theo đơn giá cố định"}

PROCUREMENT_BASIS = {
    "project": "gói thầu thuộc dự án",
    "recurrent": "gói thầu thuộc dự toán mua sắm (không hình thành dự án)",
}

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
# The consulting packages of a works investment (consulting_lots in procurement_rules.yaml).
PACKAGE_NAME_LOT = "Gói {number:02d}: Tư vấn {lot} cải tạo mặt bằng{where} năm {year} – {funding}"
PACKAGE_LOT = {
    "survey_design": "khảo sát, lập thiết kế bản vẽ thi công và dự toán",
    "appraisal": "thẩm tra thiết kế bản vẽ thi công và dự toán",
    "supervision": "giám sát thi công",
}
CONSULTING_LOT = {  # the same lots as a column value
    "survey_design": "Khảo sát, thiết kế và dự toán",
    "appraisal": "Thẩm tra thiết kế và dự toán",
    "supervision": "Giám sát thi công",
}

KHLCNT_TITLE = "KẾ HOẠCH LỰA CHỌN NHÀ THẦU"
KHLCNT_META = {
    "name": "Tên kế hoạch",
    "owner": "Chủ đầu tư",
    "regime": "Căn cứ pháp lý",
    "decision": "Quyết định phê duyệt",
    "no_decision": "(chưa có — ghi số, ngày quyết định khi được phê duyệt)",
    "total": "Tổng giá các gói thầu",
    "funding_basis": "Cơ sở nguồn vốn",
    "regime_reason": "Chế độ pháp lý áp dụng",
    "price_rates": "Giá gói thầu gồm dự phòng và thuế GTGT",
    "splitting": "Cảnh báo chia nhỏ gói thầu",
    "approver": "Người phê duyệt kế hoạch lựa chọn nhà thầu",
    "investment_owners": "Chủ đầu tư các gói thầu cải tạo trụ sở (xem cột Chủ đầu tư)",
}
KHLCNT_COLUMN = {
    "number": "STT",
    "name": "Tên gói thầu",
    "field": "Lĩnh vực",
    "value": "Dự toán trước dự phòng, thuế (đồng)",
    "contingency": "Dự phòng (đồng)",
    "vat": "Thuế GTGT (đồng)",
    "price": "Giá gói thầu (đồng)",
    "funding_source": "Nguồn vốn",
    "method": "Hình thức lựa chọn nhà thầu",
    "procedure": "Phương thức lựa chọn nhà thầu",
    "domestic": "Trong nước / quốc tế",
    "start": "Thời gian bắt đầu tổ chức lựa chọn nhà thầu",
    "selection_days": "Thời gian tổ chức lựa chọn nhà thầu",
    "contract_type": "Loại hợp đồng",
    "duration": "Thời gian thực hiện gói thầu",
    "optional_purchase": "Tùy chọn mua thêm",
    "online": "Lựa chọn nhà thầu qua mạng",
    "regime": "Chế độ pháp lý",
    "rule": "Căn cứ áp dụng hình thức",
    "owner": "Chủ đầu tư",
    "funding_basis": "Cơ sở nguồn vốn",
    "end": "Thời gian kết thúc dự kiến",
}
DOMESTIC = {True: "Trong nước", False: "Quốc tế"}
KHLCNT_SELECTION_DAYS = "{days} ngày"
REGIME_REASON = {
    "chosen": "do cán bộ kế hoạch chọn cho mọi gói thầu: {regime}",
    "by_date": "theo ngày bắt đầu lựa chọn nhà thầu của từng gói thầu: {regimes}",
    "one": "{regime} (từ {start}) — chế độ có hiệu lực vào ngày bắt đầu lựa chọn nhà thầu",
}
REGIME_CHOICE = {  # the procurement page's regime choice
    "by_date": "Theo ngày bắt đầu lựa chọn nhà thầu của từng gói thầu (mặc định)",
    "reason": "Chế độ áp dụng và lý do",
    "changed_by_date": (
        "Đã lập lại các gói thầu, mỗi gói theo chế độ có hiệu lực vào ngày bắt đầu lựa chọn nhà "
        "thầu; các chỉnh sửa trước bị bỏ."
    ),
}
PACKAGE_ID = "Mã gói thầu"  # the id column of the procurement page's package table
KHLCNT_START = "Quý {quarter} năm {year}"
KHLCNT_START_MONTH = "Tháng {month} năm {year} (quý {quarter})"
KHLCNT_OWNER_CONFIDENCE = " ({confidence})"
KHLCNT_MORE_OWNERS = " và {count} chủ đầu tư khác"
KHLCNT_PRICE_NOTE = "dự phòng {contingency}; thuế GTGT {vat} ({source})"
KHLCNT_DURATION = "{months} tháng"
YES_NO = {True: "Có", False: "Không"}
APPROVER_ROLE = {"owner": "chủ đầu tư", "authority": "người có thẩm quyền"}
APPROVER_TEXT = "{name} ({role}; {citation}; độ tin cậy: {confidence})"
APPROVER_UNNAMED = "(chưa có tên cơ quan trong danh mục tổ chức)"

PROCUREMENT_MESSAGE = {
    "rules_invalid": "Tệp quy định lựa chọn nhà thầu {file} không hợp lệ",
    "unknown_regime": "không có trong các chế độ pháp lý: {known}",
    "no_regime_on": "ngày bắt đầu lựa chọn nhà thầu phải thuộc thời gian hiệu lực của một chế độ: {known}",
    "regime_twice": "mã chế độ pháp lý đã có ở tệp khác",
    "same_day": "hai chế độ áp dụng theo ngày không được có cùng ngày hiệu lực",
    "explain_limit": "{method}: giá gói thầu {price} không quá hạn mức {limit} ({citation})",
    "explain_open": "{method}: không giới hạn giá gói thầu ({citation})",
    "explain_group": (
        "{method}: các gói {group} cùng lĩnh vực, chủ đầu tư, năm và cơ sở nguồn vốn là một nhu cầu, không "
        "được chia nhỏ; hình thức chọn theo tổng giá của các gói ({citation})"
    ),
    "unknown_package": "không có gói thầu mã này",
    "unknown_line": "không có dòng kế hoạch số này (0 đến {last})",
    "field_mismatch": "gói thầu lĩnh vực {target} không nhận dòng lĩnh vực {line}",
    "year_mismatch": "gói thầu năm {target} không nhận dòng năm {line}",
    "basis_mismatch": "không gộp dịch vụ thuê hằng năm với mua sắm một lần trong một gói thầu",
    "empty_name": "tên gói thầu không được để trống",
    "long_name": "tên gói thầu dài quá {limit} ký tự",
    "method_not_lawful": (
        "hình thức {method} không áp dụng được cho gói thầu {field} giá {value} ({basis}) theo {regime}"
    ),
    "reason_required": "hình thức {method} chỉ được chọn khi có lý do (căn cứ) do cán bộ kế hoạch ghi",
    "unknown_method": "cần một trong các hình thức: {known}",
    "line_twice": "dòng kế hoạch nằm trong nhiều gói thầu",
    "line_missing": "dòng kế hoạch chưa thuộc gói thầu nào",
    "splitting": (
        "Có dấu hiệu chia nhỏ gói thầu: các gói {packages} cùng lĩnh vực {field}, cùng chủ đầu tư "
        "{owner}, cùng năm {year}, tổng giá {value} vượt hạn mức {limit} của hình thức {method}; "
        "tổng giá này cần hình thức {required}"
    ),
    "splitting_procedure": (
        "Có dấu hiệu chia nhỏ gói thầu: cùng một nhu cầu ({item} của đơn vị {centre} năm {year}) "
        "nằm ở nhiều gói thầu {packages}, tức được mua qua nhiều thủ tục lựa chọn nhà thầu; "
        "cần gộp vào một gói thầu"
    ),
    "where_package": "gói thầu",
    "where_plan": "kế hoạch",
    "package_not_found": "Không tìm thấy gói thầu",
    "coverage_broken": "Các gói thầu không phủ đúng một lần mọi dòng kế hoạch",
    "move_refused": "Không chuyển được dòng kế hoạch sang gói thầu",
    "line_invalid": "Dòng kế hoạch không hợp lệ",
    "name_invalid": "Tên gói thầu không hợp lệ",
    "method_invalid": "Hình thức lựa chọn nhà thầu không hợp lệ",
    "reason_missing": "Thiếu lý do chọn hình thức lựa chọn nhà thầu",
    "item_not_in_catalog": "mã thiết bị không có trong danh mục",
    "centre_no_cluster": "đơn vị chưa được xếp vào cụm nào",
    "grouping_refused": "Không lập được gói thầu từ các dòng kế hoạch",
    "regime_invalid": "Chế độ pháp lý đấu thầu không hợp lệ",
    "no_regime_for_day": "Không có chế độ pháp lý đấu thầu cho ngày này",
    "rule_id_twice": "mã quy định (id) bị trùng",
    "effective_order": "effective_to trước effective_from",
    "open_missing": "lĩnh vực {field} thiếu hình thức không giới hạn giá (đấu thầu rộng rãi)",
    "last_row_general": "{name}: dòng cuối phải áp dụng cho mọi trường hợp",
    "keys_missing": "{name} thiếu: {missing}",
}


# --- Optimiser (planner/optimise, planner solve/evaluate/sweep) ------------------------------
