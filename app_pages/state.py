"""What pages share: the database engine (one per process) and cached reads of it."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from planner.store.db import database_url, shared_engine
from planner.store.migrate import migrate
from planner.workspace import Workspace, load_workspace


@st.cache_resource
def engine() -> Engine:
    engine = shared_engine(database_url())
    migrate(engine)
    return engine


def workspace() -> Workspace:
    """The database's current state; re-read on each run (cheap: a handful of queries)."""
    return load_workspace(engine())
