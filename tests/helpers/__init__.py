"""What test modules share; no test module imports another (tests/test_suite_layout.py checks).

- access_matrix: THE access table (who may use each endpoint), the GET and POST cases of every
  route, and the world the class tests run in (a user per role, a business in each state, a
  request where each party acts), with `seed_of`/`open_world` to copy it (the `world` fixture).
- crawl: every GET route as everyone who may open it, over that world (`busy_world`).
- clients: signed-in test clients carried over to a copy of the database by their cookies.
- page_forms: a page's forms as a browser submits them (simple: decisions, steps, fields).
- html_forms: the same by the HTML standard's rules, control by control (tests/test_edit_forms.py).
- request_walks: a purchase request walked through its table, step by step, as the parties would.
- registry_files: registry files as the Dinas makes them (CSV, Excel), read as the import does.
- pdf_samples: a small real PDF to upload; pdf_pages: a generated PDF read back (drawn, and its text).
- mail_server: the inbox of a real SMTP server; redis_store: the run's Redis database.
- browser_pages, axe, phone_layout: the browser tests' screenshots, accessibility and phone width.

Infrastructure stays beside it: tests/conftest.py (fixtures), tests/app_setup.py (the test app's
configuration, signing in), tests/database.py (empty and seeded databases), tests/factories.py,
tests/dbconfig.py and tests/i18n_setup.py.
"""
