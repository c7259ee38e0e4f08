"""What each command does (argument parsing lives in __main__)."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import sys

from app.config import Settings
from app.db import Database
from app.errors import UserInputError
from app.logs import install_redaction
from app.migrate import migrate


async def _migrate(settings: Settings) -> None:
    database = Database(settings.database_url)
    try:
        await migrate(database)
    finally:
        await database.dispose()


async def _create_provider(settings: Settings, args: argparse.Namespace) -> int:
    from app.providers.service import create_provider

    database = Database(settings.database_url)
    try:
        async with database.unit_of_work() as db:
            await create_provider(
                db,
                email=args.email,
                password=args.password,
                name=args.name,
                accepts_couples=args.couples,
            )
    except UserInputError as error:
        print(f"create-provider: {error.message}", file=sys.stderr)
        return 1
    finally:
        await database.dispose()
    print(f"Provider {args.name} <{args.email}> created.")
    return 0


async def _seed_demo(settings: Settings) -> int:
    from app.demo import seed_demo

    if settings.is_production:
        print("seed-demo: refused in production", file=sys.stderr)
        return 1
    database = Database(settings.database_url)
    try:
        async with database.unit_of_work() as db:
            created = await seed_demo(db, settings)
    finally:
        await database.dispose()
    print("Demo accounts created." if created else "Demo accounts already exist.")
    return 0


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    from app.web import create_app

    if not args.no_migrate:
        asyncio.run(_migrate(settings))
    app = create_app(settings, send_outbox=not args.no_worker)
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        loop="uvloop",
        http="httptools",
        # The structured request log (app.middleware.RequestLog) replaces uvicorn's.
        access_log=args.access_log,
        log_level="info",
        server_header=False,
    )
    server = uvicorn.Server(config)
    install_redaction()  # after uvicorn configured its loggers
    # Modules, the schema and settings live as long as the process: move them out of the
    # cyclic collector's generations so each collection walks only per-request garbage.
    gc.collect()
    gc.freeze()
    server.run()
    return 0


def run(args: argparse.Namespace, settings: Settings) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's per-connection chatter
    if args.command == "migrate":
        asyncio.run(_migrate(settings))
        print("Database is up to date.")
        return 0
    if args.command == "create-provider":
        return asyncio.run(_create_provider(settings, args))
    if args.command == "seed-demo":
        return asyncio.run(_seed_demo(settings))
    if args.command == "serve":
        return _serve(settings, args)
    if args.command == "worker":
        from app.mail.worker import run_worker

        return asyncio.run(run_worker(settings))
    raise AssertionError(args.command)
