"""The raw link token exists only in the email: no column, log line or error carries it."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from app.db import Database
from app.logs import RedactAccessLog
from app.models import SQLModel
from tests.support.api import Api
from tests.support.invitations import (
    ACCEPT,
    PREVIEW,
    RESEND,
    SIGN_UP_WITH_INVITE,
    invite_and_read_link,
    outbox_idle,
    token_in,
)
from tests.support.mailbox import Mailbox
from tests.support.people import PASSWORD, couples_room, new_email


async def _every_stored_value(database: Database) -> str:
    dumped: list[str] = []
    async with database.sessions() as db:
        for table in SQLModel.metadata.tables:
            rows = await db.execute(text(f"SELECT * FROM {table}"))  # noqa: S608 - our own names
            dumped += [repr(tuple(row)) for row in rows]
    return "\n".join(dumped)


async def test_tokens_appear_in_no_column_and_no_log_line(
    api: Api, mailbox: Mailbox, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    primary, room_id = await couples_room(api)
    partner = new_email("jamie")
    invitation, first = await invite_and_read_link(api, mailbox, primary.token, room_id, partner)
    await api.ok(RESEND, {"input": {"invitationId": invitation["id"]}}, token=primary.token)
    second = token_in((await mailbox.wait_for(partner, 2))[1])
    await api.ok(PREVIEW, {"token": first})
    replaced = await api.ok(ACCEPT, {"input": {"token": first}}, token=primary.token)
    joined = await api.ok(
        SIGN_UP_WITH_INVITE,
        {"input": {"token": second, "displayName": "Jamie", "password": "partner password"}},
    )
    assert joined["signUpWithInvite"]["userErrors"] == []
    await outbox_idle(database)

    stored = await _every_stored_value(database)
    # aiosmtpd (the receiving mail server) and httpx/httpcore (the test's HTTP client) log
    # what they receive; everything else in this process is the server under test.
    outside = ("mail.", "httpx", "httpcore")
    logged = "\n".join(
        record.getMessage() for record in caplog.records if not record.name.startswith(outside)
    )
    errors = str(replaced)
    assert '"path":"/graphql"' in logged, "expected the structured request log"
    for token in (first, second):
        assert token not in stored
        assert token not in logged
        assert token not in errors
    session = joined["signUpWithInvite"]["session"]["token"]
    for secret in (session, primary.token, "partner password", PASSWORD):
        assert secret not in logged


def test_the_access_log_drops_query_strings_and_invitation_tokens() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/invite/SECRETTOKEN123?x=1", "1.1", 200),
        None,
    )
    graphql = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", '/graphql?query={invitationPreview(token:"SECRET")}', "1.1", 200),
        None,
    )

    assert RedactAccessLog().filter(record) and RedactAccessLog().filter(graphql)

    assert record.getMessage() == '127.0.0.1:5000 - "GET /invite/[redacted] HTTP/1.1" 200'
    assert "SECRET" not in graphql.getMessage()
