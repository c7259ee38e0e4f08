"""Demo accounts for a development server: a couples primary and a provider."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.service import create_account, find_user_by_email
from app.auth.sessions import start_session
from app.auth.viewer import Viewer
from app.config import Settings
from app.models import Coverage
from app.plans.catalogue import CATALOGUE
from app.plans.service import enroll_in_plan
from app.providers.service import create_provider


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    name: str


PROVIDER = DemoAccount("dr.rivera@example.com", "demo-provider-pass", "Dr. Sam Rivera")
PRIMARY = DemoAccount("alex@example.com", "demo-primary-pass", "Alex")
COUPLES_PLAN = next(entry for entry in CATALOGUE if entry.key == "couples")


async def seed_demo(db: AsyncSession, settings: Settings) -> bool:
    """Create the demo accounts unless they exist. True when something was created."""
    if await find_user_by_email(db, PRIMARY.email) is not None:
        return False
    if await find_user_by_email(db, PROVIDER.email) is None:
        await create_provider(
            db,
            email=PROVIDER.email,
            password=PROVIDER.password,
            name=PROVIDER.name,
            accepts_couples=True,
        )
    user = await create_account(
        db,
        email=PRIMARY.email,
        password=PRIMARY.password,
        display_name=PRIMARY.name,
        email_verified=True,
    )
    issued = await start_session(db, user, settings)
    await enroll_in_plan(
        db,
        Viewer(user=user, auth_session=issued.auth_session),
        plan_id=COUPLES_PLAN.id,
        coverage=Coverage.SELF_PAY,
    )
    return True
