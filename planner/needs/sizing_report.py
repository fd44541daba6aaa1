"""Why a centre needs the counters it does: the sizing by field, as rows for tables and sheets.

The needs page (``app_pages/needs.py``) and the needs workbook's "Số quầy" sheet
(:mod:`planner.excel.counters_sheet`) show the same rows, built here from a
:class:`~planner.needs.sizing.CounterSizing`:

* one row per field that receives dossiers and keeps counters of its own;
* when small fields are pooled (``sizing.pooled``), one row for the shared pool instead of the
  pooled fields, labelled with the fields it serves;

so the ``counters`` of the rows add up to ``sizing.total_counters`` — the sized count before the
floor of one counter per centre (:func:`planner.needs.counters.sized_counters`).
"""

from __future__ import annotations

from typing import cast

from planner import labels
from planner.models import Survey
from planner.needs.analysis import CentreNeeds
from planner.needs.counters import sized_counters
from planner.needs.sizing import CounterSizing, FieldSizing, field_label

S = labels.SIZING
ROW_KEYS = (
    "field",
    "yearly_dossiers",
    "arrivals",
    "service_minutes",
    "counters",
    "utilisation",
    "expected_wait",
    "within_target",
)


def _label(f: FieldSizing) -> str:
    if f.pooled_fields:
        return S["pool_of"].format(
            label=f.label, fields="; ".join(field_label(x) for x in f.pooled_fields)
        )
    return f.label


def sizing_rows(sizing: CounterSizing) -> list[dict[str, object]]:
    """One record per counter group (English keys of :data:`ROW_KEYS`), in field order."""
    pooled = set(sizing.pool.pooled_fields) if sizing.pool else set()
    groups = [f for f in sizing.fields if f.yearly_dossiers and f.field not in pooled]
    if sizing.pool:
        groups.append(sizing.pool)
    return [
        {
            "field": _label(f),
            "yearly_dossiers": f.yearly_dossiers,
            "arrivals": f.arrival_rate_per_hour,
            "service_minutes": f.service_minutes,
            "counters": f.counters,
            "utilisation": f.utilisation,
            "expected_wait": f.expected_wait_minutes,
            "within_target": f.share_within_target,
        }
        for f in groups
    ]


def sizing_table(sizing: CounterSizing) -> list[dict[str, object]]:
    """:func:`sizing_rows` with the Vietnamese column labels, rounded for reading."""
    digits = {
        "arrivals": 2,
        "service_minutes": 1,
        "utilisation": 3,
        "expected_wait": 1,
        "within_target": 3,
    }
    return [
        {S[k]: round(cast(float, v), digits[k]) if k in digits else v for k, v in row.items()}
        for row in sizing_rows(sizing)
    ]


def explanation(centre: CentreNeeds, survey: Survey | None) -> list[str]:
    """Sentences under the table: both counts, the one used, the target and where the volumes come from."""
    sizing = centre.sizing
    if sizing is None:
        return []
    target, hours = sizing.target, sizing.hours
    lines = [
        S["why_caption"].format(
            surveyed=centre.surveyed_counters,
            sized=sized_counters(sizing),
            used=labels.COUNTER_SOURCE[centre.counter_source.value].lower(),
            share=f"{labels.number(target.share * 100)}%",
            minutes=labels.number(target.wait_minutes, 0),
            hours=labels.number(hours.hours_per_day),
            days=hours.days_per_year,
            peak=labels.number(hours.peak_factor, 1),
        )
    ]
    lines.append(
        S["own_procedures"] if survey is not None and survey.procedures else S["default_procedures"]
    )
    if sizing.total_counters == 0:
        lines.append(S["no_dossiers"])
    return lines
