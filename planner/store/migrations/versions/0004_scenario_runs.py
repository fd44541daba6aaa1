"""Scenario runs kept in the database.

``scenario_runs`` keeps each solved scenario (its inputs, the plan document, the proposal
workbook and the solver's figures) so that a reload, another session or another planner can
see, reopen and compare it. Existing tables are not touched.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scenario_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_by", sa.String(80), nullable=False, index=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("dataset", sa.String(40), nullable=False),
        sa.Column("data_stamp", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("objective", sa.Float, nullable=True),
        sa.Column("bound", sa.Float, nullable=True),
        sa.Column("gap", sa.Float, nullable=True),
        sa.Column("solve_seconds", sa.Float, nullable=True),
        sa.Column("spent", sa.BigInteger, nullable=True),
        sa.Column("scenario", sa.JSON, nullable=False),
        sa.Column("document", sa.JSON, nullable=False),
        sa.Column("proposal", sa.LargeBinary, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("scenario_runs")
