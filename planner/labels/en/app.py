"""English web-app words (see ``planner.labels.app``)."""

from __future__ import annotations

from planner.labels.en.common import ILLUSTRATIVE

APP = {
    "title": "Public Administration Centre Planning",
    "user": "User name",
    "password": "Password",
    "login_button": "Log in",
    "login_intro": "Log in with the account the administrator gave you.",
    "login_missing": "Enter your user name and password.",
    "logged_in_as": "User: **{name}** ({role})",
    "centre_of_user": "Centre: {code} – {name}",
    "denied": "You may not view this page. Choose a page in the menu on the left.",
    "session_ended": "Your session has ended (the account is locked or no longer exists). Please log in again.",
    "no_data": "The database has no data yet.",
    "illustrative_note": "The surveys shown are " + ILLUSTRATIVE + ".",
    # Overview
    "status": "Status",
    "version": "Version",
    "saved_by": "Saved by",
    "saved_at": "Saved at",
    "source": "Source",
    "centres": "Number of centres",
    "total_need": "Total cost of the shortfall",
    "go_live_ready": "Centres ready to operate",
    "map_title": "Map of the centres",
    "map_colour": "Colour by",
    "map_by_need": "Cost of the shortfall",
    "map_by_coverage": "Coverage (usable / norm)",
    "map_caption": (
        "Approximate positions: commune-level centres use the coordinates of their former "
        "district, shifted by a fixed random offset (a centre is always in the same place) so "
        "that the points do not overlap. Red: larger shortfall; green: better coverage. Point "
        "size follows the cost of the shortfall."
    ),
    "no_coordinates": "There are no coordinates for the centres to draw the map.",
    "coverage": "Coverage",
    # Needs
    "filter_category": "Category",
    "filter_centre": "Centre",
    "filter_tier": "Priority",
    "tier": "Priority {tier}",
    "by_category": "Cost by category",
    "by_centre": "Cost by centre",
    "by_tier": "Cost by priority",
    "detail_of": "Details of a centre",
    "priority": "Priority",
    "download_needs": "Download the needs (Excel)",
    # Equipment survey
    "centre": "Centre",
    "latest": "Current version: {version} — {by}, {at} ({source})",
    "no_survey": "The centre has no survey yet: this will be version 1.",
    "tab_form": "Fill in the form",
    "tab_upload": "Download template / Upload Excel",
    "tab_history": "Version history",
    "lines_help": (
        "Each row: a group of items with the same code, condition and year put into use. "
        "Leave the quantity blank if the centre has none. Add rows at the end of the table as needed."
    ),
    "lines_phone_help": (
        "Quantity and condition come right after the item code; on a phone, swipe the table "
        "sideways to see the item name, year put into use and unit (the code column stays on the left)."
    ),
    "premises": "Premises and scale of operation",
    "as_of": "Survey date",
    "save": "Save",
    "saved": "Survey of centre {centre} saved: version {version}.",
    "stale": "Not saved: someone has just saved a newer version.",
    "reload": "Reload the latest survey",
    "read_only": "Planners view surveys without editing them: surveys are entered by the centres.",
    "problems": "Errors to fix (nothing was saved)",
    "problem_where": "Where",
    "problem_row": "Row",
    "problem_column": "Column",
    "problem_value": "Value",
    "problem_expected": "Expected",
    "form_sheet": "Survey table",
    "download_template": "Download the template",
    "template_help": "An Excel template pre-filled with the latest survey; fill it in offline, then upload it.",
    "upload": "Upload",
    "upload_file": "Completed survey file (.xlsx)",
    "upload_button": "Check and save",
    "upload_none": "Choose an .xlsx file first.",
    "history_empty": "No versions yet.",
    "compare_from": "Compare from version",
    "compare_to": "to version",
    "diff_added": "Rows added",
    "diff_removed": "Rows removed",
    "diff_changed": "Rows with a changed quantity",
    "diff_premises": "Premises changed",
    "diff_procedures": "Administrative procedures changed",
    "procedure": "Procedure",
    "procedure_text": "{dossiers} dossiers/year, {minutes} minutes/dossier",
    "diff_none": "The two versions are the same.",
    "before": "Before",
    "after": "After",
    "field": "Entry",
    "download_original": "Download the original file of version {version}",
    # Users
    "users_list": "Accounts",
    "role": "Role",
    "disabled": "Locked",
    "created_by": "Created by",
    "created_at": "Created on",
    "failed_logins": "Failed logins",
    "add_user": "Create an account",
    "add_button": "Create",
    "added": "Account '{name}' created.",
    "manage_user": "Lock, unlock, reset password",
    "account": "Account",
    "disable": "Lock",
    "enable": "Unlock",
    "new_password": "New password",
    "reset": "Reset password",
    "done": "Account '{name}' updated.",
    "no_centre": "(no centre)",
    # Budget scenario
    "scenario_name": "Scenario name",
    "scenario_description": "Description",
    "prices_fit": "The packages' prices, {prices}, fit the budget of {budget}.",
    "prices_over_estimate": 'The packages\' prices, {prices}, exceed the budget of {budget} by {over}: the scenario spent its budget on estimates, without contingency and VAT. Tick "{box}" on Budget scenario and run it again.',
    "prices_over": "The packages' prices, {prices}, exceed the budget of {budget} by {over} (contingency and VAT are rounded line by line).",
    "budget_covers_package": "The budget must cover the package prices (with contingency and VAT)",
    "budget_covers_help": "Unticked: the budget pays estimates (quantity × unit price). Ticked: each unit is charged at its package price = estimate × (1 + contingency) × (1 + VAT), so that the KHLCNT's package prices fit the budget.",
    "first_year": "First year",
    "n_years": "Years in the plan",
    "budget_total": "Total budget (billion VND)",
    "budget_sources": "Budget by funding source (billion VND; 0 = no separate limit)",
    "category_caps": "Spending cap by category (billion VND; 0 = no limit)",
    "weights": "Weights and policy",
    "mountainous_bonus": "Extra priority for mountainous centres",
    "go_live_bonus": "Priority for centres ready to operate",
    "go_live_first": "First maximise the number of centres ready to operate",
    "fairness_floor": "Each centre gets at least (% of its shortfall cost)",
    "price_multiplier": "Price factor (1.0 = catalogue price)",
    "time_limit": "Solver time limit (seconds)",
    "run": "Run the scenario",
    "running": "Running the scenario…",
    "result_of": "Result of scenario '{name}' — run at {at}",
    "kpi_status": "Solution status",
    "kpi_spent": "Allocated",
    "kpi_budget": "Budget",
    "kpi_go_live": "Centres ready to operate",
    "kpi_value": "Objective value",
    "kpi_method": "Solution method",
    "unlimited": "unlimited",
    "allocation_centres": "Allocation by centre",
    "allocation_sources": "Allocation by funding source",
    "allocation_categories": "Allocation by category",
    "allocation_lines": "Funded lines",
    "unmet": "Unmet needs",
    "reason": "Reason",
    "funded": "Funded",
    "need_cost": "Cost of the shortfall",
    "coverage_pct": "Coverage (%)",
    "download_proposal": "Download the proposal (Excel)",
    "save_scenario": "Save the scenario",
    "scenario_saved": "Scenario '{name}' saved.",
    "infeasible": "No plan satisfies every constraint.",
    "no_result": "No scenario has been run in this session: fill in the form and press 'Run the scenario'.",
    "source_name": "Funding source",
    "amount": "Amount",
    "year": "Year",
    "repair_flag": "Repair",
    # Compare scenarios
    "compare_pick": "Choose 2 to 4 scenarios",
    "compare_saved": "Saved scenarios (choose to run them and add them to the comparison)",
    "compare_run": "Run the chosen scenarios",
    "compare_need_two": "At least two scenarios that were run or saved are needed to compare.",
    "compare_metric": "Indicator",
    "session_run": "{name} (run at {at})",
    "saved_scenario": "{name} (saved)",
    "sweep_title": "Budget – value curve",
    "sweep_base": "Base scenario",
    "sweep_from": "From (billion VND)",
    "sweep_to": "To (billion VND)",
    "sweep_points": "Points",
    "sweep_run": "Draw the curve",
    "sweep_spent": "Allocated",
    # Procurement plan
    "no_plan": "No solved scenario yet: run a scenario on the 'Budget scenario' page.",
    "regime": "Legal basis",
    "packages": "Packages",
    "splitting": "Package splitting warnings",
    "no_splitting": "No sign of package splitting.",
    "package_lines": "Lines in the package",
    "by_method": "Value by contractor selection method",
    # Catalogue
    "catalog_current": "Catalogue in use: version {number}, saved on {at} by {by}"
    " — note: {note} (version code {version})",
    "catalog_current_files": "Catalogue in use: read from the catalogue files, not yet saved in "
    "the database — note: {note} (version code {version})",
    "items_tab": "Items and unit prices",
    "norms_tab": "Norms",
    "price_date": "Price date",
    "price_source": "Source of the figures",
    "confidence": "Confidence",
    "lifetime": "Service life (years)",
    "norm_basis": "Basis of the norm",
    "norm_quantity": "Norm quantity",
    "norm_n": "N",
    "catalog_note": "Version note (required: why it changed, under which document)",
    "catalog_save": "Save as a new version",
    "catalog_saved": "Catalogue saved as a new version ({version}).",
    "catalog_unchanged": "Nothing changed from the current version.",
    "catalog_invalid": "The edited catalogue is not valid; nothing was saved",
    "note_required": "a note is required for the new version",
    "row_changed": "rows may not be added, deleted or have their code changed; only values may be edited",
    # Budget scenario: multi-year form
    "scenario_form": "Scenario form",
    "scenario_invalid": "The scenario is not valid yet and was not solved: fix the cells below",
    "horizon": "Planning period",
    "last_year": "Until",
    "year_budgets": "Budget by year (billion VND; 0 or blank = no limit)",
    "year_total": "All sources",
    "year_outside": "a year in the planning period {first}–{last}",
    "category_floors": "Minimum by category (billion VND, 0 = none)",
    "expected_amount": "billions of VND, not negative (0 or blank = no limit)",
    "excluded_items": "Items not bought in this scenario",
    "must_buy": "Required purchases",
    "must_buy_help": "Each row: centre, item and quantity (blank quantity = buy the whole shortfall).",
    "must_buy_centre": "Centre",
    "must_buy_item": "Item",
    "must_buy_quantity": "Quantity",
    "expected_centre": "the code of a centre in the data",
    "expected_item": "the code of an item in the catalogue",
    "expected_quantity": "a whole number from 1 up, or blank",
    "load_saved": "Load a saved scenario into the form",
    "load_button": "Load into the form",
    "loaded": "Scenario '{name}' loaded into the form.",
    "no_saved": "No scenario has been saved yet.",
    "allocation_years": "By year",
    "budget_of_year": "Budget of the year",
    "spent_of_year": "Allocated",
    "unlimited_short": "unlimited",
    # Procurement plan: editing packages
    "run_choice": "Scenario",
    "regime_choice": "Procurement law regime applied",
    "regime_changed": "Packages rebuilt under {regime}; earlier edits were dropped.",
    "edit_packages": "Edit packages",
    "plan_lines": "Plan lines",
    "line_number": "Line",
    "package": "Package",
    "move_lines": "Move lines to another package",
    "lines_to_move": "Lines to move",
    "target_package": "To package",
    "new_package": "(new package)",
    "move_button": "Move lines",
    "moved": "{n} lines moved.",
    "rename": "Rename a package",
    "package_to_edit": "Package",
    "new_name": "New name",
    "rename_button": "Rename",
    "renamed": "Package {id} renamed.",
    "method_change": "Choose another contractor selection method",
    "method_auto": "(as the rules require, automatic)",
    "method_reason": "Reason (required when choosing the method yourself)",
    "method_button": "Apply the method",
    "method_set": "Method of package {id} changed: {method}.",
    "reason_required": "A reason for choosing this method is required",
    "method_refused": "The chosen method cannot be applied; the plan is unchanged",
    "resolve_button": "Resolve package splitting",
    "resolved": "The methods of the flagged packages were raised to match their group's total value.",
    "reset_packages": "Restore the original packages",
    "edited_note": "The procurement plan was edited; the downloaded Excel file uses the edited packages.",
    "download_khlcnt": "Download the proposal (Excel, with the edited packages)",
    # Catalogue: funding shares
    "shares_tab": "Funding shares",
    "shares_help": (
        "The share each funding source pays for each category, for mountainous centres or not; "
        "each row must be non-negative and add up to 100% (typed as a share of 1: 0.7 is 70%)."
    ),
    "mountainous_row": "Mountainous",
    "share_negative": "a share that is not negative (0 to 1)",
    "share_sum": "the row's shares add up to 1 (now {total})",
    "default_scenario": "Scenario 1",
}


SIZING = {
    # assumptions
    "wait_minutes": "Target waiting time (minutes)",
    "wait_share": "Share of citizens waiting no longer than the target",
    "hours_per_day": "Receiving hours per day",
    "days_per_year": "Working days per year",
    "peak_factor": "Peak-hour factor",
    "model": "M/M/c queueing model (Erlang C): citizens arrive at random, each field has its own counters",
    "source_used": "Counters used for the norms",
    # columns
    "surveyed": "Counters as surveyed",
    "sized": "Counters from dossiers",
    "difference": "Difference (from dossiers − surveyed)",
    "used": "Counters used for the norms",
    "pooled": "Has shared counters",
    "field": "Field",
    "yearly_dossiers": "Dossiers / year",
    "arrivals": "Dossiers / peak hour",
    "service_minutes": "Handling time (minutes/dossier)",
    "counters": "Counters",
    "utilisation": "Counter utilisation",
    "expected_wait": "Average waiting time (minutes)",
    "within_target": "Share waiting within the target",
    "pool_of": "{label} — pooled: {fields}",
    "pool_label": "Shared counters (several fields)",
    # app
    "switch": "Counters used for the per-counter norms",
    "why": "Why {n} counters — {name}",
    "why_caption": (
        "Counters as surveyed: {surveyed}; from dossiers: {sized}; used for the norms: {used}. "
        "Target: {share} of citizens wait no longer than {minutes} minutes; {hours} hours/day, "
        "{days} days/year, peak hour {peak} times the average."
    ),
    "own_procedures": "From the centre's own list of procedures.",
    "default_procedures": "The centre has not listed its procedures: the level's default mix of procedures and its dossiers/year are used.",
    "no_dossiers": "The centre has no dossiers: at least 1 counter is kept.",
    # survey form
    "procedures": "Administrative procedures (to size the counters)",
    "procedures_help": (
        "One procedure per row. Leave the whole table blank if there are no figures yet: the "
        "counters will be sized from the level's default mix of procedures and the dossiers/year."
    ),
    "procedures_sheet": "Procedures table",
}

PROCEDURE_FIELD = {
    "land": "Land",
    "construction": "Construction",
    "civil_status": "Civil status",
    "certification": "Certification of copies and signatures",
    "business": "Business registration",
    "justice": "Justice",
    "labour": "Labour and employment",
    "social": "Social protection and people with meritorious services",
    "transport": "Transport",
    "education": "Education and training",
    "health": "Health",
    "environment": "Natural resources and environment",
    "agriculture": "Agriculture",
    "investment": "Planning and investment",
    "other": "Other fields",
}

RUN_STEP = {
    "instance": "Building the model data from the needs…",
    "solve": "Solving the optimisation problem (HiGHS)…",
    "packages": "Dividing into packages and choosing the contractor selection methods…",
    "proposal": "Writing the Excel proposal…",
    "done": "Done.",
}

COUNTER_SOURCE = {"surveyed": "As surveyed", "sized": "From dossiers"}

APP.update(
    {
        "page_unknown": (
            "There is no page “{path}” in the app. Opening the first page; choose a page in "
            "the menu on the left."
        ),
    }
)

RUNS = {
    "title": "Stored runs",
    "caption": (
        "Every scenario run is stored (inputs, result, proposal); each user keeps their "
        "{limit} latest runs, older ones are removed."
    ),
    "none": "No run has been stored yet.",
    "id": "No.",
    "name": "Scenario",
    "by": "Run by",
    "at": "Run at",
    "status": "Status",
    "spent": "Allocated",
    "seconds": "Solve time (seconds)",
    "label": "{name} (no. {id} — {by}, run at {at})",
    "session_only": "{name} (run at {at}, not stored)",
    "reopen": "Reopen a run",
    "reopen_button": "Reopen",
    "delete": "Delete a run",
    "delete_button": "Delete the run",
    "delete_confirm": "I am sure I want to delete this run (no user will see it again)",
    "deleted": "Run no. {id} deleted.",
    "kept": "Run stored in the database (no. {id}).",
    "pruned": "Each user keeps at most {limit} runs: the {count} oldest were deleted.",
    "not_kept": "The result is still shown in this session but could not be stored: {reason}",
    "reopened": "Run no. {id} by {by} at {at}, reopened from the database.",
    "too_big": "Run '{name}' is {size} MiB, above the {limit} MiB stored for one run",
    "not_found": "There is no run no. {id} (it may have been deleted)",
    "not_owner": (
        "{name} may not delete run no. {id} of {owner}: only the user who ran it or an "
        "administrator may delete it"
    ),
    "bad_document": "expected a solve result as a JSON object with 'status' and a 'centres' list",
    "bad_proposal": "the proposal file must be an Excel workbook (.xlsx)",
    "number": "expected a number",
    "cli_keep_help": "keep the run in the database (the same list as in the web app)",
    "stale": (
        "Surveys, the catalog or the centres have changed since this run: the result above is "
        "for the data at the time of the run; run the scenario again for today's data."
    ),
}

APP.update(
    {
        "as_of_help": (
            "The day the equipment was counted; ages are counted from its year. When only "
            "correcting figures, keep the previous version's date."
        ),
        "redate_unconfirmed": (
            "keep the date {before} of the version being edited, or tick the box confirming "
            "the new survey date and save again"
        ),
        "redate_warning": (
            "Moving the survey date from {before} to {after}: {passing} units pass their "
            "lifetime, {back} units come back within it; the centre's need {change} "
            "({basis})."
        ),
        "redate_basis_form": "computed on the figures of the open version",
        "redate_basis_upload": "computed on the figures in the file",
        "redate_passing": "{n} units pass their lifetime",
        "redate_back": "{n} units come back within their lifetime",
        "redate_confirm": "I am changing the survey date on purpose",
        "change_up": "rises by {amount}",
        "change_down": "falls by {amount}",
        "change_none": "does not change",
        "needs_survey_date": "Survey of {date} (version {version}).",
        "unusable_title": "Surveyed equipment not counted as usable",
        "unusable_none": "Every surveyed unit of the centre is counted as usable.",
        "unusable_reason": "Reason",
        "unusable_past_lifetime": (
            "past its lifetime since {since} (in use since {acquired}, lifetime {lifetime} years)"
        ),
        "unusable_broken": "broken",
        "unusable_not_repaired": "needs repair but none needed: the good units meet the norm",
    }
)

# --- An upload that re-dates the survey, confirmed on purpose (app_pages/survey.py) ----------
APP.update(
    {
        "redate_upload_hint": (
            "If the stock count date was changed on purpose, tick the box and save; if not, set "
            "the cell Ngày kiểm kê thiết bị in the file back to {before} and upload it again."
        ),
        "redate_upload_save": "Save the file with the new stock count date",
        "redate_upload_drop": "Drop this file",
    }
)
