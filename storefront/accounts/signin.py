"""Signing a user in on this request: the web side of starting a session (used by several views)."""
from __future__ import annotations

from flask import request, session
from flask_login import login_user

from storefront.accounts import services


def sign_in(user) -> None:
    """Start a fresh session (no pre-login cookie survives) and record it. Call it last inside the
    view's `edge.saving` block: the session row commits with the request's work, or neither does
    (and then the cleared cookie signs nobody in)."""
    session.clear()
    services.start_session(user, ip_address=request.remote_addr or "",
                           user_agent=request.user_agent.string)
    session.permanent = True
    login_user(user)
