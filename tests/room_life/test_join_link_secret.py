"""Join links are signed with SECRET_KEY: verifiable by the video service, rotated with the key."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.config import DEVELOPMENT_SECRET_KEY, ConfigError, load_settings
from app.db import Database
from app.graphql.ids import key_of
from app.live_sessions.join_links import join_token
from app.models.base import utcnow
from tests.conftest import ServerFactory, client_for
from tests.support.api import Api
from tests.support.room_life import cast_of_couples_room, insert_live_session

SESSIONS = "query($id: ID!) { room(id: $id) { liveSessions { id joinUrl } } }"
OTHER_KEY = "another-secret-key-of-at-least-32-characters"


async def test_a_link_carries_the_hmac_of_session_and_person_and_rotates_with_the_key(
    api: Api, database: Database, start_server: ServerFactory
) -> None:
    cast = await cast_of_couples_room(api, database)
    session_id = await insert_live_session(
        database, cast.room_id, starts_at=utcnow() + timedelta(days=1)
    )
    # Test servers run on the development key unless told otherwise.
    rotated = await start_server(database, secret_key=OTHER_KEY)

    link = (await api.ok(SESSIONS, {"id": cast.room_id}, token=cast.secondary.token))["room"][
        "liveSessions"
    ][0]["joinUrl"]
    async with client_for(rotated) as other:
        after = (await other.ok(SESSIONS, {"id": cast.room_id}, token=cast.secondary.token))[
            "room"
        ]["liveSessions"][0]["joinUrl"]

    session_key = key_of(session_id, "LiveSession")
    partner_key = key_of(cast.secondary.id, "User")
    assert link == (
        f"http://video.example.com/join/{session_key}"
        f"?t={join_token(DEVELOPMENT_SECRET_KEY, session_key, partner_key)}"
    )
    assert after == (
        f"http://video.example.com/join/{session_key}"
        f"?t={join_token(OTHER_KEY, session_key, partner_key)}"
    )
    assert after != link


def test_production_refuses_the_development_key_and_short_keys() -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY must be set"):
        load_settings(_env_file=None, app_env="production", smtp_host="mail.example.com")
    with pytest.raises(ConfigError, match=r"^SECRET_KEY:"):
        load_settings(_env_file=None, secret_key="too short")
    production = load_settings(
        _env_file=None, app_env="production", smtp_host="mail.example.com", secret_key=OTHER_KEY
    )
    assert OTHER_KEY not in repr(production)
