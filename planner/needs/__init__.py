"""Needs: what each centre must have by the norms, minus what it can still use, and its counters.

The second stage of the data flow (docs/architecture.md): a :class:`~planner.catalog.Catalog`
and the centres' latest surveys in, need lines out. Every module here is pure — models in,
models out, no database — so the optimiser, the Excel exports, the CLI and the pages all
compute the same needs from the same inputs.

- ``analysis``      norms × premises − usable stock → need lines per centre
                    (:func:`analyse`, :class:`NeedsReport`; re-exported here);
- ``counters``      which counter count the per-counter norms multiply: surveyed or sized;
- ``sizing``        counters per field from dossier volumes (an M/M/c queue per field);
- ``queueing``      the Erlang C formulas ``sizing`` applies;
- ``procedures``    the default procedure mix per level (``catalogs/procedures.csv``);
- ``sizing_report`` why a centre needs its counters: the sizing by field as table rows, the
                    same for the needs page and the needs workbook's counters sheet.
"""

from planner.needs.analysis import (
    CentreNeeds,
    NeedsReport,
    Stock,
    Unusable,
    UnusableUnits,
    analyse,
    centre_needs,
    lifetime_over_from,
    line_unusable,
    need_line,
    report_json,
    required_by_item,
    required_quantity,
    unusable_units,
    usable_stock,
)

__all__ = [
    "CentreNeeds",
    "NeedsReport",
    "Stock",
    "Unusable",
    "UnusableUnits",
    "analyse",
    "centre_needs",
    "lifetime_over_from",
    "line_unusable",
    "need_line",
    "report_json",
    "required_by_item",
    "required_quantity",
    "unusable_units",
    "usable_stock",
]
