"""Without SMTP, a person reads the invitation in the development mailbox and the partner
joins from its link, in a real browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.conftest import OpenBrowser
from tests.conftest import ServerFactory, client_for
from tests.support.api import Api
from tests.support.invitations import ROOM_INVITATIONS, invite
from tests.support.people import PASSWORD, couples_room, new_email, sign_up
from tests.support.server import RunningServer

SUBJECT = "Alex invited you to join them on Tandem"
MY_ROOMS = "{ viewer { displayName rooms { id viewerRole } } }"


async def _development_server(start_server: ServerFactory, tmp_path: Path) -> RunningServer:
    return await start_server(
        app_env="development", smtp_host=None, dev_mailbox_dir=str(tmp_path / "mailbox")
    )


async def _room(api: Api, token: str, room_id: str) -> dict[str, Any]:
    return dict((await api.ok(ROOM_INVITATIONS, {"id": room_id}, token=token))["room"])


async def test_the_partner_reads_the_mailbox_and_signs_up_from_the_link(
    start_server: ServerFactory, open_browser: OpenBrowser, tmp_path: Path
) -> None:
    server = await _development_server(start_server, tmp_path)
    browser = await open_browser(server)
    page = browser.page
    partner = new_email("jamie")
    async with client_for(server) as api:
        primary, room_id = await couples_room(api, name="Alex")
        await page.goto(f"{server.url}/dev/mailbox")
        await page.get_by_text("No mail yet").wait_for()

        await invite(api, primary.token, room_id, partner)
        row = page.locator("tr.mail", has_text=partner)
        await row.wait_for(timeout=20_000)  # the page refreshes itself when mail arrives
        await browser.screenshot("mailbox")
        await row.get_by_role("link", name=SUBJECT).click()
        await page.get_by_role("heading", name=SUBJECT).wait_for()
        text_body = await page.locator("pre.text-body").inner_text()
        html_body = page.frame_locator("iframe.html-body")
        await html_body.get_by_text("has invited you to join them").wait_for()
        await browser.screenshot("mail")

        await page.get_by_role("link", name="Open the invitation on this server").click()
        await page.get_by_role("heading", name=SUBJECT).wait_for()
        await browser.screenshot("invitation")
        await page.get_by_label("Your name").fill("Jamie")
        await page.get_by_label("Password, at least 10 characters").fill(PASSWORD)
        await page.get_by_role("button", name="Create account and join").click()
        outcome = page.locator("#outcome.joined")
        await outcome.wait_for()
        await browser.screenshot("invitation-joined")
        members = await outcome.locator("li").all_inner_texts()
        session = await outcome.locator("code.session-token").inner_text()

        as_partner = await api.ok(MY_ROOMS, token=session)
        room = await _room(api, primary.token, room_id)

    assert "24 hours" in text_body
    assert members == ["Alex (PRIMARY)", "Jamie (SECONDARY)"]
    assert as_partner["viewer"] == {
        "displayName": "Jamie",
        "rooms": [{"id": room_id, "viewerRole": "SECONDARY"}],
    }
    assert room["showAddPartnerBanner"] is False
    assert room["invitations"][0]["status"] == "ACCEPTED"
    browser.assert_only_own_origin_and_no_console_errors()


async def test_a_partner_with_an_account_logs_in_and_accepts_on_the_page(
    start_server: ServerFactory, open_browser: OpenBrowser, tmp_path: Path
) -> None:
    server = await _development_server(start_server, tmp_path)
    browser = await open_browser(server)
    page = browser.page
    async with client_for(server) as api:
        primary, room_id = await couples_room(api, name="Alex")
        partner = await sign_up(api, name="Morgan")
        await invite(api, primary.token, room_id, partner.email)
        await page.goto(f"{server.url}/dev/mailbox")
        await page.locator("tr.mail", has_text=partner.email).wait_for(timeout=20_000)

        await page.get_by_role("link", name="Open the invitation").click()
        await page.get_by_role("heading", name="Log in to accept").wait_for()
        await page.get_by_label("Email").fill(partner.email)
        await page.get_by_label("Password").fill("not the password")
        await page.get_by_role("button", name="Log in and join").click()
        refusal = await page.locator("#outcome.failed").inner_text()
        await page.get_by_label("Password").fill(PASSWORD)
        await page.get_by_role("button", name="Log in and join").click()
        await page.locator("#outcome.joined").wait_for()
        await browser.screenshot("invitation-accepted")
        members = await page.locator("#outcome.joined li").all_inner_texts()

        room = await _room(api, primary.token, room_id)

    assert "password" in refusal.lower()
    assert members == ["Alex (PRIMARY)", "Morgan (SECONDARY)"]
    assert room["showAddPartnerBanner"] is False
    browser.assert_only_own_origin_and_no_console_errors()


async def test_the_partner_declines_on_the_page_and_the_link_stops_working(
    start_server: ServerFactory, open_browser: OpenBrowser, tmp_path: Path
) -> None:
    server = await _development_server(start_server, tmp_path)
    browser = await open_browser(server)
    page = browser.page
    partner = new_email("quinn")
    async with client_for(server) as api:
        primary, room_id = await couples_room(api, name="Alex")
        await invite(api, primary.token, room_id, partner)
        await page.goto(f"{server.url}/dev/mailbox")
        await page.locator("tr.mail", has_text=partner).wait_for(timeout=20_000)
        await page.get_by_role("link", name="Open the invitation").click()

        await page.get_by_role("button", name="Decline the invitation").click()
        await page.locator("#outcome.declined").wait_for()
        status = await page.locator("#status").inner_text()
        await page.reload()
        after = await page.locator("p.problem").inner_text()

        room = await _room(api, primary.token, room_id)

    assert status == "DECLINED"
    assert after == "This invitation was declined."
    assert room["showAddPartnerBanner"] is True
    assert room["invitations"][0]["status"] == "DECLINED"
    browser.assert_only_own_origin_and_no_console_errors()
