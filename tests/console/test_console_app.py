"""The console signs an operator in and shows its own calls and tickets (Streamlit AppTest, real Postgres)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from callcenter import models as m

pytestmark = pytest.mark.db
APP = str(Path(__file__).resolve().parents[2] / "console" / "app.py")


async def test_sign_in_and_see_only_own_data(store, database_url, monkeypatch) -> None:
    from tests.factories import new_operator

    monkeypatch.setenv("DATABASE_URL", database_url)
    from callcenter.settings import get_settings
    get_settings.cache_clear()
    mine = await new_operator(store, password="Console-pass-2026")
    other = await new_operator(store)
    async with store.as_operator(mine.id) as db:
        await db.tickets.create(m.TicketNew(subject="Mine: broken login"))
    async with store.as_operator(other.id) as db:
        await db.tickets.create(m.TicketNew(subject="Theirs: refund"))

    at = AppTest.from_file(APP, default_timeout=30).run()
    at.text_input(key="email").set_value(mine.email)
    at.text_input(key="password").set_value("wrong-password-1")
    at.button[0].click().run()
    assert "wrong email or password" in at.error[0].value

    at.text_input(key="password").set_value("Console-pass-2026")
    at.button[0].click().run()
    assert not at.exception
    assert at.metric[1].value == "1"
    frames = [df.value for df in at.dataframe]
    subjects = [s for frame in frames if "subject" in frame for s in frame["subject"]]
    assert subjects == ["Mine: broken login"]
    get_settings.cache_clear()


@pytest.fixture(autouse=True)
def _close_console_pools():
    """The console caches its pool for the server's life; close it before the test database goes."""
    yield
    from console.data import close_all

    close_all()
