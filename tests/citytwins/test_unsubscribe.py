import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from citytwins.models import NotificationPreference
from citytwins.notifications import Kind, Notification, notification_send, unsubscribe_token
from tests.factories import SecretaryFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory(email="staff@haparanda.se")


def announcement_to(user) -> Notification:
    return notification_send(
        kind=Kind.ANNOUNCEMENT,
        template="notice",
        recipients=[user],
        context={"subject": "General assembly", "body": "In Narva in May."},
        key="announcement:1",
    )[0]


def preference(user) -> NotificationPreference:
    return NotificationPreference.objects.get_or_create(user=user)[0]


def test_the_link_in_the_email_asks_first_then_turns_off_only_that_kind(staff):
    url = announcement_to(staff).headers["List-Unsubscribe"].strip("<>")
    path = url.removeprefix("http://127.0.0.1:8000")
    anonymous = Client(enforce_csrf_checks=True)

    response = anonymous.get(path)
    assert response.status_code == 200
    assert "Announcements" in response.content.decode()
    assert '<form method="post"' in response.content.decode()
    assert preference(staff).announcement  # a link scanner's GET changes nothing

    response = anonymous.post(path)
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    choices = preference(staff)
    assert not choices.announcement
    assert choices.meeting_reminder and choices.digest and choices.change_notice


def test_rfc_8058_one_click_post_needs_no_session_and_no_csrf_token(staff):
    token = unsubscribe_token(user_id=staff.pk, kind=Kind.DIGEST)
    response = Client(enforce_csrf_checks=True).post(
        f"/unsubscribe/{token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not preference(staff).digest
    assert preference(staff).announcement


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "x" + token,
        lambda token: "not-a-token",
    ],
)
def test_a_tampered_token_gets_a_clear_page_and_changes_nothing(client, staff, tamper):
    token = unsubscribe_token(user_id=staff.pk, kind=Kind.ANNOUNCEMENT)
    for method in (client.get, client.post):
        response = method(f"/unsubscribe/{tamper(token)}/")
        assert response.status_code == 400
        assert "This unsubscribe link is not valid" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_a_token_for_another_user_or_an_always_sent_kind_is_refused(client, staff):
    other = UserFactory(email="other@haparanda.se")
    for token in (
        unsubscribe_token(user_id=staff.pk, kind=Kind.ACCOUNT),
        unsubscribe_token(user_id=other.pk + 1000, kind=Kind.ANNOUNCEMENT),
    ):
        assert client.post(f"/unsubscribe/{token}/").status_code == 400
    assert not NotificationPreference.objects.exists()


def test_account_mail_carries_no_unsubscribe(client, staff, django_capture_on_commit_callbacks):
    EmailAddress.objects.create(user=staff, email=staff.email, primary=True, verified=True)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post("/accounts/password/reset/", {"email": staff.email})
    assert response.status_code == 302
    row = Notification.objects.get()
    assert row.kind == Kind.ACCOUNT
    assert row.subject.startswith("[City Twins] ")
    assert "List-Unsubscribe" not in row.headers
    assert "/accounts/password/reset/key/" in row.text


def test_preferences_need_signing_in(client):
    response = client.get("/my/notifications/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_staff_choose_their_emails_without_change_notices(client, staff):
    client.force_login(staff)
    html = client.get("/my/notifications/").content.decode()
    assert 'name="announcement"' in html and 'name="digest"' in html
    assert 'name="change_notice"' not in html

    response = client.post("/my/notifications/", {"announcement": "on", "digest": "on"})
    assert response.status_code == 302
    choices = preference(staff)
    assert choices.announcement and choices.digest
    assert not choices.meeting_reminder
    assert choices.change_notice  # not offered, so not touched


def test_the_secretary_may_turn_off_change_notices(client):
    secretary = SecretaryFactory(email="secretary@imatra.fi")
    client.force_login(secretary)
    assert 'name="change_notice"' in client.get("/my/notifications/").content.decode()
    client.post("/my/notifications/", {"announcement": "on"})
    assert not preference(secretary).change_notice
    rows = notification_send(
        kind=Kind.CHANGE_NOTICE,
        template="notice",
        recipients=[secretary],
        context={"subject": "Narva changed its profile", "body": "Population updated."},
        key="change:1",
    )
    assert rows == []


def test_unticking_every_box_turns_every_kind_off(client, staff):
    # A form with every checkbox unticked posts nothing at all: it must still be saved.
    client.force_login(staff)
    assert client.post("/my/notifications/", {}).status_code == 302
    choices = preference(staff)
    assert not (choices.announcement or choices.meeting_reminder or choices.digest)
    assert not choices.profile_reminder
