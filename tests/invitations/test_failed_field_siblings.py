"""A refused field can end execution while sibling loads still run: still no 500."""

from __future__ import annotations

from tests.support.api import Api
from tests.support.invitations import ACCEPT, invite_and_read_link
from tests.support.mailbox import Mailbox
from tests.support.people import couples_room, sign_up

QUERY = "{ viewer { id rooms { plan { includes } invitations { status } } } }"


async def test_a_forbidden_field_beside_loaded_ones_answers_cleanly(
    api: Api, mailbox: Mailbox
) -> None:
    primary, room_id = await couples_room(api)
    partner = await sign_up(api, name="Jamie")
    _, link = await invite_and_read_link(api, mailbox, primary.token, room_id, partner.email)
    await api.ok(ACCEPT, {"input": {"token": link}}, token=partner.token)

    for _ in range(5):
        result = await api.run(QUERY, token=partner.token)
        assert result.response.status_code == 200, result.body
        assert result.error_codes == ["FORBIDDEN"]
        assert result.data == {"viewer": None}
