"""Route guards: who may reach a URL. Object-level rules live in each feature's permissions.py."""
from __future__ import annotations

import functools

from flask import abort
from flask_login import current_user, login_required


def role_required(*roles):
    """Allow signed-in users whose role is in `roles` (accounts/roles.py's Role; this layer names
    none); others get 403, visitors the login page."""
    allowed = frozenset(roles)

    def decorator(view):
        @functools.wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        wrapped.allowed_roles = allowed  # read by the access-matrix test and the navigation
        return wrapped

    return decorator
