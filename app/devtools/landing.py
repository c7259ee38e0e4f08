"""GET /invite/{token} in development: a stand-in for the web app's invitation page.

Built from the same `invitationPreview` the web app uses; its forms act through
/graphql from a static script (sign up and join, log in and accept, or decline), so
the whole partner flow works with no SMTP server and no GraphiQL."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app.db import Database
from app.devtools.templating import page
from app.graphiql.walkthrough import EXAMPLES_DIRECTORY
from app.invitations.service import Preview, preview
from app.models import InvitationState

# Which example operation each GraphiQL link opens, from docs/examples.
_GRAPHIQL_EXAMPLES = {
    "preview": "11-invitation-preview",
    "sign_up": "12-sign-up-with-invite",
    "accept": "13-accept-invite",
    "decline": "14-decline-invite",
}


def _graphiql_links(token: str) -> dict[str, str]:
    variables = json.dumps(
        {"token": token, "partnerName": "Jamie", "partnerPassword": "choose a long password"},
        indent=2,
    )
    links = {}
    for action, name in _GRAPHIQL_EXAMPLES.items():
        path = EXAMPLES_DIRECTORY / f"{name}.graphql"
        if path.is_file():
            document = path.read_text(encoding="utf-8")
            links[action] = "/graphql?" + urlencode({"document": document, "variables": variables})
    return links


def _can_act(found: Preview | None) -> bool:
    return found is not None and found.status is InvitationState.PENDING and not found.link_replaced


def landing_route(database: Database, *, graphiql_enabled: bool) -> Route:
    async def invite_page(request: Request) -> Response:
        token = request.path_params["token"]
        async with database.unit_of_work() as db:
            found = await preview(db, token)
        return page(
            "invite.html",
            preview=found,
            can_act=_can_act(found),
            graphiql=_graphiql_links(token) if graphiql_enabled else {},
        )

    return Route("/invite/{token}", invite_page, methods=["GET"])
