"""Every table a page draws goes through :func:`show` or :func:`edit`: no "None", "nan" or "NaT".

Streamlit writes a missing value as the English word *None* (and pandas as *nan*/*NaT* once a
column is turned into text), which a district officer reads as an error. So each table is
tidied here, in one place, before it is drawn: a missing cell reads ``labels.EMPTY_CELL``
("–"). A column that had to take that mark becomes text: its whole numbers are written as
they are (they may be years: 2012, not 2012.0) and its fractions the Vietnamese way
(``1.234,5``), not Python's.

In an editor only the cells the user cannot change are tidied: a "–" typed back into an
editable cell would be saved as a value. ``tests/test_app_words.py`` scans app_pages/ so that
no page calls ``st.dataframe`` / ``st.data_editor`` past these two functions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import pandas as pd
import streamlit as st
from babel.numbers import format_decimal
from pandas.io.formats.style import Styler

from planner import labels

_WRITTEN_MISSING = frozenset({"None", "nan", "NaN", "NaT", "<NA>", "null"})


def missing(value: Any) -> bool:
    """True for None, NaN, NaT, pandas' NA, and those written out as text by a str() call."""
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, str):
        return value.strip() in _WRITTEN_MISSING
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or other container: not a missing cell
        return False


def cell_text(value: Any) -> Any:
    """One cell of a column that holds the empty mark: numbers in Vietnamese, the rest as is."""
    if missing(value):
        return labels.EMPTY_CELL
    if isinstance(value, bool):
        return labels.YES_NO[value]
    if isinstance(value, int):  # as is: a column of whole numbers may be years (2012, not 2.012)
        return str(value)
    if isinstance(value, float) and value.is_integer():  # an int column that pandas made float
        return str(int(value))
    if isinstance(value, float):  # up to two decimals, in Vietnamese
        return format_decimal(value, format="#,##0.##", locale=labels.babel_locale())
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalar
        return cell_text(value.item())
    return value


def tidy(frame: pd.DataFrame, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """``frame`` with every missing cell of ``columns`` (default: all) written as the empty mark."""
    out = frame.copy()
    chosen = list(out.columns) if columns is None else [c for c in columns if c in out.columns]
    for column in chosen:
        values = out[column]
        if values.map(missing).any():
            out[column] = values.astype(object).map(cell_text)
    return out


def show(frame: pd.DataFrame | Styler, where: Any = st, **kwargs: Any) -> Any:
    """``st.dataframe`` (or ``where.dataframe``) of the tidied frame; hide_index by default.

    A :class:`~pandas.io.formats.style.Styler` (money written by ``labels.money`` on screen while
    the cells keep their numbers) is tidied under its formats: its formatted columns hold
    numbers that are never missing, so the empty mark only reaches the others.
    """
    kwargs.setdefault("hide_index", True)
    if isinstance(frame, Styler):
        frame.data = tidy(frame.data)
        return where.dataframe(frame, **kwargs)
    return where.dataframe(tidy(frame), **kwargs)


def edit(frame: pd.DataFrame, where: Any = st, **kwargs: Any) -> Any:
    """``st.data_editor`` with the read-only columns (``disabled``) tidied; editable ones as is."""
    disabled = kwargs.get("disabled")
    if disabled is True:
        frame = tidy(frame)
    elif disabled:
        frame = tidy(frame, disabled)
    return where.data_editor(frame, **kwargs)


def with_total(
    rows: list[dict], amounts: dict[str, int], *, plain: Iterable[str] = ()
) -> pd.DataFrame:
    """``rows`` and a Tổng cộng row (in the first column) writing each of ``amounts`` (column →
    đồng) as money. Every cell is text, so a column keeps one type: whole numbers are written
    the Vietnamese way (1.234), except in the ``plain`` columns (years: 2018, not 2.018)."""
    if not rows:
        return pd.DataFrame(rows)
    first = next(iter(rows[0]))
    total = {first: labels.COLUMN["total"], **{k: labels.money(v) for k, v in amounts.items()}}
    frame = pd.DataFrame([*rows, total]).astype(object)
    frame = frame.where(frame.notna(), "")
    as_is = set(plain)
    for column in frame.columns:
        frame[column] = frame[column].map(
            lambda v, keep=column in as_is: (
                labels.number(v)
                if isinstance(v, int) and not isinstance(v, bool) and not keep
                else str(v)
            )
        )
    return frame
