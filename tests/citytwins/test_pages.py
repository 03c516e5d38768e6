import re

import pytest
from django.test import RequestFactory

from citytwins.views import server_error

pytestmark = pytest.mark.django_db


def test_home_page_says_what_the_association_is(client, network):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert "December 2006" in html
    assert "lorem" not in html.lower()
    assert "heikki.laine@imatra.fi" in html


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/accounts/password/reset/", "/nope/"])
def test_every_html_response_carries_the_content_security_policy(client, url):
    response = client.get(url)
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy


def test_unknown_page_gets_the_sites_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()


def test_server_error_page_fits_the_site_without_touching_the_database():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_account_pages_use_the_site_layout(client, network):
    for url in ["/accounts/login/", "/accounts/password/reset/"]:
        html = client.get(url).content.decode()
        assert 'class="site-header"' in html, url
        assert "Secretariat" in html, url


def test_there_is_no_open_sign_up(client):
    response = client.get("/accounts/signup/")
    assert "Accounts are made by invitation" in response.content.decode()
    assert "sign up" not in response.content.decode().lower()
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "x-Very-long-pass-1",
            "password2": "x-Very-long-pass-1",
        },
    )
    from members.models import User

    assert not User.objects.filter(email="new@example.org").exists()


@pytest.mark.django_db
def test_no_page_speaks_of_signing_up(client, network):
    """Sign-up is closed: no page offers it or speaks of it."""
    paths = ["/", "/twins/", "/about/", "/sectors/", "/contact/", "/join/", "/accounts/login/",
             "/accounts/signup/", "/accounts/password/reset/", "/accounts/password/reset/done/",
             "/accounts/confirm-email/", "/accounts/inactive/"]  # fmt: skip
    for path in paths:
        content = client.get(path).content.decode().lower()
        # The closed page's own address, in its form and in its language links, is not wording.
        own_links = r'(?:action|href)="(?:https?://[^/"]+)?(?:/[a-z]{2})?' + re.escape(path) + '"'
        content = re.sub(own_links, "", content)
        for wording in ("sign up", "signup", "sign-up", "create an account", "register"):
            assert wording not in content, (path, wording)
