"""The M/M/c (Erlang C) queue: probability of waiting, waiting-time tail, counters for a target.

With ``c`` counters, arrival rate ``λ`` and service rate ``μ`` per counter (offered load
``a = λ/μ`` Erlangs, stable when ``a < c``)::

    C(c, a) = (a^c / c!) · c/(c − a)  /  ( Σ_{k=0}^{c−1} a^k/k!  +  (a^c / c!) · c/(c − a) )
    P(W > t) = C(c, a) · exp(−(cμ − λ)·t)          E[W] = C(c, a) / (cμ − λ)

Pure functions; :mod:`planner.needs.sizing` applies them to a centre's fields.
"""

from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict

from planner import labels, limits

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class ServiceTarget(BaseModel):
    """Service target: a ``share`` of citizens wait at most ``wait_minutes`` for a counter.

    ``share`` must be below 1: with random arrivals some citizen can always be unlucky, so
    "everybody within T minutes" would need infinitely many counters.
    """

    model_config = _FROZEN

    wait_minutes: limits.WaitMinutes = 15.0
    share: limits.WaitShare = 0.8


def erlang_b(servers: int, offered_load: float) -> float:
    """Erlang B blocking probability by the stable recursion.

    ``B(0, a) = 1`` and ``B(k, a) = a·B(k−1, a) / (k + a·B(k−1, a))``. Every step stays in
    ``[0, 1]``, so there is no factorial or power to overflow even for hundreds of servers.
    """
    if servers < 0:
        raise ValueError(labels.QUEUE["servers_negative"])
    if offered_load < 0 or not math.isfinite(offered_load):
        raise ValueError(labels.QUEUE["load_negative"])
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
        raise ValueError(labels.QUEUE["servers_negative"])
    if offered_load < 0 or not math.isfinite(offered_load):
        raise ValueError(labels.QUEUE["load_negative"])
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
        raise ValueError(labels.QUEUE["service_rate"])
    if arrival_rate < 0 or t < 0:
        raise ValueError(labels.QUEUE["arrival_and_wait_negative"])
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
        raise ValueError(labels.QUEUE["service_rate"])
    if arrival_rate < 0:
        raise ValueError(labels.QUEUE["arrival_negative"])
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
    target: ServiceTarget = ServiceTarget(),  # noqa: B008 — frozen model, shared default is safe
    minimum: int = 1,
) -> int:
    """Smallest number of counters ``c ≥ minimum`` that meets ``target``.

    With ``a = λ·s/60`` the search starts at ``max(minimum, ⌊a⌋ + 1)``, the smallest integer
    strictly above ``a`` (any fewer counters leave an ever-growing queue), and counts up until
    ``1 − C(c, a)·exp(−(c/s − λ/60)·T) ≥ p``. The left side increases with ``c`` and tends
    to 1, and ``p < 1``, so the loop ends; it also decreases with λ, increases with ``T`` and
    the condition loosens as ``p`` falls, which makes the result monotone in each of them.
    No arrivals → ``minimum``.

    Cost: Erlang B is carried from ``c`` to ``c + 1`` by one step of its recursion instead of
    being recomputed, so the whole search is O(c) arithmetic; a load above
    :data:`planner.limits.OFFERED_LOAD` is refused before anything is computed, so no input can
    make the search run for minutes.
    """
    if minimum < 0:
        raise ValueError(labels.QUEUE["minimum_negative"])
    if not math.isfinite(arrival_rate_per_hour) or arrival_rate_per_hour < 0:
        raise ValueError(labels.QUEUE["arrivals_per_hour"])
    if not math.isfinite(service_minutes) or service_minutes <= 0:
        raise ValueError(labels.QUEUE["handling_minutes"])
    if arrival_rate_per_hour == 0:
        return minimum
    load = arrival_rate_per_hour * service_minutes / 60.0
    limits.OFFERED_LOAD.check(load)
    servers = max(minimum, math.floor(load) + 1)
    blocking = erlang_b(servers, load)
    rate = arrival_rate_per_hour / 60.0
    while _share_within(servers, load, blocking, rate, service_minutes, target) < target.share:
        servers += 1
        blocking = load * blocking / (servers + load * blocking)
    return servers


def _share_within(
    servers: int,
    load: float,
    blocking: float,
    rate_per_minute: float,
    service_minutes: float,
    target: ServiceTarget,
) -> float:
    """``P(W ≤ T) = 1 − C·exp(−(c/s − λ)·T)`` with ``C = c·B / (c − a·(1 − B))``, ``a < c``."""
    wait = min(1.0, max(0.0, servers * blocking / (servers - load * (1.0 - blocking))))
    decay = math.exp(-(servers / service_minutes - rate_per_minute) * target.wait_minutes)
    return 1.0 - wait * decay
