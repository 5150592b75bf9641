"""WSGI entry point: `gunicorn wsgi:app`, and the target of `flask --app wsgi ...`."""
from storefront import create_app

app = create_app()
