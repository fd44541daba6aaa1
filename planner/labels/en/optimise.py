"""English optimiser words (see ``planner.labels.optimise``)."""

from __future__ import annotations

OPTIMISE = {
    "years_sorted": "the list of years must be increasing, without repeats",
    "scenario_missing": "Scenario file {path} not found",
    "scenario_yaml": "File {name} is not valid YAML: {error}",
    "scenario_not_mapping": "File {name} must be a table of key: value (e.g. 'budget: 20000000000')",
    "scenario_invalid": "Scenario '{name}' is not valid",
    "instance_invalid": "Model data file {name} is not valid: {error}",
    "plan_invalid": "Plan file {name} is not valid: {error}",
    "must_buy_no_line": "the centre has no need for this item (no line to make a required purchase)",
    "must_buy_over": "more than the line's shortfall ({gap})",
    "not_finite": "the value coefficient is not a finite number (blank cell?)",
    "not_diminishing": "the value of the later part of a need must be between 0 and the value of the first part (diminishing value)",
    "year_outside": "year not in the planning period {years}",
    "unknown_source": "no such funding source; choose one of {sources}",
    "cbc_missing": "The CBC solver (program 'cbc') was not found; install the coinor-cbc package or use --solver highs",
    "solver_unknown": "Solver '{solver}' is not supported; choose one of: {known}",
    "solver_failed": "The solver found no plan (status: {status})",
    "infeasible": "No plan satisfies every constraint. Conflicting rules: {rules}. "
    "Short by {shortfall}. Details: {details}",
    "no_detail": "could not tell which rule to relax",
    "need_budget": "Needs --budget or --scenario",
    "budgets_format": "--budgets needs the form START:STOP:POINTS (VND), e.g. 5000000000:60000000000:25",
    "sweep_point": "Point {k}/{n}: budget {budget} → needs met {score} ({status})",
    "solved": "Status: {status} — {method}, optimality gap {gap}; needs met {score} "
    "(objective value {objective}); spent {spent} / {budget}; "
    "{lines} lines funded; {opened}/{centres} centres ready to operate; "
    "allocating in order of priority (the spreadsheet way) reached {greedy}",
    "no_budget": "unlimited",
    "evaluate_unknown_line": "line {centre}/{item} is not in the model data",
}

OPTIMISE_STATUS = {
    "optimal": "optimal (proven)",
    "feasible": "feasible",
    "time_limit": "stopped at the time limit (optimality not proven)",
    "infeasible": "infeasible",
    "error": "solver error",
}

NEED_MET = {
    "name": "Needs met",
    "points": "{value} points/100",
    "per_billion": "+{value} points/100 per billion VND",
    "greedy": "Allocating in order of priority (the spreadsheet way)",
    "marginal": "One more billion VND",
    "explain": "A 100-point scale: 100 = every need the scenario may fund is met, 0 = nothing "
    "is met. Each unit counts with its centre's weight (mountainous, dossiers), a bonus when a "
    "centre becomes ready to operate, less beyond the minimum, more in earlier years, minus any "
    "shortfall under the fairness floor. It is the objective the solver maximises, rescaled "
    "to 100.",
}

OPTIMISE_METHOD = {
    "milp": "whole model solved (MILP)",
    "decomposition": "decomposed by centre, budget priced (Lagrangian)",
}

OPTIMISE_REASON = {
    "policy": "excluded by the scenario's policy",
    "dependency": "a companion item (dependency or network port) was not funded",
    "cap": "over the category's spending cap",
    "budget": "not enough budget",
    "value": "lower value per VND than the lines chosen",
}

OPTIMISE_UNMET_NOTE = {
    "bought_with": "only bought together (the lines require each other): {items}",
}

OPTIMISE_RELAXED = {
    "budget": "{rule} ({limit}) short by {excess}",
    "cap": "{rule} ({limit}) would have to be exceeded by {excess}",
    "floor": "{rule} ({limit}) short by {excess}",
    "must_buy": "{rule} cannot be bought in full (short by {excess})",
    "fairness": "{rule} ({limit}) short by {excess}",
}

OPTIMISE_RULE = {
    "budget_total": "the total budget",
    "budget_year": "the budget of {year}",
    "budget_source": "the limit on {source}",
    "budget_source_year": "the limit on {source} in {year}",
    "cap": "the spending cap on {category}",
    "floor": "the minimum spending on {category}",
    "must_buy": "the required {quantity} {item} for {centre}",
    "fairness": "the minimum for {centre}",
    "fairness_floor": "the minimum for every centre ({share} of its unmet cost)",
}

FUNDING_SOURCE = {
    "province": "the provincial budget",
    "local": "the district/commune budget",
    "other": "other sources (programmes, projects)",
}

VIOLATION = {
    "unknown_line": "line {centre}/{item} is not in the model data",
    "bad_quantity": "line {centre}/{item}: quantity {quantity} must be a positive whole number",
    "bad_year": "line {centre}/{item}: year {year} is not in the planning period",
    "excluded": "line {centre}/{item}: the item is excluded in the scenario",
    "over_need": "line {centre}/{item}: buying {quantity} exceeds the shortfall {limit}",
    "over_repair": "line {centre}/{item}: repairing {quantity} exceeds the repairable {limit}",
    "budget": "budget {rule}: spent {used} exceeds {limit}",
    "cap": "category cap {category}: spent {used} exceeds {limit}",
    "floor": "category floor {category}: spent {used} below {limit}",
    "dependency": "centre {centre}: {item} needs {requires} ({kind})",
    "ports": "centre {centre}: {missing} switch ports missing",
    "must_buy": "required line {centre}/{item}: funded {quantity} < {limit}",
    "fairness": "centre {centre}: spent {used} below the minimum {limit}",
}
