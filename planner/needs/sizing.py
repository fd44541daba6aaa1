"""Counter sizing from procedures and dossier volumes: an M/M/c (Erlang C) queue per field.

Everything here is pure: no database, no files except :func:`load_procedures`.

The model
---------
A centre receives dossiers at the counters of each *field* (lĩnh vực). For one field:

* arrival rate in the busy hour (dossiers per hour)::

      λ = yearly_dossiers / days_per_year / hours_per_day × peak_factor

* mean service time ``s`` (minutes) = dossier-weighted mean of the procedures' handling
  minutes, so service rate per counter ``μ = 60 / s`` per hour;
* offered load in Erlangs ``a = λ / μ = λ·s / 60`` (how many counters are busy on average);
* with ``c`` counters and ``a < c`` the queue is stable; with Poisson arrivals and exponential
  service times (M/M/c) the probability that a citizen has to wait at all is Erlang C::

      C(c, a) = (a^c / c!) · c/(c − a)  /  ( Σ_{k=0}^{c−1} a^k/k!  +  (a^c / c!) · c/(c − a) )

* the waiting time ``W`` has the tail ``P(W > t) = C(c, a) · exp(−(cμ − λ)·t)`` and mean
  ``E[W] = C(c, a) / (cμ − λ)``;
* the service target "a share ``p`` of citizens wait at most ``T`` minutes" is met when
  ``P(W ≤ T) = 1 − C(c, a)·exp(−(cμ − λ)·T) ≥ p``. Both ``C`` and the exponential decrease as
  ``c`` grows, so the smallest such ``c`` is found by counting up from ``⌊a⌋ + 1``.

Assumptions a planner should know: arrivals are random (Poisson) within the busy hour, handling
times are exponential, nobody leaves the queue, and counters of one field serve only that
field. Figures in ``catalogs/procedures.csv`` are illustrative (confidence ``unconfirmed``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ConfigDict, Field

from planner import labels
from planner.models import Procedure
from planner.needs.procedures import FIELD_LABELS
from planner.needs.queueing import ServiceTarget, counters_needed, erlang_c, mean_wait, share_within

#: Code of the shared counter pool when small fields are pooled (its label: field_label).
POOL_FIELD = "pool"


def field_label(field: str) -> str:
    """The label of a field code in the session's language; an unknown code is shown as it is."""
    if field == POOL_FIELD:
        return labels.SIZING["pool_label"]
    return FIELD_LABELS.get(field, field)


_FROZEN = ConfigDict(frozen=True, extra="forbid")


class OpeningHours(BaseModel):
    """Opening time of the counters and how much busier the busy hour is than the average."""

    model_config = _FROZEN

    hours_per_day: float = Field(default=8.0, gt=0, le=24)
    days_per_year: int = Field(default=250, gt=0, le=366)
    peak_factor: float = Field(default=1.5, ge=1, allow_inf_nan=False)

    def arrival_rate_per_hour(self, yearly_dossiers: float) -> float:
        """Busy-hour arrival rate ``λ = yearly / days / hours × peak_factor`` (dossiers/hour)."""
        return yearly_dossiers / self.days_per_year / self.hours_per_day * self.peak_factor


class FieldSizing(BaseModel):
    """Counters for one field (or for the shared pool, ``field == "pool"``) and how they do."""

    model_config = _FROZEN

    field: str
    label: str
    yearly_dossiers: int
    counters: int
    arrival_rate_per_hour: float
    service_minutes: float
    offered_load: float  # Erlangs: mean number of busy counters
    utilisation: float  # offered_load / counters (0 when there are no counters)
    wait_probability: float  # Erlang C: share of citizens who must wait at all
    expected_wait_minutes: float
    share_within_target: float  # P(wait ≤ target.wait_minutes)
    pooled_fields: tuple[str, ...] = ()  # only for the pool: which fields share it


class CounterSizing(BaseModel):
    """The counters a centre needs.

    ``fields`` always holds the separate sizing of every field. When pooling pays
    (``pooled`` true), the fields in ``pool.pooled_fields`` share ``pooled_counters`` counters
    instead of their separate ones, and ``total_counters`` counts the pool once.
    ``total_counters`` is never above ``separate_counters``.
    """

    model_config = _FROZEN

    fields: tuple[FieldSizing, ...]
    total_counters: int
    separate_counters: int
    pooled: bool
    pooled_counters: int | None = None
    pool: FieldSizing | None = None
    hours: OpeningHours
    target: ServiceTarget


def _sizing(
    field: str,
    label: str,
    yearly: int,
    arrival: float,
    service: float,
    counters: int,
    target: ServiceTarget,
    pooled_fields: tuple[str, ...] = (),
) -> FieldSizing:
    load = arrival * service / 60.0
    if counters == 0 or arrival == 0:
        wait_p, expected, within = 0.0, 0.0, 1.0
    else:
        per_minute, mu = arrival / 60.0, 1.0 / service
        wait_p = erlang_c(counters, load)
        expected = mean_wait(counters, per_minute, mu)
        within = share_within(counters, arrival, service, target.wait_minutes)
    return FieldSizing(
        field=field,
        label=label,
        yearly_dossiers=yearly,
        counters=counters,
        arrival_rate_per_hour=arrival,
        service_minutes=service,
        offered_load=load,
        utilisation=load / counters if counters else 0.0,
        wait_probability=wait_p,
        expected_wait_minutes=expected,
        share_within_target=within,
        pooled_fields=pooled_fields,
    )


def _weighted_service(items: Iterable[tuple[int, float]]) -> float:
    """Dossier-weighted mean handling minutes; the plain mean when no item has dossiers."""
    pairs = list(items)
    total = sum(n for n, _ in pairs)
    if total == 0:
        return sum(m for _, m in pairs) / len(pairs)
    return sum(n * m for n, m in pairs) / total


def size_centre(
    procedures: Sequence[Procedure],
    hours: OpeningHours = OpeningHours(),  # noqa: B008 — frozen model, shared default is safe
    target: ServiceTarget = ServiceTarget(),
    pool_below: float | None = None,
) -> CounterSizing:
    """Counters per field for a centre's procedures, optionally pooling the small fields.

    Per field ``f`` (in order of first appearance):

    * ``N_f = Σ yearly_dossiers`` of its procedures, ``λ_f = N_f / days / hours × peak``;
    * ``s_f = Σ N_i·m_i / N_f`` (dossier-weighted mean handling minutes ``m_i``);
    * ``c_f = counters_needed(λ_f, s_f, target, minimum=1)`` when ``N_f > 0`` — every field
      that receives dossiers gets at least one counter (Decree 61/2018 divides the reception
      area into counters by field) — and 0 when it receives none.

    Pooling (``pool_below`` given): the fields whose offered load ``a_f = λ_f·s_f/60`` is
    below ``pool_below`` Erlangs (and that have dossiers) share one pool, sized as one queue
    with ``λ = Σ λ_f`` and ``s = Σ λ_f·s_f / Σ λ_f``. This is an *approximation*: the pool
    really serves a mix of service times (a hyper-exponential, not an exponential), whose
    waits are somewhat longer than an M/M/c with the mean service time predicts; it is also
    why pooling is skipped for fewer than two small fields. The pooled total is
    ``Σ c_f (large fields) + c_pool`` and the result keeps the smaller of it and the separate
    total (pooling only when strictly fewer counters): a planner may always keep separate
    counters, so pooling can never be the reason to need more.

    A caveat of the weighted mean: adding dossiers of a procedure much *quicker* than the rest
    of its field lowers ``s_f`` and may lower ``c_f``, because the model then treats every
    dossier of the field as quick. Scaling a centre's volume up (all procedures alike) or
    adding dossiers to a field of equal handling times never lowers a count.
    """
    order: list[str] = []
    groups: dict[str, list[Procedure]] = {}
    for proc in procedures:
        if proc.field not in groups:
            order.append(proc.field)
            groups[proc.field] = []
        groups[proc.field].append(proc)

    separate: list[FieldSizing] = []
    for field in order:
        procs = groups[field]
        yearly = sum(p.yearly_dossiers for p in procs)
        arrival = hours.arrival_rate_per_hour(yearly)
        service = _weighted_service((p.yearly_dossiers, p.handling_minutes) for p in procs)
        counters = counters_needed(arrival, service, target, minimum=1 if yearly > 0 else 0)
        separate.append(
            _sizing(field, field_label(field), yearly, arrival, service, counters, target)
        )
    separate_total = sum(s.counters for s in separate)

    pool: FieldSizing | None = None
    total = separate_total
    if pool_below is not None:
        small = [s for s in separate if s.yearly_dossiers > 0 and s.offered_load < pool_below]
        if len(small) >= 2:
            arrival = sum(s.arrival_rate_per_hour for s in small)
            service = sum(s.arrival_rate_per_hour * s.service_minutes for s in small) / arrival
            counters = counters_needed(arrival, service, target, minimum=1)
            candidate = _sizing(
                POOL_FIELD,
                field_label(POOL_FIELD),
                sum(s.yearly_dossiers for s in small),
                arrival,
                service,
                counters,
                target,
                pooled_fields=tuple(s.field for s in small),
            )
            pooled_total = separate_total - sum(s.counters for s in small) + counters
            if pooled_total < separate_total:
                pool, total = candidate, pooled_total

    return CounterSizing(
        fields=tuple(separate),
        total_counters=total,
        separate_counters=separate_total,
        pooled=pool is not None,
        pooled_counters=pool.counters if pool is not None else None,
        pool=pool,
        hours=hours,
        target=target,
    )
