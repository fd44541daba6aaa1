"""The default procedure mix per level (``catalogs/procedures.csv``) and spreading a centre's
yearly dossiers over it, for counter sizing when a centre has not listed its own procedures.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from planner import labels
from planner.catalog import CATALOG_DIR
from planner.csvdata import as_float, load_models
from planner.errors import BadInput, Problem
from planner.models import Confidence, Level, Procedure

_FROZEN = ConfigDict(frozen=True, extra="forbid")
_SHARE_TOLERANCE = 1e-6

#: Label of each field code (what the interface shows; a label table, read in the session's
#: language — the survey template's drop-down is Vietnamese whatever the language).
FIELD_LABELS: dict[str, str] = labels.PROCEDURE_FIELD


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
            raise ValueError(labels.DATA_FILE["field_code"].format(known=", ".join(FIELD_LABELS)))
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

DEFAULT_PROCEDURES = CATALOG_DIR / "procedures.csv"


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
                    labels.DATA_FILE["level_shares"].format(
                        level=level.value, first=first, last=last
                    ),
                )
            )
    if problems:
        raise ProcedureTableError(
            labels.DATA_FILE["refused"].format(file=path.name, count=len(problems)), problems
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
        raise ValueError(labels.DATA_FILE["dossiers_integer"])
    if yearly_dossiers < 0:
        raise ValueError(labels.DATA_FILE["dossiers_negative"])
    rows = [r for r in table if r.level is level]
    if not rows:
        raise ValueError(labels.DATA_FILE["no_level_rows"].format(level=level.value))
    shares = [Fraction(repr(r.share_of_dossiers)) for r in rows]
    total = sum(shares)
    if total == 0:
        raise ValueError(labels.DATA_FILE["level_shares_zero"].format(level=level.value))
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
