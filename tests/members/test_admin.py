import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import Association, City, CityTwin, Sector, SharedService
from members.roles import secretariat_group_sync
from members.services.record import network_load
from tests.factories import ContactFactory, UserFactory, twins_create
from tests.members.admin_pages import ADMIN, changelist, form_data

pytestmark = pytest.mark.django_db


# Locked: the changelists' queries do not depend on how many twins there are (see the test).
# Twins and cities show "N results" without a second count of the whole table (at scale).
CHANGELIST_QUERIES = {"citytwin": 11, "city": 9, "contact": 10, "sharedservice": 9}


def test_the_admin_is_titled_for_the_association(secretary_client):
    page = secretary_client.get("/admin/").content.decode()
    assert "City Twins Association" in page
    assert "Secretariat" in page


def test_the_secretary_opens_every_list_and_page(secretary_client, contacts):
    service = SharedService.objects.first()
    pages = {
        "citytwin": CityTwin.objects.get(slug="tornio-haparanda").pk,
        "city": City.objects.get(slug="cesky-tesin").pk,
        "contact": contacts[0].pk,
        "sharedservice": service.pk,
        "sector": Sector.objects.first().pk,
        "association": Association.objects.get().pk,
    }
    for model, pk in pages.items():
        assert secretary_client.get(f"{ADMIN}/{model}/").status_code == 200, model
        assert secretary_client.get(f"{ADMIN}/{model}/{pk}/change/").status_code == 200, model
        assert secretary_client.get(f"{ADMIN}/{model}/{pk}/history/").status_code == 200, model
    for model in ["citytwin", "city", "contact", "sharedservice", "sector"]:
        assert secretary_client.get(f"{ADMIN}/{model}/add/").status_code == 200, model
    for model in ["city", "contact"]:
        assert secretary_client.get(f"{ADMIN}/{model}/import/").status_code == 200, model
        assert secretary_client.get(f"{ADMIN}/{model}/export/").status_code == 200, model


def test_the_twin_list_answers_the_secretarys_questions(secretary_client, network):
    page = secretary_client.get(f"{ADMIN}/citytwin/").content.decode()
    assert "Frankfurt (Oder)</a> (DE, member) · " in page
    assert "Słubice</a> (PL, cooperating partner)" in page
    assert "Český Těšín</a> (CZ, prospective member)" in page
    assert "EU external border" in page
    assert "EU internal border" in page


def test_the_twin_page_shows_both_cities_and_the_services(secretary_client, network):
    twin = CityTwin.objects.get(slug="tornio-haparanda")
    page = secretary_client.get(f"{ADMIN}/citytwin/{twin.pk}/change/").content.decode()
    assert 'value="Tornio"' in page
    assert 'value="Haparanda"' in page
    for service in twin.services.all():
        assert service.name in page
    assert "breaks every link" in page  # the slug is a public address


def test_the_secretary_adds_a_city_and_the_history_says_who(secretary_client, secretary, network):
    twin = CityTwin.objects.get(slug="valka-valga")
    response = secretary_client.post(
        f"{ADMIN}/city/add/",
        {
            "twin": twin.pk,
            "name_en": "Valga Parish",
            "native_name": "Valga vald",
            "slug": "valga-parish",
            "position": "2",
            "status": "prospective",
            "country": "EE",
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "0",
            "contacts-0-name": "Mari Tamm",
            "contacts-0-visibility": "public",
            "contacts-0-email_visibility": "members",
            "contacts-0-phone_visibility": "hidden",
            "contacts-0-position": "0",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    city = City.objects.get(slug="valga-parish")
    assert city.twin == twin
    assert city.contacts.get().name == "Mari Tamm"
    assert city.history.get().history_user == secretary
    assert city.contacts.get().history.get().history_user == secretary


def test_the_history_shows_who_changed_what_and_a_revert_restores_it(
    secretary_client, secretary, network
):
    city = City.objects.get(slug="cesky-tesin")
    url = f"{ADMIN}/city/{city.pk}/change/"
    data = form_data(secretary_client.get(url))
    data.update(status="member", status_since="2026-03-01", status_note="Joined in March.")
    assert secretary_client.post(url, data).status_code == 302
    city.refresh_from_db()
    assert city.status == "member"

    page = secretary_client.get(f"{ADMIN}/city/{city.pk}/history/").content.decode()
    assert "Heikki Secretary" in page or secretary.email in page
    assert "Joined in March." in page  # the change itself, not only that there was one
    assert "membership status" in page.lower()

    before = city.history.order_by("history_date")[0]
    assert before.status == "prospective"
    revert_url = f"{ADMIN}/city/{city.pk}/history/{before.history_id}/"
    response = secretary_client.get(revert_url)
    assert response.status_code == 200
    assert secretary_client.post(revert_url, form_data(response)).status_code == 302
    city.refresh_from_db()
    assert city.status == "prospective"
    assert city.status_note == before.status_note
    latest = city.history.first()
    assert latest.history_user == secretary
    assert latest.status == "prospective"


def test_an_admin_edit_survives_the_next_load_network(secretary_client, network):
    city = City.objects.get(slug="slubice")
    url = f"{ADMIN}/city/{city.pk}/change/"
    data = form_data(secretary_client.get(url))
    data["status_note"] = "Now a member since the law changed."
    data["status"] = "member"
    assert secretary_client.post(url, data).status_code == 302
    network_load()
    city.refresh_from_db()
    assert city.status == "member"
    assert city.status_note == "Now a member since the law changed."


def slugs(twins) -> set[str]:
    return {twin.slug for twin in twins}


def test_twin_filters(secretary_client, network):
    assert slugs(changelist(secretary_client, "citytwin", "?border=external")) == {
        "imatra-svetogorsk",
        "narva-ivangorod",
    }
    assert len(changelist(secretary_client, "citytwin", "?border=internal")) == 5
    assert slugs(changelist(secretary_client, "citytwin", "?status=prospective")) == {
        "cieszyn-cesky-tesin"
    }
    assert slugs(changelist(secretary_client, "citytwin", "?country=PL")) == {
        "frankfurt-oder-slubice",
        "gorlitz-zgorzelec",
        "cieszyn-cesky-tesin",
    }
    assert slugs(changelist(secretary_client, "citytwin", "?country=PL&status=prospective")) == {
        "cieszyn-cesky-tesin"
    }
    # A value no one offers leaves the list whole rather than failing.
    assert len(changelist(secretary_client, "citytwin", "?border=sideways")) == 7


def test_city_filters(secretary_client, network):
    partners = changelist(secretary_client, "city", "?status__exact=partner")
    assert {city.slug for city in partners} == {"slubice", "zgorzelec", "cieszyn"}
    russian = changelist(secretary_client, "city", "?country=RU")
    assert {city.slug for city in russian} == {"svetogorsk", "ivangorod"}
    twin = CityTwin.objects.get(slug="valka-valga")
    in_twin = changelist(secretary_client, "city", f"?twin__id__exact={twin.pk}")
    assert {city.slug for city in in_twin} == {"valka", "valga"}


@pytest.mark.parametrize("term", ["tesin", "Těšín", "TĚŠÍN", "Český", "cieszyn"])
def test_search_ignores_case_and_accents(secretary_client, network, term):
    assert slugs(changelist(secretary_client, "citytwin", f"?q={term}")) == {"cieszyn-cesky-tesin"}


def test_city_search_finds_native_names(secretary_client, network):
    found = changelist(secretary_client, "city", "?q=Светогорск")
    assert [city.slug for city in found] == ["svetogorsk"]
    found = changelist(secretary_client, "city", "?q=cesky tesin")
    assert {city.slug for city in found} == {"cesky-tesin", "cieszyn"}  # and by its twin's name
    found = changelist(secretary_client, "city", "?q=slubice")
    assert {city.slug for city in found} == {"slubice", "frankfurt-oder"}


@pytest.mark.parametrize("model", sorted(CHANGELIST_QUERIES))
def test_changelist_queries_do_not_grow_with_the_network(
    secretary_client, network, model, django_assert_num_queries
):
    url = f"{ADMIN}/{model}/"
    ContactFactory(city=City.objects.get(slug="tornio"))

    def measure() -> int:
        secretary_client.get(url)  # warm the session and the content-type cache
        with CaptureQueriesContext(connection) as queries:
            assert secretary_client.get(url).status_code == 200
        return len(queries)

    small = measure()
    twins_create(300)
    large = measure()
    assert small == large, f"{model}: {small} queries at 7 twins, {large} at 307"
    with django_assert_num_queries(CHANGELIST_QUERIES[model]):
        response = secretary_client.get(url)
    assert len(response.context["cl"].result_list) == 100  # a full page at 307 twins


def test_staff_outside_the_secretariat_is_refused(client, network):
    secretariat_group_sync()
    client.force_login(UserFactory(email="staff@narva.ee", is_staff=True))
    for model in ["citytwin", "city", "contact", "sharedservice", "sector", "association"]:
        assert client.get(f"{ADMIN}/{model}/").status_code == 403, model
    for action in ["import", "export"]:
        assert client.get(f"{ADMIN}/city/{action}/").status_code == 403, action
        assert client.get(f"{ADMIN}/contact/{action}/").status_code == 403, action


def test_the_association_record_is_one_row_never_deleted(secretary_client, network):
    association = Association.objects.get()
    assert secretary_client.get(f"{ADMIN}/association/add/").status_code == 403
    delete = f"{ADMIN}/association/{association.pk}/delete/"
    assert secretary_client.get(delete).status_code == 403
    page = secretary_client.get(f"{ADMIN}/association/{association.pk}/change/")
    text = page.content.decode()
    assert association.purposes.first().text in text
    assert association.objectives.last().text in text
