// The invitation page's actions, done as the web app does them: same-origin POSTs to
// /graphql with Content-Type: application/json. A file of ours, not an inline script,
// so the page's Content-Security-Policy can forbid inline scripts.
(function () {
  "use strict";
  var token = decodeURIComponent(window.location.pathname.split("/").pop());
  var outcome = document.getElementById("outcome");
  var actions = document.getElementById("actions");
  if (!actions) return;

  var MEMBERS = "room { id viewerRole members { role user { displayName } } }";
  var ERRORS = "userErrors { code field message }";
  var SIGN_UP =
    "mutation SignUpWithInvite($token: String!, $displayName: String!, $password: String!) {" +
    " signUpWithInvite(input: {token: $token, displayName: $displayName, password: $password})" +
    " { session { token } " + MEMBERS + " " + ERRORS + " } }";
  var LOG_IN =
    "mutation LogIn($email: String!, $password: String!) {" +
    " logIn(input: {email: $email, password: $password}) { session { token } " + ERRORS + " } }";
  var ACCEPT =
    "mutation AcceptInvite($token: String!) {" +
    " acceptInvite(input: {token: $token}) { " + MEMBERS + " " + ERRORS + " } }";
  var DECLINE =
    "mutation DeclineInvite($token: String!) {" +
    " declineInvite(input: {token: $token}) { invitation { status } " + ERRORS + " } }";

  // Top-level errors (RATE_LIMITED, UNAUTHENTICATED, ...) reject; the payload is returned.
  function graphql(query, variables, bearer) {
    var headers = { "Content-Type": "application/json" };
    if (bearer) headers.Authorization = "Bearer " + bearer;
    return fetch("/graphql", {
      method: "POST",
      headers: headers,
      body: JSON.stringify({ query: query, variables: variables }),
    })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        if (body.errors && body.errors.length) {
          var error = body.errors[0];
          var retry = error.extensions && error.extensions.retryAfterSeconds;
          throw new Error(error.message + (retry ? " Try again in " + retry + " seconds." : ""));
        }
        return body.data[Object.keys(body.data)[0]];
      });
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function show(kind, nodes) {
    outcome.className = kind;
    outcome.replaceChildren.apply(outcome, nodes);
  }

  function failed(messages) {
    show("failed", messages.map(function (message) { return element("p", message); }));
  }

  // Payload userErrors are rules the person can fix: show their messages, keep the forms.
  function unlessUserErrors(payload) {
    if (payload.userErrors.length) {
      failed(payload.userErrors.map(function (error) { return error.message; }));
      return null;
    }
    return payload;
  }

  function joined(room, sessionToken) {
    actions.hidden = true;
    document.getElementById("status").textContent = "ACCEPTED";
    var members = element("ul");
    room.members.forEach(function (member) {
      members.appendChild(element("li", member.user.displayName + " (" + member.role + ")"));
    });
    var graphiql = element("a", "Open GraphiQL");
    graphiql.href = "/graphql";
    show("joined", [
      element("h2", "You joined the room"),
      members,
      element("p", "Your session token, for GraphiQL's Authorization header (Bearer <token>):"),
      element("code", sessionToken, "session-token"),
      element("p"),
      graphiql,
    ]);
  }

  function busy(form, promise) {
    var buttons = actions.querySelectorAll("button");
    buttons.forEach(function (button) { button.disabled = true; });
    return promise
      .catch(function (error) { failed([error.message]); })
      .finally(function () { buttons.forEach(function (button) { button.disabled = false; }); });
  }

  function on(id, handler) {
    var form = document.getElementById(id);
    if (!form) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      busy(form, handler(new FormData(form)));
    });
  }

  on("sign-up-form", function (data) {
    var variables = {
      token: token, displayName: data.get("displayName"), password: data.get("password"),
    };
    return graphql(SIGN_UP, variables).then(function (payload) {
      if (unlessUserErrors(payload)) joined(payload.room, payload.session.token);
    });
  });

  on("accept-form", function (data) {
    var credentials = { email: data.get("email"), password: data.get("password") };
    return graphql(LOG_IN, credentials).then(function (signedIn) {
      if (!unlessUserErrors(signedIn)) return;
      var session = signedIn.session.token;
      return graphql(ACCEPT, { token: token }, session).then(function (payload) {
        if (unlessUserErrors(payload)) joined(payload.room, session);
      });
    });
  });

  on("decline-form", function () {
    return graphql(DECLINE, { token: token }).then(function (payload) {
      if (!unlessUserErrors(payload)) return;
      actions.hidden = true;
      document.getElementById("status").textContent = payload.invitation.status;
      show("declined", [element("p", "You declined the invitation. This link no longer works.")]);
    });
  });
})();
