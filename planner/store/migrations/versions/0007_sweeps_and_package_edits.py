"""Budget sweeps kept, and the planner's package edits kept with their run.

``scenario_sweeps`` keeps each finished budget curve (the base scenario, the budgets asked for
and the points as the compare page draws them) so that a reload, another session or another
planner can see, reopen and delete it, as ``scenario_runs`` does for runs.
``scenario_runs.package_edits`` keeps the planner's edits to the run's procurement packages
(planner.procurement.edit_log), replayed when the run is reopened; runs kept before this
revision have none. SQLite alters the table in batch mode (env.py).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scenario_sweeps",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_by", sa.String(80), nullable=False, index=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("dataset", sa.String(40), nullable=False),
        sa.Column("data_stamp", sa.String(64), nullable=False),
        sa.Column("point_count", sa.Integer, nullable=False),
        sa.Column("scenario", sa.JSON, nullable=False),
        sa.Column("points", sa.JSON, nullable=False),
    )
    with op.batch_alter_table("scenario_runs") as batch:
        batch.add_column(sa.Column("package_edits", sa.JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("scenario_runs") as batch:
        batch.drop_column("package_edits")
    op.drop_table("scenario_sweeps")
