"""Each demo role at phone width: sign in, see exactly that role's menu, sign out. Plus screenshots.

Screenshots go to docs/screenshots/ (they are the project's documentation of the screens).
"""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from storefront.demo import seed
from storefront.web.navigation import items_for
from tests.browser.conftest import DESKTOP, PHONE
from tests.helpers.phone_layout import assert_fits_the_phone

pytestmark = pytest.mark.browser

NAV_LINKS = "[data-testid=nav] [data-nav]"
LOGIN_URL = re.compile(r"/masuk(\?.*)?$")


def expected_endpoints(app, role) -> list[str]:
    return [item.endpoint for item in items_for(SimpleNamespace(is_authenticated=True, role=role), app.view_functions)]


def visible_nav(page) -> list[str]:
    links = page.locator(NAV_LINKS)
    return [links.nth(i).get_attribute("data-nav") for i in range(links.count()) if links.nth(i).is_visible()]


def open_menu(page) -> None:
    toggler = page.locator("button.navbar-toggler")
    expect(toggler).to_be_visible()
    expect(page.locator(NAV_LINKS).first).to_be_hidden()  # collapsed at phone width
    # Bootstrap's script binds the toggler on load; a click before that does nothing.
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.bootstrap !== undefined")
    toggler.click()
    expect(page.locator("#menu-utama")).to_have_class(re.compile(r"\bshow\b"))
    expect(toggler).to_have_attribute("aria-expanded", "true")


def sign_in(page, email: str, password: str) -> None:
    page.goto("/masuk")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Kata sandi").fill(password)
    page.locator("main").get_by_role("button", name="Masuk").click()


def screenshot(page, path) -> None:
    page.screenshot(path=path, full_page=True)
    assert path.stat().st_size > 0, f"empty screenshot {path}"


def _first_of_each_role():
    seen = set()
    for account in seed.DEMO_ACCOUNTS:
        yield account, account.role not in seen
        seen.add(account.role)


@pytest.mark.parametrize(("account", "first_of_role"), list(_first_of_each_role()),
                         ids=[a.email.split("@")[0] for a in seed.DEMO_ACCOUNTS])
def test_each_role_signs_in_sees_its_menu_and_signs_out(open_page, screenshot_dir, live_app, account,
                                                          first_of_role):
    page = open_page(PHONE)
    sign_in(page, account.email, seed.DEMO_PASSWORD)

    expect(page).to_have_url(re.compile(r"/dasbor$"))
    expect(page.get_by_test_id("flash")).to_contain_text(account.name)
    expect(page.get_by_test_id("role")).to_contain_text(str(account.role.label))
    open_menu(page)
    assert visible_nav(page) == expected_endpoints(live_app, account.role)
    expect(page.get_by_test_id("account")).to_contain_text(account.name)
    assert_fits_the_phone(page)
    if first_of_role:
        screenshot(page, screenshot_dir / f"dashboard-{account.role.value}.png")

    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_test_id("flash")).to_have_text("Anda sudah keluar.")
    expect(page.get_by_test_id("logout")).to_have_count(0)
    page.goto("/dasbor")
    expect(page).to_have_url(LOGIN_URL)
    expect(page.get_by_test_id("flash")).to_be_visible()  # "please sign in"
    expect(page.get_by_label("Kata sandi")).to_be_visible()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_home_page(open_page, screenshot_dir, viewport):
    page = open_page(viewport)
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Medan")
    expect(page.locator(".category-tile").first).to_be_visible()
    if viewport is PHONE:
        open_menu(page)
        assert_fits_the_phone(page)
        page.locator("button.navbar-toggler").click()  # close again for the screenshot
        expect(page.locator("#menu-utama")).not_to_have_class(re.compile(r"\b(show|collapsing)\b"))
        page.locator("button.navbar-toggler").blur()
    assert visible_nav(page) == (["catalog.home"] if viewport is DESKTOP else [])
    screenshot(page, screenshot_dir / f"home-{viewport['width']}.png")


def test_wrong_password_shows_indonesian_error(open_page, screenshot_dir):
    page = open_page(PHONE)
    sign_in(page, seed.DEMO_ACCOUNTS[0].email, "bukan-kata-sandinya")
    expect(page).to_have_url(LOGIN_URL)
    expect(page.get_by_test_id("form-error")).to_have_text("Email atau kata sandi salah, atau akun tidak aktif.")
    expect(page.get_by_label("Email")).to_have_value(seed.DEMO_ACCOUNTS[0].email)
    expect(page.get_by_label("Kata sandi")).to_have_value("")
    assert_fits_the_phone(page)
    screenshot(page, screenshot_dir / "login-error-360.png")


def test_english_link_switches_the_language(open_page, screenshot_dir):
    page = open_page(PHONE)
    page.goto("/")
    open_menu(page)
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).not_to_contain_text("Produk UMKM binaan")
    expect(page.get_by_role("link", name="Bahasa Indonesia", include_hidden=True)).to_have_attribute("hreflang", "id")
    assert_fits_the_phone(page)
    screenshot(page, screenshot_dir / "home-en-360.png")


def test_admin_user_list_on_desktop(open_page, screenshot_dir, live_app):
    page = open_page(DESKTOP)
    admin = next(a for a in seed.DEMO_ACCOUNTS if a.role.value == "admin")
    sign_in(page, admin.email, seed.DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/dasbor$"))
    page.locator("[data-nav='admin.user_list']").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pengguna")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(len(seed.DEMO_ACCOUNTS) + len(seed.SELLER_ACCOUNTS))
    for account in seed.DEMO_ACCOUNTS:
        expect(page.get_by_role("cell", name=account.email, exact=True)).to_be_visible()
    assert visible_nav(page) == expected_endpoints(live_app, admin.role)
    screenshot(page, screenshot_dir / "admin-users-1280.png")


def test_admin_tables_do_not_scroll_the_page_on_phones(open_page):
    """Wide tables scroll inside their own box; the page itself never scrolls sideways at 360 px."""
    page = open_page(PHONE)
    admin = next(a for a in seed.DEMO_ACCOUNTS if a.role.value == "admin")
    sign_in(page, admin.email, seed.DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/dasbor$"))
    page.goto("/admin/referensi")
    kinds = [link.get_attribute("href") for link in page.locator("main .list-group a").all()]
    assert kinds, "no reference kinds listed"
    for path in ["/admin/pengguna", *kinds]:
        page.goto(path)
        expect(page.locator("main table")).to_be_attached()
        assert_fits_the_phone(page)
