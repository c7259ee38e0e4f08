"""Argon2id password hashing, off the event loop."""

from __future__ import annotations

import asyncio
import os

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_PASSWORD_LENGTH = 10
# Argon2 takes any length; a cap keeps one request from hashing megabytes.
MAX_PASSWORD_LENGTH = 256

# Argon2id with the library's RFC 9106 low-memory profile (t=3, 64 MiB, p=4). The test
# suite hashes hundreds of passwords, so it may ask for a cheaper Argon2id through
# TANDEM_PASSWORD_HASHING=fast; nothing else reads that variable.
STANDARD = PasswordHasher()
_FAST_FOR_TESTS = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
_hasher = _FAST_FOR_TESTS if os.environ.get("TANDEM_PASSWORD_HASHING") == "fast" else STANDARD
# Verified against when the address is unknown, so both cases cost the same time.
_UNKNOWN_USER_HASH = _hasher.hash("tandem-placeholder-password")


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher.hash, password)


async def verify_password(stored_hash: str | None, password: str) -> bool:
    def check() -> bool:
        try:
            return _hasher.verify(stored_hash or _UNKNOWN_USER_HASH, password)
        except (VerificationError, InvalidHashError):
            return False

    ok = await asyncio.to_thread(check)
    return ok and stored_hash is not None
