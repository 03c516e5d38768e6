import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citytwins.models import Kind, Notification, NotificationPreference, Status
from members.models import Announcement, Audience, City, CityTwin
from members.roles import secretariat_group_sync
from members.services.announcements import (
    announcement_key,
    announcement_recipients,
    announcement_send,
)
from tests.factories import SecretaryFactory, UserFactory

pytestmark = pytest.mark.django_db

ADMIN = "/admin/members/announcement"


@pytest.fixture
def secretary(db):
    secretariat_group_sync()
    return SecretaryFactory(email="secretary@imatra.fi", name="Heikki Secretary")


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client


@pytest.fixture
def people(network, secretary):
    """Staff of member, partner, prospective and former cities; one inactive."""
    former = City.objects.get(slug="valga")
    former.status = "former"
    former.save(update_fields=["status"])
    return {
        "tornio": UserFactory(email="staff@tornio.fi", city=City.objects.get(slug="tornio")),
        "haparanda": UserFactory(
            email="staff@haparanda.se", city=City.objects.get(slug="haparanda")
        ),
        "slubice": UserFactory(email="staff@slubice.pl", city=City.objects.get(slug="slubice")),
        "prospective": UserFactory(
            email="staff@cesky-tesin.cz", city=City.objects.get(slug="cesky-tesin")
        ),
        "former": UserFactory(email="staff@valga.ee", city=former),
        "inactive": UserFactory(
            email="gone@narva.ee", city=City.objects.get(slug="narva"), is_active=False
        ),
        "nobody": UserFactory(email="no-city@example.org"),
    }


def announcement_create(secretary, **fields) -> Announcement:
    return Announcement.objects.create(
        **{
            "subject": "Annual meeting in Narva",
            "body": "The **annual meeting** is on 12 June.\n\n- agenda\n- minutes",
            "audience": Audience.MEMBERS,
            "created_by": secretary,
            **fields,
        }
    )


def addresses(announcement) -> set[str]:
    return set(announcement_recipients(announcement).values_list("email", flat=True))


def test_members_means_staff_of_member_and_partner_cities(people, secretary):
    announcement = announcement_create(secretary)
    assert addresses(announcement) == {"staff@tornio.fi", "staff@haparanda.se", "staff@slubice.pl"}


def test_secretariat_means_the_group(people, secretary):
    announcement = announcement_create(secretary, audience=Audience.SECRETARIAT)
    assert addresses(announcement) == {"secretary@imatra.fi"}


def test_one_twin_means_that_twins_staff(people, secretary):
    twin = CityTwin.objects.get(slug="tornio-haparanda")
    announcement = announcement_create(secretary, audience=Audience.TWIN, twin=twin)
    assert addresses(announcement) == {"staff@tornio.fi", "staff@haparanda.se"}


def test_one_twin_includes_its_prospective_citys_staff(people, secretary):
    twin = CityTwin.objects.get(slug="cieszyn-cesky-tesin")
    announcement = announcement_create(secretary, audience=Audience.TWIN, twin=twin)
    assert addresses(announcement) == {"staff@cesky-tesin.cz"}


def test_sending_twice_sends_once(
    people, secretary, mailoutbox, django_capture_on_commit_callbacks
):
    announcement = announcement_create(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        first = announcement_send(announcement=announcement, by=secretary)
        second = announcement_send(announcement=announcement, by=secretary)
    assert len(first) == 3
    assert second == []
    assert sorted(message.to[0] for message in mailoutbox) == [
        "staff@haparanda.se",
        "staff@slubice.pl",
        "staff@tornio.fi",
    ]
    announcement.refresh_from_db()
    assert announcement.sent_at is not None
    # A stale copy of the announcement (another secretary's open page) sends nothing either.
    stale = Announcement.objects.get(pk=announcement.pk)
    stale.sent_at = None
    assert announcement_send(announcement=stale, by=secretary) == []
    assert Notification.objects.count() == 3


def test_a_person_who_turned_announcements_off_gets_none(people, secretary):
    NotificationPreference.objects.create(user=people["tornio"], announcement=False)
    announcement = announcement_create(secretary)
    rows = announcement_send(announcement=announcement, by=secretary)
    assert {row.address for row in rows} == {"staff@haparanda.se", "staff@slubice.pl"}


def test_markdown_is_rendered_and_a_script_never_reaches_the_html_email(people, secretary):
    announcement = announcement_create(
        secretary,
        body=(
            "**Bold** news.\n\n<script>alert('x')</script>\n\n"
            "[click](javascript:alert(1)) <img src=x onerror=alert(1)>"
        ),
    )
    announcement_send(announcement=announcement, by=secretary)
    row = Notification.objects.get(address="staff@tornio.fi")
    assert row.kind == Kind.ANNOUNCEMENT
    assert "<strong>Bold</strong>" in row.html
    assert "<script" not in row.html.lower()
    assert "javascript:" not in row.html
    assert "onerror" not in row.html
    assert row.subject == "[City Twins] Annual meeting in Narva"
    assert "List-Unsubscribe" in row.headers


def test_the_secretary_writes_previews_and_sends_in_the_admin(
    people, secretary_client, mailoutbox, django_capture_on_commit_callbacks
):
    twin = CityTwin.objects.get(slug="tornio-haparanda")
    response = secretary_client.post(
        f"{ADMIN}/add/",
        {
            "subject": "Border crossing study",
            "body": "Read the *study* before <script>x()</script> the meeting.",
            "audience": Audience.TWIN,
            "twin": twin.pk,
        },
    )
    announcement = Announcement.objects.get()
    assert announcement.created_by.email == "secretary@imatra.fi"
    preview_url = f"{ADMIN}/{announcement.pk}/preview/"
    assert response.status_code == 302
    assert response["Location"] == preview_url

    preview = secretary_client.get(preview_url)
    content = preview.content.decode()
    assert preview.status_code == 200
    assert "[City Twins] Border crossing study" in content
    assert "<em>study</em>" in content
    assert "<script>x()" not in content
    assert "2 people" in content
    assert Notification.objects.count() == 0  # previewing sends nothing

    with django_capture_on_commit_callbacks(execute=True):
        sent = secretary_client.post(preview_url)
        again = secretary_client.post(preview_url)
    assert sent.status_code == again.status_code == 302
    assert sorted(message.to[0] for message in mailoutbox) == [
        "staff@haparanda.se",
        "staff@tornio.fi",
    ]


def test_a_sent_announcement_cannot_be_edited(people, secretary, secretary_client):
    announcement = announcement_create(secretary)
    announcement_send(announcement=announcement, by=secretary)
    response = secretary_client.get(f"{ADMIN}/{announcement.pk}/change/")
    assert response.status_code == 200
    assert 'name="subject"' not in response.content.decode()
    secretary_client.post(
        f"{ADMIN}/{announcement.pk}/change/",
        {"subject": "Changed", "body": "Changed", "audience": Audience.MEMBERS},
    )
    announcement.refresh_from_db()
    assert announcement.subject == "Annual meeting in Narva"


def test_the_twin_audience_needs_a_twin(secretary_client):
    response = secretary_client.post(
        f"{ADMIN}/add/", {"subject": "Hello", "body": "Hi", "audience": Audience.TWIN}
    )
    assert response.status_code == 200
    assert "Choose the twin" in response.content.decode()
    assert not Announcement.objects.exists()


def test_the_changelist_shows_delivery_counts_in_one_query_for_all_rows(
    people, secretary, secretary_client
):
    def changelist_queries():
        with CaptureQueriesContext(connection) as queries:
            response = secretary_client.get(f"{ADMIN}/")
        assert response.status_code == 200
        return response, len(queries)

    first = announcement_create(secretary)
    announcement_send(announcement=first, by=secretary)
    rows = Notification.objects.filter(key__startswith=f"{announcement_key(first)}:")
    rows.filter(address="staff@tornio.fi").update(status=Status.SENT)
    rows.filter(address="staff@slubice.pl").update(status=Status.FAILED)
    response, one_sent = changelist_queries()
    assert "1 sent · 1 pending · 1 failed" in response.content.decode()

    for n in range(3):
        announcement_send(
            announcement=announcement_create(secretary, subject=f"N{n}"), by=secretary
        )
    announcement_create(secretary, subject="Draft")
    response, four_sent = changelist_queries()
    content = response.content.decode()
    assert content.count("0 sent · 3 pending · 0 failed") == 3
    assert "not sent yet" in content
    assert four_sent == one_sent


def test_only_an_announcement_to_all_members_may_be_shown_to_everyone(secretary_client):
    response = secretary_client.post(
        f"{ADMIN}/add/",
        {"subject": "Board only", "body": "…", "audience": "secretariat", "public": "on"},
    )
    assert response.status_code == 200
    assert "Only an announcement to all members is shown on the home page." in (
        response.content.decode()
    )
    assert not Announcement.objects.exists()


def test_after_sending_the_secretary_may_still_choose_to_show_it_to_everyone(
    secretary_client, secretary
):
    announcement = announcement_create(secretary)
    announcement_send(announcement=announcement, by=secretary)
    response = secretary_client.post(f"{ADMIN}/{announcement.pk}/change/", {"public": "on"})
    assert response.status_code == 302
    announcement.refresh_from_db()
    assert announcement.public is True
    assert announcement.subject == "Annual meeting in Narva"
