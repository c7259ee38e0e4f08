"""Development-only pages: the mailbox, and a landing page for invitation links."""

from __future__ import annotations

import json
from functools import lru_cache
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from app.db import Database
from app.devtools.mailbox import DevMailbox, Mail
from app.invitations.service import preview

_OPERATIONS = {
    "preview": "query Preview($token: String!) {\n  invitationPreview(token: $token) {\n"
    "    status linkReplaced expiresAt inviterDisplayName roomKind emailHint "
    "invitedEmailHasAccount\n  }\n}",
    "sign_up": "mutation Join($token: String!) {\n  signUpWithInvite(input: {token: $token, "
    'displayName: "Jamie", password: "choose a long password"}) {\n'
    "    session { token }\n    room { id viewerRole members { role user { displayName } } }\n"
    "    userErrors { code message }\n  }\n}",
    "accept": "mutation Accept($token: String!) {\n  acceptInvite(input: {token: $token}) {\n"
    "    room { id viewerRole }\n    userErrors { code message }\n  }\n}",
    "decline": "mutation Decline($token: String!) {\n  declineInvite(input: {token: $token}) {\n"
    "    invitation { status }\n    userErrors { code message }\n  }\n}",
}


@lru_cache(maxsize=1)
def _templates() -> Environment:
    return Environment(
        loader=PackageLoader("app.devtools", "templates"), autoescape=select_autoescape()
    )


# Our pages use one inline stylesheet and no scripts; mail HTML renders in a sandbox.
PAGE_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def _page(template: str, status: int = 200, **values: object) -> HTMLResponse:
    return HTMLResponse(
        _templates().get_template(template).render(values),
        status_code=status,
        headers={"Content-Security-Policy": PAGE_CSP},
    )


def _invite_paths(mail: Mail) -> list[str]:
    return [urlsplit(link).path for link in mail.links() if "/invite/" in urlsplit(link).path]


def dev_routes(mailbox: DevMailbox, database: Database) -> list[Route]:
    async def mailbox_page(_: Request) -> Response:
        return _page("mailbox.html", mails=mailbox.newest_first(), directory=mailbox.directory)

    async def mailbox_json(_: Request) -> Response:
        return JSONResponse(
            [
                {
                    "id": mail.id,
                    "to": mail.to,
                    "subject": mail.subject,
                    "date": mail.date,
                    "links": mail.links(),
                    "text": mail.body("plain"),
                }
                for mail in mailbox.newest_first()
            ]
        )

    async def mail_page(request: Request) -> Response:
        mail = mailbox.get(request.path_params["mail_id"])
        if mail is None:
            return _page("mailbox.html", status=404, mails=[], directory=mailbox.directory)
        return _page("mail.html", mail=mail, invite_paths=_invite_paths(mail))

    async def invite_page(request: Request) -> Response:
        token = request.path_params["token"]
        async with database.unit_of_work() as db:
            found = await preview(db, token)
        variables = json.dumps({"token": token})
        graphiql = {
            name: "/graphql?" + urlencode({"query": document, "variables": variables})
            for name, document in _OPERATIONS.items()
        }
        return _page("invite.html", preview=found, graphiql=graphiql)

    return [
        Route("/dev/mailbox", mailbox_page, methods=["GET"]),
        Route("/dev/mailbox.json", mailbox_json, methods=["GET"]),
        Route("/dev/mailbox/{mail_id}", mail_page, methods=["GET"]),
        Route("/invite/{token}", invite_page, methods=["GET"]),
    ]
