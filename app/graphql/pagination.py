"""Relay connection pieces shared by every paginated list."""

from __future__ import annotations

import strawberry

from app.errors import BadUserInput

MAX_PAGE_SIZE = 100


def page_size(first: int) -> int:
    """`first` as asked, or BAD_USER_INPUT outside 1..MAX_PAGE_SIZE (never silently clamped)."""
    if not 1 <= first <= MAX_PAGE_SIZE:
        raise BadUserInput(f"`first` must be between 1 and {MAX_PAGE_SIZE}.")
    return first


@strawberry.type(description="Where a page sits in its list (Relay cursor connections).")
class PageInfo:
    has_next_page: bool = strawberry.field(
        description="True when more items follow; fetch them with `after: endCursor`."
    )
    has_previous_page: bool = strawberry.field(
        description="True when this page was fetched with `after` (items precede it)."
    )
    start_cursor: str | None = strawberry.field(
        description="Cursor of the first edge; null on an empty page."
    )
    end_cursor: str | None = strawberry.field(
        description="Cursor of the last edge; pass it as `after` for the next page. "
        "Null on an empty page."
    )
