"""GET /graphql for browsers: our GraphiQL page, or a page saying how to install it."""

from __future__ import annotations

import logging
from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.responses import Response
from starlette.routing import Route

from app.graphiql.assets import GraphiQLAssets
from app.graphiql.walkthrough import DEFAULT_HEADERS, default_variables, walkthrough_document
from app.webpage import content_security_policy, html_page, static_files

log = logging.getLogger("tandem.graphiql")

STATIC_PREFIX = "/graphiql/static"
# Scripts, styles, fonts and requests from this server only. GraphiQL 3 needs no
# 'unsafe-inline': React and CodeMirror set styles through the CSSOM, which CSP allows.
POLICY = content_security_policy()


@lru_cache(maxsize=1)
def _templates() -> Environment:
    return Environment(
        loader=PackageLoader("app.graphiql", "templates"), autoescape=select_autoescape()
    )


class GraphiQLPage:
    def __init__(self, assets: GraphiQLAssets) -> None:
        self.assets = assets

    def warn_if_missing(self) -> None:
        if missing := self.assets.missing():
            log.warning(
                "GraphiQL's browser files are missing (%s); run `npm ci` in web/graphiql",
                ", ".join(missing),
            )

    def respond(self) -> Response:
        missing = self.assets.missing()
        if missing:
            html = _templates().get_template("missing.html").render(missing=missing)
            return html_page(html, policy=POLICY, status=503)
        settings = {
            "endpoint": "/graphql",
            "document": walkthrough_document(),
            "variables": default_variables(),
            "headers": DEFAULT_HEADERS,
        }
        html = _templates().get_template("graphiql.html").render(settings=settings)
        return html_page(html, policy=POLICY)

    def routes(self) -> list[Route]:
        return [static_files(STATIC_PREFIX, self.assets.files)]
