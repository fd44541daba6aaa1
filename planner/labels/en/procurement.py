"""English procurement words (see ``planner.labels.procurement``).

The names of the contractor selection methods follow the English versions of the Law on
Bidding; "KHLCNT" (kế hoạch lựa chọn nhà thầu) is kept as the sheet name users know.
"""

from __future__ import annotations

SELECTION_METHOD = {
    "direct": "Direct contracting",
    "direct_shortened": "Shortened direct contracting",
    "shopping": "Competitive shopping",
    "shopping_shortened": "Shortened competitive shopping",
    "open": "Open bidding",
    "limited": "Limited bidding",
    "self": "Self-performance",
    "small_purchase": "Small-value purchase (decided by the head of the unit, on the basis of invoices)",
    "online_purchase": "Online purchase",
    "online_quotation_shortened": "Shortened online quotation",
}

SELECTION_PROCEDURE = {
    "one_stage_one_envelope": "Single stage, single envelope",
    "one_stage_two_envelopes": "Single stage, two envelopes",
    "none": "No contractor selection (small-value purchase)",
}

CONTRACT_TYPE = {"lump_sum": "Lump sum", "unit_price": "Fixed unit price"}

PROCUREMENT_BASIS = {
    "project": "package of a project",
    "recurrent": "package of a procurement estimate (not forming a project)",
}

# "Package 01: Procurement of equipment, software, 2017 – provincial budget"
PACKAGE_NAME = "Package {number:02d}: {verb} {what}{recurrent}{where}, {year} – {funding}"
PACKAGE_VERB = {
    "goods": "Procurement of",
    "works": "Renovation and repair of",
    "consulting": "Consulting on",
    "non_consulting": "Services for",
}
PACKAGE_VERB_RECURRENT = {"non_consulting": "Rental of services for"}
PACKAGE_RECURRENT = " (yearly subscription)"
PACKAGE_WHAT = {
    "equipment": "equipment",
    "software": "software",
    "network": "network infrastructure",
    "renovation": "premises",
}
PACKAGE_WHERE_ALL = ""
PACKAGE_WHERE_CLUSTER = " for {cluster}"
# The consulting packages of a works investment (consulting_lots in procurement_rules.yaml).
PACKAGE_NAME_LOT = "Package {number:02d}: Consulting on {lot} of the premises renovation{where}, {year} – {funding}"
PACKAGE_LOT = {
    "survey_design": "survey, detailed design and cost estimate",
    "appraisal": "appraisal of the detailed design and cost estimate",
    "supervision": "construction supervision",
}
CONSULTING_LOT = {
    "survey_design": "Survey, design and cost estimate",
    "appraisal": "Appraisal of design and cost estimate",
    "supervision": "Construction supervision",
}

KHLCNT_TITLE = "CONTRACTOR SELECTION PLAN"
KHLCNT_META = {
    "name": "Plan name",
    "owner": "Investor",
    "regime": "Legal basis",
    "decision": "Approval decision",
    "no_decision": "(none yet — write the decision's number and date once approved)",
    "total": "Total price of the packages",
    "funding_basis": "Funding basis",
    "regime_reason": "Legal regime applied",
    "price_rates": "Package prices include contingency and VAT",
    "splitting": "Package splitting warning",
    "approver": "Approver of the contractor selection plan",
    "investment_owners": "Investors of the premises renovation packages (see the Investor column)",
}
KHLCNT_COLUMN = {
    "number": "No.",
    "name": "Package name",
    "field": "Field",
    "value": "Estimate before contingency and tax (VND)",
    "contingency": "Contingency (VND)",
    "vat": "VAT (VND)",
    "price": "Package price (VND)",
    "funding_source": "Funding source",
    "method": "Contractor selection method",
    "procedure": "Contractor selection procedure",
    "domestic": "Domestic / international",
    "start": "Start of contractor selection",
    "selection_days": "Duration of contractor selection",
    "contract_type": "Contract type",
    "duration": "Package performance period",
    "optional_purchase": "Additional purchase option",
    "online": "Online contractor selection",
    "regime": "Legal regime",
    "rule": "Basis for the method",
    "owner": "Investor",
    "funding_basis": "Funding basis",
    "end": "Expected end",
}
DOMESTIC = {True: "Domestic", False: "International"}
KHLCNT_SELECTION_DAYS = "{days} days"
REGIME_REASON = {
    "chosen": "chosen by the planner for every package: {regime}",
    "by_date": "by each package's contractor selection start date: {regimes}",
    "one": "{regime} (from {start}) — the regime in force on the start date of contractor selection",
}
REGIME_CHOICE = {  # the procurement page's regime choice
    "by_date": "By each package's contractor selection start date (default)",
    "reason": "Regime applied and why",
    "changed_by_date": (
        "Packages rebuilt, each under the regime in force on its contractor selection start "
        "date; earlier edits were dropped."
    ),
}
PACKAGE_ID = "Package code"  # the id column of the procurement page's package table
KHLCNT_START = "Quarter {quarter} of {year}"
KHLCNT_START_MONTH = "Month {month} of {year} (quarter {quarter})"
KHLCNT_OWNER_CONFIDENCE = " ({confidence})"
KHLCNT_MORE_OWNERS = " and {count} other investors"
KHLCNT_PRICE_NOTE = "contingency {contingency}; VAT {vat} ({source})"
KHLCNT_DURATION = "{months} months"
YES_NO = {True: "Yes", False: "No"}
APPROVER_ROLE = {"owner": "investor", "authority": "competent person"}
APPROVER_TEXT = "{name} ({role}; {citation}; confidence: {confidence})"
APPROVER_UNNAMED = "(no organisation name in the organisations catalog)"

PROCUREMENT_MESSAGE = {
    "rules_invalid": "Contractor selection rules file {file} is not valid",
    "unknown_regime": "not one of the legal regimes: {known}",
    "no_regime_on": "the contractor selection start date must fall within the validity of a regime: {known}",
    "regime_twice": "the legal regime code is already in another file",
    "same_day": "two regimes applied by date must not take effect on the same day",
    "explain_limit": "{method}: package price {price} not above the limit {limit} ({citation})",
    "explain_open": "{method}: no limit on the package price ({citation})",
    "explain_group": (
        "{method}: packages {group} of the same field, investor, year and funding basis are one "
        "need and must not be split; the method is chosen by the packages' total price ({citation})"
    ),
    "unknown_package": "no package with this code",
    "unknown_line": "no plan line with this number (0 to {last})",
    "field_mismatch": "a {target} package does not take a {line} line",
    "year_mismatch": "a package of year {target} does not take a line of year {line}",
    "basis_mismatch": "yearly rented services and one-off purchases cannot be in one package",
    "empty_name": "the package name must not be empty",
    "long_name": "the package name is longer than {limit} characters",
    "method_not_lawful": (
        "method {method} cannot be used for a {field} package priced {value} ({basis}) under {regime}"
    ),
    "reason_required": "method {method} can only be chosen with a reason (legal basis) written by the planner",
    "unknown_method": "needs one of the methods: {known}",
    "line_twice": "the plan line is in more than one package",
    "line_missing": "the plan line is in no package",
    "splitting": (
        "Signs of package splitting: packages {packages} of the same field {field}, the same "
        "investor {owner}, the same year {year}, total price {value} over the limit {limit} of "
        "{method}; this total needs {required}"
    ),
    "splitting_procedure": (
        "Possible package splitting: one need ({item} of unit {centre} in {year}) sits in "
        "several packages {packages}, i.e. it is bought through several selection procedures; "
        "merge it into one package"
    ),
    "where_package": "package",
    "where_plan": "plan",
    "package_not_found": "Package not found",
    "coverage_broken": "The packages do not cover every plan line exactly once",
    "move_refused": "Could not move the plan lines to the package",
    "line_invalid": "Invalid plan line",
    "name_invalid": "Invalid package name",
    "method_invalid": "Invalid contractor selection method",
    "reason_missing": "A reason for the contractor selection method is missing",
    "item_not_in_catalog": "item code not in the catalog",
    "centre_no_cluster": "the centre is in no cluster",
    "grouping_refused": "Could not make packages from the plan lines",
    "regime_invalid": "Invalid procurement legal regime",
    "no_regime_for_day": "No procurement legal regime for this day",
    "rule_id_twice": "a rule code (id) is repeated",
    "effective_order": "effective_to is before effective_from",
    "open_missing": "field {field} has no method without a price limit (open bidding)",
    "last_row_general": "{name}: the last row must apply to every case",
    "keys_missing": "{name} lacks: {missing}",
}
