"""The real login form in a real browser lands each role on its own page, in Indonesian."""
import pytest


@pytest.mark.parametrize("username, heading", [
    ("pegawai", "Berkas Saya"),
    ("fasilitator", None),
    ("admin", None),
])
def test_login_lands_each_role_on_its_page(page, demo, login, shot, username, heading):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    login(page, user)
    shot(page, "landing")
    assert page.locator("h1").count() >= 1
    if heading:
        assert heading in page.locator("h1").first.inner_text()
    assert page.console_errors == []


def test_wrong_password_is_explained_next_to_the_form(page, demo, shot):
    page.goto("/masuk/")
    page.fill("#id_username", "pegawai")
    page.fill("#id_password", "salah-sekali")
    page.click("main button[type=submit]")
    shot(page, "wrong-password")
    assert "/masuk/" in page.url
    assert page.get_by_role("alert").is_visible()
