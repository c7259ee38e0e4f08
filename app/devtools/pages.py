"""Development-only pages: the mailbox (every email the server sent) and each message."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from app.db import Database
from app.devtools.landing import landing_route
from app.devtools.mailbox import DevMailbox, Mail
from app.devtools.templating import page, static_route
from app.webpage import content_security_policy

# The mail page frames the message's HTML from this server.
MAIL_PAGE_POLICY = content_security_policy(frame_src="'self'")
# An email's HTML, shown in that frame: styles but no scripts, no requests, its own
# opaque origin (`sandbox`), even when opened directly.
MAIL_HTML_POLICY = (
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
)


def _summary(mail: Mail) -> dict[str, Any]:
    return {
        "id": mail.id,
        "to": mail.to,
        "subject": mail.subject,
        "date": mail.date,
        "received": mail.received.isoformat(),
        "links": mail.links(),
        "invitationPaths": mail.invitation_paths(),
        "text": mail.body("plain"),
    }


def dev_routes(mailbox: DevMailbox, database: Database, *, graphiql_enabled: bool) -> list[Route]:
    async def mailbox_page(_: Request) -> Response:
        return page("mailbox.html", mails=mailbox.newest_first(), directory=mailbox.directory)

    async def mailbox_json(_: Request) -> Response:
        return JSONResponse([_summary(mail) for mail in mailbox.newest_first()])

    async def mail_page(request: Request) -> Response:
        mail = mailbox.get(request.path_params["mail_id"])
        if mail is None:
            return page("missing.html", status=404)
        return page("mail.html", policy=MAIL_PAGE_POLICY, mail=mail)

    async def mail_html(request: Request) -> Response:
        mail = mailbox.get(request.path_params["mail_id"])
        if mail is None:
            return page("missing.html", status=404)
        return Response(
            mail.body("html"),
            media_type="text/html",
            headers={
                "Content-Security-Policy": MAIL_HTML_POLICY,
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "no-referrer",
            },
        )

    return [
        Route("/dev/mailbox", mailbox_page, methods=["GET"]),
        Route("/dev/mailbox.json", mailbox_json, methods=["GET"]),
        Route("/dev/mailbox/{mail_id}", mail_page, methods=["GET"]),
        Route("/dev/mailbox/{mail_id}/html", mail_html, methods=["GET"]),
        static_route(),
        landing_route(database, graphiql_enabled=graphiql_enabled),
    ]
