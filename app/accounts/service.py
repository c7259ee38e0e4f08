"""Signing up, signing in and out."""

from __future__ import annotations

import unicodedata

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.accounts.emails import normalize_email
from app.auth.passwords import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    hash_password,
    verify_password,
)
from app.auth.sessions import IssuedSession, end_session, start_session
from app.auth.viewer import Viewer
from app.config import Settings
from app.errors import UserErrorCode, UserInputError
from app.models import User
from app.models.base import utcnow

MAX_DISPLAY_NAME_LENGTH = 80


def check_password(password: str, field: list[str]) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserInputError(
            UserErrorCode.PASSWORD_TOO_SHORT,
            f"Use at least {MIN_PASSWORD_LENGTH} characters for your password.",
            field,
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise UserInputError(
            UserErrorCode.PASSWORD_TOO_LONG,
            f"Use at most {MAX_PASSWORD_LENGTH} characters for your password.",
            field,
        )


def clean_display_name(raw: str, field: list[str]) -> str:
    name = " ".join(raw.split())
    if (
        not name
        or len(name) > MAX_DISPLAY_NAME_LENGTH
        or any(unicodedata.category(ch).startswith("C") for ch in name)
    ):
        raise UserInputError(
            UserErrorCode.INVALID_DISPLAY_NAME,
            f"Enter a name of 1 to {MAX_DISPLAY_NAME_LENGTH} characters.",
            field,
        )
    return name


async def find_user_by_email(db: AsyncSession, email: str) -> User | None:
    return (await db.execute(select(User).where(col(User.email) == email))).scalar_one_or_none()


async def create_account(
    db: AsyncSession,
    *,
    email: str,
    password: str,
    display_name: str,
    email_verified: bool = False,
    field_prefix: str = "input",
) -> User:
    """A new account; the address must already be normalised."""
    check_password(password, [field_prefix, "password"])
    name = clean_display_name(display_name, [field_prefix, "displayName"])
    if await find_user_by_email(db, email) is not None:
        raise _account_exists()
    user = User(
        email=email,
        display_name=name,
        password_hash=await hash_password(password),
        email_verified_at=utcnow() if email_verified else None,
    )
    db.add(user)
    try:
        await db.flush()
    except IntegrityError:  # a concurrent sign-up took the address first
        raise _account_exists() from None
    return user


def _account_exists() -> UserInputError:
    return UserInputError(
        UserErrorCode.ACCOUNT_EXISTS,
        "An account already uses this email address. Log in instead.",
        ["input", "email"],
    )


async def sign_up(
    db: AsyncSession, settings: Settings, *, email: str, password: str, display_name: str
) -> tuple[User, IssuedSession]:
    normalized = normalize_email(email, ["input", "email"])
    user = await create_account(db, email=normalized, password=password, display_name=display_name)
    return user, await start_session(db, user, settings)


async def log_in(
    db: AsyncSession, settings: Settings, *, email: str, password: str
) -> tuple[User, IssuedSession]:
    invalid = UserInputError(
        UserErrorCode.INVALID_CREDENTIALS, "The email or password is incorrect.", ["input"]
    )
    try:
        normalized = normalize_email(email)
    except UserInputError:
        await verify_password(None, password)
        raise invalid from None
    user = await find_user_by_email(db, normalized)
    if len(password) > MAX_PASSWORD_LENGTH or not await verify_password(
        user.password_hash if user else None, password[:MAX_PASSWORD_LENGTH]
    ):
        raise invalid
    assert user is not None
    return user, await start_session(db, user, settings)


async def log_out(db: AsyncSession, viewer: Viewer) -> None:
    await end_session(db, viewer)
