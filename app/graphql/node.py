"""The Node interface shared by every object with a global ID."""

from __future__ import annotations

import strawberry


@strawberry.interface(
    description="An object with an opaque, stable global ID, refetchable with `node(id:)`."
)
class Node:
    id: strawberry.ID = strawberry.field(
        description="Opaque global ID. Store and pass it back as is; never parse it."
    )
