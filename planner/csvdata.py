"""Reading data files (CSV, YAML) into validated models, all rows checked before anything is kept.

The rule for every data file: one bad row refuses the whole file, and the refusal lists every
bad row (file, row, column, value, what was expected). Row numbers count the header as row 1,
as a spreadsheet does, so a user can find the row they must fix.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar, cast

import yaml
from pydantic import BaseModel, ValidationError

from planner import labels
from planner.errors import BadInput, Problem, problems_from_validation

M = TypeVar("M", bound=BaseModel)

_INT = re.compile(r"^[+-]?\d+$")
_FLOAT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def as_int(text: str) -> int | str:
    """An integer cell, or the text unchanged so that validation names it as wrong."""
    return int(text) if _INT.match(text) else text


def as_float(text: str) -> float | str:
    return float(text) if _FLOAT.match(text) else text


def as_bool(text: str) -> bool | str:
    lowered = text.lower()
    if lowered in ("1", "true", "yes", labels.EXCHANGE["yes"], "x"):
        return True
    if lowered in ("0", "false", "no", labels.EXCHANGE["no"]):
        return False
    return text


Converter = Callable[[str], object]


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a UTF-8 CSV file (a BOM from Excel is tolerated)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [dict(row) for row in reader]
        return list(reader.fieldnames or []), rows


def load_models(
    path: Path,
    model: type[M],
    converters: dict[str, Converter],
    required: Iterable[str],
    build: Callable[[dict[str, object]], dict[str, object]] | None = None,
    key: Callable[[M], object] | None = None,
) -> list[M]:
    """Validate every row of ``path`` as ``model``; raise one :class:`BadInput` listing all problems.

    ``converters`` turn cell text into typed values (blank cells are left out so that model
    defaults apply); ``build`` reshapes a row dict (e.g. nesting premises); ``key`` names the
    identity that must be unique within the file.
    """
    header, rows = read_rows(path)
    where = path.name
    missing = [c for c in required if c not in header]
    if missing:
        raise BadInput(
            labels.DATA_FILE["missing_columns"].format(file=where),
            [Problem(where, 1, col, None, labels.DATA_FILE["missing_column"]) for col in missing],
        )
    problems: list[Problem] = []
    out: list[M] = []
    seen: dict[object, int] = {}
    for number, row in enumerate(rows, start=2):
        if None in row:  # more cells than header columns
            extra = cast(dict[object, object], row)[None]  # DictReader's list of surplus cells
            problems.append(Problem(where, number, None, extra, labels.DATA_FILE["extra_cells"]))
            continue
        values = {
            col: converters.get(col, str.strip)(text.strip())
            for col, text in row.items()
            if text is not None and text.strip() != ""
        }
        try:
            obj = model.model_validate(build(values) if build else values)
        except ValidationError as exc:
            problems.extend(problems_from_validation(exc, where, number))
            continue
        if key is not None:
            ident = key(obj)
            if ident in seen:
                duplicate = labels.DATA_FILE["duplicate"].format(row=seen[ident])
                problems.append(Problem(where, number, None, ident, duplicate))
                continue
            seen[ident] = number
        out.append(obj)
    if problems:
        refused = labels.DATA_FILE["refused"].format(file=where, count=len(problems))
        raise BadInput(refused, problems)
    return out


def load_yaml_model(path: Path, model: type[M], message: str) -> M:
    """One YAML file validated as ``model``; a refusal says ``message`` and lists every problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise BadInput(f"{message}: {exc}") from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise BadInput(message, problems_from_validation(exc, path.name, None)) from exc
