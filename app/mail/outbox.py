"""Queue an email in the caller's transaction; the worker sends it after commit."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.mail.sealing import seal
from app.models import OutboxMessage

OUTBOX_WRITTEN = "tandem.outbox_written"


async def enqueue(
    db: AsyncSession,
    settings: Settings,
    *,
    template: str,
    to: str,
    values: dict[str, str],
    secret: str | None = None,
) -> OutboxMessage:
    """`secret` (a link token) is sealed; the template gets it back as `link`."""
    message = OutboxMessage(
        template=template,
        to_address=to,
        context=values,
        sealed_secret=seal(settings.secret_key.get_secret_value(), secret) if secret else None,
    )
    db.add(message)
    await db.flush()
    db.info[OUTBOX_WRITTEN] = True  # tells the request to wake the in-process sender
    return message
