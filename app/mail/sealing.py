"""Seal a link token for the outbox so the database never holds it in the clear."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet


def _fernet(secret_key: str) -> Fernet:
    digest = hashlib.sha256(f"tandem-outbox:{secret_key}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(secret_key: str, token: str) -> str:
    return _fernet(secret_key).encrypt(token.encode()).decode()


def unseal(secret_key: str, sealed: str) -> str:
    return _fernet(secret_key).decrypt(sealed.encode()).decode()
