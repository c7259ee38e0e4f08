"""CORS for the web app: only the origins in CORS_ORIGINS may call with credentials.

Cookies are `SameSite=Lax`, so a web app that signs in with the cookie must be on the
same site as the API (app.example.com calling api.example.com); other clients use bearer
tokens. The allowed headers are the ones our CSRF rule asks for."""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

from app.config import Settings
from app.graphql.endpoint import PREFLIGHT_HEADERS


def cors_middleware(settings: Settings) -> list[Middleware]:
    if not settings.cors_origins:
        return []
    return [
        Middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["GET", "POST"],
            allow_headers=["content-type", "authorization", *PREFLIGHT_HEADERS],
            max_age=600,
        )
    ]
