"""The sectors of cooperation and their pages."""

import html
import re

import pytest

from members.models import (
    CityTwin,
    Sector,
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
