"""A new portal reads in each of its languages: `load_network` writes the record's translations
(members/record_translations/) beside its English, keeps what the secretary changed, and a second
run changes nothing."""

import html
import re

import pytest
from django.conf import settings
from django.utils.text import capfirst
from modeltranslation.translator import translator

from members import record
from members.models import Association, Objective, Purpose, Sector
from members.record_translations import de, fi, pl
from members.services.record import LoadReport, network_load
from tests.members.reading import page_text

pytestmark = pytest.mark.django_db

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
RECORD_MODELS = (Sector, Association, Purpose, Objective)
# The brand: "About the City Twins Association" is translated around it in every catalogue.
BRAND = {(Association, "name")}


def translated_columns() -> dict[str, object]:
    """Every <field>_<language> of the record's texts, by model, row and column."""
    columns = {}
    for model in RECORD_MODELS:
        fields = translator.get_options_for_model(model).fields
        for row in model.objects.order_by("pk"):
            for field in fields:
                for code, _name in settings.LANGUAGES:
                    column = f"{field}_{code}"
                    columns[f"{model.__name__}:{row.pk}:{column}"] = getattr(row, column)
    return columns


def test_every_text_of_the_record_is_filled_in_every_language(network):
    empty = []
    for model in RECORD_MODELS:
        for row in model.objects.all():
            for field in translator.get_options_for_model(model).fields:
                if not getattr(row, f"{field}_en") or (model, field) in BRAND:
                    continue
                empty += [
                    f"{model.__name__} {row.pk} {field}_{code}"
                    for code in OTHER_LANGUAGES
                    if not getattr(row, f"{field}_{code}")
                ]
    assert empty == []
    assert Purpose.objects.count() == len(record.PURPOSES) == 13
    assert Objective.objects.count() == len(record.OBJECTIVES) == 8
    association = Association.objects.get()
    assert [getattr(association, f"name_{code}") for code in OTHER_LANGUAGES] == [None] * 8
    assert {getattr(association, f"summary_{code}") for code in OTHER_LANGUAGES} != {
        association.summary_en
    }


def test_polish_readers_read_the_sectors_in_polish(client, network):
    content = client.get("/pl/sectors/").content.decode()
    names = re.findall(r'<h2><a href="/pl/sectors/[\w-]+/">([^<]+)</a></h2>', content)
    assert [html.unescape(name) for name in names] == [
        pl.SECTORS[slug] for slug, _name in record.SECTORS
    ]
    assert names[0] == "Współpraca administracji miejskich"
    assert "Co-operation between the city administrations" not in content
    english = client.get("/sectors/").content.decode()
    assert "Co-operation between the city administrations" in english
    assert "Współpraca administracji miejskich" not in english


def test_finnish_readers_read_the_purposes_and_objectives_in_finnish(client, network):
    text = page_text(client.get("/fi/about/"))
    for purpose in fi.PURPOSES:
        assert capfirst(purpose) in text
    for objective in fi.OBJECTIVES:
        assert capfirst(objective) in text
    assert "Kaksoiskaupunkien välisiä yhteistyöongelmia ratkaistaan tehokkaimmin" in text
    assert capfirst(record.PURPOSES[1]) not in text
    assert "Tietoa: City Twins Association" in text


def test_german_readers_read_the_introduction_in_german(client, network):
    content = client.get("/de/").content.decode()
    assert f'<p class="lead">{html.escape(de.ASSOCIATION["summary"])}</p>' in content
    assert "Die City Twins Association verbindet Paare von Grenzstädten" in content
    assert record.ASSOCIATION["summary"][:40] not in content
    assert record.ASSOCIATION["summary"][:40] in client.get("/").content.decode()


def test_a_second_load_changes_nothing(network):
    before = translated_columns()
    histories = [model.history.count() for model in (Association, Purpose, Objective)]
    assert network_load() == LoadReport(unchanged=56)
    assert translated_columns() == before
    assert [model.history.count() for model in (Association, Purpose, Objective)] == histories


def test_the_secretary_s_translations_survive_a_reload(network):
    sector = Sector.objects.get(slug="culture")
    sector.name_pl = "Kultura"
    sector.save()
    association = Association.objects.get()
    association.summary_fi = "Sihteerin oma esittely."
    association.save()  # the secretary's save: the row is theirs now
    purpose = Purpose.objects.get(position=0)
    purpose.text_de = "Probleme der Mitglieder zur Sprache bringen"
    purpose.save()
    network_load()
    assert Sector.objects.get(slug="culture").name_pl == "Kultura"
    association.refresh_from_db()
    assert association.summary_fi == "Sihteerin oma esittely."
    assert association.origin_fi == fi.ASSOCIATION["origin"]
    purpose.refresh_from_db()
    assert purpose.text_de == "Probleme der Mitglieder zur Sprache bringen"
    assert purpose.text_pl == pl.PURPOSES[0]


def test_a_portal_loaded_before_the_translations_gets_them_on_its_next_load(network):
    columns = {f"{field}_{code}": "" for field in ("name",) for code in OTHER_LANGUAGES}
    Sector.objects.update(**columns)
    Purpose.objects.update(**{f"text_{code}": "" for code in OTHER_LANGUAGES})
    association = Association.objects.get()
    for code in OTHER_LANGUAGES:
        setattr(association, f"background_{code}", "")
    association._change_reason = "load_network"
    association.save()
    network_load()
    assert Sector.objects.get(slug="border-crossing").name_pl == "Przekraczanie granicy"
    assert Purpose.objects.get(position=12).text_fi == fi.PURPOSES[12]
    association.refresh_from_db()
    assert association.background_de == de.ASSOCIATION["background"]
    assert network_load().updated == 0


def test_a_text_the_secretary_rewrote_in_english_gets_no_translation_of_the_old_one(network):
    association = Association.objects.get()
    association.main_goal_en = "Our main goal, in the secretary's words."
    association.main_goal_pl = ""
    association.save()
    purpose = Purpose.objects.get(position=2)
    purpose.text_en = "to bring the twins' standards of living closer"
    purpose.text_pl = ""
    purpose.save()
    network_load()
    association.refresh_from_db()
    purpose.refresh_from_db()
    assert association.main_goal_en == "Our main goal, in the secretary's words."
    assert not association.main_goal_pl  # reads the secretary's English
    assert association.main_goal_fi == fi.ASSOCIATION["main_goal"]  # still the record's, kept
    assert not purpose.text_pl
