"""Account queries and mutations: thin wrappers over accounts.service."""

from __future__ import annotations

from app.accounts import service
from app.accounts.types import AuthPayload, LogInInput, LogOutPayload, Session, SignUpInput, User
from app.auth import throttle
from app.auth.sessions import IssuedSession, resolve_viewer
from app.graphql.context import CookieChange, Info
from app.graphql.payloads import UserError, attempt
from app.models import User as UserRow


def viewer(info: Info) -> User | None:
    current = info.context.viewer
    return User.from_row(current.user) if current else None


async def begin_session(info: Info, issued: IssuedSession) -> None:
    """Hand the new session to the browser; the rest of this operation acts for it."""
    ctx = info.context
    ctx.cookie_change = CookieChange(issued)
    ctx.viewer = await resolve_viewer(ctx.db, issued.token, ctx.settings)


async def _signed_in(
    info: Info, result: tuple[UserRow, IssuedSession] | list[UserError]
) -> AuthPayload:
    if isinstance(result, list):
        return AuthPayload(session=None, viewer=None, user_errors=result)
    user, issued = result
    await begin_session(info, issued)
    return AuthPayload(
        session=Session(token=issued.token, expires_at=issued.expires_at),
        viewer=User.from_row(user),
        user_errors=[],
    )


async def sign_up(info: Info, input: SignUpInput) -> AuthPayload:
    ctx = info.context
    result = await attempt(
        info,
        lambda: service.sign_up(
            ctx.db,
            ctx.settings,
            email=input.email,
            password=input.password,
            display_name=input.display_name,
        ),
    )
    return await _signed_in(info, result)


async def log_in(info: Info, input: LogInInput) -> AuthPayload:
    ctx = info.context
    by_address = (throttle.login_by_address(ctx.settings), input.email)
    by_client = (throttle.login_by_client(ctx.settings), ctx.client_address)
    for limit, key in (by_address, by_client):
        await throttle.ensure_allowed(ctx.db, limit, key)
    result = await attempt(
        info,
        lambda: service.log_in(ctx.db, ctx.settings, email=input.email, password=input.password),
    )
    # Outside the mutation's savepoint: a failure is counted even though it changed nothing.
    if isinstance(result, list):
        for limit, key in (by_address, by_client):
            await throttle.note(ctx.db, limit, key)
    else:
        await throttle.forget(ctx.db, *by_address)
    return await _signed_in(info, result)


async def log_out(info: Info) -> LogOutPayload:
    ctx = info.context
    if ctx.viewer is None:
        return LogOutPayload(ended=False, user_errors=[])
    await service.log_out(ctx.db, ctx.viewer)
    ctx.cookie_change = CookieChange(None)
    return LogOutPayload(ended=True, user_errors=[])
