"""Abuse limits count operations, not HTTP requests, and live in the database."""

from __future__ import annotations

from tests.conftest import ServerFactory, client_for
from tests.support.invitations import ACCEPT, PREVIEW, invite_and_read_link
from tests.support.mailbox import Mailbox
from tests.support.people import PASSWORD, couples_room, new_email, sign_up

LIMIT = 10


WRONG = "wrong password!"


def _aliased_log_ins(email: str, count: int, password: str = WRONG) -> str:
    fields = " ".join(
        f'a{i}: logIn(input: {{email: "{email}", password: "{password}"}}) '
        "{ userErrors { code } }"
        for i in range(count)
    )
    return f"mutation {{ {fields} }}"


async def test_failed_log_ins_through_aliases_are_throttled_per_address(
    start_server: ServerFactory,
) -> None:
    server = await start_server(login_failures_per_15_min=LIMIT)
    async with client_for(server) as api:
        person = await sign_up(api)

        within = await api.run(_aliased_log_ins(person.email, LIMIT))
        assert within.errors == []
        assert all(
            payload["userErrors"] == [{"code": "INVALID_CREDENTIALS"}]
            for payload in within.data.values()
        )

        over = await api.run(_aliased_log_ins(person.email, 1))
        right_password = await api.run(_aliased_log_ins(person.email, 1, PASSWORD))

    for result in (over, right_password):
        (error,) = result.errors
        assert error["extensions"]["code"] == "RATE_LIMITED"
        assert 0 < error["extensions"]["retryAfterSeconds"] <= 15 * 60


async def test_failed_log_ins_are_throttled_per_client_across_addresses(
    start_server: ServerFactory,
) -> None:
    server = await start_server(login_failures_per_15_min=LIMIT)
    async with client_for(server) as api:
        person = await sign_up(api)
        for i in range(LIMIT):
            result = await api.run(_aliased_log_ins(new_email(f"guess{i}"), 1))
            assert result.errors == []

        blocked = await api.run(_aliased_log_ins(person.email, 1, PASSWORD))

    assert blocked.error_codes == ["RATE_LIMITED"]


async def test_a_successful_log_in_clears_the_address_count(start_server: ServerFactory) -> None:
    server = await start_server(login_failures_per_15_min=3)
    async with client_for(server) as api:
        person = await sign_up(api)
        for _ in range(2):
            await api.run(_aliased_log_ins(person.email, 1))
            ok = await api.run(_aliased_log_ins(person.email, 1, PASSWORD))
            assert ok.errors == [] and ok.data["a0"]["userErrors"] == []


async def test_guessing_invitation_tokens_is_throttled_per_client(
    start_server: ServerFactory, mailbox: Mailbox
) -> None:
    server = await start_server(token_guesses_per_15_min=5)
    async with client_for(server) as api:
        primary, room_id = await couples_room(api)
        partner = await sign_up(api, name="Jamie")
        _, real = await invite_and_read_link(api, mailbox, primary.token, room_id, partner.email)
        valid_lookups = [await api.run(PREVIEW, {"token": real}) for _ in range(6)]
        assert all(not result.errors for result in valid_lookups)  # real links are not guesses

        guesses = " ".join(
            f'g{i}: invitationPreview(token: "guess-{i}-xxxxxxxxxxxxxxxxxxxx") {{ status }}'
            for i in range(5)
        )
        assert (await api.run(f"{{ {guesses} }}")).errors == []

        blocked_preview = await api.run(PREVIEW, {"token": real})
        blocked_accept = await api.run(ACCEPT, {"input": {"token": real}}, token=partner.token)

    assert blocked_preview.error_codes == ["RATE_LIMITED"]
    assert blocked_accept.error_codes == ["RATE_LIMITED"]
