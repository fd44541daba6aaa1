"""English for planner/labels/data.py (same keys, same placeholders)."""

from __future__ import annotations

DATA_FILE = {
    "missing_columns": "File {file} lacks required columns",
    "missing_column": "required column missing",
    "extra_cells": "more cells than the header row",
    "duplicate": "same code as row {row}",
    "refused": "File {file} has {count} errors; no row was loaded",
    "unknown_dataset": "There is no dataset '{dataset}'; choose one of: {known}",
    "no_former_district": "Could not tell the former district of centre {code} ({name})",
    "field_code": "a field code expected: {known}",
    "level_shares": "the dossier shares of the '{level}' rows (rows {first}–{last}) must add up to 1",
    "dossiers_integer": "dossiers per year must be a whole number",
    "dossiers_negative": "dossiers per year must not be negative",
    "no_level_rows": "the procedure table has no row for level '{level}'",
    "level_shares_zero": "the dossier shares of level '{level}' add up to 0",
}

MODEL_CHECK = {
    "price_above_cap": "unit price {price} ₫ is above the cap of {cap} ₫",
    "fee_pair": "the fee rate (fee_rate) and the items it is based on (fee_base) go together",
    "role_not_consulting": "only a consulting item may have a consulting role (consulting_role)",
    "n_only_per_n": "only a norm 'per N counters/N staff' may have an n other than 1",
    "renovation_above_floor": "the area to renovate must not be larger than the floor area",
    "year_after_survey": (
        "item {item}: year put into use {year} is after the survey's year {survey_year}"
    ),
    "funding_sum": "the funding split ({funding}) differs from the cost ({cost})",
    "shares_add_up": "the cost shares of category {category} must not be negative and add up to 1",
    "unknown_sources": "the cost shares name funding sources that do not exist: {sources}",
    "missing_share": "no cost share for category {category} (mountainous={mountainous})",
}

QUEUE = {
    "servers_negative": "the number of counters must not be negative",
    "load_negative": "the load (Erlang) must be a number, not negative",
    "service_rate": "the service rate must be greater than 0",
    "arrival_and_wait_negative": "the arrival rate and the waiting time must not be negative",
    "arrival_negative": "the arrival rate must not be negative",
    "minimum_negative": "the minimum number of counters must not be negative",
    "arrivals_per_hour": "dossiers arriving per hour must be a number, not negative",
    "handling_minutes": "the handling time of one dossier must be greater than 0",
}
