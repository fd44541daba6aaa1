"""Excel workbooks: the survey template and its safe import, and the needs / proposal exports.

- :mod:`.template` — ``planner template``: a pre-filled survey workbook for one centre;
- :mod:`.survey_import` — ``planner import``: checks (:mod:`.safety`), reads, validates and
  saves an uploaded survey all-or-nothing;
- :mod:`.needs_export` and :mod:`.proposal` — workbooks with live formulas, in the official
  table look of :mod:`.styles`, with the total in words from :mod:`.amounts_in_words`.
"""
