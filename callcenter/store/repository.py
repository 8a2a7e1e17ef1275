"""Generic operator-scoped CRUD over one table, driven by the entity's pydantic models."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar
from uuid import UUID

from pydantic import BaseModel, ValidationError

from callcenter.errors import InvalidInput, NotFound
from callcenter.store.errors import from_validation

if TYPE_CHECKING:
    from callcenter.store.session import Session

New = TypeVar("New", bound=BaseModel)
Row = TypeVar("Row", bound=BaseModel)


class Repository(Generic[New, Row]):
    """CRUD for `table`: `new_model` fields are the writable columns, `row_model` fields are read.

    Every statement filters on the session's operator, and inserts take `operator_id` from the
    session, never from input, so no call can reach another operator's rows.
    """

    table: ClassVar[str]
    new_model: ClassVar[type[BaseModel]]
    row_model: ClassVar[type[BaseModel]]
    default_order: ClassVar[str] = "created_at desc"
    entity: ClassVar[str] = "row"

    def __init__(self, db: Session) -> None:
        self.db = db

    @classmethod
    def columns(cls) -> str:
        return ", ".join(cls.row_model.model_fields)

    def _row(self, record: Any) -> Row:
        return self.row_model.model_validate(dict(record))  # type: ignore[return-value]

    async def create(self, item: New) -> Row:
        values = {k: v for k, v in item.model_dump().items() if v is not None}
        names = ["operator_id", *values]
        params = ", ".join(f"${i}" for i in range(1, len(names) + 1))
        record = await self.db.fetchrow(
            f"insert into public.{self.table} ({', '.join(names)}) values ({params}) returning {self.columns()}",
            self.db.operator_id,
            *values.values(),
        )
        return self._row(record)

    async def get(self, id: UUID | int) -> Row:
        record = await self.db.fetchrow(
            f"select {self.columns()} from public.{self.table} where id = $1 and operator_id = $2",
            id,
            self.db.operator_id,
        )
        if record is None:
            raise NotFound(f"no {self.entity} with id {id}")
        return self._row(record)

    async def find(self, id: UUID | int) -> Row | None:
        try:
            return await self.get(id)
        except NotFound:
            return None

    async def list(self, *, limit: int = 100, offset: int = 0, order_by: str | None = None, **filters: Any) -> list[Row]:
        """Rows matching `column=value` filters (a list value means `= any(...)`)."""
        fields = self.row_model.model_fields
        where, args = self._where(filters)
        order = order_by or self.default_order
        column, _, direction = order.partition(" ")
        if column not in fields or direction not in ("", "asc", "desc"):
            raise InvalidInput(f"cannot order {self.table} by {order!r}")
        if not 1 <= limit <= 10_000 or offset < 0:
            raise InvalidInput("limit must be 1..10000 and offset >= 0")
        args += [limit, offset]
        records = await self.db.fetch(
            f"select {self.columns()} from public.{self.table} where {' and '.join(where)}"
            f" order by {column} {direction} limit ${len(args) - 1} offset ${len(args)}",
            *args,
        )
        return [self._row(r) for r in records]

    async def count(self, **filters: Any) -> int:
        where, args = self._where(filters)
        return await self.db.fetchval(f"select count(*) from public.{self.table} where {' and '.join(where)}", *args)

    def _where(self, filters: dict[str, Any]) -> tuple[list[str], list[Any]]:
        """The operator's rows matching `column=value` filters (a list value means `= any(...)`)."""
        fields = self.row_model.model_fields
        where, args = ["operator_id = $1"], [self.db.operator_id]
        for name, value in filters.items():
            if name not in fields:
                raise InvalidInput(f"cannot filter {self.table} by {name!r}")
            args.append(value)
            where.append(f"{name} = any(${len(args)})" if isinstance(value, (list, tuple)) else f"{name} = ${len(args)}")
        return where, args

    async def update(self, id: UUID | int, **changes: Any) -> Row:
        """Change writable fields; the merged row is validated like a new one before it is written."""
        unknown = set(changes) - set(self.new_model.model_fields)
        if unknown:
            raise InvalidInput(f"{self.table} has no writable field(s) {sorted(unknown)}")
        current = await self.get(id)
        if not changes:
            return current
        merged = {k: getattr(current, k) for k in self.new_model.model_fields} | changes
        try:
            checked = self.new_model.model_validate(merged).model_dump()
        except ValidationError as exc:
            raise from_validation(exc) from exc
        values = {k: checked[k] for k in changes}
        sets = ", ".join(f"{k} = ${i}" for i, k in enumerate(values, start=3))
        record = await self.db.fetchrow(
            f"update public.{self.table} set {sets} where id = $1 and operator_id = $2 returning {self.columns()}",
            id,
            self.db.operator_id,
            *values.values(),
        )
        if record is None:
            raise NotFound(f"no {self.entity} with id {id}")
        return self._row(record)

    async def delete(self, id: UUID | int) -> None:
        deleted = await self.db.fetchval(
            f"delete from public.{self.table} where id = $1 and operator_id = $2 returning id", id, self.db.operator_id
        )
        if deleted is None:
            raise NotFound(f"no {self.entity} with id {id}")
