"""A sign-in lasts 12 hours, or 30 minutes without a request, unless "Remember me" was ticked:
then 14 days. Tested with the sessions' clock moved forward."""

import pytest
from allauth.account.models import EmailAddress

from citytwins import sessions
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

MINUTE, HOUR, DAY = 60, 60 * 60, 24 * 60 * 60


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    def forward(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(sessions, "clock", clock)
    return clock


@pytest.fixture
def staff():
    user = UserFactory(email="staff@tornio.fi")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def sign_in(client, user, *, remember: bool):
    data = {"login": user.email, "password": PASSWORD}
    if remember:
        data["remember"] = "on"
    response = client.post("/accounts/login/", data)
    assert response.status_code == 302
    return response


def signed_in(client) -> bool:
    return client.get("/my/").status_code == 200


def test_thirty_minutes_without_a_request_end_the_session(client, clock, staff):
    sign_in(client, staff, remember=False)
    clock.forward(29 * MINUTE)
    assert signed_in(client)
    clock.forward(29 * MINUTE)  # activity moved the idle limit along
    assert signed_in(client)
    clock.forward(30 * MINUTE + 1)
    response = client.get("/my/", follow=True)
    assert response.redirect_chain[0][0].startswith("/accounts/login/")
    assert "signed out after 30 minutes without activity" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_session_ends_twelve_hours_after_signing_in_however_busy(client, clock, staff):
    sign_in(client, staff, remember=False)
    for _ in range(12 * 3):
        clock.forward(20 * MINUTE)
        assert signed_in(client)
    clock.forward(1)
    assert not signed_in(client)


def test_remember_me_keeps_an_idle_session_for_at_most_fourteen_days(client, clock, staff):
    response = sign_in(client, staff, remember=True)
    cookie = response.cookies["sessionid"]
    assert int(cookie["max-age"]) == 14 * DAY
    clock.forward(3 * DAY)
    assert signed_in(client)
    clock.forward(11 * DAY - 1)
    assert signed_in(client)
    clock.forward(2)
    assert not signed_in(client)


def test_without_remember_me_the_cookie_ends_with_the_browser(client, clock, staff):
    response = sign_in(client, staff, remember=False)
    cookie = response.cookies["sessionid"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""


def test_an_invited_person_signed_in_by_the_invitation_has_the_short_session(client, clock):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("new@valga.ee", PASSWORD)
    client.force_login(user)
    assert signed_in(client)
    clock.forward(31 * MINUTE)
    assert not signed_in(client)
