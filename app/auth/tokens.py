"""Opaque secrets handed to people; only their SHA-256 is ever stored."""

from __future__ import annotations

import hashlib
import secrets


def new_token() -> tuple[str, str]:
    """A fresh secret and the hash to store for it."""
    raw = secrets.token_urlsafe(32)
    return raw, hash_token(raw)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def same_hash(stored: str, raw: str) -> bool:
    return secrets.compare_digest(stored, hash_token(raw))
