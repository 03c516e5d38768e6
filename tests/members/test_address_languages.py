"""Mail to people who have no account yet reads in the language the portal knows for them: an
invited person's city's, a visitor's page's, an applicant's country's."""

import pytest

from citytwins.models import Kind, Notification
from members.models import City
from members.services.applications import application_approve
from members.services.invitations import invitation_send
from tests.citytwins.test_contact import VALID as CONTACT
from tests.factories import SecretaryFactory
from tests.members.test_join import application_create

pytestmark = pytest.mark.django_db


def test_an_invitation_reads_in_the_invited_city_s_language(network):
    invitation_send(email="liisa@tornio.fi", city=City.objects.get(slug="tornio"))
    row = Notification.objects.get(address="liisa@tornio.fi")
    assert row.language == "fi"
    assert row.subject.startswith("Sinut on kutsuttu pitämään kaupungin Tornio tiedot")
    assert "/fi/invitations/" in row.text


@pytest.mark.parametrize(
    ("page", "language", "subject"),
    [
        ("/contact/", "en", "[City Twins] We received your message"),
        ("/pl/contact/", "pl", "[City Twins] Otrzymaliśmy Państwa wiadomość"),
    ],
)
def test_a_visitor_is_answered_in_the_language_they_wrote_in(client, page, language, subject):
    assert client.post(page, CONTACT).status_code == 302
    row = Notification.objects.get(kind=Kind.CONTACT, address=CONTACT["email"])
    assert (row.language, row.subject) == (language, subject)


def test_an_approved_applicant_is_welcomed_in_their_country_s_language(network):
    secretary = SecretaryFactory(email="secretary@imatra.fi")
    application = application_create(
        city_name="Gubin",
        country="PL",
        twin_city_name="Guben",
        twin_country="DE",
        contact_email="urzad@gubin.example.pl",
    )
    application_approve(application=application, by=secretary)
    row = Notification.objects.get(address="urzad@gubin.example.pl")
    assert (row.language, row.subject) == ("pl", "[City Twins] Witamy, Gubin")
