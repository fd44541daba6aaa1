"""Login sessions and the session signing key.

``login_sessions`` lets a signed login cookie survive a reload while logout still ends it at
once on the server; ``app_secrets`` keeps the key that signs those cookies (generated on first
use).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_secrets",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(255), nullable=False),
    )
    op.create_table(
        "login_sessions",
        sa.Column("token_sha256", sa.String(64), primary_key=True),
        sa.Column("user_name", sa.String(80), nullable=False, index=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("login_sessions")
    op.drop_table("app_secrets")
