"""Counter sizing (planner.needs.sizing): Erlang C against textbook values, monotonicity, the table."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from planner.errors import BadInput
from planner.models import Procedure
from planner.needs.procedures import COLUMNS, FIELD_LABELS, load_procedures, procedures_for_centre
from planner.needs.queueing import (
    ServiceTarget,
    counters_needed,
    erlang_b,
    erlang_c,
    mean_wait,
    wait_probability_exceeds,
)
from planner.needs.sizing import OpeningHours, size_centre

CATALOG = Path(__file__).resolve().parent.parent / "catalogs" / "procedures.csv"
SCHEMA = CATALOG.with_name("procedures.schema.csv")


def erlang_c_direct(c: int, a: Fraction) -> Fraction:
    """Independent check: the textbook factorial formula, in exact rational arithmetic.

    C(c, a) = (a^c/c!)·c/(c−a) / (Σ_{k<c} a^k/k! + (a^c/c!)·c/(c−a)),  a < c.
    """
    top = a**c / math.factorial(c) * Fraction(c) / (c - a)
    return top / (sum(a**k / math.factorial(k) for k in range(c)) + top)


# --------------------------------------------------------------------------------------------
# Erlang C: exact values derived by hand, literature values, and the factorial formula
# --------------------------------------------------------------------------------------------


def test_erlang_c_values_derived_by_hand():
    # M/M/1: P(wait) = ρ (every queueing text, e.g. Kleinrock, Queueing Systems I, §3.2:
    # P0 = 1 − ρ, and an arrival waits iff the server is busy). a = 0.5 → 0.5.
    assert erlang_c(1, 0.5) == pytest.approx(0.5, abs=1e-12)
    # c = 2, a = 1: a^2/2!·2/(2−1) = 1; Σ_{k<2} a^k/k! = 1 + 1 = 2; C = 1/(2+1) = 1/3.
    assert erlang_c(2, 1.0) == pytest.approx(1 / 3, abs=1e-12)
    # c = 3, a = 2: a^3/3!·3/(3−2) = (8/6)·3 = 4; Σ_{k<3} = 1 + 2 + 2 = 5; C = 4/9 = 0.4444.
    assert erlang_c(3, 2.0) == pytest.approx(4 / 9, abs=1e-12)
    # c = 2, a = 1/2: (1/8)·2/(3/2) = 1/6; Σ = 3/2; C = (1/6)/(3/2 + 1/6) = 1/10.
    assert erlang_c(2, 0.5) == pytest.approx(0.1, abs=1e-12)


def test_erlang_c_literature_values():
    # Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example"
    # (callcentrehelper.com): 100 calls per 30 min, 180 s handling → A = 10 Erlangs; with
    # 11 agents the probability a call waits is 68.21 % and the service level for a 20 s
    # target 39 %; 14 agents give 17.41 %. (Quoted from memory of the article; each value is
    # also checked against the exact factorial formula below.)
    assert erlang_c(11, 10.0) == pytest.approx(0.6821, abs=5e-5)
    assert erlang_c(14, 10.0) == pytest.approx(0.1741, abs=5e-5)
    sl = 1 - wait_probability_exceeds(11, 100 / 1800, 1 / 180, 20)  # per second
    assert sl == pytest.approx(0.39, abs=5e-3)
    for c in (11, 14):
        assert erlang_c(c, 10.0) == pytest.approx(
            float(erlang_c_direct(c, Fraction(10))), rel=1e-12
        )

    # Footbridge "Call Calc" application note (al911.org/qos_calc.htm; same values as the US
    # Department of Justice 9-1-1 staffing tables): 2 call takers, 60 s calls at 30 per hour →
    # "fewer than 8 percent of callers will wait more than 10 seconds"; with 80 s per call
    # (60 s + 20 s wrap-up) "the QOS falls to 14 percent".
    # By hand: a = 30·60/3600 = 1/2, C(2, 1/2) = 1/10 (above); cμ − λ = 2/60 − 1/120 = 1/40
    # per s; P(W > 10 s) = 0.1·e^(−0.25) = 0.0779. With 80 s: a = 2/3, C(2, 2/3) = 1/6;
    # cμ − λ = 2/80 − 1/120 = 1/60; P(W > 10) = (1/6)·e^(−1/6) = 0.1411.
    p60 = wait_probability_exceeds(2, 30 / 3600, 1 / 60, 10)
    p80 = wait_probability_exceeds(2, 30 / 3600, 1 / 80, 10)
    assert p60 == pytest.approx(0.1 * math.exp(-0.25), rel=1e-12)
    assert p60 < 0.08
    assert p80 == pytest.approx(math.exp(-1 / 6) / 6, rel=1e-12)
    assert round(p80, 2) == 0.14


@given(
    c=st.integers(min_value=1, max_value=10),
    num=st.integers(min_value=1, max_value=1000),
    den=st.integers(min_value=1, max_value=100),
)
def test_erlang_c_matches_factorial_formula(c, num, den):
    a = Fraction(num, den)
    assume(a < c)
    assert erlang_c(c, float(a)) == pytest.approx(float(erlang_c_direct(c, a)), rel=1e-9, abs=1e-15)


def test_erlang_b_textbook_value():
    # Erlang B, c = 2, a = 1: (1/2)/(1 + 1 + 1/2) = 1/5 (Erlang loss formula a^c/c! / Σ a^k/k!).
    assert erlang_b(2, 1.0) == pytest.approx(0.2, abs=1e-12)


def test_erlang_c_edges_and_stability():
    assert erlang_c(3, 3.0) == 1.0
    assert erlang_c(3, 7.5) == 1.0
    assert erlang_c(5, 0.0) == 0.0
    # hundreds of servers: no overflow, a probability in (0, 1)
    value = erlang_c(600, 570.0)
    assert 0.0 < value < 1.0
    assert erlang_c(2000, 100.0) == pytest.approx(0.0, abs=1e-300)


def test_mean_wait_and_tail():
    # M/M/1, λ = 0.5, μ = 1: E[Wq] = ρ/(μ − λ) = 0.5/0.5 = 1; P(W > t) = ρ·e^{−(μ−λ)t}.
    assert mean_wait(1, 0.5, 1.0) == pytest.approx(1.0)
    assert wait_probability_exceeds(1, 0.5, 1.0, 2.0) == pytest.approx(0.5 * math.exp(-1.0))
    assert wait_probability_exceeds(1, 0.5, 1.0, 0.0) == pytest.approx(0.5)
    assert mean_wait(2, 2.0, 1.0) == math.inf
    assert wait_probability_exceeds(2, 2.0, 1.0, 5.0) == 1.0


# --------------------------------------------------------------------------------------------
# counters_needed
# --------------------------------------------------------------------------------------------


def test_counters_needed_example():
    # Call Centre Helper example in the same units: 200 arrivals/h, 3 min each, 80 % within
    # 20 s (1/3 min), A = 10. Service level 1 − C(c,10)·e^{−(c−10)·20/180}, with C from the
    # exact factorial formula: 13 agents → 79.6 % (short of 80 %), 14 agents → 88.8 %.
    def level(c: int) -> float:
        return 1 - float(erlang_c_direct(c, Fraction(10))) * math.exp(-(c - 10) * 20 / 180)

    assert level(13) == pytest.approx(0.7956, abs=1e-4)
    assert level(14) == pytest.approx(0.8884, abs=1e-4)
    target = ServiceTarget(wait_minutes=1 / 3, share=0.8)
    assert counters_needed(200.0, 3.0, target) == 14


def test_counters_needed_no_arrivals_and_minimum():
    assert counters_needed(0.0, 10.0) == 1
    assert counters_needed(0.0, 10.0, minimum=0) == 0
    assert counters_needed(0.0, 10.0, minimum=3) == 3
    assert counters_needed(0.1, 10.0, minimum=4) == 4


@given(
    rate=st.floats(min_value=0.01, max_value=300),
    service=st.floats(min_value=1, max_value=60),
    wait=st.floats(min_value=0, max_value=60),
    share=st.floats(min_value=0.05, max_value=0.99),
)
def test_counters_needed_is_the_smallest(rate, service, wait, share):
    target = ServiceTarget(wait_minutes=wait, share=share)
    c = counters_needed(rate, service, target)
    load = rate * service / 60
    assert c > load
    lam, mu = rate / 60, 1 / service
    assert 1 - wait_probability_exceeds(c, lam, mu, wait) >= share
    if c - 1 >= 1:
        assert 1 - wait_probability_exceeds(c - 1, lam, mu, wait) < share


@given(
    rate=st.floats(min_value=0, max_value=300),
    extra=st.floats(min_value=0, max_value=300),
    service=st.floats(min_value=1, max_value=60),
)
def test_more_arrivals_never_fewer_counters(rate, extra, service):
    assert counters_needed(rate + extra, service) >= counters_needed(rate, service)


@given(
    rate=st.floats(min_value=0, max_value=300),
    service=st.floats(min_value=1, max_value=60),
    wait=st.floats(min_value=0, max_value=60),
    longer=st.floats(min_value=0, max_value=60),
    share=st.floats(min_value=0.05, max_value=0.99),
    smaller=st.floats(min_value=0, max_value=0.5),
)
def test_looser_target_never_more_counters(rate, service, wait, longer, share, smaller):
    strict = ServiceTarget(wait_minutes=wait, share=share)
    loose_wait = ServiceTarget(wait_minutes=wait + longer, share=share)
    loose_share = ServiceTarget(wait_minutes=wait, share=max(0.01, share - smaller))
    base = counters_needed(rate, service, strict)
    assert counters_needed(rate, service, loose_wait) <= base
    assert counters_needed(rate, service, loose_share) <= base


def test_service_target_refuses_everybody():
    with pytest.raises(ValueError):
        ServiceTarget(share=1.0)


# --------------------------------------------------------------------------------------------
# size_centre
# --------------------------------------------------------------------------------------------

FIELDS = sorted(FIELD_LABELS)

procedure_st = st.builds(
    Procedure,
    field=st.sampled_from(FIELDS[:6]),
    name=st.text(min_size=1, max_size=5),
    yearly_dossiers=st.integers(min_value=0, max_value=200_000),
    handling_minutes=st.floats(min_value=1, max_value=60),
)
procedures_st = st.lists(procedure_st, min_size=1, max_size=12)
target_st = st.builds(
    ServiceTarget,
    wait_minutes=st.floats(min_value=0, max_value=30),
    share=st.floats(min_value=0.5, max_value=0.95),
)


def test_size_centre_groups_by_field_and_weights_service():
    procs = [
        Procedure(field="land", name="a", yearly_dossiers=3000, handling_minutes=20),
        Procedure(field="land", name="b", yearly_dossiers=1000, handling_minutes=40),
        Procedure(field="civil_status", name="c", yearly_dossiers=0, handling_minutes=10),
    ]
    hours = OpeningHours(hours_per_day=8, days_per_year=250, peak_factor=1.5)
    result = size_centre(procs, hours)
    land, civil = result.fields
    assert land.field == "land" and land.label == "Đất đai"
    assert land.yearly_dossiers == 4000
    assert land.arrival_rate_per_hour == pytest.approx(4000 / 250 / 8 * 1.5)  # 3 per hour
    assert land.service_minutes == pytest.approx((3000 * 20 + 1000 * 40) / 4000)  # 25
    assert land.offered_load == pytest.approx(3 * 25 / 60)
    assert land.counters == counters_needed(3.0, 25.0, ServiceTarget())
    assert land.utilisation == pytest.approx(land.offered_load / land.counters)
    assert land.share_within_target >= 0.8
    assert civil.counters == 0 and civil.label == "Hộ tịch"
    assert result.total_counters == result.separate_counters == land.counters
    assert not result.pooled and result.pooled_counters is None


def test_pooling_small_fields_saves_counters():
    procs = [
        Procedure(field=f, name=f, yearly_dossiers=1000, handling_minutes=10)
        for f in ("labour", "social", "transport", "education")
    ]
    separate = size_centre(procs)
    pooled = size_centre(procs, pool_below=1.0)
    assert separate.total_counters == 4
    assert pooled.pooled and pooled.pool is not None
    assert set(pooled.pool.pooled_fields) == {"labour", "social", "transport", "education"}
    assert pooled.total_counters == pooled.pooled_counters < 4
    assert pooled.pool.share_within_target >= 0.8


@settings(max_examples=150, deadline=None)
@given(procs=procedures_st, target=target_st)
def test_every_field_with_dossiers_gets_a_counter(procs, target):
    result = size_centre(procs, target=target)
    for sizing in result.fields:
        if sizing.yearly_dossiers > 0:
            assert sizing.counters >= 1
            assert sizing.share_within_target >= target.share - 1e-12
        else:
            assert sizing.counters == 0
    assert result.total_counters == sum(s.counters for s in result.fields)


@settings(max_examples=150, deadline=None)
@given(procs=procedures_st, target=target_st, factor=st.integers(min_value=1, max_value=20))
def test_more_dossiers_never_fewer_counters(procs, target, factor):
    # Scaling every procedure up keeps each field's service time and raises its arrivals.
    bigger = [p.model_copy(update={"yearly_dossiers": p.yearly_dossiers * factor}) for p in procs]
    small, large = size_centre(procs, target=target), size_centre(bigger, target=target)
    for a, b in zip(small.fields, large.fields, strict=True):
        assert b.counters >= a.counters
    assert large.total_counters >= small.total_counters


@settings(max_examples=150, deadline=None)
@given(
    volumes=st.lists(st.integers(min_value=0, max_value=100_000), min_size=1, max_size=6),
    extra=st.integers(min_value=0, max_value=100_000),
    which=st.integers(min_value=0, max_value=5),
    minutes=st.floats(min_value=1, max_value=60),
)
def test_adding_dossiers_to_a_uniform_field_never_fewer_counters(volumes, extra, which, minutes):
    procs = [
        Procedure(field="land", name=str(i), yearly_dossiers=v, handling_minutes=minutes)
        for i, v in enumerate(volumes)
    ]
    i = which % len(procs)
    more = list(procs)
    more[i] = procs[i].model_copy(update={"yearly_dossiers": procs[i].yearly_dossiers + extra})
    assert size_centre(more).total_counters >= size_centre(procs).total_counters


@settings(max_examples=150, deadline=None)
@given(procs=procedures_st, target=target_st, pool_below=st.floats(min_value=0, max_value=5))
def test_pooled_never_needs_more_than_separate(procs, target, pool_below):
    separate = size_centre(procs, target=target)
    pooled = size_centre(procs, target=target, pool_below=pool_below)
    assert pooled.separate_counters == separate.total_counters
    assert pooled.total_counters <= separate.total_counters
    if pooled.pooled:
        assert pooled.pool is not None and pooled.pool.counters >= 1
        kept = sum(s.counters for s in pooled.fields if s.field not in pooled.pool.pooled_fields)
        assert pooled.total_counters == kept + pooled.pooled_counters


@settings(max_examples=150, deadline=None)
@given(
    volumes=st.lists(st.integers(min_value=1, max_value=20_000), min_size=2, max_size=6),
    minutes=st.floats(min_value=1, max_value=60),
    target=target_st,
)
def test_pool_of_equal_service_times_is_no_larger_than_its_parts(volumes, minutes, target):
    # With one service time the pool is an exact M/M/c and sharing counters can only help
    # (the economies of scale of Erlang C), so no min() is needed for this to hold.
    procs = [
        Procedure(field=f, name=f, yearly_dossiers=v, handling_minutes=minutes)
        for f, v in zip(FIELDS, volumes, strict=False)
    ]
    separate = size_centre(procs, target=target)
    arrival = sum(s.arrival_rate_per_hour for s in separate.fields)
    pool = counters_needed(arrival, minutes, target)
    assert pool <= separate.total_counters


# --------------------------------------------------------------------------------------------
# The default procedure table
# --------------------------------------------------------------------------------------------


def test_default_table_loads_and_is_complete():
    rows = load_procedures(CATALOG)
    for level in ("province", "district", "commune"):
        at = [r for r in rows if r.level.value == level]
        assert 8 <= len(at) <= 15
        assert sum(r.share_of_dossiers for r in at) == pytest.approx(1.0, abs=1e-9)
        assert all(r.confidence.value == "unconfirmed" for r in at)
    assert all(r.field in FIELD_LABELS for r in rows)
    header = CATALOG.read_text(encoding="utf-8").splitlines()[0]
    assert header == ",".join(COLUMNS)
    schema = SCHEMA.read_text(encoding="utf-8").splitlines()
    assert schema[0] == "column,type,unit,meaning"
    assert [line.split(",")[0] for line in schema[1:]] == list(COLUMNS)


def test_default_table_sizes_a_commune_centre():
    procs = procedures_for_centre("commune", 20_000, load_procedures(CATALOG))
    result = size_centre(procs, pool_below=1.0)
    assert result.total_counters >= 1
    assert result.total_counters <= result.separate_counters


@settings(max_examples=200, deadline=None)
@given(
    level=st.sampled_from(["province", "district", "commune"]),
    n=st.integers(min_value=0, max_value=5_000_000),
)
def test_procedures_for_centre_adds_up_exactly(level, n):
    table = load_procedures(CATALOG)
    procs = procedures_for_centre(level, n, table)
    rows = [r for r in table if r.level.value == level]
    assert len(procs) == len(rows)
    assert sum(p.yearly_dossiers for p in procs) == n
    for p, r in zip(procs, rows, strict=True):
        # largest remainder: every count is its quota rounded down or up
        quota = n * Fraction(repr(r.share_of_dossiers))
        assert math.floor(quota) <= p.yearly_dossiers <= math.ceil(quota)
        assert p.name == r.procedure and p.handling_minutes == r.handling_minutes


def test_procedures_for_centre_refuses_bad_input():
    table = load_procedures(CATALOG)
    with pytest.raises(ValueError):
        procedures_for_centre("commune", -1, table)
    with pytest.raises(ValueError):
        procedures_for_centre("moon", 10, table)
    with pytest.raises(ValueError):
        procedures_for_centre("commune", 10, [r for r in table if r.level.value != "commune"])


GOOD = (
    "level,field,procedure,share_of_dossiers,handling_minutes,source,confidence\n"
    "commune,civil_status,Đăng ký khai sinh,0.6,15,minh hoạ,unconfirmed\n"
    "commune,land,Đăng ký biến động,0.4,20,minh hoạ,unconfirmed\n"
)


def test_bad_row_names_file_row_column_and_value(tmp_path):
    path = tmp_path / "procedures.csv"
    path.write_text(GOOD.replace("0.4,20", "0.4,nhanh"), encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_procedures(path)
    message = str(info.value)
    assert "procedures.csv" in message
    assert "dòng 3" in message  # header is row 1
    assert "handling_minutes" in message
    assert "nhanh" in message
    assert isinstance(info.value, BadInput)


@pytest.mark.parametrize(
    ("old", "new", "column"),
    [
        ("commune,land", "village,land", "level"),
        ("commune,land", "commune,fishing", "field"),
        ("0.4,20", "1.4,20", "share_of_dossiers"),
        ("0.4,20", "0.4,0", "handling_minutes"),
        ("20,minh hoạ,unconfirmed\n", "20,minh hoạ,maybe\n", "confidence"),
    ],
)
def test_each_bad_column_is_located(tmp_path, old, new, column):
    path = tmp_path / "procedures.csv"
    path.write_text(GOOD.replace(old, new), encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_procedures(path)
    assert "dòng 3" in str(info.value)
    assert f"cột '{column}'" in str(info.value)


def test_shares_must_add_up(tmp_path):
    path = tmp_path / "procedures.csv"
    path.write_text(GOOD.replace("0.4,20", "0.3,20"), encoding="utf-8")
    with pytest.raises(ValueError, match="bằng 1"):
        load_procedures(path)


def test_missing_column_and_duplicate(tmp_path):
    path = tmp_path / "procedures.csv"
    path.write_text(GOOD.replace(",confidence\n", "\n", 1), encoding="utf-8")
    with pytest.raises(ValueError, match="confidence"):
        load_procedures(path)
    path.write_text(GOOD + "commune,land,Đăng ký biến động,0,20,x,unconfirmed\n", encoding="utf-8")
    with pytest.raises(ValueError, match="dòng 4"):
        load_procedures(path)
