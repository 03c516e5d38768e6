"""The record in the reader's language (django-modeltranslation): sectors, the association's
texts, and city and twin names where a language has its own, the city's own name beside it."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from members.models import Association, City, CityTwin, Purpose, Sector
from members.services.record import network_load
from tests.factories import SecretaryFactory
from tests.members.test_admin import form_data

pytestmark = pytest.mark.django_db


def test_the_loader_writes_english_and_the_exonyms_it_knows(network):
    frankfurt = City.objects.get(slug="frankfurt-oder")
    assert frankfurt.name_en == "Frankfurt (Oder)"
    assert frankfurt.name_pl == "Frankfurt nad Odrą"
    assert frankfurt.name_fi is None  # Finnish readers read the English name
    twin = CityTwin.objects.get(slug="frankfurt-oder-slubice")
    assert (twin.name_en, twin.name_pl) == (
        "Frankfurt (Oder) – Słubice",
        "Frankfurt nad Odrą – Słubice",
    )
    assert CityTwin.objects.get(slug="tornio-haparanda").name_sv == "Torneå – Haparanda"
    assert Sector.objects.filter(name_en="").count() == 0
    assert Association.objects.get().summary_en


def test_the_loader_keeps_an_exonym_the_secretary_changed(network):
    svetogorsk = City.objects.get(slug="svetogorsk")
    svetogorsk.name_fi = "Ensso"
    svetogorsk.save()  # the secretary's save: the row is theirs now
    network_load()
    svetogorsk.refresh_from_db()
    assert svetogorsk.name_fi == "Ensso"


def test_a_polish_reader_sees_frankfurt_nad_odra_with_its_own_name_beside(client, network):
    content = client.get("/pl/twins/frankfurt-oder-slubice/").content.decode()
    assert "<h1>Frankfurt nad Odrą – Słubice</h1>" in content
    assert '<h2 id="city-frankfurt-oder">Frankfurt nad Odrą</h2>' in content
    assert '<span lang="de">Frankfurt (Oder)</span>' in content
    english = client.get("/twins/frankfurt-oder-slubice/").content.decode()
    assert "Frankfurt nad Odrą" not in english
    assert '<h2 id="city-frankfurt-oder" lang="de">Frankfurt (Oder)</h2>' in english


def test_the_directory_lists_russian_names_with_the_native_ones(client, network):
    content = client.get("/ru/twins/").content.decode()
    assert re.search(
        r'<span class="city-name">Нарва</span> '
        r'<span class="native-name">\(<span lang="et">Narva</span>\)',
        content,
    )


def test_sectors_and_the_record_read_in_the_reader_s_language_or_english(client, network):
    sector = Sector.objects.get(slug="city-administrations")
    sector.name_fi = "Kaupunkien hallintojen yhteistyö"
    sector.name_sv = ""  # not translated: reads in English
    sector.save()
    association = Association.objects.get()
    association.summary_de = "Der Verein verbindet Städtepaare an den Grenzen der EU."
    association.save()
    purpose = Purpose.objects.order_by("position").first()
    purpose.text_de = "Zusammenarbeit der Städtepaare fördern."
    purpose.save()
    assert "Kaupunkien hallintojen yhteistyö" in client.get("/fi/sectors/").content.decode()
    assert "Kaupunkien hallintojen yhteistyö" not in client.get("/sectors/").content.decode()
    assert (
        "Co-operation between the city administrations"
        in client.get("/sv/sectors/").content.decode()
    )
    about = client.get("/de/about/").content.decode()
    assert "Der Verein verbindet Städtepaare" in about
    assert "Zusammenarbeit der Städtepaare fördern." in about
    assert "Der Verein verbindet" not in client.get("/about/").content.decode()


def test_the_secretary_translates_a_sector_in_the_admin(client, network):
    client.force_login(SecretaryFactory(email="secretary@imatra.fi", is_superuser=True))
    sector = Sector.objects.get(slug="culture")
    url = f"/admin/members/sector/{sector.pk}/change/"
    response = client.get(url)
    assert 'name="name_fi"' in response.content.decode()
    assert 'name="name_cs"' in response.content.decode()
    data = form_data(response)
    data["name_fi"] = "Kulttuuriyhteistyö"
    assert client.post(url, data).status_code == 302
    sector.refresh_from_db()
    assert (sector.name_en, sector.name_fi) == ("Cultural co-operation", "Kulttuuriyhteistyö")


def test_history_keeps_every_language_of_a_name(network):
    city = City.objects.get(slug="cieszyn")
    city.name_de = "Teschen (Polen)"
    city.save()
    latest, before = city.history.all()[:2]
    assert (latest.name_en, latest.name_de) == ("Cieszyn", "Teschen (Polen)")
    before.instance.save()  # a revert
    city.refresh_from_db()
    assert (city.name_en, city.name_de, city.name_cs) == ("Cieszyn", "Teschen", "Těšín")


@pytest.mark.parametrize(
    "path", ["/twins/", "/twins/frankfurt-oder-slubice/", "/sectors/", "/about/", "/"]
)
def test_a_page_in_polish_runs_the_queries_it_runs_in_english(client, network, path):
    counts = {}
    for prefix in ("", "/pl"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(prefix + path).status_code == 200
        counts[prefix] = len(queries)
    assert counts[""] == counts["/pl"]


def test_searching_and_ordering_use_the_reader_s_names(network):
    with translation.override("ru"):
        assert CityTwin.objects.filter(name__startswith="Нарва").exists()
        assert City.objects.get(name="Франкфурт-на-Одере").slug == "frankfurt-oder"
