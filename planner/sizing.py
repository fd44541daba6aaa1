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

import math
from collections.abc import Iterable, Sequence
from fractions import Fraction
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from planner.csvdata import as_float, load_models
from planner.errors import BadInput, Problem
from planner.models import Confidence, Level, Procedure

#: Vietnamese label of each field code (what the interface shows).
FIELD_LABELS: dict[str, str] = {
    "land": "Đất đai",
    "construction": "Xây dựng",
    "civil_status": "Hộ tịch",
    "certification": "Chứng thực",
    "business": "Đăng ký kinh doanh",
    "justice": "Tư pháp",
    "labour": "Lao động, việc làm",
    "social": "Bảo trợ xã hội, người có công",
    "transport": "Giao thông vận tải",
    "education": "Giáo dục và đào tạo",
    "health": "Y tế",
    "environment": "Tài nguyên và môi trường",
    "agriculture": "Nông nghiệp",
    "investment": "Kế hoạch và đầu tư",
    "other": "Lĩnh vực khác",
}

#: Label used for the shared counter pool when small fields are pooled.
POOL_FIELD = "pool"
POOL_LABEL = "Quầy dùng chung (nhiều lĩnh vực)"

_SHARE_TOLERANCE = 1e-6


def field_label(field: str) -> str:
    """The Vietnamese label of a field code; an unknown code is shown as it is."""
    if field == POOL_FIELD:
        return POOL_LABEL
    return FIELD_LABELS.get(field, field)


_FROZEN = ConfigDict(frozen=True, extra="forbid")


class ServiceTarget(BaseModel):
    """Service target: a ``share`` of citizens wait at most ``wait_minutes`` for a counter.

    ``share`` must be below 1: with random arrivals some citizen can always be unlucky, so
    "everybody within T minutes" would need infinitely many counters.
    """

    model_config = _FROZEN

    wait_minutes: float = Field(default=15.0, ge=0, allow_inf_nan=False)
    share: float = Field(default=0.8, gt=0, lt=1)


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


# --------------------------------------------------------------------------------------------
# Queueing formulas
# --------------------------------------------------------------------------------------------


def erlang_b(servers: int, offered_load: float) -> float:
    """Erlang B blocking probability by the stable recursion.

    ``B(0, a) = 1`` and ``B(k, a) = a·B(k−1, a) / (k + a·B(k−1, a))``. Every step stays in
    ``[0, 1]``, so there is no factorial or power to overflow even for hundreds of servers.
    """
    if servers < 0:
        raise ValueError("số quầy không được âm")
    if offered_load < 0 or not math.isfinite(offered_load):
        raise ValueError("tải (Erlang) phải là số không âm")
    b = 1.0
    for k in range(1, servers + 1):
        b = offered_load * b / (k + offered_load * b)
    return b


def erlang_c(servers: int, offered_load: float) -> float:
    """Probability that an arrival must wait in an M/M/c queue, ``C(c, a)``.

    Computed from Erlang B, ``C = c·B / (c − a·(1 − B))`` (equivalently
    ``B / (1 − (a/c)(1 − B))``), which equals the factorial formula in the module docstring.
    Returns 1.0 when ``a ≥ c`` (the queue grows without bound: everybody waits) and 0.0 when
    ``a = 0``.
    """
    if servers < 0:
        raise ValueError("số quầy không được âm")
    if offered_load < 0 or not math.isfinite(offered_load):
        raise ValueError("tải (Erlang) phải là số không âm")
    if offered_load == 0:
        return 0.0
    if offered_load >= servers:
        return 1.0
    b = erlang_b(servers, offered_load)
    c = servers * b / (servers - offered_load * (1.0 - b))
    return min(1.0, max(0.0, c))


def wait_probability_exceeds(
    servers: int, arrival_rate: float, service_rate: float, t: float
) -> float:
    """``P(W > t) = C(c, a) · exp(−(cμ − λ)·t)`` for M/M/c with ``a = λ/μ``.

    ``arrival_rate`` λ and ``service_rate`` μ (per counter) in the same unit of time as ``t``
    reciprocal (e.g. per minute and minutes). An unstable queue (``λ ≥ cμ``) gives 1.0.
    """
    if service_rate <= 0:
        raise ValueError("tốc độ phục vụ phải lớn hơn 0")
    if arrival_rate < 0 or t < 0:
        raise ValueError("tốc độ đến và thời gian chờ không được âm")
    if arrival_rate == 0:
        return 0.0
    load = arrival_rate / service_rate
    if load >= servers:
        return 1.0
    return erlang_c(servers, load) * math.exp(-(servers * service_rate - arrival_rate) * t)


def mean_wait(servers: int, arrival_rate: float, service_rate: float) -> float:
    """Mean waiting time before service ``E[W] = C(c, a) / (cμ − λ)``; ``inf`` if unstable.

    The unit is the reciprocal of the rates' unit (rates per minute → minutes).
    """
    if service_rate <= 0:
        raise ValueError("tốc độ phục vụ phải lớn hơn 0")
    if arrival_rate < 0:
        raise ValueError("tốc độ đến không được âm")
    if arrival_rate == 0:
        return 0.0
    load = arrival_rate / service_rate
    if load >= servers:
        return math.inf
    return erlang_c(servers, load) / (servers * service_rate - arrival_rate)


def share_within(
    servers: int, arrival_rate_per_hour: float, service_minutes: float, wait_minutes: float
) -> float:
    """``P(W ≤ wait_minutes)`` for ``servers`` counters (0.0 when the queue is unstable)."""
    if servers <= 0:
        return 1.0 if arrival_rate_per_hour == 0 else 0.0
    per_minute = arrival_rate_per_hour / 60.0
    return 1.0 - wait_probability_exceeds(servers, per_minute, 1.0 / service_minutes, wait_minutes)


def counters_needed(
    arrival_rate_per_hour: float,
    service_minutes: float,
    target: ServiceTarget = ServiceTarget(),
    minimum: int = 1,
) -> int:
    """Smallest number of counters ``c ≥ minimum`` that meets ``target``.

    With ``a = λ·s/60`` the search starts at ``max(minimum, ⌊a⌋ + 1)``, the smallest integer
    strictly above ``a`` (any fewer counters leave an ever-growing queue), and counts up until
    ``1 − C(c, a)·exp(−(c/s − λ/60)·T) ≥ p``. The left side increases with ``c`` and tends
    to 1, and ``p < 1``, so the loop ends; it also decreases with λ, increases with ``T`` and
    the condition loosens as ``p`` falls, which makes the result monotone in each of them.
    No arrivals → ``minimum``.
    """
    if minimum < 0:
        raise ValueError("số quầy tối thiểu không được âm")
    if not math.isfinite(arrival_rate_per_hour) or arrival_rate_per_hour < 0:
        raise ValueError("số hồ sơ đến mỗi giờ phải là số không âm")
    if not math.isfinite(service_minutes) or service_minutes <= 0:
        raise ValueError("thời gian xử lý một hồ sơ phải lớn hơn 0")
    if arrival_rate_per_hour == 0:
        return minimum
    load = arrival_rate_per_hour * service_minutes / 60.0
    servers = max(minimum, math.floor(load) + 1)
    while share_within(servers, arrival_rate_per_hour, service_minutes, target.wait_minutes) < (
        target.share
    ):
        servers += 1
    return servers


# --------------------------------------------------------------------------------------------
# Sizing a centre
# --------------------------------------------------------------------------------------------


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
    hours: OpeningHours = OpeningHours(),
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
                POOL_LABEL,
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


# --------------------------------------------------------------------------------------------
# Default procedure table
# --------------------------------------------------------------------------------------------


class ProcedureRow(BaseModel):
    """One row of ``catalogs/procedures.csv``."""

    model_config = _FROZEN

    level: Level
    field: str
    procedure: str = Field(min_length=1)
    share_of_dossiers: float = Field(ge=0, le=1, allow_inf_nan=False)
    handling_minutes: float = Field(gt=0, allow_inf_nan=False)
    source: str = Field(min_length=1)
    confidence: Confidence

    @field_validator("field")
    @classmethod
    def _known_field(cls, value: str) -> str:
        if value not in FIELD_LABELS:
            raise ValueError(f"cần một mã lĩnh vực: {', '.join(FIELD_LABELS)}")
        return value


class ProcedureTableError(BadInput, ValueError):
    """A refused procedure table; a :class:`ValueError` and the project's :class:`BadInput`."""


COLUMNS = (
    "level",
    "field",
    "procedure",
    "share_of_dossiers",
    "handling_minutes",
    "source",
    "confidence",
)

DEFAULT_PROCEDURES = Path(__file__).resolve().parent.parent / "catalogs" / "procedures.csv"


def load_procedures(path: Path | str = DEFAULT_PROCEDURES) -> list[ProcedureRow]:
    """Read and validate a procedure table; one bad row refuses the whole file.

    Each problem names the file, the row (the header is row 1), the column and the value, in
    Vietnamese. Besides each row's own checks, ``(level, procedure)`` must be unique and the
    shares of each level present must add up to 1 (within 1e-6).
    """
    path = Path(path)
    try:
        rows = load_models(
            path,
            ProcedureRow,
            converters={"share_of_dossiers": as_float, "handling_minutes": as_float},
            required=COLUMNS,
            key=lambda r: (r.level.value, r.procedure),
        )
    except BadInput as exc:
        raise ProcedureTableError(exc.args[0], exc.problems) from exc
    problems: list[Problem] = []
    for level in Level:
        numbered = [(n, r) for n, r in enumerate(rows, start=2) if r.level is level]
        if not numbered:
            continue
        total = sum(r.share_of_dossiers for _, r in numbered)
        if abs(total - 1.0) > _SHARE_TOLERANCE:
            first, last = numbered[0][0], numbered[-1][0]
            problems.append(
                Problem(
                    path.name,
                    None,
                    "share_of_dossiers",
                    round(total, 6),
                    f"tổng tỷ lệ hồ sơ các dòng cấp '{level.value}' (dòng {first}–{last}) "
                    "phải bằng 1",
                )
            )
    if problems:
        raise ProcedureTableError(
            f"Tệp {path.name} có {len(problems)} lỗi, không nạp dòng nào", problems
        )
    return rows


def procedures_for_centre(
    level: Level | str, yearly_dossiers: int, table: Sequence[ProcedureRow]
) -> list[Procedure]:
    """Spread a centre's yearly dossiers over its level's default procedures.

    Quotas ``q_i = N · w_i / Σ w`` (shares taken as the exact decimals written in the table,
    so the split does not depend on float rounding); each procedure gets ``⌊q_i⌋`` and the
    ``N − Σ⌊q_i⌋`` dossiers left go one each to the largest remainders ``q_i − ⌊q_i⌋`` (ties:
    table order) — the largest-remainder method, so the counts add up to ``N`` exactly.
    """
    level = Level(level)
    if isinstance(yearly_dossiers, bool) or not isinstance(yearly_dossiers, int):
        raise ValueError("số hồ sơ/năm phải là số nguyên")
    if yearly_dossiers < 0:
        raise ValueError("số hồ sơ/năm không được âm")
    rows = [r for r in table if r.level is level]
    if not rows:
        raise ValueError(f"bảng thủ tục không có dòng nào cho cấp '{level.value}'")
    shares = [Fraction(repr(r.share_of_dossiers)) for r in rows]
    total = sum(shares)
    if total == 0:
        raise ValueError(f"tổng tỷ lệ hồ sơ cấp '{level.value}' bằng 0")
    quotas = [yearly_dossiers * s / total for s in shares]
    counts = [math.floor(q) for q in quotas]
    left = yearly_dossiers - sum(counts)
    by_remainder = sorted(range(len(rows)), key=lambda i: (-(quotas[i] - counts[i]), i))
    for i in by_remainder[:left]:
        counts[i] += 1
    return [
        Procedure(
            field=r.field,
            name=r.procedure,
            yearly_dossiers=n,
            handling_minutes=r.handling_minutes,
        )
        for r, n in zip(rows, counts, strict=True)
    ]
