"""Build an outbox row into a MIME message and hand it to SMTP with aiosmtplib."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import aiosmtplib

from app.config import Settings
from app.mail.render import render
from app.mail.sealing import unseal
from app.models import OutboxMessage


@dataclass(frozen=True)
class SmtpTarget:
    host: str
    port: int
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 10.0

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpTarget:
        assert settings.smtp_host, "no SMTP server configured"
        return cls(
            host=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_username,
            password=settings.smtp_password,
            starttls=settings.smtp_starttls,
            timeout=settings.smtp_timeout_seconds,
        )


def message_id(row: OutboxMessage) -> str:
    """Stable across retries, so a recipient's server can recognise a repeat."""
    return f"<{row.id}@outbox.tandem>"


def build_message(row: OutboxMessage, settings: Settings) -> EmailMessage:
    values = dict(row.context)
    if row.sealed_secret is not None:
        values["link"] = values.pop("link_prefix") + unseal(
            settings.secret_key.get_secret_value(), row.sealed_secret
        )
    rendered = render(row.template, values)
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = row.to_address
    message["Subject"] = rendered.subject
    message["Date"] = format_datetime(row.created_at)
    message["Message-ID"] = message_id(row) if row.id else make_msgid()
    message.set_content(rendered.text)
    message.add_alternative(rendered.html, subtype="html")
    return message


async def deliver(message: EmailMessage, target: SmtpTarget) -> None:
    await aiosmtplib.send(
        message,
        hostname=target.host,
        port=target.port,
        username=target.username,
        password=target.password,
        start_tls=target.starttls,
        timeout=target.timeout,
    )
