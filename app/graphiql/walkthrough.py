"""What GraphiQL opens with: the invite flow from docs/examples as one multi-operation
document, variables to fill in as you go, and a header waiting for a bearer token."""

from __future__ import annotations

import json
from pathlib import Path

from app.config import PROJECT_ROOT
from app.graphql.ids import to_global_id
from app.plans.catalogue import CATALOGUE

EXAMPLES_DIRECTORY = PROJECT_ROOT / "docs" / "examples"

INTRO = """\
# Tandem GraphiQL (development and test only)
#
# Inviting a partner into a couples room, one
# operation per step. Put the cursor in an
# operation and press Ctrl-Enter (or Run).
#
# The variables (below) serve every step: fill in
# roomId, invitationId and token as responses give
# them. To sign in, run SignUp or LogIn and paste
# session.token into the Authorization header.
#
# The invitation email lands in the development
# mailbox, /dev/mailbox: the token is the last part
# of its link, whose page also lets the partner join.
# Guide for app developers: docs/clients.md
"""

DEFAULT_HEADERS = json.dumps(
    {"Authorization": "Bearer <paste the token from logIn/signUp>"}, indent=2
)


def _couples_plan_id() -> str:
    entry = next(plan for plan in CATALOGUE if plan.key == "couples")
    return to_global_id("Plan", entry.id)


def default_variables() -> str:
    return json.dumps(
        {
            "email": "sam@example.com",
            "password": "sam's long passphrase",
            "displayName": "Sam",
            "planId": _couples_plan_id(),
            "roomId": "<room.id from EnrollInPlan or Viewer>",
            "partnerEmail": "jamie@example.com",
            "invitationId": "<invitation.id from InvitePartner>",
            "token": "<the end of the link in the email: /invite/<token>>",
            "partnerName": "Jamie",
            "partnerPassword": "jamie's long passphrase",
        },
        indent=2,
    )


def example_files(directory: Path = EXAMPLES_DIRECTORY) -> list[Path]:
    return sorted(directory.glob("*.graphql"))


def walkthrough_document(directory: Path = EXAMPLES_DIRECTORY) -> str:
    steps = [path.read_text(encoding="utf-8").strip() for path in example_files(directory)]
    if not steps:  # an installed package without the source tree's docs/
        steps = ["query Hello {\n  __typename\n}"]
    return INTRO + "\n" + "\n\n".join(steps) + "\n"
