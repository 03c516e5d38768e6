import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.utils import timezone

from citytwins.languages import url_in_language
from members.models import City, Invitation, User
from members.services.invitations import InvitationRefused, invitation_send
from tests.factories import SecretaryFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tornio(network):
    return City.objects.get(slug="tornio")


def invite(tornio, mailoutbox, django_capture_on_commit_callbacks, email="liisa@tornio.fi"):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = invitation_send(email=email, city=tornio, name="Liisa Virtanen")
    return outcome, mailoutbox[-1]


def link_in(message) -> str:
    """The link of the email, to its page in English: the email links to the invited city's
    language (Finnish for Tornio, tests/members/test_address_languages.py), these read English."""
    link = re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)
    return url_in_language(link, "en")


def test_the_invited_person_chooses_a_password_and_arrives_signed_in(
    client, tornio, mailoutbox, django_capture_on_commit_callbacks
):
    _, message = invite(tornio, mailoutbox, django_capture_on_commit_callbacks)
    assert message.to == ["liisa@tornio.fi"]
    assert "Tornio" in message.subject
    path = link_in(message).split("://", 1)[1].split("/", 1)[1]

    page = client.get(f"/{path}")
    assert page.status_code == 200
    assert "Tornio – Haparanda" in page.content.decode()
    response = client.post(
        f"/{path}",
        {
            "name": "Liisa Virtanen",
            "password1": "Aurora-over-Tornio-7",
            "password2": "Aurora-over-Tornio-7",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/my/"
    user = User.objects.get(email="liisa@tornio.fi")
    assert user.city == tornio
    assert EmailAddress.objects.get(user=user).verified
    assert client.get("/my/").context["user"] == user

    again = client.get(f"/{path}")
    assert again.status_code == 410
    assert "already been used" in again.content.decode()


def test_only_a_digest_of_the_token_is_stored(
    tornio, mailoutbox, django_capture_on_commit_callbacks
):
    outcome, message = invite(tornio, mailoutbox, django_capture_on_commit_callbacks)
    token = link_in(message).rstrip("/").rsplit("/", 1)[1]
    assert token not in outcome.invitation.token_digest
    assert Invitation.objects.by_token(token).get() == outcome.invitation


def test_an_expired_link_gets_a_clear_page(
    client, tornio, mailoutbox, django_capture_on_commit_callbacks
):
    outcome, message = invite(tornio, mailoutbox, django_capture_on_commit_callbacks)
    Invitation.objects.filter(pk=outcome.invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    path = "/" + link_in(message).split("://", 1)[1].split("/", 1)[1]
    response = client.get(path)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    response = client.post(
        path,
        {"name": "X", "password1": "Aurora-over-Tornio-7", "password2": "Aurora-over-Tornio-7"},
    )
    assert response.status_code == 410
    assert not User.objects.filter(email="liisa@tornio.fi").exists()


def test_a_tampered_link_gets_a_clear_page(
    client, tornio, mailoutbox, django_capture_on_commit_callbacks
):
    _, message = invite(tornio, mailoutbox, django_capture_on_commit_callbacks)
    path = "/" + link_in(message).split("://", 1)[1].split("/", 1)[1]
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    response = client.get(tampered)
    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_mismatched_or_weak_passwords_are_form_errors(
    client, tornio, mailoutbox, django_capture_on_commit_callbacks
):
    _, message = invite(tornio, mailoutbox, django_capture_on_commit_callbacks)
    path = "/" + link_in(message).split("://", 1)[1].split("/", 1)[1]
    for first, second in [("Aurora-over-Tornio-7", "different-7"), ("12345", "12345"), ("", "")]:
        response = client.post(path, {"name": "Liisa", "password1": first, "password2": second})
        assert response.status_code == 200
        assert response.context["form"].errors
    assert not User.objects.filter(email="liisa@tornio.fi").exists()


def test_inviting_an_existing_account_sends_a_sign_in_link_not_a_second_account(
    tornio, mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory(email="liisa@tornio.fi")
    outcome, message = invite(tornio, mailoutbox, django_capture_on_commit_callbacks)
    assert outcome.invitation is None
    assert User.objects.filter(email__iexact="liisa@tornio.fi").count() == 1
    person.refresh_from_db()
    assert person.city == tornio
    assert "/accounts/login/" in message.body
    assert "/invitations/" not in message.body


def test_staff_of_another_city_are_not_moved_silently(network):
    UserFactory(email="staff@narva.ee", city=City.objects.get(slug="narva"))
    with pytest.raises(InvitationRefused):
        invitation_send(email="staff@narva.ee", city=City.objects.get(slug="tornio"))


def test_invite_command(tornio, mailoutbox, django_capture_on_commit_callbacks, capsys):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("invite", "--email", "pekka@tornio.fi", "--city", "tornio", "--name", "Pekka")
    assert Invitation.objects.get().email == "pekka@tornio.fi"
    assert mailoutbox[-1].to == ["pekka@tornio.fi"]
    assert "pekka@tornio.fi" in capsys.readouterr().out
    with pytest.raises(CommandError, match="tornio"):
        call_command("invite", "--email", "x@example.org", "--city", "atlantis")


def test_the_secretary_invites_from_the_admin(
    client, tornio, mailoutbox, django_capture_on_commit_callbacks
):
    from members.roles import secretariat_group_sync

    secretariat_group_sync()
    secretary = SecretaryFactory()
    client.force_login(secretary)
    url = f"/admin/members/city/{tornio.pk}/invite/"
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "new@haparanda.se", "name": "Anna"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="new@haparanda.se")
    assert invitation.invited_by == secretary
    assert mailoutbox[-1].to == ["new@haparanda.se"]
    response = client.post(url, {"email": "not-an-email"})
    assert response.status_code == 200
    assert response.context["form"].errors
