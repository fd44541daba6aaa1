"""Domain limits for every number a user can enter, each with the Vietnamese message naming it.

One place, read by the Excel import, the models (so the web form is covered too), the command
line and the scenario loader. The limits are far above anything a real centre reaches (the
provincial centre of Thanh Hoá has about 1,800 m², 45 counters and 150,000 dossiers a year) and
far below what breaks the arithmetic downstream: a floor area of ``1E400`` is ``inf`` once read,
``inf × norm`` makes the needs analysis and the optimiser's coefficients meaningless, and
10¹² dossiers a year asks the Erlang C search for millions of counters. Refusing at the door
keeps one district's typing error from stopping every planner's page.

Each :class:`Limit` refuses ``nan``, ``±inf``, booleans and values outside ``[low, high]`` (or
the open bound where stated) with a sentence such as "Diện tích sàn (m²) phải từ 0 đến
100.000 m²". Use :meth:`Limit.check` in code, :meth:`Limit.problem` to collect problems without
raising, and :meth:`Limit.annotated` for a pydantic field.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Any

from babel.numbers import format_decimal
from pydantic import AfterValidator, Field, StrictInt

from planner import labels


def _show(value: float) -> str:
    """Vietnamese number: ``100000`` → ``'100.000'``, ``0.999`` → ``'0,999'`` (English ``100,000``)."""
    locale = labels.babel_locale()
    if float(value).is_integer():
        return format_decimal(int(value), locale=locale)
    return format_decimal(value, format="#,##0.######", locale=locale)


@dataclass(frozen=True)
class Limit:
    """The allowed range of one quantity, with the words used to explain a refusal."""

    label: str  # what the number is, in Vietnamese, as the user knows it (key of LIMIT_NAME)
    low: float
    high: float
    unit: str = ""
    low_open: bool = False  # True: the value must be strictly above ``low``
    high_open: bool = False  # True: the value must be strictly below ``high``
    integer: bool = False

    @property
    def message(self) -> str:
        """``"<label> phải từ <low> đến <high> <unit>"`` (or "lớn hơn … và không quá …").

        In the session's language (``labels.LIMIT``; the name and unit through
        ``labels.LIMIT_NAME`` / ``LIMIT_UNIT``, keyed by the Vietnamese words declared here).
        """
        words = labels.LIMIT
        unit = f" {labels.LIMIT_UNIT.get(self.unit, self.unit)}" if self.unit else ""
        kind = words["integer"] if self.integer else words["number"]
        low = words["above" if self.low_open else "from"].format(value=_show(self.low))
        if self.high_open:
            high = words["below"].format(value=_show(self.high))
        elif self.low_open:
            high = words["at_most"].format(value=_show(self.high))
        else:
            high = words["to"].format(value=_show(self.high))
        name = labels.LIMIT_NAME.get(self.label, self.label)
        return words["message"].format(label=name, kind=kind, low=low, high=high, unit=unit)

    def problem(self, value: Any) -> str | None:
        """``None`` when ``value`` is allowed, else :attr:`message`."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return self.message
        if self.integer and not (isinstance(value, int) or float(value).is_integer()):
            return self.message
        if isinstance(value, float) and not math.isfinite(value):
            return self.message
        if value < self.low or (self.low_open and value == self.low):
            return self.message
        if value > self.high or (self.high_open and value == self.high):
            return self.message
        return None

    def check(self, value: Any) -> Any:
        """``value`` unchanged if allowed, else :class:`ValueError` with the message."""
        error = self.problem(value)
        if error:
            raise ValueError(error)
        return value

    def annotated(self) -> Any:
        """A pydantic type: ``StrictInt`` or ``float`` checked against this limit."""
        base = StrictInt if self.integer else float
        return Annotated[base, AfterValidator(self.check)]  # for dynamic use; aliases below


# --- The premises and the survey ---------------------------------------------------------------

FLOOR_AREA = Limit("Diện tích sàn khu một cửa", 0, 100_000, "m²")
RENOVATION_AREA = Limit("Diện tích cần cải tạo", 0, 100_000, "m²")
COUNTERS = Limit("Số quầy", 0, 1_000, "quầy", integer=True)
STAFF = Limit("Số cán bộ", 0, 10_000, "người", integer=True)
YEARLY_DOSSIERS = Limit("Số hồ sơ mỗi năm", 0, 10_000_000, "hồ sơ", integer=True)
HANDLING_MINUTES = Limit("Thời gian xử lý một hồ sơ", 0, 480, "phút", low_open=True)
QUANTITY = Limit("Số lượng", 0, 100_000, integer=True)
PROCEDURES_PER_SURVEY = Limit("Số thủ tục hành chính", 0, 2_000, "thủ tục", integer=True)
LINES_PER_SURVEY = Limit("Số dòng khảo sát", 0, 5_000, "dòng", integer=True)

# --- The catalog ---------------------------------------------------------------------------------

UNIT_PRICE = Limit("Đơn giá", 0, 100_000_000_000, "đồng", integer=True)
LIFETIME_YEARS = Limit("Thời gian sử dụng", 1, 100, "năm", integer=True)
NETWORK_PORTS = Limit("Số cổng mạng", 0, 1_000, "cổng", integer=True)
NORM_QUANTITY = Limit("Số lượng định mức", 0, 10_000, low_open=True)
NORM_N = Limit("Hệ số N của định mức", 1, 10_000, integer=True)
DEPENDENCY_RATIO = Limit("Tỷ lệ phụ thuộc", 0, 1_000, low_open=True)

# --- Budgets, scenarios and the solver -----------------------------------------------------------

BUDGET = Limit("Ngân sách", 0, 100_000_000_000_000, "đồng", integer=True)
PRICE_MULTIPLIER = Limit("Hệ số giá", 0, 100, low_open=True)
WEIGHT = Limit("Trọng số", 0, 1_000)
CENTRE_WEIGHT = Limit("Trọng số đơn vị", 0, 1_000, low_open=True)
FAIRNESS_PENALTY = Limit("Mức phạt công bằng", 0, 1_000_000, low_open=True)
PORTS_PER_SWITCH = Limit("Số cổng mỗi thiết bị chuyển mạch", 1, 1_000, "cổng", integer=True)
PLAN_YEARS = Limit("Số năm kế hoạch", 1, 20, "năm", integer=True)
GAP = Limit("Sai số tối ưu (gap)", 0, 1)
TIME_LIMIT = Limit("Giới hạn thời gian giải", 0, 86_400, "giây", low_open=True)
WORKERS = Limit("Số tiến trình giải song song", 1, 64, integer=True)
SWEEP_POINTS = Limit("Số điểm của đường cong ngân sách", 1, 200, "điểm", integer=True)

# --- Counter sizing ------------------------------------------------------------------------------

WAIT_SHARE = Limit("Tỷ lệ người dân chờ dưới mức mục tiêu", 0, 0.999, low_open=True)
WAIT_MINUTES = Limit("Thời gian chờ mục tiêu", 0, 480, "phút")
POOL_BELOW = Limit("Ngưỡng gộp lĩnh vực", 0, 1_000, "Erlang")
#: Offered load (Erlangs) beyond which the Erlang C search is not even started: the limits
#: above give at most 10⁷/250/8 × 1.5 × 480/60 = 60,000 Erlangs for one field.
OFFERED_LOAD = Limit("Tải của một lĩnh vực", 0, 100_000, "Erlang")

# --- Pydantic field types (static aliases, so that type checkers read them) -------------------
# Whole numbers keep pydantic's own lower bound first, so "-5" is still "không nhỏ hơn 0".

FloorArea = Annotated[float, AfterValidator(FLOOR_AREA.check)]
RenovationArea = Annotated[float, AfterValidator(RENOVATION_AREA.check)]
Counters = Annotated[StrictInt, Field(ge=COUNTERS.low), AfterValidator(COUNTERS.check)]
Staff = Annotated[StrictInt, Field(ge=STAFF.low), AfterValidator(STAFF.check)]
YearlyDossiers = Annotated[
    StrictInt, Field(ge=YEARLY_DOSSIERS.low), AfterValidator(YEARLY_DOSSIERS.check)
]
HandlingMinutes = Annotated[float, AfterValidator(HANDLING_MINUTES.check)]
Quantity = Annotated[StrictInt, Field(ge=QUANTITY.low), AfterValidator(QUANTITY.check)]
UnitPrice = Annotated[StrictInt, Field(ge=UNIT_PRICE.low), AfterValidator(UNIT_PRICE.check)]
LifetimeYears = Annotated[
    StrictInt, Field(ge=LIFETIME_YEARS.low), AfterValidator(LIFETIME_YEARS.check)
]
NetworkPorts = Annotated[
    StrictInt, Field(ge=NETWORK_PORTS.low), AfterValidator(NETWORK_PORTS.check)
]
NormQuantity = Annotated[float, AfterValidator(NORM_QUANTITY.check)]
NormN = Annotated[StrictInt, Field(ge=NORM_N.low), AfterValidator(NORM_N.check)]
DependencyRatio = Annotated[float, AfterValidator(DEPENDENCY_RATIO.check)]
Budget = Annotated[StrictInt, Field(ge=BUDGET.low), AfterValidator(BUDGET.check)]
PriceMultiplier = Annotated[float, AfterValidator(PRICE_MULTIPLIER.check)]
Weight = Annotated[float, AfterValidator(WEIGHT.check)]
CentreWeight = Annotated[float, AfterValidator(CENTRE_WEIGHT.check)]
FairnessPenalty = Annotated[float, AfterValidator(FAIRNESS_PENALTY.check)]
PortsPerSwitch = Annotated[
    StrictInt, Field(ge=PORTS_PER_SWITCH.low), AfterValidator(PORTS_PER_SWITCH.check)
]
WaitShare = Annotated[float, AfterValidator(WAIT_SHARE.check)]
WaitMinutes = Annotated[float, AfterValidator(WAIT_MINUTES.check)]


def scenario_problems(scenario: Any) -> list[tuple[str, Any, str]]:
    """``(field, value, message)`` for every number of a budget scenario beyond its limit.

    Read by the scenario loader (files, the web form and stored scenarios all go through it),
    so that ``budget: 1e30``, ``price_multiplier: .inf`` or a weight of ``1e308`` never reach
    the optimiser, whose coefficients they would make meaningless.
    """
    checks: list[tuple[str, Any, Limit]] = []
    if scenario.budget is not None:
        checks.append(("budget", scenario.budget, BUDGET))
    for name in ("budget_by_year", "budget_by_source", "category_caps", "category_floors"):
        checks += [(f"{name}.{k}", v, BUDGET) for k, v in getattr(scenario, name).items()]
    for source, by_year in scenario.budget_by_source_year.items():
        checks += [(f"budget_by_source_year.{source}.{y}", v, BUDGET) for y, v in by_year.items()]
    checks.append(("price_multiplier", scenario.price_multiplier, PRICE_MULTIPLIER))
    checks.append(("ports_per_switch", scenario.ports_per_switch, PORTS_PER_SWITCH))
    if scenario.years is not None:
        checks.append(("years", len(scenario.years), PLAN_YEARS))
    checks += [
        (f"centre_weights.{k}", v, CENTRE_WEIGHT) for k, v in scenario.centre_weights.items()
    ]
    weights = scenario.weights
    checks += [(f"weights.tier.{k}", v, WEIGHT) for k, v in weights.tier.items()]
    for name in ("mountainous_bonus", "dossier_bonus", "go_live_bonus"):
        checks.append((f"weights.{name}", getattr(weights, name), WEIGHT))
    checks.append(("weights.fairness_penalty", weights.fairness_penalty, FAIRNESS_PENALTY))
    checks += [
        (f"must_buy.{i}.quantity", m.quantity, QUANTITY)
        for i, m in enumerate(scenario.must_buy)
        if m.quantity is not None
    ]
    found = []
    for field, value, limit in checks:
        error = limit.problem(value)
        if error:
            found.append((field, value, error))
    return found
