"""What every resolver gets: the request's database session, viewer and loaders."""

from __future__ import annotations

from dataclasses import dataclass, field

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from app.audit.trail import AuditTrail
from app.auth.sessions import IssuedSession
from app.auth.viewer import Viewer, require_viewer
from app.config import Settings
from app.graphql.loaders import Loaders


@dataclass
class CookieChange:
    """Set by signUp/logIn (a new session) or logOut (None: clear the cookie)."""

    session: IssuedSession | None


@dataclass
class Context:
    request: Request
    db: AsyncSession
    settings: Settings
    viewer: Viewer | None
    loaders: Loaders
    cookie_change: CookieChange | None = field(default=None)
    audit: AuditTrail = field(default_factory=AuditTrail)

    def require_viewer(self) -> Viewer:
        return require_viewer(self.viewer)

    @property
    def client_address(self) -> str:
        return self.request.client.host if self.request.client else "unknown"


Info = strawberry.Info[Context, None]
