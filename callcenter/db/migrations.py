"""Apply `supabase/migrations/<14 digits>_<name>.sql` in order and record them.

Applied versions go to `supabase_migrations.schema_migrations`, the table the Supabase CLI uses, so
`supabase db push` and this runner agree on what is applied. Each file runs in its own transaction
under an advisory lock, so two processes starting at once cannot apply a file twice; running the
runner again changes nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import re
from dataclasses import dataclass
from pathlib import Path

import asyncpg

from callcenter.log import get_logger

log = get_logger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[2]
SUPABASE_DIR = REPO_ROOT / "supabase"
_NAME = re.compile(r"(\d{14})_([a-z0-9_]+)\.sql")
_LOCK_KEY = 7_312_001  # advisory lock id for migrations


@dataclass(frozen=True)
class Migration:
    version: str
    name: str
    path: Path


def discover(root: Path = SUPABASE_DIR) -> list[Migration]:
    """Migrations in version order; a misnamed .sql file is an error, not silently skipped."""
    found: list[Migration] = []
    for path in sorted((root / "migrations").glob("*.sql")):
        match = _NAME.fullmatch(path.name)
        if not match:
            raise ValueError(f"migration file name must be <14 digits>_<snake_name>.sql: {path.name}")
        found.append(Migration(match[1], match[2], path))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise ValueError("two migrations share a version")
    return found


async def applied_versions(conn: asyncpg.Connection) -> set[str]:
    rows = await conn.fetch("select version from supabase_migrations.schema_migrations")
    return {r["version"] for r in rows}


async def migrate(dsn: str, root: Path = SUPABASE_DIR, *, seed: bool = False) -> list[str]:
    """Apply pending migrations (and `seed.sql` when asked); returns the versions applied."""
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute("select pg_advisory_lock($1)", _LOCK_KEY)
        try:
            await conn.execute(
                "create schema if not exists supabase_migrations;"
                "create table if not exists supabase_migrations.schema_migrations"
                " (version text primary key, statements text[], name text)"
            )
            done = await applied_versions(conn)
            applied: list[str] = []
            for m in discover(root):
                if m.version in done:
                    continue
                sql = m.path.read_text(encoding="utf-8")
                async with conn.transaction():
                    await conn.execute(sql)
                    await conn.execute(
                        "insert into supabase_migrations.schema_migrations (version, name, statements)"
                        " values ($1, $2, $3)",
                        m.version,
                        m.name,
                        [sql],
                    )
                applied.append(m.version)
                log.info("migration applied", version=m.version, name=m.name)
            if seed and (root / "seed.sql").exists():
                async with conn.transaction():
                    await conn.execute((root / "seed.sql").read_text(encoding="utf-8"))
            return applied
        finally:
            await conn.execute("select pg_advisory_unlock($1)", _LOCK_KEY)
    finally:
        await conn.close()


def main() -> None:
    from callcenter.log import configure_logging
    from callcenter.settings import get_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--seed", action="store_true", help="also run supabase/seed.sql (idempotent)")
    args = parser.parse_args()
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_json)
    applied = asyncio.run(migrate(args.database_url or settings.database_url, seed=args.seed))
    print(f"{len(applied)} migration(s) applied")


if __name__ == "__main__":
    main()
