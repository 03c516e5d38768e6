"""One spelling of an email address: stored normalised, looked up exactly, compared before a
sign-in or a reset mail. The look-alike tests matter on PostgreSQL, whose UPPER() folds dotless ı
to I and long ſ to S (SQLite folds neither); CI runs them there."""

import importlib
import re

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth.hashers import MD5PasswordHasher

from citytwins.addresses import address_as_typed, address_normalise
from citytwins.models import Notification
from members.models import Invitation, User
from members.services.invitations import invitation_send
from tests.factories import PASSWORD, CityFactory, SecretaryFactory, UserFactory

pytestmark = pytest.mark.django_db

LOOK_ALIKES = ["x@tornıo.test", "x@tornio.teſt"]


@pytest.fixture
def account():
    user = UserFactory(email="x@tornio.test")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def addresses_of(user) -> set[str]:
    return set(EmailAddress.objects.filter(user=user).values_list("email", flat=True))


def sign_in(client, login, password=PASSWORD, **extra):
    return client.post("/accounts/login/", {"login": login, "password": password}, **extra)


def test_the_normal_form_is_nfkc_in_lower_case():
    assert address_normalise(" Liisa@Tornio.FI ") == "liisa@tornio.fi"
    assert address_normalise("ｘ@tornio.test") == "x@tornio.test"  # fullwidth x
    assert address_normalise("x@tornio.teſt") == "x@tornio.test"
    assert address_normalise("x@tornıo.test") == "x@tornıo.test"  # ı is a letter of its own
    for typed in ("X@TORNİO.TEST", "ǅ@tornio.test", "x@ﬀ.test"):
        assert address_normalise(address_normalise(typed)) == address_normalise(typed)


def test_a_spelling_is_its_address_only_up_to_letter_case():
    assert address_as_typed("X@Tornio.Test") == "x@tornio.test"
    assert address_as_typed("x@tornio.teſt") is None
    assert address_as_typed("ｘ@tornio.test") is None
    assert address_as_typed("x@tornıo.test") == "x@tornıo.test"  # another address, not x@tornio


@pytest.mark.parametrize("spelling", LOOK_ALIKES)
def test_a_look_alike_spelling_neither_signs_in_nor_becomes_an_address_nor_gets_a_reset(
    postgresql, client, account, spelling, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(client, spelling)
        client.post("/accounts/password/reset/", {"email": spelling})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert addresses_of(account) == {"x@tornio.test"}
    assert Notification.objects.count() == 0
    assert mailoutbox == []
    with pytest.raises(User.DoesNotExist):
        User.objects.get_by_natural_key(spelling)


def test_the_stored_spelling_signs_in_whatever_its_letter_case(client, account):
    response = sign_in(client, "X@Tornio.TEST")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(account.pk)
    assert addresses_of(account) == {"x@tornio.test"}


def test_a_reset_goes_to_the_verified_address_as_stored(
    client, account, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "X@TORNIO.test"})
    assert [message.to for message in mailoutbox] == [["x@tornio.test"]]


def test_no_reset_to_an_unverified_address_even_on_the_account(
    client, account, mailoutbox, django_capture_on_commit_callbacks
):
    EmailAddress.objects.create(user=account, email="x@haparanda.test", verified=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": "x@haparanda.test"})
    assert response.status_code == 302  # no hint whether the address is known
    assert mailoutbox == []


def test_a_257_character_address_is_a_form_error_not_a_500(client):
    address = "a" * 64 + "@" + ".".join(["b" * 63, "c" * 63, "d" * 61, "fi"])
    assert len(address) == 257
    response = client.post("/accounts/password/reset/", {"email": address})
    assert response.status_code == 200
    assert "at most 254 characters" in response.content.decode()


class CountingHasher(MD5PasswordHasher):
    """Counts every password hashed, by a check or by the backend's timing mitigation."""

    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


@pytest.mark.parametrize("login", ["x@tornio.test", "nobody@tornio.test", "x@tornio.teſt"])
def test_a_failed_sign_in_costs_one_password_hash(client, settings, account, login):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    account.set_password(PASSWORD)
    account.save(update_fields=["password"])
    CountingHasher.calls = 0
    response = sign_in(client, login, password="not-the-password")
    assert response.status_code == 200
    assert CountingHasher.calls == 1


def test_every_write_path_stores_the_normal_form(client, network, mailoutbox):
    user = User.objects.create_user("Ｌiisa@Tornio.FI", PASSWORD)
    assert user.email == "liisa@tornio.fi"
    user.email = "LIISA@TORNIO.FI"
    user.save(update_fields=["email"])
    assert User.objects.filter(email="liisa@tornio.fi").exists()

    city = CityFactory()
    outcome = invitation_send(email="Aino@Haparanda.SE", city=city)
    assert outcome.invitation.email == "aino@haparanda.se"
    # The invitation finds the existing account by its stored spelling, whatever was typed.
    again = invitation_send(email="LIISA@tornio.fi", city=city)
    assert again.existing_user == user

    secretary = SecretaryFactory(email="secretary@imatra.fi", is_superuser=True)
    client.force_login(secretary)
    response = client.post(
        "/admin/members/user/add/",
        {
            "email": "Kalle@Valga.EE",
            "name": "Kalle",
            "usable_password": "true",
            "password1": "Valga-Valka-2006",
            "password2": "Valga-Valka-2006",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.filter(email="kalle@valga.ee").exists()
    response = client.post(
        f"/admin/account/emailaddress/{EmailAddress.objects.create(user=user, email='l@x.fi').pk}"
        "/change/",
        {"user": user.pk, "email": "L.Virtanen@Tornio.FI", "verified": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert addresses_of(user) == {"l.virtanen@tornio.fi"}


def test_the_migration_normalises_what_is_stored():
    migration = importlib.import_module("members.migrations.0005_email_addresses_normal_form")
    staff = UserFactory(email="staff@tornio.fi")
    lookalike = UserFactory(email="other@tornio.fi")
    User.objects.filter(pk=staff.pk).update(email="Staff@Tornio.FI")
    User.objects.filter(pk=lookalike.pk).update(email="ｏther@tornio.fi")
    EmailAddress.objects.create(user=staff, email="Staff@Tornio.FI", primary=True, verified=True)
    # The second spelling of the same address, added by a sign-in with a look-alike.
    EmailAddress.objects.create(user=staff, email="staff@tornio.fi", verified=False)
    # A spelling NFKC changes was verified for another spelling: to be verified again.
    EmailAddress.objects.create(user=lookalike, email="ｏther@tornio.fi", verified=True)
    invitation = Invitation.objects.create(
        email="x@y.fi", city=CityFactory(), token_digest="d", expires_at="2030-01-01T00:00Z"
    )
    Invitation.objects.filter(pk=invitation.pk).update(email="New@Valga.EE")

    migration.forwards(apps, None)

    assert set(User.objects.values_list("email", flat=True)) == {
        "staff@tornio.fi",
        "other@tornio.fi",
    }
    assert list(
        EmailAddress.objects.filter(user=staff).values_list("email", "primary", "verified")
    ) == [("staff@tornio.fi", True, True)]
    assert list(EmailAddress.objects.filter(user=lookalike).values_list("email", "verified")) == [
        ("other@tornio.fi", False)
    ]
    assert Invitation.objects.get().email == "new@valga.ee"


def test_the_migration_stops_at_two_accounts_sharing_an_address():
    migration = importlib.import_module("members.migrations.0005_email_addresses_normal_form")
    UserFactory(email="staff@tornio.fi")
    other = UserFactory(email="other@tornio.fi")
    User.objects.filter(pk=other.pk).update(email="STAFF@tornio.fi")
    with pytest.raises(RuntimeError, match=re.escape("share the address 'staff@tornio.fi'")):
        migration.forwards(apps, None)
