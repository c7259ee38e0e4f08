"""The development mailbox: an embedded SMTP server that files each message as a .eml."""

from __future__ import annotations

import email
import email.policy
import re
import secrets
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiosmtpd.controller import Controller

_MESSAGE_ID = re.compile(r"^[0-9]{13}-[0-9a-f]{12}$")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Mail:
    id: str
    message: EmailMessage

    @property
    def to(self) -> str:
        return str(self.message["To"])

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def date(self) -> str:
        return str(self.message["Date"])

    @property
    def received(self) -> datetime:
        try:
            return parsedate_to_datetime(self.date).astimezone(UTC)
        except (TypeError, ValueError):  # no usable Date header: the file name's timestamp
            return datetime.fromtimestamp(int(self.id[:13]) / 1000, UTC)

    def body(self, subtype: str) -> str:
        part = self.message.get_body(preferencelist=(subtype,))
        return str(part.get_content()) if part is not None else ""

    def links(self) -> list[str]:
        return sorted(set(re.findall(r"https?://[^\s<>\"']+", self.body("plain"))))

    def invitation_paths(self) -> list[str]:
        """The invitation links' paths, to open on this server whatever PUBLIC_WEB_URL is."""
        paths = (urlsplit(link).path for link in self.links())
        return [path[path.index("/invite/") :] for path in paths if "/invite/" in path]


class _FileHandler:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        name = f"{int(time.time() * 1000):013d}-{secrets.token_hex(6)}.eml"
        (self.directory / name).write_bytes(envelope.content)
        return "250 Stored in the development mailbox"


class DevMailbox:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = 0
        self._controller: Controller | None = None

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.port = _free_port()
        self._controller = Controller(
            _FileHandler(self.directory), hostname="127.0.0.1", port=self.port
        )
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def newest_first(self, limit: int = 200) -> list[Mail]:
        paths = sorted(self.directory.glob("*.eml"), reverse=True)[:limit]
        return [self._load(path) for path in paths]

    def get(self, mail_id: str) -> Mail | None:
        if not _MESSAGE_ID.match(mail_id):
            return None
        path = self.directory / f"{mail_id}.eml"
        return self._load(path) if path.exists() else None

    @staticmethod
    def _load(path: Path) -> Mail:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        return Mail(path.stem, message)
