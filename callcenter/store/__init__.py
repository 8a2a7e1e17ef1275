"""Async persistence over asyncpg: `Store` opens operator-scoped `Session`s with repositories."""

from callcenter.store.session import Session, Store

__all__ = ["Session", "Store"]
