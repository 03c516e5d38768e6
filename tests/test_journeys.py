"""The three journeys of issue 14, end to end in Chromium: the public, invited city staff and the
secretary, each at a desktop and a phone size, in each language tried. axe runs on every page
reached (no serious or critical violation) and every step leaves a screenshot in the test's tmp
folder. Selectors are addresses, field names and ids, never English words, so the same journey
runs in another language."""

import re
import urllib.parse

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone, translation

from citytwins.languages import url_in_language
from citytwins.models import ContactMessage, Notification, Status
from events.models import Event, Registration, RegistrationStatus
from members.models import ApplicationStatus, City, CityTwin, MembershipApplication, User
from members.roles import secretariat_group_sync
from members.services.invitations import invitation_send
from tests.conftest import axe_serious_violations
from tests.factories import (
    PASSWORD,
    EventFactory,
    PracticeFactory,
    ProjectFactory,
    SecretaryFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# English and one other language (Polish: three plural forms, an exonym for Frankfurt (Oder)).
LANGUAGES_TRIED = ["en", "pl"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 812}}


# The admin keeps one address in every language (it speaks the signed-in person's language).
UNPREFIXED = ("/admin/",)


def url(lang: str, path: str) -> str:
    """The address of `path` in `lang`: English keeps today's addresses, others get a prefix."""
    if lang == "en" or path.startswith((f"/{lang}/", *UNPREFIXED)):
        return path
    return f"/{lang}{path}"


def speaking(lang: str) -> dict:
    """A person's fields for reading the portal in `lang`, once people have a language."""
    fields = {field.name for field in User._meta.get_fields()}
    return {"language": lang} if "language" in fields else {}


class Journey:
    """One person's way through the portal in one browser context: every page reached is
    checked (status, one h1, axe, own host only, no console error) and photographed."""

    def __init__(self, page, base: str, lang: str, folder):
        self.page, self.base, self.lang, self.folder = page, base, lang, folder
        self.steps: list[str] = []
        self.console_errors: list[str] = []
        self.hosts: set[str] = set()
        page.on(
            "console",
            lambda message: message.type == "error" and self.console_errors.append(message.text),
        )
        page.on(
            "request", lambda request: self.hosts.add(urllib.parse.urlsplit(request.url).netloc)
        )

    def check(self, name: str) -> None:
        page = self.page
        page.wait_for_load_state()
        where = f"step {len(self.steps) + 1} ({name}) at {page.url}"
        # At least one: the admin's previews of an email show the email's own heading too.
        assert page.locator("h1").count() >= 1, where
        assert axe_serious_violations(page) == [], where
        assert self.console_errors == [], where
        assert self.hosts == {urllib.parse.urlsplit(self.base).netloc}, where
        self.steps.append(name)
        page.screenshot(path=self.folder / f"{len(self.steps):02d}-{name}.png", full_page=True)

    def goto(self, path: str, name: str):
        response = self.page.goto(self.base + url(self.lang, path))
        assert response.ok, f"{path} answered {response.status}"
        self.check(name)
        return response

    def follow(self, locator, name: str) -> None:
        """Click a link or a button that leads to another page, and check that page."""
        with self.page.expect_navigation() as navigation:
            locator.click()
        assert navigation.value.ok, f"{name}: {navigation.value.status} at {self.page.url}"
        self.check(name)

    def link(self, scope: str, path: str):
        """The link in `scope` whose address ends with `path` (in the journey's language)."""
        return self.page.locator(f'{scope} a[href$="{url(self.lang, path)}"]').first

    def path(self) -> str:
        return urllib.parse.urlsplit(self.page.url).path


@pytest.fixture
def journey(request, browser, live_server, tmp_path):
    """A fresh browser context at the viewport and language the test is parametrised with."""
    lang, size = request.param
    context = browser.new_context(
        viewport=VIEWPORTS[size], locale="en-GB" if lang == "en" else lang
    )
    page = context.new_page()
    folder = tmp_path / f"{lang}-{size}"  # pytest shortens the test's folder name
    folder.mkdir()
    yield Journey(page, live_server.url, lang, folder)
    context.close()


JOURNEY_PARAMS = pytest.mark.parametrize(
    "journey",
    [(lang, size) for lang in LANGUAGES_TRIED for size in VIEWPORTS],
    ids=[f"{lang}-{size}" for lang in LANGUAGES_TRIED for size in VIEWPORTS],
    indirect=True,
)


@pytest.fixture
def tornio_work(network):
    """A project of Tornio and Haparanda, a practice it taught, and a meeting in Tornio."""
    tornio, haparanda = City.objects.get(slug="tornio"), City.objects.get(slug="haparanda")
    project = ProjectFactory(
        slug="shared-swimming-hall",
        title="One swimming hall for two towns",
        lead=tornio,
        partners=[haparanda],
    )
    practice = PracticeFactory(
        slug="one-ticket-two-countries",
        title="One ticket, two countries",
        project=project,
        twins=[tornio.twin],
    )
    event = EventFactory(
        slug="midsummer-meeting-tornio",
        title="Midsummer meeting of the twins",
        host_city=tornio,
        venue="Tornio town hall",
        capacity=20,
    )
    return project, practice, event


@JOURNEY_PARAMS
def test_the_public_reads_the_network_and_writes_to_the_secretariat(journey, tornio_work):
    project, practice, event = tornio_work
    page = journey.page
    journey.goto("/", "home")

    journey.follow(journey.link("header nav", "/twins/"), "directory")
    fold = page.locator("details.filters-fold")
    if not page.locator("#id_country").is_visible():
        fold.locator("summary").click()  # folded on a phone
    page.select_option("#id_country", "FI")
    journey.follow(page.locator("form[role=search] button[type=submit]"), "directory-filtered")
    assert "country=FI" in page.url
    shown = page.locator(".twin-list > li h3 a")
    assert sorted(shown.evaluate_all("links => links.map(a => a.pathname)")) == sorted(
        url(journey.lang, f"/twins/{slug}/") for slug in ("imatra-svetogorsk", "tornio-haparanda")
    )

    journey.follow(journey.link(".twin-list", "/twins/tornio-haparanda/"), "twin")
    journey.follow(journey.link("main", f"/projects/{project.slug}/"), "project")
    assert page.locator("h1").inner_text() == project.title
    journey.follow(journey.link("main", f"/practices/{practice.slug}/"), "practice")
    assert page.locator("h1").inner_text() == practice.title
    journey.follow(journey.link("main", "/twins/tornio-haparanda/"), "twin-again")
    journey.follow(journey.link("main", f"/events/{event.slug}/"), "event")
    assert page.locator("h1").inner_text() == event.title

    # "Add to calendar": the link answers a calendar holding this event.
    ics = page.locator(f'main a[href$="/events/{event.slug}.ics"]')
    assert ics.count() == 1
    calendar = page.request.get(journey.base + ics.get_attribute("href"))
    assert calendar.ok
    assert calendar.headers["content-type"].startswith("text/calendar")
    text = calendar.text()
    assert "BEGIN:VEVENT" in text and f"UID:{event.uid}" in text
    assert event.title in text.replace("\r\n ", "")

    journey.follow(journey.link("footer", "/contact/"), "contact")
    page.fill("[name=name]", "Liisa Virtanen")
    page.fill("[name=email]", "liisa@example.fi")
    page.fill("[name=subject]", "A study visit to Tornio")
    page.fill("[name=message]", "May we see the shared swimming hall in May?")
    journey.follow(page.locator("main form button[type=submit]"), "contact-sent")
    assert journey.path() == url(journey.lang, "/contact/sent/")
    message = ContactMessage.objects.get()
    assert (message.email, message.subject) == ("liisa@example.fi", "A study visit to Tornio")
    assert len(journey.steps) == 10


def invitation_path(address: str) -> str:
    """The path of the link in the invitation email, as the invited person clicks it."""
    text = Notification.objects.get(address=address).text
    path = urllib.parse.urlsplit(re.search(r"https?://\S+/invitations/\S+/", text).group()).path
    # The email links in the invited person's language (their city's); the journey reads its own.
    return url_in_language(path, settings.LANGUAGE_CODE)


@JOURNEY_PARAMS
def test_invited_staff_edit_their_twin_and_register_for_a_meeting(journey, tornio_work):
    *_, event = tornio_work
    page = journey.page
    invitation_send(email="aino@tornio.fi", city=City.objects.get(slug="tornio"))

    journey.goto(invitation_path("aino@tornio.fi"), "invitation")
    page.fill("[name=name]", "Aino Kallio")
    page.fill("[name=password1]", "Midnight-sun-1987")
    page.fill("[name=password2]", "Midnight-sun-1987")
    journey.follow(page.locator("main form button[type=submit]"), "my-home")
    assert journey.path() == url(journey.lang, "/my/")

    journey.follow(journey.link("header", "/my/twins/tornio-haparanda/"), "my-twin")
    summary = "Shops, school and swimming hall shared across the river."
    page.fill("[name=twin-summary]", summary)
    journey.follow(page.locator("main form button[type=submit]").first, "my-twin-saved")
    assert page.locator("[role=status] .message-success").count() == 1
    assert CityTwin.objects.get(slug="tornio-haparanda").summary == summary

    journey.goto("/twins/tornio-haparanda/", "twin-public")
    assert summary in page.locator("main").inner_text()

    journey.follow(journey.link("main", f"/events/{event.slug}/"), "event")
    register = page.locator(f'main form[action$="/events/{event.slug}/register/"] button')
    journey.follow(register, "event-registered")
    registration = Registration.objects.get(event=event, person__email="aino@tornio.fi")
    assert registration.status == RegistrationStatus.CONFIRMED
    # The page says so: a message, and the way to cancel in place of the way to register.
    assert page.locator("[role=status] .message-success").count() == 1
    assert page.locator(f'main form[action$="/events/{event.slug}/cancel-registration/"]').count()
    assert page.locator(f'main form[action$="/events/{event.slug}/register/"]').count() == 0
    assert len(journey.steps) == 7


def select2_choose(page, field_id: str, search: str, choice, lang: str) -> None:
    """Search the admin's autocomplete widget for `field_id` as a person does and choose
    `choice` by the name the admin shows in `lang`; the widget is then named by its label and
    that name."""
    with translation.override(lang):
        shown = str(choice)
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-container--open").get_by_role("option", name=shown, exact=True).click()
    assert page.locator(f"#{field_id}").input_value() == str(choice.pk)
    label = page.locator(f"label[for={field_id}]").inner_text().strip()
    name = re.compile(f"^{re.escape(label)}.*{re.escape(shown)}$")
    assert page.get_by_role("combobox", name=name).count() == 1


@pytest.fixture
def secretariat(network, journey):
    """The secretary, a member city's staff to announce to, and a city that applied to join."""
    secretariat_group_sync()
    secretary = SecretaryFactory(
        email="secretary@imatra.fi", name="Heikki Laine", **speaking(journey.lang)
    )
    EmailAddress.objects.create(user=secretary, email=secretary.email, primary=True, verified=True)
    UserFactory(email="olga@narva.ee", name="Olga", city=City.objects.get(slug="narva"))
    application = MembershipApplication.objects.create(
        city_name="Kirkenes",
        country="NO",
        twin_city_name="Nikel",
        twin_country="RU",
        contact_name="Kari Nordmann",
        contact_email="kari@kirkenes.example.no",
        motivation="We share a border and a river.",
    )
    return secretary, application


@JOURNEY_PARAMS
def test_the_secretary_announces_a_meeting_and_approves_an_application(journey, secretariat):
    secretary, application = secretariat
    page = journey.page
    journey.goto("/accounts/login/", "sign-in")
    page.fill("[name=login]", secretary.email)
    page.fill("[name=password]", PASSWORD)
    journey.follow(page.locator("main form button[type=submit]"), "admin")
    assert journey.path() == url(journey.lang, "/admin/")

    # A meeting, written as a draft.
    journey.follow(journey.link("#content-main", "/admin/events/event/add/"), "event-add")
    day = (timezone.localdate() + timezone.timedelta(days=40)).isoformat()
    page.fill("#id_title", "Autumn meeting on labour mobility")
    page.select_option("#id_kind", "joint_meeting")
    narva = City.objects.get(slug="narva")
    select2_choose(page, "id_host_twin", "Narva", narva.twin, journey.lang)
    select2_choose(page, "id_host_city", "Narva", narva, journey.lang)
    page.fill("#id_starts_at_0", day)
    page.fill("#id_starts_at_1", "10:00")
    page.fill("#id_ends_at_0", day)
    page.fill("#id_ends_at_1", "16:00")
    page.fill("#id_venue", "Peetri plats 5, Narva")
    page.select_option("#id_audience", "public")
    journey.follow(page.locator("[name=_save]"), "events")
    event = Event.objects.get(slug="autumn-meeting-on-labour-mobility")  # the admin made the slug
    assert event.published_at is None and event.host_city.slug == "narva"

    # Announced, after the preview.
    journey.follow(journey.link("#result_list", f"/admin/events/event/{event.pk}/change/"), "event")
    # A row of each inline (documents, decisions, action items), as the secretary adds them.
    for add_row in page.locator(".inline-group .add-row a").all():
        add_row.click()
    assert page.locator("#action_items-group .dynamic-action_items .select2").count() == 1
    journey.check("event-with-new-rows")
    journey.follow(
        journey.link("#content", f"/admin/events/event/{event.pk}/announce/"), "announce"
    )
    journey.follow(page.locator("#content-main form [type=submit].default"), "announced")
    event.refresh_from_db()
    assert event.published_at and event.announced_at

    # Its delivery, in the outbox's list.
    rows = Notification.objects.filter(key__startswith=f"event-announcement:{event.uid}:")
    assert rows.count() == 1 and {row.status for row in rows} == {Status.SENT}
    journey.follow(journey.link(".breadcrumbs", "/admin/"), "admin-again")
    journey.follow(journey.link("#content-main", "/admin/citytwins/notification/"), "outbox")
    page.fill("#searchbar", event.title)
    journey.follow(page.locator("#changelist-search [type=submit]"), "outbox-found")
    journey.follow(page.locator('#changelist-filter a[href*="status__exact=sent"]'), "outbox-sent")
    assert page.locator("#result_list tbody tr").count() == 1
    assert "olga@narva.ee" in page.locator("#result_list").inner_text()

    # An application approved.
    journey.follow(journey.link(".breadcrumbs", "/admin/"), "admin-home")
    journey.follow(
        journey.link("#content-main", "/admin/members/membershipapplication/"), "applications"
    )
    page.check(f"[name=_selected_action][value='{application.pk}']")
    page.select_option("[name=action]", "approve")
    journey.follow(page.locator("#changelist-form [name=index]"), "approved")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.city is not None and application.city.name == "Kirkenes"
    assert page.locator(".messagelist .success").count() == 1
