"""GET /graphql from a browser: our own GraphiQL page under a strict CSP, its files served
from an allow-list, and a page saying how to install them when they are missing."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ServerFactory, client_for
from tests.support.api import Api
from tests.support.pages import csp, page_parts

HTML = {"accept": "text/html"}


async def test_the_page_loads_only_files_of_this_server_and_no_inline_script(api: Api) -> None:
    response = await api.client.get("/graphql", headers=HTML)

    assert response.status_code == 200
    assert csp(response) == {
        "default-src": "'none'",
        "script-src": "'self'",
        "style-src": "'self'",
        "connect-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self' data:",
        "frame-src": "'none'",
        "frame-ancestors": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
    }
    parts = page_parts(response.text)
    assert parts.scripts == [
        "/graphiql/static/react.production.min.js",
        "/graphiql/static/react-dom.production.min.js",
        "/graphiql/static/graphiql.min.js",
        "/graphiql/static/start-graphiql.js",
    ]
    assert parts.stylesheets == [
        "/graphiql/static/graphiql.min.css",
        "/graphiql/static/tandem-graphiql.css",
    ]
    assert parts.inline_scripts == 0 and parts.inline_styles == 0
    settings = json.loads(response.text.split('id="graphiql-settings">')[1].split("</script>")[0])
    assert json.loads(settings["headers"]) == {
        "Authorization": "Bearer <paste the token from logIn/signUp>"
    }
    assert settings["endpoint"] == "/graphql"
    assert "mutation SignUpWithInvite(" in settings["document"]


async def test_each_file_is_served_with_its_type_and_revalidates(api: Api) -> None:
    page = page_parts((await api.client.get("/graphql", headers=HTML)).text)
    for path in page.scripts + page.stylesheets:
        response = await api.client.get(path)
        again = await api.client.get(path, headers={"if-none-match": response.headers["etag"]})

        assert response.status_code == 200, path
        expected = "javascript" if path.endswith(".js") else "text/css"
        assert expected in response.headers["content-type"], path
        assert response.headers["x-content-type-options"] == "nosniff"
        assert again.status_code == 304 and again.content == b"", path


async def test_nothing_outside_the_allow_list_is_served(api: Api) -> None:
    for path in [
        "/graphiql/static/graphiql.js",
        "/graphiql/static/package.json",
        "/graphiql/static/..%2Fpackage-lock.json",
        "/graphiql/static/..%2F..%2F..%2Fapp%2Fconfig.py",
        "/graphiql/static/react",
    ]:
        assert (await api.client.get(path)).status_code == 404, path


async def test_without_its_files_the_page_says_how_to_install_them(
    start_server: ServerFactory, tmp_path: Path
) -> None:
    server = await start_server(graphiql_assets_dir=str(tmp_path / "not-installed"))
    async with client_for(server) as api:
        page = await api.client.get("/graphql", headers=HTML)
        typename = await api.ok("{ __typename }")

    assert page.status_code == 503
    assert "cd web/graphiql &amp;&amp; npm ci" in page.text
    assert "node_modules/graphiql/graphiql.min.js" in page.text
    assert csp(page)["script-src"] == "'self'"
    assert page_parts(page.text).scripts == []
    assert typename == {"__typename": "Query"}


async def test_graphiql_turned_off_serves_neither_page_nor_files(
    start_server: ServerFactory,
) -> None:
    server = await start_server(graphiql=False)
    async with client_for(server) as api:
        page = await api.client.get("/graphql", headers=HTML)
        script = await api.client.get("/graphiql/static/graphiql.min.js")

    assert page.status_code == 400
    assert script.status_code == 404
