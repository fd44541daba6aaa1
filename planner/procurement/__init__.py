"""Procurement plan: funded lines → packages, each with a lawful selection method.

Pipeline (every step pure)::

    rules.load_rules()            catalogs/procurement_rules.yaml + catalogs/regimes/*.yaml → RuleBook
    packaging.build_plan(lines, catalog, centres, regime=..., options=...) → lawful ProcurementPlan
    edits.move_lines / rename_package / set_method → new ProcurementPlan
    splitting.splitting_check(plan) → flags;  splitting.resolve_splitting(plan) → plan
    output.procurement_json(plan) → {"packages", "procurement_regime", ...}
    khlcnt.write_khlcnt_sheet(worksheet, plan.packages, plan_meta(plan, name))
    output.ocds_release_package(plan, ocid_prefix, published)
"""

from planner.procurement.edits import (
    check_coverage,
    move_lines,
    rename_package,
    set_method,
)
from planner.procurement.grouping import funding_key, plan_lines_from_rows
from planner.procurement.khlcnt import PlanMeta, plan_meta, write_khlcnt_sheet
from planner.procurement.model import GroupingOptions, Package, ProcurementPlan
from planner.procurement.output import ocds_release_package, procurement_json, regime_reason
from planner.procurement.packaging import build_plan, make_lawful
from planner.procurement.rules import (
    REGIME_2013,
    REGIME_2023,
    REGIME_2024,
    Basis,
    Method,
    Regime,
    RuleBook,
    default_rules,
    load_rules,
)
from planner.procurement.splitting import (
    SplittingFlag,
    resolve_splitting,
    splitting_check,
)

__all__ = [
    "REGIME_2013",
    "REGIME_2023",
    "REGIME_2024",
    "Basis",
    "GroupingOptions",
    "Method",
    "Package",
    "PlanMeta",
    "ProcurementPlan",
    "Regime",
    "RuleBook",
    "SplittingFlag",
    "build_plan",
    "check_coverage",
    "default_rules",
    "funding_key",
    "load_rules",
    "make_lawful",
    "move_lines",
    "ocds_release_package",
    "plan_lines_from_rows",
    "plan_meta",
    "procurement_json",
    "regime_reason",
    "rename_package",
    "resolve_splitting",
    "set_method",
    "splitting_check",
    "write_khlcnt_sheet",
]
