"""English account pages use the words of the portal's menu (locale_overrides/en)."""

import pytest

pytestmark = pytest.mark.django_db


def test_english_account_pages_use_the_menus_words_for_logging_in(client):
    for path in ["/en/accounts/login/", "/en/accounts/signup/"]:
        page = client.get(path).text
        assert "Sign In" not in page and "sign in" not in page, path
        assert "Log in" in page or "log in" in page
