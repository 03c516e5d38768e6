"""The admin's pages as a test drives them: its forms' data, a change list's rows, an upload."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

ADMIN = "/admin/members"
CSV, XLSX = "0", "1"  # the import and export formats' positions in the admin's forms


def form_data(response) -> dict:
    """What the admin page's form would post back unchanged, inlines included."""
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data = {}
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            elif isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, (list, tuple)):
                value = [str(item) for item in value]
            else:
                value = str(value)
            data[bound.html_name] = value
    return data


def changelist(client, model: str, query: str = "") -> list:
    response = client.get(f"{ADMIN}/{model}/{query}")
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def upload(client, model: str, name: str, content: bytes, file_format: str = CSV):
    return client.post(
        f"{ADMIN}/{model}/import/",
        {"resource": "0", "format": file_format, "import_file": SimpleUploadedFile(name, content)},
    )
