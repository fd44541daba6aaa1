"""Saving and reading surveys through the permission check: the one way front ends do it.

Writing: a district (or commune) user saves only its own centre's survey; every save and every
refusal goes to the audit log. Reading: a district user reads only its own centre's versions;
planners and administrators read all. :func:`diff` shows what changed between two versions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Engine

from planner import labels
from planner.auth import Action, Actor, require
from planner.catalog import Catalog
from planner.models import (
    Centre,
    Condition,
    Premises,
    Procedure,
    Survey,
    SurveyLine,
    SurveySource,
)
from planner.needs import Unusable, centre_needs, line_unusable
from planner.store.audit import audited_write
from planner.store.db import reading
from planner.store.surveys import (
    SurveyVersion,
    add_survey_version,
    original_file,
    survey_history,
    survey_version,
)


def save_survey(
    engine: Engine,
    actor: Actor,
    survey: Survey,
    *,
    base_version: int | None,
    source: SurveySource,
    original: bytes | None = None,
    original_name: str | None = None,
) -> int:
    """Check the actor may write this centre's survey, then append it as a new version.

    All or nothing: the version check and the insert share one write transaction, so a refusal
    (permission, stale base version) or a crash leaves the stored history as it was; the
    outcome, saved or refused, is written to the audit log.
    """
    target = f"survey:{survey.centre}"
    with audited_write(engine, actor, Action.WRITE_SURVEY, target, centre=survey.centre) as session:
        return add_survey_version(
            session,
            survey,
            by=actor.name,
            source=source,
            base_version=base_version,
            original=original,
            original_name=original_name,
        )


def history(engine: Engine, actor: Actor, centre: str) -> list[SurveyVersion]:
    """Every version of the centre's survey, oldest first (a district reads only its own)."""
    require(actor, Action.READ_SURVEY, centre)
    with reading(engine) as session:
        return survey_history(session, centre)


def read_version(engine: Engine, actor: Actor, centre: str, version: int) -> SurveyVersion:
    require(actor, Action.READ_SURVEY, centre)
    with reading(engine) as session:
        return survey_version(session, centre, version)


def read_original(engine: Engine, actor: Actor, centre: str, version: int) -> bytes | None:
    """The uploaded file's bytes exactly as received (None for form and demo saves)."""
    require(actor, Action.READ_SURVEY, centre)
    with reading(engine) as session:
        return original_file(session, centre, version)


# --- Differences between two versions ----------------------------------------------------------

LineKey = tuple[str, str, int | None]  # item, condition, year acquired


@dataclass(frozen=True)
class LineChange:
    key: LineKey
    before: int  # quantity in the older version
    after: int  # quantity in the newer version


@dataclass(frozen=True)
class SurveyDiff:
    """What changed from survey ``a`` to survey ``b``.

    A line is identified by (item, condition, year acquired): the same items in the same
    condition and year whose count changed are "changed"; a key only in ``b`` is "added", only
    in ``a`` "removed". Premises fields that differ are listed as (before, after).
    """

    added: list[SurveyLine] = field(default_factory=list)
    removed: list[SurveyLine] = field(default_factory=list)
    changed: list[LineChange] = field(default_factory=list)
    premises: dict[str, tuple[object, object]] = field(default_factory=dict)
    # Procedures by (field, name): (before, after), None where it did not exist.
    procedures: dict[tuple[str, str], tuple[Procedure | None, Procedure | None]] = field(
        default_factory=dict
    )

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.premises or self.procedures)

    def as_dict(self) -> dict[str, object]:
        def line(key: LineKey, quantity: int) -> dict[str, object]:
            return {
                "item": key[0],
                "condition": key[1],
                "year_acquired": key[2],
                "quantity": quantity,
            }

        return {
            "added": [line(_key(x), x.quantity) for x in self.added],
            "removed": [line(_key(x), x.quantity) for x in self.removed],
            "changed": [
                {**line(c.key, c.after), "before": c.before, "after": c.after} for c in self.changed
            ],
            "premises": {k: {"before": v[0], "after": v[1]} for k, v in self.premises.items()},
            "procedures": [
                {
                    "field": f,
                    "name": n,
                    "before": a.model_dump() if a else None,
                    "after": b.model_dump() if b else None,
                }
                for (f, n), (a, b) in self.procedures.items()
            ],
        }


def _key(line: SurveyLine) -> LineKey:
    return (line.item, line.condition.value, line.year_acquired)


def _quantities(survey: Survey) -> dict[LineKey, int]:
    """Quantity per key; repeated lines with the same key are added up."""
    out: dict[LineKey, int] = {}
    for line in survey.lines:
        out[_key(line)] = out.get(_key(line), 0) + line.quantity
    return out


def _as_line(key: LineKey, quantity: int) -> SurveyLine:
    return SurveyLine(
        item=key[0], quantity=quantity, condition=Condition(key[1]), year_acquired=key[2]
    )


def _sort_key(key: LineKey) -> tuple:
    return (key[0], key[1], key[2] if key[2] is not None else -1)


def _premises_changes(a: Premises, b: Premises) -> dict[str, tuple[object, object]]:
    before, after = a.model_dump(), b.model_dump()
    return {name: (before[name], after[name]) for name in before if before[name] != after.get(name)}


def _procedure_changes(
    old, new
) -> dict[tuple[str, str], tuple[Procedure | None, Procedure | None]]:
    """Procedures added, removed or with other volumes or times, keyed by (field, name)."""
    before = {(p.field, p.name): p for p in old}
    after = {(p.field, p.name): p for p in new}
    return {
        key: (before.get(key), after.get(key))
        for key in sorted(before.keys() | after.keys())
        if before.get(key) != after.get(key)
    }


def diff(a: Survey, b: Survey) -> SurveyDiff:
    """Lines added, removed and changed from ``a`` (older) to ``b`` (newer), plus premises."""
    old, new = _quantities(a), _quantities(b)
    result = SurveyDiff(
        premises=_premises_changes(a.premises, b.premises),
        procedures=_procedure_changes(a.procedures, b.procedures),
    )
    for key in sorted(old.keys() | new.keys(), key=_sort_key):
        if key not in old:
            result.added.append(_as_line(key, new[key]))
        elif key not in new:
            result.removed.append(_as_line(key, old[key]))
        elif old[key] != new[key]:
            result.changed.append(LineChange(key, old[key], new[key]))
    return result


# --- Moving a survey's stock-count date --------------------------------------------------------


@dataclass(frozen=True)
class Redating:
    """What moving a survey's stock-count date from ``before`` to ``after`` does to its needs.

    ``passing`` maps an item to the units that are within their lifetime on ``before`` and past
    it on ``after`` (negative: units that come back within it, for an earlier date), by the same
    rule as the needs (:func:`planner.needs.line_unusable`). ``need_change`` is the centre's
    need, in đồng (buying and repairing, counters as surveyed), on ``after`` minus on ``before``.
    """

    before: dt.date
    after: dt.date
    passing: dict[str, int]
    need_change: int

    @property
    def units(self) -> int:
        return sum(self.passing.values())


def redating(survey: Survey, as_of: dt.date, centre: Centre, catalog: Catalog) -> Redating:
    """The effect of re-dating ``survey`` to ``as_of`` (the form warns with it before a save)."""
    moved = survey.model_copy(update={"as_of": as_of})
    passing: dict[str, int] = {}
    for line in survey.lines:
        item = catalog.items.get(line.item)
        if item is None:
            continue
        was = line_unusable(line, item, survey.as_of.year) == Unusable.PAST_LIFETIME
        now = line_unusable(line, item, as_of.year) == Unusable.PAST_LIFETIME
        if was != now:
            passing[line.item] = passing.get(line.item, 0) + (
                line.quantity if now else -line.quantity
            )
    change = centre_needs(centre, moved, catalog).cost - centre_needs(centre, survey, catalog).cost
    return Redating(survey.as_of, as_of, {k: v for k, v in passing.items() if v}, change)


def redating_explained(
    effect: Redating, catalog: Catalog, *, from_file: bool = False
) -> tuple[str, list[str]]:
    """The words of a re-dating warning: one sentence, and one line per item whose units pass
    (or come back within) their lifetime — plain text, for the form, the upload and the CLI
    alike (a web page escapes it for Markdown before showing it). ``from_file``: the figures
    are an uploaded file's, not the open version's."""
    amount = labels.money(abs(effect.need_change))
    change = (
        labels.APP["change_up"].format(amount=amount)
        if effect.need_change > 0
        else labels.APP["change_down"].format(amount=amount)
        if effect.need_change < 0
        else labels.APP["change_none"]
    )
    head = labels.APP["redate_warning"].format(
        before=labels.date(effect.before),
        after=labels.date(effect.after),
        passing=labels.number(sum(n for n in effect.passing.values() if n > 0)),
        back=labels.number(-sum(n for n in effect.passing.values() if n < 0)),
        change=change,
        basis=labels.APP["redate_basis_upload" if from_file else "redate_basis_form"],
    )
    items = [
        "{item} – {name}: {units}".format(
            item=item,
            name=catalog.items[item].name if item in catalog.items else item,
            units=labels.APP["redate_passing"].format(n=labels.number(n))
            if n > 0
            else labels.APP["redate_back"].format(n=labels.number(-n)),
        )
        for item, n in sorted(effect.passing.items())
    ]
    return head, items
