"""Domain errors. Services raise these; the GraphQL layer maps them.

`UserInputError` subclasses become `userErrors` in a mutation payload; the rest
become top-level errors with `extensions.code`.
"""

from __future__ import annotations

from enum import StrEnum


class UserErrorCode(StrEnum):
    INVALID_EMAIL = "INVALID_EMAIL"
    PASSWORD_TOO_SHORT = "PASSWORD_TOO_SHORT"  # noqa: S105 - an error code
    PASSWORD_TOO_LONG = "PASSWORD_TOO_LONG"  # noqa: S105 - an error code
    INVALID_DISPLAY_NAME = "INVALID_DISPLAY_NAME"
    ACCOUNT_EXISTS = "ACCOUNT_EXISTS"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    UNKNOWN_PLAN = "UNKNOWN_PLAN"
    ALREADY_ENROLLED = "ALREADY_ENROLLED"
    NO_PROVIDER_AVAILABLE = "NO_PROVIDER_AVAILABLE"
    NOT_A_COUPLES_ROOM = "NOT_A_COUPLES_ROOM"
    PARTNER_ALREADY_JOINED = "PARTNER_ALREADY_JOINED"
    CANNOT_INVITE_SELF = "CANNOT_INVITE_SELF"
    INVITATION_NOT_RESENDABLE = "INVITATION_NOT_RESENDABLE"
    INVITATION_ALREADY_ACCEPTED = "INVITATION_ALREADY_ACCEPTED"
    INVALID_TOKEN = "INVALID_TOKEN"  # noqa: S105 - an error code, not a secret
    INVITATION_LINK_REPLACED = "INVITATION_LINK_REPLACED"
    INVITATION_REVOKED = "INVITATION_REVOKED"
    INVITATION_DECLINED = "INVITATION_DECLINED"
    INVITATION_EXPIRED = "INVITATION_EXPIRED"
    EMAIL_MISMATCH = "EMAIL_MISMATCH"
    # Live sessions
    START_NOT_IN_FUTURE = "START_NOT_IN_FUTURE"
    INVALID_DURATION = "INVALID_DURATION"
    LIVE_SESSION_OVERLAP = "LIVE_SESSION_OVERLAP"
    LIVE_SESSION_ALREADY_CANCELLED = "LIVE_SESSION_ALREADY_CANCELLED"
    LIVE_SESSION_ALREADY_STARTED = "LIVE_SESSION_ALREADY_STARTED"
    # Providers
    UNKNOWN_PROVIDER = "UNKNOWN_PROVIDER"
    SAME_PROVIDER = "SAME_PROVIDER"
    PROVIDER_NOT_FOR_COUPLES = "PROVIDER_NOT_FOR_COUPLES"
    PROVIDER_IS_ROOM_MEMBER = "PROVIDER_IS_ROOM_MEMBER"
    # Assessments
    UNKNOWN_ASSESSMENT_TEMPLATE = "UNKNOWN_ASSESSMENT_TEMPLATE"
    ASSESSMENT_ALREADY_COMPLETED = "ASSESSMENT_ALREADY_COMPLETED"
    UNKNOWN_QUESTION = "UNKNOWN_QUESTION"
    DUPLICATE_ANSWER = "DUPLICATE_ANSWER"
    ANSWER_OUT_OF_RANGE = "ANSWER_OUT_OF_RANGE"
    MISSING_ANSWERS = "MISSING_ANSWERS"
    # Superbills
    PERIOD_START_AFTER_END = "PERIOD_START_AFTER_END"
    PERIOD_ENDS_IN_FUTURE = "PERIOD_ENDS_IN_FUTURE"
    PERIOD_TOO_LONG = "PERIOD_TOO_LONG"
    NO_COMPLETED_SESSIONS = "NO_COMPLETED_SESSIONS"
    # Messages
    MESSAGE_EMPTY = "MESSAGE_EMPTY"
    MESSAGE_TOO_LONG = "MESSAGE_TOO_LONG"


class ErrorCode(StrEnum):
    """Top-level `extensions.code` values."""

    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    RATE_LIMITED = "RATE_LIMITED"
    QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


class UserInputError(Exception):
    """A rule the person can fix; reported in the payload's `userErrors`."""

    def __init__(self, code: UserErrorCode, message: str, field: list[str] | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


class TopLevelError(Exception):
    code: ErrorCode = ErrorCode.INTERNAL_SERVER_ERROR
    default_message = "Internal server error."

    def __init__(self, message: str | None = None):
        self.message = message or self.default_message
        super().__init__(self.message)

    def extensions(self) -> dict[str, object]:
        return {"code": self.code.value}


class Unauthenticated(TopLevelError):
    code = ErrorCode.UNAUTHENTICATED
    default_message = "Sign in to continue."


class Forbidden(TopLevelError):
    code = ErrorCode.FORBIDDEN
    default_message = "You are not allowed to do this."


class NotFound(TopLevelError):
    code = ErrorCode.NOT_FOUND
    default_message = "Not found."


class BadUserInput(TopLevelError):
    code = ErrorCode.BAD_USER_INPUT
    default_message = "Malformed input."


class RateLimited(TopLevelError):
    code = ErrorCode.RATE_LIMITED
    default_message = "Too many attempts. Try again later."

    def __init__(self, retry_after_seconds: int, message: str | None = None):
        super().__init__(message)
        self.retry_after_seconds = max(1, retry_after_seconds)

    def extensions(self) -> dict[str, object]:
        return {"code": self.code.value, "retryAfterSeconds": self.retry_after_seconds}
