"""The current state of one database, read once: centres, current catalog, latest surveys.

Every front end (CLI, web app, benchmarks) starts from a :class:`Workspace` and then calls the
pure functions (needs, optimiser, exports) on it, so no front end holds business logic.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from planner import labels
from planner.catalog import Catalog
from planner.errors import BadInput
from planner.models import Centre, Survey
from planner.needs import NeedsReport, analyse
from planner.needs.counters import CounterSource, SizingOptions, size_all
from planner.store.catalogs import current_catalog
from planner.store.centres import list_centres, stored_dataset
from planner.store.db import reading
from planner.store.surveys import latest_surveys


@dataclass(frozen=True)
class Workspace:
    dataset: str
    centres: tuple[Centre, ...]
    catalog: Catalog
    surveys: dict[str, tuple[int, Survey]]

    def centre(self, code: str) -> Centre:
        for centre in self.centres:
            if centre.code == code:
                return centre
        raise BadInput(labels.DATA["no_centre"].format(code=code))

    def needs(
        self,
        counter_source: CounterSource = CounterSource.SURVEYED,
        sizing_options: SizingOptions | None = None,
    ) -> NeedsReport:
        """Needs of every centre; counters are sized too so that reports show both counts."""
        sizing = size_all(self.centres, self.surveys, sizing_options or SizingOptions())
        return analyse(self.centres, self.surveys, self.catalog, sizing, counter_source)


def load_workspace(engine: Engine) -> Workspace:
    """Read the database; refuse clearly when the demo (or a real load) has not been run."""
    with reading(engine) as session:
        dataset = stored_dataset(session)
        catalog = current_catalog(session)
        if dataset is None or catalog is None:
            raise BadInput(labels.DATA["empty_database"])
        return Workspace(
            dataset, tuple(list_centres(session, dataset)), catalog, latest_surveys(session)
        )
