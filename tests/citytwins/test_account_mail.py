"""allauth's mail (resets, verifications) links to SITE_URL, whatever host the request named."""

import re

import pytest
from allauth.account.models import EmailAddress

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SITE = "https://portal.citytwins.example"
ATTACKER = {"HTTP_HOST": "localhost:31337"}


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def links(message) -> list[str]:
    bodies = [message.body, *(content for content, _ in message.alternatives)]
    return [url for body in bodies for url in re.findall(r"https?://[^\s\"'<>]+", body)]


def test_a_reset_asked_through_another_host_links_to_the_site(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="staff@tornio.fi")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": user.email}, **ATTACKER)
    assert response.status_code == 302
    (message,) = mailoutbox
    found = links(message)
    assert any(url.startswith(f"{SITE}/accounts/password/reset/key/") for url in found), found
    assert all(url.startswith(SITE) for url in found), found
    assert "31337" not in message.body and "localhost" not in message.body

    # The link works: it sets the password.
    path = next(url for url in found if "/reset/key/" in url).removeprefix(SITE)
    form = client.get(path, follow=True)
    assert form.status_code == 200
    response = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else path,
        {"password1": "Aurora-over-Tornio-7", "password2": "Aurora-over-Tornio-7"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Aurora-over-Tornio-7")


def test_a_verification_asked_through_another_host_links_to_the_site(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="new@valga.ee")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}, **ATTACKER)
    (message,) = mailoutbox
    found = links(message)
    assert any(url.startswith(f"{SITE}/accounts/confirm-email/") for url in found), found
    assert all(url.startswith(SITE) for url in found), found
    assert "31337" not in message.body and "localhost" not in message.body
