"""People find their pages in Chromium: staff reach their twin's edit form in one click from the
header and from their twin's page; the secretary reaches the admin from the header."""

import pytest
from allauth.account.models import EmailAddress

from members.models import City
from tests.factories import PASSWORD, SecretaryFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, email: str) -> None:
    page.goto(page.base + "/")
    page.get_by_role("banner").get_by_role("link", name="Sign in").click()
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.fixture
def staff(network):
    # She reads English (Tornio's default is Finnish, /fi/my/): the pages checked are the source.
    user = UserFactory(email="liisa@tornio.fi", city=City.objects.get(slug="tornio"), language="en")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def test_staff_land_on_their_city_and_reach_the_edit_form_in_one_click(watched_page, staff):
    page = watched_page
    sign_in(page, staff.email)
    page.wait_for_url("**/my/")
    assert page.locator("h1").inner_text() == "You keep Tornio current"
    header = page.get_by_role("banner")
    assert header.get_by_role("link", name="Your city").get_attribute("href") == "/my/"
    assert header.get_by_text("Sign up").count() == 0

    # From any page, one click on the header opens the twin's edit form.
    page.goto(page.base + "/about/")
    header.get_by_role("link", name="Edit your twin").click()
    page.wait_for_url("**/my/twins/tornio-haparanda/")
    assert page.locator("h1").inner_text() == "Edit Tornio – Haparanda"

    # From the twin's public page, one click too.
    page.goto(page.base + "/twins/tornio-haparanda/")
    page.get_by_role("main").get_by_role("link", name="Edit this twin").click()
    page.wait_for_url("**/my/twins/tornio-haparanda/")
    assert page.locator("h1").inner_text() == "Edit Tornio – Haparanda"

    # Another twin's page offers no edit link.
    page.goto(page.base + "/twins/narva-ivangorod/")
    assert page.get_by_role("link", name="Edit this twin").count() == 0
    assert page.console_errors == []


def test_a_safe_next_still_wins_over_the_landing_page(watched_page, staff):
    page = watched_page
    page.goto(page.base + "/accounts/login/?next=/sectors/")
    page.get_by_label("Email address").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/sectors/")


def test_the_secretary_reaches_the_admin_from_the_header(watched_page, network):
    secretary = SecretaryFactory(email="secretary@imatra.fi", is_superuser=True)
    EmailAddress.objects.create(user=secretary, email=secretary.email, primary=True, verified=True)
    page = watched_page
    sign_in(page, secretary.email)
    page.wait_for_url("**/admin/")
    page.goto(page.base + "/twins/")
    page.get_by_role("banner").get_by_role("link", name="Admin").click()
    page.wait_for_url("**/admin/")
    assert "Secretariat" in page.locator("h1").inner_text()
