"""POST/GET /graphql: parse the request, run it in one transaction, answer with orjson."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import orjson
import strawberry
from starlette.requests import Request
from starlette.responses import Response
from strawberry.exceptions import MissingQueryError
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.graphql import OperationType

from app.auth.sessions import resolve_viewer
from app.config import Settings
from app.db import Database
from app.errors import ErrorCode
from app.graphiql.page import GraphiQLPage
from app.graphql.context import Context, CookieChange
from app.graphql.errors import INTERNAL_MESSAGE, error_body, format_error
from app.graphql.limits import MAX_QUERY_LENGTH
from app.graphql.loaders import Loaders
from app.mail.outbox import OUTBOX_WRITTEN
from app.mail.worker import OutboxWorker

log = logging.getLogger("tandem.graphql")

SESSION_COOKIE = "tandem_session"
# Apollo's CSRF rule: a header no simple cross-site request can carry.
PREFLIGHT_HEADERS = ("apollo-require-preflight", "x-apollo-operation-name", "x-requested-with")
MAX_BODY_BYTES = 2_000_000


class RequestRejected(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Operation:
    query: str
    variables: dict[str, Any] | None
    operation_name: str | None


def _json_response(payload: dict[str, Any], status: int = 200) -> Response:
    return Response(orjson.dumps(payload), status_code=status, media_type="application/json")


def _rejection(status: int, message: str) -> Response:
    return _json_response({"errors": [error_body(message, ErrorCode.BAD_USER_INPUT)]}, status)


def _decode_variables(raw: Any) -> dict[str, Any] | None:
    if isinstance(raw, str):
        try:
            raw = orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise RequestRejected(400, "`variables` is not valid JSON.") from None
    if raw is not None and not isinstance(raw, dict):
        raise RequestRejected(400, "`variables` must be a JSON object.")
    return raw


def _operation_from(data: Any) -> Operation:
    if isinstance(data, list):
        raise RequestRejected(400, "Batched requests are not supported; send one operation.")
    if not isinstance(data, dict):
        raise RequestRejected(400, "The body must be a JSON object with a `query`.")
    query, name = data.get("query"), data.get("operationName")
    if not isinstance(query, str) or not query.strip():
        raise RequestRejected(400, "`query` must be a non-empty string.")
    if name is not None and not isinstance(name, str):
        raise RequestRejected(400, "`operationName` must be a string.")
    return Operation(query, _decode_variables(data.get("variables")), name)


async def _read_operation(request: Request) -> Operation:
    if request.method == "GET":
        return _operation_from(dict(request.query_params))
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise RequestRejected(415, "Send the operation as `Content-Type: application/json`.")
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        raise RequestRejected(413, "The request body is too large.")
    try:
        return _operation_from(orjson.loads(body))
    except orjson.JSONDecodeError:
        raise RequestRejected(400, "The body is not valid JSON.") from None


def _session_token(request: Request) -> str | None:
    authorization = request.headers.get("authorization", "")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    cookie = request.cookies.get(SESSION_COOKIE)
    if (
        cookie
        and request.method == "GET"
        and not any(request.headers.get(h) for h in PREFLIGHT_HEADERS)
    ):
        return None  # a cross-site GET could carry the cookie; it gets no authority
    return cookie


def _apply_cookie(response: Response, change: CookieChange, settings: Settings) -> None:
    if change.session is None:
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
        return
    response.set_cookie(
        SESSION_COOKIE,
        change.session.token,
        max_age=settings.session_max_seconds,
        path="/",
        httponly=True,
        samesite="lax",
        secure=settings.is_production,
    )


class GraphQLEndpoint:
    def __init__(
        self,
        schema: strawberry.Schema,
        database: Database,
        settings: Settings,
        graphiql: GraphiQLPage | None = None,
    ) -> None:
        self.schema = schema
        self.database = database
        self.settings = settings
        self.graphiql = graphiql
        self.outbox_worker: OutboxWorker | None = None

    async def handle(self, request: Request) -> Response:
        if request.method == "GET" and "query" not in request.query_params:
            if self.graphiql is not None and "text/html" in request.headers.get("accept", ""):
                return self.graphiql.respond()
            return _rejection(400, "Send a GraphQL operation in the `query` parameter.")
        try:
            operation = await _read_operation(request)
        except RequestRejected as rejected:
            return _rejection(rejected.status, rejected.message)
        return await self._execute(request, operation)

    async def _execute(self, request: Request, operation: Operation) -> Response:
        if len(operation.query) > MAX_QUERY_LENGTH:
            body = error_body(
                f"The document is longer than {MAX_QUERY_LENGTH} characters.",
                ErrorCode.QUERY_TOO_COMPLEX,
            )
            return _json_response({"errors": [body]})
        allowed = (
            {OperationType.QUERY}
            if request.method == "GET"
            else {OperationType.QUERY, OperationType.MUTATION}
        )
        token = _session_token(request)
        request.state.graphql_operation = operation.operation_name
        try:
            async with self.database.unit_of_work() as db:
                viewer = await resolve_viewer(db, token, self.settings) if token else None
                context = Context(
                    request=request,
                    db=db,
                    settings=self.settings,
                    viewer=viewer,
                    loaders=Loaders.for_request(db),
                )
                result = await self.schema.execute(
                    operation.query,
                    variable_values=operation.variables,
                    context_value=context,
                    operation_name=operation.operation_name,
                    allowed_operation_types=allowed,
                )
                # A failed field can end execution while siblings still run: let them finish
                # before committing, and refuse anything they try afterwards.
                await context.loaders.settle()
                await db.quiesce()
                # In the request's transaction, outside any mutation savepoint: refusals stay.
                await context.audit.write(db)
                db.finish()
            if db.info.get(OUTBOX_WRITTEN) and self.outbox_worker is not None:
                self.outbox_worker.wake()  # committed: send now rather than at the next poll
        except InvalidOperationTypeError:
            return _rejection(405, "Only queries can be sent with GET; use POST for mutations.")
        except MissingQueryError:
            return _rejection(400, "`query` must be a non-empty string.")
        except CannotGetOperationTypeError as missing:
            # GraphiQL can send the operation name of a document you have since edited.
            name = missing.operation_name
            return _rejection(
                400,
                f"The document has no operation named {name!r}."
                if name
                else "The document has no operation to run.",
            )
        except Exception:  # the commit itself failed: nothing was saved
            log.exception("request failed")
            body = {"errors": [error_body(INTERNAL_MESSAGE, ErrorCode.INTERNAL_SERVER_ERROR)]}
            return _json_response(body, 500)
        payload: dict[str, Any] = {"data": result.data}
        if result.errors:
            hide = self.settings.is_production
            payload["errors"] = [format_error(e, hide_suggestions=hide) for e in result.errors]
        response = _json_response(payload)
        if context.cookie_change is not None:
            _apply_cookie(response, context.cookie_change, self.settings)
        return response
