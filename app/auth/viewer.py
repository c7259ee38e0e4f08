"""The signed-in person a request acts for."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from app.errors import Unauthenticated
from app.models import AuthSession, Provider, User


@dataclass(frozen=True)
class Viewer:
    user: User
    auth_session: AuthSession
    provider: Provider | None = None

    @property
    def user_id(self) -> uuid.UUID:
        return self.user.id

    @property
    def provider_id(self) -> uuid.UUID | None:
        return self.provider.id if self.provider else None


def require_viewer(viewer: Viewer | None) -> Viewer:
    if viewer is None:
        raise Unauthenticated()
    return viewer
