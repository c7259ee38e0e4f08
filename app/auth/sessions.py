"""Sign-in sessions: opaque bearer tokens with idle and absolute expiry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.auth.tokens import hash_token, new_token
from app.auth.viewer import Viewer
from app.config import Settings
from app.models import AuthSession, Provider, User
from app.models.base import utcnow

# Writing last_seen_at on every request would turn reads into writes; a minute is precise enough.
_TOUCH_INTERVAL = timedelta(seconds=60)


# The session, its person and (for a therapist) their provider record: every request asks.
_SIGNED_IN = (
    select(AuthSession, User, Provider)
    .join(User, col(User.id) == col(AuthSession.user_id))
    .outerjoin(Provider, col(Provider.user_id) == col(User.id))
    .where(col(AuthSession.token_hash) == bindparam("token_hash"))
)


@dataclass(frozen=True)
class IssuedSession:
    auth_session: AuthSession
    token: str

    @property
    def expires_at(self) -> datetime:
        return self.auth_session.expires_at


async def start_session(db: AsyncSession, user: User, settings: Settings) -> IssuedSession:
    raw, digest = new_token()
    now = utcnow()
    auth_session = AuthSession(
        user_id=user.id,
        token_hash=digest,
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(seconds=settings.session_max_seconds),
    )
    db.add(auth_session)
    await db.flush()
    return IssuedSession(auth_session, raw)


async def resolve_viewer(db: AsyncSession, token: str, settings: Settings) -> Viewer | None:
    """The viewer for a bearer token, or None when it is unknown or expired."""
    if not token or len(token) > 128:
        return None
    row = (await db.execute(_SIGNED_IN, {"token_hash": hash_token(token)})).first()
    if row is None:
        return None
    auth_session, user, provider = row
    now = utcnow()
    idle_deadline = auth_session.last_seen_at + timedelta(seconds=settings.session_idle_seconds)
    if now >= auth_session.expires_at or now >= idle_deadline:
        await db.delete(auth_session)
        await db.flush()
        return None
    if now - auth_session.last_seen_at >= _TOUCH_INTERVAL:
        auth_session.last_seen_at = now
        await db.flush()
    return Viewer(user=user, auth_session=auth_session, provider=provider)


async def end_session(db: AsyncSession, viewer: Viewer) -> None:
    await db.execute(delete(AuthSession).where(col(AuthSession.id) == viewer.auth_session.id))
