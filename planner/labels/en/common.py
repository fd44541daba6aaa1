"""English words shared by every front end (see ``planner.labels.common``)."""

from __future__ import annotations

ILLUSTRATIVE = "illustrative data, not actual survey figures"

CHOOSE = "Choose…"

EMPTY_CELL = "–"

UNIT = {
    "billions": "{value} bn ₫",
    "billions_column": "{name} (bn VND)",
    "dong_column": "{name} (VND)",
}

WIDGET = {
    "upload_button": "Choose a file",
    "upload_limit": "Up to {mb} MB per file",
    "stop": "Stop",
    "no_options": "Nothing to choose",
}

CHART = {
    "amount_bn": "Amount (billion VND)",
    "amount": "Amount",
    "budget_bn": "Budget (billion VND)",
    "budget": "Budget",
    "coverage_pct": "Share of the centre's need met (%)",
    "need_met": "Needs met (points/100)",
    "run": "Scenario",
}

CATEGORY = {
    "equipment": "Equipment",
    "software": "Software",
    "network": "Network infrastructure",
    "renovation": "Renovation and repair",
}

LEVEL = {"province": "Province level", "district": "District level", "commune": "Commune level"}

CONDITION = {"good": "Good", "repairable": "Needs repair", "broken": "Broken"}

PROCUREMENT_FIELD = {
    "goods": "Goods",
    "works": "Works",
    "consulting": "Consulting services",
    "non_consulting": "Non-consulting services",
}

BASIS = {
    "per_centre": "per centre",
    "per_counter": "per service counter",
    "per_staff": "per staff member",
    "per_m2": "per m² of floor area",
    "per_n_counters": "per N counters",
    "per_n_staff": "per N staff",
    "per_renovation_m2": "per m² to renovate",
}

PROBLEM = {"row": "row {row}", "column": "column '{column}'", "value": ": value '{value}'"}

ROLE = {"planner": "planner", "district": "centre officer", "admin": "administrator"}

ACTION = {
    "write_survey": "save surveys",
    "read_survey": "view surveys",
    "write_catalog": "edit the catalogue, norms and policy",
    "write_scenario": "save budget scenarios",
    "run_scenario": "run budget scenarios",
    "manage_users": "manage users",
    "load_data": "load or restore data",
    "backup": "back up all the data",
    "set_survey_round": "open a survey round and set its deadline",
}
PERMISSION = {
    "denied": "User '{name}' ({role}) may not {action}",
    "of_centre": " of centre {centre}",
}

DATA = {
    "no_centre": "No centre with code '{code}'",
    "empty_database": (
        "The database has no data yet: run 'planner demo --dataset thanh-hoa-2017' first"
    ),
}

SOURCE = {"form": "Form", "upload": "Upload", "demo": "Illustrative"}

AUTHOR = {"system": "system (sample data)", "demo": "system (sample data)"}

CONFIDENCE = {"confirmed": "Confirmed", "indicative": "Indicative", "unconfirmed": "Unconfirmed"}

PAGE = {
    "login": "Log in",
    "logout": "Log out",
    "overview": "Overview",
    "survey": "Equipment survey",
    "needs": "Needs",
    "scenario": "Budget scenario",
    "compare": "Compare scenarios",
    "procurement": "Procurement plan",
    "catalog": "Catalogue",
    "users": "Users",
}

COLUMN = {
    "centre": "Centre code",
    "centre_name": "Centre name",
    "level": "Level",
    "mountainous": "Mountainous",
    "item": "Item code",
    "item_name": "Item name",
    "unit": "Unit",
    "category": "Category",
    "quantity": "Quantity",
    "condition": "Condition",
    "year_acquired": "Year put into use",
    "required": "Norm",
    "usable": "Usable",
    "repair": "Needs repair",
    "need": "Shortfall",
    "unit_price": "Unit price",
    "cost": "Amount",
    "repair_cost": "Repair cost",
    "total_cost": "Cost",
    "go_live": "Ready to operate",
    "go_live_missing": "Still missing to operate",
    "floor_area_m2": "Floor area (m²)",
    "renovation_area_m2": "Area to renovate (m²)",
    "counters": "Service counters",
    "staff": "Staff and civil servants",
    "yearly_dossiers": "Dossiers / year",
    "total": "Total",
}

_PYDANTIC = {
    "missing": "a required value is missing",
    "int_type": "needs a whole number",
    "int_parsing": "needs a whole number",
    "int_from_float": "needs a whole number (no decimals)",
    "float_type": "needs a number",
    "float_parsing": "needs a number",
    "bool_parsing": "needs 0 or 1",
    "bool_type": "needs 0 or 1",
    "date_from_datetime_parsing": "needs a date as YYYY-MM-DD",
    "date_parsing": "needs a date as YYYY-MM-DD",
    "date_type": "needs a date as YYYY-MM-DD",
    "string_type": "needs text",
    "string_too_short": "must not be empty",
    "string_too_long": "too long",
    "string_pattern_mismatch": "only unaccented letters, digits, '-', '_' or '.' are allowed",
    "enum": "not one of the allowed values",
    "extra_forbidden": "column/field not allowed",
    "greater_than_equal": "needs a number not less than {ge}",
    "greater_than": "needs a number greater than {gt}",
    "less_than_equal": "needs a number not greater than {le}",
    "enum_of": "needs one of the values: {expected}",
    "invalid": "invalid value",
}
