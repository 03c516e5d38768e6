"""A time zone per city: loaded from the record, checked against the IANA database, never
loaded over what the secretary edited."""

import pytest
from django.core.exceptions import ValidationError

from members import record
from members.models import City
from members.services.record import network_load

pytestmark = pytest.mark.django_db


def test_the_loader_gives_every_city_of_the_record_its_time_zone(network):
    zones = dict(City.objects.values_list("slug", "time_zone"))
    assert zones == record.TIME_ZONES
    assert len(zones) == 14
    # One twin, two zones: Finland and Sweden are an hour apart.
    assert zones["tornio"] == "Europe/Helsinki"
    assert zones["haparanda"] == "Europe/Stockholm"


def test_a_city_the_secretary_edited_gets_its_blank_time_zone_and_keeps_the_edit(network):
    narva = City.objects.get(slug="narva")
    narva.time_zone = ""
    narva.population = 53_000
    narva._change_reason = None  # an edit in the admin
    narva.save()

    report = network_load()

    narva.refresh_from_db()
    assert narva.time_zone == "Europe/Tallinn"
    assert narva.population == 53_000
    assert report.updated == 1
    # Still the secretary's row: the next load changes nothing in it.
    narva.population = 54_000
    narva._change_reason = None
    narva.save()
    City.objects.filter(pk=narva.pk).update(native_name="Нарва")
    network_load()
    narva.refresh_from_db()
    assert narva.native_name == "Нарва"


def test_a_time_zone_the_secretary_chose_is_kept(network):
    haparanda = City.objects.get(slug="haparanda")
    haparanda.time_zone = "Europe/Helsinki"
    haparanda._change_reason = None
    haparanda.save()
    network_load()
    haparanda.refresh_from_db()
    assert haparanda.time_zone == "Europe/Helsinki"


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "EET+2", "europe/tallinn "])
def test_a_time_zone_must_be_an_iana_name(network, name):
    narva = City.objects.get(slug="narva")
    narva.time_zone = name
    with pytest.raises(ValidationError) as caught:
        narva.full_clean()
    assert "time_zone" in caught.value.message_dict
