import datetime
import re

import pytest
from django.utils import timezone

from members.models import City, CityTwin, Contact, SharedService
from members.roles import secretariat_group_sync
from members.services.reminders import profiles_remind_stale
from tests.factories import SecretaryFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(network):
    secretariat_group_sync()
    return SecretaryFactory(email="secretary@imatra.fi")


@pytest.fixture
def tornio_staff(network):
    return UserFactory(email="staff@tornio.fi", name="Liisa", city=City.objects.get(slug="tornio"))


@pytest.fixture
def narva_staff(network):
    return UserFactory(email="staff@narva.ee", name="Olga", city=City.objects.get(slug="narva"))


def twin_post(twin, **changes):
    services = list(twin.services.order_by("position", "name"))
    data = {
        "twin-summary": twin.summary,
        "twin-description": twin.description,
        "twin-website": twin.website,
        "services-TOTAL_FORMS": str(len(services) + 1),
        "services-INITIAL_FORMS": str(len(services)),
        "services-MIN_NUM_FORMS": "0",
        "services-MAX_NUM_FORMS": "1000",
    }
    for index, service in enumerate(services):
        data |= {
            f"services-{index}-id": str(service.pk),
            f"services-{index}-twin": str(twin.pk),
            f"services-{index}-name": service.name,
            f"services-{index}-sector": str(service.sector_id or ""),
            f"services-{index}-since": str(service.since or ""),
            f"services-{index}-description": service.description,
        }
    data |= {
        f"twin-{key}" if not key.startswith("services-") else key: value
        for key, value in changes.items()
    }
    return data


def city_post(city, **changes):
    contacts = list(city.contacts.all())
    data = {
        "city-native_name": city.native_name,
        "city-population": str(city.population or ""),
        "city-website": city.website,
        "city-description": city.description,
        "contacts-TOTAL_FORMS": str(len(contacts) + 1),
        "contacts-INITIAL_FORMS": str(len(contacts)),
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
    }
    for index, contact in enumerate(contacts):
        for field in Contact.DETAILS:
            data[f"contacts-{index}-{field}"] = getattr(contact, field)
        data[f"contacts-{index}-id"] = str(contact.pk)
        data[f"contacts-{index}-city"] = str(city.pk)
    # The empty form a browser sends: its selects keep their preselected choices.
    extra = len(contacts)
    data |= {
        f"contacts-{extra}-visibility": "public",
        f"contacts-{extra}-email_visibility": "members",
        f"contacts-{extra}-phone_visibility": "members",
    }
    data |= {
        f"city-{key}" if not key.startswith("contacts-") else key: value
        for key, value in changes.items()
    }
    return data


def test_anonymous_people_are_sent_to_sign_in(client, network):
    for url in ["/my/", "/my/twins/tornio-haparanda/", "/my/cities/tornio/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_staff_see_their_city_and_twin(client, tornio_staff):
    client.force_login(tornio_staff)
    html = client.get("/my/").content.decode()
    assert "Tornio – Haparanda" in html
    assert "/my/twins/tornio-haparanda/" in html
    assert "/my/cities/tornio/" in html
    assert "/my/cities/haparanda/" not in html


def test_staff_edit_their_twin_and_the_public_page_and_the_secretary_see_it(
    client, tornio_staff, secretary, mailoutbox, django_capture_on_commit_callbacks
):
    twin = CityTwin.objects.get(slug="tornio-haparanda")
    client.force_login(tornio_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/my/twins/tornio-haparanda/",
            twin_post(twin, summary="One town centre, two countries, one bus line."),
        )
    assert response.status_code == 302
    assert (
        "One town centre, two countries" in client.get("/twins/tornio-haparanda/").content.decode()
    )

    notices = [message for message in mailoutbox if message.to == ["secretary@imatra.fi"]]
    assert len(notices) == 1
    assert "summary" in notices[0].body.lower()
    assert "One town centre, two countries, one bus line." in notices[0].body
    assert twin.summary in notices[0].body  # the value before

    latest = CityTwin.history.filter(id=twin.pk).first()
    assert latest.history_user == tornio_staff


def test_staff_of_another_twin_get_404_and_nothing_changes(client, narva_staff):
    twin = CityTwin.objects.get(slug="tornio-haparanda")
    before = CityTwin.objects.filter(pk=twin.pk).values().get()
    client.force_login(narva_staff)
    assert client.get("/my/twins/tornio-haparanda/").status_code == 404
    response = client.post("/my/twins/tornio-haparanda/", twin_post(twin, summary="Taken over"))
    assert response.status_code == 404
    assert client.post("/my/twins/tornio-haparanda/confirm/").status_code == 404
    assert (
        client.post("/my/cities/tornio/", city_post(City.objects.get(slug="tornio"))).status_code
        == 404
    )
    assert CityTwin.objects.filter(pk=twin.pk).values().get() == before


def test_staff_edit_only_their_own_city_of_the_twin(client, tornio_staff):
    client.force_login(tornio_staff)
    assert client.get("/my/cities/tornio/").status_code == 200
    assert client.get("/my/cities/haparanda/").status_code == 404


def test_membership_status_and_twin_cannot_be_changed(client, tornio_staff):
    city = City.objects.get(slug="tornio")
    client.force_login(tornio_staff)
    data = city_post(city, population="22000")
    data |= {"city-status": "former", "city-twin": "999", "city-country": "RU", "city-name": "X"}
    assert client.post("/my/cities/tornio/", data).status_code == 302
    city.refresh_from_db()
    assert city.population == 22000
    assert (city.status, city.twin.slug, city.country.code, city.name) == (
        "member",
        "tornio-haparanda",
        "FI",
        "Tornio",
    )


def test_staff_add_edit_and_remove_services(client, tornio_staff):
    twin = CityTwin.objects.get(slug="tornio-haparanda")
    client.force_login(tornio_staff)
    count = twin.services.count()
    data = twin_post(twin)
    data |= {f"services-{count}-name": "Shared ice hall", f"services-{count}-since": "2010"}
    data["services-0-DELETE"] = "on"
    assert client.post("/my/twins/tornio-haparanda/", data).status_code == 302
    names = set(twin.services.values_list("name", flat=True))
    assert "Shared ice hall" in names
    assert "Provincia Bothniensis" not in names
    assert len(names) == count


def test_contacts_with_visibility_per_field(client, tornio_staff):
    city = City.objects.get(slug="tornio")
    client.force_login(tornio_staff)
    data = city_post(city)
    data |= {
        "contacts-0-name": "Pekka Niemi",
        "contacts-0-role": "Mayor's office",
        "contacts-0-visibility": "public",
        "contacts-0-email": "pekka.niemi@tornio.fi",
        "contacts-0-email_visibility": "public",
        "contacts-0-phone": "+358 40 000 0000",
        "contacts-0-phone_visibility": "hidden",
    }
    assert client.post("/my/cities/tornio/", data).status_code == 302
    contact = Contact.objects.get(city=city)
    assert contact.phone_visibility == "hidden"
    client.logout()
    html = client.get("/twins/tornio-haparanda/").content.decode()
    assert "pekka.niemi@tornio.fi" in html
    assert "+358 40 000 0000" not in html


def test_confirming_the_profile_is_shown_publicly(client, tornio_staff):
    client.force_login(tornio_staff)
    assert client.post("/my/twins/tornio-haparanda/confirm/").status_code == 302
    twin = CityTwin.objects.get(slug="tornio-haparanda")
    assert twin.checked_at is not None
    assert f"{twin.checked_at:%Y}" in client.get("/twins/tornio-haparanda/").content.decode()
    public = client.get("/twins/tornio-haparanda/").content.decode()
    assert "checked on" in public.lower()
    assert "Last updated" not in public  # a confirmation is not a change


def test_bad_input_is_a_form_error_never_a_500(client, tornio_staff):
    twin = CityTwin.objects.get(slug="tornio-haparanda")
    client.force_login(tornio_staff)
    for changes in [
        {"summary": "x" * 100_000},
        {"website": "javascript:alert(1)"},
        {"services-0-since": "not a year"},
        {"services-TOTAL_FORMS": "nonsense"},
    ]:
        response = client.post("/my/twins/tornio-haparanda/", twin_post(twin, **changes))
        assert response.status_code in (200, 400), changes
    assert CityTwin.objects.get(pk=twin.pk).summary == twin.summary


def test_stale_profiles_remind_their_staff_once_per_period(
    tornio_staff, mailoutbox, django_capture_on_commit_callbacks
):
    later = timezone.now() + datetime.timedelta(days=200)
    with django_capture_on_commit_callbacks(execute=True):
        assert profiles_remind_stale(now=later) == 7
        assert profiles_remind_stale(now=later) == 0
    assert [message.to for message in mailoutbox] == [["staff@tornio.fi"]]
    assert "/my/twins/tornio-haparanda/" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("url", "queries"),
    # /my/ reads the twin's services and the city's contacts to say what the profile lacks (two
    # queries), lists the person's meetings and action items (events: two more), and the projects
    # and practices the twin proposed (two more).
    [("/my/", 10), ("/my/twins/tornio-haparanda/", 7), ("/my/cities/tornio/", 5)],
)
def test_my_pages_run_a_fixed_number_of_queries(
    client, tornio_staff, django_assert_num_queries, url, queries
):
    client.force_login(tornio_staff)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    SharedService.objects.bulk_create(
        SharedService(twin=tornio_staff.city.twin, name=f"Service {n}") for n in range(30)
    )
    Contact.objects.bulk_create(
        Contact(city=tornio_staff.city, name=f"Person {n}") for n in range(30)
    )
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def uploaded(name: str, content: bytes, content_type: str = "image/jpeg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


def test_an_image_is_stored_reencoded_under_a_random_name(client, tornio_staff, media_root):
    from tests.members.test_images import picture

    twin = CityTwin.objects.get(slug="tornio-haparanda")
    client.force_login(tornio_staff)
    data = twin_post(twin)
    data["twin-image"] = uploaded("../../etc/town hall.png", picture("PNG"), "image/png")
    assert client.post("/my/twins/tornio-haparanda/", data).status_code == 302
    twin.refresh_from_db()
    assert twin.image.name.startswith("twins/")
    assert twin.image.name.endswith(".png")
    assert "town" not in twin.image.name
    assert (media_root / twin.image.name).exists()
    assert twin.image.url in client.get("/twins/tornio-haparanda/").content.decode()


def refused_uploads():
    from tests.members.test_images import REFUSED, SVG, picture

    yield "php.jpg", REFUSED["php renamed .jpg"]
    yield "page.jpg", REFUSED["html renamed .jpg"]
    yield "drawing.jpg", SVG
    yield "drawing.svg", SVG
    yield "truncated.jpg", REFUSED["truncated jpeg"]
    yield "big.png", picture("PNG", size=(1500, 1500)) + b"\0" * (6 * 1024 * 1024)
    yield "bomb.png", picture("PNG", size=(14000, 14000), mode="1")


@pytest.mark.parametrize(("name", "content"), list(refused_uploads()), ids=lambda v: str(v)[:12])
def test_anything_but_a_real_image_is_a_form_error(client, tornio_staff, media_root, name, content):
    twin = CityTwin.objects.get(slug="tornio-haparanda")
    client.force_login(tornio_staff)
    data = twin_post(twin)
    data["twin-image"] = uploaded(name, content)
    response = client.post("/my/twins/tornio-haparanda/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["image"]
    twin.refresh_from_db()
    assert not twin.image
    assert list(media_root.iterdir()) == []


def test_staff_change_their_name(client, tornio_staff):
    client.force_login(tornio_staff)
    assert client.get("/my/account/").status_code == 200
    assert client.post("/my/account/", {"name": "Liisa Virtanen"}).status_code == 302
    tornio_staff.refresh_from_db()
    assert tornio_staff.name == "Liisa Virtanen"
    assert client.post("/my/account/", {"name": "x" * 500}).status_code == 200


# Forms that help


def test_the_twin_form_helps_with_its_summary_description_and_rows(client, tornio_staff):
    client.force_login(tornio_staff)
    content = client.get("/my/twins/tornio-haparanda/").content.decode()
    summary = re.search(r"<textarea [^>]*id=\"id_twin-summary\"[^>]*>", content).group(0)
    assert 'maxlength="300"' in summary and 'aria-describedby="id_twin-summary_helptext"' in summary
    assert "At most 300 characters" in content
    # The description's help: three examples, named by the field.
    description = re.search(r"<textarea [^>]*id=\"id_twin-description\"[^>]*>", content).group(0)
    assert 'aria-describedby="id_twin-description_helptext"' in description
    help_block = content.split('id="id_twin-description_helptext">')[1].split("</div>")[0]
    assert help_block.count("<li><code>") == 3
    assert "<code>**shared school**</code>" in help_block
    # Save at the top and at the bottom of the long form.
    form = content.split('<form method="post" enctype')[1].split("</form>")[0]
    assert form.count('<button type="submit">Save</button>') == 2
    assert form.index("Save") < form.index("Shared profile")
    # Only saved services can be removed, and the box says so.
    saved = SharedService.objects.filter(twin=tornio_staff.city.twin).count()
    assert form.count(">Remove this service</label>") == saved == 4
    assert f'name="services-{saved}-DELETE"' not in form
    assert "Delete" not in form


def test_a_saved_description_is_previewed_as_the_public_page_shows_it(client, tornio_staff):
    client.force_login(tornio_staff)
    twin = tornio_staff.city.twin
    content = client.get("/my/twins/tornio-haparanda/").content.decode()
    assert "as the public page shows it" not in content  # nothing saved yet
    data = twin_post(twin, description="We share a **school**.\n\n- a library\n- a pool")
    assert client.post("/my/twins/tornio-haparanda/", data).status_code == 302
    content = client.get("/my/twins/tornio-haparanda/").content.decode()
    preview = content.split("as the public page shows it</h2>")[1].split("</section>")[0]
    assert "<strong>school</strong>" in preview and "<li>a pool</li>" in preview
    # What was typed but refused is not previewed as if saved.
    refused = twin_post(twin, description="Not saved", **{"services-0-since": "not a year"})
    content = client.post("/my/twins/tornio-haparanda/", refused).content.decode()
    assert "<strong>school</strong>" in content.split("as the public page shows it")[1]


def test_the_city_form_offers_removal_of_saved_contacts_only(client, tornio_staff):
    Contact.objects.create(city=tornio_staff.city, name="Aino")
    client.force_login(tornio_staff)
    content = client.get("/my/cities/tornio/").content.decode()
    assert content.count(">Remove this contact</label>") == 1
    assert 'name="contacts-1-DELETE"' not in content
    assert content.count('<button type="submit">Save</button>') == 2
