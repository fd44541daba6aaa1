"""What the planner's overview shows besides the survey round: the data stamp, the versions'
who/when/source, each centre's coverage, and the map's points.

Pure functions over what the store returns, so the web page only draws. Where each centre
stands in the survey round (submitted, updated, not started, late) is
:mod:`planner.services.survey_round`'s, measured against the stored round (:mod:`planner.store.rounds`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import Engine, func, select

from planner.models import SurveySource
from planner.needs import CentreNeeds, NeedsReport
from planner.store.db import reading
from planner.store.tables import CatalogVersionRow, CentreRow, SurveyRow


@dataclass(frozen=True)
class VersionMeta:
    """One stored survey version without its (large) data."""

    centre: str
    version: int
    by: str
    at: dt.datetime
    source: SurveySource


def data_stamp(engine: Engine) -> tuple[int, int, int]:
    """A cheap fingerprint of what the workspace is built from (newest ids and centre count).

    It changes whenever a survey or catalog version is saved or centres are loaded, so caches
    keyed by it are never stale and need no expiry.
    """
    with reading(engine) as session:
        return (
            session.scalar(select(func.coalesce(func.max(SurveyRow.id), 0))) or 0,
            session.scalar(select(func.coalesce(func.max(CatalogVersionRow.id), 0))) or 0,
            session.scalar(select(func.count()).select_from(CentreRow)) or 0,
        )


def version_metadata(engine: Engine) -> list[VersionMeta]:
    """Every survey version's who/when/source, oldest first (the data column is not read)."""
    columns = (
        SurveyRow.centre_code,
        SurveyRow.version,
        SurveyRow.saved_by,
        SurveyRow.saved_at,
        SurveyRow.source,
    )
    with reading(engine) as session:
        rows = session.execute(select(*columns).order_by(SurveyRow.centre_code, SurveyRow.version))
        return [
            VersionMeta(
                code,
                version,
                by,
                at if at.tzinfo else at.replace(tzinfo=dt.UTC),
                SurveySource(source),
            )
            for code, version, by, at, source in rows
        ]


def coverage(needs: CentreNeeds) -> float:
    """Share of the required stock's value the centre already has usable, in [0, 1].

    coverage = Σ min(usable, required) × unit price / Σ required × unit price over its lines
    (1.0 when nothing is required): a price-weighted answer to "how equipped is it?".
    """
    required = sum(line.required * line.unit_price for line in needs.lines)
    if required == 0:
        return 1.0
    have = sum(min(line.usable, line.required) * line.unit_price for line in needs.lines)
    return have / required


JITTER_DEGREES = 0.06  # about 6 km: enough to separate the points, small next to a district


def jitter(code: str, radius: float = JITTER_DEGREES) -> tuple[float, float]:
    """A fixed (d_lat, d_lon) offset for ``code``: a point in a disc, from the code's hash.

    Deterministic (the same centre always sits at the same spot) and uniform over the disc
    (radius ∝ √u), so communes sharing their former district's coordinates fan out evenly.
    """
    digest = hashlib.sha256(code.encode()).digest()
    u = int.from_bytes(digest[:4], "big") / 2**32
    angle = 2 * math.pi * int.from_bytes(digest[4:8], "big") / 2**32
    r = radius * math.sqrt(u)
    return r * math.sin(angle), r * math.cos(angle)


def _colour(score: float) -> list[int]:
    """Green (score 1) through yellow to red (score 0), as RGBA for the map."""
    score = min(1.0, max(0.0, score))
    return [int(255 * min(1.0, 2 * (1 - score))), int(200 * min(1.0, 2 * score)), 40, 200]


def map_points(report: NeedsReport, by: str = "need") -> list[dict]:
    """One point per centre with coordinates: jittered where several share a spot, coloured.

    ``by`` is ``"need"`` (red = the largest shortfall in đồng) or ``"coverage"`` (red = the
    least equipped). Size grows with the square root of the shortfall, so area ∝ money.
    """
    placed = [
        c
        for c in report.centres
        if c.centre.latitude is not None and c.centre.longitude is not None
    ]
    shared = Counter((c.centre.latitude, c.centre.longitude) for c in placed)
    largest = max((c.cost for c in placed), default=0) or 1
    points = []
    for c in placed:
        lat, lon = c.centre.latitude or 0.0, c.centre.longitude or 0.0  # placed: both known
        if shared[(lat, lon)] > 1:
            d_lat, d_lon = jitter(c.centre.code)
            lat, lon = lat + d_lat, lon + d_lon
        cov = coverage(c)
        score = cov if by == "coverage" else 1 - c.cost / largest
        points.append(
            {
                "code": c.centre.code,
                "name": c.centre.name,
                "lat": lat,
                "lon": lon,
                "need": c.cost,
                "coverage": cov,
                "colour": _colour(score),
                "size": 300 + 2700 * math.sqrt(c.cost / largest),
            }
        )
    return points


def need_records(report: NeedsReport) -> list[dict]:
    """One flat record per (centre, item) need line, for filtering and charting.

    English keys; the page renames them to the Vietnamese column labels. ``total_cost`` is
    purchase plus repair, the same amount the needs report adds up.
    """
    return [
        {
            "centre": c.centre.code,
            "centre_name": c.centre.name,
            "mountainous": c.centre.mountainous,
            "item": line.item,
            "category": line.category.value,
            "priority": line.priority_tier,
            "required": line.required,
            "usable": line.usable,
            "repair": line.repair,
            "need": line.need,
            "unit_price": line.unit_price,
            "total_cost": line.total_cost,
            "go_live": line.go_live,
        }
        for c in report.centres
        for line in c.lines
    ]
