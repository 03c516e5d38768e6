import re

import pytest
from allauth.account.models import EmailAddress

from members.models import User
from tests.factories import PASSWORD, SecretaryFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified_staff():
    user = UserFactory(email="staff@narva.ee")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


@pytest.fixture
def secretary():
    user = SecretaryFactory(email="secretary@imatra.fi")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def login(client, email, password, url="/accounts/login/"):
    return client.post(url, {"login": email, "password": password})


def test_email_is_the_login_and_there_is_no_username():
    user = User.objects.create_user("Staff@Tornio.FI", "pw-12345-long")
    assert user.email == "staff@tornio.fi"  # one stored spelling (tests/members/test_addresses.py)
    assert not hasattr(user, "username")
    assert User.USERNAME_FIELD == "email"


def test_a_verified_person_signs_in_by_email(client, verified_staff):
    response = login(client, "staff@narva.ee", PASSWORD)
    assert response.status_code == 302
    assert client.get("/").context["user"] == verified_staff


def test_an_unverified_email_must_be_verified_first(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="new@valga.ee")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(client, "new@valga.ee", PASSWORD)
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new@valga.ee"]


def test_password_reset_mail_is_sent_after_the_request(
    client, verified_staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post("/accounts/password/reset/", {"email": "staff@narva.ee"})
    assert mailoutbox == []  # nothing talks to SMTP inside the request
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1
    assert "password" in mailoutbox[0].subject.lower()


def test_sixth_wrong_password_is_refused_even_when_right(client, verified_staff):
    for _ in range(5):
        response = login(client, "staff@narva.ee", "wrong-password")
        assert response.status_code == 200
        assert "too many" not in response.content.decode().lower()
    response = login(client, "staff@narva.ee", PASSWORD)
    assert response.status_code == 200
    assert "too many failed login attempts" in response.content.decode().lower()
    assert "_auth_user_id" not in client.session


def test_the_admin_login_shares_allauths_limits(client, secretary):
    # The admin's own login form is never offered: it hands over to allauth's.
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    response = client.post("/admin/login/", {"username": secretary.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session

    for _ in range(5):
        login(client, secretary.email, "wrong-password", url="/accounts/login/?next=/admin/")
    response = login(client, secretary.email, PASSWORD, url="/accounts/login/?next=/admin/")
    assert "too many failed login attempts" in response.content.decode().lower()
    assert client.get("/admin/").status_code == 302


def test_the_secretary_reaches_the_admin_after_signing_in(client, secretary):
    response = login(client, secretary.email, PASSWORD, url="/accounts/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def password_rules(content: str, field: str) -> str:
    """The rules' block the password input names with aria-describedby, as a list."""
    tag = re.search(rf'<input type="password" name="{field}"[^>]*>', content).group(0)
    described_by = re.search(r'aria-describedby="([^"]+)"', tag).group(1)
    block = re.search(rf'<div class="helptext" id="{described_by}">(.*?)</div>', content, re.S)
    return block.group(1).strip()


def test_password_rules_are_a_list_the_password_field_points_to(client, network):
    from members.models import City
    from members.services.invitations import invitation_send

    invitation_send(email="new@tornio.fi", city=City.objects.get(slug="tornio"))
    from citytwins.models import Notification

    text = Notification.objects.get(address="new@tornio.fi").text
    token = text.split("/invitations/", 1)[1].split("/", 1)[0]
    rules = password_rules(client.get(f"/invitations/{token}/").content.decode(), "password1")
    assert rules.startswith("<ul>") and rules.count("<li>") == 4
    assert "at least 8 characters" in rules

    client.force_login(UserFactory())
    content = client.get("/accounts/password/change/").content.decode()
    rules = password_rules(content, "password1")
    assert rules.startswith("<ul>") and "at least 8 characters" in rules
    # No list inside a paragraph anywhere on the page.
    assert not re.search(r"<p>(?:(?!</p>).)*<ul>", content, re.S)
    title = re.search(r"<title>(.*?)</title>", content, re.S).group(1)
    assert title == "Change password · City Twins Association"
    assert "<h1>Change password</h1>" in content


def test_a_reset_for_an_unknown_address_does_not_offer_a_sign_up(
    client, network, django_capture_on_commit_callbacks, settings
):
    from citytwins.models import Notification

    # By default an unknown address gets no mail at all (ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS off).
    client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert not Notification.objects.filter(address="nobody@example.org").exists()
    # Were it turned on, the mail would still offer no sign-up.
    settings.ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
    client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    mail = Notification.objects.get(address="nobody@example.org")
    assert "There is no account with that address." in mail.text
    assert "invitation" in mail.text
    assert "sign up" not in mail.text.lower() and "/accounts/signup/" not in mail.text
