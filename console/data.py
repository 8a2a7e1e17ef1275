"""The console's access to the store: one event loop thread and one pool per Streamlit server."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from callcenter.settings import get_settings
from callcenter.store import Store

T = TypeVar("T")


class StoreRunner:
    """Runs store coroutines from Streamlit's synchronous scripts on a private event loop."""

    def __init__(self, database_url: str) -> None:
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True, name="store-loop").start()
        self.store: Store = self.run(Store.connect(database_url, min_size=1, max_size=5))

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 15.0) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)


def runner() -> StoreRunner:
    import streamlit as st

    @st.cache_resource
    def _runner() -> StoreRunner:
        return StoreRunner(get_settings().database_url)

    return _runner()
