"""English survey-round words (see ``planner.labels.rounds``)."""

from __future__ import annotations

ROUNDS = {
    # --- the stored round and what refuses it (planner.store.rounds) ---------------------------
    "where": "Survey round",
    "field_name": "Round name",
    "field_opens_on": "Opening date",
    "field_deadline": "Deadline",
    "invalid": "The survey round is not valid; nothing was saved",
    "name_empty": "a round name is needed, not blank",
    "name_long": "a round name has at most {limit} characters",
    "date_needed": "a date is needed",
    "date_range": "a date from {low} to {high} is needed",
    "deadline_before": "the deadline may not be before the opening date ({opens})",
    "too_long": "a survey round lasts at most {limit} days (this one {days} days)",
    "restore_date": "a date as yyyy-mm-dd is needed",
    "restore_date_column": "column '{column}': a date as yyyy-mm-dd is needed",
    # --- each centre's status against the round (planner.services.survey_round) -------------------------
    "status_submitted": "Submitted",
    "status_updated": "Updated after submission",
    "status_not_started": "Not started",
    "status_late": "Late / overdue",
    "legend": (
        "Only surveys saved from the form or an upload within the round (from its opening date) "
        "count; illustrative data does not. On time means first saved in the round on or before "
        "the deadline day (Vietnam time). *Updated after submission*: the centre saved again "
        "after its first submission, so the figures of scenarios already run may be stale."
    ),
    # --- the round shown on both pages ---------------------------------------------------------
    "heading": "Survey round",
    "current": "**{name}** — open from {opens}, deadline {deadline}: {left}",
    "days_left": "{n} days left",
    "due_today": "today is the deadline",
    "days_overdue": "{n} days overdue",
    "not_open": "not open yet (opens in {n} days)",
    "no_round": "No survey round yet: there is no deadline, and every centre counts as not started.",
    "set_by": "Set by {by} at {at}.",
    # --- the planner's form (Tổng quan) --------------------------------------------------------
    "form_title": "Open a new survey round or change the deadline",
    "form_help": (
        "Saving adds a round that replaces the current one (earlier rounds are kept). To extend "
        "the deadline, keep the name and opening date and change the deadline."
    ),
    "submit": "Save the survey round",
    "saved": "Survey round '{name}' saved: deadline {deadline}.",
    # --- the status board (Tổng quan) ----------------------------------------------------------
    "board": "Survey submissions",
    "centres": "Centres",
    "filter_status": "Filter by status",
    "filter_area": "Area",
    "area_all": "All",
    "area_mountainous": "Mountainous",
    "area_lowland": "Not mountainous",
    "search": "Search by centre code or name",
    "shown": "Showing {shown} of {total} centres.",
    "nothing_matches": "No centre matches the filters.",
    "col_mountainous": "Mountainous",
    "col_status": "Status",
    "col_first": "First submitted in the round",
    "col_last": "Last saved",
    "col_version": "Version",
    "col_by": "Saved by",
    "col_source": "Source",
    "download": "Download the submissions board (Excel)",
    "file_name": "survey-submissions.xlsx",
    # --- the board's workbook (planner.excel.round_board) --------------------------------------
    "sheet": "Submissions",
    "title": "SURVEY SUBMISSIONS",
    "subtitle": "{name}: open from {opens}, deadline {deadline} — made on {today}",
    "subtitle_none": "No survey round yet (no deadline) — made on {today}",
    "subtitle_filtered": "With the filters chosen: {shown} of {total} centres",
    # --- what the centre's officer sees (Khảo sát hiện trạng) ----------------------------------
    "notice": "Survey round **{name}**: deadline {deadline} — {left}.",
    "notice_submitted": "Your centre's survey for this round was submitted on {first}.",
    "notice_updated": (
        "Your centre's survey for this round was submitted on {first} and updated on {last}."
    ),
    "notice_not_started": "Your centre has not submitted its survey for this round yet.",
    "notice_late": "Your centre's survey for this round was submitted late, on {first}.",
    "notice_overdue": "The deadline has passed and your centre has not submitted its survey.",
}
