"""Kept runs remember their need-met score (the objective out of 100).

``scenario_runs.need_met_score`` lets the list of kept runs show the score a planner reads
without reading each run's plan document. Runs kept before this revision have none (their
documents carry no score) and show a dash. SQLite alters the table in batch mode (env.py).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("scenario_runs") as batch:
        batch.add_column(sa.Column("need_met_score", sa.Float, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("scenario_runs") as batch:
        batch.drop_column("need_met_score")
