"""Job shutdown: the call's last write runs before the store it writes through closes."""

import asyncio

from agent.shutdown import ShutdownSteps


class FakeJob:
    """Runs shutdown callbacks the way livekit-agents does: all at once, with the reason."""

    def __init__(self) -> None:
        self.callbacks = []

    def add_shutdown_callback(self, callback) -> None:
        self.callbacks.append(callback)

    async def shutdown(self, reason: str) -> None:
        await asyncio.gather(*(callback(reason) for callback in self.callbacks))


class FakeStore:
    def __init__(self) -> None:
        self.closed = False
        self.rows: list[str] = []

    async def close(self) -> None:
        self.closed = True

    async def write(self, row: str) -> None:
        await asyncio.sleep(0.01)  # a round trip to Postgres
        if self.closed:
            raise RuntimeError("pool is closed")
        self.rows.append(row)


async def test_the_call_writes_its_ending_before_the_store_closes():
    job, store = FakeJob(), FakeStore()
    steps = ShutdownSteps(job)
    steps.add(store.close)

    async def on_shutdown(reason: str = "") -> None:
        await store.write(f"abandoned: {reason}")

    steps.add(on_shutdown)
    await job.shutdown("room deleted")
    assert store.rows == ["abandoned: room deleted"] and store.closed


async def test_a_failing_step_does_not_keep_the_store_open():
    job, store = FakeJob(), FakeStore()
    steps = ShutdownSteps(job)
    steps.add(store.close)

    async def broken() -> None:
        raise ValueError("boom")

    steps.add(broken)
    await job.shutdown("")
    assert store.closed

