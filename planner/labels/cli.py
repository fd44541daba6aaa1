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
    # planner solve, evaluate, sweep
    "solve_help": "phân bổ ngân sách tối ưu",
    "budget_help": "tổng ngân sách mọi nguồn (đồng)",
    "budget_covers_help": "ngân sách trả cho: estimate = giá dự toán (mặc định), package_price = giá gói thầu (gồm dự phòng và thuế GTGT)",
    "scenario_help": "tệp phương án ngân sách",
    "proposal_help": "ghi đề xuất Excel",
    "instance_help": "ghi dữ liệu mô hình (cho planner evaluate)",
    "write_lp_help": "ghi mô hình dạng tệp LP",
    "regime_help": (
        "chế độ pháp lý đấu thầu cho mọi gói thầu (mặc định: chế độ có hiệu lực vào ngày bắt đầu "
        "lựa chọn nhà thầu của từng gói)"
    ),
    "funding_basis_help": (
        "buộc một cơ sở nguồn vốn cho mọi gói thầu: recurrent = dự toán mua sắm không hình "
        "thành dự án, project = gói thầu thuộc dự án (mặc định: cải tạo và tư vấn của nó là dự "
        "án, còn lại là dự toán mua sắm)"
    ),
    "solver_help": "bộ giải (mặc định highs)",
    "time_limit_help": "giới hạn thời gian cho cả lệnh (giây, mặc định {default})",
    "gap_help": "sai số tương đối cho phép (mặc định 1e-4)",
    "evaluate_help": "chấm điểm một phương án trên dữ liệu mô hình; JSON ra màn hình",
    "not_json_object": "không phải đối tượng JSON",
    "sweep_help": "đường cong ngân sách – giá trị",
    "sweep_scenario_help": "phương án gốc (ngân sách tổng được thay theo từng điểm)",
    "workers_help": "số tiến trình giải song song (mặc định: tối đa 2)",
    # planner template, import, app
    "code": "MÃ",
    "template_help": "tải mẫu khảo sát Excel của một đơn vị (điền sẵn khảo sát gần nhất)",
    "centre_help": "mã đơn vị",
    "out_help": "tệp mẫu cần ghi",
    "template_written": "Đã ghi mẫu khảo sát của đơn vị {centre}: {path}",
    "confirm_date_help": (
        "lưu cả khi ngày kiểm kê trong tệp khác ngày của phiên bản trước (đổi ngày có chủ ý)"
    ),
    "redate_hint": (
        "Nếu đổi ngày có chủ ý, chạy lại lệnh với --confirm-date; nếu không, sửa ô Ngày kiểm "
        "kê thiết bị trong tệp về {before}."
    ),
    "import_help": "kiểm tra và lưu khảo sát từ tệp Excel",
    "path_help": "tệp khảo sát đã điền",
    "user_help": "người lưu khảo sát",
    "survey_saved": "Đã lưu khảo sát của đơn vị {centre}: phiên bản {version} (người lưu: {user})",
    "no_user": "Không có người dùng '{name}'",
    "user_disabled": "Tài khoản '{name}' đã bị khóa",
    "app_help": "chạy ứng dụng web",
    "app_url": "Ứng dụng: {url}",
    # planner users, history, backup, restore
    "actor_help": "người thực hiện (mật khẩu trong biến môi trường {env})",
    "users_help": "quản lý người dùng",
    "users_add_help": "thêm người dùng (mật khẩu đọc từ stdin)",
    "users_centre_help": "mã đơn vị (bắt buộc với vai trò district)",
    "users_list_help": "danh sách người dùng",
    "print_json_help": "in JSON",
    "users_disable_help": "khóa tài khoản",
    "users_enable_help": "mở khóa tài khoản",
    "users_reset_help": "đặt lại mật khẩu (mật khẩu mới đọc từ stdin)",
    "history_help": "các phiên bản khảo sát của một đơn vị",
    "diff_help": "so sánh hai phiên bản",
    "backup_help": "sao lưu toàn bộ dữ liệu ra tệp JSON",
    "with_passwords_help": "kèm mã băm mật khẩu",
    "restore_help": "khôi phục từ tệp sao lưu vào cơ sở dữ liệu trống",
    "no_password": "Thiếu mật khẩu: hãy nhập mật khẩu qua stdin",
    "no_password_of": "Thiếu mật khẩu của '{name}': hãy đặt biến môi trường {env}",
    "login_needed": (
        "Cần đăng nhập: thêm --as TÊN_QUẢN_TRỊ và đặt mật khẩu trong biến môi trường {env}"
    ),
    "first_admin": "Cơ sở dữ liệu chưa có quản trị viên: tài khoản đầu tiên phải có vai trò admin",
    "password_prompt": "Mật khẩu: ",
    "new_password_prompt": "Mật khẩu mới: ",
    "of_centre": ", đơn vị {centre}",
    "user_added": "Đã thêm người dùng '{name}' ({role}{where}).",
    "user_locked": "đã khóa",
    "user_no_password": "chưa có mật khẩu",
    "user_active": "hoạt động",
    "user_disabled_done": "Đã khóa tài khoản '{name}'.",
    "user_enabled_done": "Đã mở khóa tài khoản '{name}'.",
    "password_reset_done": "Đã đặt lại mật khẩu cho '{name}'.",
    "no_version": "Đơn vị {centre} không có phiên bản khảo sát {version}",
    "no_surveys": "Đơn vị {centre} chưa có khảo sát nào.",
    "backed_up": "Đã sao lưu vào {path}: {centres} đơn vị, {surveys} phiên bản khảo sát.",
    "restored": "Đã khôi phục từ {path}: {centres} đơn vị, {surveys} phiên bản khảo sát.",
    "lang": (
        "ngôn ngữ của thông báo: vi (tiếng Việt) hoặc en (tiếng Anh); mặc định: biến môi trường "
        "PLANNER_LANG, nếu không có thì vi"
    ),
}
