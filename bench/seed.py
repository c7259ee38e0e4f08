"""Seed a benchmark database through the app's own services and models, and mint sessions.

Shape (defaults): 50 couples providers; 2,000 couples rooms opened with `enroll_in_plan`,
half of them with a partner; 100 "busy" rooms with 100 messages and 12 live sessions each;
one room with 5,000 messages and 60 live sessions. Passwords are hashed once and shared
(hashing 4,000 Argon2 passwords would only slow the seeding down).
"""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import timedelta
from typing import Any

from sqlalchemy import insert

from app.auth.passwords import hash_password
from app.auth.sessions import start_session
from app.auth.viewer import Viewer
from app.config import load_settings
from app.db import Database
from app.demo import COUPLES_PLAN
from app.graphql.ids import to_global_id
from app.messaging.cursors import Position, encode_cursor
from app.migrate import migrate
from app.models import Coverage, LiveSession, MemberRole, Message, RoomMember, User
from app.models.base import new_id, utcnow
from app.plans.service import enroll_in_plan
from app.providers.service import create_provider

PROVIDERS = 50
ROOMS = 2_000
BUSY_ROOMS = 100
BUSY_MESSAGES = 100
BUSY_SESSIONS = 12
BIG_MESSAGES = 5_000
BIG_SESSIONS = 60
BATCH = 250


def _message_rows(room_id: Any, authors: list[tuple[Any, str]], count: int) -> list[dict[str, Any]]:
    start = utcnow() - timedelta(days=30)
    rows = []
    for i in range(count):
        user_id, role = authors[i % len(authors)]
        rows.append(
            {
                "id": new_id(),
                "room_id": room_id,
                "author_user_id": user_id,
                "author_role": role,
                "body": f"Message {i}: how did this week's exercise go for you both?",
                "sent_at": start + timedelta(seconds=30 * i),
            }
        )
    return rows


def _session_rows(room_id: Any, provider_id: Any, by: Any, count: int) -> list[dict[str, Any]]:
    now = utcnow().replace(minute=0, second=0, microsecond=0)
    rows = []
    for i in range(count):
        starts = now + timedelta(days=i - count // 3, hours=1)
        rows.append(
            {
                "id": new_id(),
                "room_id": room_id,
                "provider_id": provider_id,
                "starts_at": starts,
                "ends_at": starts + timedelta(minutes=45),
                "duration_minutes": 45,
                "state": "CANCELLED" if i % 7 == 3 else "SCHEDULED",
                "scheduled_by_user_id": by,
                "created_at": now,
            }
        )
    return rows


async def seed(database_url: str) -> dict[str, Any]:
    settings = load_settings(_env_file=None, database_url=database_url, app_env="test")
    database = Database(database_url)
    await migrate(database)
    shared_hash = await hash_password("bench password 123")
    providers = []
    async with database.unit_of_work() as db:
        for p in range(PROVIDERS):
            provider = await create_provider(
                db,
                email=f"therapist{p}@bench.example.com",
                password="bench password 123",  # noqa: S106
                name=f"Dr. Bench {p}",
                accepts_couples=True,
            )
            providers.append(provider)
    provider_tokens = []
    async with database.unit_of_work() as db:
        for provider in providers:
            user = await db.get(User, provider.user_id)
            assert user is not None
            provider_tokens.append((await start_session(db, user, settings)).token)

    rooms: list[dict[str, Any]] = []  # room id, primary, partner, provider, token
    for first in range(0, ROOMS, BATCH):
        async with database.unit_of_work() as db:
            for n in range(first, min(first + BATCH, ROOMS)):
                primary = User(
                    email=f"primary{n}@bench.example.com",
                    display_name=f"Primary {n}",
                    password_hash=shared_hash,
                    email_verified_at=utcnow(),
                )
                db.add(primary)
                await db.flush()
                issued = await start_session(db, primary, settings)
                _, room = await enroll_in_plan(
                    db,
                    Viewer(user=primary, auth_session=issued.auth_session),
                    plan_id=COUPLES_PLAN.id,
                    coverage=Coverage.SELF_PAY,
                )
                partner_id = None
                if n % 2 == 0:  # every other room: the partner has joined
                    partner = User(
                        email=f"partner{n}@bench.example.com",
                        display_name=f"Partner {n}",
                        password_hash=shared_hash,
                    )
                    db.add(partner)
                    await db.flush()
                    db.add(
                        RoomMember(room_id=room.id, user_id=partner.id, role=MemberRole.SECONDARY)
                    )
                    partner_id = partner.id
                rooms.append(
                    {
                        "room": room.id,
                        "primary": primary.id,
                        "partner": partner_id,
                        "provider": room.provider_id,
                        "token": issued.token,
                    }
                )
            await db.flush()

    partnered = [r for r in rooms if r["partner"] is not None]
    busy = partnered[:BUSY_ROOMS]
    big = partnered[BUSY_ROOMS]
    provider_users = {}
    async with database.unit_of_work() as db:
        for provider in providers:
            provider_users[provider.id] = provider.user_id
    for r in [*busy, big]:
        count, sessions = (
            (BIG_MESSAGES, BIG_SESSIONS) if r is big else (BUSY_MESSAGES, BUSY_SESSIONS)
        )
        authors = [
            (r["primary"], "PRIMARY"),
            (r["partner"], "SECONDARY"),
            (provider_users[r["provider"]], "PROVIDER"),
        ]
        messages = _message_rows(r["room"], authors, count)
        async with database.unit_of_work() as db:
            for chunk in range(0, len(messages), 1000):
                await db.execute(insert(Message), messages[chunk : chunk + 1000])
            await db.execute(
                insert(LiveSession), _session_rows(r["room"], r["provider"], r["primary"], sessions)
            )
        if r is big:
            big_messages = messages
    await database.dispose()

    def gid(key: Any) -> str:
        return to_global_id("Room", key)

    cursors = [
        encode_cursor(Position(m["sent_at"], m["id"]))
        for m in big_messages[BIG_MESSAGES // 10 :: BIG_MESSAGES // 50]
    ]
    partnerless = [r for r in rooms if r["partner"] is None]
    return {
        "counts": {
            "providers": PROVIDERS,
            "rooms": ROOMS,
            "partnered_rooms": len(partnered),
            "busy_rooms": BUSY_ROOMS,
            "busy_room_messages": BUSY_MESSAGES,
            "busy_room_live_sessions": BUSY_SESSIONS,
            "big_room_messages": BIG_MESSAGES,
            "big_room_live_sessions": BIG_SESSIONS,
        },
        "room_screen": [{"token": r["token"], "id": gid(r["room"])} for r in busy],
        "room_screen_big": [{"token": big["token"], "id": gid(big["room"])}],
        "viewer_rooms": [{"token": t} for t in provider_tokens],
        "messages_page": [
            {"token": big["token"], "id": gid(big["room"]), "after": c} for c in cursors
        ],
        "invite_partner": [
            {
                "token": r["token"],
                "roomId": gid(r["room"]),
                "email": f"new-partner{i}@bench.example.com",
            }
            for i, r in enumerate(partnerless)
        ],
        "send_message": [{"token": r["token"], "roomId": gid(r["room"])} for r in busy],
    }


if __name__ == "__main__":
    fixture = asyncio.run(seed(sys.argv[1]))
    with open(sys.argv[2], "w") as out:
        json.dump(fixture, out)
