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
