"""SMTP relays on loopback for tests: one that accepts and records messages, one that stalls
in the middle of the conversation (after the message data, before its answer), and a port
where nothing answers."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller

HOST = "127.0.0.1"


def free_port() -> int:
    """A loopback port nothing listens on (closed again at once)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


class SmtpRelay:
    """An aiosmtpd server in a thread; `stall` makes it never answer the message data."""

    def __init__(self, *, stall: bool = False) -> None:
        self.stall = stall
        self.port = free_port()
        self.messages: list[Message] = []
        self.data_arrived = threading.Event()
        self._controller = Controller(self, hostname=HOST, port=self.port)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.data_arrived.set()
        if self.stall:
            await asyncio.sleep(3600)
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        return [str(message["Message-ID"]) for message in self.messages]

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()


@contextmanager
def smtp_relay(*, stall: bool = False) -> Iterator[SmtpRelay]:
    relay = SmtpRelay(stall=stall)
    relay.start()
    try:
        yield relay
    finally:
        relay.stop()
