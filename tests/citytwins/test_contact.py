import pytest
from django.utils import timezone

from citytwins import ratelimits
from citytwins.models import ContactMessage, Kind, Notification
from tests.factories import SecretaryFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/contact/"
VALID = {
    "name": "Liisa Virtanen",
    "email": "liisa@example.fi",
    "subject": "Study visit to Tornio",
    "message": "We would like to visit Tornio – Haparanda with a group of 12.\nIs May possible?",
}


@pytest.fixture
def secretaries():
    return [
        SecretaryFactory(email="secretary@imatra.fi"),
        SecretaryFactory(email="deputy@imatra.fi"),
    ]


def post(client, data, **extra):
    return client.post(URL, data, **extra)


def test_the_form_is_public_and_linked_from_every_page(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert b'name="message"' in response.content
    assert b'href="/contact/"' in client.get("/").content


def test_a_message_is_kept_reaches_each_secretary_and_the_sender_is_told_it_arrived(
    client, secretaries, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="staff@narva.ee")  # not the secretary: gets nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, VALID)
    assert response.status_code == 302
    assert response["Location"] == "/contact/sent/"
    page = client.get(response["Location"])
    assert "your message is on its way" in page.content.decode()

    kept = ContactMessage.objects.get()
    assert (kept.name, kept.email, kept.subject, kept.message) == (
        VALID["name"],
        VALID["email"],
        VALID["subject"],
        VALID["message"],
    )
    assert kept.handled_at is None
    rows = Notification.objects.filter(kind=Kind.CONTACT)
    assert sorted(rows.values_list("address", flat=True)) == [
        "deputy@imatra.fi",
        "liisa@example.fi",
        "secretary@imatra.fi",
    ]
    assert all(row.key.startswith(kept.delivery_key) for row in rows)
    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {"secretary@imatra.fi", "deputy@imatra.fi", "liisa@example.fi"}
    to_secretary = by_address["secretary@imatra.fi"]
    assert to_secretary.extra_headers.get("Reply-To") == "liisa@example.fi"
    assert "Study visit to Tornio" in to_secretary.subject
    assert "Is May possible?" in to_secretary.body
    assert f"/admin/citytwins/contactmessage/{kept.pk}/change/" in to_secretary.body

    acknowledgement = by_address["liisa@example.fi"]
    assert acknowledgement.subject == "[City Twins] We received your message"
    assert "We received your message about “Study visit to Tornio”" in acknowledgement.body
    assert "Is May possible?" not in acknowledgement.body
    assert "Is May possible?" not in acknowledgement.alternatives[0].content


def test_the_acknowledgement_repeats_only_a_shortened_subject(
    client, secretaries, mailoutbox, django_capture_on_commit_callbacks
):
    """A stranger's text is not relayed: no name, no message, at most 80 characters of subject."""
    subject = "Buy cheap watches at spam.example " + "x" * 100 + " TAIL"
    name = "Visit spam.example today"
    with django_capture_on_commit_callbacks(execute=True):
        post(client, {**VALID, "subject": subject, "name": name, "message": "Spam spam spam."})
    acknowledgement = next(m for m in mailoutbox if m.to == ["liisa@example.fi"])
    for body in (acknowledgement.body, acknowledgement.alternatives[0].content):
        assert subject[:79] in body
        assert "TAIL" not in body
        assert name not in body
        assert "Spam spam spam." not in body
    assert "spam.example" not in acknowledgement.subject
    # The secretariat still gets all of it.
    to_secretary = next(m for m in mailoutbox if m.to == ["secretary@imatra.fi"])
    assert "TAIL" in to_secretary.subject
    assert name in to_secretary.body
    assert "Spam spam spam." in to_secretary.body


def test_the_acknowledgement_says_when_the_message_arrived_in_the_portals_time(
    client, secretaries, settings
):
    post(client, VALID)
    kept = ContactMessage.objects.get()
    row = Notification.objects.get(address="liisa@example.fi")
    local = timezone.localtime(kept.received_at)
    assert f"{local:%H:%M}" in row.text
    assert local.tzname() in row.text  # EET or EEST


def test_a_double_submission_of_one_form_keeps_one_message_and_sends_once(client, secretaries):
    page = client.get(URL)
    submission = page.context["form"]["submission"].value()
    data = {**VALID, "submission": str(submission)}
    assert post(client, data).status_code == 302
    assert post(client, data).status_code == 302
    assert ContactMessage.objects.get().submission == submission
    assert Notification.objects.filter(kind=Kind.CONTACT).count() == 3


def test_a_message_is_html_escaped_in_the_html_email(client, secretaries):
    post(client, {**VALID, "message": "<script>alert(1)</script> & <b>bold</b>"})
    row = Notification.objects.get(address="secretary@imatra.fi")
    assert "<script>" not in row.html
    assert "&lt;script&gt;" in row.html
    assert "<script>alert(1)</script> & <b>bold</b>" in row.text  # plain text stays as typed


def test_a_robot_filling_the_honeypot_gets_the_same_thanks_and_nothing_is_sent(
    client, secretaries, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, {**VALID, "website": "http://spam.example"})
    assert response.status_code == 302
    assert response["Location"] == "/contact/sent/"
    assert Notification.objects.count() == 0
    assert ContactMessage.objects.count() == 0
    assert mailoutbox == []


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client):
    content = client.get(URL).content.decode()
    hidden_block = content.split("<div hidden>")[1].split("</div>")[0]
    assert 'name="website"' in hidden_block
    assert 'tabindex="-1"' in hidden_block


BAD = {
    "empty": {},
    "all blank": {"name": " ", "email": "", "subject": "", "message": "  "},
    "oversized message": {**VALID, "message": "x" * 100_000},
    "oversized everything": {key: "é" * 100_000 for key in VALID},
    "bad email": {**VALID, "email": "not-an-address"},
    "header injection in email": {**VALID, "email": "a@example.org\nBcc: victim@example.org"},
    "line break in subject": {**VALID, "subject": "Hello\r\nBcc: victim@example.org"},
    "NUL bytes": {**VALID, "name": "Li\x00isa", "message": "Hello\x00"},
    "NUL in email": {**VALID, "email": "liisa\x00@example.fi"},
    "missing fields": {"name": "Liisa"},
    "lists instead of values": {**VALID, "email": ["a@example.org", "not an address"]},
}


@pytest.mark.parametrize("data", BAD.values(), ids=BAD.keys())
def test_bad_input_shows_form_errors_never_a_500(client, secretaries, data):
    response = post(client, data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert b"Please correct the following" in response.content
    assert b'aria-invalid="true"' in response.content
    assert Notification.objects.count() == 0
    assert ContactMessage.objects.count() == 0


def test_an_oversized_message_says_how_long_it_may_be(client):
    response = post(client, {**VALID, "message": "x" * 100_000})
    assert "at most 5000 characters" in str(response.context["form"].errors["message"])


def test_errors_are_summarised_with_links_to_their_fields(client):
    response = post(client, {**VALID, "email": "nope"})
    content = response.content.decode()
    assert 'href="#id_email"' in content
    assert 'aria-describedby="id_email_helptext id_email_error"' in content
    assert response.context["form"]["message"].value() == VALID["message"]  # nothing lost


def test_a_non_form_body_is_a_form_error(client):
    response = client.post(URL, b"\x00\xff\xfe garbage", content_type="application/octet-stream")
    assert response.status_code == 200
    assert response.context["form"].errors


def test_the_rate_limit_stops_one_address_after_a_few_messages(client, secretaries):
    for n in range(ratelimits.SENDER_LIMIT):
        response = post(client, {**VALID, "subject": f"Message {n}"})
        assert response.status_code == 302
    response = post(client, {**VALID, "subject": "One too many"})
    assert response.status_code == 429
    assert "sent several messages in a short time" in response.content.decode()
    assert not Notification.objects.filter(subject__contains="One too many").exists()
    # Another sender (from another network address) is not held up.
    response = post(client, {**VALID, "email": "other@example.se"}, REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302


def test_the_rate_limit_stops_one_network_address(client, secretaries, monkeypatch):
    monkeypatch.setattr(ratelimits, "NETWORK_LIMIT", 2)
    for n in range(2):
        assert post(client, {**VALID, "email": f"person{n}@example.fi"}).status_code == 302
    response = post(client, {**VALID, "email": "person9@example.fi"})
    assert response.status_code == 429
