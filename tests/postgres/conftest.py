"""Tests that need a PostgreSQL server of their own to break: collected on that backend only."""

from tests.conftest import BACKEND

collect_ignore_glob = [] if BACKEND == "postgres" else ["test_*.py"]
