"""userErrors, and running a mutation so that a refused one changes nothing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry

from app.errors import UserErrorCode as DomainUserErrorCode
from app.errors import UserInputError
from app.graphql.context import Info

T = TypeVar("T")

UserErrorCode = strawberry.enum(
    DomainUserErrorCode,
    name="UserErrorCode",
    description="Why a mutation refused its input. Show `UserError.message` to the person.",
)


@strawberry.type(description="A problem with a mutation's input that the person can fix.")
class UserError:
    code: UserErrorCode = strawberry.field(description="Stable, machine-readable reason.")  # type: ignore[valid-type]
    field: list[str] | None = strawberry.field(
        description='Path to the input field at fault, e.g. `["input", "email"]`; '
        "null when the error concerns the input as a whole."
    )
    message: str = strawberry.field(description="A sentence to show the person, in English.")

    @classmethod
    def from_error(cls, error: UserInputError) -> UserError:
        return cls(code=error.code, field=error.field, message=error.message)


async def attempt(info: Info, work: Callable[[], Awaitable[T]]) -> T | list[UserError]:
    """Run one mutation in a savepoint: a userError or any exception undoes all it wrote."""
    try:
        async with info.context.db.begin_nested():
            return await work()
    except UserInputError as error:
        return [UserError.from_error(error)]
