"""Settings read from environment variables and an optional `.env` file."""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite+aiosqlite:///{PROJECT_ROOT / 'var' / 'tandem.db'}"
# Good enough on a laptop; production refuses to start with it (see _production_needs_secrets).
DEVELOPMENT_SECRET_KEY = "tandem-development-secret-key-not-for-production"  # noqa: S105


class AppEnv(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class ConfigError(Exception):
    """A setting is missing or invalid; the message is one line naming the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="forbid", case_sensitive=False
    )

    database_url: str = DEFAULT_DATABASE_URL
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)

    smtp_host: str | None = None
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_timeout_seconds: float = Field(default=10.0, gt=0)
    mail_from: str = "Tandem <no-reply@tandem.localhost>"

    public_web_url: str = "http://localhost:8000"
    invite_ttl_seconds: int = Field(default=86_400, ge=1)
    invite_sends_per_hour: int = Field(default=5, ge=1)
    login_failures_per_15_min: int = Field(default=10, ge=1)
    token_guesses_per_15_min: int = Field(default=20, ge=1)
    video_base_url: str = "http://localhost:8000/video"
    # Signs the personal live-session join links (HMAC-SHA256; the video service shares it)
    # and seals invitation tokens waiting in the outbox. Changing it invalidates every join
    # link handed out so far, and any invitation email not yet sent.
    secret_key: SecretStr = Field(default=SecretStr(DEVELOPMENT_SECRET_KEY), min_length=32)
    cors_origins: Annotated[list[str], NoDecode] = []

    outbox_poll_seconds: float = Field(default=1.0, gt=0)
    # How long a worker may hold claimed email before another may take it over; by default
    # long enough for a whole batch of SMTP timeouts.
    outbox_lease_seconds: float | None = Field(default=None, gt=0)

    session_idle_seconds: int = Field(default=86_400, ge=1)
    session_max_seconds: int = Field(default=30 * 86_400, ge=1)

    dev_mailbox_dir: Path = PROJECT_ROOT / "var" / "mailbox"

    # One JSON line per request (app.middleware.RequestLog); false drops the middleware.
    request_log: bool = True
    # Benchmarks only: count SQL statements and serve the count at /bench/sql-statements.
    # Refused in production.
    bench_count_sql: bool = False

    app_env: AppEnv = AppEnv.DEVELOPMENT
    graphiql: bool | None = None
    # GraphiQL's browser files, installed by `npm ci` in web/graphiql (scripts/run does it).
    graphiql_assets_dir: Path = PROJECT_ROOT / "web" / "graphiql" / "node_modules"

    @field_validator("smtp_host", "smtp_username", "smtp_password", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("use sqlite+aiosqlite:// or postgresql+asyncpg://")
        return value

    @field_validator("public_web_url", "video_base_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _production_needs_secrets(self) -> Settings:
        if self.app_env is AppEnv.PRODUCTION and not self.smtp_host:
            raise ValueError("SMTP_HOST must be set when APP_ENV is production")
        development_key = self.secret_key.get_secret_value() == DEVELOPMENT_SECRET_KEY
        if self.app_env is AppEnv.PRODUCTION and development_key:
            raise ValueError("SECRET_KEY must be set when APP_ENV is production")
        if self.app_env is AppEnv.PRODUCTION and self.bench_count_sql:
            raise ValueError("BENCH_COUNT_SQL is for benchmarks, not production")
        return self

    @property
    def is_production(self) -> bool:
        return self.app_env is AppEnv.PRODUCTION

    @property
    def graphiql_enabled(self) -> bool:
        if self.is_production:
            return False
        return True if self.graphiql is None else self.graphiql

    @property
    def uses_dev_mailbox(self) -> bool:
        return self.smtp_host is None and not self.is_production

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def load_settings(**overrides: object) -> Settings:
    """Build settings, turning validation failures into a one-line `ConfigError`."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "_".join(str(part) for part in first["loc"]).upper() or "settings"
        if first["type"] == "extra_forbidden":
            raise ConfigError(f"{name}: unknown setting") from None
        raise ConfigError(f"{name}: {first['msg']}") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
