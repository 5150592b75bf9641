"""A real SMTP server for the email tests (aiosmtpd's Controller runs it): what it received."""
from __future__ import annotations

import socket


class Inbox:
    """The handler of the server: every message it receives, as (recipients, text)."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
