"""The secretary's CSV and XLSX files of cities and contacts (django-import-export).

Rows name their related records by slug, countries by ISO 3166 code and choices by value or
label, so a file written by hand imports as readily as one the admin exported. Every fault in a
row is reported against that row in the import preview; nothing is written until it is clean.
"""

from diff_match_patch import diff_match_patch
from django.db import models
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries
from import_export import fields, resources, widgets
from import_export.resources import Diff

from citytwins.spreadsheets import csv_cell_unquote
from members.models import City, CityTwin, Contact, MembershipStatus, Visibility

IMPORT_REASON = "import"


class SlugForeignKeyWidget(widgets.ForeignKeyWidget):
    """A related row named by its slug; an unknown slug is a row error, not a crash."""

    def __init__(self, model: type[models.Model], **kwargs):
        super().__init__(model, field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value.strip() if isinstance(value, str) else value, row)
        except self.model.DoesNotExist:
            raise ValueError(
                _("There is no %(model)s with the slug “%(slug)s”.")
                % {"model": self.model._meta.verbose_name, "slug": value}
            ) from None


class CountryWidget(widgets.Widget):
    """A country by its two-letter ISO 3166 code, in either case."""

    def clean(self, value, row=None, **kwargs):
        code = str(value or "").strip().upper()
        if code and code not in countries:
            raise ValueError(
                _("“%(value)s” is not a two-letter ISO country code.") % {"value": value}
            )
        return code

    def render(self, value, obj=None, **kwargs):
        return getattr(value, "code", value) or ""


class ChoiceWidget(widgets.Widget):
    """One of a field's choices, by its stored value or its label, in either case."""

    def __init__(self, choices: type[models.TextChoices], **kwargs):
        super().__init__(**kwargs)
        self.choices = choices
        self.lookup = {}
        for value, label in choices.choices:
            self.lookup[value.casefold()] = value
            self.lookup[str(label).casefold()] = value

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return ""
        try:
            return self.lookup[text.casefold()]
        except KeyError:
            raise ValueError(
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": value, "choices": ", ".join(self.choices.values)}
            ) from None


class PlainDiff(Diff):
    """The preview's changes marked by <ins> and <del> alone: the admin's CSP forbids the
    inline style attributes diff-match-patch writes, and import.css colours the tags."""

    def as_html(self):
        dmp = diff_match_patch()
        tags = {dmp.DIFF_INSERT: "ins", dmp.DIFF_DELETE: "del", dmp.DIFF_EQUAL: "span"}
        cells = []
        for before, after in zip(self.left, self.right, strict=False):
            if before != after and self.new:
                before = ""
            diff = dmp.diff_main(str(before), str(after))
            dmp.diff_cleanupSemantic(diff)
            cells.append(
                mark_safe(  # noqa: S308 - every piece of text is escaped
                    "".join(f"<{tags[op]}>{escape(text)}</{tags[op]}>" for op, text in diff if text)
                )
            )
        return cells


class NetworkResource(resources.ModelResource):
    """Shared behaviour: validate each row like a form would, mark the history entries."""

    @classmethod
    def get_diff_class(cls):
        return PlainDiff

    def before_import_row(self, row, **kwargs):
        # A file the admin exported quoted its risky cells (citytwins.spreadsheets): read back,
        # the value is the one that was exported.
        for column, value in row.items():
            row[column] = csv_cell_unquote(value)

    def before_save_instance(self, instance, row, **kwargs):
        # The history's "what" for rows that came from a file (the middleware records who).
        instance._change_reason = IMPORT_REASON


class CityResource(NetworkResource):
    twin = fields.Field(attribute="twin", column_name="twin", widget=SlugForeignKeyWidget(CityTwin))
    country = fields.Field(attribute="country", column_name="country", widget=CountryWidget())
    status = fields.Field(
        attribute="status", column_name="status", widget=ChoiceWidget(MembershipStatus)
    )

    class Meta:
        model = City
        name = gettext_lazy("Cities (slug identifies the city; twin by slug, country by ISO code)")
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "twin",
            "name",
            "native_name",
            "country",
            "position",
            "status",
            "status_since",
            "status_note",
            "population",
            "website",
            "latitude",
            "longitude",
            "time_zone",
        ]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class ContactResource(NetworkResource):
    city = fields.Field(attribute="city", column_name="city", widget=SlugForeignKeyWidget(City))
    # An empty cell means the model's default visibility, as in the admin's form.
    visibility = fields.Field(
        attribute="visibility",
        column_name="visibility",
        widget=ChoiceWidget(Visibility),
        default=Visibility.PUBLIC,
    )
    email_visibility = fields.Field(
        attribute="email_visibility",
        column_name="email_visibility",
        widget=ChoiceWidget(Visibility),
        default=Visibility.MEMBERS,
    )
    phone_visibility = fields.Field(
        attribute="phone_visibility",
        column_name="phone_visibility",
        widget=ChoiceWidget(Visibility),
        default=Visibility.MEMBERS,
    )

    class Meta:
        model = Contact
        name = gettext_lazy("Contacts (a city’s slug and the person’s name identify a contact)")
        import_id_fields = ["city", "name"]
        fields = ["city", *Contact.DETAILS, "position"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return super().get_queryset().select_related("city")
