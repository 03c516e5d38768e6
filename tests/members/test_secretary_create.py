"""`manage.py secretary_create`: the first secretary, once, with a link to choose a password."""

import re
import time
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal import auth as totp
from django.core.management import CommandError, call_command

from citytwins.models import Kind, Notification
from members.models import User
from members.services.secretariat import secretariat_recipients

pytestmark = pytest.mark.django_db

EMAIL = "secretary@imatra.fi"
NEW_PASSWORD = "Vuoksi-river-2026-falls"


def secretary_create(*args: str) -> str:
    out = StringIO()
    call_command("secretary_create", *args, stdout=out)
    return out.getvalue()


def welcome_rows():
    return Notification.objects.filter(key__startswith="secretary-welcome:")


def password_link(row: Notification) -> str:
    return re.search(r"http://\S+/accounts/password/reset/key/\S+/", row.text).group(0)


def test_a_new_secretary_gets_an_account_and_one_link(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output = secretary_create("--email", EMAIL, "--name", "Heikki Laine")
    assert "Created the secretary account secretary@imatra.fi" in output
    user = User.objects.get(email=EMAIL)
    assert user.name == "Heikki Laine"
    assert user.is_staff and user.is_active and not user.is_superuser
    assert user.is_secretary
    assert not user.has_usable_password()
    assert EmailAddress.objects.filter(user=user, email=EMAIL, primary=True, verified=True).exists()
    assert secretariat_recipients() == [user]
    [row] = welcome_rows()
    assert row.address == EMAIL
    assert row.kind == Kind.ACCOUNT
    assert password_link(row).startswith("http://127.0.0.1:8000/accounts/password/reset/key/")
    assert "http://127.0.0.1:8000/admin/" in row.text


def test_a_second_run_for_the_same_address_changes_nothing_and_sends_nothing():
    secretary_create("--email", EMAIL, "--name", "Heikki Laine")
    before = User.objects.values().get(email=EMAIL)
    output = secretary_create("--email", "Secretary@IMATRA.fi", "--name", "Someone else")
    assert "is a secretary already: nothing changed, nothing sent" in output
    assert User.objects.count() == 1
    assert User.objects.values().get(email=EMAIL) == before
    assert welcome_rows().count() == 1
    assert EmailAddress.objects.count() == 1


def test_an_existing_account_is_only_promoted_when_asked(django_capture_on_commit_callbacks):
    admin = User.objects.create_superuser(EMAIL, "a-password-chosen-at-createsuperuser")
    with pytest.raises(CommandError, match="--promote"):
        secretary_create("--email", EMAIL)
    admin.refresh_from_db()
    assert not admin.is_secretary
    assert welcome_rows().count() == 0

    output = secretary_create("--email", EMAIL, "--name", "Heikki Laine", "--promote")
    assert "Promoted the secretary account" in output
    admin.refresh_from_db()
    assert admin.is_secretary and admin.is_staff
    assert admin.name == "Heikki Laine"
    assert admin.check_password("a-password-chosen-at-createsuperuser")  # kept
    assert EmailAddress.objects.get(user=admin).verified
    [row] = welcome_rows()
    assert "sign in with your email address and your password" in row.text.lower()
    # Once promoted, it is a secretary like any other: a third run does nothing.
    assert "nothing changed" in secretary_create("--email", EMAIL, "--promote")
    assert welcome_rows().count() == 1


def test_an_unverified_address_is_verified_on_promotion():
    user = User.objects.create_user(EMAIL, None)
    EmailAddress.objects.create(user=user, email=EMAIL, primary=False, verified=False)
    secretary_create("--email", EMAIL, "--promote")
    address = EmailAddress.objects.get(user=user)
    assert address.verified and address.primary


def test_a_look_alike_address_is_not_the_same_account(postgresql):
    """PostgreSQL's case-insensitive match folds a dotless ı into I: that is another address."""
    real = User.objects.create_user("staff@tornio.test", "x-password-of-the-real-one")
    with pytest.raises(CommandError, match="not an email address"):
        secretary_create("--email", "not an address")
    secretary_create("--email", "staff@tornıo.test", "--promote")
    real.refresh_from_db()
    assert not real.is_secretary
    assert User.objects.get(email="staff@tornıo.test").is_secretary


def test_the_link_lets_the_secretary_choose_a_password_and_open_the_admin(client, settings):
    """With MFA_REQUIRED_FOR_ADMIN (production), the admin first asks for a second factor."""
    settings.MFA_REQUIRED_FOR_ADMIN = True
    secretary_create("--email", EMAIL)
    link = password_link(welcome_rows().get()).removeprefix("http://127.0.0.1:8000")

    response = client.get(link)
    assert response.status_code == 302  # allauth keeps the key in the session
    form_url = response["Location"]
    assert client.get(form_url).status_code == 200
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(email=EMAIL).check_password(NEW_PASSWORD)

    response = client.post("/accounts/login/", {"login": EMAIL, "password": NEW_PASSWORD})
    assert response.status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")

    activate = response["Location"]
    # allauth asks for the password once more before a second factor is added.
    response = client.get(activate)
    assert response["Location"].startswith("/accounts/reauthenticate/")
    response = client.post(response["Location"], {"password": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.get(activate).status_code == 200
    secret = client.session[totp.SECRET_SESSION_KEY]
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    code = totp.format_hotp_value(totp.hotp_value(secret, counter))
    response = client.post(activate, {"code": code})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Authenticator.objects.filter(user__email=EMAIL, type="totp").exists()
    page = client.get("/admin/")
    assert page.status_code == 200
    assert "Contact messages" in page.content.decode()


def test_the_link_is_spent_once_the_password_is_chosen(client):
    secretary_create("--email", EMAIL)
    link = password_link(welcome_rows().get()).removeprefix("http://127.0.0.1:8000")
    form_url = client.get(link)["Location"]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()
    page = client.get(link, follow=True).content.decode()
    assert "The password reset link was invalid" in page
