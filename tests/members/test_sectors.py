"""The sectors of cooperation and their pages."""

import html
import re

import pytest

from members.models import (
    CityTwin,
    Sector,
    SharedService,
)
from tests.members.reading import page_text

pytestmark = pytest.mark.django_db


def test_sectors_lists_the_nine_sectors_in_the_brochures_order(client, network):
    response = client.get("/sectors/")
    assert response.status_code == 200
    names = re.findall(
        r'<h2><a href="/sectors/[\w-]+/">([^<]+)</a></h2>', response.content.decode()
    )
    assert [html.unescape(name) for name in names] == list(
        Sector.objects.values_list("name", flat=True)
    )
    assert len(names) == 9
    assert names[0] == "Co-operation between the city administrations"


def test_sector_page_shows_its_twins_and_its_shared_services(client, network):
    sector = Sector.objects.get(slug="education-and-training")
    CityTwin.objects.get(slug="tornio-haparanda").sectors.add(sector)
    response = client.get("/sectors/education-and-training/")
    assert response.status_code == 200
    text = page_text(response)
    assert "Education and training" in text
    assert listed_in_sector(response) == ["tornio-haparanda"]
    assert "Joint language school Tornio – Haparanda · since 1989" in text
    assert "Provincia Bothniensis" not in text


def listed_in_sector(response) -> list[str]:
    return re.findall(r'<h3 id="twin-([\w-]+)"', response.content.decode())


def test_an_unknown_sector_gets_the_sites_404_page(client, network):
    response = client.get("/sectors/astrology/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


# The derived border kind


def direct_count(sector) -> int:
    """Twins in `sector` counted by hand: a shared service in it, or the sector ticked."""
    by_service = set(SharedService.objects.filter(sector=sector).values_list("twin_id", flat=True))
    ticked = set(CityTwin.objects.filter(sectors=sector).values_list("pk", flat=True))
    return len(by_service | ticked)


@pytest.fixture
def sectors_in_use(network):
    """Tornio – Haparanda's services name four sectors; two twins tick culture, one of them
    also ticks a sector one of its services is in (counted once)."""
    culture = Sector.objects.get(slug="culture")
    CityTwin.objects.get(slug="valka-valga").sectors.add(culture)
    tornio = CityTwin.objects.get(slug="tornio-haparanda")
    tornio.sectors.add(culture, Sector.objects.get(slug="education-and-training"))


def test_sector_cards_pages_and_the_directory_count_the_same_twins(client, sectors_in_use):
    content = client.get("/sectors/").content.decode()
    cards = dict(
        re.findall(
            r'<h2><a href="/sectors/([\w-]+)/">.*?<p class="muted">(\d+) twins?', content, re.S
        )
    )
    assert len(cards) == 9
    for sector in Sector.objects.all():
        expected = direct_count(sector)
        assert int(cards[sector.slug]) == expected, sector.slug
        on_page = listed_in_sector(client.get(f"/sectors/{sector.slug}/"))
        filtered = re.findall(
            r'<h3 id="twin-([\w-]+)"', client.get(f"/twins/?sector={sector.slug}").content.decode()
        )
        assert len(on_page) == len(filtered) == expected, sector.slug
        assert sorted(on_page) == sorted(filtered)
    assert int(cards["culture"]) == 2
    assert int(cards["education-and-training"]) == 1
    assert int(cards["border-crossing"]) == 0


def test_a_sector_of_a_tornio_haparanda_service_lists_tornio_haparanda(client, network):
    sector = SharedService.objects.get(name="Provincia Bothniensis").sector
    assert not CityTwin.objects.filter(sectors=sector).exists()  # named by the service only
    response = client.get(f"/twins/?sector={sector.slug}")
    assert re.findall(r'<h3 id="twin-([\w-]+)"', response.content.decode()) == ["tornio-haparanda"]
    assert "1 twin · 1 shared service" in page_text(client.get("/sectors/"))


def test_a_twins_page_names_the_sectors_it_is_in_by_the_same_rule(client, sectors_in_use):
    for twin in CityTwin.objects.all():
        content = client.get(twin.get_absolute_url()).content.decode()
        section = re.search(r'<section aria-labelledby="twin-sectors">.*?</section>', content, re.S)
        named = (
            re.findall(r'<li><a href="/sectors/([\w-]+)/">', section.group(0)) if section else []
        )
        by_hand = [
            sector.slug
            for sector in Sector.objects.all()
            if twin.services.filter(sector=sector).exists()
            or twin.sectors.filter(pk=sector.pk).exists()
        ]
        assert named == by_hand, twin.slug
    tornio = client.get("/twins/tornio-haparanda/").content.decode()
    assert tornio.count('<li><a href="/sectors/') == 5  # four by its services, culture ticked


def test_the_admins_sector_list_counts_by_the_same_rule(client, sectors_in_use):
    from tests.factories import SecretaryFactory

    client.force_login(SecretaryFactory(is_superuser=True))
    response = client.get("/admin/members/sector/")
    counts = {sector.name: sector.twin_count for sector in response.context["cl"].result_list}
    assert counts == {sector.name: direct_count(sector) for sector in Sector.objects.all()}
    filtered = client.get(
        "/admin/members/citytwin/", {"sector": Sector.objects.get(slug="culture").pk}
    )
    assert {twin.slug for twin in filtered.context["cl"].result_list} == {
        "valka-valga",
        "tornio-haparanda",
    }
