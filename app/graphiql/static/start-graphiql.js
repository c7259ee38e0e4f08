// Starts GraphiQL on Tandem's page. A file of ours, not an inline script, so the page's
// Content-Security-Policy can allow scripts from this server only.
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("graphiql-settings").textContent);
  var params = new URLSearchParams(window.location.search);
  var props = {
    fetcher: GraphiQL.createFetcher({ url: settings.endpoint }),
    defaultQuery: settings.document,
    defaultHeaders: settings.headers,
    defaultEditorToolsVisibility: true,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: true,
    inputValueDeprecation: true,
  };
  // First visit (no saved tabs): the walkthrough's variables too. GraphiQL 3 has no
  // `defaultVariables`, and a `variables` prop on every visit would undo your edits.
  if (window.localStorage.getItem("graphiql:tabState") === null) {
    props.variables = settings.variables;
  }
  // Other pages (an invitation's landing page) link here with an operation to try:
  // /graphql?document=...&variables=... (`query` would run it instead of opening GraphiQL).
  if (params.has("document")) {
    props.query = params.get("document");
    props.variables = params.get("variables") || "{}";
  }
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, props)
  );
})();
