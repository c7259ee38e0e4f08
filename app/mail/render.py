"""Email bodies from Jinja templates (HTML autoescaped) and their discreet subjects."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

# Inboxes and lock screens are shared: subjects never mention therapy or health.
SUBJECTS = {
    "invitation": "{inviter} invited you to join them on Tandem",
    "partner_joined": "{partner} accepted your invitation",
}


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("app.mail", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def render(template: str, values: dict[str, str]) -> RenderedEmail:
    env = _environment()
    return RenderedEmail(
        subject=SUBJECTS[template].format(**values),
        text=env.get_template(f"{template}.txt").render(values),
        html=env.get_template(f"{template}.html").render(values),
    )


def describe_duration(seconds: int) -> str:
    """`24 hours`, `90 minutes`, `1 hour`: how long a link lasts, for people."""
    for unit, size in (("hour", 3600), ("minute", 60), ("second", 1)):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return "0 seconds"
