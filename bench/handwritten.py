"""The hand-written baseline: bare Starlette routes that answer what the GraphQL documents
ask for, running the SQL a hand-written endpoint would (session lookup, the few SELECTs,
the audit INSERT the API owes) through the app's own services and queries, then orjson.

Served with the same uvicorn settings as `python -m app serve` (uvloop, httptools, no
access log, gc.freeze after start-up), against the same database.
"""

from __future__ import annotations

import gc
import os
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import select
from sqlmodel import col
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app.audit.trail import AuditTrail, noting_room
from app.auth.capabilities import ROOM_FIELD_CAPABILITIES, Capability, is_restricted
from app.auth.sessions import resolve_viewer
from app.auth.viewer import Viewer
from app.config import Settings, load_settings
from app.db import Database, RequestSession
from app.graphql.ids import key_of, to_global_id
from app.invitations.service import invite_partner
from app.live_sessions.join_links import join_url
from app.live_sessions.status import LiveSessionStatus, can_join_now, status_of
from app.messaging.cursors import Position, decode_cursor, encode_cursor
from app.messaging.queries import MessagePage, PageRequest, message_pages
from app.messaging.service import send_message
from app.models import (
    AuditOutcome,
    Invitation,
    InvitationState,
    LiveSession,
    MemberRole,
    Plan,
    Provider,
    RoomKind,
    RoomMember,
    User,
)
from app.models.base import utcnow
from app.rooms.service import RoomAccess, room_for, rooms_for
from app.sql_counter import SqlCounter

Handler = Callable[[RequestSession, Viewer, dict[str, Any], AuditTrail], Awaitable[Any]]


def _iso(value: datetime) -> str:
    return value.isoformat()


def _audit_read(trail: AuditTrail, viewer: Viewer, access: RoomAccess, field: str) -> None:
    capability = ROOM_FIELD_CAPABILITIES[field]
    if is_restricted(capability):
        allowed = access.can(capability)
        trail.record(
            f"Room.{field}",
            AuditOutcome.ALLOWED if allowed else AuditOutcome.DENIED,
            actor_user_id=viewer.user_id,
            room_id=access.room.id,
            code=None if allowed else "FORBIDDEN",
        )
        access.require(capability)


async def _users(db: RequestSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, User]:
    rows = (await db.execute(select(User).where(col(User.id).in_(ids)))).scalars()
    return {row.id: row for row in rows}


def _messages_json(page: MessagePage) -> dict[str, Any]:
    edges = [
        {
            "node": {
                "id": to_global_id("Message", m.id),
                "body": m.body,
                "sentAt": _iso(m.sent_at),
                "author": {"displayName": page.author_names[m.author_user_id]},
            }
        }
        for m in page.messages
    ]
    last = page.messages[-1] if page.messages else None
    return {
        "edges": edges,
        "pageInfo": {
            "hasNextPage": page.has_next_page,
            "endCursor": encode_cursor(Position(last.sent_at, last.id)) if last else None,
        },
    }


def _can_invite(access: RoomAccess, members: list[RoomMember]) -> bool:
    return (
        access.can(Capability.MANAGE_INVITATIONS)
        and access.room.kind == RoomKind.COUPLES
        and not any(m.role == MemberRole.SECONDARY for m in members)
    )


def _members_json(members: list[RoomMember], users: dict[uuid.UUID, User]) -> list[Any]:
    ordered = sorted(members, key=lambda m: m.role != MemberRole.PRIMARY)
    return [
        {"role": m.role, "user": {"displayName": users[m.user_id].display_name}} for m in ordered
    ]


async def room_screen(
    db: RequestSession, viewer: Viewer, body: dict[str, Any], trail: AuditTrail
) -> Any:
    settings: Settings = SETTINGS
    access = await room_for(db, viewer, key_of(body["id"], "Room"))
    room = access.room
    plan = await db.get(Plan, room.plan_id)
    provider = await db.get(Provider, room.provider_id)
    members = list(
        (await db.execute(select(RoomMember).where(col(RoomMember.room_id) == room.id)))
        .scalars()
        .all()
    )
    _audit_read(trail, viewer, access, "liveSessions")
    sessions = (
        await db.execute(
            select(LiveSession)
            .where(col(LiveSession.room_id) == room.id)
            .order_by(col(LiveSession.starts_at), col(LiveSession.id))
        )
    ).scalars()
    _audit_read(trail, viewer, access, "messages")
    page = (await message_pages(db, [PageRequest(room.id, 20, None)]))[0]
    assert plan is not None and provider is not None
    users = await _users(db, {m.user_id for m in members} | {provider.user_id})
    _audit_read(trail, viewer, access, "pendingInvitation")
    pending = (
        await db.execute(
            select(Invitation).where(
                col(Invitation.room_id) == room.id,
                col(Invitation.status) == InvitationState.PENDING,
            )
        )
    ).scalar_one_or_none()
    now = utcnow()
    can_invite = _can_invite(access, members)
    return {
        "room": {
            "id": to_global_id("Room", room.id),
            "kind": room.kind,
            "viewerRole": access.role,
            "showAddPartnerBanner": access.role == "PRIMARY" and can_invite,
            "viewerCan": {
                "invitePartner": can_invite,
                "scheduleLiveSession": access.can(Capability.SCHEDULE_LIVE_SESSION),
                "viewAssessments": access.can(Capability.VIEW_ASSESSMENTS),
                "requestSuperbill": access.can(Capability.REQUEST_SUPERBILL),
            },
            "plan": {"name": plan.name},
            "provider": {"displayName": users[provider.user_id].display_name},
            "members": _members_json(members, users),
            "liveSessions": [
                {
                    "id": to_global_id("LiveSession", s.id),
                    "startsAt": _iso(s.starts_at),
                    "status": (status := status_of(s, now)),
                    "joinUrl": join_url(settings, s.id, viewer.user_id)
                    if status == LiveSessionStatus.SCHEDULED
                    else None,
                    "canJoinNow": can_join_now(s, now),
                }
                for s in sessions
            ],
            "messages": _messages_json(page),
            "pendingInvitation": {
                "id": to_global_id("Invitation", pending.id),
                "status": pending.shown_status(now),
            }
            if pending
            else None,
        }
    }


async def viewer_rooms(
    db: RequestSession, viewer: Viewer, body: dict[str, Any], trail: AuditTrail
) -> Any:
    accesses = list(await rooms_for(db, viewer))
    room_ids = [a.room.id for a in accesses]
    provider_ids = {a.room.provider_id for a in accesses}
    providers = {
        p.id: p
        for p in (await db.execute(select(Provider).where(col(Provider.id).in_(provider_ids))))
        .scalars()
        .all()
    }
    members_by_room: dict[uuid.UUID, list[RoomMember]] = {room_id: [] for room_id in room_ids}
    for m in (
        await db.execute(select(RoomMember).where(col(RoomMember.room_id).in_(room_ids)))
    ).scalars():
        members_by_room[m.room_id].append(m)
    users = await _users(
        db,
        {m.user_id for ms in members_by_room.values() for m in ms}
        | {p.user_id for p in providers.values()},
    )
    rooms = []
    for access in accesses:
        members = members_by_room[access.room.id]
        can_invite = _can_invite(access, members)
        rooms.append(
            {
                "id": to_global_id("Room", access.room.id),
                "kind": access.room.kind,
                "viewerRole": access.role,
                "showAddPartnerBanner": access.role == "PRIMARY" and can_invite,
                "viewerCan": {"invitePartner": can_invite},
                "provider": {
                    "displayName": users[providers[access.room.provider_id].user_id].display_name
                },
                "members": _members_json(members, users),
            }
        )
    return {"viewer": {"displayName": viewer.user.display_name, "rooms": rooms}}


async def messages_page(
    db: RequestSession, viewer: Viewer, body: dict[str, Any], trail: AuditTrail
) -> Any:
    access = await room_for(db, viewer, key_of(body["id"], "Room"))
    _audit_read(trail, viewer, access, "messages")
    request = PageRequest(access.room.id, 20, decode_cursor(body["after"]))
    page = (await message_pages(db, [request]))[0]
    return {"room": {"messages": _messages_json(page)}}


async def _mutation(
    db: RequestSession, viewer: Viewer, trail: AuditTrail, action: str, work: Any
) -> Any:
    with noting_room() as note:
        result = await work()
        trail.record(
            action, AuditOutcome.ALLOWED, actor_user_id=viewer.user_id, room_id=note.room_id
        )
    return result


async def invite(
    db: RequestSession, viewer: Viewer, body: dict[str, Any], trail: AuditTrail
) -> Any:
    room_id = key_of(body["roomId"], "Room")
    invitation = await _mutation(
        db,
        viewer,
        trail,
        "Mutation.invitePartner",
        lambda: invite_partner(db, SETTINGS, viewer, room_id=room_id, email=body["email"]),
    )
    return {
        "invitePartner": {
            "invitation": {
                "id": to_global_id("Invitation", invitation.id),
                "status": invitation.shown_status(utcnow()),
            },
            "userErrors": [],
        }
    }


async def send(db: RequestSession, viewer: Viewer, body: dict[str, Any], trail: AuditTrail) -> Any:
    room_id = key_of(body["roomId"], "Room")
    message = await _mutation(
        db,
        viewer,
        trail,
        "Mutation.sendMessage",
        lambda: send_message(db, viewer, room_id=room_id, body=body["body"]),
    )
    return {
        "sendMessage": {
            "message": {
                "id": to_global_id("Message", message.id),
                "body": message.body,
                "sentAt": _iso(message.sent_at),
            },
            "userErrors": [],
        }
    }


def route(database: Database, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        body = orjson.loads(await request.body())
        _, _, token = request.headers.get("authorization", "").partition(" ")
        trail = AuditTrail()
        async with database.unit_of_work() as db:
            viewer = await resolve_viewer(db, token.strip(), SETTINGS)
            if viewer is None:
                return Response(b'{"error":"unauthenticated"}', 401, media_type="application/json")
            data = await handler(db, viewer, body, trail)
            await trail.write(db)
        return Response(orjson.dumps({"data": data}), media_type="application/json")

    return endpoint


SETTINGS = load_settings()


def create_app() -> Starlette:
    database = Database(SETTINGS.database_url)
    routes = [
        Route("/room", route(database, room_screen), methods=["POST"]),
        Route("/viewer-rooms", route(database, viewer_rooms), methods=["POST"]),
        Route("/messages", route(database, messages_page), methods=["POST"]),
        Route("/invite-partner", route(database, invite), methods=["POST"]),
        Route("/send-message", route(database, send), methods=["POST"]),
        Route("/bench/sql-statements", SqlCounter(database.engine).endpoint),
    ]
    return Starlette(routes=routes)


def main() -> None:
    import uvicorn

    config = uvicorn.Config(
        create_app(),
        host="127.0.0.1",
        port=int(os.environ["PORT"]),
        loop="uvloop",
        http="httptools",
        access_log=False,
        log_level="info",
        server_header=False,
    )
    server = uvicorn.Server(config)
    gc.collect()
    gc.freeze()
    server.run()


if __name__ == "__main__":
    main()
