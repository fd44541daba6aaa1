"""The survey round's status board as a workbook: one row per centre and a *Tổng cộng* count row.

Columns: STT, the centre's code and name, mountainous or not, its status in the round (see
:mod:`planner.services.survey_round`), when it first submitted in the round, its newest version (when,
which, by whom, from where), then one column per status holding 1 on the centre's row. The
*Tổng cộng* row sums those columns with live ``SUM`` formulas (their results stored in the file
by :mod:`planner.excel.cached_values`, so a preview shows them too): the count of each status,
which together make the number of centres listed. Names typed by users (centres, accounts) go
through :func:`planner.excel.safety.put_text`, so none becomes a formula. A4 landscape, header
repeated on every printed page, as every workbook we write.
"""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

from planner import labels
from planner.excel import styles
from planner.excel.cached_values import workbook_bytes
from planner.excel.summary import grand_total_row
from planner.services.survey_round import (
    CentreRoundStatus,
    RoundStatus,
    board_records,
    status_label,
)
from planner.store.rounds import SurveyRound

RECORD_KEYS = ("centre", "centre_name", "mountainous", "status", "first", "last", "version", "by")
WIDTHS = (6, 10, 34, 10, 22, 18, 18, 10, 14, 16)  # then one width per status column
STATUS_WIDTH = 14


def _headers() -> list[str]:
    words, column = labels.ROUNDS, labels.COLUMN
    return [
        labels.EXCEL["no"],
        column["centre"],
        column["centre_name"],
        words["col_mountainous"],
        words["col_status"],
        words["col_first"],
        words["col_last"],
        words["col_version"],
        words["col_by"],
        words["col_source"],
        *(status_label(status) for status in RoundStatus),
    ]


def _subtitle(
    round_: SurveyRound | None, today: dt.date, shown: int, total: int | None
) -> list[str]:
    words = labels.ROUNDS
    if round_ is None:
        lines = [words["subtitle_none"].format(today=labels.date(today))]
    else:
        lines = [
            words["subtitle"].format(
                name=round_.name,
                opens=labels.date(round_.opens_on),
                deadline=labels.date(round_.deadline),
                today=labels.date(today),
            )
        ]
    if total is not None and total != shown:
        lines.append(words["subtitle_filtered"].format(shown=shown, total=total))
    return lines


def build_board_workbook(
    round_: SurveyRound | None,
    statuses: list[CentreRoundStatus],
    today: dt.date,
    *,
    total: int | None = None,
) -> Workbook:
    """The board of ``statuses`` (the filtered ones; ``total``: how many centres in all)."""
    wb = Workbook()
    ws = wb.active
    ws.title = labels.ROUNDS["sheet"]
    headers = _headers()
    subtitle = _subtitle(round_, today, len(statuses), total)
    styles.title_block(ws, [labels.ROUNDS["title"], *subtitle], len(headers))
    header = 2 + len(subtitle)
    widths = (*WIDTHS, *([STATUS_WIDTH] * len(RoundStatus)))
    styles.header_row(ws, header, headers, widths)
    first_status_column = len(WIDTHS) + 1
    for number, (status, record) in enumerate(
        zip(statuses, board_records(statuses), strict=True), start=1
    ):
        flags = [1 if status.status == s else None for s in RoundStatus]
        values = [number, *(record[key] for key in RECORD_KEYS), record["source"], *flags]
        styles.write_row(ws, header + number, values)
    last = header + len(statuses)
    columns = range(first_status_column, first_status_column + len(RoundStatus))
    grand_total_row(ws, last + 1, header + 1, last, columns, label_col=3)
    styles.print_setup(ws, header, freeze_column=4)
    return wb


def board_workbook_bytes(
    round_: SurveyRound | None,
    statuses: list[CentreRoundStatus],
    today: dt.date,
    *,
    total: int | None = None,
) -> bytes:
    """:func:`build_board_workbook` as .xlsx bytes, the totals' results stored."""
    return workbook_bytes(build_board_workbook(round_, statuses, today, total=total))
