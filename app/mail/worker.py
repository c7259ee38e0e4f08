"""The outbox sender: claims due rows, sends them, marks them sent or schedules a retry.

At-least-once with exclusive claims: a row is claimed for a lease (on PostgreSQL with
FOR UPDATE SKIP LOCKED, on SQLite under its single-writer lock), so two workers never
send the same row; only a crash between SMTP's acceptance and the mark can repeat one,
and the stable Message-ID makes that repeat recognisable.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import signal
import socket
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import or_, select, update
from sqlmodel import col

from app.config import Settings
from app.db import Database
from app.mail.sender import SmtpTarget, build_message, deliver
from app.models import OutboxMessage
from app.models.base import utcnow

log = logging.getLogger("tandem.outbox")

FIRST_RETRY_SECONDS = 2.0
MAX_RETRY_SECONDS = 15 * 60.0
_jitter = secrets.SystemRandom()


def retry_delay(attempts: int) -> float:
    """Exponential backoff with jitter: ~1-2 s after the first failure, capped at 15 min."""
    ceiling = min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** (attempts - 1))
    return float(ceiling * _jitter.uniform(0.5, 1.0))


class OutboxWorker:
    def __init__(
        self,
        database: Database,
        settings: Settings,
        target: SmtpTarget,
        *,
        name: str | None = None,
        batch_size: int = 10,
    ) -> None:
        self.database = database
        self.settings = settings
        self.target = target
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        self.batch_size = batch_size
        self._wakeup = asyncio.Event()
        self._stopping = False

    @property
    def lease(self) -> timedelta:
        if self.settings.outbox_lease_seconds is not None:
            return timedelta(seconds=self.settings.outbox_lease_seconds)
        return timedelta(seconds=self.target.timeout * (self.batch_size + 1) + 30)

    def wake(self) -> None:
        self._wakeup.set()

    def stop(self) -> None:
        self._stopping = True
        self._wakeup.set()

    async def run(self) -> None:
        log.info("outbox worker %s started", self.name)
        while not self._stopping:
            try:
                sent = await self.drain_once()
            except Exception:  # the database may be restarting; try again shortly
                log.exception("outbox worker %s: claim failed", self.name)
                sent = 0
            if sent == 0 and not self._stopping:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wakeup.wait(), self.settings.outbox_poll_seconds)
                self._wakeup.clear()
        log.info("outbox worker %s stopped", self.name)

    async def drain_once(self) -> int:
        """Claim one batch and try each row. Returns how many rows it tried."""
        rows = await self._claim()
        for row in rows:
            await self._send(row)
        return len(rows)

    async def _claim(self) -> Sequence[OutboxMessage]:
        now = utcnow()
        due = (
            select(col(OutboxMessage.id))
            .where(
                col(OutboxMessage.sent_at).is_(None),
                col(OutboxMessage.available_at) <= now,
                or_(
                    col(OutboxMessage.claimed_until).is_(None),
                    col(OutboxMessage.claimed_until) < now,
                ),
            )
            .order_by(col(OutboxMessage.available_at))
            .limit(self.batch_size)
        )
        if not self.database.is_sqlite:
            due = due.with_for_update(skip_locked=True)
        claim = (
            update(OutboxMessage)
            .where(col(OutboxMessage.id).in_(due.scalar_subquery()))
            .values(claimed_until=now + self.lease, claimed_by=self.name)
            .returning(OutboxMessage)
            .execution_options(synchronize_session=False)
        )
        async with self.database.unit_of_work() as db:
            claimed: Sequence[OutboxMessage] = (await db.execute(claim)).scalars().all()
            return claimed

    async def _send(self, row: OutboxMessage) -> None:
        try:
            await deliver(build_message(row, self.settings), self.target)
        except Exception as error:  # any SMTP or network failure: retry later
            await self._retry_later(row, error)
            return
        async with self.database.unit_of_work() as db:
            await db.execute(
                update(OutboxMessage)
                .where(col(OutboxMessage.id) == row.id, col(OutboxMessage.claimed_by) == self.name)
                .values(sent_at=utcnow(), sealed_secret=None, claimed_until=None)
                .execution_options(synchronize_session=False)
            )
        log.info("sent outbox message %s (%s)", row.id, row.template)

    async def _retry_later(self, row: OutboxMessage, error: Exception) -> None:
        attempts = row.attempts + 1
        delay = retry_delay(attempts)
        # The class name only: SMTP replies can echo addresses.
        reason = type(error).__name__
        log.warning("outbox message %s failed (%s); retry in %.1fs", row.id, reason, delay)
        async with self.database.unit_of_work() as db:
            await db.execute(
                update(OutboxMessage)
                .where(col(OutboxMessage.id) == row.id, col(OutboxMessage.claimed_by) == self.name)
                .values(
                    attempts=attempts,
                    available_at=utcnow() + timedelta(seconds=delay),
                    last_error=reason[:200],
                    claimed_until=None,
                    claimed_by=None,
                )
                .execution_options(synchronize_session=False)
            )


async def run_worker(settings: Settings) -> int:
    """`python -m app worker`: send the outbox until SIGINT/SIGTERM."""
    if not settings.smtp_host:
        log.error("worker: set SMTP_HOST; the development mailbox lives inside `serve`")
        return 2
    database = Database(settings.database_url)
    worker = OutboxWorker(database, settings, SmtpTarget.from_settings(settings))
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, worker.stop)
    try:
        await worker.run()
    finally:
        await database.dispose()
    return 0
