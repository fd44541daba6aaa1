"""The database: tables, engine set-up, Alembic migrations and the operations on stored data."""
