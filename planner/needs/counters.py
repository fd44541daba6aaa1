"""Which counter count the per-counter norms multiply: the surveyed one or the sized one.

Sizing (:mod:`planner.needs.sizing`) derives the counters a centre needs from its procedures and
dossier volumes. A centre's survey may list its own procedures; otherwise its yearly dossiers
are spread over its level's default procedure mix (``catalogs/procedures.csv``). A centre is
given at least one counter even when it reports no dossiers: it still has to receive citizens.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from planner.models import Centre, Premises, Survey
from planner.needs.procedures import ProcedureRow, load_procedures, procedures_for_centre
from planner.needs.queueing import ServiceTarget
from planner.needs.sizing import CounterSizing, OpeningHours, size_centre


class CounterSource(StrEnum):
    SURVEYED = "surveyed"
    SIZED = "sized"


@dataclass(frozen=True)
class SizingOptions:
    """The service target and opening hours a planner sizes counters for."""

    target: ServiceTarget = ServiceTarget()
    hours: OpeningHours = OpeningHours()
    pool_below: float | None = None
    table: Sequence[ProcedureRow] = field(default_factory=load_procedures)


def centre_sizing(
    centre: Centre, premises: Premises, survey: Survey | None, options: SizingOptions
) -> CounterSizing:
    """Size one centre from its own procedure list, else from its level's default mix."""
    procedures = (
        list(survey.procedures)
        if survey and survey.procedures
        else procedures_for_centre(centre.level, premises.yearly_dossiers, options.table)
    )
    return size_centre(procedures, options.hours, options.target, options.pool_below)


def sized_counters(sizing: CounterSizing) -> int:
    return max(1, sizing.total_counters)


def size_all(
    centres: Iterable[Centre],
    surveys: Mapping[str, tuple[int, Survey]],
    options: SizingOptions,
) -> dict[str, CounterSizing]:
    out = {}
    for centre in centres:
        survey = surveys.get(centre.code, (None, None))[1]
        premises = survey.premises if survey else centre.premises
        out[centre.code] = centre_sizing(centre, premises, survey, options)
    return out


def sizing_json(surveyed: int, sizing: CounterSizing, used: CounterSource) -> dict:
    """The ``counters`` key a centre gets in ``planner needs --json``."""
    return {
        "surveyed": surveyed,
        "sized": sized_counters(sizing),
        "used": used.value,
        "pooled": sizing.pooled,
        "target": {"wait_minutes": sizing.target.wait_minutes, "share": sizing.target.share},
        "by_field": [
            {
                "field": f.field,
                "label": f.label,
                "yearly_dossiers": f.yearly_dossiers,
                "counters": f.counters,
                "utilisation": round(f.utilisation, 4),
                "expected_wait_minutes": round(f.expected_wait_minutes, 2),
                "share_within_target": round(f.share_within_target, 4),
            }
            for f in sizing.fields
            if f.yearly_dossiers
        ],
    }
