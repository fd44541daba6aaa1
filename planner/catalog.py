"""Load and validate ``catalogs/``: items and prices, norms, dependencies and funding policy.

A :class:`Catalog` is immutable and carries a ``version``: the SHA-256 of the files it was
read from, so a survey template, a plan or an export can say which prices it used.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from planner.csvdata import as_bool, as_float, as_int, load_models, load_yaml_model
from planner.errors import BadInput, Problem
from planner.models import Dependency, Item, Level, Norm, Policy

CATALOG_DIR = Path(__file__).resolve().parent.parent / "catalogs"

ITEM_COLUMNS = (
    "code",
    "name",
    "category",
    "unit",
    "unit_price",
    "price_date",
    "source",
    "confidence",
    "lifetime_years",
    "priority_tier",
    "procurement_field",
    "recurring",
    "network_ports",
)
NORM_COLUMNS = ("level", "item", "basis", "quantity", "n", "go_live", "source", "confidence")
DEPENDENCY_COLUMNS = ("item", "requires", "kind", "ratio", "note")

_CATALOG_FILES = ("items.csv", "norms.csv", "dependencies.csv", "policy.yaml")


@dataclass(frozen=True)
class Catalog:
    """Everything priced and normed; one version of ``catalogs/``."""

    items: dict[str, Item]
    norms: tuple[Norm, ...]
    dependencies: tuple[Dependency, ...]
    policy: Policy
    version: str
    note: str = field(default="", compare=False)

    def norms_for(self, level: Level) -> list[Norm]:
        return [n for n in self.norms if n.level == level]

    @cached_property
    def go_live_items(self) -> dict[Level, frozenset[str]]:
        """Per level, the items whose norm is part of the bundle a centre needs to open."""
        return {
            level: frozenset(n.item for n in self.norms if n.level == level and n.go_live)
            for level in Level
        }


def load_items(path: Path) -> list[Item]:
    return load_models(
        path,
        Item,
        converters={
            "unit_price": as_int,
            "lifetime_years": as_int,
            "priority_tier": as_int,
            "recurring": as_bool,
            "network_ports": as_int,
        },
        required=ITEM_COLUMNS,
        key=lambda item: item.code,
    )


def load_norms(path: Path) -> list[Norm]:
    return load_models(
        path,
        Norm,
        converters={"quantity": as_float, "n": as_int, "go_live": as_bool},
        required=NORM_COLUMNS,
        key=lambda norm: (norm.level, norm.item, norm.basis),
    )


def load_dependencies(path: Path) -> list[Dependency]:
    return load_models(
        path,
        Dependency,
        converters={"ratio": as_float},
        required=DEPENDENCY_COLUMNS,
        key=lambda dep: (dep.item, dep.requires),
    )


def load_policy(path: Path) -> Policy:
    return load_yaml_model(path, Policy, f"Tệp {path.name} không hợp lệ")


def _check_references(items: dict[str, Item], norms, dependencies) -> None:
    """Every norm and dependency must name an item of the catalog."""
    problems = [
        Problem("norms.csv", row, "item", norm.item, "mã thiết bị không có trong items.csv")
        for row, norm in enumerate(norms, start=2)
        if norm.item not in items
    ]
    for row, dep in enumerate(dependencies, start=2):
        for column in ("item", "requires"):
            code = getattr(dep, column)
            if code not in items:
                problems.append(
                    Problem(
                        "dependencies.csv",
                        row,
                        column,
                        code,
                        "mã thiết bị không có trong items.csv",
                    )
                )
    if problems:
        raise BadInput("Danh mục tham chiếu mã thiết bị không tồn tại", problems)


def catalog_data(items, norms, dependencies, policy: Policy) -> dict:
    """The catalog as plain JSON-able data (how the database keeps a catalog version)."""
    return {
        "items": [item.model_dump(mode="json") for item in items],
        "norms": [norm.model_dump(mode="json") for norm in norms],
        "dependencies": [dep.model_dump(mode="json") for dep in dependencies],
        "policy": policy.model_dump(mode="json"),
    }


def content_version(data: dict) -> str:
    """A short SHA-256 of the canonical JSON: equal content, equal version, wherever it was read."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def catalog_from_data(data: dict, note: str = "") -> Catalog:
    """Rebuild (and re-validate) a catalog kept as :func:`catalog_data`."""
    items = [Item.model_validate(x) for x in data["items"]]
    norms = [Norm.model_validate(x) for x in data["norms"]]
    dependencies = [Dependency.model_validate(x) for x in data["dependencies"]]
    policy = Policy.model_validate(data["policy"])
    by_code = {item.code: item for item in items}
    _check_references(by_code, norms, dependencies)
    return Catalog(by_code, tuple(norms), tuple(dependencies), policy, content_version(data), note)


def load_catalog(directory: Path | str = CATALOG_DIR) -> Catalog:
    """Read and cross-check the catalog files; raise :class:`BadInput` listing every problem."""
    directory = Path(directory)
    missing = [name for name in _CATALOG_FILES if not (directory / name).is_file()]
    if missing:
        raise BadInput(f"Thiếu tệp danh mục: {', '.join(missing)} trong {directory}")
    items = {item.code: item for item in load_items(directory / "items.csv")}
    norms = load_norms(directory / "norms.csv")
    dependencies = load_dependencies(directory / "dependencies.csv")
    _check_references(items, norms, dependencies)
    policy = load_policy(directory / "policy.yaml")
    data = catalog_data(items.values(), norms, dependencies, policy)
    return Catalog(items, tuple(norms), tuple(dependencies), policy, content_version(data))


def to_data(catalog: Catalog) -> dict:
    return catalog_data(catalog.items.values(), catalog.norms, catalog.dependencies, catalog.policy)
