import pytest
from django.utils import translation

from citytwins import ratelimits
from citytwins.models import Kind, Notification
from members.models import (
    ApplicationStatus,
    City,
    CityTwin,
    MembershipApplication,
    MembershipStatus,
)
from members.services.applications import application_approve, application_decline
from tests.factories import SecretaryFactory

pytestmark = pytest.mark.django_db

URL = "/join/"
VALID = {
    "city_name": "Kirkenes",
    "country": "NO",
    "twin_city_name": "Nikel",
    "twin_country": "RU",
    "contact_name": "Kari Nordmann",
    "contact_email": "kari@kirkenes.example.no",
    "contact_phone": "+47 78 97 70 00",
    "motivation": "Kirkenes and Nikel have worked together across the border since 1990.",
}


@pytest.fixture
def secretary():
    return SecretaryFactory(email="secretary@imatra.fi")


def application_create(**fields) -> MembershipApplication:
    return MembershipApplication.objects.create(**{**VALID, **fields})


def test_the_form_is_public_with_country_selects(client):
    response = client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert '<select name="country"' in content
    assert '<option value="NO">Norway</option>' in content
    assert 'href="/join/"' in client.get("/").content.decode()


def test_an_application_is_kept_and_the_secretary_told(
    client, secretary, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://citytwins.example"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, VALID)
    assert response.status_code == 302
    assert response["Location"] == "/join/sent/"
    assert "your application has arrived" in client.get("/join/sent/").content.decode()

    application = MembershipApplication.objects.get()
    assert application.status == ApplicationStatus.NEW
    assert (application.city_name, application.twin_country) == ("Kirkenes", "RU")
    [message] = mailoutbox
    assert message.to == ["secretary@imatra.fi"]
    assert "Kirkenes (Norway)" in message.subject
    admin_url = (
        f"https://citytwins.example/admin/members/membershipapplication/{application.pk}/change/"
    )
    assert admin_url in message.body
    assert message.extra_headers["Reply-To"] == "kari@kirkenes.example.no"
    assert Notification.objects.get().kind == Kind.APPLICATION


def test_a_double_click_keeps_one_application_and_tells_the_secretary_once(
    client, secretary, mailoutbox, django_capture_on_commit_callbacks
):
    form = {**VALID, "submission": "1b4e28ba-2fa1-11d2-883f-0016d3cca427"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(URL, form).status_code == 302
        assert client.post(URL, form).status_code == 302
    assert MembershipApplication.objects.count() == 1
    assert len(mailoutbox) == 1


def test_a_robot_filling_the_honeypot_gets_the_same_thanks_and_nothing_is_kept(client, secretary):
    response = client.post(URL, {**VALID, "website": "buy-now.example"})
    assert response["Location"] == "/join/sent/"
    assert not MembershipApplication.objects.exists()
    assert not Notification.objects.exists()


BAD = {
    "empty": {},
    "oversized motivation": {**VALID, "motivation": "x" * 100_000},
    "oversized everything": {key: "ä" * 100_000 for key in VALID},
    "unknown country": {**VALID, "country": "XX"},
    "country with NUL": {**VALID, "country": "N\x00O"},
    "bad email": {**VALID, "contact_email": "kari@"},
    "bad phone": {**VALID, "contact_phone": "call me maybe"},
    "NUL bytes": {**VALID, "city_name": "Kirke\x00nes"},
    "line break in a name": {**VALID, "contact_name": "Kari\r\nBcc: x@example.org"},
    "twin in the same country": {**VALID, "twin_country": "NO"},
    "missing fields": {"city_name": "Kirkenes"},
    "lists instead of values": {**VALID, "country": ["NO", "XX"]},
}


@pytest.mark.parametrize("data", BAD.values(), ids=BAD.keys())
def test_bad_input_shows_form_errors_never_a_500(client, secretary, data):
    response = client.post(URL, data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert b"Please correct the following" in response.content
    assert not MembershipApplication.objects.exists()
    assert not Notification.objects.exists()


def test_the_rate_limit_stops_one_address(client, secretary):
    for _ in range(ratelimits.SENDER_LIMIT):
        assert client.post(URL, VALID).status_code == 302
    response = client.post(URL, VALID)
    assert response.status_code == 429
    assert "sent several messages in a short time" in response.content.decode()
    assert MembershipApplication.objects.count() == ratelimits.SENDER_LIMIT


def test_approving_a_new_pair_creates_both_cities_prospective_in_a_new_twin(
    secretary, mailoutbox, django_capture_on_commit_callbacks
):
    application = application_create()
    with django_capture_on_commit_callbacks(execute=True):
        decided = application_approve(application=application, by=secretary)

    assert decided.status == ApplicationStatus.APPROVED
    assert decided.decided_by == secretary
    assert decided.decided_at is not None
    twin = CityTwin.objects.get(slug="kirkenes-nikel")
    assert twin.name == "Kirkenes – Nikel"
    cities = list(twin.cities.order_by("position"))
    assert [(c.name, c.country.code, c.status) for c in cities] == [
        ("Kirkenes", "NO", MembershipStatus.PROSPECTIVE),
        ("Nikel", "RU", MembershipStatus.PROSPECTIVE),
    ]
    assert [c.slug for c in cities] == ["kirkenes", "nikel"]
    assert decided.city == cities[0]
    assert cities[0].history.first().history_user == secretary

    [thanks] = mailoutbox
    assert thanks.to == ["kari@kirkenes.example.no"]
    assert "Dear Kari Nordmann" in thanks.body
    assert "/twins/kirkenes-nikel/" in thanks.body


def test_a_secretary_reading_polish_names_the_new_cities_in_every_language(network, secretary):
    """The admin speaks Polish to this secretary: the names still go in the default language,
    which every language reads when it has no name of its own."""
    with translation.override("pl"):
        decided = application_approve(application=application_create(), by=secretary)
    twin = CityTwin.objects.get(slug="kirkenes-nikel")
    assert (twin.name_en, twin.name_pl or "") == ("Kirkenes – Nikel", "")
    for code in ("en", "pl", "fi"):
        with translation.override(code):
            names = [city.name for city in twin.cities.order_by("position")]
            assert (names, decided.city.name) == (["Kirkenes", "Nikel"], "Kirkenes")


def test_approving_joins_a_known_twin_city_and_keeps_slugs_unique(network, secretary):
    City.objects.filter(slug="cesky-tesin").delete()
    application = application_create(
        city_name="Český Těšín", country="CZ", twin_city_name="cieszyn", twin_country="PL"
    )
    application_approve(application=application, by=secretary)

    twin = CityTwin.objects.get(slug="cieszyn-cesky-tesin")
    city = City.objects.get(name="Český Těšín")
    assert city.twin == twin
    assert city.slug == "cesky-tesin"
    assert city.status == MembershipStatus.PROSPECTIVE
    assert CityTwin.objects.count() == 7


def test_a_new_city_with_a_taken_slug_gets_another(network, secretary):
    application = application_create(
        city_name="Valga", country="SE", twin_city_name="Valka", twin_country="NO"
    )
    application_approve(application=application, by=secretary)
    assert City.objects.filter(slug="valga-2", country="SE").exists()
    assert City.objects.get(slug="valga").country.code == "EE"


def test_approving_twice_does_nothing_the_second_time(
    secretary, mailoutbox, django_capture_on_commit_callbacks
):
    application = application_create()
    with django_capture_on_commit_callbacks(execute=True):
        application_approve(application=application, by=secretary)
        application_approve(application=application, by=SecretaryFactory())
    assert City.objects.count() == 2
    assert CityTwin.objects.count() == 1
    assert len(mailoutbox) == 1
    application.refresh_from_db()
    assert application.decided_by == secretary


def test_declining_records_the_decision_and_sends_nothing(
    secretary, mailoutbox, django_capture_on_commit_callbacks
):
    application = application_create()
    with django_capture_on_commit_callbacks(execute=True):
        application_decline(application=application, by=secretary)
        application_approve(application=application, by=secretary)  # decided: stays declined
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert application.decided_by == secretary
    assert not City.objects.exists()
    assert mailoutbox == []
