"""English workbook words (see ``planner.labels.excel``).

The survey template itself is always written and read in Vietnamese (it is exchanged with the
districts and read back by the import); these English texts serve the other workbooks (needs,
proposal, counters) and messages shown to an English user.
"""

from __future__ import annotations

EXCEL = {
    # sheet names (≤ 31 characters, no : \ / ? * [ ])
    "sheet_instructions": "Instructions",
    "sheet_survey": "Survey",
    "sheet_premises": "Premises",
    "sheet_meta": "_meta",
    "sheet_cover": "Cover",
    "sheet_summary": "Summary",
    "sheet_detail": "Detail",
    "sheet_unmet": "Unmet",
    "sheet_assumptions": "Assumptions",
    "sheet_packages": "KHLCNT",
    # titles
    "survey_title": "SURVEY OF CURRENT EQUIPMENT, SOFTWARE AND NETWORK INFRASTRUCTURE",
    "premises_title": "PREMISES AND SCALE OF OPERATION",
    "needs_title": "NEEDS FOR EQUIPMENT, SOFTWARE, NETWORK INFRASTRUCTURE AND RENOVATION",
    "needs_detail_title": "NEEDS IN DETAIL BY CENTRE AND ITEM",
    "proposal_title": "PROPOSED EQUIPMENT INVESTMENT FOR THE PUBLIC ADMINISTRATION CENTRES",
    "proposal_detail_title": "ITEMS ALLOCATED FUNDING, IN DETAIL",
    "summary_by_category": "COSTS BY CENTRE AND CATEGORY",
    "summary_by_source": "COSTS BY FUNDING SOURCE",
    "unmet_title": "UNMET NEEDS",
    "assumptions_title": "ASSUMPTIONS AND PARAMETERS",
    "packages_pending": "The contractor selection plan will be drawn up once the packages are defined.",
    "centre_line": "Centre: {name} (code {code})",
    "made_on": "Prepared on {date}",
    "unit_vnd": "Unit: VND",
    # columns not in COLUMN
    "no": "No.",
    "note": "Note",
    "item_label": "Description",
    "value": "Value",
    "year": "Year",
    "field": "Field",
    "funding_source": "Funding source",
    "reason": "Reason",
    "repair_unit_cost": "Unit repair cost",
    "repair_flag": "Repair",
    "yes": "Yes",
    "no_": "No",
    # cover
    "scenario": "Scenario",
    "date": "Date prepared",
    "total": "Total cost",
    "total_words": "In words",
    "total_price": "Total package price (with contingency and VAT)",
    "approver": "Approver of the contractor selection plan",
    "centres_funded": "Centres allocated funding",
    "catalog_version": "Catalogue version",
    "solver_status": "Solution status",
    "solver": "Solver",
    "method": "Solution method",
    "dataset": "Dataset",
    "gap": "Optimality gap",
    "objective": "Objective value (before rescaling to 100)",
    "need_met_how": "How the needs-met score is computed",
    "budget": "Budget",
    "formula_note": "Total cells are formulas: change a quantity or unit price and the totals recalculate.",
    "amounts": "Amounts in the proposal",
    "amounts_note": (
        "Amounts on the Cover, Summary, Detail and Unmet sheets are estimates (quantity × unit "
        "price), without contingency and VAT; the package price on the KHLCNT sheet = estimate + "
        "contingency + VAT."
    ),
    "budget_covers": "The budget was spent on",
    "budget_on_estimates": (
        "estimates: the plan's budget was allocated to estimates (without contingency and VAT), so "
        "the total package price may exceed the budget."
    ),
    "budget_on_prices": (
        "package prices: the plan's budget was allocated to package prices (with contingency and "
        "VAT)."
    ),
    # survey template
    "spare_rows_note": "Blank rows below: add rows for an item with several conditions or years.",
    "condition_prompt": "Choose: Good, Needs repair or Broken",
    "quantity_prompt": "A whole number, not negative",
    "year_prompt": "A year from {low} to {high}",
    "as_of_label": "Stock count date (dd/mm/yyyy)",
    "as_of_prompt": (
        "The day the equipment was counted; equipment ages to this day's year. Change it only "
        "after a new count."
    ),
    # import messages
    "bad_file": "File '{name}' is not valid; nothing was saved",
    "empty_file": "the file is empty",
    "too_large": "the file is {size} bytes, at most {limit} bytes",
    "not_xlsx": "needs an Excel .xlsx file (this file is not .xlsx)",
    "macro": "files with macros (.xlsm) or embedded objects are not accepted",
    "encrypted": "password-protected files are not accepted",
    "too_many_entries": "the archive has {count} parts, at most {limit}",
    "too_big_unpacked": "unpacked size {size} bytes exceeds the limit of {limit} bytes (suspected zip bomb)",
    "ratio": "compression ratio {ratio:.0f}:1 exceeds the limit of {limit}:1 (suspected zip bomb)",
    "doctype": "the file contains a DOCTYPE/ENTITY declaration in its XML (suspected entity expansion attack)",
    "unreadable": "the spreadsheet's content cannot be read",
    "no_defusedxml": "the defusedxml library is missing: not safe to read uploaded files",
    "missing_sheet": "this sheet is missing (use the template downloaded from the system)",
    "extra_sheet": "sheet not in the template; delete this sheet",
    "meta_missing": "the template's hidden information is missing; download a new template with 'planner template'",
    "template_version": "template version {expected}; download a new template",
    "wrong_centre": "template of centre {expected}; download the template of the right centre",
    "base_version": "the base survey version number (a whole number, not negative)",
    "header_missing": "a header row with the columns {columns}",
    "merged": "cells must not be merged",
    "formula": "a value typed in directly, not a formula",
    "quantity": "a whole number, not negative (e.g. 12 or 1,234)",
    "fractional": "a whole number (no decimals)",
    "negative": "a number, not negative",
    "condition": "one of: Good, Needs repair, Broken",
    "condition_missing": "choose a condition for a row with a quantity",
    "quantity_missing": "enter a quantity (the row already has a condition or year)",
    "year_range": "a year from {low} to {high}",
    "unknown_item": "an item code in the catalogue",
    "duplicate": "not a repeat of row {row} (same code, condition, year); add the quantities in one row",
    "number": "a number, not negative",
    "integer": "a whole number, not negative",
    "premises": "valid premises figures",
    "as_of": "a date written dd/mm/yyyy, from {low} to {high}",
    "as_of_used": "Stock count date: {date}",
    "as_of_changed": "Stock count date: changed from {before} to {after}",
    "redate_refused": (
        "Not saved: the stock count date in the file ({after}) differs from the previous "
        "version's ({before})."
    ),
    # proposal
    "reason_budget": "Not enough budget in this scenario",
    "reason_excluded": "Item excluded from the scenario",
    "renewal_note": "Yearly subscription/licence",
    # procedure sheet of the survey template
    "sheet_procedures": "Administrative procedures",
    "procedures_title": "ADMINISTRATIVE PROCEDURES RECEIVED AT THE ONE-STOP DESK",
    "procedures_note": (
        "One procedure per row: field, procedure name, dossiers per year, average handling time "
        "at the counter (minutes/dossier). Leave the whole table blank if there are no figures "
        "yet: the counters are then sized from the level's default mix of procedures and the "
        "dossiers/year on the 'Premises' sheet."
    ),
    "procedure_field": "Field",
    "procedure_name": "Procedure name",
    "procedure_dossiers": "Dossiers / year",
    "procedure_minutes": "Handling time at the counter (minutes/dossier)",
    "field_prompt": "Choose a field from the list",
    "minutes_prompt": "Minutes, greater than 0 (e.g. 15 or 7.5)",
    "field_missing": "choose a field for a row that has a procedure name or figures",
    "field_unknown": "a field from the list: {fields}",
    "procedure_name_missing": "enter the procedure name",
    "dossiers_missing": "enter the dossiers per year (a whole number, not negative)",
    "minutes_missing": "enter the handling time (minutes/dossier)",
    "minutes": "minutes, greater than 0 (e.g. 15 or 7.5)",
    "procedure_duplicate": "not a repeat of row {row} (same field and procedure name); merge them in one row",
    # counters sheet of the needs workbook
    "sheet_counters": "Counters",
    "counters_title": "SERVICE COUNTERS FROM DOSSIER VOLUMES AND HANDLING TIMES",
    "counters_centres": "COUNTERS AS SURVEYED AND AS SIZED FROM DOSSIERS",
    "counters_fields": "COUNTERS BY FIELD",
}

SCENARIO_FIELD = {
    "name": "Scenario name",
    "description": "Scenario description",
    "years": "Plan years",
    "budget": "Total budget (every source, every year)",
    "budget_by_year": "Budget by year",
    "budget_by_source": "Budget by funding source",
    "budget_by_source_year": "Budget by funding source and year",
    "category_caps": "Spending caps by category",
    "category_floors": "Spending floors by category",
    "weights": "Objective weights",
    "centre_weights": "Weights by centre",
    "priority_tiers": "Priority tiers considered",
    "go_live_first": "Centres able to go live first",
    "fairness_floor": "Minimum per centre (share of its unmet cost)",
    "fairness_hard": "Minimum per centre is a hard constraint",
    "price_multiplier": "Price adjustment factor",
    "excluded_items": "Items excluded from the scenario",
    "must_buy": "Lines that must be bought",
    "cost_shares": "Cost shares by funding source",
    "switch_item": "Switch item used to count network ports",
    "ports_per_switch": "Ports per switch",
}

SOLVER_NAME = {
    "highs": "HiGHS (open-source optimisation solver)",
    "cbc": "CBC (COIN-OR open-source optimisation solver)",
}
DATASET_NAME = {
    "thanh-hoa-2017": "Thanh Hoa 2017: the provincial centre and 27 district centres",
    "thanh-hoa-2025": "Thanh Hoa 2025: the provincial centre and 166 commune centres",
}

# the objective's weights, as the assumptions sheet names them (keys of Scenario.weights)
WEIGHT_NAME = {
    "tier": "Weight per priority tier",
    "first_share": "First part of the gap counted at full value",
    "tail_factor": "Value factor of the rest of the gap",
    "mountainous_bonus": "Extra priority for mountainous centres",
    "dossier_bonus": "Priority by number of dossiers",
    "go_live_bonus": "Priority for centres ready to operate",
    "year_discount": "Value lost per year later",
    "fairness_penalty": "Penalty per billion đồng under the floor",
}
DEFAULT_SCENARIO_NAME = "Budget scenario"
