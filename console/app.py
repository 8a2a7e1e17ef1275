"""The operator and supervisor console (Streamlit): `streamlit run console/app.py`.

This first version signs operators in and shows what is live in Postgres: active calls with
their transcripts, recent calls, open tickets, escalations and campaign progress.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from callcenter import auth
from callcenter.errors import AuthError
from callcenter.settings import get_settings
from console.data import runner

st.set_page_config(page_title="Call center console", layout="wide")
settings = get_settings()
data = runner()


def login() -> None:
    st.title("Call center console")
    with st.form("login"):
        email = st.text_input("Email", key="email")
        password = st.text_input("Password", type="password", key="password")
        if st.form_submit_button("Sign in"):
            try:
                token = data.run(auth.login(data.store, email, password, settings))
            except AuthError as exc:
                st.error(str(exc))
                return
            st.session_state["token"] = token.access_token
            st.rerun()


def operator_id():
    token = st.session_state.get("token")
    if not token:
        return None
    try:
        return auth.verify_token(token, settings)
    except AuthError as exc:
        st.session_state.pop("token", None)
        st.warning(str(exc))
        return None


async def _overview(op):
    async with data.store.as_operator(op) as db:
        return {
            "operator": await db.operators.me(),
            "active": await db.calls.active(),
            "recent": await db.calls.list(limit=50),
            "tickets": await db.tickets.open(),
            "escalations": await db.escalations.list(limit=20),
            "campaigns": [await db.campaigns.progress(c.id) for c in await db.campaigns.list(limit=50)],
        }


async def _transcript(op, call_id):
    async with data.store.as_operator(op) as db:
        return await db.transcripts.for_call(call_id)


def main() -> None:
    op = operator_id()
    if op is None:
        login()
        return
    view = data.run(_overview(op))
    st.title(f"{view['operator'].company or view['operator'].name}")
    cols = st.columns(4)
    cols[0].metric("Live calls", len(view["active"]))
    cols[1].metric("Open tickets", len(view["tickets"]))
    cols[2].metric("Escalations", len(view["escalations"]))
    cols[3].metric("Campaigns", len(view["campaigns"]))

    live, calls, tickets, campaigns = st.tabs(["Live calls", "Recent calls", "Open tickets", "Campaigns"])
    with live:
        if not view["active"]:
            st.info("No live calls.")
        for call in view["active"]:
            with st.expander(f"{call.caller_number or call.callee_number} · {call.status} · {call.elapsed_s}s"):
                for line in data.run(_transcript(op, call.id)):
                    st.markdown(f"**{line.speaker}** ({line.language or '?'}): {line.text}")
    with calls:
        st.dataframe(pd.DataFrame([{
            "started": c.started_at, "direction": c.direction, "status": c.status, "from": c.caller_number,
            "outcome": c.outcome, "language": c.language, "duration_s": c.duration_s,
            "need": c.intake.get("need"), "department": c.intake.get("department"),
        } for c in view["recent"]]), use_container_width=True)
    with tickets:
        st.dataframe(pd.DataFrame(view["tickets"]), use_container_width=True)
    with campaigns:
        st.dataframe(pd.DataFrame([c.model_dump() for c in view["campaigns"]]), use_container_width=True)
    if st.sidebar.button("Sign out"):
        st.session_state.pop("token", None)
        st.rerun()


main()
