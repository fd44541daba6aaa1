"""Survey rounds: the stored round and deadline every centre is measured against.

``survey_rounds`` keeps each round a planner sets (name, opening date, deadline, who and when);
the newest row is the current round. A new table only: existing tables are not touched, so
SQLite needs no batch copy (``env.py`` renders batch operations should a later revision alter
this table). The check constraint refuses a deadline before the opening date in the database
too.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "survey_rounds",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("opens_on", sa.Date, nullable=False),
        sa.Column("deadline", sa.Date, nullable=False),
        sa.Column("created_by", sa.String(80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.CheckConstraint("deadline >= opens_on", name="ck_survey_round_dates"),
    )


def downgrade() -> None:
    op.drop_table("survey_rounds")
