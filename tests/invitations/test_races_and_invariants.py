"""Concurrent joins give exactly one SECONDARY and no 500; the database enforces it too."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from app.db import Database
from app.graphql.ids import key_of
from app.models import Invitation, InvitationState, MemberRole, RoomMember
from app.models.base import utcnow
from tests.conftest import ServerFactory
from tests.support.api import Api
from tests.support.invitations import ACCEPT, SIGN_UP_WITH_INVITE, invite_and_read_link
from tests.support.mailbox import Mailbox
from tests.support.people import PASSWORD, couples_room, log_in, new_email, sign_up

ATTEMPTS = 20


def _room_key(global_id: str) -> uuid.UUID:
    return key_of(global_id, "Room")


def client_for_url(url: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=url, timeout=60)


async def _secondaries(database: Database, room_id: str) -> int:
    async with database.sessions() as db:
        count = await db.scalar(
            select(func.count()).where(
                col(RoomMember.room_id) == _room_key(room_id),
                col(RoomMember.role) == MemberRole.SECONDARY,
            )
        )
    return int(count or 0)


def _outcomes(results: list[dict[str, Any]], mutation: str) -> Counter[str]:
    outcomes: Counter[str] = Counter()
    for body in results:
        assert "errors" not in body, body
        errors = body["data"][mutation]["userErrors"]
        outcomes[errors[0]["code"] if errors else "JOINED"] += 1
    return outcomes


async def test_twenty_concurrent_accepts_yield_one_secondary(
    api: Api, mailbox: Mailbox, database: Database, start_server: ServerFactory
) -> None:
    primary, room_id = await couples_room(api)
    partner = await sign_up(api, name="Jamie")
    _, link = await invite_and_read_link(api, mailbox, primary.token, room_id, partner.email)
    sessions = [await log_in(api, partner.email, PASSWORD) for _ in range(ATTEMPTS)]
    # Two server processes' worth of apps on one database, as behind a load balancer.
    other = await start_server(database)

    async def accept(index: int) -> dict[str, Any]:
        url = other.url if index % 2 else str(api.client.base_url)
        async with client_for_url(url) as client:
            response = await client.post(
                "/graphql",
                json={"query": ACCEPT, "variables": {"input": {"token": link}}},
                headers={"Authorization": f"Bearer {sessions[index]}"},
            )
        assert response.status_code == 200, response.text
        return dict(response.json())

    results = await asyncio.gather(*(accept(i) for i in range(ATTEMPTS)))

    outcomes = _outcomes(results, "acceptInvite")
    assert outcomes["JOINED"] == 1, outcomes
    assert set(outcomes) <= {"JOINED", "INVITATION_ALREADY_ACCEPTED", "PARTNER_ALREADY_JOINED"}
    assert await _secondaries(database, room_id) == 1


async def test_twenty_concurrent_sign_ups_from_one_link_yield_one_account_and_partner(
    api: Api, mailbox: Mailbox, database: Database
) -> None:
    primary, room_id = await couples_room(api)
    _, link = await invite_and_read_link(api, mailbox, primary.token, room_id, new_email())

    async def join() -> dict[str, Any]:
        async with client_for_url(str(api.client.base_url)) as client:
            response = await client.post(
                "/graphql",
                json={
                    "query": SIGN_UP_WITH_INVITE,
                    "variables": {
                        "input": {"token": link, "displayName": "Jamie", "password": PASSWORD}
                    },
                },
            )
        assert response.status_code == 200, response.text
        return dict(response.json())

    results = await asyncio.gather(*(join() for _ in range(ATTEMPTS)))

    outcomes = _outcomes(results, "signUpWithInvite")
    assert outcomes["JOINED"] == 1, outcomes
    assert set(outcomes) <= {
        "JOINED",
        "INVITATION_ALREADY_ACCEPTED",
        "PARTNER_ALREADY_JOINED",
        "ACCOUNT_EXISTS",
    }
    assert await _secondaries(database, room_id) == 1


async def test_the_database_refuses_a_second_partner_or_a_second_pending_invitation(
    api: Api, mailbox: Mailbox, database: Database
) -> None:
    primary, room_id = await couples_room(api)
    partner = await sign_up(api, name="Jamie")
    intruder = await sign_up(api, name="Intruder")
    await invite_and_read_link(api, mailbox, primary.token, room_id, new_email())
    room_key = _room_key(room_id)

    with pytest.raises(IntegrityError):
        async with database.unit_of_work() as db:
            db.add(
                Invitation(
                    room_id=room_key,
                    inviter_id=key_of(primary.id, "User"),
                    email=new_email(),
                    expires_at=utcnow(),
                    status=InvitationState.PENDING,
                )
            )
            await db.flush()

    async with database.unit_of_work() as db:
        db.add(
            RoomMember(
                room_id=room_key, user_id=key_of(partner.id, "User"), role=MemberRole.SECONDARY
            )
        )
    with pytest.raises(IntegrityError):
        async with database.unit_of_work() as db:
            db.add(
                RoomMember(
                    room_id=room_key, user_id=key_of(intruder.id, "User"), role=MemberRole.SECONDARY
                )
            )
            await db.flush()
    assert await _secondaries(database, room_id) == 1
