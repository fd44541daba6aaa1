"""Sized counters feed the per-counter norms; the surveyed count stays the default."""

from __future__ import annotations

import datetime as dt
import json
import math

from planner.models import Basis, Centre, Level, Premises, Procedure, Survey
from planner.needs import centre_needs
from planner.needs.counters import CounterSource, SizingOptions, centre_sizing, sized_counters

PREMISES = Premises(floor_area_m2=200, counters=4, staff=20, yearly_dossiers=40_000)
CENTRE = Centre(code="392", name="Trung tâm thử", level=Level.DISTRICT)


def survey(procedures=()) -> Survey:
    return Survey(
        centre="392", as_of=dt.date(2017, 6, 1), premises=PREMISES, procedures=tuple(procedures)
    )


def only_per_counter_norms(catalog) -> dict[str, float]:
    """Items whose only district norm is per counter: item → quantity per counter."""
    norms = catalog.norms_for(Level.DISTRICT)
    items = {n.item for n in norms if n.basis == Basis.PER_COUNTER}
    out = {}
    for item in items:
        mine = [n for n in norms if n.item == item]
        if len(mine) == 1:
            out[item] = mine[0].quantity
    return out


def test_sized_counters_replace_the_surveyed_count_in_per_counter_norms(catalog):
    s = survey()
    sizing = centre_sizing(CENTRE, PREMISES, s, SizingOptions())
    sized = sized_counters(sizing)
    assert sized != PREMISES.counters  # 40,000 dossiers a year need more than 4 counters
    surveyed = centre_needs(CENTRE, s, catalog, sizing=sizing)
    resized = centre_needs(CENTRE, s, catalog, sizing=sizing, counter_source=CounterSource.SIZED)
    assert surveyed.premises.counters == 4 and resized.premises.counters == sized
    per_counter = only_per_counter_norms(catalog)
    assert per_counter, "the district norms should have per-counter items"
    for item, quantity in per_counter.items():
        old = next(ln for ln in surveyed.lines if ln.item == item)
        new = next(ln for ln in resized.lines if ln.item == item)
        assert old.required == math.ceil(quantity * 4 - 1e-9), item
        assert new.required == math.ceil(quantity * sized - 1e-9), item


def test_a_centre_with_its_own_procedures_is_sized_from_them(catalog):
    own = [
        Procedure(
            field="land", name="Cấp giấy chứng nhận", yearly_dossiers=100, handling_minutes=30
        )
    ]
    sizing = centre_sizing(CENTRE, PREMISES, survey(own), SizingOptions())
    assert [f.field for f in sizing.fields if f.yearly_dossiers] == ["land"]
    assert sized_counters(sizing) == 1


def test_pooling_never_costs_more(catalog):
    s = survey()
    separate = centre_sizing(CENTRE, PREMISES, s, SizingOptions())
    pooled = centre_sizing(CENTRE, PREMISES, s, SizingOptions(pool_below=1.0))
    assert sized_counters(pooled) <= sized_counters(separate)

    def cost(sizing):
        return centre_needs(
            CENTRE, s, catalog, sizing=sizing, counter_source=CounterSource.SIZED
        ).cost

    assert cost(pooled) <= cost(separate)


def test_cli_needs_reports_both_counts_and_uses_the_one_asked_for(cli):
    assert cli("demo").returncode == 0
    assert cli("needs", "--json", "surveyed.json").returncode == 0
    assert cli("needs", "--json", "sized.json", "--counters", "sized").returncode == 0
    surveyed = json.loads((cli.workdir / "surveyed.json").read_text(encoding="utf-8"))
    sized = json.loads((cli.workdir / "sized.json").read_text(encoding="utf-8"))
    for a, b in zip(surveyed["centres"], sized["centres"], strict=True):
        assert a["counters"]["surveyed"] == b["counters"]["surveyed"] == a["premises"]["counters"]
        assert a["counters"]["sized"] == b["counters"]["sized"] == b["premises"]["counters"]
        assert (a["counters"]["used"], b["counters"]["used"]) == ("surveyed", "sized")
        assert (
            sum(f["counters"] for f in b["counters"]["by_field"]) >= b["counters"]["sized"]
            or b["counters"]["pooled"]
        )
    assert surveyed["cost"] != sized["cost"]
