"""Signing a user in on this request: the web side of starting a session (used by several views)."""
from __future__ import annotations

from flask import request, session
from flask_login import login_user

from storefront.accounts import services
from storefront.extensions import db


def sign_in(user) -> None:
    """Start a fresh session (no pre-login cookie survives), record it, and commit the request's work."""
    session.clear()
    services.start_session(user, ip_address=request.remote_addr or "",
                           user_agent=request.user_agent.string)
    db.session.commit()
    session.permanent = True
    login_user(user)
