"""Contact messages are kept, reach the secretariat, and are listed in the admin."""

import uuid

import pytest

from citytwins.models import ContactMessage, Kind, Notification, Status
from citytwins.services import contact_send
from members.models import Association
from tests.conftest import wait_for
from tests.factories import SecretaryFactory, UserFactory

LIST = "/admin/citytwins/contactmessage/"
RECORD_ADDRESS = "heikki.laine@imatra.fi"
FORM = {
    "name": "Liisa Virtanen",
    "email": "liisa@example.fi",
    "subject": "Study visit to Tornio",
    "message": "We would like to visit Tornio – Haparanda with a group of 12.",
}


def message(n: int = 0) -> ContactMessage:
    return contact_send(**{**FORM, "subject": f"Question {n}"}, submission=uuid.uuid4())


@pytest.fixture
def secretary(db):
    return SecretaryFactory(email="secretary@imatra.fi", is_superuser=True)


@pytest.mark.django_db
def test_with_no_one_to_receive_it_the_message_is_still_kept(caplog):
    kept = message()
    assert ContactMessage.objects.get() == kept
    assert list(Notification.objects.values_list("address", flat=True)) == ["liisa@example.fi"]
    assert "no one receives the secretariat's mail" in caplog.text


def test_the_admin_lists_each_message_with_its_emails(client, secretary):
    first = message(1)
    message(2)
    Notification.objects.filter(key__startswith=first.delivery_key, address=secretary.email).update(
        status=Status.FAILED, last_error="550 mailbox unavailable"
    )
    client.force_login(secretary)
    page = client.get(LIST).content.decode()
    assert "Question 1" in page
    assert "Question 2" in page
    assert "0 sent · 1 pending · 1 failed" in page  # on-commit never ran: nothing was sent
    detail = client.get(f"{LIST}{first.pk}/change/").content.decode()
    assert "We would like to visit Tornio" in detail
    assert "to the secretariat" in detail
    assert "550 mailbox unavailable" in detail
    assert "acknowledgement to the sender" in detail
    assert 'name="_save"' not in detail  # nothing to save: the message is what was sent


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_counts_delivery_in_one_query_whatever_its_length(
    client, secretary, count, django_assert_num_queries
):
    for n in range(count):
        message(n)
    client.force_login(secretary)
    client.get(LIST)  # warms the session and the content types
    # Session, user, two counts, the page of messages, their delivery (one query), the footer's
    # record, and the date hierarchy's two.
    with django_assert_num_queries(9):
        response = client.get(LIST)
    assert response.status_code == 200


def test_the_secretary_marks_messages_handled_once(client, secretary):
    first, second = message(1), message(2)
    client.force_login(secretary)
    response = client.post(
        LIST,
        {"action": "mark_handled", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )
    assert "2 messages marked handled." in response.content.decode()
    first.refresh_from_db()
    assert first.handled_by == secretary and first.handled_at is not None
    handled_at = first.handled_at

    other = SecretaryFactory(email="deputy@imatra.fi", is_superuser=True)
    client.force_login(other)
    response = client.post(
        LIST, {"action": "mark_handled", "_selected_action": [first.pk]}, follow=True
    )
    assert "0 messages marked handled." in response.content.decode()
    first.refresh_from_db()
    assert (first.handled_by, first.handled_at) == (secretary, handled_at)
    page = client.get(f"{LIST}?handled_at__isnull=True").content.decode()
    assert "Question 1" not in page


def test_messages_cannot_be_added_or_edited_in_the_admin(client, secretary):
    kept = message()
    client.force_login(secretary)
    assert client.get(f"{LIST}add/").status_code == 403
    client.post(f"{LIST}{kept.pk}/change/", {"subject": "Changed"})
    kept.refresh_from_db()
    assert kept.subject == "Question 0"


def test_city_staff_do_not_see_messages(client, db):
    message()
    client.force_login(UserFactory(is_staff=False))
    assert client.get(LIST).status_code == 302


# The acceptance, with the real parts: PostgreSQL, Redis, a Celery worker, an SMTP server.


def delivered(worker, count: int) -> dict:
    """What the worker's SMTP server received, by recipient, once `count` messages arrived."""
    wait_for(lambda: len(worker.inbox.messages) >= count, timeout=30)
    return {message["To"]: message for message in worker.inbox.messages}


def text_of(message) -> str:
    return message.get_payload(0).get_payload(decode=True).decode()


def test_the_record_address_then_a_secretary_receives_messages_the_admin_lists_them(
    client, network, mail_worker
):
    """The acceptance with the real parts (PostgreSQL, Redis, a worker, an SMTP server)."""
    # No secretary account: the secretariat's address in the association's record receives it.
    assert Association.objects.get().email == RECORD_ADDRESS
    assert client.post("/contact/", FORM).status_code == 302
    kept = ContactMessage.objects.get()
    mail = delivered(mail_worker, 2)
    assert set(mail) == {RECORD_ADDRESS, "liisa@example.fi"}
    assert "Study visit to Tornio" in mail[RECORD_ADDRESS]["Subject"]
    assert "group of 12" in text_of(mail[RECORD_ADDRESS])
    assert mail[RECORD_ADDRESS]["Reply-To"] == "liisa@example.fi"
    assert "group of 12" not in text_of(mail["liisa@example.fi"])
    assert wait_for(
        lambda: Notification.objects.filter(kind=Kind.CONTACT, status=Status.SENT).count() == 2
    )
    secretary = SecretaryFactory(email="secretary@imatra.fi", is_superuser=True)
    client.force_login(secretary)
    page = client.get(LIST).content.decode()
    assert "Study visit to Tornio" in page
    assert f"{LIST}{kept.pk}/change/" in page
    assert "2 sent · 0 pending · 0 failed" in page

    # Now there is a secretary: that person receives it, the record's address no longer does.
    client.logout()
    mail_worker.inbox.messages.clear()
    assert client.post("/contact/", {**FORM, "subject": "Second question"}).status_code == 302
    mail = delivered(mail_worker, 2)
    assert set(mail) == {"secretary@imatra.fi", "liisa@example.fi"}
    assert "Second question" in mail["secretary@imatra.fi"]["Subject"]
    assert ContactMessage.objects.count() == 2
