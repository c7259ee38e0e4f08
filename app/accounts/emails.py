"""Email addresses: validated, normalised, compared case-insensitively."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from app.errors import UserErrorCode, UserInputError


def normalize_email(raw: str, field: list[str] | None = None) -> str:
    """The canonical form stored and compared; raises INVALID_EMAIL."""
    try:
        checked = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError:
        raise UserInputError(
            UserErrorCode.INVALID_EMAIL, "Enter a valid email address.", field
        ) from None
    return checked.normalized.lower()


def mask_email(email: str) -> str:
    """`jo***@example.com`: enough to recognise an address without revealing it."""
    local, _, domain = email.partition("@")
    return f"{local[:2]}***@{domain}"
