"""The secretary's CSV and XLSX files: import with a preview, export, row errors."""

import io
from datetime import date

import openpyxl
import pytest

from members.models import City, Contact
from tests.members.admin_pages import ADMIN, CSV, XLSX, upload

pytestmark = pytest.mark.django_db


CITIES_CSV = (
    b"slug,twin,name,native_name,country,status,status_since,population\n"
    b"narva,narva-ivangorod,Narva,Narva,ee,Member,2006-12-01,53000\n"
    b"valga-parish,valka-valga,Valga Parish,Valga vald,EE,prospective,,5800\n"
)


def test_cities_import_with_a_preview_then_history(secretary_client, secretary, network):
    cities_before = City.objects.count()
    response = upload(secretary_client, "city", "cities.csv", CITIES_CSV)
    assert response.status_code == 200
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert [row.import_type for row in result.valid_rows()] == ["update", "new"]
    assert City.objects.count() == cities_before  # the preview writes nothing
    assert City.objects.get(slug="narva").population is None

    confirm = response.context["confirm_form"]
    response = secretary_client.post(f"{ADMIN}/city/process_import/", confirm.initial)
    assert response.status_code == 302
    narva = City.objects.get(slug="narva")
    assert narva.population == 53000
    assert narva.status_since == date(2006, 12, 1)
    new = City.objects.get(slug="valga-parish")
    assert new.twin.slug == "valka-valga"
    assert new.country.code == "EE"
    for city in (narva, new):
        entry = city.history.first()
        assert entry.history_user == secretary
        assert entry.history_change_reason == "import"


def test_an_unchanged_row_is_skipped_without_history(secretary_client, network):
    imatra = City.objects.get(slug="imatra")
    entries = imatra.history.count()
    content = b"slug,twin,name,country,status\nimatra,imatra-svetogorsk,Imatra,FI,member\n"
    response = upload(secretary_client, "city", "cities.csv", content)
    assert [row.import_type for row in response.context["result"].valid_rows()] == ["skip"]
    secretary_client.post(f"{ADMIN}/city/process_import/", response.context["confirm_form"].initial)
    assert imatra.history.count() == entries


def test_a_bad_cities_file_shows_row_errors_and_writes_nothing(secretary_client, network):
    content = (
        b"slug,twin,name,country,status\n"
        b"narva,no-such-twin,Narva,EE,member\n"
        b"tornio,tornio-haparanda,Tornio,XX,member\n"
        b"valga,valka-valga,Valga,EE,sleeping\n"
    )
    cities = list(City.objects.values_list("slug", "twin__slug", "country", "status"))
    history = City.history.count()
    response = upload(secretary_client, "city", "bad.csv", content)
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    page = response.content.decode()
    assert "There is no city twin with the slug “no-such-twin”." in page
    assert "“XX” is not a two-letter ISO country code." in page
    assert "“sleeping” is not one of: member, partner, prospective, former." in page
    assert list(City.objects.values_list("slug", "twin__slug", "country", "status")) == cities
    assert City.history.count() == history


def test_a_file_with_the_wrong_columns_is_explained(secretary_client, network):
    response = upload(secretary_client, "city", "wrong.csv", b"town,nation\nNarva,EE\n")
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    page = response.content.decode()
    assert "not present in the file headers: slug" in page
    assert "Traceback" not in page


def test_a_file_that_is_not_a_spreadsheet_is_refused(secretary_client, network):
    response = upload(secretary_client, "city", "cities.xlsx", b"not a workbook", XLSX)
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    assert response.context["form"].errors["import_file"]


def test_cities_export_to_xlsx(secretary_client, network):
    response = secretary_client.post(f"{ADMIN}/city/export/", {"resource": "0", "format": XLSX})
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:5] == ("slug", "twin", "name", "native_name", "country")
    assert len(body) == 14
    assert ("valka", "valka-valga", "Valka", "Valka", "LV") in [row[:5] for row in body]


def test_contacts_export_to_csv_and_import_back(secretary_client, contacts):
    response = secretary_client.post(f"{ADMIN}/contact/export/", {"resource": "0", "format": CSV})
    assert response.status_code == 200
    text = response.content.decode()
    assert text.splitlines()[0].startswith("city,name,role,visibility,email")
    assert "imatra,Anna Imatra," in text

    changed = text.replace("Anna Imatra,International affairs", "Anna Imatra,Mayor's office")
    response = upload(secretary_client, "contact", "contacts.csv", changed.encode())
    assert [row.import_type for row in response.context["result"].valid_rows()] == [
        "update",
        "skip",
    ]
    secretary_client.post(
        f"{ADMIN}/contact/process_import/", response.context["confirm_form"].initial
    )
    contact = Contact.objects.get(name="Anna Imatra")
    assert contact.role == "Mayor's office"
    assert contact.history.first().history_change_reason == "import"


def test_a_contact_in_an_unknown_city_is_a_row_error(secretary_client, contacts):
    content = b"city,name,visibility\natlantis,Nobody,public\nimatra,Someone,everyone\n"
    response = upload(secretary_client, "contact", "contacts.csv", content)
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    page = response.content.decode()
    assert "There is no city with the slug “atlantis”." in page
    assert Contact.objects.count() == 2
