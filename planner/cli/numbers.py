"""Numbers typed on the command line, checked against :mod:`planner.limits` by argparse.

``argparse`` turns an :class:`argparse.ArgumentTypeError` into a usage message and exit 2, so
``--budget inf``, ``--gap nan``, ``--time-limit -5`` or ``--workers 0`` stop before anything is
read or solved, with the sentence naming the limit.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable

from planner import labels
from planner.limits import BUDGET, SWEEP_POINTS, Limit


def number(limit: Limit, option: str) -> Callable[[str], float]:
    """An argparse ``type`` reading a decimal number within ``limit``."""

    def parse(text: str) -> float:
        try:
            value = float(text.strip().replace(",", "."))
        except ValueError:
            raise argparse.ArgumentTypeError(
                labels.SAFETY["bad_number"].format(option=option, value=text)
            ) from None
        error = limit.problem(value)
        if error:
            raise argparse.ArgumentTypeError(error)
        return value

    return parse


def whole(limit: Limit, option: str) -> Callable[[str], int]:
    """An argparse ``type`` reading a whole number within ``limit`` (``2e10`` is fine)."""
    as_float = number(limit, option)

    def parse(text: str) -> int:
        text = text.strip()
        if "," in text:  # "1,000" must not become 1 (a decimal comma) nor 1000 (a guess)
            raise argparse.ArgumentTypeError(
                labels.SAFETY["bad_number"].format(option=option, value=text)
            )
        if text.lstrip("-").isdigit():  # exact, even beyond float precision
            value: float = int(text)
        else:
            value = as_float(text)
        if not math.isfinite(value) or value != int(value):
            raise argparse.ArgumentTypeError(limit.message)
        error = limit.problem(int(value))
        if error:
            raise argparse.ArgumentTypeError(error)
        return int(value)

    return parse


def sweep_budgets(text: str) -> str:
    """``START:STOP:N`` with both ends within the budget limit and N within the points limit.

    The text itself is returned: ``planner.optimise.sweep.parse_budgets`` still spaces the
    points; this only keeps a million-point or ``1e400`` sweep from starting.
    """
    parts = text.split(":")
    if len(parts) != 3:
        raise argparse.ArgumentTypeError(labels.OPTIMISE["budgets_format"])
    whole(BUDGET, "--budgets")(parts[0])
    whole(BUDGET, "--budgets")(parts[1])
    whole(SWEEP_POINTS, "--budgets")(parts[2])
    return text
