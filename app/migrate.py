"""Apply pending migrations, then bring the plan catalogue up to date."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection

from app.config import PROJECT_ROOT
from app.db import Database
from app.plans.service import sync_catalogue


def alembic_config() -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    return config


def _upgrade(connection: Connection) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


async def migrate(database: Database) -> None:
    async with database.engine.begin() as connection:
        await connection.run_sync(_upgrade)
    async with database.unit_of_work() as db:
        await sync_catalogue(db)
