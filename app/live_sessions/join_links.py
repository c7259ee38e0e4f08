"""Personal join links: one per (live session, person), signed with SECRET_KEY.

The token is an HMAC-SHA256 of the session and the person, so each partner (and the
provider) gets a different, unguessable link without a row per participant. The video
service, which shares SECRET_KEY, checks a token by recomputing it for the session's
participants. Rotating SECRET_KEY invalidates every link at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid

from app.config import Settings


def join_token(secret_key: str, live_session_id: uuid.UUID, user_id: uuid.UUID) -> str:
    message = f"tandem.live-session.v1:{live_session_id}:{user_id}".encode()
    digest = hmac.new(secret_key.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def join_url(settings: Settings, live_session_id: uuid.UUID, user_id: uuid.UUID) -> str:
    token = join_token(settings.secret_key.get_secret_value(), live_session_id, user_id)
    return f"{settings.video_base_url}/{live_session_id}?t={token}"
