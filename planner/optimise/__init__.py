"""Budget optimiser: scenario → instance → PuLP model → plan (see docs/architecture.md).

Modules, in pipeline order: ``scenario`` (what a planner sets), ``instance`` (the numbers),
``model`` + ``constraints`` (the MILP), ``solve`` (solvers and status), ``plan`` (the result),
``explain`` (unmet reasons, infeasibility), ``greedy`` (baseline), ``sweep`` (budget curve),
``accounting`` + ``evaluate`` (scoring any plan), ``optimiser`` (the front door).
"""
