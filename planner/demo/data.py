"""Illustrative data: the centres of a dataset, the catalog, and made-up surveys to show.

The surveys are generated, not collected: every one is flagged ``illustrative`` and every view
that shows them says "dữ liệu minh họa, không phải số liệu khảo sát thực tế". The generator is
seeded by dataset and centre code, so the same database comes out on every machine.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy import Engine

from planner.auth import SYSTEM, Action, Actor, require
from planner.catalog import Catalog, load_catalog
from planner.centres import load_centres
from planner.errors import BadInput, PermissionDenied
from planner.labels import DEMO, RECORDED
from planner.models import (
    Category,
    Centre,
    Condition,
    Level,
    Premises,
    Survey,
    SurveyLine,
    SurveySource,
)
from planner.needs import required_by_item
from planner.organisations import DATASET_DATE
from planner.store.audit import record, record_refusal
from planner.store.catalogs import catalog_history, save_catalog
from planner.store.centres import list_centres, save_centres, stored_dataset
from planner.store.db import writing
from planner.store.migrate import migrate
from planner.store.surveys import add_survey_version, latest_version_number

DEMO_USER = "demo"
DEFAULT_NOTE = RECORDED["default_catalog_note"]  # stored, and looked for by later loads

SURVEY_DATE = DATASET_DATE  # a dataset is surveyed, priced and named as of its own date

# Ranges for made-up premises: (floor m², share to renovate, counters, staff, dossiers/year).
_PREMISES = {
    Level.PROVINCE: ((1200, 1800), (0.4, 0.8), (30, 45), (50, 80), (90_000, 150_000)),
    Level.DISTRICT: ((120, 400), (0.3, 0.9), (6, 18), (10, 30), (8_000, 60_000)),
    Level.COMMUNE: ((50, 160), (0.2, 0.9), (3, 8), (5, 15), (1_500, 15_000)),
}


def illustrative_premises(centre: Centre, rng: random.Random) -> Premises:
    floor, renovate, counters, staff, dossiers = _PREMISES[centre.level]
    area = rng.randint(*floor)
    return Premises(
        floor_area_m2=float(area),
        renovation_area_m2=float(round(area * rng.uniform(*renovate))),
        counters=rng.randint(*counters),
        staff=rng.randint(*staff),
        yearly_dossiers=rng.randint(*dossiers),
    )


def illustrative_survey(centre: Centre, catalog: Catalog, as_of: dt.date, seed: str) -> Survey:
    """A plausible inheritance from the one-stop department: some of everything, some of it old.

    Each normed item gets between none and the full required quantity, spread over good,
    repairable and broken units acquired in the twelve years before the survey.
    """
    rng = random.Random(f"{seed}:{centre.code}")
    premises = illustrative_premises(centre, rng)
    required = required_by_item(catalog.norms_for(centre.level), premises)
    lines: list[SurveyLine] = []
    for code in sorted(required):
        item = catalog.items[code]
        if item.category == Category.RENOVATION or rng.random() < 0.25:
            continue
        have = rng.randint(0, max(1, required[code]))
        for condition, weight in (
            (Condition.GOOD, 0.6),
            (Condition.REPAIRABLE, 0.25),
            (Condition.BROKEN, 0.15),
        ):
            qty = round(have * weight)
            if qty:
                year = rng.randint(as_of.year - 12, as_of.year) if item.lifetime_years else None
                lines.append(
                    SurveyLine(item=code, quantity=qty, condition=condition, year_acquired=year)
                )
    return Survey(
        centre=centre.code,
        as_of=as_of,
        lines=tuple(lines),
        premises=premises,
        surveyed_by=RECORDED["demo_surveyed_by"],
        illustrative=True,
    )


@dataclass(frozen=True)
class DemoResult:
    dataset: str
    centres_added: int
    surveys_added: int
    skipped: bool = False


def load_demo(
    engine: Engine, dataset: str, *, if_empty: bool = False, actor: Actor = SYSTEM
) -> DemoResult:
    """Migrate, then store the dataset's centres, the catalog and one illustrative survey each.

    Idempotent: centres and surveys already there are left alone. One database holds one
    dataset (both have a provincial centre with code 38); asking for the other is refused.
    Only an administrator (``actor``; the command line logs one in once the database has one)
    may load data, and the default catalog never replaces one a planner published: it is saved
    only while the current catalog is missing or is itself a default one saved here.
    """
    migrate(engine)
    try:
        require(actor, Action.LOAD_DATA)
    except PermissionDenied as refused:
        record_refusal(engine, actor, Action.LOAD_DATA, f"demo:{dataset}", refused)
        raise
    centres = load_centres(dataset)
    as_of = SURVEY_DATE[dataset]
    catalog = load_catalog(on=as_of)  # the dataset's own price period (2017 or 2025 caps)
    with writing(engine) as session:
        present = stored_dataset(session)
        if present and if_empty:
            return DemoResult(present, 0, 0, skipped=True)
        if present and present != dataset:
            raise BadInput(DEMO["other_dataset"].format(present=present, dataset=dataset))
        added = save_centres(session, dataset, centres)
        current = catalog_history(session)[-1:]
        if not current or (
            current[0].note == DEFAULT_NOTE and current[0].created_by == SYSTEM.name
        ):
            save_catalog(session, catalog, actor=SYSTEM, note=DEFAULT_NOTE)
        session.flush()
        surveys = 0
        for centre in list_centres(session, dataset):
            if latest_version_number(session, centre.code):
                continue
            survey = illustrative_survey(centre, catalog, as_of, dataset)
            add_survey_version(
                session, survey, by=DEMO_USER, source=SurveySource.DEMO, base_version=0
            )
            surveys += 1
        record(
            session,
            actor,
            Action.LOAD_DATA,
            f"demo:{dataset}",
            detail=RECORDED["demo_loaded"].format(centres=added, surveys=surveys),
        )
    return DemoResult(dataset, added, surveys)
