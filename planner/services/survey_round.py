"""Where each centre stands in the current survey round: the rule, the board and the notices.

Pure functions over the stored round (:mod:`planner.store.rounds`) and the survey versions'
who/when/source (:func:`planner.services.overview.version_metadata`), so the pages only draw.

**Days are Vietnam's.** A round's opening date and deadline are calendar days in Vietnam
(UTC+7, no daylight saving), and a version's day is the day of its save time in Vietnam:
23:30 in Hà Nội on the deadline day (16:30 UTC) is on time, 01:00 the next morning (18:00 UTC,
still the deadline day in UTC) is late. "Today" is Vietnam's today.

**What counts.** A *real* version is one saved from the web form or an Excel upload; a version
written by the demo loader is illustrative data, never a submission. A real version is *in the
round* when its day is on or after the round's opening date (versions saved before it answered
an earlier round). The first real version in the round is the centre's submission.

**The rule**, for each centre, on day ``today``:

- ``submitted`` (*đã nộp*): its first real version in the round was saved on or before the
  deadline day (the deadline day itself counts as on time), and it has saved no other since;
- ``updated`` (*cập nhật sau khi nộp*): submitted on time as above, then saved again (on any
  day, before or after the deadline): the figures planners computed from the submission may be
  stale;
- ``late`` (*nộp muộn / quá hạn*): its first real version in the round was saved after the
  deadline day, or it has none and ``today`` is after the deadline day; a late centre that saves
  again stays late (what matters to the province is that the submission was late);
- ``not_started`` (*chưa bắt đầu*): no real version in the round and the deadline has not
  passed (``today`` on or before the deadline day).

With no round set yet there is no deadline: every centre is ``not_started``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Engine

from planner import labels
from planner.auth import Actor
from planner.excel.values import fold
from planner.models import Centre, SurveySource
from planner.services.overview import VersionMeta
from planner.services.surveys import history
from planner.store.rounds import SurveyRound, current_round

VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")


class RoundStatus(StrEnum):
    SUBMITTED = "submitted"
    UPDATED = "updated"
    NOT_STARTED = "not_started"
    LATE = "late"


@dataclass(frozen=True)
class CentreRoundStatus:
    """One centre against the round: its status and the versions it rests on."""

    centre: Centre
    status: RoundStatus
    first: VersionMeta | None  # the first real version in the round (the submission)
    last: VersionMeta | None  # the newest real version in the round
    latest: VersionMeta | None  # the newest version of any source, demo included


def vietnam_day(at: dt.datetime) -> dt.date:
    """The calendar day in Vietnam of a stored time (a naive one is read as UTC)."""
    aware = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
    return aware.astimezone(VIETNAM).date()


def today_in_vietnam() -> dt.date:
    return dt.datetime.now(VIETNAM).date()


def status_label(status: RoundStatus | str) -> str:
    return labels.ROUNDS[f"status_{RoundStatus(status).value}"]


def _in_round(versions: Iterable[VersionMeta], round_: SurveyRound) -> list[VersionMeta]:
    """The real versions saved on or after the round's opening day, oldest first."""
    real = [
        v
        for v in versions
        if v.source != SurveySource.DEMO and vietnam_day(v.at) >= round_.opens_on
    ]
    return sorted(real, key=lambda v: (v.at, v.version))


def centre_status(
    centre: Centre,
    versions: Iterable[VersionMeta],
    round_: SurveyRound | None,
    today: dt.date,
) -> CentreRoundStatus:
    """``centre``'s status from its own versions (see the module docstring for the rule)."""
    own = sorted((v for v in versions if v.centre == centre.code), key=lambda v: v.version)
    latest = own[-1] if own else None
    if round_ is None:
        return CentreRoundStatus(centre, RoundStatus.NOT_STARTED, None, None, latest)
    in_round = _in_round(own, round_)
    if not in_round:
        status = RoundStatus.LATE if today > round_.deadline else RoundStatus.NOT_STARTED
        return CentreRoundStatus(centre, status, None, None, latest)
    first, last = in_round[0], in_round[-1]
    if vietnam_day(first.at) > round_.deadline:
        status = RoundStatus.LATE
    elif len(in_round) > 1:
        status = RoundStatus.UPDATED
    else:
        status = RoundStatus.SUBMITTED
    return CentreRoundStatus(centre, status, first, last, latest)


def round_status(
    centres: Iterable[Centre],
    versions: Iterable[VersionMeta],
    round_: SurveyRound | None,
    today: dt.date,
) -> list[CentreRoundStatus]:
    """Every centre's status, in the centres' order."""
    by_centre: dict[str, list[VersionMeta]] = {}
    for meta in versions:
        by_centre.setdefault(meta.centre, []).append(meta)
    return [centre_status(c, by_centre.get(c.code, []), round_, today) for c in centres]


def status_counts(statuses: Iterable[CentreRoundStatus]) -> dict[RoundStatus, int]:
    """How many centres have each status (every status present, zero included)."""
    counts = Counter(s.status for s in statuses)
    return {status: counts.get(status, 0) for status in RoundStatus}


def days_left(round_: SurveyRound, today: dt.date) -> int:
    """Days from ``today`` to the deadline day: 0 on the deadline day, negative once past."""
    return (round_.deadline - today).days


def days_left_text(round_: SurveyRound, today: dt.date) -> str:
    """ "còn N ngày", "hôm nay là hạn chót", "quá hạn N ngày" (or "chưa mở" before it opens)."""
    words = labels.ROUNDS
    if today < round_.opens_on:
        return words["not_open"].format(n=(round_.opens_on - today).days)
    left = days_left(round_, today)
    if left > 0:
        return words["days_left"].format(n=left)
    if left == 0:
        return words["due_today"]
    return words["days_overdue"].format(n=-left)


def round_text(round_: SurveyRound, today: dt.date) -> str:
    """The round in one line (Markdown): name, dates and the days left."""
    return labels.ROUNDS["current"].format(
        name=_inert(round_.name),
        opens=labels.date(round_.opens_on),
        deadline=labels.date(round_.deadline),
        left=days_left_text(round_, today),
    )


def _inert(text: str) -> str:
    """A planner-typed name made inert for Markdown (every meaningful character escaped)."""
    return "".join(f"\\{ch}" if ch in "\\`*_{}[]()<>#+-.!|~$:" else ch for ch in text)


# --- The board ---------------------------------------------------------------------------------


def filter_board(
    statuses: Iterable[CentreRoundStatus],
    *,
    wanted: Collection[RoundStatus] | None = None,
    mountainous: bool | None = None,
    text: str = "",
) -> list[CentreRoundStatus]:
    """The centres with one of the ``wanted`` statuses (None: any), in (``True``) or out of
    (``False``) the mountains (None: both), whose code or name contains ``text`` — compared
    without case or diacritics, so "thach thanh" finds "Thạch Thành"."""
    needle = fold(text)
    return [
        s
        for s in statuses
        if (wanted is None or s.status in wanted)
        and (mountainous is None or s.centre.mountainous == mountainous)
        and (not needle or needle in fold(s.centre.code) or needle in fold(s.centre.name))
    ]


def board_records(
    statuses: Iterable[CentreRoundStatus], costs: Mapping[str, int] | None = None
) -> list[dict]:
    """One flat record per centre for the page and the workbook (English keys, shown values).

    Times are Vietnam's; ``latest`` describes the newest version of any source (what the
    needs are computed from), ``first`` the submission in the round. ``costs`` adds the
    centre's total need when given.
    """
    records = []
    for s in statuses:
        latest = s.latest
        record = {
            "centre": s.centre.code,
            "centre_name": s.centre.name,
            "mountainous": labels.YES_NO[s.centre.mountainous],
            "status": status_label(s.status),
            "first": labels.date(s.first.at.astimezone(VIETNAM)) if s.first else "",
            "last": labels.date(latest.at.astimezone(VIETNAM)) if latest else "",
            "version": latest.version if latest else None,
            "by": latest.by if latest else "",
            "source": labels.SOURCE[latest.source.value] if latest else "",
        }
        if costs is not None:
            record["total_cost"] = labels.money(costs.get(s.centre.code, 0))
        records.append(record)
    return records


# --- One centre's view (Khảo sát hiện trạng) --------------------------------------------------


@dataclass(frozen=True)
class CentreRoundView:
    round: SurveyRound | None
    status: CentreRoundStatus
    today: dt.date


def centre_round_view(
    engine: Engine, actor: Actor, centre: Centre, today: dt.date | None = None
) -> CentreRoundView:
    """The current round and ``centre``'s status in it, as ``actor`` may read it (the survey
    history's permission check: a district officer reads only their own centre)."""
    today = today or today_in_vietnam()
    versions = [
        VersionMeta(v.centre, v.version, v.by, v.at, v.source)
        for v in history(engine, actor, centre.code)
    ]
    round_ = current_round(engine)
    return CentreRoundView(round_, centre_status(centre, versions, round_, today), today)


def centre_notice(view: CentreRoundView) -> tuple[str, str]:
    """What to tell the centre, as ``(kind, Markdown text)``; kind is ``info``, ``success``,
    ``warning`` or ``error`` (how urgent: ``warning`` when three days or fewer are left)."""
    if view.round is None:
        return "info", labels.ROUNDS["no_round"]
    words = labels.ROUNDS
    head = words["notice"].format(
        name=_inert(view.round.name),
        deadline=labels.date(view.round.deadline),
        left=days_left_text(view.round, view.today),
    )
    s = view.status
    first = labels.date(s.first.at.astimezone(VIETNAM)) if s.first else ""
    last = labels.date(s.last.at.astimezone(VIETNAM)) if s.last else ""
    if s.status == RoundStatus.SUBMITTED:
        return "success", f"{head} {words['notice_submitted'].format(first=first)}"
    if s.status == RoundStatus.UPDATED:
        return "success", f"{head} {words['notice_updated'].format(first=first, last=last)}"
    if s.status == RoundStatus.NOT_STARTED:
        kind = "warning" if days_left(view.round, view.today) <= 3 else "info"
        return kind, f"{head} {words['notice_not_started']}"
    if s.first is not None:
        return "warning", f"{head} {words['notice_late'].format(first=first)}"
    return "error", f"{head} {words['notice_overdue']}"
