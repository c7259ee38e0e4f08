"""The benchmark's switches: the SQL counter stays out of production; the request log can go."""

from __future__ import annotations

import pytest

from app.config import ConfigError, load_settings
from app.db import Database
from app.middleware import RequestLog
from app.web import create_app

PRODUCTION = {
    "app_env": "production",
    "smtp_host": "127.0.0.1",
    "secret_key": "a-production-secret-key-of-at-least-32-chars",
}


def test_the_sql_counter_is_refused_in_production() -> None:
    with pytest.raises(ConfigError, match="BENCH_COUNT_SQL"):
        load_settings(_env_file=None, bench_count_sql=True, **PRODUCTION)


def test_request_log_false_removes_the_request_log() -> None:
    url = "sqlite+aiosqlite:///:memory:"
    for enabled in (True, False):
        settings = load_settings(_env_file=None, database_url=url, request_log=enabled)
        app = create_app(settings, Database(url), send_outbox=False)
        classes: list[object] = [m.cls for m in app.user_middleware]
        logged = RequestLog in classes
        assert logged is enabled
