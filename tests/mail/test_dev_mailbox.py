"""Without SMTP, a development server files email in a mailbox you can read and click."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.conftest import ServerFactory, client_for
from tests.support.invitations import invite
from tests.support.people import couples_room, new_email


async def test_the_invitation_lands_in_the_dev_mailbox_and_its_link_works(
    start_server: ServerFactory, tmp_path: Path
) -> None:
    server = await start_server(
        app_env="development", smtp_host=None, dev_mailbox_dir=str(tmp_path / "mailbox")
    )
    partner = new_email("jamie")
    async with client_for(server) as api:
        primary, room_id = await couples_room(api)
        await invite(api, primary.token, room_id, partner)
        for _ in range(200):
            mails = (await api.client.get("/dev/mailbox.json")).json()
            if mails:
                break
            await asyncio.sleep(0.05)

        (mail,) = mails
        assert mail["to"] == partner
        assert mail["subject"] == "Alex invited you to join them on Tandem"
        (link,) = mail["links"]
        path = link.removeprefix("http://web.example.com")
        listing = await api.client.get("/dev/mailbox")
        detail = await api.client.get(f"/dev/mailbox/{mail['id']}")
        landing = await api.client.get(path)
        missing = await api.client.get("/dev/mailbox/../../etc/passwd")

    assert mail["subject"] in listing.text
    assert path in detail.text and "24 hours" in detail.text
    assert landing.status_code == 200
    assert "Alex" in landing.text and partner[:2] + "***@example.com" in landing.text
    assert "signUpWithInvite" in landing.text
    assert missing.status_code == 404
    assert list((tmp_path / "mailbox").glob("*.eml"))


async def test_production_serves_no_dev_pages_and_no_graphiql(
    start_server: ServerFactory,
) -> None:
    server = await start_server(
        app_env="production", secret_key="a-production-secret-of-at-least-32-chars"
    )
    async with client_for(server) as api:
        mailbox = await api.client.get("/dev/mailbox")
        graphiql = await api.client.get("/graphql", headers={"accept": "text/html"})
        introspection = await api.run("{ __schema { types { name } } }")

    assert mailbox.status_code == 404
    assert graphiql.status_code == 400
    assert set(introspection.error_codes) == {"BAD_USER_INPUT"}
    assert introspection.data is None
