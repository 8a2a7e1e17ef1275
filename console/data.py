"""The console's access to the store: one event loop thread and one pool per Streamlit server."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from callcenter.settings import get_settings
from callcenter.store import Store

T = TypeVar("T")

_open: list[StoreRunner] = []


class StoreRunner:
    """Runs store coroutines from Streamlit's synchronous scripts on a private event loop."""

    def __init__(self, database_url: str) -> None:
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True, name="store-loop").start()
        self.store: Store = self.run(Store.connect(database_url, min_size=1, max_size=5))
        _open.append(self)

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 15.0) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        """Close the pool and stop the loop thread."""
        self.run(self.store.close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        _open.remove(self)


def runner() -> StoreRunner:
    import streamlit as st

    @st.cache_resource
    def _runner() -> StoreRunner:
        return StoreRunner(get_settings().database_url)

    return _runner()


def close_all() -> None:
    """Close every runner and forget the cached one (tests; a server keeps its runner for life)."""
    import streamlit as st

    for open_runner in list(_open):
        open_runner.close()
    st.cache_resource.clear()
