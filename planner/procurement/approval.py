"""Who approves a plan's contractor-selection plan (KHLCNT), by regime and funding basis.

Each regime file says who approves (``approval`` in ``catalogs/regimes/*.yaml``): under the
2023 law the owner approves its own KHLCNT (a project's owner, or for a purchase estimate the
unit that holds it); under the 2013 law the owner submits and the competent person approves.
The name follows the date: the owner is the plan's owner (already named as of the dataset's
date), the competent person is the ``approver`` of ``catalogs/organisations.csv`` in force on
the day the first package's selection starts (the plan is approved before that day).
"""

from __future__ import annotations

from dataclasses import dataclass

from planner import labels
from planner.organisations import Naming, organisations_on
from planner.procurement.model import ProcurementPlan
from planner.procurement.output import funding_basis
from planner.procurement.rules import Basis


@dataclass(frozen=True)
class ApprovingBody:
    """The approver's role and name, the article that makes it so and how sure that is."""

    approver: str  # "owner" | "authority"
    name: str
    citation: str
    confidence: str

    @property
    def text(self) -> str:
        """ "Sở Khoa học và Công nghệ tỉnh Thanh Hóa (chủ đầu tư; Điều 78 …; độ tin cậy: …)"."""
        return labels.APPROVER_TEXT.format(
            name=self.name or labels.APPROVER_UNNAMED,
            role=labels.APPROVER_ROLE[self.approver],
            citation=self.citation,
            confidence=labels.CONFIDENCE[self.confidence].lower(),
        )


def approving_body(
    plan: ProcurementPlan, namings: list[Naming] | None = None
) -> ApprovingBody | None:
    """The body that approves ``plan``'s KHLCNT under its headline regime; ``None`` if unsaid."""
    approval = plan.regime.approval_for(Basis(funding_basis(plan)))
    if approval is None:
        return None
    if approval.approver == "owner":
        name = plan.options.owner
    else:
        day = min((p.start_date for p in plan.packages), default=plan.regime.effective_from)
        name = organisations_on(day, namings).approver_name
    return ApprovingBody(approval.approver, name, approval.citation, approval.confidence.value)
