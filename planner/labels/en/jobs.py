"""English words of a long run a page watches (see ``planner.labels.jobs``)."""

from __future__ import annotations

JOBS = {
    "starting": "Starting…",
    "running": "Solving… step: {step} — running for {seconds} seconds",
    "stopping": "Stopping… — running for {seconds} seconds",
    "stop": "Stop",
    "stop_help": "Stop this run; the latest result stays as it is",
    "stopped": "The run was stopped on request; there is no new result",
    "stopped_run": "The run was stopped after {seconds} seconds; it has no result and was not "
    "kept.",
    "previous_run_kept": "The latest result is still shown below.",
    "previous_curve_kept": "The latest budget curve is still shown below.",
    "finished_in": "Done in {seconds} seconds.",
    "stage_decomposition": "Solving centre by centre (decomposition by the budget's price)…",
    "stage_whole_model": "Solving the whole model (HiGHS)…",
    "stage_one_unit": "Checking every add, remove or swap of one unit…",
    "stage_explain": "Finding the rules to relax (no feasible plan)…",
    "stage_marginals": "Computing the value of one more billion đồng…",
    "sweep_point": "point {k}/{n}: budget {budget}",
}
