"""Email that leaves only when the transaction that caused it commits.

Services queue messages on the session (`queue`); after a commit they are sent through the SMTP
server of the configuration (MAIL_SERVER, MAIL_PORT, MAIL_USERNAME, MAIL_PASSWORD, MAIL_USE_TLS,
MAIL_DEFAULT_SENDER). Without MAIL_SERVER (development) they are printed to the console instead.
A rollback drops them: nobody is told about something that did not happen.
"""
from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app, has_app_context
from sqlalchemy.orm import Session

OUTBOX = "mail_outbox"
log = logging.getLogger("etalase.mail")


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str


def queue(session: Session, message: Message) -> None:
    session.info.setdefault(OUTBOX, []).append(message)


def send(messages: list[Message]) -> None:
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        for message in messages:
            print(f"--- email to {message.to}: {message.subject}\n{message.body}\n---", flush=True)
        return
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        for message in messages:
            email = EmailMessage()
            email["From"], email["To"], email["Subject"] = config["MAIL_DEFAULT_SENDER"], message.to, message.subject
            email.set_content(message.body)
            smtp.send_message(email)


@sa.event.listens_for(Session, "after_commit")
def _send_after_commit(session: Session) -> None:
    messages = session.info.pop(OUTBOX, [])
    if messages and has_app_context():
        try:
            send(messages)
        except (OSError, smtplib.SMTPException):  # the step happened; a mail server outage must not undo it
            log.exception("could not send %d email(s)", len(messages))


@sa.event.listens_for(Session, "after_rollback")
def _drop_after_rollback(session: Session) -> None:
    session.info.pop(OUTBOX, None)
