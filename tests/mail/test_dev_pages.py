"""The development pages: a strict CSP, scripts only from files of ours, each email's HTML
framed from a sandboxed address, and an invitation page that explains dead links."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from tests.conftest import ServerFactory, client_for
from tests.support.api import Api
from tests.support.invitations import REVOKE, invite
from tests.support.pages import csp, page_parts
from tests.support.people import couples_room, new_email
from tests.support.server import RunningServer


async def _development_server(start_server: ServerFactory, tmp_path: Path) -> RunningServer:
    return await start_server(
        app_env="development", smtp_host=None, dev_mailbox_dir=str(tmp_path / "mailbox")
    )


async def _mails(api: Api, count: int) -> list[dict[str, Any]]:
    for _ in range(300):
        mails: list[dict[str, Any]] = (await api.client.get("/dev/mailbox.json")).json()
        if len(mails) >= count:
            return mails
        await asyncio.sleep(0.05)
    raise AssertionError(f"expected {count} emails in the development mailbox")


async def test_every_page_allows_only_its_own_scripts_and_styles(
    start_server: ServerFactory, tmp_path: Path
) -> None:
    server = await _development_server(start_server, tmp_path)
    async with client_for(server) as api:
        primary, room_id = await couples_room(api)
        await invite(api, primary.token, room_id, new_email("jamie"))
        (mail,) = await _mails(api, 1)
        (path,) = mail["invitationPaths"]
        pages = {
            "mailbox": await api.client.get("/dev/mailbox"),
            "mail": await api.client.get(f"/dev/mailbox/{mail['id']}"),
            "invitation": await api.client.get(path),
        }
        assets = {
            src: await api.client.get(src)
            for page in pages.values()
            for src in page_parts(page.text).scripts + page_parts(page.text).stylesheets
        }

    for name, page in pages.items():
        policy = csp(page)
        parts = page_parts(page.text)
        assert page.status_code == 200, name
        assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'", name
        assert policy["default-src"] == "'none'" and policy["frame-ancestors"] == "'none'", name
        assert parts.inline_scripts == 0 and parts.inline_styles == 0, name
        assert page.headers["referrer-policy"] == "no-referrer", name
    assert csp(pages["mail"])["frame-src"] == "'self'"
    assert csp(pages["invitation"])["frame-src"] == "'none'"
    assert set(assets) == {"/dev/static/dev.css", "/dev/static/mailbox.js", "/dev/static/invite.js"}
    assert all(response.status_code == 200 for response in assets.values())


async def test_an_emails_html_is_served_sandboxed_for_the_mail_page_to_frame(
    start_server: ServerFactory, tmp_path: Path
) -> None:
    server = await _development_server(start_server, tmp_path)
    async with client_for(server) as api:
        primary, room_id = await couples_room(api, name="Alex")
        await invite(api, primary.token, room_id, new_email("jamie"))
        (mail,) = await _mails(api, 1)
        page = await api.client.get(f"/dev/mailbox/{mail['id']}")
        html = await api.client.get(f"/dev/mailbox/{mail['id']}/html")
        missing = await api.client.get("/dev/mailbox/0000000000000-000000000000/html")

    assert f'src="/dev/mailbox/{mail["id"]}/html"' in page.text and "sandbox" in page.text
    assert html.headers["content-type"].startswith("text/html")
    assert "<strong>Alex</strong> has invited you" in html.text
    policy = csp(html)
    assert "sandbox" in policy and policy["default-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'" and "script-src" not in policy
    assert missing.status_code == 404


async def test_the_mailbox_lists_recipient_subject_time_and_the_link_on_this_server(
    start_server: ServerFactory, tmp_path: Path
) -> None:
    server = await _development_server(start_server, tmp_path)
    partner = new_email("jamie")
    async with client_for(server) as api:
        primary, room_id = await couples_room(api, name="Alex")
        await invite(api, primary.token, room_id, partner)
        (mail,) = await _mails(api, 1)
        listing = await api.client.get("/dev/mailbox")

    (path,) = mail["invitationPaths"]
    assert mail["links"] == [f"http://web.example.com{path}"]  # PUBLIC_WEB_URL in the tests
    assert mail["received"].endswith("+00:00")
    row = listing.text.split('<tr class="mail">')[1]
    assert partner in row and "Alex invited you to join them on Tandem" in row
    assert f'<a class="invitation" href="{path}">' in row
    assert f'datetime="{mail["received"]}"' in row
    assert f'data-newest="{mail["id"]}"' in listing.text


async def test_the_invitation_page_explains_a_dead_link_and_offers_no_form(
    start_server: ServerFactory, tmp_path: Path
) -> None:
    server = await _development_server(start_server, tmp_path)
    async with client_for(server) as api:
        primary, room_id = await couples_room(api, name="Alex")
        invitation = await invite(api, primary.token, room_id, new_email("jamie"))
        (mail,) = await _mails(api, 1)
        (path,) = mail["invitationPaths"]
        live = await api.client.get(path)
        await api.ok(REVOKE, {"input": {"invitationId": invitation["id"]}}, token=primary.token)
        revoked = await api.client.get(path)
        unknown = await api.client.get("/invite/no-such-token-at-all-anywhere")

    assert 'id="sign-up-form"' in live.text and 'id="decline-form"' in live.text
    assert "/graphql?document=" in live.text  # links into GraphiQL, prefilled
    assert "Alex cancelled this invitation." in revoked.text
    assert "<form" not in revoked.text
    assert "This invitation link does not work" in unknown.text
