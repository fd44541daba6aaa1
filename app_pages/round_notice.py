"""The survey round's deadline at the top of Khảo sát hiện trạng (drawn for the centre shown).

A district officer sees the deadline, the days left and whether their centre's survey for the
round is in; a planner looking at a centre sees the same for that centre. The words and the
status come from planner.services.survey_round; this only draws.
"""

from __future__ import annotations

import streamlit as st

from app_pages import state
from planner.auth import Actor
from planner.services.survey_round import centre_notice, centre_round_view

_DRAW = {"info": st.info, "success": st.success, "warning": st.warning, "error": st.error}


def round_notice(actor: Actor, code: str) -> None:
    """One box: the round, its deadline and days left, and this centre's status in it."""
    view = centre_round_view(state.engine(), actor, state.workspace().centre(code))
    kind, text = centre_notice(view)
    _DRAW[kind](text)
