"""GraphiQL in a real browser: it loads from this server alone and runs what you type."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from tests.browser.conftest import OpenBrowser
from tests.support.server import RunningServer

QUERY_EDITOR = ".graphiql-query-editor .CodeMirror"
EDITOR_VALUE = "selector => document.querySelector(selector).CodeMirror.getValue()"
TOOL_EDITORS = (
    "() => Array.from(document.querySelectorAll('.graphiql-editor-tool .CodeMirror'))"
    ".map(node => node.CodeMirror.getValue())"
)


async def test_graphiql_loads_from_this_server_alone_and_runs_a_typed_query(
    server: RunningServer, open_browser: OpenBrowser
) -> None:
    browser = await open_browser(server)
    page = browser.page

    response = await page.goto(f"{server.url}/graphql")
    assert response is not None and response.status == 200
    await page.locator(QUERY_EDITOR).wait_for()
    walkthrough = await page.evaluate(EDITOR_VALUE, QUERY_EDITOR)
    tools = await page.evaluate(TOOL_EDITORS)
    await browser.screenshot("graphiql-walkthrough", full_page=False)

    await page.locator(QUERY_EDITOR).click()
    await page.keyboard.press("Control+A")
    await page.keyboard.type("query TypedInTheBrowser { plans { name isCouples } }")
    # GraphiQL reads the operation name from the editor a moment after each change.
    await page.wait_for_function(
        "selector => document.querySelector(selector).CodeMirror.operationName"
        " === 'TypedInTheBrowser'",
        arg=QUERY_EDITOR,
    )
    await page.keyboard.press("Control+Enter")
    await page.locator(".graphiql-response", has_text="Couples Therapy").wait_for()
    answer = json.loads(await page.evaluate(EDITOR_VALUE, ".graphiql-response .CodeMirror"))
    await browser.screenshot("graphiql-typed-query", full_page=False)

    assert "mutation InvitePartner" in walkthrough and "query InvitationPreview" in walkthrough
    assert any("Bearer <paste the token from logIn/signUp>" in text for text in tools), tools
    assert any('"partnerEmail"' in text for text in tools), tools
    assert {"name": "Couples Therapy", "isCouples": True} in answer["data"]["plans"]
    assert f"{server.url}/graphiql/static/graphiql.min.js" in browser.requests
    browser.assert_only_own_origin_and_no_console_errors()


async def test_a_link_with_a_document_opens_it_ready_to_run(
    server: RunningServer, open_browser: OpenBrowser
) -> None:
    # How the invitation page links into GraphiQL: ?document=...&variables=...
    browser = await open_browser(server)
    page = browser.page
    document = "query Preview($token: String!) { invitationPreview(token: $token) { status } }"
    link = "/graphql?" + urlencode({"document": document, "variables": '{"token": "nope"}'})

    await page.goto(f"{server.url}{link}")
    await page.locator(QUERY_EDITOR).wait_for()
    opened = await page.evaluate(EDITOR_VALUE, QUERY_EDITOR)
    await page.locator(".graphiql-execute-button").click()
    await page.locator(".graphiql-response", has_text="invitationPreview").wait_for()
    answer = json.loads(await page.evaluate(EDITOR_VALUE, ".graphiql-response .CodeMirror"))

    assert opened == document
    assert answer == {"data": {"invitationPreview": None}}
    browser.assert_only_own_origin_and_no_console_errors()
