"""Excel benchmark: proposal export for the 2025 province (167 centres) and a full survey import.

Targets: export ≤ 3 s, import ≤ 1 s. Run: ``.venv/bin/python benchmarks/excel.py``;
it writes the "## Excel" section of ``benchmarks/RESULTS.md`` and keeps the other sections.
The proposal funds every need line (the largest proposal the dataset can produce), split by
the policy's cost shares, so the measurement does not depend on the optimiser.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import time
import tracemalloc
from pathlib import Path

from _results import write_section  # benchmarks/ is on sys.path (script, or __main__)

from planner.auth import SYSTEM
from planner.demo.data import load_demo
from planner.excel import template as tpl
from planner.excel.proposal import build_proposal_workbook
from planner.excel.proposal_data import ProposalData
from planner.excel.survey_import import parse_survey
from planner.models import PlanLine
from planner.services.survey_files import import_survey
from planner.services.workspace import load_workspace
from planner.store.db import make_engine


def measure(fn, again=None):
    """Wall time of ``fn()`` untraced, then peak memory of ``again()`` (or ``fn``) under tracemalloc
    (tracing slows openpyxl several times over, so the two are measured apart)."""
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    (again or fn)()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, seconds, peak / 2**20


def all_needs_funded(workspace) -> ProposalData:
    lines = []
    mountainous = {c.code: c.mountainous for c in workspace.centres}
    for centre in workspace.needs().centres:
        for ln in centre.lines:
            if ln.need:
                cost = ln.need * ln.unit_price
                shares = workspace.catalog.policy.shares_for(ln.category, mountainous[ln.centre])
                funding = {s: int(cost * v) for s, v in shares.items()}
                top = max(shares, key=shares.get)
                funding[top] += cost - sum(funding.values())
                item = workspace.catalog.items[ln.item]
                lines.append(
                    PlanLine(
                        centre=ln.centre,
                        item=ln.item,
                        category=ln.category,
                        procurement_field=item.procurement_field,
                        quantity=ln.need,
                        unit_price=ln.unit_price,
                        cost=cost,
                        year=2026,
                        funding=funding,
                    )
                )
    sources = tuple((s.code, s.name) for s in workspace.catalog.policy.funding_sources)
    return ProposalData(
        scenario="benchmark",
        lines=tuple(lines),
        unmet=(),
        sources=sources,
        status="optimal",
        gap=0.0,
        catalog_version=workspace.catalog.version,
        illustrative=True,
    )


def full_survey(workspace, code: str) -> bytes:
    """The template of ``code`` (pre-filled) with a quantity, condition and year on every other catalog row."""
    latest = workspace.surveys.get(code)
    wb = tpl.build_template(
        workspace.centre(code), workspace.catalog, latest, today=dt.date(2025, 9, 1)
    )
    ws = wb["Khảo sát"]
    for row in range(tpl.HEADER_ROW + 1, ws.max_row + 1):
        if ws.cell(row, 1).value and ws.cell(row, 4).value is None:  # keep the pre-filled lines
            ws.cell(row, 4).value, ws.cell(row, 5).value, ws.cell(row, 6).value = 3, "Tốt", 2020
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/bench.sqlite3")
        load_demo(engine, "thanh-hoa-2025")
        workspace = load_workspace(engine)
        data = all_needs_funded(workspace)

        def export():
            wb = build_proposal_workbook(
                data, workspace.centres, workspace.catalog, today=dt.date.today()
            )
            wb.save(Path(tmp) / "proposal.xlsx")

        _, export_s, export_mb = measure(export)
        size = (Path(tmp) / "proposal.xlsx").stat().st_size
        code = workspace.centres[0].code
        survey = full_survey(workspace, code)
        version, import_s, import_mb = measure(
            lambda: import_survey(
                engine, SYSTEM, survey, "full.xlsx", code, as_of=dt.date(2025, 9, 1)
            ),
            lambda: parse_survey(
                survey,
                "full.xlsx",
                centre=workspace.centre(code),
                catalog=workspace.catalog,
                as_of=dt.date(2025, 9, 1),
            ),
        )
    section = (
        "## Excel\n\n"
        f"Measured {dt.date.today().isoformat()} with `benchmarks/excel.py` (time untraced; peak memory: "
        "tracemalloc peak of Python allocations in a second run).\n\n"
        "| task | size | time | peak memory | target |\n|---|---|---|---|---|\n"
        f"| proposal export, thanh-hoa-2025 ({len(workspace.centres)} centres) | {len(data.lines)} funded lines, "
        f"{size // 1024} KiB | {export_s:.2f} s | {export_mb:.1f} MiB | ≤ 3 s |\n"
        f"| survey import, every catalog item ({len(workspace.catalog.items)} rows + spare rows), saved as "
        f"version {version} | {len(survey) // 1024} KiB | {import_s:.2f} s | {import_mb:.1f} MiB | ≤ 1 s |\n"
    )
    print(section)
    write_section("Excel", section)


if __name__ == "__main__":
    main()
