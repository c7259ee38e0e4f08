"""Tests of how Tandem drives SQLite itself: collected on that backend only."""

from tests.conftest import BACKEND

collect_ignore_glob = [] if BACKEND == "sqlite" else ["test_*.py"]
